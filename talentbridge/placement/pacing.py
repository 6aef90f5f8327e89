"""Dynamic pacing: place this batch with quota prices learnt from the expected rest of the year.

Households arrive in batches through the year (issue 6, dynamic mode). With pacing
``dynamic`` a run is one batch: it may use what is left of the year's quotas (the same limits
as pacing ``year``), but each municipality's place is charged a price ``π`` learnt from the
arrivals still expected this year, and the batch is placed on ``score − persons·π``
(``matching.placement.dynamic.batch_prices``, the same prices ``place_year`` uses each week
in ``talentbridge placement simulate-year``).

The forecast of the rest of the year — stated in the run's report, since it is a guess:

* **how many**: the persons still expected are what is left of the year's quotas
  (``quota − placed`` summed over the municipalities) minus this batch — the quotas are the
  authority's own forecast of the year's arrivals;
* **who**: they look like the households seen so far this year: this batch and the households
  of the year's approved runs the officer may see, scored again with today's model and demand
  map; each stands for the same share of the persons expected.

So the forecast has no seasonality and assumes later arrivals resemble earlier ones. When
nothing is left after this batch the prices are zero and the run is the same as pacing
``year``. The quotas themselves are never broken: the prices only shade the scores, and the
solver keeps the same limits as any run.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from talentbridge.matching.placement import PlacementProblem, solve
from talentbridge.matching.placement.dynamic import batch_prices, priced_scores
from talentbridge.privacy import audit

from .access import runs_for
from .models import PlacementRun, RunHousehold
from .scoring import household_scores

A = audit.AuditEvent.Action


def earlier_households(user, run: PlacementRun, exclude_ids) -> list[RunHousehold]:
    """Households of the year's approved runs that ``user`` may see (audited as read)."""
    found = list(
        RunHousehold.objects.filter(
            run__in=runs_for(user).filter(year=run.year, status=PlacementRun.Status.APPROVED)
        )
        .exclude(run=run)
        .exclude(household_id__in=[i for i in exclude_ids if i])
        .select_related("run")
    )
    if found:
        audit.record_many(
            user, A.READ, found, detail={"run": run.pk, "purpose": "placement forecast"}
        )
    return found


def place(
    user,
    run: PlacementRun,
    households: list[RunHousehold],
    problem: PlacementProblem,
    limits,
    scores: np.ndarray,
    demand,
    on,
    estimator=None,
    features=None,
):
    """The batch's assignment with dynamic prices, and a report of the forecast used."""
    sizes = problem.sizes.astype(np.float64)
    left = float(np.maximum(limits.quota - limits.placed, 0).sum())
    expected = max(left - float(sizes.sum()), 0.0)
    earlier = earlier_households(user, run, [h.household_id for h in households])
    pool_scores, pool_sizes = scores, sizes
    if earlier:
        plain = [{"size": h.size, "people": h.people} for h in earlier]
        pool_scores = np.vstack(
            [scores, household_scores(plain, demand, on, estimator, features=features)]
        )
        pool_sizes = np.concatenate([sizes, [h.size for h in earlier]])
    allowed = problem.allowed
    prices = batch_prices(
        np.where(allowed, scores, -np.inf),
        sizes,
        pool_scores,
        pool_sizes,
        expected,
        problem.quota_upper,
        problem.quota_lower,
    )
    priced = dataclasses.replace(problem, scores=priced_scores(scores, sizes, prices, allowed))
    result = solve(priced)
    order = np.argsort(-prices, kind="stable")[:5]
    report = {
        "mode": PlacementRun.Pacing.DYNAMIC,
        "forecast": "the rest of the year's quotas, filled by households like this year's so far",
        "persons_left_in_quotas": int(round(left)),
        "persons_expected_after": int(round(expected)),
        "forecast_households": int(len(pool_sizes)),
        "from_earlier_runs": len(earlier),
        "highest_prices": {
            demand.codes[int(j)]: round(float(prices[j]), 4) for j in order if prices[j] > 1e-6
        },
    }
    return result.assignment, report
