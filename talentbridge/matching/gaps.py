"""Gap analysis: what a candidate lacks for an opening, and which course closes the gap.

Courses are given as arrays: the skills each gives (CSR), optionally the CEFR level it
brings each language to (a Danish module), a licence it gives, its duration and place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from . import components as comp
from ._checks import as_float_array, as_int_array, check_csr, check_range
from .geo import haversine_km
from .model import CEFR, LANGUAGES, MAX_LICENCES
from .score import Scorer, skill_rows


@dataclass
class Courses:
    """Courses as arrays (one row per course).

    Parameters
    ----------
    skill_indptr, skill_ids : CSR of the skills each course gives.
    language : (k, len(LANGUAGES)) CEFR level a course brings a language to (0: none).
    licence : licence code the course gives, -1 for none.
    duration_days : length of each course.
    lat, lon : where it is given (NaN: anywhere, e.g. online).

    Examples
    --------
    >>> c = Courses.build(2, skills=([0, 1, 1], [7]), language=[[0, 0], [2, 0]])
    >>> c.k
    2
    """

    skill_indptr: np.ndarray
    skill_ids: np.ndarray
    language: np.ndarray
    licence: np.ndarray
    duration_days: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    keys: list | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        k = np.asarray(self.duration_days).shape[0] if np.ndim(self.duration_days) == 1 else -1
        if k < 0:
            raise ValueError("duration_days must be 1-dimensional")
        self.duration_days = as_float_array("duration_days", self.duration_days, length=k)
        check_range("duration_days", self.duration_days, 0, None)
        self.skill_indptr = as_int_array("skill_indptr", self.skill_indptr, dtype=np.int64)
        self.skill_ids = as_int_array("skill_ids", self.skill_ids)
        check_csr("skill", self.skill_indptr, self.skill_ids, k, None)
        self.language = as_int_array("language", self.language, ndim=2, length=k, dtype=np.int8)
        if self.language.shape[1] != len(LANGUAGES):
            raise ValueError(f"language must have {len(LANGUAGES)} columns")
        check_range("language", self.language, 0, len(CEFR))
        self.licence = as_int_array("licence", self.licence, length=k, dtype=np.int16)
        check_range("licence", self.licence, -1, MAX_LICENCES + 1)
        self.lat = as_float_array("lat", self.lat, length=k, allow_nan=True)
        self.lon = as_float_array("lon", self.lon, length=k, allow_nan=True)
        if self.keys is not None and len(self.keys) != k:
            raise ValueError(f"keys must have {k} entries")

    @property
    def k(self) -> int:
        return int(self.duration_days.shape[0])

    @classmethod
    def build(
        cls,
        k: int,
        *,
        skills: tuple | None = None,
        language=None,
        licence=None,
        duration_days=None,
        lat=None,
        lon=None,
        keys=None,
    ) -> Courses:
        skills = skills or (np.zeros(k + 1, np.int64), np.zeros(0, np.int32))
        return cls(
            skill_indptr=skills[0],
            skill_ids=skills[1],
            language=np.zeros((k, len(LANGUAGES)), np.int8) if language is None else language,
            licence=np.full(k, -1, np.int16) if licence is None else licence,
            duration_days=np.zeros(k) if duration_days is None else duration_days,
            lat=np.full(k, np.nan) if lat is None else lat,
            lon=np.full(k, np.nan) if lon is None else lon,
            keys=keys,
        )


@dataclass
class Gap:
    """What candidate ``candidate`` lacks for opening ``opening``."""

    candidate: int
    opening: int
    missing_skills: list[int]
    missing_languages: list[tuple[str, int, int]]  # (language, has, needs)
    missing_licence: int  # licence code, -1 when none is missing
    courses: dict[int, list[int]]  # missing skill -> courses that teach it
    language_courses: list[int]  # courses that bring a missing language far enough
    licence_courses: list[int]
    excluded_for: list[str]  # hard requirements a course cannot fix (distance, start date)


@dataclass
class CourseOption:
    course: int
    opens: np.ndarray  # openings the candidate would fully qualify for after the course


def gap(scorer: Scorer, courses: Courses, i: int, j: int) -> Gap:
    """Missing essential skills, language levels and licence of candidate ``i`` for opening
    ``j``, and the courses that teach each.

    Parameters
    ----------
    scorer : Scorer
        The candidates and openings.
    courses : Courses
        The course catalogue, skills coded like the scorer's taxonomy.
    i : int
        Candidate index.
    j : int
        Opening index.

    Returns
    -------
    Gap
        The missing essential skills (codes) with the courses teaching each, the missing
        language levels ``(language, has, needs)`` with the courses reaching them, the missing
        licence (-1: none) with the courses giving it, and the hard requirements no course can
        fix (``"distance"``, ``"availability"``).

    Examples
    --------
    >>> from talentbridge.matching.synthetic import generate
    >>> inst = generate(10, 5, seed=1)
    >>> s = Scorer(inst.candidates, inst.openings, inst.taxonomy)
    >>> g = gap(s, Courses.build(0), 0, 0)
    >>> isinstance(g.missing_skills, list)
    True
    """
    c, o = scorer.candidates, scorer.openings
    _check_taxonomy(scorer, courses)
    held = set(scorer.strength[[i]].indices.tolist())
    missing = [s for s in scorer.essential[[j]].indices.tolist() if s not in held]
    teaches = skill_rows(courses.skill_indptr, courses.skill_ids, scorer.taxonomy.n_skills).tocsc()
    by_skill = {s: teaches[:, [s]].indices.tolist() for s in missing}
    languages = []
    language_courses: set[int] = set()
    for k, lang in enumerate(LANGUAGES):
        need, has = int(o.language_min[j, k]), int(c.language[i, k])
        if need > has:
            languages.append((lang, has, need))
            language_courses.update(np.flatnonzero(courses.language[:, k] >= need).tolist())
    licence = int(o.licence[j])
    missing_licence = licence if licence >= 0 and not (int(c.licences[i]) >> licence) & 1 else -1
    licence_courses = (
        np.flatnonzero(courses.licence == missing_licence).tolist() if missing_licence >= 0 else []
    )
    rows = np.array([i])
    cols = np.array([j])
    excluded = []
    km = np.array([[haversine_km(c.lat[i], c.lon[i], o.lat[j], o.lon[j])]], np.float32)
    if not comp.distance_fit(km, c.move_km[rows], scorer.weights)[1][0, 0]:
        excluded.append("distance")
    if not comp.availability_fit(c.work_from[rows], o.start[cols], scorer.weights)[1][0, 0]:
        excluded.append("availability")
    return Gap(
        i,
        j,
        missing,
        languages,
        missing_licence,
        by_skill,
        sorted(language_courses),
        licence_courses,
        excluded,
    )


def _check_taxonomy(scorer: Scorer, courses: Courses) -> None:
    check_range("courses.skill_ids", courses.skill_ids, 0, scorer.taxonomy.n_skills)


def qualified(
    scorer: Scorer, i: int, language=None, licences=None, extra_skills=None
) -> np.ndarray:
    """Openings candidate ``i`` fully qualifies for: no hard requirement fails and every
    essential skill is held (with any evidence). ``language``, ``licences`` and
    ``extra_skills`` override or add to the candidate's own (to ask "after a course").

    Parameters
    ----------
    scorer : Scorer
        The candidates and openings.
    i : int
        Candidate index.
    language : array_like of int, optional
        CEFR code per language in :data:`~talentbridge.matching.model.LANGUAGES`, instead of
        the candidate's own.
    licences : int, optional
        Licence bit mask, instead of the candidate's own.
    extra_skills : iterable of int, optional
        Skill codes added to those the candidate holds.

    Returns
    -------
    numpy.ndarray
        (m,) booleans, True where the candidate fully qualifies for the opening.

    Examples
    --------
    >>> from talentbridge.matching.model import Candidates, Openings, Taxonomy
    >>> c = Candidates.build(1, lat=[56.0], lon=[10.0], skills=([0, 1], [0]))
    >>> o = Openings.build(2, lat=[56.0, 56.0], lon=[10.0, 10.0], essential=([0, 1, 2], [0, 1]))
    >>> s = Scorer(c, o, Taxonomy(n_skills=2, occupation_isco=[]))
    >>> qualified(s, 0).tolist(), qualified(s, 0, extra_skills=[1]).tolist()
    ([True, False], [True, True])
    """
    c, o, w = scorer.candidates, scorer.openings, scorer.weights
    rows = np.array([i])
    level = c.language[rows] if language is None else np.asarray(language, np.int8).reshape(1, -1)
    held = c.licences[rows] if licences is None else np.asarray([licences], np.int64)
    _, lok, _ = comp.language_fit(level, o.language_min, o.language_hard, w)
    _, cok, _ = comp.licence_fit(held, o.licence, o.licence_hard)
    _, aok, _, _ = comp.availability_fit(c.work_from[rows], o.start, w)
    km = haversine_km(c.lat[i], c.lon[i], o.lat, o.lon).astype(np.float32)[None, :]
    _, dok = comp.distance_fit(km, c.move_km[rows], w)
    skills = set(scorer.strength[[i]].indices.tolist())
    if extra_skills is not None:
        skills.update(int(s) for s in extra_skills)
    mask = np.zeros(scorer.taxonomy.n_skills, bool)
    mask[list(skills)] = True
    essential = scorer.essential
    covered = (
        np.add.reduceat(mask[essential.indices].astype(np.int64), essential.indptr[:-1])
        if essential.nnz
        else 0
    )
    counts = np.diff(essential.indptr)
    covered = np.where(counts > 0, covered, 0)
    return (lok & cok & aok & dok)[0] & (covered == counts)


def best_courses(
    scorer: Scorer, courses: Courses, i: int, *, within_reach: bool = True
) -> list[CourseOption]:
    """Which single course opens the most openings for candidate ``i``.

    An opening is *opened* by a course when the candidate does not fully qualify for it now
    (see :func:`qualified`) and would after the course: its skills added, its language
    levels and licence gained. With ``within_reach``, courses given beyond the candidate's
    radius are left out (courses without a place are always in reach).

    Returns the courses that open at least one opening, most openings first, then shorter
    courses first.

    Parameters
    ----------
    scorer : Scorer
        The candidates and openings.
    courses : Courses
        The course catalogue, skills coded like the scorer's taxonomy.
    i : int
        Candidate index.
    within_reach : bool
        Leave out courses given beyond the candidate's radius.

    Returns
    -------
    list of CourseOption
        ``course`` (index into ``courses``) and ``opens`` (opening indices), most openings
        first, then shorter courses, then lower index. Empty when no course opens anything.

    Raises
    ------
    ValueError
        If ``i`` is out of range or a course teaches a skill outside the taxonomy.

    Examples
    --------
    One candidate holding skill 0; three openings needing skills {0}, {0, 1} and {1, 2};
    course 0 teaches skill 1, course 1 teaches skills 1 and 2 (and takes longer):

    >>> from talentbridge.matching.model import Candidates, Openings, Taxonomy
    >>> c = Candidates.build(1, lat=[56.0], lon=[10.0], skills=([0, 1], [0]))
    >>> o = Openings.build(
    ...     3, lat=[56.0] * 3, lon=[10.0] * 3, essential=([0, 1, 3, 5], [0, 0, 1, 1, 2])
    ... )
    >>> s = Scorer(c, o, Taxonomy(n_skills=3, occupation_isco=[]))
    >>> courses = Courses.build(2, skills=([0, 1, 3], [1, 1, 2]), duration_days=[5, 10])
    >>> [(opt.course, opt.opens.tolist()) for opt in best_courses(s, courses, 0)]
    [(1, [1, 2]), (0, [1])]

    Opening 0 is not listed: the candidate qualifies for it already.
    """
    c = scorer.candidates
    _check_taxonomy(scorer, courses)
    if not 0 <= int(i) < c.n:
        raise ValueError(f"candidate index {i} out of range")
    i = int(i)
    now = qualified(scorer, i)
    options = []
    radius = float(comp.radius_km(c.move_km[[i]], scorer.weights)[0])
    for k in range(courses.k):
        if within_reach and np.isfinite(courses.lat[k]) and np.isfinite(courses.lon[k]):
            if haversine_km(c.lat[i], c.lon[i], courses.lat[k], courses.lon[k]) > radius:
                continue
        level = np.maximum(c.language[i], courses.language[k])
        held = int(c.licences[i]) | (
            (1 << int(courses.licence[k])) if courses.licence[k] >= 0 else 0
        )
        skills = courses.skill_ids[courses.skill_indptr[k] : courses.skill_indptr[k + 1]]
        after = qualified(scorer, i, language=level, licences=held, extra_skills=skills)
        opens = np.flatnonzero(after & ~now)
        if opens.size:
            options.append(CourseOption(k, opens))
    options.sort(
        key=lambda opt: (-opt.opens.shape[0], courses.duration_days[opt.course], opt.course)
    )
    return options


def course_skill_matrix(courses: Courses, n_skills: int) -> sp.csr_array:
    """(courses x skills) binary matrix of what each course teaches."""
    return skill_rows(courses.skill_indptr, courses.skill_ids, n_skills)
