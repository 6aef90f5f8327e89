"""The score's components, one vectorised function each.

Each function takes a block of candidates (rows) and a set of opening *profiles* (columns;
a profile is the part of an opening a component looks at, e.g. its language minimums) and
returns the component's value in ``[0, 1]`` and, where a component can be a hard
requirement, whether the pair passes it. The fast scorer evaluates them on the distinct
profiles and gathers; the explanation evaluates them on single pairs. Both use these same
functions, so a score and its explanation cannot drift apart.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .model import NO_DATE
from .weights import Weights

#: Occupation fit levels, weakest first (the explanation names them).
OCCUPATION_LEVELS = (
    "none",
    "related",
    "same_sub_major_group",
    "same_minor_group",
    "same_unit_group",
    "same_occupation",
)


def skill_strength(level: np.ndarray, evidence: np.ndarray, weights: Weights) -> np.ndarray:
    """How much a claimed skill counts: evidence weight times level weight, in [0, 1].

    Parameters
    ----------
    level : numpy.ndarray of int
        Skill levels, indices into ``weights.level``.
    evidence : numpy.ndarray of int
        Evidence levels, indices into ``weights.evidence``.
    weights : Weights
        The weights.

    Returns
    -------
    numpy.ndarray
        float32 strengths, the shape of ``level``.

    Examples
    --------
    >>> skill_strength(np.array([4]), np.array([3]), Weights()).tolist()
    [1.0]
    """
    return (
        np.asarray(weights.evidence, np.float32)[evidence]
        * np.asarray(weights.level, np.float32)[level]
    ).astype(np.float32)


def occupation_relation(
    a: np.ndarray, b: np.ndarray, isco: np.ndarray, essential: sp.csr_array | None, weights: Weights
) -> tuple[np.ndarray, np.ndarray]:
    """Fit between every occupation in ``a`` (rows) and in ``b`` (columns).

    The value is the larger of the ISCO level's value and ``related_occupation`` times the
    Jaccard index of the two occupations' essential skills (when that index reaches
    ``related_min_share``); the level is the closest relation.

    Parameters
    ----------
    a, b : numpy.ndarray of int
        Occupation codes (rows, columns).
    isco : numpy.ndarray of int
        ISCO-08 unit group per occupation code (-1: unknown).
    essential : scipy.sparse.csr_array, optional
        (occupations x skills) binary matrix of essential skills; None skips "related".
    weights : Weights
        The weights.

    Returns
    -------
    value : numpy.ndarray
        (len(a), len(b)) float32 fit in [0, 1].
    level : numpy.ndarray
        (len(a), len(b)) int8 index into :data:`OCCUPATION_LEVELS`.

    Examples
    --------
    >>> v, lv = occupation_relation(np.array([0]), np.array([0, 1, 2]), np.array([8344, 8343, 2654]), None, Weights())
    >>> v.astype(float).round(2).tolist(), lv.tolist()
    ([[1.0, 0.6, 0.0]], [[5, 3, 0]])
    """
    a = np.asarray(a, np.int64)
    b = np.asarray(b, np.int64)
    ia = isco[a][:, None].astype(np.int64)
    ib = isco[b][None, :].astype(np.int64)
    known = (ia >= 0) & (ib >= 0)
    level = np.zeros((a.shape[0], b.shape[0]), np.int8)
    level[known & (ia // 100 == ib // 100)] = 2
    level[known & (ia // 10 == ib // 10)] = 3
    level[known & (ia == ib)] = 4
    level[a[:, None] == b[None, :]] = 5
    table = np.array(
        [
            0.0,
            0.0,
            weights.same_sub_major_group,
            weights.same_minor_group,
            weights.same_unit_group,
            weights.same_occupation,
        ],
        np.float32,
    )
    value = table[level]
    if essential is not None and a.size and b.size:
        share = jaccard(essential[a], essential[b])
        share[share < weights.related_min_share] = 0.0
        related = (weights.related_occupation * share).astype(np.float32)
        level[(level == 0) & (related > 0)] = 1
        np.maximum(value, related, out=value)
    return value, level


def jaccard(x: sp.csr_array, y: sp.csr_array) -> np.ndarray:
    """Jaccard index between the rows of two binary sparse matrices (dense result).

    Parameters
    ----------
    x, y : scipy.sparse.csr_array
        Binary matrices with the same number of columns.

    Returns
    -------
    numpy.ndarray
        (x rows, y rows) float32 Jaccard indices; 0 where both rows are empty.
    """
    inter = (x @ y.T).toarray().astype(np.float32)
    size_x = np.asarray(x.sum(axis=1)).ravel().astype(np.float32)
    size_y = np.asarray(y.sum(axis=1)).ravel().astype(np.float32)
    union = size_x[:, None] + size_y[None, :] - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(union > 0, inter / union, 0.0).astype(np.float32)


def language_fit(
    level: np.ndarray, minimum: np.ndarray, hard: np.ndarray, weights: Weights
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Language fit of candidates (rows, CEFR codes per language) against minimums (columns).

    Per language with a minimum: 1 when met, else ``max(0, 1 - shortfall * step_penalty)``;
    the component is the lowest over the languages with a minimum. A missed hard minimum
    excludes the pair.

    Parameters
    ----------
    level : numpy.ndarray of int, shape (b, languages)
        The candidates' CEFR codes.
    minimum : numpy.ndarray of int, shape (p, languages)
        The profiles' minimum CEFR codes (0: none).
    hard : numpy.ndarray of bool, shape (p, languages)
        Which minimums are hard requirements.
    weights : Weights
        The weights (``language_step_penalty``).

    Returns
    -------
    fit : numpy.ndarray
        (b, p) float32 in [0, 1].
    ok : numpy.ndarray
        (b, p) bool, False where a hard minimum is missed.
    applies : numpy.ndarray
        (p,) bool, True where the profile sets any minimum.

    Examples
    --------
    >>> fit, ok, applies = language_fit(np.array([[2, 4]]), np.array([[3, 0]]), np.array([[False, False]]), Weights())
    >>> fit.astype(float).round(2).tolist(), ok.tolist(), applies.tolist()
    ([[0.66]], [[True]], [True])
    """
    b, p = level.shape[0], minimum.shape[0]
    fit = np.ones((b, p), np.float32)
    ok = np.ones((b, p), bool)
    for lang in range(minimum.shape[1]):
        shortfall = np.maximum(minimum[None, :, lang].astype(np.int16) - level[:, None, lang], 0)
        per_language = np.clip(
            1.0 - shortfall * np.float32(weights.language_step_penalty), 0.0, 1.0
        )
        np.minimum(fit, per_language, out=fit)
        ok &= ~((shortfall > 0) & hard[None, :, lang])
    applies = (minimum > 0).any(axis=1)
    return fit, ok, applies


def licence_fit(
    held: np.ndarray, code: np.ndarray, hard: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Whether candidates (bit masks) hold the licence each opening asks for (-1: none).

    Parameters
    ----------
    held : numpy.ndarray of int, shape (b,)
        Licence bit masks of the candidates.
    code : numpy.ndarray of int, shape (p,)
        Licence code each profile asks for (-1: none).
    hard : numpy.ndarray of bool, shape (p,)
        Whether the licence is a hard requirement (else a missing one only lowers the fit).

    Returns
    -------
    fit : numpy.ndarray
        (b, p) float32, 1 where held or not asked for, else 0.
    ok : numpy.ndarray
        (b, p) bool, False where a hard licence is missing.
    applies : numpy.ndarray
        (p,) bool, True where a licence is asked for.

    Examples
    --------
    >>> fit, ok, applies = licence_fit(np.array([0b10, 0]), np.array([1]), np.array([True]))
    >>> fit.tolist(), ok.tolist()
    ([[1.0], [0.0]], [[True], [False]])
    """
    applies = code >= 0
    bit = np.where(applies, code, 0).astype(np.int64)
    has = ((held.astype(np.int64)[:, None] >> bit[None, :]) & 1).astype(bool) | ~applies[None, :]
    fit = has.astype(np.float32)
    ok = has | ~hard[None, :]
    return fit, ok, applies


def availability_fit(
    work_from: np.ndarray, start: np.ndarray, weights: Weights
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Fit of the date work is allowed against each start date (day numbers).

    Ready by the start: 1; ``d`` days late: ``max(0, 1 - d / availability_window_days)``;
    unknown date: ``availability_unknown``. Later than ``availability_hard_days`` excludes.

    Parameters
    ----------
    work_from : numpy.ndarray of int, shape (b,)
        Day number from which each candidate may work (``NO_DATE``: unknown).
    start : numpy.ndarray of int, shape (p,)
        Start day of each profile (``NO_DATE``: none).
    weights : Weights
        The weights (window, unknown value, hard limit).

    Returns
    -------
    fit : numpy.ndarray
        (b, p) float32 in [0, 1].
    ok : numpy.ndarray
        (b, p) bool, False where later than ``availability_hard_days``.
    applies : numpy.ndarray
        (p,) bool, True where a start date is set.
    days_late : numpy.ndarray
        (b, p) int64 days late, -1 where unknown or no start.

    Examples
    --------
    >>> fit, ok, applies, late = availability_fit(np.array([100, 40]), np.array([70]), Weights())
    >>> fit.astype(float).round(2).tolist(), late.tolist()
    ([[0.75], [1.0]], [[30], [0]])
    """
    applies = start != NO_DATE
    unknown = (work_from == NO_DATE)[:, None]
    late = np.maximum(work_from.astype(np.int64)[:, None] - start.astype(np.int64)[None, :], 0)
    late = np.where(unknown | ~applies[None, :], -1, late)
    fit = np.clip(1.0 - late / weights.availability_window_days, 0.0, 1.0).astype(np.float32)
    fit = np.where(unknown, np.float32(weights.availability_unknown), fit).astype(np.float32)
    fit[:, ~applies] = 1.0
    ok = np.ones(fit.shape, bool)
    if weights.availability_hard_days is not None:
        ok = ~(late > weights.availability_hard_days)
    return fit, ok, applies, late


def distance_fit(
    km: np.ndarray, move_km: np.ndarray, weights: Weights
) -> tuple[np.ndarray, np.ndarray]:
    """Fit ``1 / (1 + km / distance_scale_km)``; beyond ``max(move_km, commute_km)`` excludes.

    Parameters
    ----------
    km : numpy.ndarray of float, shape (b, p)
        Distances.
    move_km : numpy.ndarray of float, shape (b,)
        How far each candidate is willing to move.
    weights : Weights
        The weights (``distance_scale_km``, ``commute_km``).

    Returns
    -------
    fit : numpy.ndarray
        (b, p) float32 in (0, 1].
    ok : numpy.ndarray
        (b, p) bool, False beyond the candidate's radius (:func:`radius_km`).

    Examples
    --------
    >>> fit, ok = distance_fit(np.array([[0.0, 50.0, 300.0]], np.float32), np.array([100.0]), Weights())
    >>> fit.astype(float).round(2).tolist(), ok.tolist()
    ([[1.0, 0.5, 0.14]], [[True, True, False]])
    """
    radius = radius_km(move_km, weights)
    fit = (1.0 / (1.0 + km / np.float32(weights.distance_scale_km))).astype(np.float32)
    ok = km <= radius[:, None]
    return fit, ok


def radius_km(move_km: np.ndarray, weights: Weights) -> np.ndarray:
    """How far each candidate can go: willingness to move, but at least commuting distance.

    Parameters
    ----------
    move_km : array_like of float
        How far each candidate is willing to move.
    weights : Weights
        The weights (``commute_km``).

    Returns
    -------
    numpy.ndarray
        float32 radius per candidate, at least ``commute_km``.

    Examples
    --------
    >>> radius_km(np.array([0.0, 200.0]), Weights()).tolist()
    [40.0, 200.0]
    """
    return np.maximum(np.asarray(move_km, np.float32), np.float32(weights.commute_km))


def preference_fit(
    occupation_match: np.ndarray,
    sector_match: np.ndarray,
    kind_match: np.ndarray,
    stated: np.ndarray,
    weights: Weights,
) -> np.ndarray:
    """Share of the stated kinds of preference (occupation, sector, kind of opening) met.

    ``stated`` is (b, 3) booleans; the matches are (b, p) booleans. With nothing stated the
    component is ``preference_neutral``.

    Parameters
    ----------
    occupation_match, sector_match, kind_match : numpy.ndarray of bool, shape (b, p)
        Whether the profile is of a preferred occupation, sector and kind of opening.
    stated : numpy.ndarray of bool, shape (b, 3)
        Which of the three kinds of preference each candidate stated.
    weights : Weights
        The weights (``preference_neutral``).

    Returns
    -------
    numpy.ndarray
        (b, p) float32 share in [0, 1].

    Examples
    --------
    >>> m = np.array([[True]]); n = np.array([[False]])
    >>> preference_fit(m, n, n, np.array([[True, True, False]]), Weights()).tolist()
    [[0.5]]
    """
    count = stated.sum(axis=1).astype(np.float32)
    met = (occupation_match & stated[:, 0:1]).astype(np.float32)
    met += sector_match & stated[:, 1:2]
    met += kind_match & stated[:, 2:3]
    with np.errstate(invalid="ignore", divide="ignore"):
        fit = np.where(
            count[:, None] > 0, met / count[:, None], np.float32(weights.preference_neutral)
        )
    return fit.astype(np.float32)
