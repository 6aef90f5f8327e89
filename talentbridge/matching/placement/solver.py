"""Solve a placement problem: prices, repair, and the bound that says how good the answer is."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from .dual import Model, lagrangian_bound, solve_dual
from .problem import PlacementProblem
from .repair import repair, violations


class InfeasibleError(ValueError):
    """No placement keeps every limit (or none was found); the message says where it failed."""


@dataclass
class PlacementResult:
    """A placement and its certificate.

    ``bound`` is an upper bound on every feasible placement (the Lagrangian bound at the best
    prices seen, never above the LP relaxation's optimum plus rounding); ``gap`` is
    ``(bound − objective) / |bound|``, so the true optimum is within ``gap`` of ``objective``.
    """

    assignment: np.ndarray  # (H,) index of the municipality of each household
    objective: float
    bound: float
    prices: np.ndarray  # (K, M) net prices π = λ − μ per constraint and municipality
    loads: np.ndarray  # (K, M)
    constraint_names: tuple[str, ...]
    seconds: dict[str, float] = field(default_factory=dict)
    method: str = "lagrangian"
    stats: dict = field(default_factory=dict)

    @property
    def gap(self) -> float:
        return max(0.0, (self.bound - self.objective) / max(abs(self.bound), 1e-12))


def solve(
    problem: PlacementProblem,
    *,
    start_prices: np.ndarray | None = None,
    seed: int = 0,
    exact: str | bool = "auto",
    exact_time_limit: float = 10.0,
) -> PlacementResult:
    """Place every household so that the sum of scores is (nearly) maximal.

    Parameters
    ----------
    problem : PlacementProblem
    start_prices : array (K, M), optional
        Prices to start from, e.g. those learnt from a forecast of the year.
    seed : int
        Seeds the household sample of the first dual stage.
    exact : "auto", True or False
        Also solve the integer program exactly with ``scipy.optimize.milp`` (HiGHS). ``"auto"``
        does so when the problem is small (at most 4,000 household–municipality pairs) or when
        the price repair fails; the exact answer is kept when it is better.
    exact_time_limit : float
        Seconds for the exact solver.

    Returns
    -------
    PlacementResult

    Raises
    ------
    InfeasibleError
        When no placement keeps every limit (or none could be found in time).

    Examples
    --------
    >>> import numpy as np
    >>> p = PlacementProblem(np.array([[0.9, 0.1], [0.8, 0.5]]), np.array([1, 1]),
    ...                      quota_upper=np.array([1, 1]))
    >>> r = solve(p)
    >>> r.assignment.tolist(), round(r.objective, 2)
    ([0, 1], 1.4)
    """
    clock = time.perf_counter()
    seconds: dict[str, float] = {}
    model = Model.from_problem(problem)
    seconds["setup"] = time.perf_counter() - clock

    clock = time.perf_counter()
    favourite = model.scores.argmax(axis=1)
    over, under = violations(model, favourite)
    if not over.any() and not under.any():
        # Every household can have its favourite: that is optimal, and proves itself.
        objective = float(problem.scores[np.arange(problem.n_households), favourite].sum())
        seconds["dual"] = time.perf_counter() - clock
        return PlacementResult(
            assignment=favourite,
            objective=objective,
            bound=objective,
            prices=np.zeros(model.upper.shape),
            loads=model.loads(favourite),
            constraint_names=model.names,
            seconds=seconds | {"total": sum(seconds.values())},
            method="unconstrained",
        )
    dual = solve_dual(model, start=start_prices, seed=seed)
    seconds["dual"] = time.perf_counter() - clock

    clock = time.perf_counter()
    repaired = repair(model, dual.prices)
    bound = min(dual.bound, lagrangian_bound(model, repaired.prices))
    seconds["repair"] = time.perf_counter() - clock

    stats = {
        "dual_evaluations": dual.evaluations,
        "dual_rounds": dual.rounds,
        "repair_rounds": repaired.rounds,
        "repair_moved": repaired.moved,
        "improved": repaired.improved,
    }
    result = None
    if repaired.feasible:
        assignment = repaired.assignment
        result = PlacementResult(
            assignment=assignment,
            objective=float(problem.scores[np.arange(problem.n_households), assignment].sum()),
            bound=bound,
            prices=repaired.prices,
            loads=model.loads(assignment),
            constraint_names=model.names,
            stats=stats,
        )

    small = problem.n_households * problem.n_municipalities <= 4000
    if exact is True or (exact == "auto" and (small or result is None)):
        from .exact import solve_milp

        clock = time.perf_counter()
        milp = solve_milp(problem, time_limit=exact_time_limit)
        seconds["exact"] = time.perf_counter() - clock
        stats["exact_status"] = milp.status
        if milp.assignment is not None and (
            result is None or milp.objective > result.objective + 1e-12
        ):
            result = PlacementResult(
                assignment=milp.assignment,
                objective=milp.objective,
                bound=min(bound, milp.bound),
                prices=repaired.prices,
                loads=model.loads(milp.assignment),
                constraint_names=model.names,
                method="exact" if milp.optimal else "exact (time limit)",
                stats=stats,
            )
        elif result is not None:
            result.bound = min(result.bound, milp.bound)
        if milp.status == "infeasible":
            raise InfeasibleError(
                "no placement keeps every quota, capacity, tie and forbidden pair"
            )
    if result is None:
        over, under = violations(model, repaired.assignment)
        k, m = np.unravel_index(np.argmax(over + under), over.shape)
        raise InfeasibleError(
            f"no feasible placement found: constraint {model.names[k]!r} in municipality {m} "
            f"is off by {float((over + under)[k, m]):g}"
        )
    result.seconds = seconds | {"total": sum(seconds.values())}
    return result
