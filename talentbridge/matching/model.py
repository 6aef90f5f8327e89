"""The population as arrays: candidates, openings and the bits of taxonomy the score needs.

Everything is integer-coded against vocabularies kept by the caller (see
:mod:`talentbridge.matching.records` for building these from plain records). Sets per person
or per opening (skills, occupations, preferences) are stored CSR-style: ``*_indptr`` of
length ``n + 1`` and ``*_ids``, so that row ``i`` is ``ids[indptr[i]:indptr[i + 1]]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from ._checks import as_bool_array, as_float_array, as_int_array, check_csr, check_range

#: CEFR levels, coded 0 (none) to 6 (C2).
CEFR = ("-", "A1", "A2", "B1", "B2", "C1", "C2")
#: Languages with an opening minimum, in column order of ``language`` arrays.
LANGUAGES = ("da", "en")
#: Evidence levels of a skill, coded 0-3, weakest first.
EVIDENCE_LEVELS = ("self_reported", "checked", "practice", "certified")
#: A day number meaning "no date": the date work is allowed is unknown / no start date.
NO_DATE = int(np.iinfo(np.int32).max)
MAX_KINDS = 31
MAX_LICENCES = 63


def cefr_code(level: str | None) -> int:
    """The code of a CEFR level ("B1" -> 3); empty or None -> 0.

    Examples
    --------
    >>> cefr_code("a2"), cefr_code(None)
    (2, 0)
    """
    if not level or level == "-":
        return 0
    try:
        return CEFR.index(level.strip().upper()[:2])
    except ValueError:
        raise ValueError(f"not a CEFR level: {level!r}") from None


def _csr(name: str, indptr, ids, rows: int) -> tuple[np.ndarray, np.ndarray]:
    indptr = as_int_array(f"{name}_indptr", indptr, dtype=np.int64)
    ids = as_int_array(f"{name}_ids", ids)
    check_csr(name, indptr, ids, rows, None)
    return indptr, ids


def _empty_csr(n: int) -> tuple[np.ndarray, np.ndarray]:
    return np.zeros(n + 1, np.int64), np.zeros(0, np.int32)


@dataclass
class Candidates:
    """Candidates as arrays (one row per candidate).

    Parameters
    ----------
    occupation_indptr, occupation_ids : CSR of the occupations a candidate has worked in
        (integer codes of :class:`Taxonomy` occupations).
    skill_indptr, skill_ids, skill_level, skill_evidence : CSR of skills, each with a level
        (0 unknown, 1 basic ... 4 expert) and an evidence level (0 self-reported,
        1 checked by an assessor, 2 shown in practice, 3 certified).
    language : int array (n, len(LANGUAGES)) of CEFR codes (0 none ... 6 C2).
    licences : int64 bit mask of the licences held (bit ``k`` = licence code ``k``).
    work_from : day number from which work is allowed, ``NO_DATE`` when unknown.
    lat, lon : degrees; move_km : how far the candidate is willing to move.
    preferred_occupation_*, preferred_sector_* : CSR of stated preferences;
    preferred_kinds : bit mask of the kinds of opening the candidate prefers (0: none stated).

    Examples
    --------
    >>> c = Candidates.build(2, skills=([0, 1, 3], [4, 7, 9]), lat=[55.7, 56.2], lon=[12.5, 10.2])
    >>> c.n, c.skill_ids.tolist()
    (2, [4, 7, 9])
    """

    occupation_indptr: np.ndarray
    occupation_ids: np.ndarray
    skill_indptr: np.ndarray
    skill_ids: np.ndarray
    skill_level: np.ndarray
    skill_evidence: np.ndarray
    language: np.ndarray
    licences: np.ndarray
    work_from: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    move_km: np.ndarray
    preferred_occupation_indptr: np.ndarray
    preferred_occupation_ids: np.ndarray
    preferred_sector_indptr: np.ndarray
    preferred_sector_ids: np.ndarray
    preferred_kinds: np.ndarray
    keys: list | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        n = np.asarray(self.lat).shape[0] if np.ndim(self.lat) == 1 else -1
        if n < 0:
            raise ValueError("lat must be 1-dimensional")
        self.lat = as_float_array("lat", self.lat, length=n)
        self.lon = as_float_array("lon", self.lon, length=n)
        check_range("lat", self.lat, -90, 90.0000001)
        check_range("lon", self.lon, -180, 180.0000001)
        self.move_km = as_float_array("move_km", self.move_km, length=n, dtype=np.float32)
        check_range("move_km", self.move_km, 0, None)
        if np.isinf(self.move_km).any():
            raise ValueError("move_km must be finite")
        self.occupation_indptr, self.occupation_ids = _csr(
            "occupation", self.occupation_indptr, self.occupation_ids, n
        )
        self.skill_indptr, self.skill_ids = _csr("skill", self.skill_indptr, self.skill_ids, n)
        nnz = self.skill_ids.shape[0]
        self.skill_level = as_int_array("skill_level", self.skill_level, length=nnz, dtype=np.int8)
        self.skill_evidence = as_int_array(
            "skill_evidence", self.skill_evidence, length=nnz, dtype=np.int8
        )
        check_range("skill_level", self.skill_level, 0, 5)
        check_range("skill_evidence", self.skill_evidence, 0, len(EVIDENCE_LEVELS))
        self.language = as_int_array("language", self.language, ndim=2, length=n, dtype=np.int8)
        if self.language.shape[1] != len(LANGUAGES):
            raise ValueError(
                f"language must have {len(LANGUAGES)} columns ({', '.join(LANGUAGES)})"
            )
        check_range("language", self.language, 0, len(CEFR))
        self.licences = as_int_array("licences", self.licences, length=n, dtype=np.int64)
        check_range("licences", self.licences, 0, None)
        self.work_from = as_int_array("work_from", self.work_from, length=n, dtype=np.int32)
        self.preferred_occupation_indptr, self.preferred_occupation_ids = _csr(
            "preferred_occupation",
            self.preferred_occupation_indptr,
            self.preferred_occupation_ids,
            n,
        )
        self.preferred_sector_indptr, self.preferred_sector_ids = _csr(
            "preferred_sector", self.preferred_sector_indptr, self.preferred_sector_ids, n
        )
        self.preferred_kinds = as_int_array(
            "preferred_kinds", self.preferred_kinds, length=n, dtype=np.int64
        )
        check_range("preferred_kinds", self.preferred_kinds, 0, 1 << MAX_KINDS)
        if self.keys is not None and len(self.keys) != n:
            raise ValueError(f"keys must have {n} entries, got {len(self.keys)}")

    @property
    def n(self) -> int:
        return int(self.lat.shape[0])

    @classmethod
    def build(
        cls,
        n: int,
        *,
        lat,
        lon,
        occupations: tuple | None = None,
        skills: tuple | None = None,
        skill_level=None,
        skill_evidence=None,
        language=None,
        licences=None,
        work_from=None,
        move_km=None,
        preferred_occupations: tuple | None = None,
        preferred_sectors: tuple | None = None,
        preferred_kinds=None,
        keys: list | None = None,
    ) -> Candidates:
        """Candidates with defaults for whatever is not given (no skills, no languages ...).

        CSR parts are given as ``(indptr, ids)`` pairs.
        """
        occupations = occupations or _empty_csr(n)
        skills = skills or _empty_csr(n)
        nnz = len(skills[1])
        return cls(
            occupation_indptr=occupations[0],
            occupation_ids=occupations[1],
            skill_indptr=skills[0],
            skill_ids=skills[1],
            skill_level=np.zeros(nnz, np.int8) if skill_level is None else skill_level,
            skill_evidence=np.zeros(nnz, np.int8) if skill_evidence is None else skill_evidence,
            language=np.zeros((n, len(LANGUAGES)), np.int8) if language is None else language,
            licences=np.zeros(n, np.int64) if licences is None else licences,
            work_from=np.zeros(n, np.int32) if work_from is None else work_from,
            lat=lat,
            lon=lon,
            move_km=np.zeros(n, np.float32) if move_km is None else move_km,
            preferred_occupation_indptr=(preferred_occupations or _empty_csr(n))[0],
            preferred_occupation_ids=(preferred_occupations or _empty_csr(n))[1],
            preferred_sector_indptr=(preferred_sectors or _empty_csr(n))[0],
            preferred_sector_ids=(preferred_sectors or _empty_csr(n))[1],
            preferred_kinds=np.zeros(n, np.int64) if preferred_kinds is None else preferred_kinds,
            keys=keys,
        )

    def skills_of(self, i: int) -> np.ndarray:
        return self.skill_ids[self.skill_indptr[i] : self.skill_indptr[i + 1]]

    def occupations_of(self, i: int) -> np.ndarray:
        return self.occupation_ids[self.occupation_indptr[i] : self.occupation_indptr[i + 1]]


@dataclass
class Openings:
    """Openings as arrays (one row per opening).

    Parameters
    ----------
    occupation : occupation code per opening, -1 when none is given.
    essential_indptr, essential_ids, optional_indptr, optional_ids : CSR of skill codes.
    language_min : int array (m, len(LANGUAGES)) of CEFR minimums (0: no minimum).
    language_hard : bool array (m, len(LANGUAGES)): the minimum is a hard requirement.
    licence : licence code required, -1 for none; licence_hard : whether it is a hard one.
    start : day number of the start, ``NO_DATE`` when open-ended.
    lat, lon : site in degrees; kind : kind code (internship, IGU, ...), -1 for none;
    sector : sector code, -1 for none; capacity : places (>= 0).

    Examples
    --------
    >>> o = Openings.build(1, occupation=[3], essential=([0, 2], [4, 5]), lat=[56.1], lon=[9.0])
    >>> o.m, o.capacity.tolist()
    (1, [1])
    """

    occupation: np.ndarray
    essential_indptr: np.ndarray
    essential_ids: np.ndarray
    optional_indptr: np.ndarray
    optional_ids: np.ndarray
    language_min: np.ndarray
    language_hard: np.ndarray
    licence: np.ndarray
    licence_hard: np.ndarray
    start: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    kind: np.ndarray
    sector: np.ndarray
    capacity: np.ndarray
    keys: list | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if np.ndim(self.lat) != 1:
            raise ValueError("lat must be 1-dimensional")
        m = np.asarray(self.lat).shape[0]
        self.lat = as_float_array("lat", self.lat, length=m)
        self.lon = as_float_array("lon", self.lon, length=m)
        check_range("lat", self.lat, -90, 90.0000001)
        check_range("lon", self.lon, -180, 180.0000001)
        self.occupation = as_int_array("occupation", self.occupation, length=m)
        check_range("occupation", self.occupation, -1, None)
        self.essential_indptr, self.essential_ids = _csr(
            "essential", self.essential_indptr, self.essential_ids, m
        )
        self.optional_indptr, self.optional_ids = _csr(
            "optional", self.optional_indptr, self.optional_ids, m
        )
        self.language_min = as_int_array(
            "language_min", self.language_min, ndim=2, length=m, dtype=np.int8
        )
        if self.language_min.shape[1] != len(LANGUAGES):
            raise ValueError(
                f"language_min must have {len(LANGUAGES)} columns ({', '.join(LANGUAGES)})"
            )
        check_range("language_min", self.language_min, 0, len(CEFR))
        self.language_hard = as_bool_array("language_hard", self.language_hard, ndim=2, length=m)
        if self.language_hard.shape != self.language_min.shape:
            raise ValueError("language_hard must have the shape of language_min")
        self.licence = as_int_array("licence", self.licence, length=m, dtype=np.int16)
        check_range("licence", self.licence, -1, MAX_LICENCES + 1)
        self.licence_hard = as_bool_array("licence_hard", self.licence_hard, length=m)
        self.start = as_int_array("start", self.start, length=m, dtype=np.int32)
        self.kind = as_int_array("kind", self.kind, length=m, dtype=np.int8)
        check_range("kind", self.kind, -1, MAX_KINDS)
        self.sector = as_int_array("sector", self.sector, length=m)
        check_range("sector", self.sector, -1, None)
        self.capacity = as_int_array("capacity", self.capacity, length=m, dtype=np.int64)
        if self.capacity.size and self.capacity.min() < 0:
            raise ValueError(f"capacity must not be negative, got {self.capacity.min()}")
        if self.keys is not None and len(self.keys) != m:
            raise ValueError(f"keys must have {m} entries, got {len(self.keys)}")

    @property
    def m(self) -> int:
        return int(self.lat.shape[0])

    @classmethod
    def build(
        cls,
        m: int,
        *,
        lat,
        lon,
        occupation=None,
        essential: tuple | None = None,
        optional: tuple | None = None,
        language_min=None,
        language_hard=None,
        licence=None,
        licence_hard=None,
        start=None,
        kind=None,
        sector=None,
        capacity=None,
        keys: list | None = None,
    ) -> Openings:
        """Openings with defaults for whatever is not given (no requirements, capacity 1)."""
        shape = (m, len(LANGUAGES))
        return cls(
            occupation=np.full(m, -1, np.int32) if occupation is None else occupation,
            essential_indptr=(essential or _empty_csr(m))[0],
            essential_ids=(essential or _empty_csr(m))[1],
            optional_indptr=(optional or _empty_csr(m))[0],
            optional_ids=(optional or _empty_csr(m))[1],
            language_min=np.zeros(shape, np.int8) if language_min is None else language_min,
            language_hard=np.zeros(shape, bool) if language_hard is None else language_hard,
            licence=np.full(m, -1, np.int16) if licence is None else licence,
            licence_hard=np.ones(m, bool) if licence_hard is None else licence_hard,
            start=np.full(m, NO_DATE, np.int32) if start is None else start,
            lat=lat,
            lon=lon,
            kind=np.full(m, -1, np.int8) if kind is None else kind,
            sector=np.full(m, -1, np.int32) if sector is None else sector,
            capacity=np.ones(m, np.int64) if capacity is None else capacity,
            keys=keys,
        )

    def essential_of(self, j: int) -> np.ndarray:
        return self.essential_ids[self.essential_indptr[j] : self.essential_indptr[j + 1]]

    def optional_of(self, j: int) -> np.ndarray:
        return self.optional_ids[self.optional_indptr[j] : self.optional_indptr[j + 1]]

    def subset(self, index) -> Openings:
        """The openings at ``index`` (an integer array), as a new :class:`Openings`."""
        index = as_int_array("index", index, dtype=np.int64)
        check_range("index", index, 0, self.m)
        ess = _take_rows(self.essential_indptr, self.essential_ids, index)
        opt = _take_rows(self.optional_indptr, self.optional_ids, index)
        return Openings(
            occupation=self.occupation[index],
            essential_indptr=ess[0],
            essential_ids=ess[1],
            optional_indptr=opt[0],
            optional_ids=opt[1],
            language_min=self.language_min[index],
            language_hard=self.language_hard[index],
            licence=self.licence[index],
            licence_hard=self.licence_hard[index],
            start=self.start[index],
            lat=self.lat[index],
            lon=self.lon[index],
            kind=self.kind[index],
            sector=self.sector[index],
            capacity=self.capacity[index],
            keys=None if self.keys is None else [self.keys[k] for k in index],
        )


def _take_rows(
    indptr: np.ndarray, ids: np.ndarray, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Rows ``rows`` of a CSR structure, as a new CSR structure."""
    lengths = indptr[rows + 1] - indptr[rows]
    new_indptr = np.zeros(rows.shape[0] + 1, np.int64)
    np.cumsum(lengths, out=new_indptr[1:])
    if new_indptr[-1] == 0:
        return new_indptr, np.zeros(0, np.int32)
    starts = np.repeat(indptr[rows] - new_indptr[:-1], lengths)
    positions = np.arange(new_indptr[-1]) + starts
    return new_indptr, ids[positions]


@dataclass
class Taxonomy:
    """The parts of ESCO/ISCO-08 the score needs.

    Parameters
    ----------
    n_skills : size of the skill vocabulary.
    occupation_isco : ISCO-08 unit group (4-digit code as an integer, e.g. 8344) of each
        occupation code, -1 when unknown.
    occupation_essential : optional sparse (occupations x skills) matrix of the essential
        skills of each occupation; when given, occupations in different ISCO groups can still
        be related through the skills they share.

    Examples
    --------
    >>> t = Taxonomy(n_skills=10, occupation_isco=[8344, 8332, 2654])
    >>> t.n_occupations
    3
    """

    n_skills: int
    occupation_isco: np.ndarray
    occupation_essential: sp.csr_array | None = None

    def __post_init__(self) -> None:
        if int(self.n_skills) != self.n_skills or self.n_skills < 0:
            raise ValueError(f"n_skills must be a non-negative integer, got {self.n_skills!r}")
        self.n_skills = int(self.n_skills)
        self.occupation_isco = as_int_array("occupation_isco", self.occupation_isco)
        check_range("occupation_isco", self.occupation_isco, -1, 10000)
        if self.occupation_essential is not None:
            matrix = sp.csr_array(self.occupation_essential)
            if matrix.shape != (self.n_occupations, self.n_skills):
                raise ValueError(
                    f"occupation_essential must have shape ({self.n_occupations}, {self.n_skills}), "
                    f"got {matrix.shape}"
                )
            matrix.data = (matrix.data != 0).astype(np.float32)
            matrix.eliminate_zeros()
            matrix.sum_duplicates()
            self.occupation_essential = matrix

    @property
    def n_occupations(self) -> int:
        return int(self.occupation_isco.shape[0])

    def check(self, candidates: Candidates, openings: Openings) -> None:
        """Every code used by ``candidates`` and ``openings`` is in this taxonomy."""
        n_occ = self.n_occupations
        check_range("candidates.occupation_ids", candidates.occupation_ids, 0, n_occ)
        check_range(
            "candidates.preferred_occupation_ids", candidates.preferred_occupation_ids, 0, n_occ
        )
        check_range("candidates.skill_ids", candidates.skill_ids, 0, self.n_skills)
        check_range("openings.occupation", openings.occupation, -1, n_occ)
        check_range("openings.essential_ids", openings.essential_ids, 0, self.n_skills)
        check_range("openings.optional_ids", openings.optional_ids, 0, self.n_skills)
