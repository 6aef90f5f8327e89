"""Gap analysis in the product: what a candidate lacks for an opening, which courses teach
it, and which single course opens the most openings for the person."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import Q

from talentbridge.candidates.assessments import DRIVING_LICENCES
from talentbridge.candidates.models import Candidate
from talentbridge.employers.models import Opening
from talentbridge.matching.gaps import Courses, best_courses, gap
from talentbridge.matching.model import LANGUAGES
from talentbridge.privacy import audit

from . import access, bridge
from .models import Course


def courses_for(project):
    return Course.objects.filter(
        Q(project=project) | Q(project__isnull=True), active=True
    ).prefetch_related("skills")


def course_arrays(courses: list[Course], population: bridge.Population) -> Courses:
    """Courses as the core's arrays, skills coded like the population's (others dropped:
    no opening asks for them)."""
    code = {pk: c for c, pk in enumerate(population.skill_pks)}
    lists = [[code[s.pk] for s in course.skills.all() if s.pk in code] for course in courses]
    indptr = np.zeros(len(courses) + 1, np.int64)
    np.cumsum([len(x) for x in lists], out=indptr[1:])
    levels = np.array(
        [[bridge.cefr(c.danish_level), bridge.cefr(c.english_level)] for c in courses], np.int8
    ).reshape(len(courses), len(LANGUAGES))
    licence = np.array(
        [
            DRIVING_LICENCES.index(c.driving_licence)
            if c.driving_licence in DRIVING_LICENCES
            else -1
            for c in courses
        ],
        np.int16,
    )
    lat = np.array(
        [c.municipality.latitude if c.municipality_id else np.nan for c in courses], np.float64
    )
    lon = np.array(
        [c.municipality.longitude if c.municipality_id else np.nan for c in courses], np.float64
    )
    return Courses(
        skill_indptr=indptr,
        skill_ids=np.array([v for x in lists for v in x], np.int32),
        language=levels,
        licence=licence,
        duration_days=np.array([c.duration_days for c in courses], np.float64),
        lat=lat,
        lon=lon,
        keys=[c.pk for c in courses],
    )


@dataclass
class CourseOption:
    course: Course
    openings: list[Opening]


@dataclass
class OpeningGap:
    opening: Opening
    missing_skills: list[str]
    missing_languages: list[tuple[str, str, str]]
    missing_licence: str
    courses: list[Course]
    excluded_for: list[str]


def analyse(user, candidate: Candidate, *, language: str = "da", openings: int = 10) -> dict:
    """The candidate's gaps for their best open openings, and the courses that open most."""
    candidate = access.get_candidate_or_404(user, candidate.reference)
    population = bridge.load(
        candidate.project, candidates=Candidate.objects.filter(pk=candidate.pk)
    )
    audit.record(user, audit.AuditEvent.Action.READ, candidate, detail={"view": "gap analysis"})
    if not population.candidates or not population.openings:
        return {"options": [], "gaps": []}
    rows = list(courses_for(candidate.project).select_related("municipality"))
    arrays = course_arrays(rows, population)
    options = [
        CourseOption(rows[o.course], [population.openings[j] for j in o.opens.tolist()])
        for o in best_courses(population.scorer, arrays, 0)
    ]
    scores = population.scorer.scores([0])[0]
    order = np.argsort(-np.where(np.isfinite(scores), scores, -1.0), kind="stable")[:openings]
    gaps = []
    for j in order.tolist():
        g = gap(population.scorer, arrays, 0, j)
        if not (g.missing_skills or g.missing_languages or g.missing_licence >= 0):
            continue
        labels = population.skill_labels(g.missing_skills, language)
        teaching = sorted(
            {c for ids in g.courses.values() for c in ids}
            | set(g.language_courses)
            | set(g.licence_courses)
        )
        gaps.append(
            OpeningGap(
                opening=population.openings[j],
                missing_skills=[labels[s] for s in g.missing_skills],
                missing_languages=[
                    (lang, _cefr(has), _cefr(need)) for lang, has, need in g.missing_languages
                ],
                missing_licence=DRIVING_LICENCES[g.missing_licence]
                if g.missing_licence >= 0
                else "",
                courses=[rows[c] for c in teaching],
                excluded_for=g.excluded_for,
            )
        )
    return {"options": options, "gaps": gaps}


def _cefr(code: int) -> str:
    from talentbridge.matching.model import CEFR

    return CEFR[code] if code else "–"
