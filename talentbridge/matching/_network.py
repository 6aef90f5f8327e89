"""The network linear programmes behind the assignment, solved with HiGHS through SciPy.

The constraint matrices here are network matrices (candidates and openings are nodes,
pairs are arcs), so every basic optimal solution is integral; the functions check that,
and also return the duals the optimality certificates in :mod:`.assign` are built on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog
from scipy.sparse.csgraph import maximum_flow

from ._checks import as_int_array, check_range


@dataclass
class _Solution:
    x: np.ndarray  # chosen edges (bool)
    u: np.ndarray
    v: np.ndarray
    w: float
    bound: float = 0.0


def _solve_lp(
    n: int,
    m: int,
    ei: np.ndarray,
    ej: np.ndarray,
    weight: np.ndarray,
    capacity: np.ndarray,
    per_candidate: int,
    served_bonus: float,
    min_served: int | None,
) -> _Solution:
    """Solve the network LP on explicit edges; return the integral edges and the duals."""
    e = ei.shape[0]
    cols = e + 2 * n
    cand = np.arange(n)
    a_eq = sp.csr_array(
        (
            np.concatenate([np.ones(e), -np.ones(n), -np.ones(n)]),
            (
                np.concatenate([ei, cand, cand]),
                np.concatenate([np.arange(e), e + cand, e + n + cand]),
            ),
        ),
        shape=(n, cols),
    )
    rows_ub = [sp.csr_array((np.ones(e), (ej, np.arange(e))), shape=(m, cols))]
    b_ub = [capacity.astype(np.float64)]
    if min_served is not None:
        rows_ub.append(
            sp.csr_array((-np.ones(n), (np.zeros(n, np.int64), e + cand)), shape=(1, cols))
        )
        b_ub.append(np.array([-float(min_served)]))
    a_ub = sp.vstack(rows_ub, format="csr")
    c = -np.concatenate([weight, np.full(n, served_bonus), np.zeros(n)])
    bounds = np.zeros((cols, 2))
    bounds[:e, 1] = 1.0
    bounds[e : e + n, 1] = 1.0
    bounds[e + n :, 1] = per_candidate - 1
    for method in ("highs", "highs-ds"):
        res = linprog(
            c,
            A_ub=a_ub,
            b_ub=np.concatenate(b_ub),
            A_eq=a_eq,
            b_eq=np.zeros(n),
            bounds=bounds,
            method=method,
        )
        if res.status != 0:
            raise RuntimeError(f"assignment LP failed: {res.message}")
        x = res.x[:e]
        if np.all(np.abs(x - np.round(x)) < 1e-6):
            break
    else:  # pragma: no cover - a network LP's basic solutions are integral
        raise RuntimeError("assignment LP returned a fractional solution")
    u = -np.asarray(res.eqlin.marginals, np.float64)
    dual_ub = -np.asarray(res.ineqlin.marginals, np.float64)
    v = np.maximum(dual_ub[:m], 0.0)
    w = max(float(dual_ub[m]), 0.0) if min_served is not None else 0.0
    return _Solution(np.round(x) > 0.5, u, v, w)


def _dual_value(
    sol: _Solution,
    capacity: np.ndarray,
    per_candidate: int,
    served_bonus: float,
    min_served: int | None,
    excess: float,
) -> float:
    """Objective of the dual solution; ``excess`` is the sum over all eligible pairs of
    ``max(0, weight - u_i - v_j)``."""
    k = float(min_served) if min_served is not None else 0.0
    return float(
        capacity @ sol.v
        - k * sol.w
        + excess
        + np.maximum(0.0, served_bonus + sol.u + sol.w).sum()
        + (per_candidate - 1) * np.maximum(0.0, sol.u).sum()
    )


def _check_capacity(capacity, m: int) -> np.ndarray:
    capacity = np.asarray(capacity)
    if capacity.dtype.kind == "f":
        if np.isnan(capacity).any():
            raise ValueError("capacity contains NaN")
        if np.any(capacity != np.round(capacity)):
            raise ValueError("capacity must hold whole numbers")
        capacity = capacity.astype(np.int64)
    capacity = as_int_array("capacity", capacity, length=m, dtype=np.int64)
    if capacity.size and capacity.min() < 0:
        raise ValueError(f"capacity must not be negative, got {capacity.min()}")
    return capacity


def _check_per_candidate(value) -> int:
    if int(value) != value or value < 1:
        raise ValueError(f"max_per_candidate must be a positive integer, got {value!r}")
    return int(value)


def _solve_simple(n, m, ei, ej, es, capacity, per):
    """LP: max sum s x, candidate rows <= per, opening rows <= capacity, 0 <= x <= 1."""
    e = ei.shape[0]
    if e == 0:
        return np.zeros(0, bool), np.zeros(n), np.zeros(m)
    a_ub = sp.vstack(
        [
            sp.csr_array((np.ones(e), (ei, np.arange(e))), shape=(n, e)),
            sp.csr_array((np.ones(e), (ej, np.arange(e))), shape=(m, e)),
        ],
        format="csr",
    )
    b_ub = np.concatenate([np.full(n, float(per)), capacity.astype(np.float64)])
    for method in ("highs", "highs-ds"):
        res = linprog(-es, A_ub=a_ub, b_ub=b_ub, bounds=(0, 1), method=method)
        if res.status != 0:
            raise RuntimeError(f"assignment LP failed: {res.message}")
        if np.all(np.abs(res.x - np.round(res.x)) < 1e-6):
            break
    else:  # pragma: no cover - a network LP's basic solutions are integral
        raise RuntimeError("assignment LP returned a fractional solution")
    dual = np.maximum(-np.asarray(res.ineqlin.marginals, np.float64), 0.0)
    return np.round(res.x) > 0.5, dual[:n], dual[n:]


def _max_flow(n: int, m: int, ei: np.ndarray, ej: np.ndarray, capacity: np.ndarray):
    source, sink = n + m, n + m + 1
    tails = np.concatenate([np.full(n, source), ei, n + np.arange(m)])
    heads = np.concatenate([np.arange(n), n + ej, np.full(m, sink)])
    caps = np.concatenate([np.ones(n), np.ones(ei.shape[0]), capacity]).astype(np.int32)
    graph = sp.csr_array((caps, (tails, heads)), shape=(n + m + 2, n + m + 2))
    graph.sum_duplicates()
    return maximum_flow(graph, source, sink)


def max_served(n: int, m: int, ei, ej, capacity) -> int:
    """Most distinct candidates that can get an opening (a maximum flow).

    Examples
    --------
    >>> max_served(3, 1, np.array([0, 1, 2]), np.array([0, 0, 0]), np.array([2]))
    2
    """
    ei = as_int_array("ei", ei, dtype=np.int64)
    ej = as_int_array("ej", ej, dtype=np.int64, length=ei.shape[0])
    capacity = _check_capacity(capacity, m)
    check_range("ei", ei, 0, n)
    check_range("ej", ej, 0, m)
    return int(_max_flow(n, m, ei, ej, capacity).flow_value)
