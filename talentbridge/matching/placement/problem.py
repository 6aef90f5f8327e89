"""The household → municipality placement problem as plain arrays, checked at the door.

A problem has ``H`` households and ``M`` municipalities. ``scores[h, m]`` is the expected
outcome of placing household ``h`` in municipality ``m`` (for Talentbridge: the probability
that at least one member is employed within the horizon). Every household goes to exactly one
municipality. Resources per municipality are *constraints* ``k``: the quota (counted in
persons) is always constraint 0; service capacities (language-school places, housing units)
follow. Each constraint has a usage per household (persons, adults, or 1 per household) and an
upper and a lower limit per municipality.

Ties (a job offer of at least 15 hours a week that is not time-limited, an IGU contract, close
family) and forbidden pairs do not enter the objective: they restrict which municipalities a
household may go to, so they are applied as a mask on the scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Capacity:
    """A service capacity per municipality, e.g. housing units or language-school places.

    Parameters
    ----------
    name : str
        Shown in reports (``"housing"``).
    usage : array (H,)
        What each household uses: its size for places counted per person, 1 for units counted
        per household, the number of adults for language-school places.
    upper : array (M,)
        Capacity per municipality; ``np.inf`` where there is no limit.
    lower : array (M,), optional
        A minimum use per municipality (rare for services; used for quota floors).
    """

    name: str
    usage: np.ndarray
    upper: np.ndarray
    lower: np.ndarray | None = None


@dataclass
class PlacementProblem:
    """Households, municipalities, scores and constraints.

    Parameters
    ----------
    scores : array (H, M)
        Expected outcome of each household in each municipality, finite.
    sizes : array (H,)
        Persons per household (>= 1).
    quota_upper : array (M,)
        Most persons a municipality may receive (the quota plus its slack).
    quota_lower : array (M,), optional
        Fewest persons a municipality must receive (the quota minus its slack).
    services : sequence of Capacity
        Further capacities.
    forbidden : array (F, 2) of (household, municipality), optional
        Pairs that must not be chosen.
    ties : array (T, 2) of (household, municipality), optional
        For each tied household, the municipalities it may go to (the tie municipality and,
        where the rule allows, its neighbours). Households absent from ``ties`` are free.

    Examples
    --------
    >>> import numpy as np
    >>> p = PlacementProblem(np.array([[0.2, 0.5], [0.4, 0.1]]), np.array([1, 2]),
    ...                      quota_upper=np.array([2, 2]))
    >>> p.n_households, p.n_municipalities
    (2, 2)
    """

    scores: np.ndarray
    sizes: np.ndarray
    quota_upper: np.ndarray
    quota_lower: np.ndarray | None = None
    services: Sequence[Capacity] = ()
    forbidden: np.ndarray | None = None
    ties: np.ndarray | None = None
    _allowed: np.ndarray | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        scores = np.asarray(self.scores)
        if scores.ndim != 2:
            raise ValueError(
                f"scores must be 2-D (households × municipalities), got shape {scores.shape}"
            )
        if not np.issubdtype(scores.dtype, np.floating):
            scores = scores.astype(np.float64)
        if not np.isfinite(scores).all():
            raise ValueError(
                "scores contain NaN or infinity; use forbidden pairs to exclude a municipality"
            )
        H, M = scores.shape
        if H == 0 or M == 0:
            raise ValueError("a problem needs at least one household and one municipality")
        self.scores = scores
        self.sizes = _vector(self.sizes, H, "sizes", integer=True)
        if (self.sizes < 1).any():
            raise ValueError("sizes must be at least 1 person per household")
        self.quota_upper = _vector(self.quota_upper, M, "quota_upper")
        if (self.quota_upper < 0).any():
            raise ValueError("quota_upper must not be negative")
        if self.quota_lower is not None:
            self.quota_lower = _vector(self.quota_lower, M, "quota_lower")
            if (self.quota_lower > self.quota_upper).any():
                m = int(np.argmax(self.quota_lower > self.quota_upper))
                raise ValueError(f"quota_lower exceeds quota_upper in municipality {m}")
        services = []
        for cap in self.services:
            usage = _vector(cap.usage, H, f"{cap.name}.usage")
            if (usage < 0).any():
                raise ValueError(f"{cap.name}.usage must not be negative")
            upper = _vector(cap.upper, M, f"{cap.name}.upper", allow_inf=True)
            if (upper < 0).any():
                raise ValueError(f"{cap.name}.upper must not be negative (capacity below zero)")
            lower = None if cap.lower is None else _vector(cap.lower, M, f"{cap.name}.lower")
            if lower is not None and (lower > upper).any():
                raise ValueError(f"{cap.name}.lower exceeds {cap.name}.upper")
            services.append(Capacity(cap.name, usage, upper, lower))
        self.services = tuple(services)
        self.forbidden = _pairs(self.forbidden, H, M, "forbidden")
        self.ties = _pairs(self.ties, H, M, "ties")
        allowed = self.allowed
        empty = ~allowed.any(axis=1)
        if empty.any():
            h = int(np.argmax(empty))
            raise ValueError(
                f"household {h} has no allowed municipality (ties and forbidden pairs exclude all)"
            )
        for name, usage, upper, _ in self.constraints():
            # A household too large for every allowed municipality can never be placed.
            fits = allowed & (usage[:, None] <= upper[None, :] + 1e-9)
            if not fits.any(axis=1).all():
                h = int(np.argmax(~fits.any(axis=1)))
                raise ValueError(
                    f"household {h} fits in no allowed municipality under constraint {name!r}"
                )

    @property
    def n_households(self) -> int:
        return self.scores.shape[0]

    @property
    def n_municipalities(self) -> int:
        return self.scores.shape[1]

    @property
    def n_persons(self) -> int:
        return int(self.sizes.sum())

    @property
    def allowed(self) -> np.ndarray:
        """Boolean (H, M): which pairs ties and forbidden pairs leave open."""
        if self._allowed is None:
            H, M = self.scores.shape
            allowed = np.ones((H, M), dtype=bool)
            if len(self.ties):
                tied = np.unique(self.ties[:, 0])
                allowed[tied] = False
                allowed[self.ties[:, 0], self.ties[:, 1]] = True
            if len(self.forbidden):
                allowed[self.forbidden[:, 0], self.forbidden[:, 1]] = False
            self._allowed = allowed
        return self._allowed

    def constraints(self) -> list[tuple[str, np.ndarray, np.ndarray, np.ndarray]]:
        """All resource constraints as ``(name, usage (H,), upper (M,), lower (M,))``; quota first."""
        M = self.n_municipalities
        zero = np.zeros(M)
        out = [
            (
                "quota",
                self.sizes.astype(np.float64),
                self.quota_upper,
                zero if self.quota_lower is None else self.quota_lower,
            )
        ]
        for cap in self.services:
            out.append((cap.name, cap.usage, cap.upper, zero if cap.lower is None else cap.lower))
        return out

    def masked_scores(self, rows: slice | np.ndarray = slice(None)) -> np.ndarray:
        """Scores with ``-inf`` where a pair is not allowed (a copy)."""
        block = np.array(self.scores[rows], dtype=np.float64)
        block[~self.allowed[rows]] = -np.inf
        return block


def _vector(
    values, n: int, name: str, *, integer: bool = False, allow_inf: bool = False
) -> np.ndarray:
    array = np.asarray(values)
    if array.shape != (n,):
        raise ValueError(f"{name} must have shape ({n},), got {array.shape}")
    if integer:
        if not np.issubdtype(array.dtype, np.integer):
            if not np.all(np.isfinite(array)) or not np.all(array == np.round(array)):
                raise ValueError(f"{name} must be whole numbers")
        return array.astype(np.int64)
    array = array.astype(np.float64)
    if np.isnan(array).any() or (not allow_inf and np.isinf(array).any()):
        raise ValueError(f"{name} contains NaN{'' if allow_inf else ' or infinity'}")
    return array


def _pairs(pairs, H: int, M: int, name: str) -> np.ndarray:
    if pairs is None:
        return np.zeros((0, 2), dtype=np.int64)
    array = np.asarray(pairs)
    if array.size == 0:
        return np.zeros((0, 2), dtype=np.int64)
    if array.ndim != 2 or array.shape[1] != 2 or not np.issubdtype(array.dtype, np.integer):
        raise ValueError(f"{name} must be an integer array of (household, municipality) pairs")
    if (array[:, 0] < 0).any() or (array[:, 0] >= H).any():
        raise ValueError(f"{name} names a household outside 0..{H - 1}")
    if (array[:, 1] < 0).any() or (array[:, 1] >= M).any():
        raise ValueError(f"{name} names a municipality outside 0..{M - 1}")
    return array.astype(np.int64)
