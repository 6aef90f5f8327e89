"""Pathway pages: the candidates' status list, each candidate's timeline, follow-ups due, mentors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from talentbridge.accounts.access import projects_for
from talentbridge.privacy import audit

from . import mentors as mentor_service
from . import services
from .access import WRITE_ROLES, candidates_for, get_candidate_or_404
from .forms import AssignForm, MeetingForm, MentorForm, OutcomeForm, StepForm
from .status import Status, statuses

PAGE = 50


def _require_reader(user) -> None:
    if not candidates_for(user).exists() and not mentor_service.mentors_for(user).exists():
        if not projects_for(user, roles=WRITE_ROLES).exists():
            raise Http404


def _form_errors(form, error: ValidationError) -> None:
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


@login_required
def index(request):
    """Candidates with their programme status: the starting point for pathways."""
    _require_reader(request.user)
    qs = candidates_for(request.user).select_related("project").order_by("reference")
    query = request.GET.get("q", "").strip()
    if query:
        qs = qs.filter(reference__icontains=query)
    page = Paginator(qs, PAGE).get_page(request.GET.get("page"))
    people = list(page.object_list)
    status = statuses([c.pk for c in people])
    if people:
        audit.record_many(
            request.user, audit.AuditEvent.Action.READ, people, detail={"view": "pathways list"}
        )
    rows = [(c, status.get(c.pk)) for c in people]
    return render(request, "pathways/index.html", {"page": page, "rows": rows, "query": query})


@login_required
def timeline(request, reference: str):
    candidate = get_candidate_or_404(request.user, reference)
    can_write = candidates_for(request.user, write=True).filter(pk=candidate.pk).exists()
    form = StepForm(request.POST or None, candidate=candidate)
    if request.method == "POST":
        if not can_write:
            raise Http404
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items()}
            try:
                services.start_step(request.user, candidate, **data)
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("Step added; follow-ups are scheduled."))
                return redirect("pathways:timeline", reference=candidate.reference)
    steps = services.timeline(request.user, candidate)
    status = statuses([candidate.pk])[candidate.pk]
    return render(
        request,
        "pathways/timeline.html",
        {
            "candidate": candidate,
            "steps": steps,
            "status": status,
            "statuses": Status.ORDER,
            "status_labels": Status.LABELS,
            "form": form,
            "can_write": can_write,
            "mentors": candidate.mentors.all(),
            "outcome_form": OutcomeForm(),
        },
    )


@login_required
def step_edit(request, pk: int):
    step = services.get_step_or_404(request.user, pk, write=True)
    form = StepForm(request.POST or None, instance=step, candidate=step.candidate)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_step(request.user, step, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Step saved."))
            return redirect("pathways:timeline", reference=step.candidate.reference)
    return render(
        request,
        "pathways/step_form.html",
        {"form": form, "step": step, "candidate": step.candidate},
    )


@login_required
@require_POST
def step_delete(request, pk: int):
    step = services.get_step_or_404(request.user, pk, write=True)
    reference = step.candidate.reference
    services.delete_step(request.user, step)
    messages.success(request, _("Step removed."))
    return redirect("pathways:timeline", reference=reference)


@login_required
def follow_ups(request):
    """The user's reminders: follow-ups overdue or due within the coming days."""
    _require_reader(request.user)
    try:
        days = max(0, min(int(request.GET.get("days", 14)), 366))
    except ValueError:
        days = 14
    page = Paginator(services.due_follow_ups_query(request.user, days_ahead=days), PAGE).get_page(
        request.GET.get("page")
    )
    due = services.read_follow_ups(request.user, page.object_list)
    return render(
        request,
        "pathways/follow_ups.html",
        {"due": due, "page": page, "days": days, "today": timezone.localdate()},
    )


@login_required
def follow_up(request, pk: int):
    follow_up = services.get_follow_up_or_404(request.user, pk, write=True)
    initial = {
        "outcome": follow_up.outcome or None,
        "done_on": follow_up.done_on,
        "hours_per_week": follow_up.hours_per_week,
        "note": follow_up.note,
    }
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_outcome(request.user, follow_up, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Outcome recorded."))
            return redirect(request.POST.get("next") or "pathways:follow_ups")
    return render(request, "pathways/follow_up.html", {"form": form, "follow_up": follow_up})


# Mentors --------------------------------------------------------------------------------------


@login_required
def mentors(request):
    _require_reader(request.user)
    projects = list(projects_for(request.user, roles=WRITE_ROLES).order_by("name"))
    form = MentorForm(request.POST or None, projects=projects)
    if request.method == "POST":
        if not projects:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            project = next(p for p in projects if p.code == data.pop("project"))
            try:
                mentor = mentor_service.create_mentor(request.user, project=project, **data)
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("Mentor added."))
                return redirect("pathways:mentor", pk=mentor.pk)
    return render(
        request,
        "pathways/mentors.html",
        {
            "mentors": mentor_service.list_mentors(request.user),
            "form": form,
            "can_write": bool(projects),
        },
    )


@login_required
def mentor(request, pk: int):
    mentor = mentor_service.get_mentor_or_404(request.user, pk)
    can_write = mentor_service.mentors_for(request.user, write=True).filter(pk=mentor.pk).exists()
    meeting_form = MeetingForm(request.POST if request.POST.get("action") == "meeting" else None)
    assign_form = AssignForm(request.POST if request.POST.get("action") == "assign" else None)
    if request.method == "POST":
        if not can_write:
            raise Http404
        form = meeting_form if request.POST.get("action") == "meeting" else assign_form
        if form.is_valid():
            candidate = get_candidate_or_404(
                request.user, form.cleaned_data["candidate"], write=True
            )
            try:
                if form is meeting_form:
                    mentor_service.log_meeting(
                        request.user,
                        mentor,
                        candidate,
                        date=form.cleaned_data["date"],
                        note=form.cleaned_data["note"],
                    )
                    messages.success(request, _("Meeting logged."))
                else:
                    mentor_service.assign(request.user, mentor, candidate)
                    messages.success(request, _("Mentor assigned."))
            except ValidationError as error:
                _form_errors(form, error)
            else:
                return redirect("pathways:mentor", pk=mentor.pk)
    return render(
        request,
        "pathways/mentor.html",
        {
            "mentor": mentor,
            "meetings": mentor_service.meetings(request.user, mentor),
            "mentored": mentor_service.mentored_candidates(request.user, mentor),
            "meeting_form": meeting_form,
            "assign_form": assign_form,
            "can_write": can_write,
        },
    )


@login_required
@require_POST
def mentor_unassign(request, pk: int, reference: str):
    mentor = mentor_service.get_mentor_or_404(request.user, pk, write=True)
    candidate = get_candidate_or_404(request.user, reference, write=True)
    mentor_service.unassign(request.user, mentor, candidate)
    messages.success(request, _("Mentor no longer assigned."))
    return redirect("pathways:mentor", pk=mentor.pk)
