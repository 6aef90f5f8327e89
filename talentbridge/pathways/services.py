"""Pathway steps and their follow-ups: the functions that the web views, the API, the CLI and
other apps (the pipeline, when a match is accepted) call.

Every function takes the acting user first, checks scope through ``pathways.access`` (404 for
anything outside it) and writes an audit event.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from talentbridge.candidates.models import Candidate
from talentbridge.privacy import audit

from .access import candidates_for, check_candidate, get_candidate_or_404
from .models import (
    FOLLOW_UP_MONTHS,
    IGU_MONTHS,
    PATHWAY_KINDS,
    FollowUp,
    Mentor,
    PathwayStep,
    add_months,
)

Action = audit.AuditEvent.Action
Kind = PathwayStep.Kind
Ending = PathwayStep.Ending
Outcome = FollowUp.Outcome

#: Step fields that :func:`update_step` may change.
EDITABLE_FIELDS = (
    "kind",
    "employer",
    "opening",
    "provider",
    "municipality",
    "mentor",
    "starts_on",
    "ends_on",
    "planned_end_on",
    "hours_per_week",
    "school_weeks",
    "time_limited",
    "ending",
    "note",
)
#: The most school weeks an IGU can hold: every week of its two years.
MAX_SCHOOL_WEEKS = 104


def igu_planned_end(starts_on: datetime.date) -> datetime.date:
    """The planned end of an IGU started on ``starts_on``: two years later (same day)."""
    return add_months(starts_on, IGU_MONTHS)


def _default_planned_end(step: PathwayStep) -> None:
    """An IGU without an end date is planned to run two years from its start."""
    if step.kind == Kind.IGU and step.starts_on and not (step.planned_end_on or step.ends_on):
        step.planned_end_on = igu_planned_end(step.starts_on)


def _validate(step: PathwayStep) -> None:
    errors = {}
    if step.kind not in Kind.values:
        errors["kind"] = _("Unknown kind of step.")
    if step.ends_on and step.starts_on and step.ends_on < step.starts_on:
        errors["ends_on"] = _("The end date is before the start date.")
    if step.ending and step.ending not in Ending.values:
        errors["ending"] = _("Unknown ending.")
    if step.ending and not step.ends_on:
        errors["ends_on"] = _("Give the date the step ended.")
    if step.hours_per_week is not None and not (0 <= step.hours_per_week <= 80):
        errors["hours_per_week"] = _("Hours per week must be between 0 and 80.")
    if step.planned_end_on and step.starts_on and step.planned_end_on < step.starts_on:
        errors["planned_end_on"] = _("The planned end is before the start date.")
    if step.school_weeks is not None:
        if step.kind != Kind.IGU:
            errors["school_weeks"] = _("School weeks are recorded for IGU steps only.")
        elif not (0 <= step.school_weeks <= MAX_SCHOOL_WEEKS):
            errors["school_weeks"] = _("School weeks must be between 0 and %(max)s.") % {
                "max": MAX_SCHOOL_WEEKS
            }
    if step.mentor_id and step.mentor.project_id != step.project_id:
        errors["mentor"] = _("The mentor belongs to another project.")
    if errors:
        raise ValidationError(errors)


def schedule_follow_ups(steps) -> list[FollowUp]:
    """Create the 3-, 6- and 12-month follow-ups of pathway steps (not Danish lessons or courses).

    Idempotent: existing follow-ups are kept. The demo generator and imports call this after
    a ``bulk_create`` of steps.
    """
    steps = [s for s in steps if s.kind in PATHWAY_KINDS]
    existing = set(
        FollowUp.objects.filter(step__in=[s.pk for s in steps]).values_list("step_id", "months")
    )
    new = [
        FollowUp(step=s, months=m, due_on=add_months(s.starts_on, m))
        for s in steps
        for m in FOLLOW_UP_MONTHS
        if (s.pk, m) not in existing
    ]
    return FollowUp.objects.bulk_create(new)


def _opening_defaults(opening) -> dict:
    site = opening.site
    return {
        "kind": opening.kind,
        "employer": site.employer,
        "municipality": site.municipality,
        "hours_per_week": opening.hours_per_week,
        "starts_on": opening.starts_on,
        "ends_on": opening.ends_on,
    }


@transaction.atomic
def start_step(
    user,
    candidate: Candidate | int | str,
    kind: str | None = None,
    *,
    starts_on: datetime.date | None = None,
    opening=None,
    employer=None,
    provider: str = "",
    municipality=None,
    mentor: Mentor | None = None,
    hours_per_week: Decimal | float | None = None,
    time_limited: bool = False,
    ends_on: datetime.date | None = None,
    planned_end_on: datetime.date | None = None,
    school_weeks: int | None = None,
    ending: str = "",
    match=None,
    note: str = "",
) -> PathwayStep:
    """Start a pathway step for ``candidate`` and schedule its follow-ups.

    Called when a step is entered directly, and by the pipeline when a match is accepted:
    ``start_step(user, match.candidate, opening=match.opening, match=match)``. With an
    ``opening`` the kind, employer, municipality, hours and dates default to the opening's.
    An IGU (two years: paid work plus school) started without an end date is planned to end
    two years after its start (``planned_end_on``); its school is ``provider`` and its school
    part ``school_weeks`` (and ``note``). With a ``match`` the call is idempotent: the step already started from that match is
    returned unchanged.

    Raises ``Http404`` when ``user`` may not change the candidate's pathway and
    ``ValidationError`` for bad input (unknown kind, end before start, …).

    Example::

        step = start_step(consultant, candidate, "internship", starts_on=date(2026, 3, 2),
                          employer=employer, hours_per_week=20)
        [f.months for f in step.follow_ups.all()]  # [3, 6, 12]
    """
    if not isinstance(candidate, Candidate):
        candidate = get_candidate_or_404(user, candidate, write=True)
    else:
        check_candidate(user, candidate, write=True)
    if match is not None:
        existing = PathwayStep.objects.filter(source_match_id=match.pk).first()
        if existing is not None:
            return existing
    values = _opening_defaults(opening) if opening is not None else {}
    given = {
        "kind": kind,
        "employer": employer,
        "municipality": municipality,
        "hours_per_week": hours_per_week,
        "starts_on": starts_on,
        "ends_on": ends_on,
    }
    values.update({k: v for k, v in given.items() if v is not None})
    if opening is not None and opening.project_id != candidate.project_id:
        raise ValidationError({"opening": _("The opening belongs to another project.")})
    if not values.get("kind"):
        raise ValidationError({"kind": _("Say what kind of step this is.")})
    step = PathwayStep(
        candidate=candidate,
        project_id=candidate.project_id,
        opening=opening,
        provider=provider,
        mentor=mentor,
        time_limited=time_limited,
        planned_end_on=planned_end_on,
        school_weeks=school_weeks,
        ending=ending or "",
        note=note,
        source_match_id=getattr(match, "pk", None),
        created_by=user if getattr(user, "pk", None) else None,
        **values,
    )
    if step.starts_on is None:
        step.starts_on = timezone.localdate()
    if step.hours_per_week is not None:
        step.hours_per_week = Decimal(str(step.hours_per_week))
    _default_planned_end(step)
    _validate(step)
    step.save()
    schedule_follow_ups([step])
    if mentor is not None:
        mentor.candidates.add(candidate)
    audit.record(
        user,
        Action.CREATE,
        step,
        subject_ref=candidate.reference,
        detail={
            "kind": step.kind,
            "starts_on": step.starts_on.isoformat(),
            "planned_end_on": step.planned_end_on.isoformat() if step.planned_end_on else None,
            "match": step.source_match_id,
        },
    )
    return step


def steps_for(user) -> QuerySet[PathwayStep]:
    """Steps of the candidates whose pathway ``user`` may read."""
    return PathwayStep.objects.filter(candidate__in=candidates_for(user))


def get_step_or_404(user, pk, *, write: bool = False) -> PathwayStep:
    try:
        return PathwayStep.objects.select_related("candidate").get(
            pk=pk, candidate__in=candidates_for(user, write=write)
        )
    except (PathwayStep.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@transaction.atomic
def update_step(user, step: PathwayStep, **changes) -> PathwayStep:
    """Change a step's fields; moving the start date moves the follow-ups not yet done.

    An IGU's planned end that was the default (two years from the start) moves with the start
    unless a new one is given; an IGU without an end or planned end gets the default.
    """
    check_candidate(user, step.candidate, write=True)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            {name: _("This field cannot be changed.") for name in sorted(unknown)}
        )
    old_start, old_kind = step.starts_on, step.kind
    old_default = igu_planned_end(old_start) if old_kind == Kind.IGU else None
    was_default = old_default is not None and step.planned_end_on == old_default
    for name, value in changes.items():
        setattr(step, name, value)
    if step.ending is None:
        step.ending = ""
    if was_default and step.starts_on != old_start and step.planned_end_on == old_default:
        step.planned_end_on = None  # recomputed from the new start below
    _default_planned_end(step)
    _validate(step)
    step.save()
    if step.starts_on != old_start:
        for follow_up in step.follow_ups.filter(done_on__isnull=True):
            follow_up.due_on = add_months(step.starts_on, follow_up.months)
            follow_up.save(update_fields=["due_on"])
    if step.kind != old_kind:
        schedule_follow_ups([step])
    audit.record(
        user,
        Action.UPDATE,
        step,
        subject_ref=step.candidate.reference,
        detail={"fields": sorted(changes)},
    )
    return step


def end_step(user, step: PathwayStep, *, ends_on: datetime.date, ending: str) -> PathwayStep:
    """Record how and when a step ended."""
    if not ending:
        raise ValidationError({"ending": _("Say how the step ended.")})
    return update_step(user, step, ends_on=ends_on, ending=ending)


@transaction.atomic
def delete_step(user, step: PathwayStep) -> None:
    """Remove a step entered by mistake (with its follow-ups)."""
    check_candidate(user, step.candidate, write=True)
    audit.record(
        user, Action.DELETE, step, subject_ref=step.candidate.reference, detail={"kind": step.kind}
    )
    step.delete()


def timeline(user, candidate: Candidate) -> list[PathwayStep]:
    """The candidate's steps in order, with follow-ups, mentor and employer loaded. Audited."""
    check_candidate(user, candidate)
    steps = list(
        candidate.pathway_steps.select_related("employer", "municipality", "mentor", "opening")
        .prefetch_related("follow_ups")
        .order_by("starts_on", "id")
    )
    audit.record(user, Action.READ, candidate, detail={"view": "pathway", "steps": len(steps)})
    return steps


# Follow-ups ---------------------------------------------------------------------------------


def get_follow_up_or_404(user, pk, *, write: bool = False) -> FollowUp:
    try:
        return FollowUp.objects.select_related("step__candidate").get(
            pk=pk, step__candidate__in=candidates_for(user, write=write)
        )
    except (FollowUp.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def due_follow_ups_query(user, *, as_of: datetime.date | None = None, days_ahead: int = 14):
    """Follow-ups not yet recorded and due by ``as_of + days_ahead``, overdue ones first, of
    the candidates whose pathway the user may change (a queryset; nothing is audited)."""
    as_of = as_of or timezone.localdate()
    horizon = as_of + datetime.timedelta(days=days_ahead)
    return (
        FollowUp.objects.filter(
            done_on__isnull=True,
            due_on__lte=horizon,
            step__candidate__in=candidates_for(user, write=True),
        )
        .select_related("step__candidate", "step__employer", "step__created_by")
        .order_by("due_on", "id")
    )


def read_follow_ups(user, follow_ups) -> list[FollowUp]:
    """Evaluate ``follow_ups`` (all or one page of :func:`due_follow_ups_query`) and audit the
    read of each one's candidate: the one place the reminder list is audited (UI, API, CLI)."""
    follow_ups = list(follow_ups)
    if follow_ups:
        audit.record_many(
            user,
            Action.READ,
            [f.step.candidate for f in follow_ups],
            detail={"view": "follow-ups due"},
        )
    return follow_ups


def due_follow_ups(
    user, *, as_of: datetime.date | None = None, days_ahead: int = 14, audit_read: bool = True
) -> list[FollowUp]:
    """All of :func:`due_follow_ups_query`: the user's reminder list (CLI)."""
    query = due_follow_ups_query(user, as_of=as_of, days_ahead=days_ahead)
    return read_follow_ups(user, query) if audit_read else list(query)


@transaction.atomic
def record_outcome(
    user,
    follow_up: FollowUp,
    *,
    outcome: str,
    done_on: datetime.date | None = None,
    hours_per_week: Decimal | float | None = None,
    note: str = "",
) -> FollowUp:
    """Record what the follow-up found: employed (with hours), in education, unemployed, moved away, unknown."""
    check_candidate(user, follow_up.step.candidate, write=True)
    today = timezone.localdate()
    done_on = done_on or today
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Unknown outcome.")
    if done_on > today:
        errors["done_on"] = _("A follow-up cannot be recorded in the future.")
    if done_on < follow_up.step.starts_on:
        errors["done_on"] = _("The follow-up is dated before the step started.")
    if hours_per_week is not None:
        hours_per_week = Decimal(str(hours_per_week))
        if not (0 <= hours_per_week <= 80):
            errors["hours_per_week"] = _("Hours per week must be between 0 and 80.")
        elif outcome not in (Outcome.EMPLOYED, Outcome.IN_EDUCATION):
            errors["hours_per_week"] = _("Hours are recorded only for work or education.")
    if errors:
        raise ValidationError(errors)
    follow_up.outcome = outcome
    follow_up.done_on = done_on
    follow_up.hours_per_week = hours_per_week
    follow_up.note = note
    follow_up.recorded_by = user if getattr(user, "pk", None) else None
    follow_up.save()
    audit.record(
        user,
        Action.UPDATE,
        follow_up,
        subject_ref=follow_up.step.candidate.reference,
        project_id=follow_up.step.project_id,
        detail={"months": follow_up.months, "outcome": outcome},
    )
    return follow_up
