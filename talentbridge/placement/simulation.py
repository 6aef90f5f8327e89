"""The simulated world on the real municipalities, for ``placement evaluate`` and ``simulate-year``."""

from __future__ import annotations

import numpy as np

from talentbridge.matching.placement.dynamic import Forecast, YearResult, place_year
from talentbridge.matching.placement.evaluate import Evaluation, evaluate
from talentbridge.matching.placement.world import Municipalities, make_world, quotas_for
from talentbridge.municipalities.models import Municipality


def municipalities() -> Municipalities:
    rows = list(Municipality.objects.order_by("code"))
    if not rows:
        from talentbridge.municipalities.data import MUNICIPALITIES

        data = [(c, n, p, la, lo) for c, n, _r, p, la, lo in MUNICIPALITIES]
    else:
        data = [(m.code, m.name, m.population, m.latitude, m.longitude) for m in rows]
    return Municipalities(
        code=np.array([d[0] for d in data]),
        name=np.array([d[1] for d in data]),
        population=np.array([d[2] for d in data], dtype=float),
        latitude=np.array([d[3] for d in data]),
        longitude=np.array([d[4] for d in data]),
    )


def run_evaluation(people: int, *, noise: float, sweep, slack: float, seed: int) -> Evaluation:
    world = make_world(people, municipalities(), seed=seed)
    return evaluate(world, noise=noise, sweep=tuple(sweep), slack=slack, seed=seed)


def run_year(
    people: int, *, weeks: int, noise: float, slack: float, seed: int
) -> tuple[YearResult, dict]:
    """A year of arrivals placed week by week with prices from last year's cohort as forecast."""
    places = municipalities()
    year = make_world(people, places, seed=seed)
    last_year = make_world(people, places, seed=seed, cohort=1)
    rng = np.random.default_rng(seed)
    week = np.sort(rng.integers(0, weeks, year.n_households))
    forecast_week = np.sort(rng.integers(0, weeks, last_year.n_households))
    _, lower, upper = quotas_for(year, slack)
    scores = year.household_scores(noise=noise)
    forecast = Forecast(
        last_year.household_scores(noise=noise, noise_seed=2), last_year.sizes, forecast_week
    )
    result = place_year(scores, year.sizes, week, upper, lower, forecast)
    truth = year.household_scores()
    H = year.n_households
    info = {
        "people": int(year.sizes.sum()),
        "households": H,
        "weeks": weeks,
        "true_rate_dynamic": float(truth[np.arange(H), result.assignment].mean()),
    }
    return result, info
