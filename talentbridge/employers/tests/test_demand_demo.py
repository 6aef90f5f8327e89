"""The demand map against the seeded demo programme: it finds exactly the needs the generator planted."""

from collections import Counter

import pytest

from talentbridge.demo.generator import generate
from talentbridge.employers.services.demand import demand_by_municipality, demand_by_region

pytestmark = pytest.mark.django_db


def test_the_demand_map_counts_the_planted_needs():
    summary = generate(seed=42, candidates=40)
    demand = demand_by_municipality(None, summary.as_of, include=("needs",))
    counted = Counter()
    for code, entry in demand["municipalities"].items():
        for uri, people in entry["occupations"].items():
            counted[(code, uri)] += people
    planted = Counter(summary.needs_by_municipality)
    assert planted and counted == planted
    both = demand_by_municipality(None, summary.as_of)
    assert sum(e["from_needs"] for e in both["municipalities"].values()) == sum(planted.values())
    regions = demand_by_region(both)
    assert sum(r["people"] for r in regions.values()) == sum(
        e["people"] for e in both["municipalities"].values()
    )
