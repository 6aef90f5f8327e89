"""Small builders for candidate tests: a candidate with an assessment and a few ESCO concepts."""

from __future__ import annotations

import datetime as dt

from talentbridge.candidates.models import (
    AssessedSkill,
    Assessment,
    Candidate,
    EducationEntry,
    EvidenceLevel,
    LanguageSkill,
    PersonalDetails,
    WorkExperience,
)
from talentbridge.municipalities.models import Municipality
from talentbridge.taxonomy.models import Concept, ConceptText


def concept(uri_tail: str, kind: str, en: str, da: str = "", isco: str = "") -> Concept:
    obj, _ = Concept.objects.get_or_create(
        uri=f"http://data.europa.eu/esco/{'occupation' if kind == 'occupation' else 'skill'}/{uri_tail}",
        defaults={"kind": kind, "isco_code": isco},
    )
    ConceptText.objects.get_or_create(concept=obj, language="en", defaults={"preferred_label": en})
    if da:
        ConceptText.objects.get_or_create(
            concept=obj, language="da", defaults={"preferred_label": da}
        )
    return obj


def welder() -> Concept:
    return concept("welder-1", "occupation", "welder", "svejser", isco="7212")


def welding_skill() -> Concept:
    return concept("weld-1", "skill", "use welding equipment", "anvende svejseudstyr")


def make_candidate(
    p, *, project=None, organisation=None, first="Amal", last="Haddad", nationality="SY", **extra
) -> Candidate:
    defaults = {
        "birth_year": 1990,
        "gender": Candidate.Gender.FEMALE,
        "nationality": nationality,
        "asylum_status": Candidate.AsylumStatus.GRANTED,
        "work_allowed_from": dt.date(2026, 1, 1),
        "municipality": Municipality.objects.get(code="0751"),
    }
    defaults.update(extra)
    candidate = Candidate.objects.create(
        project=project or p.project, organisation=organisation or p.ngo, **defaults
    )
    PersonalDetails.objects.create(
        candidate=candidate,
        first_name=first,
        last_name=last,
        date_of_birth=dt.date(1990, 5, 17),
        phone="+45 12 34 56 78",
        case_number=f"CASE-{candidate.pk}",
    )
    return candidate


def make_assessment(candidate, assessor=None, *, signed=False) -> Assessment:
    assessment = Assessment.objects.create(
        candidate=candidate,
        assessor=assessor,
        interpreter_language="ar",
        appraisal="Skilled welder, motivated.",
        next_steps="Internship in a metal workshop.",
        driving_licences=["B"],
        status=Assessment.Status.SIGNED_OFF if signed else Assessment.Status.DRAFT,
    )
    EducationEntry.objects.create(
        assessment=assessment,
        isced_level=3,
        isced_field="0715",
        title="Vocational school",
        country="SY",
        years=3,
    )
    WorkExperience.objects.create(
        assessment=assessment,
        occupation=welder(),
        title="welder",
        years=8,
        country="SY",
        last_year=2022,
    )
    AssessedSkill.objects.create(
        assessment=assessment,
        skill=welding_skill(),
        level=3,
        evidence=EvidenceLevel.SHOWN_IN_PRACTICE,
    )
    LanguageSkill.objects.create(
        assessment=assessment, language="ar", mother_tongue=True, self_speaking="C2"
    )
    LanguageSkill.objects.create(
        assessment=assessment, language="da", self_speaking="A2", tested_speaking="A1"
    )
    return assessment


def forget(candidate) -> None:
    """Remove a candidate as an erasure does (a plain ``delete()`` can leave rows that signal
    handlers of other apps re-create during the cascade; the erasure cleans those up)."""
    from talentbridge.core.command import SystemActor
    from talentbridge.privacy.requests import erase

    erase(SystemActor(), candidate)
