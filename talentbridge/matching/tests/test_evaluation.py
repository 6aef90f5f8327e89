"""Evaluation helpers and the planted truth."""

import numpy as np
import pytest

from talentbridge.matching.assign import assign
from talentbridge.matching.evaluation import (
    greedy_assignment,
    ndcg_at_k,
    plant_true_fit,
    precision_at_k,
    random_assignment,
    total,
)
from talentbridge.matching.rank import top_openings
from talentbridge.matching.score import Scorer
from talentbridge.matching.synthetic import generate


def test_precision_and_ndcg_on_known_cases():
    ranked = np.array([[2, 0, 1]])
    gain = np.array([[0.0, 1.0, 3.0]])
    assert precision_at_k(ranked, gain > 0, 2) == 0.5
    assert ndcg_at_k(ranked, gain, 3) == pytest.approx(
        1.0 * (3 + 0 / np.log2(3) + 1 / 2) / (3 + 1 / np.log2(3))
    )
    assert ndcg_at_k(np.array([[0, 1]]), np.zeros((1, 2)), 2) == 0.0


def test_the_truth_is_stable_and_keyed():
    inst = generate(30, 12, seed=4)
    inst.candidates.keys = [f"c{i}" for i in range(30)]
    inst.openings.keys = [f"o{j}" for j in range(12)]
    scorer = Scorer(inst.candidates, inst.openings, inst.taxonomy)
    a = plant_true_fit(scorer, 7)
    assert np.array_equal(a, plant_true_fit(scorer, 7))
    assert not np.array_equal(a, plant_true_fit(scorer, 8))
    scores = scorer.scores()
    assert np.all(a[np.isneginf(scores)] == 0)  # hard requirements hold in the truth too
    # Reordering the openings reorders the truth with them.
    order = np.arange(12)[::-1]
    again = plant_true_fit(scorer.restricted(order), 7)
    assert np.allclose(again, a[:, order])


def test_the_ranking_beats_chance_and_the_optimum_beats_the_baselines():
    inst = generate(400, 80, seed=5, capacity=(1, 3))
    scorer = Scorer(inst.candidates, inst.openings, inst.taxonomy)
    truth = plant_true_fit(scorer, 11)
    top = top_openings(scorer, 10)
    relevant = truth >= 0.5
    chance = relevant.sum(axis=1).mean() / inst.openings.m
    assert precision_at_k(top.index, relevant, 5) > 2 * chance
    assert ndcg_at_k(top.index, truth, 10) > 0.6
    scores = scorer.scores()
    ci, oj = np.nonzero(np.isfinite(scores))
    best = assign(scorer)
    greedy = greedy_assignment(ci, oj, scores[ci, oj], inst.openings.capacity)
    rand = random_assignment(ci, oj, scores[ci, oj], inst.openings.capacity, seed=1)
    s_best = float(scores[best.candidate, best.opening].sum())
    assert s_best >= float(scores[greedy.candidate, greedy.opening].sum()) - 1e-9
    assert total(truth, best) > total(truth, rand)
    for a in (greedy, rand):
        assert np.all(np.bincount(a.opening, minlength=80) <= inst.openings.capacity)
        assert len(set(a.candidate.tolist())) == len(a.candidate)
