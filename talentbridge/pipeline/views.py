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

from talentbridge.accounts.models import Project
from talentbridge.employers.models import Opening
from talentbridge.privacy import audit

from . import access, courses, flow, ranking, runs
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
    rows = ranking.openings_for_candidate(user, person, k=20, language=_language())
    analysis = courses.analyse(user, person, language=_language())
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
    access.require_staff(user)
    projects = access.staff_projects(user)
    items = courses.Course.objects.filter(project__in=projects) | courses.Course.objects.filter(
        project__isnull=True
    )
    return render(
        request,
        "pipeline/courses.html",
        {
            "courses": items.distinct()
            .select_related("municipality", "project")
            .prefetch_related("skills"),
            "projects": Project.objects.filter(pk__in=projects.values("pk")),
        },
    )
