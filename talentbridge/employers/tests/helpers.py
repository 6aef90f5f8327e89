"""Builders for the employers tests: valid CVR numbers, companies with sites, ESCO concepts."""

from __future__ import annotations

from talentbridge.employers.models import CVR_WEIGHTS, Employer, Site
from talentbridge.municipalities.models import Municipality
from talentbridge.taxonomy.models import Concept, ConceptText, OccupationSkill

ESCO = "http://data.europa.eu/esco/"


def make_cvr(seed: int) -> str:
    """The ``seed``-th valid CVR number (deterministic): 7 digits from the seed, then the check digit."""
    n = 0
    candidate = 1000000 + seed * 7919
    while True:
        head = [int(d) for d in str(candidate + n)[:7]]
        check = (-sum(d * w for d, w in zip(head, CVR_WEIGHTS[:7], strict=True))) % 11
        if check < 10 and head[0] != 0:
            return "".join(map(str, head)) + str(check)
        n += 1


def make_employer(
    project,
    name="Vestjysk Metal A/S",
    *,
    cvr=None,
    seed=1,
    organisation=None,
    municipality="0657",
    site_name=None,
    consultant=None,
    projects=(),
) -> Employer:
    employer = Employer.objects.create(
        cvr=cvr or make_cvr(seed), name=name, organisation=organisation, consultant=consultant
    )
    employer.projects.add(project, *projects)
    Site.objects.create(
        employer=employer,
        name=site_name or name.split()[0],
        municipality=Municipality.objects.get(code=municipality),
    )
    return employer


def concept(
    kind: str, tail: str, en: str, da: str = "", *, isco: str = "", code: str = ""
) -> Concept:
    folder = {"occupation": "occupation", "skill": "skill", "isco-group": "isco"}[kind]
    obj, _ = Concept.objects.get_or_create(
        uri=f"{ESCO}{folder}/{tail}", defaults={"kind": kind, "isco_code": isco, "code": code}
    )
    ConceptText.objects.get_or_create(concept=obj, language="en", defaults={"preferred_label": en})
    if da:
        ConceptText.objects.get_or_create(
            concept=obj, language="da", defaults={"preferred_label": da}
        )
    return obj


class Taxonomy:
    """A handful of concepts: two occupations with their ISCO groups, and five skills."""

    def __init__(self):
        self.welder_group = concept(
            "isco-group", "C7212", "Welders and flame cutters", "Svejsere", code="7212", isco="7212"
        )
        self.cleaner_group = concept(
            "isco-group",
            "C9112",
            "Cleaners and helpers in offices, hotels and other establishments",
            "Rengøringsassistenter",
            code="9112",
            isco="9112",
        )
        self.welder = concept(
            "occupation", "welder-test", "welder", "svejser", isco="7212", code="7212.1"
        )
        self.cleaner = concept(
            "occupation",
            "cleaner-test",
            "commercial cleaner",
            "rengøringsassistent",
            isco="9112",
            code="9112.1",
        )
        self.welding = concept(
            "skill", "welding-test", "use welding equipment", "anvende svejseudstyr"
        )
        self.forklift = concept("skill", "forklift-test", "operate forklift", "betjene gaffeltruck")
        self.safety = concept(
            "skill", "safety-test", "follow health and safety standards", "følge sikkerhedsregler"
        )
        self.hygiene = concept(
            "skill", "hygiene-test", "maintain hygiene standards", "opretholde hygiejnestandarder"
        )
        self.danish = concept("skill", "danish-test", "Danish", "dansk")
        for skill in (self.welding, self.safety):
            OccupationSkill.objects.get_or_create(
                occupation=self.welder, skill=skill, defaults={"relation": "essential"}
            )
