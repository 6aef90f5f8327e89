"""How good is the matching on a project? Against the hidden "true fit" planted for the demo.

The truth is :func:`talentbridge.matching.evaluation.plant_true_fit` with the project's
truth seed (``Project.settings["demo_truth_seed"]``, else 42), keyed by database ids, so the
same data always has the same truth. Reports precision@5 and nDCG@10 of the ranking (and of
a random ranking, for scale) and the total true fit of the optimal assignment against a
greedy and a random one, all in one run.
"""

from __future__ import annotations

import numpy as np

from talentbridge.matching.assign import assign
from talentbridge.matching.evaluation import (
    greedy_assignment,
    ndcg_at_k,
    plant_true_fit,
    precision_at_k,
    random_assignment,
    total,
    true_top,
)
from talentbridge.matching.rank import top_openings

from . import bridge

DEFAULT_SEED = 42


def truth_seed(project) -> int:
    return int((project.settings or {}).get("demo_truth_seed", DEFAULT_SEED))


def evaluate(project, *, seed: int | None = None, k_precision: int = 5, k_ndcg: int = 10) -> dict:
    """The figures, as a dict. Precision@k: the share of the k openings ranked first that are
    among the k that truly fit the candidate best (divided by min(k, openings with any true
    fit), so a perfect ranking scores 1); nDCG@k with the true fit as the gain."""
    population = bridge.load(project)
    seed = truth_seed(project) if seed is None else seed
    n, m = len(population.candidates), len(population.openings)
    result = {"project": project.code, "seed": seed, "candidates": n, "openings": m}
    if n == 0 or m == 0:
        return result
    scorer = population.scorer
    truth = plant_true_fit(scorer, seed, skill_keys=population.skill_pks)
    k = max(k_precision, k_ndcg)
    top = top_openings(scorer, min(k, m))
    index = (
        top.index
        if top.index.shape[1] >= k
        else np.pad(top.index, ((0, 0), (0, k - top.index.shape[1])), constant_values=-1)
    )
    relevant = true_top(truth, k_precision)
    rng = np.random.default_rng(seed)
    scores = scorer.scores()
    eligible = np.isfinite(scores)
    random_rank = np.full((n, k), -1, np.int64)
    for i in range(n):
        choices = np.flatnonzero(eligible[i])
        pick = rng.permutation(choices)[:k]
        random_rank[i, : pick.shape[0]] = pick
    best = assign(scorer)
    ci, oj = np.nonzero(eligible)
    capacity = scorer.openings.capacity
    greedy = greedy_assignment(ci, oj, scores[ci, oj], capacity)
    rand = random_assignment(ci, oj, scores[ci, oj], capacity, seed=seed)
    result.update(
        {
            f"precision_at_{k_precision}": round(
                precision_at_k(index, relevant, k_precision, normalise=True), 4
            ),
            f"precision_at_{k_precision}_random": round(
                precision_at_k(random_rank, relevant, k_precision, normalise=True), 4
            ),
            f"ndcg_at_{k_ndcg}": round(ndcg_at_k(index, truth, k_ndcg), 4),
            f"ndcg_at_{k_ndcg}_random": round(ndcg_at_k(random_rank, truth, k_ndcg), 4),
            "places": int(capacity.sum()),
            "true_fit_optimal": round(total(truth, best), 3),
            "true_fit_greedy": round(total(truth, greedy), 3),
            "true_fit_random": round(total(truth, rand), 3),
            "score_optimal": round(best.objective, 3),
            "score_greedy": round(float(scores[greedy.candidate, greedy.opening].sum()), 3),
            "assigned_optimal": int(best.candidate.shape[0]),
            "assigned_greedy": int(greedy.candidate.shape[0]),
            "assigned_random": int(rand.candidate.shape[0]),
        }
    )
    return result
