"""The assignment: capacities, eligibility, optimality against OR-Tools and SciPy, fairness."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.graph.python import min_cost_flow
from scipy.optimize import linear_sum_assignment

from talentbridge.matching.assign import assign, assign_pairs, max_served
from talentbridge.matching.score import Scorer
from talentbridge.matching.synthetic import generate

SCALE = 10**9


def ortools_reference(scores: np.ndarray, capacity: np.ndarray, per: int = 1, fair: bool = False):
    """(total score, distinct served) of OR-Tools' min-cost flow optimum on all eligible pairs.

    Costs are integers (scores times 1e9); fairness is a first-unit bonus larger than any
    total score, which makes the objective lexicographic.
    """
    n, m = scores.shape
    ii, jj = np.nonzero(np.isfinite(scores))
    s = scores[ii, jj].astype(np.float64)
    cost = np.round(s * SCALE).astype(np.int64)
    bonus = int(cost.sum() + 1) if fair else 0
    source, sink = n + m, n + m + 1
    tails = np.concatenate([np.full(n, source), np.full(n, source), ii, n + np.arange(m), [source]])
    heads = np.concatenate([np.arange(n), np.arange(n), n + jj, np.full(m, sink), [sink]])
    caps = np.concatenate(
        [np.ones(n), np.full(n, per - 1), np.ones(len(ii)), capacity, [n * per]]
    ).astype(np.int64)
    costs = np.concatenate([np.full(n, -bonus), np.zeros(n), -cost, np.zeros(m), [0]]).astype(
        np.int64
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    flow.set_node_supply(source, n * per)
    flow.set_node_supply(sink, -n * per)
    assert flow.solve() == flow.OPTIMAL
    used = flow.flows(np.arange(2 * n, 2 * n + len(ii))) > 0
    return float(s[used].sum()), len(np.unique(ii[used]))


def scipy_reference(scores: np.ndarray, capacity: np.ndarray) -> float:
    """SciPy's linear_sum_assignment on candidate x slot (one column per place)."""
    slots = np.repeat(np.arange(scores.shape[1]), capacity)
    matrix = np.where(np.isfinite(scores), scores, 0.0)[:, slots]
    r, c = linear_sum_assignment(matrix, maximize=True)
    return float(matrix[r, c].sum())


def check_feasible(a, scores, capacity, per=1, min_score=0.0):
    assert np.all(
        np.bincount(a.opening, minlength=len(capacity)) <= capacity
    )  # capacities never exceeded
    assert np.all(np.bincount(a.candidate, minlength=scores.shape[0]) <= per)
    pairs = set(zip(a.candidate.tolist(), a.opening.tolist(), strict=True))
    assert len(pairs) == len(a.candidate)
    assert np.all(np.isfinite(scores[a.candidate, a.opening]))  # hard requirements never violated
    assert np.all(scores[a.candidate, a.opening] >= min_score)
    assert np.allclose(a.score, scores[a.candidate, a.opening], atol=1e-6)
    assert a.upper_bound >= a.objective - 1e-9


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 40),
    st.integers(1, 12),
    st.integers(0, 9999),
    st.integers(1, 4),
    st.booleans(),
    st.integers(1, 2),
    st.sampled_from([0.0, 0.35]),
)
def test_it_equals_the_reference_solvers(n, m, seed, max_cap, fair, per, min_score):
    inst = generate(n, m, seed=seed, capacity=(0, max_cap))
    scorer = Scorer(inst.candidates, inst.openings, inst.taxonomy)
    scores = scorer.scores().astype(np.float64)
    scores[scores < min_score] = -np.inf
    capacity = inst.openings.capacity
    a = assign(scorer, fair=fair, max_per_candidate=per, min_score=min_score)
    check_feasible(a, scores, capacity, per, min_score)
    total, served = ortools_reference(scores, capacity, per, fair)
    assert abs(a.objective - total) <= 1e-6 * max(1.0, total)
    if fair:
        assert a.served == served == max_served(n, m, *np.nonzero(np.isfinite(scores)), capacity)
    if per == 1 and not fair:
        assert abs(a.objective - scipy_reference(scores, capacity)) <= 1e-6 * max(1.0, total)


def test_the_auction_path_certifies_on_a_larger_instance():
    inst = generate(600, 60, seed=21, capacity=(1, 5))
    scorer = Scorer(inst.candidates, inst.openings, inst.taxonomy)
    scores = scorer.scores().astype(np.float64)
    a = assign(scorer, list_size=2)  # tiny lists: the certificate must bring in the rest
    check_feasible(a, scores, inst.openings.capacity)
    total, _ = ortools_reference(scores, inst.openings.capacity)
    assert abs(a.objective - total) <= 1e-7 * total
    assert a.edges < np.isfinite(scores).sum()  # it did not need every pair


def test_fairness_serves_more_people_when_it_matters():
    # Opening 0 has one place and two people want it; person 0 could also take opening 1.
    # Best score: person 0 -> opening 0 (0.9) alone. Fair: both served.
    a = assign_pairs(2, 2, [0, 0, 1], [0, 1, 0], [0.9, 0.1, 0.5], [1, 1])
    assert a.served == 1 and a.objective == pytest.approx(0.9)
    f = assign_pairs(2, 2, [0, 0, 1], [0, 1, 0], [0.9, 0.1, 0.5], [1, 1], fair=True)
    assert f.served == 2 and f.objective == pytest.approx(0.6)


def test_presentations_reach_everyone_before_anyone_twice():
    # Two people, two openings; with two presentations each the best-score answer gives
    # person 0 both, the fair answer first makes sure person 1 gets one.
    pairs = ([0, 0, 1], [0, 1, 1], [0.9, 0.8, 0.2])
    best = assign_pairs(2, 2, *pairs, [1, 1], max_per_candidate=2)
    assert best.served == 1
    fair = assign_pairs(2, 2, *pairs, [1, 1], max_per_candidate=2, fair=True)
    assert fair.served == 2 and fair.objective == pytest.approx(1.1)


def test_nothing_to_assign():
    inst = generate(5, 3, seed=2)
    scorer = Scorer(inst.candidates, inst.openings, inst.taxonomy)
    a = assign(scorer, capacity=[0, 0, 0])
    assert a.candidate.size == 0 and a.objective == 0
