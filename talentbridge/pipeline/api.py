"""The pipeline REST API (mounted at /api/pipeline/): ranked lists both ways, matches and
their moves, gap analysis, batch-assignment runs and courses. Same services and permission
checks as the pages; anything outside the caller's scope is 404."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import get_language
from ninja import Router, Status

from talentbridge.privacy import audit

from . import access, courses, flow, ranking, runs
from .models import Course, Match
from .schemas import (
    AnalysisOut,
    CourseIn,
    CourseOut,
    CoursePatch,
    MatchDetailOut,
    MatchOut,
    MoveIn,
    RankedOut,
    RunIn,
    RunOut,
    SendIn,
    ShortlistIn,
)

router = Router(tags=["pipeline"])


def _lang(lang: str) -> str:
    return (lang or get_language() or "da")[:2]


def _ranked(row: ranking.Row) -> dict:
    return {
        "candidate": row.candidate.reference,
        "opening": row.opening.pk,
        "opening_title": row.opening.title,
        "score": row.score,
        "explanation": row.explanation,
        "components": row.components,
        "match_id": row.match.pk if row.match else None,
        "match_status": row.match.status if row.match else None,
        "profile": row.profile,
        "identity": row.identity,
    }


def _match(m: Match) -> dict:
    return {
        "id": m.pk,
        "project": m.project.code,
        "candidate": m.candidate.reference,
        "opening": m.opening_id,
        "opening_title": m.opening.title,
        "employer": m.opening.site.employer.name,
        "score": m.score,
        "status": m.status,
        "decline_reason": m.decline_reason,
        "explanation_da": m.explanation_da,
        "explanation_en": m.explanation_en,
        "components": m.components,
        "source": m.source,
        "status_changed_at": m.status_changed_at,
    }


def _detail(m: Match) -> dict:
    data = _match(m)
    data["events"] = [
        {
            "at": e.at,
            "actor": e.actor_label,
            "from_status": e.from_status,
            "to_status": e.to_status,
            "reason": e.reason,
        }
        for e in flow.events(m)
    ]
    return data


def _run(r) -> dict:
    return {
        "id": r.pk,
        "project": r.project.code,
        "status": r.status,
        "fair": r.fair,
        "min_score": r.min_score,
        "candidates_considered": r.candidates_considered,
        "places": r.places,
        "objective": r.objective,
        "upper_bound": r.upper_bound,
        "greedy_objective": r.greedy_objective,
        "seconds": r.seconds,
        "openings": sorted(r.openings.values_list("pk", flat=True)),
        "proposals": [
            {
                "id": p.pk,
                "candidate": p.candidate.reference,
                "opening": p.opening_id,
                "opening_title": p.opening.title,
                "score": p.score,
                "included": p.included,
                "explanation_da": p.explanation_da,
                "explanation_en": p.explanation_en,
                "match_id": p.match_id,
            }
            for p in runs.proposals(r)
        ],
    }


def _course(c: Course) -> dict:
    return {
        "id": c.pk,
        "name": c.name,
        "kind": c.kind,
        "project": c.project.code if c.project_id else None,
        "provider": c.provider,
        "skills": [s.uri for s in c.skills.all()],
        "danish_module": c.danish_module,
        "danish_level": c.danish_level,
        "english_level": c.english_level,
        "driving_licence": c.driving_licence,
        "duration_days": c.duration_days,
        "municipality": c.municipality.code if c.municipality_id else None,
        "active": c.active,
    }


@router.get(
    "/openings/{int:opening_id}/candidates",
    response=list[RankedOut],
    summary="An opening's best candidates with why (anonymised for employer users)",
)
def opening_candidates(request, opening_id: int, k: int = 20, lang: str = ""):
    opening, _mode = access.opening_view(request.auth, opening_id)
    rows = ranking.candidates_for_opening(
        request.auth, opening, k=min(max(k, 1), 200), language=_lang(lang)
    )
    return [_ranked(r) for r in rows]


@router.get(
    "/candidates/{reference}/openings",
    response=list[RankedOut],
    summary="A candidate's best open openings with why",
)
def candidate_openings(request, reference: str, k: int = 20, lang: str = ""):
    candidate = access.get_candidate_or_404(request.auth, reference)
    rows = ranking.openings_for_candidate(
        request.auth, candidate, k=min(max(k, 1), 200), language=_lang(lang)
    )
    return [_ranked(r) for r in rows]


@router.get(
    "/candidates/{reference}/gaps",
    response=AnalysisOut,
    summary="What the candidate lacks for their best openings, and the courses that open most",
)
def candidate_gaps(request, reference: str, lang: str = ""):
    candidate = access.get_candidate_or_404(request.auth, reference)
    result = courses.analyse(request.auth, candidate, language=_lang(lang))
    return {
        "options": [
            {
                "course": o.course.pk,
                "course_name": o.course.name,
                "opens": [x.pk for x in o.openings],
            }
            for o in result["options"]
        ],
        "gaps": [
            {
                "opening": g.opening.pk,
                "opening_title": g.opening.title,
                "missing_skills": g.missing_skills,
                "missing_languages": [list(x) for x in g.missing_languages],
                "missing_licence": g.missing_licence,
                "courses": [c.pk for c in g.courses],
                "excluded_for": g.excluded_for,
            }
            for g in result["gaps"]
        ],
    }


@router.get("/matches", response=list[MatchOut], summary="Matches of your projects")
def list_matches(request, status: str = "", opening: int | None = None, candidate: str = ""):
    user = request.auth
    access.require_staff(user)
    qs = access.matches_for(user).select_related("project", "candidate", "opening__site__employer")
    if status:
        qs = qs.filter(status=status)
    if opening is not None:
        qs = qs.filter(opening_id=opening)
    if candidate:
        qs = qs.filter(candidate__reference=candidate.upper())
    rows = list(qs.order_by("-status_changed_at")[:500])
    audit.record_many(
        user,
        audit.AuditEvent.Action.READ,
        [m.candidate for m in rows],
        detail={"view": "api matches"},
    )
    return [_match(m) for m in rows]


@router.get("/matches/{int:match_id}", response=MatchDetailOut, summary="A match with its history")
def get_match(request, match_id: int):
    m = access.get_match_or_404(request.auth, match_id)
    audit.record(request.auth, audit.AuditEvent.Action.READ, m, detail={"view": "api match"})
    return _detail(m)


@router.post(
    "/openings/{int:opening_id}/shortlist",
    response={201: MatchDetailOut},
    summary="Put a candidate on an opening's shortlist",
)
def shortlist(request, opening_id: int, payload: ShortlistIn):
    opening, mode = access.opening_view(request.auth, opening_id)
    if mode != "staff":
        raise Http404
    candidate = access.get_candidate_or_404(request.auth, payload.candidate)
    m = flow.shortlist(request.auth, opening, candidate, reason=payload.reason)
    return Status(201, _detail(access.get_match_or_404(request.auth, m.pk)))


@router.post(
    "/matches/{int:match_id}/move",
    response=MatchDetailOut,
    summary="Move a match: shortlisted → presented (needs consent) → interview → accepted | declined",
)
def move(request, match_id: int, payload: MoveIn):
    m = access.get_match_or_404(request.auth, match_id, write=True)
    flow.move(request.auth, m, payload.status, reason=payload.reason)
    return _detail(access.get_match_or_404(request.auth, match_id))


@router.post("/runs", response={201: RunOut}, summary="Propose a batch assignment for review")
def create_run(request, payload: RunIn):
    project = access.staff_projects(request.auth, write=True).filter(code=payload.project).first()
    if project is None:
        raise Http404
    run = runs.create_run(
        request.auth,
        project,
        payload.openings,
        fair=payload.fair,
        min_score=payload.min_score,
        note=payload.note,
    )
    return Status(201, _run(run))


@router.get("/runs/{int:run_id}", response=RunOut, summary="A batch assignment and its proposals")
def get_run(request, run_id: int):
    run = access.get_run_or_404(request.auth, run_id)
    data = _run(run)
    audit.record_many(
        request.auth,
        audit.AuditEvent.Action.READ,
        [p.candidate for p in run.proposals.all()],
        detail={"run": run.pk},
    )
    return data


@router.post(
    "/runs/{int:run_id}/send", response=RunOut, summary="Send a reviewed run as shortlists"
)
def send_run(request, run_id: int, payload: SendIn):
    run = access.get_run_or_404(request.auth, run_id, write=True)
    runs.send_run(request.auth, run, leave_out=payload.leave_out)
    return _run(access.get_run_or_404(request.auth, run_id))


@router.post(
    "/runs/{int:run_id}/discard", response=RunOut, summary="Discard a run; nothing is sent"
)
def discard_run(request, run_id: int):
    run = access.get_run_or_404(request.auth, run_id, write=True)
    runs.discard_run(request.auth, run)
    return _run(access.get_run_or_404(request.auth, run_id))


@router.get(
    "/courses", response=list[CourseOut], summary="Courses of your projects (and shared ones)"
)
def list_courses(request):
    return [_course(c) for c in courses.visible_courses(request.auth)]


@router.get("/courses/{int:course_id}", response=CourseOut, summary="One course")
def get_course(request, course_id: int):
    return _course(courses.get_course_or_404(request.auth, course_id))


@router.post(
    "/courses", response={201: CourseOut}, summary="Add a course (with the ESCO skills it gives)"
)
def create_course(request, payload: CourseIn):
    data = payload.model_dump()
    project = data.pop("project")
    return Status(201, _course(courses.create_course(request.auth, data, project=project)))


@router.patch("/courses/{int:course_id}", response=CourseOut, summary="Change a course")
def update_course(request, course_id: int, payload: CoursePatch):
    course = courses.get_course_or_404(request.auth, course_id, write=True)
    data = payload.model_dump(exclude_unset=True)
    for key in ("name", "kind", "duration_days", "active"):
        if key in data and data[key] is None:
            raise ValidationError({key: "May not be empty."})
    return _course(courses.update_course(request.auth, course, data))


@router.delete("/courses/{int:course_id}", response={204: None}, summary="Delete a course")
def delete_course(request, course_id: int):
    courses.delete_course(
        request.auth, courses.get_course_or_404(request.auth, course_id, write=True)
    )
    return Status(204, None)
