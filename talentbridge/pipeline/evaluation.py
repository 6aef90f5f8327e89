"""How good is the matching on a project? Against the hidden "true fit" planted for the demo.

The truth is planted by the demo generator (``demo.PlantedTruth``: each synthetic person's
true skills, true Danish level and a hidden reliability/motivation factor; see
:mod:`talentbridge.demo.truth`). :func:`true_profiles` turns those rows into the core's
arrays and :func:`talentbridge.matching.evaluation.true_fit` computes the true fit of every
pair with its own formula, sharing none of the score's weights. The per-pair noise uses the
project's truth seed (``Project.settings["demo_truth_seed"]``, else 42) and is keyed by
database ids, so the same data always has the same truth.

A project without a planted truth (a real one) is refused with :class:`NoPlantedTruth`,
unless ``synthetic=True`` asks for the old, circular truth
(:func:`~talentbridge.matching.evaluation.plant_true_fit`: claimed skills re-drawn by
evidence level and scored by the very scorer being judged), which is labelled as such.

Reports precision@5 and nDCG@10 of the ranking (and of a random ranking, for scale) and the
total true fit of the optimal assignment against a greedy and a random one, all in one run.
"""

from __future__ import annotations

import numpy as np

from talentbridge.demo.models import PlantedTruth
from talentbridge.matching.assign import assign
from talentbridge.matching.evaluation import (
    TrueProfiles,
    greedy_assignment,
    may_work,
    ndcg_at_k,
    plant_true_fit,
    precision_at_k,
    random_assignment,
    total,
    true_fit,
    true_top,
)
from talentbridge.matching.rank import top_openings
from talentbridge.taxonomy.models import Concept

from . import bridge

DEFAULT_SEED = 42
PLANTED = "planted by the demo generator"
SYNTHETIC = "SYNTHETIC: derived from the scorer itself (circular; --synthetic-truth)"


class NoPlantedTruth(ValueError):
    """The project has no planted truth (it is not demo data)."""


def truth_seed(project) -> int:
    return int((project.settings or {}).get("demo_truth_seed", DEFAULT_SEED))


def has_planted_truth(project) -> bool:
    return PlantedTruth.objects.filter(candidate__project=project).exists()


def true_profiles(project, population) -> TrueProfiles:
    """The planted truth of the population's candidates as the core's arrays.

    True skills are mapped to the population's skill codes; skills no opening or assessment
    of the project mentions are left out (they cannot change any fit). Place, reach, driving
    licences and the right to work are the recorded ones (facts, not claims).
    """
    rows = {
        candidate_id: (skills, danish, factor)
        for candidate_id, skills, danish, factor in PlantedTruth.objects.filter(
            candidate__project=project
        ).values_list("candidate_id", "skills", "danish", "factor")
    }
    code_of_pk = {pk: code for code, pk in enumerate(population.skill_pks)}
    code_of_uri = {
        uri: code_of_pk[pk]
        for pk, uri in Concept.objects.filter(pk__in=population.skill_pks).values_list("pk", "uri")
    }
    lists, danish, factor = [], [], []
    for candidate in population.candidates:
        skills, level, f = rows[candidate.pk]
        lists.append(sorted({code_of_uri[u] for u in skills if u in code_of_uri}))
        danish.append(bridge.cefr(level))
        factor.append(f)
    indptr = np.zeros(len(lists) + 1, np.int64)
    np.cumsum([len(x) for x in lists], out=indptr[1:])
    c = population.scorer.candidates
    return TrueProfiles(
        skill_indptr=indptr,
        skill_ids=np.array([v for x in lists for v in x], np.int32),
        danish=np.array(danish, np.int64),
        factor=np.array(factor, np.float64),
        lat=c.lat,
        lon=c.lon,
        reach_km=c.move_km,
        licences=c.licences,
        may_work=may_work(c.work_from),
        keys=c.keys,
    )


def evaluate(
    project,
    *,
    seed: int | None = None,
    k_precision: int = 5,
    k_ndcg: int = 10,
    synthetic: bool = False,
) -> dict:
    """The figures, as a dict. Precision@k: the share of the k openings ranked first that are
    among the k that truly fit the candidate best (divided by min(k, openings with any true
    fit), so a perfect ranking scores 1); nDCG@k with the true fit as the gain.

    Uses the planted truth; without one, raises :class:`NoPlantedTruth` unless
    ``synthetic`` asks for the old, circular truth. ``result["truth"]`` says which."""
    planted = has_planted_truth(project)
    if not planted and not synthetic:
        raise NoPlantedTruth(
            f"project {project.code!r} has no planted true fit (it is not demo data made by "
            "`talentbridge demo generate`), so there is nothing to evaluate against; "
            "--synthetic-truth derives one from the scorer itself (circular)"
        )
    candidates = None
    if planted:  # judge only the people whose truth was planted
        candidates = bridge.matchable_candidates(project).filter(planted_truth__isnull=False)
    population = bridge.load(project, candidates=candidates)
    seed = truth_seed(project) if seed is None else seed
    n, m = len(population.candidates), len(population.openings)
    result = {
        "project": project.code,
        "truth": PLANTED if planted else SYNTHETIC,
        "seed": seed,
        "candidates": n,
        "openings": m,
    }
    if n == 0 or m == 0:
        return result
    scorer = population.scorer
    if planted:
        truth = true_fit(true_profiles(project, population), scorer.openings, seed)
    else:
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
