"""The versioned competence assessment: drafts, sections, sign-off and history.

A signed-off version is frozen. The first change after a sign-off copies it into a new draft
with the next version number, so the history keeps every signed version as it was. An
assessment needs the candidate's consent to the assessment purpose; without it (or after a
withdrawal) no draft can be started or changed.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from talentbridge.privacy import audit
from talentbridge.privacy.consent import Purpose, has_consent
from talentbridge.taxonomy.models import Concept, Kind

from .models import (
    AssessedSkill,
    Assessment,
    Candidate,
    Certificate,
    EducationEntry,
    LanguageSkill,
    WorkExperience,
)
from .permissions import require_edit
from .standards import is_language_code, language_code_error

A = audit.AuditEvent.Action

MAIN_FIELDS = (
    "interpreter_language",
    "assessed_on",
    "personal_situation",
    "wants_job",
    "wants_education",
    "wants_danish_lessons",
    "wants_self_employment",
    "preferred_sectors",
    "willing_to_move",
    "max_distance_km",
    "expectations_note",
    "digital_level",
    "digital_note",
    "driving_licences",
    "appraisal",
    "next_steps",
)
DRIVING_LICENCES = (
    "AM",
    "A1",
    "A2",
    "A",
    "B",
    "BE",
    "C1",
    "C1E",
    "C",
    "CE",
    "D1",
    "D1E",
    "D",
    "DE",
    "T",
)

# Per section: the model, the fields taken from input, and which input names an ESCO concept.
SECTIONS = {
    "education": (
        EducationEntry,
        (
            "isced_level",
            "isced_field",
            "title",
            "country",
            "years",
            "completed",
            "documents_held",
            "recognition",
        ),
        {},
    ),
    "work_experience": (
        WorkExperience,
        ("title", "years", "country", "last_year", "tasks"),
        {"occupation_uri": ("occupation", Kind.OCCUPATION)},
    ),
    "skills": (
        AssessedSkill,
        ("level", "evidence", "note", "source"),
        {"skill_uri": ("skill", Kind.SKILL)},
    ),
    "languages": (
        LanguageSkill,
        (
            "language",
            "mother_tongue",
            "self_understanding",
            "self_speaking",
            "self_writing",
            "tested_understanding",
            "tested_speaking",
            "tested_writing",
        ),
        {},
    ),
    "certificates": (Certificate, ("name", "issuer", "year"), {"skill_uri": ("skill", Kind.SKILL)}),
}


def versions(candidate: Candidate):
    return (
        Assessment.objects.filter(candidate=candidate)
        .select_related("assessor", "signed_off_by")
        .order_by("-version")
    )


def latest(candidate: Candidate) -> Assessment | None:
    return versions(candidate).first()


def read_assessment(user, assessment: Assessment) -> Assessment:
    audit.record(user, A.READ, assessment)
    return assessment


def history(user, candidate: Candidate) -> list[Assessment]:
    items = list(versions(candidate))
    audit.record_many(user, A.READ, items, detail={"history": True})
    return items


def _require_consent(candidate: Candidate) -> None:
    if not has_consent(candidate, Purpose.ASSESSMENT):
        raise ValidationError(
            {"consent": "The candidate has not consented to the competence assessment."}
        )


def _user_or_none(user):
    return user if getattr(user, "pk", None) else None


def _copy(signed: Assessment, user) -> Assessment:
    """A new draft with everything of ``signed``, version + 1."""
    draft = Assessment.objects.get(pk=signed.pk)
    preferred = list(signed.preferred_occupations.all())
    draft.pk = None
    draft.id = None
    draft._state.adding = True
    draft.version = (
        Assessment.objects.filter(candidate=signed.candidate).aggregate(m=Max("version"))["m"] or 0
    ) + 1
    draft.status = Assessment.Status.DRAFT
    draft.signed_off_at = None
    draft.signed_off_by = None
    draft.assessor = _user_or_none(user) or signed.assessor
    draft.save()
    draft.preferred_occupations.set(preferred)
    for model, related in (
        (EducationEntry, "education"),
        (WorkExperience, "work_experience"),
        (AssessedSkill, "skills"),
        (LanguageSkill, "languages"),
        (Certificate, "certificates"),
    ):
        rows = list(getattr(signed, related).all())
        for row in rows:
            row.pk = None
            row.id = None
            row.assessment = draft
        model.objects.bulk_create(rows)
    return draft


@transaction.atomic
def draft_for_change(user, candidate: Candidate) -> Assessment:
    """The draft to change: the open draft, a copy of the last signed version, or version 1."""
    require_edit(user, candidate)
    _require_consent(candidate)
    current = (
        Assessment.objects.select_for_update()
        .filter(candidate=candidate)
        .order_by("-version")
        .first()
    )
    if current is not None and current.status == Assessment.Status.DRAFT:
        if current.assessor_id is None and _user_or_none(user):
            current.assessor = user
            current.save(update_fields=["assessor"])
        return current
    if current is not None:
        draft = _copy(current, user)
        audit.record(
            user,
            A.CREATE,
            draft,
            detail={"version": draft.version, "from_version": current.version},
        )
        return draft
    draft = Assessment.objects.create(
        candidate=candidate,
        version=1,
        assessor=_user_or_none(user),
        assessed_on=timezone.localdate(),
    )
    audit.record(user, A.CREATE, draft, detail={"version": 1})
    return draft


def _clean_main(data: dict) -> dict:
    data = {k: v for k, v in data.items() if k in MAIN_FIELDS}
    if "driving_licences" in data:
        licences = data["driving_licences"] or []
        if isinstance(licences, str):
            licences = [x for x in licences.replace(",", " ").split()]
        wanted = {str(x).strip().upper() for x in licences if str(x).strip()}
        bad = sorted(wanted - set(DRIVING_LICENCES))
        if bad:
            raise ValidationError(
                {"driving_licences": f"Unknown licence categories: {', '.join(bad)}"}
            )
        data["driving_licences"] = [x for x in DRIVING_LICENCES if x in wanted]
    if "preferred_sectors" in data:
        sectors = data["preferred_sectors"] or []
        if isinstance(sectors, str):
            sectors = [s.strip() for s in sectors.split(",")]
        data["preferred_sectors"] = [s for s in (str(x).strip() for x in sectors) if s]
    if data.get("interpreter_language") and not is_language_code(data["interpreter_language"]):
        raise ValidationError(
            {"interpreter_language": language_code_error(data["interpreter_language"])}
        )
    return data


@transaction.atomic
def update_main(user, candidate: Candidate, data: dict) -> Assessment:
    draft = draft_for_change(user, candidate)
    cleaned = _clean_main(data)
    for key, value in cleaned.items():
        setattr(draft, key, value)
    if "preferred_occupations" in data:
        draft.preferred_occupations.set(
            [
                resolve_concept(uri, Kind.OCCUPATION, "preferred_occupations")
                for uri in data["preferred_occupations"] or []
            ]
        )
    draft.full_clean(exclude=["candidate", "assessor", "signed_off_by"])
    draft.save()
    audit.record(user, A.UPDATE, draft, detail={"fields": sorted(cleaned)})
    return draft


def resolve_concept(uri: str, kind: str, field: str) -> Concept:
    try:
        return Concept.objects.get(uri=(uri or "").strip(), kind=kind)
    except Concept.DoesNotExist:
        raise ValidationError({field: f"Not an ESCO {kind} URI known here: {uri!r}"}) from None


def _decimal(value, field: str):
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({field: f"Not a number: {value!r}"}) from None


def _fill(section: str, entry, data: dict):
    model, fields, concepts = SECTIONS[section]
    for name in fields:
        if name in data:
            value = data[name]
            if name == "years":
                value = _decimal(value, name)
                if value is None and section == "work_experience":
                    value = Decimal(0)
            if name == "country" and value:
                value = str(value).upper()
            if name in ("evidence", "level", "isced_level", "year", "last_year") and value not in (
                None,
                "",
            ):
                try:
                    value = int(value)
                except (TypeError, ValueError):
                    raise ValidationError({name: f"Not a whole number: {value!r}"}) from None
            setattr(
                entry,
                name,
                "" if value is None and name not in ("years", "year", "last_year") else value,
            )
    for key, (attr, kind) in concepts.items():
        if key in data:
            uri = data[key]
            setattr(entry, attr, resolve_concept(uri, kind, key) if uri else None)
    if section == "languages" and entry.language and not is_language_code(entry.language):
        raise ValidationError({"language": language_code_error(entry.language)})
    if section == "skills" and not getattr(entry, "skill_id", None):
        raise ValidationError({"skill_uri": "Choose an ESCO skill."})
    if section == "work_experience" and not (entry.occupation_id or entry.title):
        raise ValidationError({"occupation_uri": "Name the occupation (ESCO) or the job title."})
    return entry


def _validate_entry(entry) -> None:
    try:
        entry.full_clean(exclude=["assessment"], validate_unique=False)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None
    model = type(entry)
    if (
        model is AssessedSkill
        and AssessedSkill.objects.filter(assessment=entry.assessment, skill=entry.skill)
        .exclude(pk=entry.pk)
        .exists()
    ):
        raise ValidationError({"skill_uri": "This skill is already in the assessment."})
    if (
        model is LanguageSkill
        and LanguageSkill.objects.filter(assessment=entry.assessment, language=entry.language)
        .exclude(pk=entry.pk)
        .exists()
    ):
        raise ValidationError({"language": "This language is already in the assessment."})


@transaction.atomic
def add_entry(user, candidate: Candidate, section: str, data: dict):
    if section not in SECTIONS:
        raise ValidationError({"section": f"Unknown section {section!r}"})
    draft = draft_for_change(user, candidate)
    model = SECTIONS[section][0]
    entry = _fill(section, model(assessment=draft), data)
    _validate_entry(entry)
    entry.save()
    audit.record(user, A.UPDATE, draft, detail={"added": section})
    return entry


def _entry_in_draft(draft: Assessment, section: str, entry_id: int):
    """Find an entry of the draft; ids of the signed version map to their copies by position."""
    model = SECTIONS[section][0]
    try:
        return model.objects.get(assessment=draft, pk=entry_id)
    except model.DoesNotExist:
        pass
    # The entry belonged to the version the user was looking at, which has just been copied.
    try:
        original = model.objects.get(pk=entry_id, assessment__candidate=draft.candidate)
    except model.DoesNotExist:
        raise ValidationError({"entry": "No such entry in this assessment."}) from None
    old_ids = list(
        model.objects.filter(assessment=original.assessment)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    new = list(model.objects.filter(assessment=draft).order_by("pk"))
    if original.assessment.status != Assessment.Status.SIGNED_OFF or len(old_ids) != len(new):
        raise ValidationError({"entry": "No such entry in this assessment."})
    return new[old_ids.index(original.pk)]


@transaction.atomic
def update_entry(user, candidate: Candidate, section: str, entry_id: int, data: dict):
    if section not in SECTIONS:
        raise ValidationError({"section": f"Unknown section {section!r}"})
    draft = draft_for_change(user, candidate)
    entry = _fill(section, _entry_in_draft(draft, section, entry_id), data)
    _validate_entry(entry)
    entry.save()
    audit.record(user, A.UPDATE, draft, detail={"changed": section})
    return entry


@transaction.atomic
def remove_entry(user, candidate: Candidate, section: str, entry_id: int) -> None:
    if section not in SECTIONS:
        raise ValidationError({"section": f"Unknown section {section!r}"})
    draft = draft_for_change(user, candidate)
    _entry_in_draft(draft, section, entry_id).delete()
    audit.record(user, A.UPDATE, draft, detail={"removed": section})


@transaction.atomic
def sign_off(user, candidate: Candidate) -> Assessment:
    """Freeze the open draft. Needs at least one section filled and the appraisal."""
    require_edit(user, candidate)
    _require_consent(candidate)
    draft = (
        Assessment.objects.select_for_update()
        .filter(candidate=candidate)
        .order_by("-version")
        .first()
    )
    if draft is None or draft.status != Assessment.Status.DRAFT:
        raise ValidationError({"status": "There is no draft to sign off."})
    if not draft.appraisal.strip():
        raise ValidationError({"appraisal": "Write the overall appraisal before signing off."})
    draft.status = Assessment.Status.SIGNED_OFF
    draft.signed_off_at = timezone.now()
    draft.signed_off_by = _user_or_none(user)
    draft.assessed_on = draft.assessed_on or timezone.localdate()
    draft.save()
    audit.record(user, A.UPDATE, draft, detail={"signed_off": draft.version})
    return draft
