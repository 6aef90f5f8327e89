"""Placements that ignore skills, to compare the optimiser with.

* **Quota-proportional random**: each household, in arrival order, goes to a municipality drawn
  with probability proportional to what is left of its quota.
* **Current practice**: the same, but drawn in proportion to the municipality's population
  (the authority spreads people by size within the quotas and does not look at skills).

Both keep the rules that practice keeps too: tied households go first and only where their tie
allows, forbidden pairs are never used, no upper limit is exceeded, and municipalities still
below their floor are served first so that the year's quotas are met.
"""

from __future__ import annotations

import numpy as np

from .dual import Model
from .problem import PlacementProblem
from .repair import settle


def sequential_placement(
    problem: PlacementProblem,
    weights: np.ndarray | None,
    rng: np.random.Generator,
    order: np.ndarray | None = None,
) -> np.ndarray:
    """Place households one by one at random among the municipalities where they fit.

    Parameters
    ----------
    problem : PlacementProblem
    weights : array (M,) or None
        Draw probabilities are proportional to ``weights`` (population, say); ``None`` draws in
        proportion to the quota still open (``upper − load``).
    rng : numpy Generator
    order : array (H,), optional
        Arrival order; random when omitted. Tied households are always placed first.

    Returns
    -------
    array (H,) of municipality indices. When the draw runs into a dead end (a household that
    fits nowhere, a floor left unmet: possible only when the limits are tight), a local search
    moves as few households as it can until every limit is kept, not looking at skills either.

    Examples
    --------
    >>> import numpy as np
    >>> p = PlacementProblem(np.zeros((3, 2)), np.array([1, 1, 1]), np.array([2, 1]))
    >>> a = sequential_placement(p, None, np.random.default_rng(0))
    >>> np.bincount(a, minlength=2).tolist()
    [2, 1]
    """
    H, M = problem.n_households, problem.n_municipalities
    constraints = problem.constraints()
    usage = np.stack([c[1] for c in constraints], axis=1)
    upper = np.stack([c[2] for c in constraints])
    lower = np.stack([c[3] for c in constraints])
    loads = np.zeros_like(upper)
    allowed = problem.allowed
    order = rng.permutation(H) if order is None else np.asarray(order)
    tied = np.zeros(H, dtype=bool)
    if len(problem.ties):
        tied[problem.ties[:, 0]] = True
    order = np.concatenate([order[tied[order]], order[~tied[order]]])
    assignment = np.empty(H, dtype=np.int64)
    for h in order:
        u = usage[h]
        fits = allowed[h] & (loads + u[:, None] <= upper + 1e-9).all(axis=0)
        if not fits.any():
            room = np.where(allowed[h], (upper - loads).min(axis=0), -np.inf)
            m = int(np.argmax(room))
        else:
            short = fits & (loads < lower - 1e-9).any(axis=0)
            pool = short if short.any() else fits
            if weights is None:
                w = np.where(pool, (upper[0] - loads[0]).clip(min=1e-9), 0.0)
            else:
                w = np.where(pool, weights, 0.0)
            m = int(rng.choice(M, p=w / w.sum()))
        assignment[h] = m
        loads[:, m] += u
    if ((loads > upper + 1e-9) | (loads < lower - 1e-9)).any():
        blind = Model(np.where(allowed, 0.0, -np.inf), usage, upper, lower, ("quota",) * len(upper))
        settle(blind, assignment)
    return assignment


def quota_random(problem: PlacementProblem, seed: int = 0) -> np.ndarray:
    """Quota-proportional random placement (see the module docstring)."""
    return sequential_placement(problem, None, np.random.default_rng(seed))


def current_practice(
    problem: PlacementProblem, population: np.ndarray, seed: int = 0
) -> np.ndarray:
    """Population-proportional placement within the quotas, ignoring skills."""
    population = np.asarray(population, dtype=np.float64)
    if population.shape != (problem.n_municipalities,) or (population <= 0).any():
        raise ValueError("population must be positive, one value per municipality")
    return sequential_placement(problem, population, np.random.default_rng(seed))
