"""Ranking both ways: the best openings for each candidate, the best candidates for each opening.

Both work block by block over the candidates, so memory stays bounded by one block of
``block_size x m`` scores, and keep only the top ``k`` per row with ``np.argpartition``.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from .score import Scorer

_BLOCK_ENTRIES = 1 << 22  # scores per block (16 MB of float32)


@dataclass
class TopK:
    """Best ``k`` per row, best first: ``index`` (-1 where fewer than ``k`` qualify) and ``score``."""

    index: np.ndarray
    score: np.ndarray

    def row(self, r: int) -> list[tuple[int, float]]:
        """The (index, score) pairs of row ``r``, best first, without padding."""
        keep = self.index[r] >= 0
        return list(zip(self.index[r][keep].tolist(), self.score[r][keep].tolist(), strict=True))


def _check_k(k: int) -> int:
    if int(k) != k or k < 1:
        raise ValueError(f"k must be a positive integer, got {k!r}")
    return int(k)


def _floor(cols: int) -> np.ndarray:
    """Distinct values below every real score (scores are in [0, 1]), one per column.

    Excluded pairs score ``-inf``; replacing them with distinct negative values before
    ``np.argpartition`` keeps it fast (many equal keys make introselect crawl).
    """
    return (-1.0 - np.arange(cols, dtype=np.float32) / max(cols, 1)).astype(np.float32)


_CHUNK = 64


def _top_rows(scores: np.ndarray, k: int, min_score: float) -> tuple[np.ndarray, np.ndarray]:
    """Top ``k`` columns of each row of ``scores`` (rows x columns), best first, padded.

    Overwrites ``scores``. Wide rows go through a threshold first: the k-th largest of the
    maxima of column chunks is a lower bound of each row's k-th largest value, so only the
    (few) entries at or above it need sorting.
    """
    rows, cols = scores.shape
    kk = min(k, cols)
    if kk == 0 or rows == 0:
        return np.full((rows, k), -1, np.int32), np.full((rows, k), -np.inf, np.float32)
    np.maximum(scores, _floor(cols)[None, :], out=scores)
    if cols >= 8 * _CHUNK and cols // _CHUNK >= 4 * kk:
        part, top = _top_by_threshold(scores, kk)
    else:
        if kk < cols:
            part = np.argpartition(scores, cols - kk, axis=1)[:, cols - kk :]
        else:
            part = np.broadcast_to(np.arange(cols), (rows, cols))
        top = np.take_along_axis(scores, part, axis=1)
        # Best first; ties by the lower index, so results do not depend on the block layout.
        order = np.lexsort((part, -top), axis=1)
        part = np.take_along_axis(part, order, axis=1).astype(np.int32)
        top = np.take_along_axis(top, order, axis=1)
    bad = (top < 0) | (top < min_score)
    part[bad] = -1
    top = np.where(bad, -np.inf, top).astype(np.float32)
    if kk < k:
        part = np.pad(part, ((0, 0), (0, k - kk)), constant_values=-1)
        top = np.pad(top, ((0, 0), (0, k - kk)), constant_values=-np.inf)
    return part, top


def _top_by_threshold(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact top ``k`` per row (all values distinct per row after the floor)."""
    rows, cols = scores.shape
    maxima = np.maximum.reduceat(scores, np.arange(0, cols, _CHUNK), axis=1)
    n_chunks = maxima.shape[1]
    threshold = np.partition(maxima, n_chunks - k, axis=1)[:, n_chunks - k]
    # np.flatnonzero on the flat mask is many times faster than np.nonzero on a 2-D one.
    flat = np.flatnonzero((scores >= threshold[:, None]).ravel())
    r, c = np.divmod(flat, cols)
    values = scores.ravel()[flat]
    # Sort the survivors by row, then best first, then lower column; keep k per row.
    order = np.lexsort((c, -values, r))
    r, c, values = r[order], c[order], values[order]
    start = np.searchsorted(r, np.arange(rows))
    take = start[:, None] + np.arange(k)[None, :]
    return c[take].astype(np.int32), values[take]


def _blocks(n: int, size: int) -> list[slice]:
    return [slice(s, min(s + size, n)) for s in range(0, n, size)]


def top_openings(
    scorer: Scorer,
    k: int,
    rows=None,
    *,
    block_size: int | None = None,
    min_score: float = -np.inf,
    workers: int = 1,
) -> TopK:
    """The ``k`` best openings for each candidate in ``rows`` (default: all).

    Parameters
    ----------
    scorer : a :class:`~talentbridge.matching.score.Scorer` over the openings to rank.
    k : how many per candidate.
    rows : candidate indices; default all.
    block_size : candidates per block (default: about four million scores per block).
    min_score : leave out pairs scoring below this; excluded pairs are always left out.
    workers : threads (NumPy releases the GIL in the heavy loops).

    Returns
    -------
    TopK with arrays of shape (len(rows), k).

    Examples
    --------
    >>> from talentbridge.matching.synthetic import generate
    >>> inst = generate(50, 30, seed=2)
    >>> top = top_openings(Scorer(inst.candidates, inst.openings, inst.taxonomy), k=5)
    >>> top.index.shape
    (50, 5)
    >>> top.row(0)[0][1] >= top.row(0)[-1][1]
    True
    """
    k = _check_k(k)
    rows = np.arange(scorer.candidates.n) if rows is None else scorer.check_rows(rows)
    m = scorer.openings.m
    size = block_size or int(np.clip(_BLOCK_ENTRIES // max(m, 1), 1, 4096))
    index = np.full((rows.shape[0], k), -1, np.int32)
    score = np.full((rows.shape[0], k), -np.inf, np.float32)

    def work(part: slice) -> None:
        index[part], score[part] = _top_rows(scorer.block(rows[part]), k, min_score)

    _run(work, _blocks(rows.shape[0], size), workers)
    return TopK(index, score)


def top_candidates(
    scorer: Scorer,
    k: int,
    rows=None,
    *,
    block_size: int | None = None,
    min_score: float = -np.inf,
    workers: int = 1,
) -> TopK:
    """The ``k`` best candidates (among ``rows``, default all) for each opening of the scorer.

    To rank for a few openings only, build the scorer on ``openings.subset(...)``.

    Parameters
    ----------
    scorer : Scorer
        The candidates and openings.
    k : int
        How many candidates per opening (positive).
    rows : array_like of int, optional
        Candidate indices to rank among (default: all).
    block_size : int, optional
        Candidates scored per block (default: sized to bound memory).
    min_score : float
        Candidates scoring below this are left out (``index`` -1, ``score`` -inf).
    workers : int
        Threads scoring blocks in parallel.

    Returns
    -------
    TopK with arrays of shape (m, k); ``index`` holds candidate indices.

    Examples
    --------
    >>> from talentbridge.matching.synthetic import generate
    >>> inst = generate(80, 6, seed=4)
    >>> top = top_candidates(Scorer(inst.candidates, inst.openings, inst.taxonomy), k=3)
    >>> top.index.shape
    (6, 3)
    """
    k = _check_k(k)
    rows = np.arange(scorer.candidates.n) if rows is None else scorer.check_rows(rows)
    m = scorer.openings.m
    size = block_size or int(np.clip(_BLOCK_ENTRIES // max(m, 1), 1, 4096))
    parts = _blocks(rows.shape[0], size)
    results: list = [None] * len(parts)

    def work(t: int) -> None:
        part = parts[t]
        block = np.ascontiguousarray(scorer.block(rows[part]).T)  # (m, b)
        idx, sc = _top_rows(block, k, min_score)  # positions within the block
        results[t] = (np.where(idx >= 0, rows[part][np.maximum(idx, 0)], -1).astype(np.int32), sc)

    _run(work, list(range(len(parts))), workers)
    return _merge_columns(results, m, k)


def top_both(
    scorer: Scorer,
    k_openings: int,
    k_candidates: int,
    rows=None,
    *,
    min_score: float = -np.inf,
    block_size: int | None = None,
) -> tuple[TopK, TopK]:
    """:func:`top_openings` and :func:`top_candidates` in one pass over the scores.

    Parameters
    ----------
    scorer : Scorer
        The candidates and openings.
    k_openings : int
        How many openings per candidate.
    k_candidates : int
        How many candidates per opening.
    rows : array_like of int, optional
        Candidate indices (default: all).
    min_score : float
        Pairs scoring below this are left out.
    block_size : int, optional
        Candidates scored per block.

    Returns
    -------
    by_candidate : TopK
        Arrays of shape (len(rows), k_openings); ``index`` holds opening indices.
    by_opening : TopK
        Arrays of shape (m, k_candidates); ``index`` holds candidate indices.

    Examples
    --------
    >>> from talentbridge.matching.synthetic import generate
    >>> inst = generate(40, 8, seed=4)
    >>> by_candidate, by_opening = top_both(Scorer(inst.candidates, inst.openings, inst.taxonomy), 3, 5)
    >>> by_candidate.index.shape, by_opening.index.shape
    ((40, 3), (8, 5))
    """
    k_openings, k_candidates = _check_k(k_openings), _check_k(k_candidates)
    rows = np.arange(scorer.candidates.n) if rows is None else scorer.check_rows(rows)
    m = scorer.openings.m
    size = block_size or int(np.clip(_BLOCK_ENTRIES // max(m, 1), 1, 4096))
    index = np.full((rows.shape[0], k_openings), -1, np.int32)
    score = np.full((rows.shape[0], k_openings), -np.inf, np.float32)
    parts = []
    for part in _blocks(rows.shape[0], size):
        block = scorer.block(rows[part])
        by_opening = np.ascontiguousarray(block.T)
        index[part], score[part] = _top_rows(block, k_openings, min_score)
        idx, sc = _top_rows(by_opening, k_candidates, min_score)
        parts.append((np.where(idx >= 0, rows[part][np.maximum(idx, 0)], -1).astype(np.int32), sc))
    return TopK(index, score), _merge_columns(parts, m, k_candidates)


def _merge_columns(results: list, m: int, k: int) -> TopK:
    """Best ``k`` of the union of per-block lists, ties by the lower candidate index."""
    if not results:
        return TopK(np.full((m, k), -1, np.int32), np.full((m, k), -np.inf, np.float32))
    index = np.concatenate([r[0] for r in results], axis=1)
    score = np.concatenate([r[1] for r in results], axis=1)
    sort_key = np.where(index >= 0, index, np.iinfo(np.int32).max)
    order = np.lexsort((sort_key, -score), axis=1)[:, :k]
    return TopK(np.take_along_axis(index, order, axis=1), np.take_along_axis(score, order, axis=1))


def _run(func, items: list, workers: int) -> None:
    if workers <= 1 or len(items) <= 1:
        for item in items:
            func(item)
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for _ in pool.map(func, items):
            pass
