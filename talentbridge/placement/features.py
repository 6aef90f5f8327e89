"""What the placement model knows about a person: pseudonymous features, from an assessment or CSV.

One plain dict per person, stored with the run (``RunHousehold.people``) so a run can be
recomputed and explained later without reading the candidate again::

    {"reference": "TB-…" or "", "adult": True, "birth_year": 1990, "gender": "male",
     "nationality": "SY", "education": 3, "isco": ["7212"], "skills": [uri, …],
     "danish": 1, "english": 3}

``education`` is the highest completed ISCED 2011 level (``None`` if unknown); ``isco`` the
ISCO-08 unit groups of the person's work experience (longest first); ``danish`` and
``english`` CEFR levels as numbers (0 = below A1 … 6 = C2, ``0`` when not assessed).
"""

from __future__ import annotations

import datetime as dt

from talentbridge.candidates.countries import REGION_OF
from talentbridge.candidates.models import CEFR_ORDER, Candidate
from talentbridge.candidates.profiles import profile_assessment

AGE_GROUPS = ("18-29", "30-44", "45+")
EDUCATION_BUCKETS = (
    "none or primary",
    "lower secondary",
    "upper secondary or vocational",
    "tertiary",
)
# Origins by UN sub-region; the most common ones get their own column in the model.
ORIGIN_REGIONS = (
    "western_asia",
    "southern_asia",
    "eastern_africa",
    "northern_africa",
    "eastern_europe",
)


def level(cefr: str) -> int:
    """CEFR level as a number, 0 when not assessed or below A1."""
    return max(CEFR_ORDER.get(cefr or "", -1), 0)


def age(person: dict, on: dt.date) -> int:
    return on.year - int(person.get("birth_year") or on.year - 30)


def age_group(person: dict, on: dt.date) -> int:
    years = age(person, on)
    return 0 if years < 30 else 1 if years < 45 else 2


def education_bucket(person: dict) -> int:
    isced = person.get("education")
    if isced is None or isced <= 1:
        return 0
    if isced == 2:
        return 1
    if isced <= 4:
        return 2
    return 3


def origin_region(person: dict) -> str:
    return REGION_OF.get((person.get("nationality") or "XX").upper(), "stateless")


def from_candidate(candidate: Candidate, on: dt.date) -> dict:
    """Features of a registered candidate from the newest signed-off (else draft) assessment."""
    assessment = profile_assessment(candidate)
    person = {
        "reference": candidate.reference,
        "adult": on.year - candidate.birth_year >= 18,
        "birth_year": candidate.birth_year,
        "gender": candidate.gender,
        "nationality": candidate.nationality,
        "education": None,
        "isco": [],
        "skills": [],
        "danish": 0,
        "english": 0,
    }
    if assessment is None:
        return person
    completed = [
        e.isced_level
        for e in assessment.education.all()
        if e.completed and e.isced_level is not None
    ]
    person["education"] = max(completed) if completed else None
    work = sorted(assessment.work_experience.all(), key=lambda w: -(w.years or 0))
    person["isco"] = list(
        dict.fromkeys(
            w.occupation.isco_code for w in work if w.occupation_id and w.occupation.isco_code
        )
    )
    person["skills"] = sorted({s.skill.uri for s in assessment.skills.all()})
    for lang in assessment.languages.all():
        if lang.language in ("da", "en"):
            person["danish" if lang.language == "da" else "english"] = level(lang.effective_level())
    return person


def describe(person: dict) -> str:
    """A short pseudonymous summary, e.g. 'male, 30-44, ISCED 3, ISCO 7212, Danish A1'."""
    parts = [person.get("gender") or "", AGE_GROUPS[age_group(person, dt.date.today())]]
    if person.get("education") is not None:
        parts.append(f"ISCED {person['education']}")
    if person.get("isco"):
        parts.append("ISCO " + ", ".join(person["isco"][:3]))
    names = {v: k for k, v in CEFR_ORDER.items()}
    if person.get("danish"):
        parts.append(f"Danish {names.get(person['danish'], '')}")
    return ", ".join(p for p in parts if p)
