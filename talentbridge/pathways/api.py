"""API (mounted at /api/pathways/): timelines, steps, follow-ups, mentors and the outcomes export.

The same services, scoping and audit as the pages; out-of-scope records answer 404.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Router, Schema, Status

from talentbridge.core.api_paging import LIMIT, OFFSET, page
from talentbridge.employers.models import Employer
from talentbridge.municipalities.models import Municipality

from . import mentors as mentor_service
from . import services
from .access import get_candidate_or_404
from .models import FollowUp, Mentor, PathwayStep
from .outcomes import outcomes_for_training
from .status import statuses

router = Router(tags=["pathways"])


class StatusOut(Schema):
    code: str
    label: str
    since: datetime.date | None
    reason: str


class FollowUpOut(Schema):
    id: int
    months: int
    due_on: datetime.date
    done_on: datetime.date | None
    outcome: str
    hours_per_week: float | None
    note: str


class StepOut(Schema):
    id: int
    candidate: str
    kind: str
    employer_id: int | None
    employer: str
    provider: str
    municipality: str
    mentor_id: int | None
    starts_on: datetime.date
    ends_on: datetime.date | None
    planned_end_on: datetime.date | None
    hours_per_week: float | None
    school_weeks: int | None
    time_limited: bool
    ending: str
    note: str
    source_match_id: int | None
    follow_ups: list[FollowUpOut]


class MentorOut(Schema):
    id: int
    project: str
    name: str
    kind: str
    employer_id: int | None
    active: bool


class TimelineOut(Schema):
    reference: str
    project: str
    status: StatusOut
    steps: list[StepOut]
    mentors: list[MentorOut]


class StepIn(Schema):
    kind: str
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    planned_end_on: datetime.date | None = None
    employer_id: int | None = None
    provider: str = ""
    municipality: str = ""
    mentor_id: int | None = None
    hours_per_week: Decimal | None = None
    school_weeks: int | None = None
    time_limited: bool = False
    ending: str = ""
    note: str = ""


class StepPatch(Schema):
    kind: str | None = None
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    planned_end_on: datetime.date | None = None
    employer_id: int | None = None
    provider: str | None = None
    municipality: str | None = None
    mentor_id: int | None = None
    hours_per_week: Decimal | None = None
    school_weeks: int | None = None
    time_limited: bool | None = None
    ending: str | None = None
    note: str | None = None


class OutcomeIn(Schema):
    outcome: str
    done_on: datetime.date | None = None
    hours_per_week: Decimal | None = None
    note: str = ""


class DueOut(Schema):
    id: int
    candidate: str
    step_id: int
    step_kind: str
    months: int
    due_on: datetime.date
    overdue: bool


class MentorIn(Schema):
    project: str
    name: str
    kind: str
    employer_id: int | None = None
    phone: str = ""
    email: str = ""


class MeetingIn(Schema):
    candidate: str
    date: datetime.date | None = None
    note: str = ""


class MeetingOut(Schema):
    id: int
    candidate: str
    date: datetime.date
    note: str


class AssignIn(Schema):
    candidate: str


def _float(value) -> float | None:
    return None if value is None else float(value)


def _step(step: PathwayStep) -> dict:
    return {
        "id": step.pk,
        "candidate": step.candidate.reference,
        "kind": step.kind,
        "employer_id": step.employer_id,
        "employer": step.employer.name if step.employer_id else "",
        "provider": step.provider,
        "municipality": step.municipality.code if step.municipality_id else "",
        "mentor_id": step.mentor_id,
        "starts_on": step.starts_on,
        "ends_on": step.ends_on,
        "planned_end_on": step.planned_end_on,
        "hours_per_week": _float(step.hours_per_week),
        "school_weeks": step.school_weeks,
        "time_limited": step.time_limited,
        "ending": step.ending,
        "note": step.note,
        "source_match_id": step.source_match_id,
        "follow_ups": [_follow_up(f) for f in step.follow_ups.all()],
    }


def _follow_up(f: FollowUp) -> dict:
    return {
        "id": f.pk,
        "months": f.months,
        "due_on": f.due_on,
        "done_on": f.done_on,
        "outcome": f.outcome,
        "hours_per_week": _float(f.hours_per_week),
        "note": f.note,
    }


def _mentor(m: Mentor) -> dict:
    return {
        "id": m.pk,
        "project": m.project.code,
        "name": m.name,
        "kind": m.kind,
        "employer_id": m.employer_id,
        "active": m.active,
    }


def _relations(data: dict, project_id: int) -> dict:
    """Turn employer_id, municipality (code) and mentor_id into objects, checked for the project."""
    out = dict(data)
    if "employer_id" in out:
        employer_id = out.pop("employer_id")
        out["employer"] = None
        if employer_id is not None:
            out["employer"] = Employer.objects.filter(pk=employer_id, projects=project_id).first()
            if out["employer"] is None:
                raise ValidationError(
                    {"employer_id": "No such employer in the candidate's project."}
                )
    if "municipality" in out:
        code = out.pop("municipality") or ""
        out["municipality"] = (
            Municipality.objects.filter(code=code.zfill(4)).first() if code else None
        )
        if code and out["municipality"] is None:
            raise ValidationError({"municipality": "Unknown municipality code."})
    if "mentor_id" in out:
        mentor_id = out.pop("mentor_id")
        out["mentor"] = (
            Mentor.objects.filter(pk=mentor_id, project=project_id).first() if mentor_id else None
        )
        if mentor_id and out["mentor"] is None:
            raise ValidationError({"mentor_id": "No such mentor in the candidate's project."})
    return out


@router.get(
    "/candidates/{reference}", response=TimelineOut, summary="A candidate's status and timeline"
)
def timeline(request, reference: str):
    candidate = get_candidate_or_404(request.auth, reference)
    steps = services.timeline(request.auth, candidate)
    status = statuses([candidate.pk])[candidate.pk]
    return {
        "reference": candidate.reference,
        "project": candidate.project.code,
        "status": {
            "code": status.code,
            "label": status.label,
            "since": status.since,
            "reason": status.reason,
        },
        "steps": [_step(s) for s in steps],
        "mentors": [_mentor(m) for m in candidate.mentors.select_related("project")],
    }


@router.post("/candidates/{reference}/steps", response={201: StepOut}, summary="Start a step")
def create_step(request, reference: str, payload: StepIn):
    candidate = get_candidate_or_404(request.auth, reference, write=True)
    data = _relations(payload.model_dump(), candidate.project_id)
    step = services.start_step(request.auth, candidate, **data)
    return Status(201, _step(step))


@router.patch(
    "/steps/{step_id}", response=StepOut, summary="Change a step (e.g. how and when it ended)"
)
def update_step(request, step_id: int, payload: StepPatch):
    step = services.get_step_or_404(request.auth, step_id, write=True)
    data = _relations(payload.model_dump(exclude_unset=True), step.project_id)
    step = services.update_step(request.auth, step, **data)
    return _step(step)


@router.delete("/steps/{step_id}", response={204: None}, summary="Remove a step entered by mistake")
def delete_step(request, step_id: int):
    step = services.get_step_or_404(request.auth, step_id, write=True)
    services.delete_step(request.auth, step)
    return Status(204, None)


@router.get(
    "/follow-ups/due", response=list[DueOut], summary="Your follow-ups overdue or due within `days`"
)
def due(request, days: int = 14, limit: int = LIMIT, offset: int = OFFSET):
    from django.utils import timezone

    today = timezone.localdate()
    query = services.due_follow_ups_query(request.auth, days_ahead=max(0, min(days, 366)))
    rows = services.read_follow_ups(request.auth, page(query, limit, offset))
    return [
        {
            "id": f.pk,
            "candidate": f.step.candidate.reference,
            "step_id": f.step_id,
            "step_kind": f.step.kind,
            "months": f.months,
            "due_on": f.due_on,
            "overdue": f.due_on < today,
        }
        for f in rows
    ]


@router.post(
    "/follow-ups/{follow_up_id}/outcome",
    response=FollowUpOut,
    summary="Record a follow-up's outcome",
)
def record_outcome(request, follow_up_id: int, payload: OutcomeIn):
    follow_up = services.get_follow_up_or_404(request.auth, follow_up_id, write=True)
    return _follow_up(services.record_outcome(request.auth, follow_up, **payload.model_dump()))


@router.get("/mentors", response=list[MentorOut], summary="Mentors of your projects")
def list_mentors(request):
    return [_mentor(m) for m in mentor_service.list_mentors(request.auth)]


@router.post("/mentors", response={201: MentorOut}, summary="Add a mentor")
def create_mentor(request, payload: MentorIn):
    from talentbridge.accounts.access import projects_for

    from .access import WRITE_ROLES

    project = projects_for(request.auth, roles=WRITE_ROLES).filter(code=payload.project).first()
    if project is None:
        raise Http404
    data = payload.model_dump(exclude={"project"})
    employer_id = data.pop("employer_id")
    data["employer"] = (
        Employer.objects.filter(pk=employer_id, projects=project).first() if employer_id else None
    )
    return Status(201, _mentor(mentor_service.create_mentor(request.auth, project=project, **data)))


@router.post(
    "/mentors/{mentor_id}/candidates",
    response={204: None},
    summary="Assign the mentor to a candidate",
)
def assign(request, mentor_id: int, payload: AssignIn):
    mentor = mentor_service.get_mentor_or_404(request.auth, mentor_id, write=True)
    candidate = get_candidate_or_404(request.auth, payload.candidate, write=True)
    mentor_service.assign(request.auth, mentor, candidate)
    return Status(204, None)


@router.delete(
    "/mentors/{mentor_id}/candidates/{reference}", response={204: None}, summary="Unassign"
)
def unassign(request, mentor_id: int, reference: str):
    mentor = mentor_service.get_mentor_or_404(request.auth, mentor_id, write=True)
    candidate = get_candidate_or_404(request.auth, reference, write=True)
    mentor_service.unassign(request.auth, mentor, candidate)
    return Status(204, None)


@router.get(
    "/mentors/{mentor_id}/meetings", response=list[MeetingOut], summary="The mentor's meeting log"
)
def meetings(request, mentor_id: int):
    mentor = mentor_service.get_mentor_or_404(request.auth, mentor_id)
    return [
        {"id": m.pk, "candidate": m.candidate.reference, "date": m.date, "note": m.note}
        for m in mentor_service.meetings(request.auth, mentor)
    ]


@router.post("/mentors/{mentor_id}/meetings", response={201: MeetingOut}, summary="Log a meeting")
def log_meeting(request, mentor_id: int, payload: MeetingIn):
    mentor = mentor_service.get_mentor_or_404(request.auth, mentor_id, write=True)
    candidate = get_candidate_or_404(request.auth, payload.candidate, write=True)
    meeting = mentor_service.log_meeting(
        request.auth, mentor, candidate, date=payload.date, note=payload.note
    )
    return Status(
        201,
        {
            "id": meeting.pk,
            "candidate": candidate.reference,
            "date": meeting.date,
            "note": meeting.note,
        },
    )


@router.get(
    "/outcomes",
    response=list[dict],
    summary="Recorded outcomes as training rows for the placement model",
)
def outcomes(request, project: str = "", since: datetime.date | None = None):
    from talentbridge.accounts.access import projects_for

    from .outcomes import EXPORT_ROLES

    project_ids = None
    if project:
        chosen = projects_for(request.auth, roles=EXPORT_ROLES).filter(code=project).first()
        if chosen is None:
            raise Http404
        project_ids = [chosen.pk]
    return outcomes_for_training(request.auth, project_ids=project_ids, since=since)
