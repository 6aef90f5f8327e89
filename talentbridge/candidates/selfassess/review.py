"""Submitting a self-assessment, and the assessor's review of it, item by item.

Each answer becomes a review item. Accepting an item writes it into the assessment draft as
self-reported evidence (skills get ``EvidenceLevel.SELF_REPORTED`` and source
``self_assessment``; languages fill only the *self* CEFR levels, never the tested ones).
Nothing is merged without an assessor's click.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from talentbridge.privacy import audit
from talentbridge.privacy.consent import Purpose, has_consent

from .. import assessments
from ..models import (
    AssessedSkill,
    Candidate,
    EvidenceLevel,
    LanguageSkill,
    SelfAssessment,
    SelfAssessmentCode,
)
from ..permissions import require_edit
from ..standards import language_name
from . import questions as Q

A = audit.AuditEvent.Action


class AlreadySubmitted(Exception):
    pass


@transaction.atomic
def submit(code: SelfAssessmentCode, language: str, answers: dict) -> SelfAssessment:
    """Store the candidate's answers (once per code). Needs consent to the assessment."""
    candidate = code.candidate
    if SelfAssessment.objects.filter(code=code).exists():
        raise AlreadySubmitted
    if not has_consent(candidate, Purpose.ASSESSMENT):
        raise ValidationError({"consent": "consent to the assessment is needed"})
    answers = {**answers, "submitted_language": language}
    result = SelfAssessment.objects.create(
        candidate=candidate, code=code, language=language, answers=answers
    )
    audit.record(None, A.CREATE, result, actor_label=f"candidate:{candidate.reference}")
    return result


def pending(candidate: Candidate):
    return SelfAssessment.objects.filter(
        candidate=candidate, status=SelfAssessment.Status.SUBMITTED
    )


@dataclass
class Item:
    key: str
    kind: str
    text: str
    payload: dict
    state: str  # open, accepted, dismissed
    needs_concept: str = ""  # "occupations" or "skills" when the assessor must pick an ESCO concept
    search: str = ""
    search_language: str = "en"


def _label(items, value):
    return next((str(item[1]) for item in items if item[0] == value), value)


def items(selfassessment: SelfAssessment) -> list[Item]:
    """The review items in staff language (the active one)."""
    a = selfassessment.answers or {}
    out: list[Item] = []

    def add(key, kind, text, payload, **extra):
        state = (
            "accepted"
            if key in selfassessment.accepted
            else "dismissed"
            if key in selfassessment.dismissed
            else "open"
        )
        out.append(Item(key, kind, text, payload, state, **extra))

    if a.get("wishes"):
        add(
            "wishes",
            "wishes",
            ", ".join(_label(Q.WISHES, w) for w in a["wishes"]),
            {"wishes": a["wishes"]},
        )
    education = a.get("education") or {}
    if education.get("level") and education["level"] != "none":
        text = _label(Q.EDUCATION, education["level"])
        if education.get("school_years") is not None:
            text += " · " + _("%(years)s years of school") % {"years": education["school_years"]}
        add("education", "education", text, education)
    for i, job in enumerate(a.get("jobs", [])):
        years = job.get("years")
        text = job["title"] + (
            " · " + _("%(years)s years") % {"years": years} if years is not None else ""
        )
        add(
            f"job:{i}",
            "job",
            text,
            job,
            needs_concept="occupations",
            search=job["title"],
            search_language=selfassessment.language,
        )
    for area in a.get("skills", []):
        add(
            f"skill:{area}",
            "skill",
            _label(Q.SKILL_AREAS, area),
            {"area": area},
            needs_concept="skills",
            search=Q.SKILL_PHRASES.get(area, area),
        )
    for lang in a.get("languages", []):
        text = f"{language_name(lang['code'])}: {_label(Q.LANGUAGE_LEVELS, lang.get('level', '')) or '—'}"
        add(f"language:{lang['code']}", "language", text, lang)
    if a.get("licences"):
        add("licences", "licences", ", ".join(a["licences"]), {"licences": a["licences"]})
    if a.get("digital"):
        add("digital", "digital", _label(Q.DIGITAL, a["digital"]), {"digital": a["digital"]})
    if a.get("other"):
        add("other", "other", a["other"], {"other": a["other"]})
    return out


def read(user, selfassessment: SelfAssessment) -> SelfAssessment:
    audit.record(user, A.READ, selfassessment)
    return selfassessment


def _apply(user, candidate: Candidate, item: Item, concept_uri: str) -> None:
    kind, p = item.kind, item.payload
    if kind == "wishes":
        wishes = set(p["wishes"])
        assessments.update_main(
            user,
            candidate,
            {
                "wants_job": "work" in wishes,
                "wants_education": "education" in wishes,
                "wants_danish_lessons": "danish" in wishes,
                "wants_self_employment": "business" in wishes,
            },
        )
    elif kind == "education":
        level = Q.EDUCATION_TO_ISCED.get(p["level"])
        title = "vocational training" if p["level"] == "vocational" else ""
        assessments.add_entry(
            user,
            candidate,
            "education",
            {"isced_level": level, "title": title, "years": p.get("school_years")},
        )
    elif kind == "job":
        assessments.add_entry(
            user,
            candidate,
            "work_experience",
            {
                "occupation_uri": concept_uri or None,
                "title": p["title"],
                "years": p.get("years") or 0,
            },
        )
    elif kind == "skill":
        if not concept_uri:
            raise ValidationError({"skill_uri": "Choose the ESCO skill that fits the answer."})
        draft = assessments.draft_for_change(user, candidate)
        if draft.skills.filter(skill__uri=concept_uri).exists():
            return  # already recorded, with at least this evidence
        assessments.add_entry(
            user,
            candidate,
            "skills",
            {
                "skill_uri": concept_uri,
                "level": 2,
                "evidence": EvidenceLevel.SELF_REPORTED,
                "source": AssessedSkill.Source.SELF_ASSESSMENT,
                "note": f"self-assessment: {p['area']}",
            },
        )
    elif kind == "language":
        _merge_language(user, candidate, p)
    elif kind == "licences":
        draft = assessments.draft_for_change(user, candidate)
        assessments.update_main(
            user,
            candidate,
            {"driving_licences": sorted(set(draft.driving_licences or []) | set(p["licences"]))},
        )
    elif kind == "digital":
        assessments.update_main(
            user, candidate, {"digital_level": Q.DIGITAL_TO_LEVEL[p["digital"]]}
        )
    elif kind == "other":
        draft = assessments.draft_for_change(user, candidate)
        note = (draft.expectations_note + "\n" if draft.expectations_note else "") + _(
            "Self-assessment: %(text)s"
        ) % {"text": p["other"]}
        assessments.update_main(user, candidate, {"expectations_note": note})


def _merge_language(user, candidate: Candidate, p: dict) -> None:
    """Self-reported levels only; a tested level is never touched."""
    draft = assessments.draft_for_change(user, candidate)
    level = Q.LEVEL_TO_CEFR.get(p.get("level", ""), "")
    existing = LanguageSkill.objects.filter(assessment=draft, language=p["code"]).first()
    data = {"language": p["code"], "mother_tongue": p.get("level") == "mother"}
    if level:
        data.update({"self_understanding": level, "self_speaking": level, "self_writing": level})
    if existing is None:
        assessments.add_entry(user, candidate, "languages", data)
    else:
        assessments.update_entry(user, candidate, "languages", existing.pk, data)


@transaction.atomic
def decide(
    user, selfassessment: SelfAssessment, key: str, accept: bool, concept_uri: str = ""
) -> None:
    """Accept an item into the draft assessment, or dismiss it."""
    candidate = selfassessment.candidate
    require_edit(user, candidate)
    found = next((item for item in items(selfassessment) if item.key == key), None)
    if found is None:
        raise ValidationError({"item": f"No item {key!r} in this self-assessment."})
    if found.state != "open":
        raise ValidationError({"item": "This item has already been reviewed."})
    if accept:
        _apply(user, candidate, found, concept_uri)
        selfassessment.accepted = [*selfassessment.accepted, key]
    else:
        selfassessment.dismissed = [*selfassessment.dismissed, key]
    if all(item.state != "open" for item in items(selfassessment)):
        selfassessment.status = SelfAssessment.Status.REVIEWED
        selfassessment.reviewed_by = user if getattr(user, "pk", None) else None
        selfassessment.reviewed_at = timezone.now()
    selfassessment.save()
    audit.record(user, A.UPDATE, selfassessment, detail={"item": key, "accepted": accept})


@transaction.atomic
def close(user, selfassessment: SelfAssessment) -> None:
    """Mark as reviewed; open items stay unmerged."""
    require_edit(user, selfassessment.candidate)
    selfassessment.status = SelfAssessment.Status.REVIEWED
    selfassessment.reviewed_by = user if getattr(user, "pk", None) else None
    selfassessment.reviewed_at = timezone.now()
    selfassessment.save()
    audit.record(user, A.UPDATE, selfassessment, detail={"closed": True})


def concept_suggestions(kind: str, text: str, language: str = "en", top: int = 5) -> list[dict]:
    """ESCO concepts that may fit a free-text answer, from the taxonomy's suggest service."""
    if not text:
        return []
    from talentbridge.taxonomy import services as taxonomy

    try:
        results = taxonomy.suggest(kind, text, lang=language, top=top)
    except Exception:  # pragma: no cover - a suggestion is a convenience, never a failure
        return []
    return [
        {"uri": r["uri"], "label": r["label"]} for r in results if r.get("kind") != "isco-group"
    ]
