"""The demo's course catalogue: Danish lessons by module and the short vocational courses
Danish employers ask for, each with the real ESCO skills it gives.

The skills are taken from the curated sample of ``talentbridge.taxonomy.sample`` (real ESCO
v1.2 URIs and labels), so a course closes the gaps the demo's openings really have: the
forklift certificate gives *operate forklift*, an essential skill of forklift operators, the
hygiene certificate *comply with food safety and hygiene*, essential for room attendants
and baristas, and so on. The catalogue is a fixed list (no random draws), so the generator
stays deterministic by seed and the other tables do not move when it changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from talentbridge.pipeline.models import Course
from talentbridge.pipeline.models.courses import DANISH_MODULE_LEVELS
from talentbridge.taxonomy.models import Concept
from talentbridge.taxonomy.sample import SKILL_LABELS, SKILL_PREFIX

_FULL = {uri[:8]: uri for uri in SKILL_LABELS}


@dataclass(frozen=True)
class DemoCourse:
    name: str
    kind: str
    provider: str
    skills: tuple[str, ...]  # first 8 characters of the ESCO skill URIs
    duration_days: int
    municipality: str = ""  # code; empty: online or anywhere
    driving_licence: str = ""
    danish_module: str = ""

    @property
    def skill_uris(self) -> list[str]:
        return [SKILL_PREFIX + _FULL[p] for p in self.skills]


V = Course.Kind.VOCATIONAL
VOCATIONAL: tuple[DemoCourse, ...] = (
    # operate forklift, operate warehouse materials
    DemoCourse(
        "Truckcertifikat (gaffeltruck B)", V, "AMU Midt", ("28cb374e", "078861f5"), 5, "0657"
    ),
    # follow stock control instructions, transfer stock, carry out stock rotation, clean warehouse
    DemoCourse(
        "Lager og logistik",
        V,
        "AMU Midt",
        ("b3b2547b", "fc0fbc9c", "ca55d9dd", "a7a47148"),
        10,
        "0756",
    ),
    # perform metal inert gas welding, operate welding equipment, follow safety precautions
    DemoCourse(
        "Svejsecertifikat MAG (EN ISO 9606-1)",
        V,
        "Herning Erhvervsskole",
        ("f015c5d5", "2fcd95a4", "d2d9051a"),
        15,
        "0657",
    ),
    # perform tungsten inert gas welding, operate welding equipment
    DemoCourse(
        "Svejsecertifikat TIG (EN ISO 9606-1)",
        V,
        "Holstebro Tekniske Skole",
        ("a51adea8", "2fcd95a4"),
        15,
        "0661",
    ),
    # comply with food safety and hygiene, ensure cleanliness of food preparation area
    DemoCourse("Hygiejnebevis (fødevarehygiejne)", V, "Online", ("0ff99f51", "c747ab82"), 2),
    # deal with emergency care situations, health and safety regulations
    DemoCourse(
        "Førstehjælp på erhvervsuddannelser",
        V,
        "Dansk Førstehjælpsråd",
        ("51e79cb4", "f2f463e5"),
        2,
        "0751",
    ),
    # clean surfaces, handle chemical cleaning agents, cleaning techniques, operate floor
    # cleaning equipment, clean building floors
    DemoCourse(
        "Rengøringsteknik",
        V,
        "AMU Midt",
        ("6ff01827", "51a26193", "ce2dbe33", "2ed98048", "a2cd3b30"),
        5,
        "0657",
    ),
    # operate dishwashing machine, clean kitchen equipment, use food preparation techniques
    DemoCourse("Køkken og opvask", V, "AMU Syd", ("f20aedf0", "9b31016e", "4b15a965"), 5, "0630"),
    # manoeuvre heavy trucks, practice emergency stops; gives licence C
    DemoCourse(
        "Kørekort kategori C med kvalifikationsbevis",
        V,
        "Vognmandsskolen",
        ("8215bbba", "6d9edaad"),
        25,
        "0657",
        driving_licence="C",
    ),
)
SPROGCENTRE = {"DU1": "0657", "DU2": "0657", "DU3": "0751"}
DANISH: tuple[DemoCourse, ...] = tuple(
    DemoCourse(
        f"Danskuddannelse {module[2]}, modul {module[-1]}",
        Course.Kind.DANISH,
        "Sprogcenter Herning" if SPROGCENTRE[module[:3]] == "0657" else "Lærdansk Aarhus",
        (),
        60,
        SPROGCENTRE[module[:3]],
        danish_module=module,
    )
    for module in DANISH_MODULE_LEVELS
)
CATALOGUE: tuple[DemoCourse, ...] = VOCATIONAL + DANISH


def make_courses(gen, summary) -> list[Course]:
    """Write the catalogue for the main demo project; skills a loaded taxonomy lacks are
    left out (the sample is loaded by the generator, so normally none)."""
    project = gen.projects[0]
    uris = {u for c in CATALOGUE for u in c.skill_uris}
    concepts = {c.uri: c for c in Concept.objects.filter(uri__in=uris, kind="skill")}
    made = []
    for item in CATALOGUE:
        course = Course.objects.create(
            project=project,
            name=item.name,
            kind=item.kind,
            provider=item.provider,
            danish_module=item.danish_module,
            danish_level=DANISH_MODULE_LEVELS.get(item.danish_module, ""),
            driving_licence=item.driving_licence,
            duration_days=item.duration_days,
            municipality=gen.by_code.get(item.municipality),
        )
        course.skills.set([concepts[u] for u in item.skill_uris if u in concepts])
        made.append(course)
    summary.courses = len(made)
    return made
