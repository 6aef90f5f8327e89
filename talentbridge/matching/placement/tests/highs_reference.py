"""The placement problem solved by HiGHS through highspy: the second solver for tests and bench.

Built independently of ``exact.py`` (which goes through ``scipy.optimize.milp``), straight from
the problem's arrays into a column-wise ``HighsLp``, so that a modelling slip in one is caught
by the other.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import highspy
import numpy as np

from talentbridge.matching.placement.problem import PlacementProblem


@dataclass
class HighsOutcome:
    status: str  # HiGHS model status, e.g. "Optimal", "Time limit reached"
    objective: float | None  # best feasible objective (None when none was found)
    bound: float | None  # HiGHS' dual bound (for the LP: its optimum)
    assignment: np.ndarray | None
    seconds: float


def _lp(problem: PlacementProblem, integer: bool):
    hh, mm = np.nonzero(problem.allowed)
    n = len(hh)
    H, M = problem.n_households, problem.n_municipalities
    rows_lower, rows_upper, blocks = [np.ones(H)], [np.ones(H)], []
    offset = H
    for _, usage, upper, lower in problem.constraints():
        keep = np.isfinite(upper) | (lower > 0)
        index = np.full(M, -1)
        index[keep] = offset + np.arange(int(keep.sum()))
        blocks.append((usage, index))
        rows_lower.append(lower[keep])
        rows_upper.append(np.where(np.isfinite(upper[keep]), upper[keep], highspy.kHighsInf))
        offset += int(keep.sum())
    # Column j = (household hh[j], municipality mm[j]): a 1 in its household's row and its
    # usage in each constraint row of its municipality.
    entries_index = [hh[:, None]]
    entries_value = [np.ones((n, 1))]
    for usage, index in blocks:
        entries_index.append(index[mm][:, None])
        entries_value.append(usage[hh][:, None])
    index = np.hstack(entries_index)
    value = np.hstack(entries_value)
    present = index >= 0
    counts = present.sum(axis=1)
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = offset
    lp.col_cost_ = problem.scores[hh, mm].astype(np.float64)
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = np.ones(n)
    lp.row_lower_ = np.concatenate(rows_lower).astype(np.float64)
    lp.row_upper_ = np.concatenate(rows_upper).astype(np.float64)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    lp.a_matrix_.index_ = index[present].astype(np.int32)
    lp.a_matrix_.value_ = value[present].astype(np.float64)
    if integer:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    return lp, hh, mm


def solve_highs(
    problem: PlacementProblem, *, integer: bool, time_limit: float = 60.0, threads: int = 1
) -> HighsOutcome:
    """Solve the MILP (``integer=True``) or its LP relaxation with HiGHS."""
    clock = time.perf_counter()
    lp, hh, mm = _lp(problem, integer)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("threads", threads)
    if integer:
        h.setOptionValue("mip_rel_gap", 1e-9)
    h.passModel(lp)
    h.run()
    status = h.modelStatusToString(h.getModelStatus())
    info = h.getInfo()
    seconds = time.perf_counter() - clock
    has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
    if not has_solution:
        bound = info.mip_dual_bound if integer and np.isfinite(info.mip_dual_bound) else None
        return HighsOutcome(status, None, bound, None, seconds)
    x = np.asarray(h.getSolution().col_value)
    objective = float(h.getInfo().objective_function_value)
    assignment = None
    if integer:
        chosen = x > 0.5
        assignment = np.full(problem.n_households, -1)
        assignment[hh[chosen]] = mm[chosen]
        bound = float(info.mip_dual_bound)
    else:
        bound = objective if status == "Optimal" else None
    return HighsOutcome(status, objective, bound, assignment, seconds)
