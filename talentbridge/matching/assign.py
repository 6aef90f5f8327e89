"""The assignment that maximises the total score under capacities, solved exactly.

Each candidate gets at most ``max_per_candidate`` openings (default one), each opening at
most its capacity. The problem is a transportation problem; its constraint matrix is a
network matrix, hence totally unimodular, so the linear programme has integral optimal
vertices and HiGHS's simplex (via :func:`scipy.optimize.linprog`) returns one.

Large instances are not given to the LP whole. For the common case (one opening per
candidate, no fairness rule) a forward auction (:mod:`.auction`) on each candidate's and
each opening's best pairs yields prices ``v`` for the openings. One pass over *all*
eligible pairs then gives each candidate's dual ``u_i = max(0, max_j s_ij - v_j)``: a
feasible dual solution whose value ``D`` bounds the optimum. By complementary slackness,
any optimal assignment only uses pairs whose reduced cost ``u_i + v_j - s_ij`` is at most
``D - P`` (``P``: the auction's total); those pairs, collected in the same pass, are
handed to the LP, whose optimum is therefore the optimum over all pairs. That is the
exactness certificate; ``upper_bound`` reports ``D``.

Fairness (``fair=True``): every eligible candidate is presented at least once before anyone
twice, made precise as a lexicographic objective: first the largest possible number of
distinct candidates who get at least one opening (a maximum flow over all eligible pairs),
then, among all assignments serving that many, the largest total score. The second stage
is the LP with the row "at least K served", which keeps the matrix a network matrix (the
served candidates are the flow out of a source with supply K). This case, and
``max_per_candidate > 1``, solve the LP on all eligible pairs (or, above
``_DIRECT_LP_PAIRS`` pairs, by column generation: add every pair the duals price out,
repeat until none is left).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._checks import as_float_array, as_int_array, check_range
from ._network import (
    _check_capacity,
    _check_per_candidate,
    _dual_value,
    _max_flow,
    _solve_lp,
    _solve_simple,
    max_served,
)
from .auction import auction
from .rank import top_both
from .score import Scorer

__all__ = ["Assignment", "assign", "assign_pairs", "max_served"]

_VIOLATION_TOL = 1e-9
_MAX_ROUNDS = 50
_DIRECT_LP_PAIRS = 400_000
_AUCTION_EPS = 1e-6
_AUCTION_ROUNDS = 4
_NEAR_GUESS = 0.05  # reduced cost up to which the first pass collects pairs
_MISSING_PER_CANDIDATE = 20


@dataclass
class Assignment:
    """An optimal assignment.

    ``candidate`` and ``opening`` are parallel arrays of the assigned pairs (sorted by
    candidate, then opening) and ``score`` their scores. ``objective`` is the total score,
    ``served`` the number of distinct candidates with an opening, ``upper_bound`` the value
    of a feasible dual solution over all eligible pairs (so ``gap = upper_bound -
    objective`` bounds the distance to the optimum even without the near-pairs argument in
    the module docs), ``rounds`` the LP solves and ``edges`` the pairs in the last one.
    """

    candidate: np.ndarray
    opening: np.ndarray
    score: np.ndarray
    objective: float
    served: int
    upper_bound: float
    rounds: int
    edges: int
    fair: bool

    @property
    def gap(self) -> float:
        return float(self.upper_bound - self.objective)

    def opening_of(self, n: int) -> np.ndarray:
        """Opening of each of ``n`` candidates (-1: none); for ``max_per_candidate == 1``."""
        out = np.full(n, -1, np.int64)
        out[self.candidate] = self.opening
        return out


def assign_pairs(
    n: int,
    m: int,
    candidate,
    opening,
    score,
    capacity,
    *,
    max_per_candidate: int = 1,
    fair: bool = False,
) -> Assignment:
    """Exact assignment on an explicit list of eligible pairs.

    Parameters
    ----------
    n, m : numbers of candidates and openings.
    candidate, opening : integer arrays, the eligible pairs (no duplicates).
    score : finite, non-negative float array, one per pair.
    capacity : (m,) non-negative integers.
    max_per_candidate : openings per candidate (>= 1).
    fair : maximise the number of distinct candidates served first (see module docs).

    Examples
    --------
    >>> a = assign_pairs(2, 1, [0, 1], [0, 0], [0.9, 0.4], [1])
    >>> a.candidate.tolist(), a.objective
    ([0], 0.9)
    """
    candidate = as_int_array("candidate", candidate, dtype=np.int64)
    opening = as_int_array("opening", opening, dtype=np.int64, length=candidate.shape[0])
    score = as_float_array("score", score, length=candidate.shape[0])
    capacity = _check_capacity(capacity, m)
    check_range("candidate", candidate, 0, n)
    check_range("opening", opening, 0, m)
    if not np.isfinite(score).all():
        raise ValueError("score must be finite (leave excluded pairs out)")
    if score.size and score.min() < 0:
        raise ValueError("score must not be negative")
    keys = candidate * max(m, 1) + opening
    if np.unique(keys).shape[0] != keys.shape[0]:
        raise ValueError("pairs must not repeat")
    per = _check_per_candidate(max_per_candidate)
    return _solve_full(n, m, candidate, opening, score, capacity, per, fair)


def _solve_full(n, m, ei, ej, weight, capacity, per, fair, **_) -> Assignment:
    """Exact LP over explicit pairs: directly when they are few, else by column generation."""
    keep = capacity[ej] > 0
    ei, ej, weight = ei[keep], ej[keep], weight[keep]
    rounds = 0
    min_served = None
    active = np.ones(ei.shape[0], bool)
    if ei.shape[0] > _DIRECT_LP_PAIRS:
        active = _best_per_row(ei, weight, 3 * per + 2) | _best_per_row(
            ej, weight, int(2 * capacity.max() + 8)
        )
    if fair:
        # Stage one, exactly in integers: the most distinct candidates that can be served.
        flow = _max_flow(n, m, ei, ej, capacity)
        min_served = int(flow.flow_value)
        rounds += 1
        used = flow.flow.tocsr()[:n, n : n + m].tocoo()
        positive = used.data > 0
        key = ei * m + ej
        order = np.argsort(key)
        hit = order[
            np.searchsorted(
                key, used.row[positive].astype(np.int64) * m + used.col[positive], sorter=order
            )
        ]
        active[hit] = True  # so that the restricted second stage is feasible
    cap = capacity.astype(np.float64)
    while True:
        rounds += 1
        sol = _solve_lp(
            n, m, ei[active], ej[active], weight[active], capacity, per, 0.0, min_served
        )
        slack = weight - sol.u[ei] - sol.v[ej]
        bound = _dual_value(sol, cap, per, 0.0, min_served, float(np.maximum(slack, 0.0).sum()))
        chosen = np.flatnonzero(active)[sol.x]
        objective = float(weight[chosen].sum())
        violated = ~active & (slack > _VIOLATION_TOL)
        if (
            not violated.any()
            or bound - objective <= 1e-12 * max(1.0, objective)
            or rounds > _MAX_ROUNDS
        ):
            break
        active |= violated
    return _result(ei[chosen], ej[chosen], weight[chosen], bound, rounds, int(active.sum()), fair)


def _best_per_row(owner: np.ndarray, weight: np.ndarray, k: int) -> np.ndarray:
    """Mask of each owner's ``k`` best pairs."""
    order = np.lexsort((-weight, owner))
    sorted_owner = owner[order]
    rank = np.arange(order.shape[0]) - np.searchsorted(sorted_owner, sorted_owner)
    mask = np.zeros(owner.shape[0], bool)
    mask[order[rank < k]] = True
    return mask


def _result(ci, oj, sc, bound, rounds, edges, fair) -> Assignment:
    order = np.lexsort((oj, ci))
    ci, oj, sc = ci[order], oj[order], sc[order]
    objective = float(sc.sum())
    return Assignment(
        ci,
        oj,
        sc,
        objective,
        int(np.unique(ci).shape[0]),
        max(bound, objective),
        rounds,
        edges,
        fair,
    )


def assign(
    scorer: Scorer,
    *,
    rows=None,
    capacity=None,
    max_per_candidate: int = 1,
    fair: bool = False,
    min_score: float = 0.0,
    list_size: int | None = None,
) -> Assignment:
    """The optimal assignment of candidates ``rows`` (default all) to the scorer's openings.

    Only eligible pairs (not excluded by a hard requirement) with a score of at least
    ``min_score`` can be assigned.

    Parameters
    ----------
    scorer : scores of the candidates for the openings.
    rows : candidate indices taking part (default: all).
    capacity : places per opening (default ``scorer.openings.capacity``).
    max_per_candidate : openings per candidate, default 1.
    fair : first serve as many distinct candidates as possible, then maximise the score.
    min_score : pairs below this score are not assigned.
    list_size : candidates first considered per opening by the auction (default
        ``2 * max capacity + 8``); the certificate brings in whatever else is needed.

    Returns
    -------
    Assignment, with candidate indices into the scorer's candidates.

    Examples
    --------
    >>> from talentbridge.matching.synthetic import generate
    >>> inst = generate(60, 12, seed=7, capacity=(1, 3))
    >>> a = assign(Scorer(inst.candidates, inst.openings, inst.taxonomy))
    >>> bool(np.all(np.bincount(a.opening, minlength=12) <= inst.openings.capacity))
    True
    """
    m = scorer.openings.m
    rows = np.arange(scorer.candidates.n) if rows is None else scorer.check_rows(rows)
    if np.unique(rows).shape[0] != rows.shape[0]:
        raise ValueError("rows must not repeat")
    capacity = _check_capacity(scorer.openings.capacity if capacity is None else capacity, m)
    per = _check_per_candidate(max_per_candidate)
    if not np.isfinite(min_score) or min_score < 0:
        raise ValueError(f"min_score must be finite and non-negative, got {min_score!r}")
    if list_size is not None and (int(list_size) != list_size or list_size < 1):
        raise ValueError(f"list_size must be a positive integer, got {list_size!r}")
    n = rows.shape[0]
    if n == 0 or m == 0 or capacity.sum() == 0:
        empty = np.zeros(0, np.int64)
        return Assignment(empty, empty, np.zeros(0), 0.0, 0, 0.0, 0, 0, fair)
    if per == 1 and not fair:
        return _assign_by_auction(scorer, rows, capacity, min_score, list_size)
    return _assign_by_lp(scorer, rows, capacity, per, min_score, fair)


def _initial_pairs(
    scorer: Scorer, rows: np.ndarray, capacity: np.ndarray, min_score: float, list_size: int | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each opening's best candidates and each candidate's best openings (local indices)."""
    n, m = rows.shape[0], scorer.openings.m
    k_open = min(n, list_size or int(2 * capacity.max() + 8))
    k_cand = min(m, 10)
    top_o, top_c = top_both(scorer, k_cand, k_open, rows, min_score=min_score)
    local = np.full(scorer.candidates.n, -1, np.int64)
    local[rows] = np.arange(n)
    ei = np.concatenate(
        [local[np.maximum(top_c.index, 0)].ravel(), np.repeat(np.arange(n), k_cand)]
    )
    ej = np.concatenate([np.repeat(np.arange(m), k_open), top_o.index.ravel()])
    es = np.concatenate([top_c.score.ravel(), top_o.score.ravel()]).astype(np.float64)
    ok = np.concatenate([top_c.index.ravel() >= 0, top_o.index.ravel() >= 0])
    return _dedupe(ei[ok], ej[ok], es[ok], m)


def _dedupe(ei, ej, es, m):
    keys, first = np.unique(ei * m + ej, return_index=True)
    return keys // m, keys % m, es[first]


def _blocks(scorer: Scorer, rows: np.ndarray, min_score: float):
    """(start, scores as float64 with -inf where not eligible) per block of candidates."""
    m = scorer.openings.m
    block = max(1, (1 << 22) // max(m, 1))
    for start in range(0, rows.shape[0], block):
        scores = scorer.block(rows[start : start + block]).astype(np.float64)
        scores[~(scores >= min_score)] = -np.inf
        yield start, scores


def _assign_by_auction(scorer, rows, capacity, min_score, list_size) -> Assignment:
    n, m = rows.shape[0], scorer.openings.m
    ei, ej, es = _initial_pairs(scorer, rows, capacity, min_score, list_size)
    rounds = 0
    result = None
    while True:
        rounds += 1
        keep = capacity[ej] > 0
        ei, ej, es = ei[keep], ej[keep], es[keep]
        indptr = np.zeros(n + 1, np.int64)
        np.cumsum(np.bincount(ei, minlength=n), out=indptr[1:])  # _dedupe sorts by candidate
        result = auction(indptr, ej, es, capacity, eps=_AUCTION_EPS, start=result)
        price = np.where(capacity > 0, result.price, 0.0)
        held = result.opening_of >= 0
        ai = np.flatnonzero(held)
        aj = result.opening_of[held]
        a_score = es[np.searchsorted(ei * m + ej, ai * m + aj)]
        lower = float(a_score.sum())
        # What each candidate gets out of the pairs the auction saw, at these prices.
        profit = np.zeros(n)
        np.maximum.at(profit, ei, es - price[ej])
        bound, near, missing = _dual_pass(
            scorer, rows, capacity, price, min_score, lower, _NEAR_GUESS, ei, ej, profit
        )
        # Stop when the gap is small enough for the near pairs to be few, or nothing is
        # missing; otherwise add what the candidates missed and run the auction again.
        if near is not None or missing is None or rounds >= _AUCTION_ROUNDS:
            break
        # Some candidates would do better with pairs the auction did not see: add those
        # pairs and run the auction again.
        ei, ej, es = _dedupe(
            np.concatenate([ei, missing[0]]),
            np.concatenate([ej, missing[1]]),
            np.concatenate([es, missing[2]]),
            m,
        )
    if near is None:  # the guess for the gap was too small: collect again with the actual one
        bound, near, _ = _dual_pass(scorer, rows, capacity, price, min_score, lower, bound - lower)
    ni, nj, ns = _dedupe(
        np.concatenate([near[0], ai]),
        np.concatenate([near[1], aj]),
        np.concatenate([near[2], a_score]),
        m,
    )
    x, _, _ = _solve_simple(n, m, ni, nj, ns, capacity, 1)
    if float(ns[x].sum()) < lower - 1e-7:  # pragma: no cover - the LP contains the auction's pairs
        raise RuntimeError("assignment LP found less than the auction")
    return _result(rows[ni[x]], nj[x], ns[x], bound, rounds + 1, ni.shape[0], False)


def _dual_pass(
    scorer, rows, capacity, price, min_score, lower, delta, seen_i=None, seen_j=None, profit=None
):
    """One pass over all pairs at opening prices ``price``.

    Returns the dual bound ``D`` (each candidate's ``u_i = max(0, max_j s_ij - price_j)``),
    the pairs with reduced cost ``u_i + price_j - s_ij <= delta`` (None if ``D - lower``
    exceeds ``delta``, so they might not be all that matter) and, when the pairs the auction
    saw are given, each candidate's best few unseen pairs that beat its ``profit`` there
    (None if there are none).
    """
    total = float(capacity @ price)
    near_i, near_j, near_s, miss_i, miss_j, miss_s = [], [], [], [], [], []
    if seen_i is not None:
        order = np.argsort(seen_i, kind="stable")
        sorted_i = seen_i[order]
    for start, scores in _blocks(scorer, rows, min_score):
        b = scores.shape[0]
        r = scores - price[None, :]
        u = np.maximum(r.max(axis=1, initial=-np.inf), 0.0)
        total += float(u.sum())
        li, lj = np.nonzero(u[:, None] - r <= delta + 1e-9)
        near_i.append(li + start)
        near_j.append(lj)
        near_s.append(scores[li, lj])
        if seen_i is not None:
            lo, hi = np.searchsorted(sorted_i, [start, start + b])
            pick = order[lo:hi]
            r[seen_i[pick] - start, seen_j[pick]] = -np.inf
            better = r > profit[start : start + b, None] + 1e-9
            rows_with = np.flatnonzero(better.any(axis=1))
            if rows_with.size:
                sub = np.where(better[rows_with], r[rows_with], -np.inf)
                k = min(_MISSING_PER_CANDIDATE, sub.shape[1])
                top = np.argpartition(sub, sub.shape[1] - k, axis=1)[:, sub.shape[1] - k :]
                ti = np.repeat(rows_with, k)
                tj = top.ravel()
                ok = np.isfinite(sub[np.repeat(np.arange(rows_with.shape[0]), k), tj])
                miss_i.append(ti[ok] + start)
                miss_j.append(tj[ok])
                miss_s.append(scores[ti[ok], tj[ok]])
    near = None
    if total - lower <= delta + 1e-9:
        near = (np.concatenate(near_i), np.concatenate(near_j), np.concatenate(near_s))
    missing = None
    if miss_i:
        missing = (np.concatenate(miss_i), np.concatenate(miss_j), np.concatenate(miss_s))
    return total, near, missing


def _eligible_pairs(scorer: Scorer, rows: np.ndarray, min_score: float):
    """All eligible pairs (local candidate, opening, score) with score >= min_score."""
    out_i, out_j, out_s = [], [], []
    for start, scores in _blocks(scorer, rows, min_score):
        li, lj = np.nonzero(np.isfinite(scores))
        out_i.append(li + start)
        out_j.append(lj)
        out_s.append(scores[li, lj])
    return np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_s)


def _assign_by_lp(scorer, rows, capacity, per, min_score, fair) -> Assignment:
    """All eligible pairs, then the LP (fair: after the maximum flow), exact."""
    n, m = rows.shape[0], scorer.openings.m
    ei, ej, es = _eligible_pairs(scorer, rows, min_score)
    result = _solve_full(n, m, ei, ej, es, capacity, per, fair)
    result.candidate = rows[result.candidate]
    return result
