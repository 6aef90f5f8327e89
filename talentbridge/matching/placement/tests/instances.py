"""Random placement problems that are feasible by construction (built around a hidden placement)."""

from __future__ import annotations

import numpy as np

from talentbridge.matching.placement import Capacity, PlacementProblem


def random_problem(
    seed: int,
    *,
    households: tuple[int, int] = (1, 25),
    municipalities: tuple[int, int] = (1, 6),
    floors: bool = True,
    ties: bool = True,
    forbidden: bool = True,
    services: bool = True,
    slack: float = 0.0,
) -> tuple[PlacementProblem, np.ndarray]:
    """A problem and the hidden placement that proves it feasible.

    Limits lie 0–6 persons (0–1 housing unit, 0–2 school places) around the hidden placement's
    loads, plus ``slack`` times the load.
    """
    rng = np.random.default_rng(seed)
    H = int(rng.integers(households[0], households[1] + 1))
    M = int(rng.integers(municipalities[0], municipalities[1] + 1))
    scores = rng.random((H, M))
    sizes = rng.integers(1, 7, H)
    hidden = rng.integers(0, M, H)
    load = np.bincount(hidden, weights=sizes, minlength=M)
    upper = np.ceil(load * (1 + slack)) + rng.integers(0, 7, M)
    lower = np.maximum(np.floor(load * (1 - slack)) - rng.integers(0, 7, M), 0) if floors else None
    tie_pairs = []
    if ties:
        for h in np.flatnonzero(rng.random(H) < 0.2):
            near = {int(hidden[h])} | {int(m) for m in rng.integers(0, M, 2)}
            tie_pairs += [(int(h), m) for m in sorted(near)]
    forbidden_pairs = []
    if forbidden:
        for h in range(H):
            for m in range(M):
                if m != hidden[h] and rng.random() < 0.15:
                    forbidden_pairs.append((h, m))
    capacity = []
    if services:
        units = np.ceil(np.bincount(hidden, minlength=M) * (1 + slack)) + rng.integers(0, 2, M)
        capacity.append(Capacity("housing", np.ones(H), units.astype(float)))
        adults = np.minimum(sizes, 2).astype(float)
        places = np.ceil(
            np.bincount(hidden, weights=adults, minlength=M) * (1 + slack)
        ) + rng.integers(0, 3, M)
        capacity.append(
            Capacity("language school", adults, np.where(rng.random(M) < 0.3, np.inf, places))
        )
    problem = PlacementProblem(
        scores,
        sizes,
        quota_upper=upper,
        quota_lower=lower,
        services=capacity,
        forbidden=np.array(forbidden_pairs, dtype=np.int64).reshape(-1, 2),
        ties=np.array(tie_pairs, dtype=np.int64).reshape(-1, 2),
    )
    return problem, hidden


def assert_keeps_every_rule(problem: PlacementProblem, assignment: np.ndarray) -> None:
    """Every household in exactly one allowed municipality; every limit kept."""
    H, M = problem.n_households, problem.n_municipalities
    assert assignment.shape == (H,)
    assert ((assignment >= 0) & (assignment < M)).all(), "a household was not placed"
    assert problem.allowed[np.arange(H), assignment].all(), "a tie or a forbidden pair was broken"
    for name, usage, upper, lower in problem.constraints():
        load = np.bincount(assignment, weights=usage, minlength=M)
        assert (load <= upper + 1e-9).all(), f"{name}: upper limit exceeded"
        assert (load >= lower - 1e-9).all(), f"{name}: floor not met"
