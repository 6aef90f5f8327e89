"""From prices to a placement that keeps every constraint.

At near-optimal prices almost every household has a clear best municipality; only households
that are nearly indifferent make the loads miss their limits (the LP relaxation would split
them). The repair is an auction on the violated limits only:

* an over-full municipality raises its price just enough that the households with the least to
  lose leave for their next best choice, until its load fits;
* an under-filled one lowers its price just enough to attract the households that lose least by
  coming.

Every household stays at its best municipality under the current prices throughout, so the
distance to the Lagrangian bound at the final prices is exactly
``Σ λ·(upper − load) + Σ μ·(load − lower)``: unused capacity that still carries a price. A last
greedy pass moves households into such capacity when that raises the total score.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .dual import BLOCK, Model

TOL = 1e-9


@dataclass
class RepairResult:
    assignment: np.ndarray  # (H,) municipality per household
    prices: np.ndarray  # (K, M) final prices
    rounds: int
    moved: int  # households moved by the auction
    improved: int  # households moved by the greedy pass
    feasible: bool


def assign_at_prices(model: Model, prices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each household's best municipality under ``prices`` and its reduced score."""
    H = model.scores.shape[0]
    best = np.empty(H, dtype=np.int64)
    value = np.empty(H)
    for a in range(0, H, BLOCK):
        r = model.reduced(prices, slice(a, a + BLOCK))
        best[a : a + BLOCK] = r.argmax(axis=1)
        value[a : a + BLOCK] = r[np.arange(len(r)), best[a : a + BLOCK]]
    return best, value


def violations(model: Model, assignment: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(K, M) excess over the upper limits and shortfall under the lower ones (≥ 0)."""
    loads = model.loads(assignment)
    return np.maximum(loads - model.upper, 0), np.maximum(model.lower - loads, 0)


def repair(
    model: Model, prices: np.ndarray, max_rounds: int = 5000, step: float | None = None
) -> RepairResult:
    """A feasible assignment near the prices' choice; see the module docstring.

    Two one-sided auctions alternate. Raising a price only sends households to other
    municipalities (it can over-fill them, never under-fill them); lowering a price only pulls
    households in. Each raise or cut is at least ``step`` (default: 1e-4 of the score spread),
    which bounds the number of rounds, as the minimum bid increment does in Bertsekas'
    auction; households then sit within ``step`` per unit of usage of their best choice.
    """
    prices = np.array(prices, dtype=np.float64)
    assignment, value = assign_at_prices(model, prices)
    start = assignment.copy()
    H, M, K = model.shape
    if step is None:
        sample = model.scores[:: max(1, H // 2000)]
        step = 1e-4 * float(sample[np.isfinite(sample)].std() or 1.0)
    loads = model.loads(assignment)
    rounds = 0
    stuck = False
    best = [np.inf, 0]

    def cycling() -> bool:
        # True when the total violation has not improved for a while: the limits cannot be
        # met this way (or not at all), and going on would only cycle.
        violation = float(
            np.maximum(loads - model.upper, 0).sum() + np.maximum(model.lower - loads, 0).sum()
        )
        if violation < best[0] - TOL:
            best[:] = [violation, rounds]
        return rounds - best[1] > 30

    while rounds < max_rounds and not stuck and not cycling():
        over = loads > model.upper + TOL
        under = loads < model.lower - TOL
        if not over.any() and not under.any():
            break
        stuck = True
        # Forward auction: over-full municipalities raise their prices until they fit.
        while over.any() and rounds < max_rounds and not cycling():
            rounds += 1
            changed = []
            for k, m in zip(*np.nonzero(over), strict=True):
                rows = np.flatnonzero(assignment == m)
                rise = _raise_step(model, prices, rows, k, m, loads[k, m] - model.upper[k, m])
                if rise > 0:
                    prices[k, m] += rise + step
                    changed.append(rows)
            if not changed:
                break
            stuck = False
            rows = np.concatenate(changed)
            assignment[rows], value[rows] = _best(model, prices, rows)
            loads = model.loads(assignment)
            over = loads > model.upper + TOL
        # Reverse auction: under-filled municipalities cut their prices until they fill.
        under = loads < model.lower - TOL
        while under.any() and rounds < max_rounds and not cycling():
            rounds += 1
            moved_any = False
            for k, m in zip(*np.nonzero(under), strict=True):
                shortfall = model.lower[k, m] - loads[k, m]
                if shortfall <= TOL:
                    continue
                cut, movers = _lower_step(model, prices, value, assignment, loads, k, m, shortfall)
                if not len(movers):
                    continue
                prices[k, m] -= cut + step
                here = assignment == m
                value[here] += model.usage[here, k] * (cut + step)
                assignment[movers] = m
                value[movers] = model.reduced(prices, movers)[:, m]
                loads = model.loads(assignment)
                moved_any = True
            if not moved_any:
                break
            stuck = False
            under = loads < model.lower - TOL
    over, under = violations(model, assignment)
    if (over > TOL).any() or (under > TOL).any():
        settle(model, assignment)
    moved = int((assignment != start).sum())
    improved = improve(model, assignment)
    over, under = violations(model, assignment)
    feasible = not (over > TOL).any() and not (under > TOL).any()
    return RepairResult(assignment, prices, rounds, moved, improved, feasible)


def _best(model: Model, prices, rows):
    r = model.reduced(prices, rows)
    best = r.argmax(axis=1)
    return best, r[np.arange(len(rows)), best]


def _raise_step(model: Model, prices, rows, k, m, excess) -> float:
    """Price rise at (k, m) that makes households with ``excess`` usage leave; 0 if impossible."""
    usage = model.usage[rows, k]
    r = model.reduced(prices, rows)
    here = r[:, m].copy()
    r[:, m] = -np.inf
    alternative = r.max(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        need = np.where(usage > 0, (here - alternative) / usage, np.inf)
    need[~np.isfinite(need)] = np.inf
    if usage[np.isfinite(need)].sum() < excess - TOL:
        return 0.0
    order = np.argsort(need, kind="stable")
    covered = np.cumsum(usage[order])
    last = int(np.searchsorted(covered, excess - TOL))
    return float(max(need[order[last]], 0.0))


def _lower_step(model: Model, prices, value, assignment, loads, k, m, shortfall):
    """Price cut at (k, m) that attracts households with ``shortfall`` usage, and who they are.

    Only households that fit under every upper limit of ``m`` are candidates; the cut is just
    enough for the cheapest of them. A household may leave a municipality at its floor: that
    municipality then cuts its own price in a later round (a chain of moves).
    """
    H = model.scores.shape[0]
    need = np.full(H, np.inf)
    usage_k = model.usage[:, k]
    room = model.upper[:, m] - loads[:, m]
    for a in range(0, H, BLOCK):
        block = slice(a, a + BLOCK)
        usage = model.usage[block]
        r_m = model.scores[block, m] - usage @ prices[:, m]
        ok = (usage_k[block] > 0) & (usage <= room + TOL).all(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            need[block] = np.where(ok, (value[block] - r_m) / usage_k[block], np.inf)
    need[assignment == m] = np.inf
    need[~np.isfinite(need)] = np.inf
    order = np.argsort(need, kind="stable")
    order = order[np.isfinite(need[order])]
    if not len(order):
        return 0.0, order
    # Take households cheapest first while they fit, until the shortfall is covered.
    usage = model.usage[order]
    fits = np.cumsum(usage, axis=0) <= room + TOL
    take = int(np.argmin(fits.all(axis=1))) if not fits.all() else len(order)
    take = max(take, 1)
    covered = np.cumsum(usage_k[order[:take]])
    enough = int(np.searchsorted(covered, shortfall - TOL)) + 1
    movers = order[: min(enough, take)]
    if (model.usage[movers].sum(axis=0) > room + TOL).any():
        return 0.0, order[:0]
    return float(max(need[movers[-1]], 0.0)), movers


def _violation(model: Model, municipality: np.ndarray, load: np.ndarray) -> np.ndarray:
    """Violation (summed over constraints) of ``load`` (K, ...) in ``municipality`` (...)."""
    upper = model.upper[:, municipality]
    lower = model.lower[:, municipality]
    return (np.maximum(load - upper, 0) + np.maximum(lower - load, 0)).sum(axis=0)


def settle(
    model: Model, assignment: np.ndarray, max_iter: int = 20_000, sample: int = 2000
) -> bool:
    """Local search that drives the total limit violation to zero, losing little score.

    Used when the auctions leave a few limits broken, which happens when the limits are tight
    compared with household sizes (a packing problem in disguise). Each step takes the most
    violated municipality and applies the move of one household, or the swap of two, that
    lowers the total violation most cheaply (score lost per person of violation removed).
    Returns whether every limit is kept.
    """
    H, M, K = model.shape
    rng = np.random.default_rng(0)
    loads = model.loads(assignment)
    allowed = np.isfinite(model.scores)
    everywhere = np.arange(M)
    for _ in range(max_iter):
        per_m = _violation(model, everywhere, loads)
        if per_m.max() <= TOL:
            return True
        change = None
        # The most violated municipality first; if nothing helps there, the next one.
        for m in np.argsort(-per_m, kind="stable"):
            if per_m[m] <= TOL:
                break
            change = _change_at(model, assignment, loads, per_m, int(m), allowed, rng, sample)
            if change is not None:
                break
        if change is None:
            return False
        kind, h, target = change
        if kind == "move":
            _apply(model, assignment, loads, h, target)
        else:
            a, b = assignment[h], assignment[target]
            _apply(model, assignment, loads, h, b)
            _apply(model, assignment, loads, target, a)
    return False


def _change_at(model: Model, assignment, loads, per_m, m, allowed, rng, sample):
    """The cheapest move or swap involving municipality ``m`` that lowers the total violation."""
    M = model.scores.shape[1]
    everywhere = np.arange(M)
    here = np.flatnonzero(assignment == m)
    others = np.flatnonzero(assignment != m)
    if len(others) > sample:
        others = rng.choice(others, sample, replace=False)
    candidates = []
    if len(here):  # one household leaves m for any b
        u = model.usage[here].T  # (K, n)
        src = _violation(model, np.full(len(here), m), loads[:, [m]] - u)
        dst = _violation(
            model, np.broadcast_to(everywhere, (len(here), M)), loads[:, None, :] + u[:, :, None]
        )
        delta = (src - per_m[m])[:, None] + dst - per_m[None, :]
        delta[:, m] = np.inf
        delta[~allowed[here]] = np.inf
        loss = model.scores[here, m][:, None] - model.scores[here]
        candidates.append(_cheapest(delta, loss, lambda i, j, rows=here: ("move", rows[i], j)))
    if len(others):  # one household comes to m from where it is
        u = model.usage[others].T
        src_m = assignment[others]
        src = _violation(model, src_m, loads[:, src_m] - u)
        dst = _violation(model, np.full(len(others), m), loads[:, [m]] + u)
        delta = (src - per_m[src_m] + dst - per_m[m])[:, None]
        delta[~allowed[others, m]] = np.inf
        loss = (model.scores[others, src_m] - model.scores[others, m])[:, None]
        candidates.append(
            _cheapest(delta, loss, lambda i, j, rows=others, m=m: ("move", rows[i], m))
        )
    candidates = [c for c in candidates if c is not None]
    if not candidates and len(here) and len(others):  # a household at m swaps with one elsewhere
        b = assignment[others]
        du = (model.usage[here][:, None, :] - model.usage[others][None, :, :]).transpose(2, 0, 1)
        after_m = _violation(model, np.full(du.shape[1:], m), loads[:, m][:, None, None] - du)
        after_b = _violation(model, np.broadcast_to(b, du.shape[1:]), loads[:, b][:, None, :] + du)
        delta = after_m + after_b - per_m[m] - per_m[b][None, :]
        delta[~(allowed[here][:, b] & allowed[others, m][None, :])] = np.inf
        loss = (
            model.scores[here, m][:, None]
            + model.scores[others, b][None, :]
            - model.scores[here][:, b]
            - model.scores[others, m][None, :]
        )
        swap = _cheapest(delta, loss, lambda i, j, a=here, b=others: ("swap", a[i], b[j]))
        candidates = [swap] if swap else []
    if not candidates:
        return None
    return min(candidates, key=lambda c: c[0])[1]


def _cheapest(delta: np.ndarray, loss: np.ndarray, describe):
    """The change with the least score lost per unit of violation removed, or None."""
    ok = delta < -TOL
    if not ok.any():
        return None
    cost = np.where(ok, loss / np.where(ok, -delta, 1.0), np.inf)
    i, j = np.unravel_index(np.argmin(cost), cost.shape)
    return float(cost[i, j]), describe(i, j)


def _apply(model: Model, assignment, loads, h, b):
    a = assignment[h]
    loads[:, a] -= model.usage[h]
    loads[:, b] += model.usage[h]
    assignment[h] = b


def improve(model: Model, assignment: np.ndarray, max_passes: int = 20) -> int:
    """Greedy single moves that raise the total score and keep every limit; returns moves made.

    A household may move from ``a`` to ``b`` when ``b`` has room for it under every upper
    limit and ``a`` stays at or above every lower limit. The best such move per household is
    tried in order of gain; room is re-checked as moves are made.
    """
    H, M, K = model.shape
    loads = model.loads(assignment)
    moves = 0
    for _ in range(max_passes):
        room = model.upper - loads  # (K, M)
        spare = loads - model.lower
        made = 0
        current = model.scores[np.arange(H), assignment]
        for a in range(0, H, BLOCK):
            rows = np.arange(a, min(H, a + BLOCK))
            usage = model.usage[rows]  # (n, K)
            fits = (usage[:, :, None] <= room[None, :, :] + TOL).all(axis=1)  # (n, M)
            leaves = (usage <= spare[:, assignment[rows]].T + TOL).all(axis=1)  # (n,)
            gain = np.where(fits, model.scores[rows] - current[rows, None], -np.inf)
            gain[~leaves] = -np.inf
            target = gain.argmax(axis=1)
            best = gain[np.arange(len(rows)), target]
            for i in np.nonzero(best > TOL)[0][np.argsort(-best[best > TOL], kind="stable")]:
                h, b, src = rows[i], target[i], assignment[rows[i]]
                u = model.usage[h]
                if (u <= room[:, b] + TOL).all() and (u <= spare[:, src] + TOL).all():
                    assignment[h] = b
                    loads[:, b] += u
                    loads[:, src] -= u
                    room[:, b] -= u
                    room[:, src] += u
                    spare[:, b] += u
                    spare[:, src] -= u
                    current[h] = model.scores[h, b]
                    made += 1
        moves += made
        if not made:
            break
    return moves
