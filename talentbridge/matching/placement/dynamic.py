"""Dynamic placement: households arrive in weekly batches and are placed as they come.

Placing each week greedily fills the attractive municipalities early and leaves the late
arrivals with whatever is left. Instead, each week we price the municipalities on the *year*:
the dual prices of a problem made of this week's households plus a forecast of the arrivals
still to come (households from a comparable past period, with their own scores), under the
quota that is still open. This week's households are then placed on their reduced scores
``s − usage·π``, which charges each place what it is worth to the people still to come
(the approach of Bansak & Paulson 2024 and Ahani et al.'s dynamic Annie MOORE). The prices
are warm-started from last week's, so a week costs a fraction of a second.

The last week also has to meet the year's floors; if it cannot, the shortfall is reported.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from .dual import Model, solve_dual
from .problem import PlacementProblem
from .solver import InfeasibleError, solve


@dataclass
class Forecast:
    """Households expected over the year: scores, sizes and the week each is expected."""

    scores: np.ndarray  # (F, M)
    sizes: np.ndarray  # (F,)
    week: np.ndarray  # (F,)


@dataclass
class YearResult:
    assignment: np.ndarray  # (H,)
    objective: float  # total score of the dynamic placement
    hindsight_objective: float  # the same households placed all at once, knowing the year
    hindsight_bound: float  # upper bound on any placement of the year (Lagrangian)
    shortfall: np.ndarray  # (M,) persons missing under the year's floors (0 when met)
    excess: np.ndarray  # (M,) persons above the year's upper limits (always 0)
    weeks: int
    seconds: float
    hindsight_seconds: float

    @property
    def ratio(self) -> float:
        """Dynamic objective as a share of the hindsight optimum's."""
        return self.objective / self.hindsight_objective


def place_year(
    scores: np.ndarray,
    sizes: np.ndarray,
    week: np.ndarray,
    upper: np.ndarray,
    lower: np.ndarray,
    forecast: Forecast,
    *,
    ties: np.ndarray | None = None,
    forbidden: np.ndarray | None = None,
    hindsight: bool = True,
) -> YearResult:
    """Place a year of arrivals week by week and compare with the hindsight optimum.

    Parameters
    ----------
    scores, sizes : arrays (H, M) and (H,)
        The year's arrivals (scores as the model sees them).
    week : array (H,)
        Arrival week of each household (any integers; processed in increasing order).
    upper, lower : arrays (M,)
        The year's limits in persons.
    forecast : Forecast
        The expected arrivals, used only for prices.
    ties, forbidden : (household, municipality) pairs, as in :class:`PlacementProblem`.
    hindsight : bool
        Also solve the whole year at once (for the comparison).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> s = rng.random((40, 3)); n = np.ones(40, int); wk = np.repeat(np.arange(4), 10)
    >>> f = Forecast(rng.random((40, 3)), np.ones(40, int), np.repeat(np.arange(4), 10))
    >>> r = place_year(s, n, wk, np.array([14, 14, 14]), np.array([12, 12, 12]), f)
    >>> r.ratio > 0.9, int(r.shortfall.sum())
    (True, 0)
    """
    clock = time.perf_counter()
    scores = np.asarray(scores, dtype=np.float64)
    sizes = np.asarray(sizes)
    week = np.asarray(week)
    upper = np.asarray(upper, dtype=np.float64)
    lower = np.asarray(lower, dtype=np.float64)
    H, M = scores.shape
    full = PlacementProblem(scores, sizes, upper, lower, forbidden=forbidden, ties=ties)
    allowed = full.allowed
    assignment = np.full(H, -1, dtype=np.int64)
    loads = np.zeros(M)
    prices = None
    weeks = np.unique(week)
    for i, w in enumerate(weeks):
        batch = np.flatnonzero(week == w)
        last = i == len(weeks) - 1
        room = upper - loads
        floor = np.maximum(lower - loads, 0.0)
        ahead = forecast.week > w
        prices = _year_prices(scores[batch], sizes[batch], forecast, ahead, room, floor, prices)
        batch_scores = priced_scores(scores[batch], sizes[batch], prices[0], allowed[batch])
        pairs = _pairs_of(allowed[batch])
        placed = None
        for floors in ([floor] if last else []) + [None]:
            problem = PlacementProblem(batch_scores, sizes[batch], room, floors, ties=pairs)
            try:
                placed = solve(problem, exact="auto").assignment
                break
            except (InfeasibleError, ValueError):
                continue
        if placed is None:
            raise InfeasibleError(f"week {w}: the households do not fit in the room left")
        assignment[batch] = placed
        loads += np.bincount(placed, weights=sizes[batch], minlength=M)
    seconds = time.perf_counter() - clock
    objective = float(scores[np.arange(H), assignment].sum())

    hindsight_objective = hindsight_bound = np.nan
    hindsight_seconds = 0.0
    if hindsight:
        clock = time.perf_counter()
        best = solve(full, exact=False)
        hindsight_seconds = time.perf_counter() - clock
        hindsight_objective, hindsight_bound = best.objective, best.bound
    return YearResult(
        assignment=assignment,
        objective=objective,
        hindsight_objective=hindsight_objective,
        hindsight_bound=hindsight_bound,
        shortfall=np.maximum(lower - loads, 0.0),
        excess=np.maximum(loads - upper, 0.0),
        weeks=len(weeks),
        seconds=seconds,
        hindsight_seconds=hindsight_seconds,
    )


def _year_prices(
    batch_scores, batch_sizes, forecast: Forecast, ahead, room, floor, start, sample=3000
):
    """Dual prices of this week plus the expected rest of the year, under the open quota.

    At most ``sample`` forecast households are used, each standing for ``weight`` households
    (a household of weight ω is ω copies: its score and its usage are multiplied by ω).
    """
    rows = np.flatnonzero(ahead)
    weight = 1.0
    if len(rows) > sample:
        weight = len(rows) / sample
        rows = rows[np.linspace(0, len(rows) - 1, sample).astype(np.int64)]
    scores = np.vstack([batch_scores, weight * forecast.scores[rows]])
    sizes = np.concatenate([batch_sizes, weight * forecast.sizes[rows]]).astype(np.float64)
    persons = sizes.sum()
    # The forecast is an expectation: scale the open limits so that they can hold exactly the
    # expected persons, else the prices would chase an impossible (or empty) year.
    scale = 1.0
    if persons > room.sum():
        scale = persons / room.sum()
    elif persons < floor.sum():
        scale = persons / floor.sum()
    model = Model(
        scores=scores,
        usage=sizes[:, None],
        upper=(room * scale)[None, :],
        lower=(floor * scale)[None, :],
        names=("quota",),
    )
    return solve_dual(model, start=start, final_temperature=0.02).prices


def batch_prices(
    batch_scores: np.ndarray,
    batch_sizes: np.ndarray,
    pool_scores: np.ndarray,
    pool_sizes: np.ndarray,
    expected_persons: float,
    room: np.ndarray,
    floor: np.ndarray | None = None,
) -> np.ndarray:
    """Quota prices (M,) for one batch placed now, learnt from the expected rest of the year.

    The rest of the year is ``expected_persons`` persons who look like the households of
    ``pool`` (e.g. this batch and the year's earlier ones): each pool household stands for
    ``expected_persons / pool persons`` households. ``batch_scores`` may be ``-inf`` where a
    household is not allowed. The batch is then placed on ``s − size·π`` within ``room``
    (what is left of the year's quotas, :func:`priced_scores`), as a week of :func:`place_year` is.

    >>> import numpy as np
    >>> batch = np.array([[1.0, 0.2], [0.9, 0.2]])
    >>> prices = batch_prices(batch, np.ones(2), batch, np.ones(2), 8, np.array([5.0, 5.0]))
    >>> bool(prices[0] > prices[1])  # the wanted place costs more when more people are to come
    True
    """
    batch_scores = np.asarray(batch_scores, dtype=np.float64)
    room = np.asarray(room, dtype=np.float64)
    floor = np.zeros_like(room) if floor is None else np.asarray(floor, dtype=np.float64)
    pool_scores = np.asarray(pool_scores, dtype=np.float64).reshape(-1, batch_scores.shape[1])
    pool_sizes = np.asarray(pool_sizes, dtype=np.float64)
    weight = 0.0
    if expected_persons > 0 and pool_sizes.sum() > 0:
        weight = float(expected_persons) / float(pool_sizes.sum())
    if weight == 0.0:
        # Nobody expected after this batch: the batch alone is the year, and the solver keeps
        # its limits itself; no prices.
        return np.zeros(batch_scores.shape[1])
    forecast = Forecast(weight * pool_scores, weight * pool_sizes, np.ones(len(pool_sizes)))
    ahead = np.ones(len(pool_sizes), dtype=bool)
    return _year_prices(batch_scores, batch_sizes, forecast, ahead, room, floor, None)[0]


def priced_scores(
    scores: np.ndarray, sizes: np.ndarray, prices: np.ndarray, allowed: np.ndarray
) -> np.ndarray:
    """What a batch is placed on: ``s − size·π`` on the allowed pairs, 0 elsewhere.

    Only allowed pairs enter the problem; its scores must be finite, so the allowed ones are
    shifted to start at 0 (a constant per pair does not change the best placement).
    """
    reduced = scores - sizes[:, None] * prices[None, :]
    shift = reduced[allowed].min() if allowed.any() else 0.0
    return np.where(allowed, reduced - shift, 0.0)


def _pairs_of(allowed: np.ndarray) -> np.ndarray | None:
    """Tie pairs that restrict each household to its allowed municipalities (None if all free)."""
    if allowed.all():
        return None
    rows = np.flatnonzero(~allowed.all(axis=1))
    hh, mm = np.nonzero(allowed[rows])
    return np.stack([rows[hh], mm], axis=1)
