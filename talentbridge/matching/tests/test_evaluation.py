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


# -- the planted truth's own formula (true_fit) ------------------------------------------


def _profiles(skills, danish, factor=None, lat=None, reach=None, licences=None, keys=None):
    from talentbridge.matching.evaluation import TrueProfiles

    n = len(skills)
    indptr = np.zeros(n + 1, np.int64)
    np.cumsum([len(s) for s in skills], out=indptr[1:])
    return TrueProfiles(
        skill_indptr=indptr,
        skill_ids=np.array([x for s in skills for x in s], np.int32),
        danish=np.array(danish),
        factor=np.ones(n) if factor is None else np.array(factor, float),
        lat=np.full(n, 56.0) if lat is None else np.array(lat, float),
        lon=np.full(n, 9.5),
        reach_km=np.zeros(n) if reach is None else np.array(reach, float),
        licences=np.zeros(n, np.int64) if licences is None else np.array(licences),
        may_work=np.ones(n, bool),
        keys=keys,
    )


def _openings(m=1, **kw):
    from talentbridge.matching.model import Openings

    return Openings.build(m, lat=np.full(m, 56.0), lon=np.full(m, 9.5), **kw)


def test_true_fit_follows_its_documented_formula():
    from talentbridge.matching.evaluation import true_fit

    ess = (np.array([0, 4]), np.array([0, 1, 2, 3], np.int32))
    opt = (np.array([0, 2]), np.array([4, 5], np.int32))
    o = _openings(essential=ess, optional=opt, language_min=np.array([[3, 0]], np.int8))
    people = _profiles(
        [[0, 1, 2, 3, 4, 5], [0, 1, 2, 3], [0, 1], [0, 1, 2, 3, 4, 5], [0, 1, 2, 3, 4, 5]],
        [3, 3, 3, 1, 3],
        factor=[1.0, 1.0, 1.0, 1.0, 0.5],
    )
    fit = true_fit(people, o, seed=1, noise=0.0)[:, 0]
    assert fit.tolist() == pytest.approx([1.0, 0.85, 0.4, 0.25, 0.5])
    # Beyond the reach: 0; within a stated reach: only a little lower (about 111 km of 200).
    far = _profiles([[0, 1, 2, 3, 4, 5]] * 2, [3, 3], lat=[57.0, 57.0], reach=[0, 200])
    a, b = true_fit(far, o, seed=1, noise=0.0)[:, 0]
    assert a == 0.0 and 0.8 < b < 0.9
    # A hard licence requirement not met: 0; a soft one: 0.8.
    for hard, expected in ((True, 0.0), (False, 0.8)):
        lo = _openings(licence=np.array([1], np.int16), licence_hard=np.array([hard]))
        assert true_fit(_profiles([[]], [3]), lo, seed=1, noise=0.0)[0, 0] == pytest.approx(
            expected
        )
        has = _profiles([[]], [3], licences=[0b10])
        assert true_fit(has, lo, seed=1, noise=0.0)[0, 0] == pytest.approx(1.0)


def test_true_fit_is_keyed_seeded_in_range_and_ignores_the_score_weights():
    from talentbridge.matching.evaluation import true_fit

    rng = np.random.default_rng(3)
    skills = [sorted(set(rng.integers(0, 30, 6).tolist())) for _ in range(40)]
    people = _profiles(
        skills,
        rng.integers(0, 5, 40),
        factor=rng.uniform(0.3, 1, 40),
        lat=rng.uniform(55, 57.5, 40),
        keys=[f"c{i}" for i in range(40)],
    )
    ess_lists = [sorted(set(rng.integers(0, 30, 4).tolist())) for _ in range(15)]
    indptr = np.zeros(16, np.int64)
    np.cumsum([len(x) for x in ess_lists], out=indptr[1:])
    o = _openings(
        15,
        essential=(indptr, np.array([x for e in ess_lists for x in e], np.int32)),
        language_min=np.stack([rng.integers(0, 4, 15), np.zeros(15, int)], 1).astype(np.int8),
        keys=[f"o{j}" for j in range(15)],
    )
    a = true_fit(people, o, seed=7)
    assert a.shape == (40, 15) and ((a >= 0) & (a <= 1)).all()
    # The noise is relative: an impossible pair stays at 0.
    assert np.array_equal(a == 0, true_fit(people, o, seed=7, noise=0.0) == 0)
    assert np.array_equal(a, true_fit(people, o, seed=7))
    assert not np.array_equal(a, true_fit(people, o, seed=8))
    order = np.arange(15)[::-1]
    assert np.array_equal(true_fit(people, o.subset(order), seed=7), a[:, order])
    import inspect

    assert "weights" not in inspect.signature(true_fit).parameters
