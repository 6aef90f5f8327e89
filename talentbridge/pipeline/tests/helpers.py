"""A small world for the pipeline tests: an ESCO corner (welding), a metal company with an
internship in Herning whose users are the employer persona, and four candidates of project A
with different skills and consents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from talentbridge.candidates.models import (
    AssessedSkill,
    Assessment,
    Candidate,
    EvidenceLevel,
    LanguageSkill,
    PersonalDetails,
    WorkExperience,
)
from talentbridge.employers.models import Employer, Opening, OpeningSkill, Site
from talentbridge.municipalities.models import Municipality
from talentbridge.privacy.consent import Purpose, record_decision
from talentbridge.taxonomy.models import Concept, ConceptText, OccupationSkill

ESCO = "http://data.europa.eu/esco/"


def concept(kind: str, tail: str, en: str, da: str, isco: str = "") -> Concept:
    folder = "occupation" if kind == "occupation" else "skill"
    obj, _ = Concept.objects.get_or_create(
        uri=f"{ESCO}{folder}/{tail}", defaults={"kind": kind, "isco_code": isco}
    )
    ConceptText.objects.get_or_create(concept=obj, language="en", defaults={"preferred_label": en})
    ConceptText.objects.get_or_create(concept=obj, language="da", defaults={"preferred_label": da})
    return obj


def person(
    p, first: str, *, project=None, municipality="0657", work_from=dt.date(2026, 1, 1)
) -> Candidate:
    candidate = Candidate.objects.create(
        project=project or p.project,
        organisation=p.ngo,
        birth_year=1990,
        gender=Candidate.Gender.MALE,
        nationality="SY",
        asylum_status=Candidate.AsylumStatus.GRANTED,
        work_allowed_from=work_from,
        municipality=Municipality.objects.get(code=municipality),
    )
    PersonalDetails.objects.create(
        candidate=candidate, first_name=first, last_name="Testsen", phone="+45 1234"
    )
    return candidate


def assess(
    candidate, *, occupation=None, skills=(), danish="", signed=True, licences=("B",)
) -> Assessment:
    a = Assessment.objects.create(
        candidate=candidate,
        status=Assessment.Status.SIGNED_OFF if signed else Assessment.Status.DRAFT,
        driving_licences=list(licences),
        willing_to_move=True,
        max_distance_km=150,
    )
    if occupation is not None:
        WorkExperience.objects.create(assessment=a, occupation=occupation, years=5)
    for skill, evidence in skills:
        AssessedSkill.objects.create(assessment=a, skill=skill, level=3, evidence=evidence)
    if danish:
        LanguageSkill.objects.create(
            assessment=a,
            language="da",
            tested_speaking=danish,
            tested_understanding=danish,
            tested_writing=danish,
        )
    return a


@dataclass
class World:
    welder: Concept
    welding: Concept
    drawings: Concept
    forklift: Concept
    hygiene: Concept
    employer: Employer
    opening: Opening
    ahmad: Candidate  # strong welder, shares a profile and revealed his name to the company
    bilal: Candidate  # some welding, shares an anonymised profile only
    chen: Candidate  # welder without any consent to share
    dara: Candidate  # assessment not signed off: not matchable


def world(p) -> World:
    welder = concept("occupation", "welder-pl", "welder", "svejser", isco="7212")
    welding = concept("skill", "weld-pl", "use welding equipment", "anvende svejseudstyr")
    drawings = concept("skill", "draw-pl", "read engineering drawings", "læse tekniske tegninger")
    forklift = concept("skill", "fork-pl", "operate forklift", "betjene gaffeltruck")
    hygiene = concept(
        "skill", "hyg-pl", "maintain hygiene standards", "opretholde hygiejnestandarder"
    )
    for skill in (welding, drawings):
        OccupationSkill.objects.get_or_create(
            occupation=welder, skill=skill, defaults={"relation": "essential"}
        )
    employer = Employer.objects.create(
        cvr="12345674",
        name="Vestjysk Metal A/S",
        organisation=p.employer_org,
        industry_code="251100",
    )
    employer.projects.add(p.project)
    site = Site.objects.create(
        employer=employer, name="Herning", municipality=Municipality.objects.get(code="0657")
    )
    opening = Opening.objects.create(
        project=p.project,
        site=site,
        kind=Opening.Kind.INTERNSHIP,
        title="Welding intern",
        occupation=welder,
        status=Opening.Status.OPEN,
        capacity=2,
        starts_on=dt.date(2026, 12, 1),
        danish_min="A2",
    )
    OpeningSkill.objects.create(opening=opening, skill=welding, essential=True)
    OpeningSkill.objects.create(opening=opening, skill=drawings, essential=True)
    OpeningSkill.objects.create(opening=opening, skill=forklift, essential=False)
    ahmad, bilal, chen, dara = (person(p, name) for name in ("Ahmad", "Bilal", "Chen", "Dara"))
    assess(
        ahmad,
        occupation=welder,
        danish="A2",
        skills=[(welding, EvidenceLevel.CERTIFIED), (drawings, EvidenceLevel.SHOWN_IN_PRACTICE)],
    )
    assess(bilal, danish="A1", skills=[(welding, EvidenceLevel.SELF_REPORTED)])
    assess(
        chen,
        occupation=welder,
        danish="B1",
        skills=[
            (welding, EvidenceLevel.ASSESSOR_CHECKED),
            (drawings, EvidenceLevel.ASSESSOR_CHECKED),
        ],
    )
    assess(dara, occupation=welder, skills=[(welding, EvidenceLevel.CERTIFIED)], signed=False)
    for c in (ahmad, bilal):
        record_decision(c, Purpose.SHARE_ANONYMISED, True, by=p.assessor)
    record_decision(ahmad, Purpose.REVEAL_IDENTITY, True, by=p.assessor, employer=employer)
    return World(
        welder, welding, drawings, forklift, hygiene, employer, opening, ahmad, bilal, chen, dara
    )
