"""A small placement world: welders wanted in Herning, cleaners in Aarhus, quotas for 2026,
and households of granted candidates in project A waiting for a municipality."""

from __future__ import annotations

import datetime as dt
import itertools

from talentbridge.candidates.models import (
    AssessedSkill,
    Assessment,
    Candidate,
    EducationEntry,
    Household,
    WorkExperience,
)
from talentbridge.employers.models import Employer, Need, Opening, OpeningSkill, Site
from talentbridge.municipalities.models import Municipality, Quota
from talentbridge.privacy.consent import Purpose, record_decision
from talentbridge.taxonomy.models import Concept, ConceptText

ESCO = "http://data.europa.eu/esco/"
YEAR = 2026
_cvr = itertools.count(10000000)


def concept(kind: str, tail: str, en: str, *, code: str = "", isco: str = "") -> Concept:
    folder = {"occupation": "occupation", "skill": "skill", "isco-group": "isco"}[kind]
    obj, _ = Concept.objects.get_or_create(
        uri=f"{ESCO}{folder}/{tail}", defaults={"kind": kind, "isco_code": isco, "code": code}
    )
    ConceptText.objects.get_or_create(concept=obj, language="en", defaults={"preferred_label": en})
    return obj


def _cvr_number() -> str:
    from talentbridge.employers.models import CVR_WEIGHTS

    while True:
        digits = str(next(_cvr))[:7]
        rest = sum(int(d) * w for d, w in zip(digits, CVR_WEIGHTS[:7], strict=True)) % 11
        check = (11 - rest) % 11
        if check < 10:
            return digits + str(check)


def demand_world(p) -> dict:
    """Ten welders wanted in Herning (an opening), eight cleaners in Aarhus (a need)."""
    welder = concept("occupation", "welder", "welder", isco="7212")
    cleaner = concept("occupation", "cleaner", "office cleaner", isco="9112")
    concept("isco-group", "C7212", "Welders and flamecutters", code="7212")
    concept(
        "isco-group",
        "C9112",
        "Cleaners and helpers in offices, hotels and other establishments",
        code="9112",
    )
    weld = concept("skill", "weld", "use welding equipment")
    employer = Employer.objects.create(cvr=_cvr_number(), name="Vestjysk Metal A/S")
    employer.projects.add(p.project)
    herning = Site.objects.create(
        employer=employer, name="Herning", municipality=Municipality.objects.get(code="0657")
    )
    aarhus = Site.objects.create(
        employer=employer, name="Aarhus", municipality=Municipality.objects.get(code="0751")
    )
    opening = Opening.objects.create(
        project=p.project,
        site=herning,
        kind=Opening.Kind.JOB,
        title="Welder",
        occupation=welder,
        status=Opening.Status.OPEN,
        capacity=10,
    )
    OpeningSkill.objects.create(opening=opening, skill=weld)
    Need.objects.create(site=aarhus, project=p.project, occupation=cleaner, count=8)
    return {"welder": welder, "cleaner": cleaner, "weld": weld}


def quotas(year: int = YEAR, total: int = 400) -> None:
    municipalities = list(Municipality.objects.all())
    people = sum(m.population for m in municipalities)
    for m in municipalities:
        Quota.objects.update_or_create(
            year=year,
            municipality=m,
            defaults={"quota": max(1, round(total * m.population / people))},
        )


def household(
    p, members: int, *, occupation=None, skills=(), consent=True, size=None, tie=None, project=None
) -> Household:
    """A household of ``members`` granted adults (and children up to ``size``), without a municipality."""
    project = project or p.project
    home = Household.objects.create(project=project, size=size or members)
    if tie is not None:
        home.tie_kind, home.tie_municipality = tie[0], Municipality.objects.get(code=tie[1])
        home.save()
    for i in range(members):
        candidate = Candidate.objects.create(
            project=project,
            organisation=p.ngo if project == p.project else p.other_ngo,
            household=home,
            birth_year=1985 + i,
            gender=Candidate.Gender.MALE if i == 0 else Candidate.Gender.FEMALE,
            nationality="SY",
            asylum_status=Candidate.AsylumStatus.GRANTED,
        )
        assessment = Assessment.objects.create(
            candidate=candidate,
            status=Assessment.Status.SIGNED_OFF,
            assessed_on=dt.date(2026, 3, 1),
        )
        EducationEntry.objects.create(assessment=assessment, isced_level=3, completed=True)
        if occupation is not None and i == 0:
            WorkExperience.objects.create(assessment=assessment, occupation=occupation, years=6)
            for skill in skills:
                AssessedSkill.objects.create(
                    assessment=assessment, skill=skill, level=3, evidence=2
                )
        if consent:
            record_decision(candidate, Purpose.HANDOVER, True, by=p.assessor)
    return home


def cohort(p) -> dict:
    """Demand, quotas and five households: two welders, two cleaners, one tied to Vejle."""
    world = demand_world(p)
    quotas()
    homes = {
        "welder1": household(p, 1, occupation=world["welder"], skills=[world["weld"]]),
        "welder2": household(p, 2, occupation=world["welder"], skills=[world["weld"]], size=4),
        "cleaner1": household(p, 1, occupation=world["cleaner"]),
        "cleaner2": household(p, 2, occupation=world["cleaner"], size=3),
        "tied": household(
            p, 1, occupation=world["cleaner"], tie=(Household.TieKind.JOB_OFFER, "0630")
        ),
        "secret": household(p, 1, occupation=world["welder"], consent=False),
    }
    return world | {"homes": homes}


CSV = """household,persons,birth_year,gender,nationality,isced,isco,skills,danish,english,tie_kind,tie_municipality,forbidden,forbidden_reason
H-1,3,1988,male,SY,4,7212,http://data.europa.eu/esco/skill/weld,A1,B1,,,,
H-1,3,1990,female,SY,3,,,,,,,,
H-2,1,1995,male,ER,2,9112,,,A2,,,0101,no housing for this family there
H-3,2,1980,female,AF,6,2211,,,B2,job_offer,0461,,
"""
