"""The weights of the matching score, in one place.

Every number that shapes a score lives in :class:`Weights`, with a default that a project can
override (the Django side reads ``Project.settings["matching_weights"]`` and passes it to
:meth:`Weights.from_mapping`). ``docs/matching.md`` explains each one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace

#: The score's components, in the order they are reported.
COMPONENTS = (
    "occupation",
    "essential",
    "optional",
    "language",
    "licence",
    "availability",
    "distance",
    "preference",
)


@dataclass(frozen=True)
class Weights:
    """How much each component counts, and the parameters inside the components.

    The score of a candidate for an opening is ``sum(w[k] * c[k]) / sum(w[k])`` over the
    components ``k`` that apply to the opening, each component ``c[k]`` in ``[0, 1]``; so the
    score is in ``[0, 1]`` whatever the weights. A pair that fails a hard requirement gets no
    score at all (it is excluded).

    Examples
    --------
    >>> w = Weights.from_mapping({"essential": 0.5, "evidence": [0.4, 0.7, 0.9, 1.0]})
    >>> w.essential, w.evidence[0]
    (0.5, 0.4)
    """

    # Component weights (relative: they are normalised per opening).
    occupation: float = 0.20
    essential: float = 0.30
    optional: float = 0.08
    language: float = 0.14
    licence: float = 0.06
    availability: float = 0.08
    distance: float = 0.07
    preference: float = 0.07

    # Occupation fit by how close the two occupations are in ESCO/ISCO-08.
    same_occupation: float = 1.0
    same_unit_group: float = 0.8  # same ISCO-08 unit group (4 digits)
    same_minor_group: float = 0.6  # same minor group (3 digits)
    same_sub_major_group: float = 0.4  # same sub-major group (2 digits)
    related_occupation: float = 0.5  # times the Jaccard index of the essential skill sets
    related_min_share: float = 0.1  # below this Jaccard index, occupations are not related

    # A skill counts with evidence[e] * level[l]: self-reported, checked by an assessor,
    # shown in practice, certified; level 0 (unknown), 1 basic ... 4 expert.
    evidence: tuple[float, ...] = (0.5, 0.75, 0.9, 1.0)
    level: tuple[float, ...] = (0.85, 0.7, 0.85, 0.95, 1.0)

    # Language: a soft minimum missed by d CEFR steps gives max(0, 1 - d * step_penalty).
    language_step_penalty: float = 0.34

    # Availability: days between the start and the date work is allowed, linearly down to 0.
    availability_window_days: float = 120.0
    availability_hard_days: float | None = None  # exclude when later than this (None: never)
    availability_unknown: float = 0.0  # fit when the date work is allowed is unknown

    # Distance: fit = 1 / (1 + km / distance_scale_km); beyond the candidate's radius,
    # max(willing to move, commute_km), the pair is excluded.
    distance_scale_km: float = 50.0
    commute_km: float = 40.0

    # Preferences: share of the stated kinds of preference met; this when none is stated.
    preference_neutral: float = 0.5

    # Hard floor on essential-skill coverage (0: soft only).
    min_essential_coverage: float = 0.0

    def __post_init__(self) -> None:
        for name in COMPONENTS:
            value = getattr(self, name)
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"weight {name} must be finite and non-negative, got {value!r}")
        if sum(getattr(self, name) for name in COMPONENTS) <= 0:
            raise ValueError("at least one component weight must be positive")
        for name in (
            "same_occupation",
            "same_unit_group",
            "same_minor_group",
            "same_sub_major_group",
            "related_occupation",
            "related_min_share",
            "preference_neutral",
            "availability_unknown",
            "min_essential_coverage",
        ):
            value = getattr(self, name)
            if not 0 <= value <= 1:
                raise ValueError(f"{name} must be between 0 and 1, got {value!r}")
        if len(self.evidence) != 4 or len(self.level) != 5:
            raise ValueError(
                "evidence needs 4 values (one per evidence level), level needs 5 (0-4)"
            )
        for name in ("evidence", "level"):
            if any(not 0 <= v <= 1 for v in getattr(self, name)):
                raise ValueError(f"{name} values must be between 0 and 1")
        for name in ("language_step_penalty", "availability_window_days", "distance_scale_km"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be positive")
        if self.commute_km < 0:
            raise ValueError("commute_km must not be negative")
        if self.availability_hard_days is not None and self.availability_hard_days < 0:
            raise ValueError("availability_hard_days must not be negative")

    @classmethod
    def from_mapping(cls, mapping: Mapping | None) -> Weights:
        """Defaults overridden by the known keys of ``mapping``; an unknown key is an error.

        Examples
        --------
        >>> Weights.from_mapping({"distance": 0}).distance
        0.0
        """
        if not mapping:
            return cls()
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(mapping) - known)
        if unknown:
            raise ValueError(f"unknown matching weights: {', '.join(unknown)}")
        values = {}
        for key, value in mapping.items():
            if key in ("evidence", "level"):
                values[key] = tuple(float(v) for v in value)
            elif value is None:
                values[key] = None
            else:
                values[key] = float(value)
        return replace(cls(), **values)

    def as_dict(self) -> dict:
        """The weights as a JSON-friendly dict (what a project stores)."""
        data = asdict(self)
        data["evidence"] = list(self.evidence)
        data["level"] = list(self.level)
        return data

    def component_weights(self) -> dict[str, float]:
        return {name: float(getattr(self, name)) for name in COMPONENTS}
