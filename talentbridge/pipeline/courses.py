"""Courses and gap analysis in the product: the course catalogue (list, create, update,
delete: one service for the pages, the API and the admin), what a candidate lacks for an
opening, which courses teach it, and which single course opens the most openings for the
person."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _t

from talentbridge.candidates.assessments import DRIVING_LICENCES
from talentbridge.candidates.models import Candidate
from talentbridge.employers.models import Opening
from talentbridge.matching.gaps import Courses, best_courses, gap
from talentbridge.matching.model import LANGUAGES
from talentbridge.municipalities.models import Municipality
from talentbridge.privacy import audit
from talentbridge.taxonomy.models import Concept

from . import access, bridge
from .models import Course


def courses_for(project):
    return Course.objects.filter(
        Q(project=project) | Q(project__isnull=True), active=True
    ).prefetch_related("skills")


# -- the catalogue ---------------------------------------------------------------------------

COURSE_FIELDS = (
    "name",
    "kind",
    "provider",
    "skills",
    "danish_module",
    "danish_level",
    "english_level",
    "driving_licence",
    "duration_days",
    "municipality",
    "active",
)


def visible_courses(user) -> QuerySet[Course]:
    """Courses the user may see: those of their projects and the shared ones (404 for
    anyone who does not work with matches)."""
    access.require_staff(user)
    return (
        Course.objects.filter(
            Q(project__in=access.staff_projects(user).values("pk")) | Q(project__isnull=True)
        )
        .select_related("project", "municipality")
        .prefetch_related("skills")
    )


def get_course_or_404(user, pk, *, write: bool = False) -> Course:
    """The course, if the user may see it (``write``: change it); 404 otherwise.

    Business consultants of a course's project change it; shared courses (no project) are
    changed by administrators only."""
    try:
        course = visible_courses(user).get(pk=pk)
    except (Course.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write:
        _require_change(user, course)
    return course


def _require_change(user, course: Course) -> None:
    """404 unless the user may change ``course`` (which implies seeing it)."""
    if course.project_id is None:
        if not access.all_seeing(user):
            raise Http404
    elif not access.is_staff(user, course.project, write=True):
        raise Http404


def _project(user, code_or_project):
    if code_or_project in (None, ""):
        if not access.all_seeing(user):
            raise ValidationError(
                {"project": _t("Name the project (only administrators add shared courses).")}
            )
        return None
    writable = access.staff_projects(user, write=True)
    if hasattr(code_or_project, "pk"):
        project = writable.filter(pk=code_or_project.pk).first()
    else:
        project = writable.filter(code=str(code_or_project)).first()
    if project is None:
        raise Http404
    return project


def _clean_values(data: dict) -> tuple[dict, list | None]:
    """Course field values from ``data`` (API payload, form or CLI), with skills apart.

    ``skills`` are ESCO skill URIs or Concept objects; ``municipality`` a code or a
    Municipality. Every problem raises a ValidationError naming the field."""
    values = {k: data[k] for k in COURSE_FIELDS if k in data}
    skills = None
    if "skills" in values:
        given = values.pop("skills") or []
        uris = [s.uri if hasattr(s, "uri") else str(s).strip() for s in given]
        uris = [u for u in dict.fromkeys(uris) if u]
        found = {c.uri: c for c in Concept.objects.filter(uri__in=uris, kind="skill")}
        unknown = [u for u in uris if u not in found]
        if unknown:
            raise ValidationError(
                {"skills": _t("Unknown ESCO skill URI: %(uri)s") % {"uri": ", ".join(unknown)}}
            )
        skills = [found[u] for u in uris]
    if "kind" in values and values["kind"] not in Course.Kind.values:
        raise ValidationError(
            {"kind": _t("One of %(values)s.") % {"values": ", ".join(Course.Kind.values)}}
        )
    if "municipality" in values:
        m = values["municipality"]
        if m in (None, ""):
            values["municipality"] = None
        elif not isinstance(m, Municipality):
            found = Municipality.objects.filter(code=str(m)).first()
            if found is None:
                raise ValidationError({"municipality": _t("Unknown municipality code.")})
            values["municipality"] = found
    for key in ("provider", "danish_module", "danish_level", "english_level", "driving_licence"):
        if key in values:
            values[key] = (values[key] or "").strip()
    if "danish_module" in values:
        values["danish_module"] = values["danish_module"].upper()
    if "driving_licence" in values:
        values["driving_licence"] = values["driving_licence"].upper()
        if values["driving_licence"] and values["driving_licence"] not in DRIVING_LICENCES:
            raise ValidationError(
                {
                    "driving_licence": _t("One of %(values)s.")
                    % {"values": ", ".join(DRIVING_LICENCES)}
                }
            )
    return values, skills


def _save(user, course: Course, skills, action: str, changed: list[str]) -> Course:
    course.full_clean(exclude=["skills"])
    course.save()
    if skills is not None:
        course.skills.set(skills)
    audit.record(
        user,
        action,
        course,
        project_id=course.project_id,
        detail={"fields": sorted(changed)} if changed else None,
    )
    return course


@transaction.atomic
def create_course(user, data: dict, *, project=None) -> Course:
    """Add a course to ``project`` (code or Project; none: shared, administrators only).

    404 unless the user is a business consultant of the project (or an administrator)."""
    access.require_staff(user, write=True)
    project = _project(user, project)
    values, skills = _clean_values(data)
    if not values.get("name", "").strip():
        raise ValidationError({"name": _t("A course needs a name.")})
    course = Course(project=project, **values)
    return _save(user, course, skills, audit.AuditEvent.Action.CREATE, [])


@transaction.atomic
def update_course(user, course: Course, data: dict) -> Course:
    """Change the given fields of ``course`` (404 unless the user may change it)."""
    _require_change(user, course)
    values, skills = _clean_values(data)
    if "name" in values and not (values["name"] or "").strip():
        raise ValidationError({"name": _t("A course needs a name.")})
    if values.get("danish_module") and "danish_level" not in data:
        values["danish_level"] = ""  # follow the new module
    for key, value in values.items():
        setattr(course, key, value)
    return _save(
        user,
        course,
        skills,
        audit.AuditEvent.Action.UPDATE,
        list(values) + (["skills"] if skills is not None else []),
    )


@transaction.atomic
def delete_course(user, course: Course) -> None:
    """Delete ``course`` (404 unless the user may change it)."""
    _require_change(user, course)
    audit.record(
        user,
        audit.AuditEvent.Action.DELETE,
        course,
        project_id=course.project_id,
        detail={"name": course.name},
    )
    course.delete()


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


def analyse(
    user, candidate: Candidate, *, language: str = "da", openings: int = 10, population=None
) -> dict:
    """The candidate's gaps for their best open openings, and the courses that open most.

    ``population`` is :func:`bridge.load_for_candidate` already loaded by the caller."""
    candidate = access.get_candidate_or_404(user, candidate.reference)
    population = population or bridge.load_for_candidate(candidate)
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
