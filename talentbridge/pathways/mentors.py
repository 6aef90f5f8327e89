"""Mentors at the workplace or volunteers: who they are, whom they support, and when they met."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from talentbridge.accounts.access import projects_for
from talentbridge.candidates.models import Candidate
from talentbridge.privacy import audit

from .access import READ_ROLES, WRITE_ROLES, check_candidate
from .models import Mentor, MentorMeeting

Action = audit.AuditEvent.Action


def mentors_for(user, *, write: bool = False) -> QuerySet[Mentor]:
    projects = projects_for(user, roles=WRITE_ROLES if write else READ_ROLES)
    return Mentor.objects.filter(project__in=projects)


def get_mentor_or_404(user, pk, *, write: bool = False) -> Mentor:
    try:
        return mentors_for(user, write=write).select_related("project", "employer").get(pk=pk)
    except (Mentor.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def list_mentors(user, project=None) -> QuerySet[Mentor]:
    qs = (
        mentors_for(user)
        .select_related("employer", "project")
        .annotate(n_candidates=Count("candidates", distinct=True))
    )
    if project is not None:
        qs = qs.filter(project=project)
    return qs.order_by("-active", "name")


def create_mentor(
    user, *, project, name: str, kind: str, employer=None, phone: str = "", email: str = ""
) -> Mentor:
    if not projects_for(user, roles=WRITE_ROLES).filter(pk=project.pk).exists():
        raise Http404
    mentor = Mentor(
        project=project, name=name.strip(), kind=kind, employer=employer, phone=phone, email=email
    )
    errors = {}
    if not mentor.name:
        errors["name"] = _("Give the mentor's name.")
    if kind not in Mentor.Kind.values:
        errors["kind"] = _("Unknown kind of mentor.")
    if kind == Mentor.Kind.WORKPLACE and employer is None:
        errors["employer"] = _("A workplace mentor works at an employer.")
    if errors:
        raise ValidationError(errors)
    mentor.full_clean()
    mentor.save()
    audit.record(user, Action.CREATE, mentor, project_id=project.pk, detail={"kind": kind})
    return mentor


def _check_same_project(mentor: Mentor, candidate: Candidate) -> None:
    if mentor.project_id != candidate.project_id:
        raise ValidationError({"mentor": _("The mentor belongs to another project.")})


def assign(user, mentor: Mentor, candidate: Candidate) -> None:
    check_candidate(user, candidate, write=True)
    _check_same_project(mentor, candidate)
    mentor.candidates.add(candidate)
    audit.record(user, Action.UPDATE, candidate, detail={"mentor_assigned": mentor.pk})


def unassign(user, mentor: Mentor, candidate: Candidate) -> None:
    check_candidate(user, candidate, write=True)
    mentor.candidates.remove(candidate)
    audit.record(user, Action.UPDATE, candidate, detail={"mentor_unassigned": mentor.pk})


@transaction.atomic
def log_meeting(
    user, mentor: Mentor, candidate: Candidate, *, date: datetime.date | None = None, note: str = ""
) -> MentorMeeting:
    """Add a meeting to the mentor's log (the mentor is assigned to the candidate if not yet)."""
    check_candidate(user, candidate, write=True)
    _check_same_project(mentor, candidate)
    date = date or timezone.localdate()
    if date > timezone.localdate():
        raise ValidationError({"date": _("A meeting cannot be logged in the future.")})
    meeting = MentorMeeting.objects.create(
        mentor=mentor,
        candidate=candidate,
        date=date,
        note=note,
        recorded_by=user if getattr(user, "pk", None) else None,
    )
    mentor.candidates.add(candidate)
    audit.record(user, Action.CREATE, meeting, detail={"mentor": mentor.pk})
    return meeting


def meetings(user, mentor: Mentor) -> list[MentorMeeting]:
    """The mentor's meeting log, limited to candidates the user may see. Audited."""
    from .access import candidates_for

    rows = list(
        mentor.meetings.filter(candidate__in=candidates_for(user))
        .select_related("candidate")
        .order_by("-date", "-id")
    )
    if rows:
        audit.record_many(
            user,
            Action.READ,
            [m.candidate for m in rows],
            detail={"view": "mentor log", "mentor": mentor.pk},
        )
    return rows


def mentored_candidates(user, mentor: Mentor) -> list[Candidate]:
    from .access import candidates_for

    return list(mentor.candidates.filter(pk__in=candidates_for(user)).order_by("reference"))
