"""A forward auction (Bertsekas) for assigning candidates to openings with capacities.

Used by :mod:`talentbridge.matching.assign` to find near-optimal prices quickly; the exact
optimum is then obtained and certified by linear programming on the few pairs the prices
leave open. Candidates bid for their best opening at the current prices (the price of a
full opening is the lowest bid among its holders, of one with room 0); not taking any
opening is always worth 0. Every bid beats the price by the bidder's margin over their
second-best choice plus ``eps``, so the result satisfies eps-complementary slackness and
its total is within ``served * eps`` of the optimum.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class AuctionResult:
    opening_of: np.ndarray  # (n,) opening held, -1 for none
    bid: np.ndarray  # (n,) what each holder bid
    price: np.ndarray  # (m,) lowest holder bid of full openings, 0 for the others
    rounds: int


def auction(
    indptr: np.ndarray,
    opening: np.ndarray,
    score: np.ndarray,
    capacity: np.ndarray,
    eps: float = 1e-6,
    max_rounds: int = 100_000,
    start: AuctionResult | None = None,
) -> AuctionResult:
    """Jacobi forward auction on a candidate-major CSR list of eligible pairs.

    Parameters
    ----------
    indptr : (n + 1,) offsets of each candidate's pairs in ``opening``/``score``.
    opening : (nnz,) opening of each pair; score : (nnz,) its value (non-negative).
    capacity : (m,) places per opening.
    eps : bidding increment (the result is within ``served * eps`` of optimal).
    start : a previous result on a subset of these pairs to continue from: holders keep
        their bids unless they would now rather bid elsewhere.

    Examples
    --------
    >>> r = auction(np.array([0, 2, 3]), np.array([0, 1, 0]), np.array([0.9, 0.5, 0.8]), np.array([1, 1]))
    >>> r.opening_of.tolist()
    [1, 0]
    """
    n = indptr.shape[0] - 1
    m = capacity.shape[0]
    capacity = capacity.astype(np.int64)
    degree = np.diff(indptr)
    if start is None:
        opening_of = np.full(n, -1, np.int64)
        bid = np.zeros(n)
        price = np.zeros(m)
    else:
        opening_of, bid, price = _resume(indptr, opening, score, capacity, start, eps)
    active = np.flatnonzero((degree > 0) & (opening_of < 0))
    rounds = 0
    while active.size and rounds < max_rounds:
        rounds += 1
        lengths = degree[active]
        starts = np.zeros(active.shape[0], np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        segment = np.repeat(np.arange(active.shape[0]), lengths)
        edge = np.repeat(indptr[active] - starts, lengths) + np.arange(lengths.sum())
        value = score[edge] - price[opening[edge]]
        best = np.maximum.reduceat(value, starts)
        hits = np.flatnonzero(value == best[segment])
        first = hits[np.r_[True, segment[hits][1:] != segment[hits][:-1]]]
        value[first] = -np.inf
        second = np.maximum(np.maximum.reduceat(value, starts), 0.0)
        bids = best > 0
        bidders = active[bids]
        target = opening[edge[first[bids]]]
        amount = score[edge[first[bids]]] - second[bids] + eps
        # Each opening keeps its best bids, old holders included, up to its capacity.
        touched = np.zeros(m, bool)
        touched[target] = True
        holders = np.flatnonzero((opening_of >= 0) & touched[np.maximum(opening_of, 0)])
        who = np.concatenate([holders, bidders])
        where = np.concatenate([opening_of[holders], target])
        offer = np.concatenate([bid[holders], amount])
        order = np.lexsort((-offer, where))
        who, where, offer = who[order], where[order], offer[order]
        rank = np.arange(where.shape[0]) - np.searchsorted(where, where)
        keep = rank < capacity[where]
        opening_of[who[~keep]] = -1
        opening_of[who[keep]] = where[keep]
        bid[who[keep]] = offer[keep]
        count = np.bincount(where[keep], minlength=m)
        lowest = np.full(m, np.inf)
        np.minimum.at(lowest, where[keep], offer[keep])
        affected = np.flatnonzero(touched)
        full = affected[count[affected] >= capacity[affected]]
        price[affected] = 0.0
        price[full] = lowest[full]
        # Outbid candidates bid again next round; those who preferred nothing are done
        # for good (prices never fall).
        active = who[~keep]
    return AuctionResult(opening_of, bid, price, rounds)


def _prices(opening_of: np.ndarray, bid: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    m = capacity.shape[0]
    held = opening_of >= 0
    count = np.bincount(opening_of[held], minlength=m)
    lowest = np.full(m, np.inf)
    np.minimum.at(lowest, opening_of[held], bid[held])
    return np.where(count >= capacity, lowest, 0.0)


def _resume(indptr, opening, score, capacity, start: AuctionResult, eps: float):
    """Holders and bids of ``start``, less those no longer eps-content at current prices."""
    n = indptr.shape[0] - 1
    opening_of = start.opening_of.copy()
    bid = start.bid.copy()
    owner = np.repeat(np.arange(n), np.diff(indptr))
    m = capacity.shape[0]
    while True:
        price = _prices(opening_of, bid, capacity)
        held = np.flatnonzero(opening_of >= 0)
        pair = np.searchsorted(owner * m + opening, held * m + opening_of[held])
        # A holder's own opening costs what they bid; compare with every other choice.
        value = score - price[opening]
        value[pair] = -np.inf
        best = np.full(n, 0.0)  # taking nothing is worth 0
        np.maximum.at(best, owner, value)
        content = score[pair] - bid[held] >= best[held] - 2 * eps  # eps of slack for rounding
        if content.all():
            return opening_of, bid, price
        opening_of[held[~content]] = -1
