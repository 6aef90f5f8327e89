"""Municipality features from the demand map: local demand for a person's occupations and skills.

Demand comes from ``employers.services.demand.demand_by_municipality`` (open openings and
unmet needs, counted in people). People commute, so the demand *reachable* from a
municipality weighs every municipality's demand by ``exp(−distance / 30 km)`` (half weight at
about 20 km); it is expressed per 10,000 inhabitants of the same reach, so big towns do not
win by size alone.

For a person and a municipality the features are:

* ``occupation_demand`` - reachable demand in the person's ISCO-08 unit groups;
* ``skill_demand`` - reachable demand for the person's assessed skills (one per demanded skill);
* ``total_demand`` - reachable demand of any kind;
* ``distance_km`` - to the nearest municipality with demand in the person's groups (300 if none);
* ``log_population``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from talentbridge.employers.services.demand import demand_by_municipality
from talentbridge.municipalities.models import Municipality

COMMUTE_KM = 30.0
FAR_KM = 300.0
FEATURES = ("occupation_demand", "skill_demand", "total_demand", "distance_km", "log_population")


@dataclass
class DemandMap:
    codes: list[str]
    names: list[str]
    population: np.ndarray  # (M,)
    distance: np.ndarray  # (M, M) km between town halls
    groups: dict[str, np.ndarray]  # ISCO unit group -> (M,) people demanded
    skills: dict[str, np.ndarray]  # ESCO skill URI -> (M,)
    total: np.ndarray  # (M,)

    @property
    def kernel(self) -> np.ndarray:
        return np.exp(-self.distance / COMMUTE_KM)

    def index(self) -> dict[str, int]:
        return {code: i for i, code in enumerate(self.codes)}

    def reach(self, demand: np.ndarray) -> np.ndarray:
        """Reachable demand per 10,000 inhabitants of the reach."""
        kernel = self._kernel()
        return kernel @ demand / (kernel @ self.population) * 10_000

    def _kernel(self) -> np.ndarray:
        if not hasattr(self, "_k"):
            self._k = self.kernel
        return self._k

    def person_features(self, person: dict) -> np.ndarray:
        """(M, 5) features of one person in every municipality, in the order of FEATURES."""
        M = len(self.codes)
        own = np.zeros(M)
        for group in person.get("isco") or []:
            own += self.groups.get(group, 0.0)
        skills = np.zeros(M)
        for uri in person.get("skills") or []:
            skills += self.skills.get(uri, 0.0)
        where = own > 0
        distance = self.distance[:, where].min(axis=1) if where.any() else np.full(M, FAR_KM)
        return np.column_stack(
            [
                np.log1p(self.reach(own)),
                np.log1p(self.reach(skills)),
                np.log1p(self.reach(self.total)),
                np.minimum(distance, FAR_KM) / 100.0,
                np.log(self.population),
            ]
        )

    def demanded_groups(self, person: dict, m: int, top: int = 3) -> list[tuple[str, float]]:
        """The person's groups with reachable demand from municipality ``m`` (people, not per capita)."""
        kernel = self._kernel()[m]
        out = []
        for group in person.get("isco") or []:
            if group in self.groups:
                out.append((group, float(kernel @ self.groups[group])))
        return sorted(out, key=lambda kv: -kv[1])[:top]

    def demanded_skills(self, person: dict, m: int) -> float:
        kernel = self._kernel()[m]
        return float(
            sum(
                kernel @ self.skills[uri]
                for uri in person.get("skills") or []
                if uri in self.skills
            )
        )


def load(as_of: dt.date | None = None) -> DemandMap:
    """The demand map of all projects (needs and openings are not personal data)."""
    municipalities = list(Municipality.objects.order_by("code"))
    codes = [m.code for m in municipalities]
    index = {code: i for i, code in enumerate(codes)}
    M = len(codes)
    lat = np.radians([m.latitude for m in municipalities])
    lon = np.radians([m.longitude for m in municipalities])
    h = (
        np.sin((lat[:, None] - lat[None, :]) / 2) ** 2
        + np.cos(lat[:, None])
        * np.cos(lat[None, :])
        * np.sin((lon[:, None] - lon[None, :]) / 2) ** 2
    )
    distance = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
    demand = demand_by_municipality(None, as_of)["municipalities"]
    groups: dict[str, np.ndarray] = {}
    skills: dict[str, np.ndarray] = {}
    total = np.zeros(M)
    for code, entry in demand.items():
        i = index.get(code)
        if i is None:
            continue
        total[i] += entry["people"]
        for group, count in entry["isco_groups"].items():
            groups.setdefault(group, np.zeros(M))[i] += count
        for uri, count in entry["skills"].items():
            skills.setdefault(uri, np.zeros(M))[i] += count
    return DemandMap(
        codes=codes,
        names=[m.name for m in municipalities],
        population=np.array([max(m.population, 1) for m in municipalities], dtype=float),
        distance=distance,
        groups=groups,
        skills=skills,
        total=total,
    )
