"""Blocked top-k ranking equals a full sort, both ways, whatever the block size."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talentbridge.matching.rank import top_both, top_candidates, top_openings
from talentbridge.matching.score import Scorer
from talentbridge.matching.synthetic import generate


def expected_top(scores: np.ndarray, k: int, min_score: float):
    """Per row: the k best finite scores >= min_score, best first (ties by lower index)."""
    out = []
    for row in scores:
        items = [(-float(s), c) for c, s in enumerate(row) if np.isfinite(s) and s >= min_score]
        out.append(sorted(items)[:k])
    return out


def check(top, scores, k, min_score):
    for r, items in enumerate(expected_top(scores, k, min_score)):
        listed = [c for c in top.index[r] if c >= 0]
        assert len(listed) == len(items)
        assert np.allclose(top.score[r][: len(items)], [-s for s, _ in items], atol=1e-6)
        assert np.all(np.isneginf(top.score[r][len(items) :]))
        assert all(
            np.isclose(scores[r, c], top.score[r][t], atol=1e-6) for t, c in enumerate(listed)
        )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 60),
    st.integers(1, 30),
    st.integers(0, 9999),
    st.integers(1, 12),
    st.integers(1, 17),
    st.sampled_from([-np.inf, 0.3]),
)
def test_it_returns_the_best_k_both_ways(n, m, seed, k, block, min_score):
    inst = generate(n, m, seed=seed)
    scorer = Scorer(inst.candidates, inst.openings, inst.taxonomy)
    scores = scorer.scores()
    check(top_openings(scorer, k, block_size=block, min_score=min_score), scores, k, min_score)
    check(top_candidates(scorer, k, block_size=block, min_score=min_score), scores.T, k, min_score)
    by_candidate, by_opening = top_both(scorer, k, k, block_size=block, min_score=min_score)
    check(by_candidate, scores, k, min_score)
    check(by_opening, scores.T, k, min_score)


def test_threads_give_the_same_result():
    inst = generate(300, 50, seed=8)
    scorer = Scorer(inst.candidates, inst.openings, inst.taxonomy)
    one = top_openings(scorer, 5, block_size=37)
    two = top_openings(scorer, 5, block_size=37, workers=2)
    assert np.array_equal(one.index, two.index)
    assert np.array_equal(one.score, two.score)


def test_a_subset_of_candidates_and_of_openings():
    inst = generate(80, 20, seed=9)
    scorer = Scorer(inst.candidates, inst.openings, inst.taxonomy)
    rows = np.array([5, 3, 70])
    top = top_openings(scorer, 4, rows=rows)
    check(top, scorer.scores(rows), 4, -np.inf)
    sub = scorer.restricted([2, 7])
    top_c = top_candidates(sub, 6)
    check(top_c, scorer.scores()[:, [2, 7]].T, 6, -np.inf)


def test_wide_rows_take_the_threshold_path_and_stay_exact():
    from talentbridge.matching.rank import _top_rows

    rng = np.random.default_rng(3)
    scores = rng.random((40, 3000)).astype(np.float32)
    scores[rng.random(scores.shape) < 0.7] = -np.inf
    scores[5] = -np.inf  # nothing eligible
    scores[6, :] = -np.inf
    scores[6, [10, 2999]] = 0.5  # two eligible, tied
    scores[7] = np.round(scores[7], 1)  # many ties
    for k in (1, 10):
        index, values = _top_rows(scores.copy(), k, -np.inf)
        for r in range(40):
            items = sorted((-float(s), c) for c, s in enumerate(scores[r]) if np.isfinite(s))[:k]
            got = [(-float(values[r, t]), int(index[r, t])) for t in range(k) if index[r, t] >= 0]
            assert got == items
