"""A seeded generator of synthetic populations, for tests, benchmarks and evaluation.

The shapes follow the programme: a few hundred occupations in ISCO-08 groups, skills
clustered by occupation family, candidates in asylum centres with little Danish, openings
at municipality sites with starts on the first of a month. Nothing here is real data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .model import LANGUAGES, NO_DATE, Candidates, Openings, Taxonomy

#: Approximate centroids of 98 points in Denmark's bounding box (seeded, not real places).
DK_LAT = (54.7, 57.6)
DK_LON = (8.2, 12.6)


@dataclass
class Instance:
    candidates: Candidates
    openings: Openings
    taxonomy: Taxonomy
    seed: int


def _csr_from_lists(lists: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    indptr = np.zeros(len(lists) + 1, np.int64)
    np.cumsum([len(x) for x in lists], out=indptr[1:])
    ids = np.concatenate(lists).astype(np.int32) if lists and indptr[-1] else np.zeros(0, np.int32)
    return indptr, ids


def generate(
    n_candidates: int,
    n_openings: int,
    *,
    seed: int = 0,
    n_occupations: int | None = None,
    n_skills: int | None = None,
    n_places: int = 98,
    n_centres: int = 20,
    capacity: tuple[int, int] = (1, 1),
    with_relatedness: bool = True,
) -> Instance:
    """A random but plausible population.

    Parameters
    ----------
    n_candidates, n_openings : sizes.
    seed : the seed; the same seed gives the same instance.
    capacity : inclusive range of places per opening.

    Examples
    --------
    >>> inst = generate(100, 40, seed=3, capacity=(1, 5))
    >>> inst.candidates.n, inst.openings.m, int(inst.openings.capacity.max()) <= 5
    (100, 40, True)
    """
    if n_candidates < 0 or n_openings < 0:
        raise ValueError("sizes must not be negative")
    if capacity[0] < 0 or capacity[1] < capacity[0]:
        raise ValueError(f"capacity range must satisfy 0 <= low <= high, got {capacity}")
    rng = np.random.default_rng(seed)
    n_occ = n_occupations or int(np.clip((n_openings + n_candidates) // 20, 12, 400))
    n_sk = n_skills or int(np.clip(n_occ * 8, 60, 3000))

    # Occupations in ISCO-08 groups; skills clustered by sub-major group.
    majors = rng.integers(1, 10, n_occ)
    sub_major = majors * 10 + rng.integers(0, 3, n_occ)
    minor = sub_major * 10 + rng.integers(1, 4, n_occ)
    isco = (minor * 10 + rng.integers(1, 4, n_occ)).astype(np.int32)
    families = np.unique(sub_major)
    family_of = np.searchsorted(families, sub_major)
    pools = np.array_split(rng.permutation(n_sk), len(families))
    transversal = rng.choice(n_sk, size=min(20, n_sk), replace=False)
    occ_skills = []
    for k in range(n_occ):
        pool = pools[family_of[k]]
        own = rng.choice(pool, size=min(len(pool), 10), replace=False)
        occ_skills.append(
            np.unique(np.concatenate([own, rng.choice(transversal, 2, replace=False)]))
        )
    occ_indptr, occ_ids = _csr_from_lists(occ_skills)
    essential = sp.csr_array(
        (np.ones(occ_ids.shape[0], np.float32), occ_ids, occ_indptr), shape=(n_occ, n_sk)
    )
    taxonomy = Taxonomy(
        n_skills=n_sk,
        occupation_isco=isco,
        occupation_essential=essential if with_relatedness else None,
    )

    places = np.column_stack([rng.uniform(*DK_LAT, n_places), rng.uniform(*DK_LON, n_places)])
    centres = rng.choice(n_places, size=min(n_centres, n_places), replace=False)
    popularity = rng.zipf(1.6, n_occ).astype(np.float64)
    popularity /= popularity.sum()

    # Candidates.
    n = n_candidates
    primary = rng.choice(n_occ, size=n, p=popularity)
    occ_lists, skill_lists, pref_occ, pref_sec = [], [], [], []
    for i in range(n):
        occs = [primary[i]]
        for _ in range(rng.integers(0, 3)):
            same_family = np.flatnonzero(family_of == family_of[primary[i]])
            occs.append(rng.choice(same_family) if rng.random() < 0.6 else rng.integers(n_occ))
        occs = np.unique(occs)
        occ_lists.append(occs)
        known = np.concatenate([occ_skills[o] for o in occs])
        keep = known[rng.random(known.shape[0]) < 0.55]
        extra = rng.integers(0, n_sk, rng.integers(0, 4))
        skill_lists.append(np.unique(np.concatenate([keep, extra]))[:24])
        pref_occ.append(rng.choice(n_occ, 1) if rng.random() < 0.2 else np.zeros(0, np.int64))
        pref_sec.append(
            rng.choice(20, rng.integers(1, 3), replace=False)
            if rng.random() < 0.3
            else np.zeros(0, np.int64)
        )
    s_indptr, s_ids = _csr_from_lists(skill_lists)
    nnz = s_ids.shape[0]
    language = np.column_stack(
        [
            rng.choice(7, n, p=[0.45, 0.25, 0.15, 0.1, 0.04, 0.01, 0.0]),
            rng.choice(7, n, p=[0.25, 0.15, 0.2, 0.2, 0.12, 0.06, 0.02]),
        ]
    ).astype(np.int8)
    assert language.shape[1] == len(LANGUAGES)
    licences = (rng.random(n) < 0.35).astype(np.int64) | (
        (rng.random(n) < 0.1).astype(np.int64) << 1
    )
    work_from = rng.integers(-120, 240, n).astype(np.int32)
    work_from[rng.random(n) < 0.1] = NO_DATE
    home = places[rng.choice(centres, n)]
    kinds = np.where(rng.random(n) < 0.4, rng.integers(1, 1 << 5, n), 0)
    candidates = Candidates(
        occupation_indptr=_csr_from_lists(occ_lists)[0],
        occupation_ids=_csr_from_lists(occ_lists)[1],
        skill_indptr=s_indptr,
        skill_ids=s_ids,
        skill_level=rng.integers(0, 5, nnz).astype(np.int8),
        skill_evidence=rng.choice(4, nnz, p=[0.45, 0.3, 0.15, 0.1]).astype(np.int8),
        language=language,
        licences=licences,
        work_from=work_from,
        lat=home[:, 0],
        lon=home[:, 1],
        move_km=rng.choice(
            [0.0, 60.0, 120.0, 250.0, 500.0], n, p=[0.2, 0.25, 0.25, 0.2, 0.1]
        ).astype(np.float32),
        preferred_occupation_indptr=_csr_from_lists(pref_occ)[0],
        preferred_occupation_ids=_csr_from_lists(pref_occ)[1],
        preferred_sector_indptr=_csr_from_lists(pref_sec)[0],
        preferred_sector_ids=_csr_from_lists(pref_sec)[1],
        preferred_kinds=kinds,
    )

    # Openings.
    m = n_openings
    occupation = rng.choice(n_occ, size=m, p=popularity).astype(np.int32)
    ess_lists, opt_lists = [], []
    for j in range(m):
        own = occ_skills[occupation[j]]
        ess = rng.choice(own, size=min(len(own), int(rng.integers(3, 8))), replace=False)
        pool = pools[family_of[occupation[j]]]
        opt = np.setdiff1d(
            rng.choice(pool, size=min(len(pool), int(rng.integers(0, 5))), replace=False), ess
        )
        ess_lists.append(np.sort(ess))
        opt_lists.append(opt)
    e_indptr, e_ids = _csr_from_lists(ess_lists)
    o_indptr, o_ids = _csr_from_lists(opt_lists)
    da_min = rng.choice(4, m, p=[0.4, 0.3, 0.2, 0.1])
    en_min = rng.choice(4, m, p=[0.6, 0.15, 0.15, 0.1])
    language_min = np.column_stack([da_min, en_min]).astype(np.int8)
    language_hard = np.column_stack([rng.random(m) < 0.3, rng.random(m) < 0.2]) & (language_min > 0)
    licence = np.where(rng.random(m) < 0.15, 0, np.where(rng.random(m) < 0.06, 1, -1)).astype(
        np.int16
    )
    start = (30 * rng.integers(0, 12, m)).astype(np.int32)
    start[rng.random(m) < 0.1] = NO_DATE
    site = places[rng.integers(0, n_places, m)]
    openings = Openings(
        occupation=occupation,
        essential_indptr=e_indptr,
        essential_ids=e_ids,
        optional_indptr=o_indptr,
        optional_ids=o_ids,
        language_min=language_min,
        language_hard=language_hard,
        licence=licence,
        licence_hard=rng.random(m) < 0.7,
        start=start,
        lat=site[:, 0],
        lon=site[:, 1],
        kind=rng.integers(0, 5, m).astype(np.int8),
        sector=rng.integers(0, 20, m).astype(np.int32),
        capacity=rng.integers(capacity[0], capacity[1] + 1, m),
    )
    return Instance(candidates, openings, taxonomy, seed)
