"""The placement problem as an integer program for ``scipy.optimize.milp`` (HiGHS).

Exact but slow beyond a few thousand people (see STACK.md). Used to finish small problems, as
a fallback when the price repair fails, and as the second solver in the tests.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_array, vstack

from .problem import PlacementProblem


@dataclass
class ExactResult:
    status: str  # "optimal", "time limit", "infeasible", "error"
    assignment: np.ndarray | None
    objective: float
    bound: float  # upper bound on the optimum (inf when unknown)

    @property
    def optimal(self) -> bool:
        return self.status == "optimal"


def _program(problem: PlacementProblem):
    """Variables are the allowed (household, municipality) pairs."""
    hh, mm = np.nonzero(problem.allowed)
    n = len(hh)
    H = problem.n_households
    rows = [csr_array((np.ones(n), (hh, np.arange(n))), shape=(H, n))]
    lower = [np.ones(H)]
    upper = [np.ones(H)]
    M = problem.n_municipalities
    for _, usage, up, lo in problem.constraints():
        keep = np.isfinite(up) | (lo > 0)
        if not keep.any():
            continue
        index = np.cumsum(keep) - 1
        on = keep[mm]
        rows.append(
            csr_array(
                (usage[hh[on]], (index[mm[on]], np.nonzero(on)[0])), shape=(int(keep.sum()), n)
            )
        )
        lower.append(lo[keep])
        upper.append(up[keep])
    matrix = vstack(rows, format="csr")
    cost = -problem.scores[hh, mm]
    return hh, mm, cost, LinearConstraint(matrix, np.concatenate(lower), np.concatenate(upper)), M


def solve_milp(problem: PlacementProblem, time_limit: float = 60.0) -> ExactResult:
    """Solve the integer program exactly (or until ``time_limit`` seconds)."""
    hh, mm, cost, constraint, _ = _program(problem)
    res = milp(
        cost,
        constraints=constraint,
        integrality=np.ones(len(cost)),
        bounds=Bounds(0, 1),
        options={"time_limit": time_limit, "mip_rel_gap": 1e-9},
    )
    bound = (
        -float(res.mip_dual_bound) if getattr(res, "mip_dual_bound", None) is not None else np.inf
    )
    if res.x is None:
        status = "infeasible" if res.status == 2 else ("time limit" if res.status == 1 else "error")
        return ExactResult(status, None, -np.inf, bound if np.isfinite(bound) else np.inf)
    chosen = res.x > 0.5
    assignment = np.empty(problem.n_households, dtype=np.int64)
    assignment[hh[chosen]] = mm[chosen]
    objective = float(problem.scores[np.arange(problem.n_households), assignment].sum())
    status = "optimal" if res.status == 0 else "time limit"
    if status == "optimal":
        bound = max(objective, bound) if np.isfinite(bound) else objective
    return ExactResult(status, assignment, objective, bound)


def solve_lp(problem: PlacementProblem) -> float:
    """The optimum of the LP relaxation (households may be split)."""
    _, _, cost, constraint, _ = _program(problem)
    res = linprog(cost, bounds=(0, 1), method="highs", **_as_linprog(constraint))
    if res.status != 0:
        raise ValueError(f"LP relaxation: {res.message}")
    return -float(res.fun)


def _as_linprog(constraint: LinearConstraint) -> dict:
    """Split ``lb ≤ A x ≤ ub`` into the equality and inequality blocks ``linprog`` wants."""
    A = constraint.A
    lb, ub = np.asarray(constraint.lb), np.asarray(constraint.ub)
    eq = lb == ub
    out: dict = {}
    if eq.any():
        out["A_eq"], out["b_eq"] = A[eq], ub[eq]
    ineq_up = ~eq & np.isfinite(ub)
    ineq_lo = ~eq & (lb > 0)
    blocks, rhs = [], []
    if ineq_up.any():
        blocks.append(A[ineq_up])
        rhs.append(ub[ineq_up])
    if ineq_lo.any():
        blocks.append(-A[ineq_lo])
        rhs.append(-lb[ineq_lo])
    if blocks:
        out["A_ub"], out["b_ub"] = vstack(blocks, format="csr"), np.concatenate(rhs)
    return out
