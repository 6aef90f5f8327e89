"""Evaluation against a hidden "true fit", and baselines for the assignment.

:func:`true_fit` is the truth the demo is judged by. It takes what a synthetic person *really*
is (:class:`TrueProfiles`: the skills truly held, the true Danish level, a hidden
reliability/motivation factor, as planted by the demo generator) and the openings, and
computes a fit with its own documented formula, which shares none of the score's weights
(:mod:`talentbridge.matching.weights`): so precision@k and nDCG@k measure how well the score,
working from what was *recorded*, finds what is *true*.

:func:`plant_true_fit` is the older, synthetic truth: claimed skills re-drawn by evidence
level and then scored by the same scorer and weights it judges. It is circular (the score is
measured mostly against itself) and is kept only for data without a planted truth
(``talentbridge match evaluate --synthetic-truth``).

The evaluation measures how well a ranking finds the pairs with a high true fit
(precision@k, nDCG@k) and compares the optimal assignment's total true fit with a greedy and
a random assignment.

The randomness is keyed by stable keys (candidate, skill and opening keys, e.g. database
ids and ESCO URIs), not by positions, so the same data in another order gives the same
truth.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, replace

import numpy as np

from ._checks import as_float_array, as_int_array, check_range
from .geo import distance_table
from .model import NO_DATE, Candidates, Openings
from .score import Scorer, skill_rows

#: Probability that a claimed skill is really held, by evidence level.
P_REAL = (0.55, 0.8, 0.93, 0.99)


def _key_ints(keys, n: int, salt: int) -> np.ndarray:
    if keys is None:
        return np.arange(n, dtype=np.uint64) + np.uint64(salt << 32)
    out = np.empty(n, np.uint64)
    for t, key in enumerate(keys):
        out[t] = np.uint64(zlib.crc32(f"{salt}:{key}".encode()))
    return out


def _mix(*parts: np.ndarray) -> np.ndarray:
    """splitmix64 of the combined parts: deterministic pseudo-random 64-bit values."""
    z = np.zeros(np.broadcast_shapes(*(p.shape for p in parts)), np.uint64)
    with np.errstate(over="ignore"):
        for p in parts:
            z = (z ^ p.astype(np.uint64)) * np.uint64(0x9E3779B97F4A7C15)
            z ^= z >> np.uint64(30)
            z *= np.uint64(0xBF58476D1CE4E5B9)
            z ^= z >> np.uint64(27)
            z *= np.uint64(0x94D049BB133111EB)
            z ^= z >> np.uint64(31)
    return z


def _uniform(*parts: np.ndarray) -> np.ndarray:
    return (_mix(*parts) >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def _pair_gauss(seed: int, candidate_keys, n: int, opening_keys, m: int) -> np.ndarray:
    """Standard normal noise (n x m), keyed by candidate and opening keys (Box-Muller from
    two uniforms seeded ``seed`` and ``seed + 1``)."""
    ck = _key_ints(candidate_keys, n, 1)[:, None]
    ok = _key_ints(opening_keys, m, 3)[None, :]
    u1 = _uniform(np.uint64(seed), ck, ok)
    u2 = _uniform(np.uint64(seed + 1), ck, ok)
    return np.sqrt(-2 * np.log(np.maximum(u1, 1e-300))) * np.cos(2 * np.pi * u2)


def real_skills(candidates: Candidates, seed: int, skill_keys=None) -> np.ndarray:
    """Which claims (entries of ``candidates.skill_ids``) are really held, a boolean mask.

    Examples
    --------
    >>> from talentbridge.matching.synthetic import generate
    >>> c = generate(50, 1, seed=1).candidates
    >>> real = real_skills(c, seed=9)
    >>> real.shape == c.skill_ids.shape, bool(real[c.skill_evidence == 3].mean() > real[c.skill_evidence == 0].mean())
    (True, True)
    """
    owner = np.repeat(np.arange(candidates.n), np.diff(candidates.skill_indptr))
    ck = _key_ints(candidates.keys, candidates.n, 1)[owner]
    if skill_keys is None:
        sk = candidates.skill_ids.astype(np.uint64)
    else:
        vocab = _key_ints(list(skill_keys), len(skill_keys), 2)
        sk = vocab[candidates.skill_ids]
    u = _uniform(np.full(owner.shape, np.uint64(seed)), ck, sk)
    return u < np.asarray(P_REAL)[candidates.skill_evidence]


def plant_true_fit(
    scorer: Scorer, seed: int, *, skill_keys=None, noise: float = 0.05
) -> np.ndarray:
    """A hidden true fit (n x m, float32 in [0, 1]; 0 where a hard requirement fails).

    Parameters
    ----------
    scorer : the population (its weights define what fit means).
    seed : the seed of the truth.
    skill_keys : stable key of each skill code (e.g. ESCO URIs); default the codes.
    noise : standard deviation of the per-pair noise.

    Examples
    --------
    >>> from talentbridge.matching.synthetic import generate
    >>> inst = generate(20, 8, seed=1)
    >>> truth = plant_true_fit(Scorer(inst.candidates, inst.openings, inst.taxonomy), seed=42)
    >>> truth.shape, bool(((truth >= 0) & (truth <= 1)).all())
    ((20, 8), True)
    """
    c = scorer.candidates
    real = real_skills(c, seed, skill_keys)
    owner = np.repeat(np.arange(c.n), np.diff(c.skill_indptr))
    indptr = np.zeros(c.n + 1, np.int64)
    np.cumsum(np.bincount(owner[real], minlength=c.n), out=indptr[1:])
    nnz = int(real.sum())
    true_candidates = replace(
        c,
        skill_indptr=indptr,
        skill_ids=c.skill_ids[real],
        skill_level=np.full(nnz, 4, np.int8),
        skill_evidence=np.full(nnz, 3, np.int8),
    )
    truth_scorer = Scorer(true_candidates, scorer.openings, scorer.taxonomy, scorer.weights)
    fit = truth_scorer.scores().astype(np.float64)
    gauss = _pair_gauss(seed + 1, c.keys, c.n, scorer.openings.keys, scorer.openings.m)
    fit = np.where(np.isfinite(fit), np.clip(fit + noise * gauss, 0.0, 1.0), 0.0)
    return fit.astype(np.float32)


#: The planted truth's own constants (not the score's weights; see :func:`true_fit`).
TRUE_BASE = 0.25  # the fit of someone holding none of the opening's skills (learns on the job)
TRUE_OPTIONAL_SHARE = 0.2  # how much the optional skills count next to the essential ones
TRUE_DANISH_STEP = 0.5  # each CEFR step below the opening's minimum halves the fit
TRUE_DANISH_STEP_HARD = 0.25  # ... and quarters it where the minimum is a hard requirement
TRUE_REACH_KM = 30.0  # everyone really travels at least this far (a daily commute)
TRUE_NEAR_PENALTY = 0.25  # the fit falls by this much from 0 km to the edge of the reach
TRUE_SOFT_LICENCE = 0.8  # a wished-for (soft) driving licence not held
TRUE_NOISE = 0.1  # standard deviation of the per-pair noise, relative to the fit


@dataclass
class TrueProfiles:
    """What the candidates really are (planted by the demo generator), as arrays.

    Attributes
    ----------
    skill_indptr, skill_ids : CSR of the skill codes truly held (the same codes as the
        openings' essential and optional skills).
    danish : (n,) int, the true Danish CEFR level, 0 (pre-A1) ... 6 (C2).
    factor : (n,) float in [0, 1], the hidden reliability/motivation factor.
    lat, lon : (n,) where the candidate lives.
    reach_km : (n,) how far the candidate is willing to move (0: not at all).
    licences : (n,) int bitmask of the driving licences held (bit k: licence code k).
    may_work : (n,) bool, False where the person may not work at all.
    keys : stable key of each candidate (e.g. database ids), for the noise.
    """

    skill_indptr: np.ndarray
    skill_ids: np.ndarray
    danish: np.ndarray
    factor: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    reach_km: np.ndarray
    licences: np.ndarray
    may_work: np.ndarray
    keys: list | None = None

    @property
    def n(self) -> int:
        return int(self.danish.shape[0])


def true_fit(
    people: TrueProfiles, openings: Openings, seed: int, *, noise: float = TRUE_NOISE
) -> np.ndarray:
    """The true fit of each candidate for each opening (n x m, float32 in [0, 1]).

    A documented formula of its own; it reuses none of the score's weights::

        skills   = e**2 * (1 - 0.2 + 0.2 * o)     e: share of the opening's essential skills
                                                  truly held (1 if none), squared so that
                                                  missing essentials cost dearly; o: share
                                                  of its optional skills (ignored if none)
        trade    = 0.25 + 0.75 * skills           someone without the skills is not useless:
                                                  a quarter of the fit is learnt on the job
        danish   = 0.5 ** steps                   steps below the opening's Danish minimum,
                                                  by the TRUE level (0.25 ** steps if hard)
        place    = 1 - 0.25 * km / reach          within reach = max(willing to move, 30 km);
                                                  0 beyond it (the person will not go there)
        licence  = 0 if a required licence is missing, 0.8 if a wished-for one is
        fit      = factor * trade * danish * place * licence * (1 + N(0, noise)), in [0, 1]

    and 0 where the person may not work at all. The noise is relative (an impossible pair
    stays at 0; σ 0.1 by default) and keyed by candidate and opening keys and the seed.

    Parameters
    ----------
    people : the candidates' true profiles.
    openings : the openings (essential and optional skills, Danish minimum in column 0 of
        ``language_min``, licence, place, keys).
    seed : seed of the per-pair noise.
    noise : its standard deviation, relative to the fit.

    Examples
    --------
    >>> people = TrueProfiles(np.array([0, 2, 3]), np.array([0, 1, 0]), np.array([3, 1]),
    ...     np.array([1.0, 1.0]), np.array([56.0, 56.0]), np.array([9.5, 9.5]),
    ...     np.array([0.0, 0.0]), np.array([0, 0]), np.array([True, True]))
    >>> o = Openings.build(1, lat=np.array([56.0]), lon=np.array([9.5]),
    ...     essential=(np.array([0, 2]), np.array([0, 1], np.int32)),
    ...     language_min=np.array([[2, 0]], np.int8))
    >>> fit = true_fit(people, o, seed=1, noise=0.0)
    >>> [round(float(x), 3) for x in fit[:, 0]]  # all essentials and B1 >= A2; half and A1 < A2
    [1.0, 0.219]
    """
    n, m = people.n, int(openings.capacity.shape[0])
    danish = as_int_array("danish", people.danish, dtype=np.int64)
    factor = as_float_array("factor", people.factor, length=n)
    reach = as_float_array("reach_km", people.reach_km, length=n)
    check_range("danish", danish, 0, 7)
    if factor.size and (factor.min() < 0 or factor.max() > 1):
        raise ValueError("factor must be in [0, 1]")
    n_skills = 1 + max(
        int(people.skill_ids.max(initial=-1)),
        int(openings.essential_ids.max(initial=-1)),
        int(openings.optional_ids.max(initial=-1)),
    )
    held = skill_rows(
        as_int_array("skill_indptr", people.skill_indptr, dtype=np.int64),
        as_int_array("skill_ids", people.skill_ids),
        n_skills,
    )
    if held.shape[0] != n:
        raise ValueError(f"skill_indptr must describe {n} candidates")
    ess = skill_rows(openings.essential_indptr, openings.essential_ids, n_skills)
    opt = skill_rows(openings.optional_indptr, openings.optional_ids, n_skills)
    n_ess = np.asarray(ess.sum(axis=1)).ravel()
    n_opt = np.asarray(opt.sum(axis=1)).ravel()
    e = np.asarray((held @ ess.T).todense(), np.float64) / np.maximum(n_ess, 1)
    e[:, n_ess == 0] = 1.0
    o = np.asarray((held @ opt.T).todense(), np.float64) / np.maximum(n_opt, 1)
    optional_weight = np.where(n_opt > 0, TRUE_OPTIONAL_SHARE, 0.0)
    skills = e**2 * (1 - optional_weight + optional_weight * o)
    trade = TRUE_BASE + (1 - TRUE_BASE) * skills

    minimum = np.asarray(openings.language_min)[:, 0].astype(np.int64)
    hard = np.asarray(openings.language_hard)[:, 0].astype(bool)
    steps = np.maximum(minimum[None, :] - danish[:, None], 0)
    base = np.where(hard, TRUE_DANISH_STEP_HARD, TRUE_DANISH_STEP)[None, :]
    language = base**steps

    km = distance_table(people.lat, people.lon, openings.lat, openings.lon).astype(np.float64)
    radius = np.maximum(reach, TRUE_REACH_KM)[:, None]
    place = np.where(km <= radius, 1 - TRUE_NEAR_PENALTY * km / radius, 0.0)

    licences = np.asarray(people.licences, np.int64)
    wanted = np.asarray(openings.licence, np.int64)
    has = (licences[:, None] >> np.maximum(wanted, 0)[None, :]) & 1 == 1
    licence = np.where(
        (wanted[None, :] < 0) | has,
        1.0,
        np.where(np.asarray(openings.licence_hard, bool)[None, :], 0.0, TRUE_SOFT_LICENCE),
    )

    fit = factor[:, None] * trade * language * place * licence
    gauss = _pair_gauss(seed + 101, people.keys, n, openings.keys, m)
    fit = np.clip(fit * (1 + noise * gauss), 0.0, 1.0)
    fit[~np.asarray(people.may_work, bool)] = 0.0
    return fit.astype(np.float32)


def may_work(work_from) -> np.ndarray:
    """True where a date from which work is allowed is known (``NO_DATE``: may not work)."""
    return np.asarray(work_from) != NO_DATE


def precision_at_k(ranked, relevant, k: int, *, normalise: bool = False) -> float:
    """Mean share of the top ``k`` that is relevant (rows with fewer than k listed count
    the missing places as misses).

    With ``normalise``, each row is divided by ``min(k, number relevant in the row)``
    instead of ``k`` and rows with nothing relevant are left out (so a perfect ranking
    scores 1 even where fewer than ``k`` items are relevant).

    Parameters
    ----------
    ranked : (rows, >= k) indices, best first, -1 for padding.
    relevant : (rows, items) booleans.

    Examples
    --------
    >>> precision_at_k(np.array([[0, 1], [2, -1]]), np.array([[True, False, False], [False, False, True]]), 2)
    0.5
    """
    ranked = as_int_array("ranked", ranked, ndim=2, dtype=np.int64)
    relevant = np.asarray(relevant, bool)
    _check_eval(ranked, relevant, k)
    top = ranked[:, :k]
    hits = np.where(top >= 0, np.take_along_axis(relevant, np.maximum(top, 0), axis=1), False).sum(
        axis=1
    )
    if not normalise:
        return float(hits.mean() / k) if top.shape[0] else 0.0
    denominator = np.minimum(relevant.sum(axis=1), k)
    keep = denominator > 0
    return float((hits[keep] / denominator[keep]).mean()) if keep.any() else 0.0


def true_top(truth: np.ndarray, k: int) -> np.ndarray:
    """(rows, items) booleans: each row's ``k`` best items by ``truth`` among those above 0.

    Examples
    --------
    >>> true_top(np.array([[0.2, 0.9, 0.0, 0.5]]), 2).tolist()
    [[False, True, False, True]]
    """
    truth = np.asarray(truth, np.float64)
    order = np.argsort(-truth, axis=1, kind="stable")[:, :k]
    out = np.zeros(truth.shape, bool)
    np.put_along_axis(out, order, True, axis=1)
    return out & (truth > 0)


def ndcg_at_k(ranked, gain, k: int) -> float:
    """Mean normalised discounted cumulative gain at ``k`` with graded gains.

    Rows whose ideal DCG is 0 (nothing to find) are left out of the mean.

    Parameters
    ----------
    ranked : array_like of int, shape (n, >= k)
        Per row, the ranked column indices, best first; -1 pads.
    gain : array_like of float, shape (n, m)
        The graded relevance (e.g. the true fit) of each column for each row.
    k : int
        Cut-off.

    Returns
    -------
    float
        The mean nDCG@k in [0, 1] over rows with something to find (0.0 if none has).

    Examples
    --------
    >>> round(ndcg_at_k(np.array([[1, 0]]), np.array([[1.0, 0.5]]), 2), 4)
    0.8597
    """
    ranked = as_int_array("ranked", ranked, ndim=2, dtype=np.int64)
    gain = as_float_array("gain", gain, ndim=2)
    _check_eval(ranked, gain, k)
    discount = 1.0 / np.log2(np.arange(2, k + 2))
    top = ranked[:, :k]
    got = np.where(top >= 0, np.take_along_axis(gain, np.maximum(top, 0), axis=1), 0.0)
    dcg = (got * discount[: top.shape[1]]).sum(axis=1)
    kk = min(k, gain.shape[1])
    ideal = -np.sort(-gain, axis=1)[:, :kk]
    idcg = (ideal * discount[:kk]).sum(axis=1)
    keep = idcg > 0
    return float((dcg[keep] / idcg[keep]).mean()) if keep.any() else 0.0


def _check_eval(ranked: np.ndarray, truth: np.ndarray, k: int) -> None:
    if int(k) != k or k < 1:
        raise ValueError(f"k must be a positive integer, got {k!r}")
    if truth.ndim != 2 or truth.shape[0] != ranked.shape[0]:
        raise ValueError(f"truth must have {ranked.shape[0]} rows, got shape {truth.shape}")
    if ranked.shape[1] < k:
        raise ValueError(f"ranked needs at least {k} columns, got {ranked.shape[1]}")
    check_range("ranked", ranked, -1, truth.shape[1])


@dataclass
class SimpleAssignment:
    candidate: np.ndarray
    opening: np.ndarray


def greedy_assignment(candidate, opening, score, capacity) -> SimpleAssignment:
    """Best pairs first, each taken while the candidate is free and the opening has room.

    Parameters
    ----------
    candidate, opening : array_like of int
        The eligible pairs.
    score : array_like of float
        The score of each pair.
    capacity : array_like of int
        Places per opening.

    Returns
    -------
    SimpleAssignment
        ``candidate`` and ``opening`` arrays of the pairs taken, in the order taken.

    Examples
    --------
    >>> g = greedy_assignment([0, 0, 1], [0, 1, 0], [0.9, 0.8, 0.85], [1, 1])
    >>> g.candidate.tolist(), g.opening.tolist()
    ([0], [0])
    """
    candidate, opening, score, capacity = _check_pairs(candidate, opening, score, capacity)
    order = np.argsort(-score, kind="stable")
    left = capacity.copy()
    taken: set[int] = set()
    ci, oj = [], []
    for e in order.tolist():
        i, j = int(candidate[e]), int(opening[e])
        if i not in taken and left[j] > 0:
            taken.add(i)
            left[j] -= 1
            ci.append(i)
            oj.append(j)
    return SimpleAssignment(np.array(ci, np.int64), np.array(oj, np.int64))


def random_assignment(candidate, opening, score, capacity, seed: int = 0) -> SimpleAssignment:
    """Candidates in random order, each taking a random eligible opening that has room.

    Parameters
    ----------
    candidate, opening : array_like of int
        The eligible pairs.
    score : array_like of float
        The score of each pair (only checked; the choice ignores it).
    capacity : array_like of int
        Places per opening.
    seed : int
        Seed of the random order.

    Returns
    -------
    SimpleAssignment
        ``candidate`` and ``opening`` arrays of the pairs taken.

    Examples
    --------
    >>> r = random_assignment([0, 1, 1], [0, 0, 1], [0.9, 0.5, 0.4], [1, 1], seed=3)
    >>> sorted(r.candidate.tolist())
    [0, 1]
    """
    candidate, opening, score, capacity = _check_pairs(candidate, opening, score, capacity)
    rng = np.random.default_rng(seed)
    left = capacity.copy()
    order = rng.permutation(candidate.shape[0])  # random pair order = random choices
    people = rng.permutation(np.unique(candidate)) if candidate.size else np.zeros(0, np.int64)
    by_person: dict[int, list[int]] = {}
    for e in order.tolist():
        by_person.setdefault(int(candidate[e]), []).append(int(opening[e]))
    ci, oj = [], []
    for i in people.tolist():
        for j in by_person.get(i, []):
            if left[j] > 0:
                left[j] -= 1
                ci.append(i)
                oj.append(j)
                break
    return SimpleAssignment(np.array(ci, np.int64), np.array(oj, np.int64))


def _check_pairs(candidate, opening, score, capacity):
    candidate = as_int_array("candidate", candidate, dtype=np.int64)
    opening = as_int_array("opening", opening, dtype=np.int64, length=candidate.shape[0])
    score = as_float_array("score", score, length=candidate.shape[0])
    capacity = as_int_array("capacity", capacity, dtype=np.int64)
    if capacity.size and capacity.min() < 0:
        raise ValueError("capacity must not be negative")
    check_range("opening", opening, 0, capacity.shape[0])
    check_range("candidate", candidate, 0, None)
    return candidate, opening, score, capacity


def total(truth: np.ndarray, assignment) -> float:
    """Total of ``truth`` over an assignment's pairs.

    Examples
    --------
    >>> total(np.array([[0.5, 0.1], [0.2, 0.9]]), SimpleAssignment(np.array([0, 1]), np.array([0, 1])))
    1.4
    """
    return float(np.asarray(truth)[assignment.candidate, assignment.opening].sum())
