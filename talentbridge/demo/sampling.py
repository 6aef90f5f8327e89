"""Small helpers shared by the demo's parts."""

from __future__ import annotations

import math
from random import Random

from talentbridge.municipalities.models import Municipality

from . import companies as co

BATCH = 2000


def bulk(model, objects: list) -> list:
    return model.objects.bulk_create(objects, batch_size=BATCH)


def weighted(rng: Random, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def site_municipality(gen, sector: co.Sector) -> Municipality:
    """A municipality for a site of ``sector``: its regional pattern times √population."""
    weights = [
        sector.region_weights.get(m.region.code, 1.0) * math.sqrt(m.population)
        for m in gen.municipalities
    ]
    return weighted(gen.rng, gen.municipalities, weights)
