"""Between the ORM and the optimiser: a run's households, quotas and rules as arrays.

Limits per municipality (persons), from the year's quota ``q`` (``municipalities.Quota``),
the run's ``slack`` ``s`` and the persons ``placed`` by the year's approved runs so far:

* pacing ``year``: at most ``ceil(q·(1+s)) − placed``; at least ``floor(q·(1−s)) − placed``
  when the run is to meet the year's floors (its last cohort), else no minimum;
* pacing ``dynamic``: the same limits as ``year``; the scores are priced on the expected rest
  of the year (``pacing.py``);
* pacing ``share``: the cohort takes its share ``c`` (its persons over what is left of all
  quotas) of what is left of each quota, ``t = c·(q − placed)``: between ``floor(t·(1−s))``
  and ``ceil(t·(1+s)) + 5`` (room for one more household), never above the ``year`` maximum.

A tie (job offer ≥ 15 h/week not time-limited, IGU contract, close family) allows only the
tie municipality and the municipalities whose town hall lies within ``neighbour_km`` of its
own. A household the officer has placed by override stays there when the run is computed
again. Forbidden pairs are ``Exclusion`` rows. Service capacities (``ServiceCapacity``) limit
the persons, households or adults a municipality can take; a municipality not listed for a
service has no limit for it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.core.exceptions import ValidationError
from django.db.models import Sum

from talentbridge.matching.placement import Capacity, PlacementProblem
from talentbridge.municipalities.models import Quota

from .demand import DemandMap
from .models import PlacementRun, RunHousehold, ServiceCapacity

ROOM_FOR_ONE = 5


@dataclass
class Limits:
    quota: np.ndarray  # (M,) the year's quota
    placed: np.ndarray  # (M,) persons placed by the year's approved runs (other than this one)
    upper: np.ndarray
    lower: np.ndarray


def limits(run: PlacementRun, demand: DemandMap, persons: int) -> Limits:
    index = demand.index()
    M = len(demand.codes)
    quota = np.zeros(M)
    rows = Quota.objects.filter(year=run.year).values_list("municipality__code", "quota")
    for code, value in rows:
        if code in index:
            quota[index[code]] = value
    if not quota.any():
        raise ValidationError(
            {
                "year": f"no quotas for {run.year}; import them with `talentbridge municipalities import-quotas`"
            }
        )
    placed = np.zeros(M)
    done = (
        RunHousehold.objects.filter(run__year=run.year, run__status=PlacementRun.Status.APPROVED)
        .exclude(run=run)
        .values("municipality__code")
        .annotate(persons=Sum("size"))
    )
    for row in done:
        if row["municipality__code"] in index:
            placed[index[row["municipality__code"]]] += row["persons"]
    s = run.slack
    year_upper = np.maximum(np.ceil(quota * (1 + s)) - placed, 0)
    year_lower = np.maximum(np.floor(quota * (1 - s)) - placed, 0)
    if run.pacing == PlacementRun.Pacing.SHARE:
        left = np.maximum(quota - placed, 0)
        share = persons / max(left.sum(), 1.0)
        target = left * min(share, 1.0)
        upper = np.minimum(np.ceil(target * (1 + s)) + ROOM_FOR_ONE, year_upper)
        lower = year_lower if run.meet_floors else np.minimum(np.floor(target * (1 - s)), upper)
    else:
        upper = year_upper
        lower = year_lower if run.meet_floors else np.zeros(M)
    return Limits(quota, placed, upper, np.minimum(lower, upper))


def tie_pairs(households: list[RunHousehold], demand: DemandMap, neighbour_km: float) -> np.ndarray:
    """Allowed pairs of tied households, and of overridden ones (their override only)."""
    index = demand.index()
    pairs = []
    for h, household in enumerate(households):
        if household.overridden and household.municipality_id:
            pairs.append((h, index[household.municipality.code]))
        elif household.tie_kind and household.tie_municipality_id:
            m = index[household.tie_municipality.code]
            near = np.flatnonzero(demand.distance[m] <= neighbour_km)
            pairs += [(h, int(j)) for j in sorted(set(near) | {m})]
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def forbidden_pairs(households: list[RunHousehold], demand: DemandMap) -> np.ndarray:
    index = demand.index()
    position = {household.pk: h for h, household in enumerate(households)}
    pairs = []
    for household in households:
        if household.overridden:
            continue  # the officer's decision stands
        for exclusion in household.exclusions.all():
            pairs.append((position[household.pk], index[exclusion.municipality.code]))
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def services(
    run: PlacementRun, households: list[RunHousehold], demand: DemandMap
) -> list[Capacity]:
    index = demand.index()
    by_name: dict[str, list[ServiceCapacity]] = defaultdict(list)
    for cap in run.capacities.select_related("municipality"):
        by_name[cap.name].append(cap)
    out = []
    for name, caps in sorted(by_name.items()):
        per = caps[0].per
        if per == ServiceCapacity.Per.PERSON:
            usage = [h.size for h in households]
        elif per == ServiceCapacity.Per.HOUSEHOLD:
            usage = [1 for _ in households]
        else:
            usage = [sum(1 for p in h.people if p.get("adult", True)) for h in households]
        upper = np.full(len(demand.codes), np.inf)
        for cap in caps:
            upper[index[cap.municipality.code]] = cap.capacity
        out.append(Capacity(name, np.array(usage, dtype=float), upper))
    return out


def problem(
    run: PlacementRun, households: list[RunHousehold], demand: DemandMap, scores: np.ndarray
):
    """The run as a :class:`PlacementProblem`, with the limits used."""
    sizes = np.array([h.size for h in households])
    bounds = limits(run, demand, int(sizes.sum()))
    too_big = sizes.sum() - bounds.upper.sum()
    if too_big > 0:
        raise ValidationError(
            {
                "year": f"the cohort has {int(sizes.sum())} persons but only {int(bounds.upper.sum())} places are left "
                f"in the {run.year} quotas (with the slack)"
            }
        )
    built = PlacementProblem(
        scores,
        sizes,
        quota_upper=bounds.upper,
        quota_lower=bounds.lower if bounds.lower.any() else None,
        services=services(run, households, demand),
        forbidden=forbidden_pairs(households, demand),
        ties=tie_pairs(households, demand, run.neighbour_km),
    )
    return built, bounds
