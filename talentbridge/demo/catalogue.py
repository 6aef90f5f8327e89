"""The occupations and skills the demo draws from, read from the loaded taxonomy.

The demo needs occupations with an ISCO-08 unit group and essential/optional skills. A full
ESCO import has them all; the built-in taxonomy has no relations, so the curated sample of
``talentbridge.taxonomy.sample`` (real ESCO occupations with their real skills) is loaded on
top when fewer than a handful are usable.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from random import Random

from talentbridge.taxonomy.models import Concept, ConceptText, Kind, OccupationSkill

from . import companies as co


@dataclass(frozen=True)
class SkillRef:
    concept_id: int
    uri: str


@dataclass
class OccupationRef:
    concept_id: int
    uri: str
    isco: str
    label_en: str
    label_da: str
    essential: list[SkillRef] = field(default_factory=list)
    optional: list[SkillRef] = field(default_factory=list)


class Catalogue:
    def __init__(self, occupations: list[OccupationRef]):
        if not occupations:
            raise ValueError(
                "the taxonomy has no occupations with ISCO codes and skills to draw from"
            )
        self.occupations = occupations
        self.by_unit: dict[str, list[OccupationRef]] = defaultdict(list)
        self.by_minor: dict[str, list[OccupationRef]] = defaultdict(list)
        for occupation in occupations:
            self.by_unit[occupation.isco].append(occupation)
            self.by_minor[occupation.isco[:2]].append(occupation)

    def occupation_for_sector(self, rng: Random, sector: co.Sector) -> OccupationRef:
        pool = [o for unit in sector.isco_units for o in self.by_unit.get(unit, [])]
        if not pool:
            pool = [o for unit in sector.isco_units for o in self.by_minor.get(unit[:2], [])]
        return rng.choice(pool or self.occupations)

    def occupations_for_person(self, rng: Random, person) -> list[OccupationRef]:
        """One or two previous occupations, leaning on the person's education level."""
        if person.experience_years < 0.5 and rng.random() < 0.5:
            return []
        if person.isced_level >= 5 and rng.random() < 0.6:
            pool = [o for o in self.occupations if o.isco[:1] in ("2", "3")]
        else:
            pool = [o for o in self.occupations if o.isco[:1] in ("5", "6", "7", "8", "9", "4")]
        pool = pool or self.occupations
        first = rng.choice(pool)
        if rng.random() < 0.3:
            second = rng.choice(pool)
            if second.uri != first.uri:
                return [first, second]
        return [first]


def _usable_occupations() -> list[OccupationRef]:
    relations = defaultdict(lambda: ([], []))
    for occupation_id, skill_id, uri, relation in OccupationSkill.objects.values_list(
        "occupation_id", "skill_id", "skill__uri", "relation"
    ):
        essential, optional = relations[occupation_id]
        (essential if relation == OccupationSkill.Relation.ESSENTIAL else optional).append(
            SkillRef(skill_id, uri)
        )
    if not relations:
        return []
    occupations = Concept.objects.filter(kind=Kind.OCCUPATION, pk__in=list(relations)).exclude(
        isco_code=""
    )
    labels = defaultdict(dict)
    for concept_id, language, label in ConceptText.objects.filter(
        concept__in=occupations, language__in=("en", "da")
    ).values_list("concept_id", "language", "preferred_label"):
        labels[concept_id][language] = label
    result = []
    for concept in occupations.order_by("uri"):
        essential, optional = relations[concept.pk]
        if len(essential) < 3:
            continue
        result.append(
            OccupationRef(
                concept.pk,
                concept.uri,
                concept.isco_code,
                labels[concept.pk].get("en", concept.uri),
                labels[concept.pk].get("da", ""),
                sorted(essential, key=lambda s: s.uri),
                sorted(optional, key=lambda s: s.uri),
            )
        )
    return result


def load_catalogue() -> Catalogue:
    occupations = _usable_occupations()
    if len(occupations) < 10:
        from talentbridge.taxonomy.sample import load_sample

        load_sample()
        occupations = _usable_occupations()
    return Catalogue(occupations)
