"""Pages: the work list of matches, an opening's ranked candidates, a candidate's ranked
openings with gap analysis, a match with its history, batch-assignment runs, courses."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from talentbridge.employers.models import Opening
from talentbridge.privacy import audit

from . import access, bridge, courses, flow, ranking, runs
from .forms import CourseForm
from .models import AssignmentRun, Match


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _language() -> str:
    return (get_language() or "da")[:2]


@login_required
def index(request):
    user = request.user
    access.require_staff(user)
    status = request.GET.get("status", "")
    matches = access.matches_for(user).select_related("candidate", "opening__site__employer")
    if status in Match.Status.values:
        matches = matches.filter(status=status)
    else:
        matches = matches.exclude(status=Match.Status.SUGGESTED)
    matches = list(matches.order_by("-status_changed_at")[:200])
    audit.record_many(
        user,
        audit.AuditEvent.Action.READ,
        [m.candidate for m in matches],
        detail={"view": "matches"},
    )
    return render(
        request,
        "pipeline/index.html",
        {
            "matches": matches,
            "status": status,
            "Status": Match.Status,
            "can_run": access.staff_projects(user, write=True).exists(),
            "language": _language(),
        },
    )


@login_required
def opening(request, pk):
    user = request.user
    item, mode = access.opening_view(user, pk)
    rows = ranking.candidates_for_opening(user, item, k=25, language=_language())
    listed = {r.candidate.pk for r in rows}
    others = []
    if mode == "staff":
        others = list(
            Match.objects.filter(opening=item, candidate__in=access.candidates_for(user))
            .exclude(candidate__in=listed)
            .select_related("candidate")
        )
        audit.record_many(
            user,
            audit.AuditEvent.Action.READ,
            [m.candidate for m in others],
            detail={"opening": item.pk, "view": "matches"},
        )
    return render(
        request,
        "pipeline/opening.html",
        {
            "opening": item,
            "rows": rows,
            "others": others,
            "mode": mode,
            "can_move": mode == "staff" and access.is_staff(user, item.project, write=True),
            "language": _language(),
        },
    )


@login_required
@require_POST
def shortlist(request, pk):
    user = request.user
    item, mode = access.opening_view(user, pk)
    if mode != "staff":
        raise Http404
    candidate = access.get_candidate_or_404(user, request.POST.get("candidate", ""))
    try:
        flow.shortlist(user, item, candidate, reason=request.POST.get("reason", ""))
        messages.success(request, _("%(ref)s is on the shortlist.") % {"ref": candidate.reference})
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("pipeline:opening", pk=item.pk)


@login_required
def candidate(request, reference):
    user = request.user
    person = access.get_candidate_or_404(user, reference)
    population = bridge.load_for_candidate(person)  # one load for the ranking and the gaps
    rows = ranking.openings_for_candidate(
        user, person, k=20, language=_language(), population=population
    )
    analysis = courses.analyse(user, person, language=_language(), population=population)
    return render(
        request,
        "pipeline/candidate.html",
        {
            "candidate": person,
            "rows": rows,
            "analysis": analysis,
            "can_move": access.is_staff(user, person.project, write=True),
            "language": _language(),
        },
    )


@login_required
def match(request, pk):
    user = request.user
    item = access.get_match_or_404(user, pk)
    audit.record(user, audit.AuditEvent.Action.READ, item, detail={"view": "match"})
    moves = [(s, Match.Status(s).label) for s in Match.TRANSITIONS[item.status]]
    return render(
        request,
        "pipeline/match.html",
        {
            "match": item,
            "events": flow.events(item),
            "moves": moves,
            "can_move": access.is_staff(user, item.project, write=True),
            "language": _language(),
        },
    )


@login_required
@require_POST
def move(request, pk):
    user = request.user
    item = access.get_match_or_404(user, pk, write=True)
    try:
        flow.move(user, item, request.POST.get("status", ""), reason=request.POST.get("reason", ""))
        messages.success(request, _("Saved."))
    except ValidationError as exc:
        _errors(request, exc)
    target = request.POST.get("next", "")
    if target == "opening":
        return redirect("pipeline:opening", pk=item.opening_id)
    return redirect("pipeline:match", pk=item.pk)


@login_required
def run_list(request):
    user = request.user
    access.require_staff(user)
    writable = access.staff_projects(user, write=True)
    project_id = request.GET.get("project") or request.POST.get("project")
    openings = Opening.objects.none()
    project = None
    if project_id:
        project = writable.filter(pk=project_id).first() if str(project_id).isdigit() else None
        if project is None:
            raise Http404
        openings = (
            Opening.objects.filter(project=project, status=Opening.Status.OPEN)
            .select_related("site__employer", "site__municipality")
            .order_by("kind", "title")
        )
    if request.method == "POST" and project is not None:
        chosen = request.POST.getlist("openings")
        try:
            run = runs.create_run(
                user,
                project,
                chosen or None,
                fair=bool(request.POST.get("fair")),
                min_score=float(request.POST.get("min_score") or 0),
            )
            return redirect("pipeline:run", pk=run.pk)
        except (ValidationError, ValueError) as exc:
            _errors(request, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
    return render(
        request,
        "pipeline/runs.html",
        {
            "runs": access.runs_for(user).select_related("project", "created_by")[:100],
            "projects": writable,
            "project": project,
            "openings": openings,
            "Kind": Opening.Kind,
        },
    )


@login_required
def run(request, pk):
    user = request.user
    item = access.get_run_or_404(user, pk)
    proposals = list(runs.proposals(item))
    audit.record_many(
        user,
        audit.AuditEvent.Action.READ,
        [p.candidate for p in proposals],
        detail={"run": item.pk},
    )
    return render(
        request,
        "pipeline/run.html",
        {
            "run": item,
            "proposals": proposals,
            "language": _language(),
            "can_decide": item.status == AssignmentRun.Status.REVIEW
            and access.is_staff(user, item.project, write=True),
        },
    )


@login_required
@require_POST
def run_send(request, pk):
    user = request.user
    item = access.get_run_or_404(user, pk, write=True)
    keep = {int(x) for x in request.POST.getlist("keep") if x.isdigit()}
    leave_out = [p.pk for p in item.proposals.all() if p.pk not in keep]
    try:
        sent = runs.send_run(user, item, leave_out=leave_out)
        messages.success(
            request, _("%(n)s proposals sent as shortlisted matches.") % {"n": len(sent)}
        )
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("pipeline:run", pk=item.pk)


@login_required
@require_POST
def run_discard(request, pk):
    user = request.user
    item = access.get_run_or_404(user, pk, write=True)
    try:
        runs.discard_run(user, item)
        messages.success(request, _("The run was discarded; nothing was sent."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("pipeline:run", pk=item.pk)


@login_required
def course_list(request):
    user = request.user
    items = courses.visible_courses(user)
    writable = set(access.staff_projects(user, write=True).values_list("pk", flat=True))
    all_seeing = access.all_seeing(user)
    rows = [(c, all_seeing if c.project_id is None else c.project_id in writable) for c in items]
    return render(
        request,
        "pipeline/courses.html",
        {"rows": rows, "can_add": bool(writable) or all_seeing},
    )


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def course_new(request):
    user = request.user
    access.require_staff(user, write=True)
    projects = access.staff_projects(user, write=True)
    form = CourseForm(request.POST or None, projects=projects)
    if request.method == "POST" and form.is_valid():
        try:
            courses.create_course(user, form.values(), project=form.cleaned_data["project"])
            messages.success(request, _("The course was added."))
            return redirect("pipeline:courses")
        except ValidationError as exc:
            _form_errors(form, exc)
    return render(request, "pipeline/course_form.html", {"form": form, "course": None})


@login_required
def course_edit(request, pk):
    user = request.user
    course = courses.get_course_or_404(user, pk, write=True)
    form = CourseForm(request.POST or None, initial=CourseForm.initial_for(course), editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            courses.update_course(user, course, form.values())
            messages.success(request, _("The course was saved."))
            return redirect("pipeline:courses")
        except ValidationError as exc:
            _form_errors(form, exc)
    return render(request, "pipeline/course_form.html", {"form": form, "course": course})


@login_required
@require_POST
def course_delete(request, pk):
    user = request.user
    course = courses.get_course_or_404(user, pk, write=True)
    courses.delete_course(user, course)
    messages.success(request, _("The course was deleted."))
    return redirect("pipeline:courses")
