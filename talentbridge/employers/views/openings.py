"""Openings: list, create and edit (with occupation and skill suggestions to tick), lifecycle."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from talentbridge.accounts.models import Project, Role

from .. import access
from ..forms import OpeningForm, show_errors
from ..models import Need, Opening
from ..services import openings, suggest
from ..services.concepts import labels


def _can_list(user) -> bool:
    return (
        access.is_all_seeing(user)
        or access.staff_projects(user).exists()
        or access.own_employers(user).exists()
    )


@login_required
def index(request):
    user = request.user
    if not _can_list(user):
        raise Http404
    status = request.GET.get("status") or ""
    kind = request.GET.get("kind") or ""
    rows = openings.list_openings(
        user,
        status=status if status in Opening.Status.values else None,
        kind=kind if kind in Opening.Kind.values else None,
        query=request.GET.get("q", ""),
    ).order_by("-created_at")
    return render(
        request,
        "employers/openings.html",
        {
            "openings": rows[:500],
            "total": rows.count(),
            "status": status,
            "kind": kind,
            "Status": Opening.Status,
            "Kind": Opening.Kind,
            "q": request.GET.get("q", ""),
            "can_create": openings.sites_for_openings(user).exists(),
            "perms_staff": access.is_all_seeing(user) or access.staff_projects(user).exists(),
        },
    )


def _projects(user, employer=None):
    if access.is_all_seeing(user):
        qs = Project.objects.all()
    else:
        qs = Project.objects.filter(
            Q(pk__in=access.staff_projects(user, edit=True).values("pk"))
            | Q(pk__in=access.projects_for(user, roles=[Role.EMPLOYER_USER]).values("pk"))
        )
    if employer is not None:
        qs = qs.filter(pk__in=employer.projects.values("pk"))
    return qs


def _form(request, data=None, initial=None, opening=None):
    user = request.user
    sites = openings.sites_for_openings(user)
    if opening is not None:
        sites = sites.filter(employer=opening.site.employer_id)
    employers = sites.values("employer")
    return OpeningForm(
        data,
        initial=initial,
        sites=sites,
        projects=_projects(user, opening.site.employer if opening else None),
        needs=Need.objects.filter(site__employer__in=employers, active=True).order_by(
            "site__employer__name", "site__name", "pk"
        ),
    )


def _skill_rows(form, suggestions, usual=()) -> list[dict]:
    """Ticked skills first, then those suggested from the text, then those usual for the occupation."""
    if form.is_bound:
        essential, optional = form.skill_lists()
    else:
        essential, optional = (
            form.initial.get("essential_skills", []),
            form.initial.get("optional_skills", []),
        )
    uris = list(
        dict.fromkeys(
            [*essential, *optional, *(s.uri for s in suggestions), *(s.uri for s in usual)]
        )
    )
    names = labels(uris, get_language())
    suggested = {s.uri for s in suggestions}
    usual_uris = {s.uri for s in usual}
    return [
        {
            "uri": u,
            "label": names.get(u, u),
            "essential": u in essential,
            "optional": u in optional and u not in essential,
            "suggested": u in suggested,
            "usual": u in usual_uris and u not in suggested,
        }
        for u in uris
    ]


def _occupation_rows(form, suggestions) -> list[dict]:
    current = (
        (form.data.get("occupation_search") or form.data.get("occupation") or "")
        if form.is_bound
        else form.initial.get("occupation", "")
    )
    uris = list(dict.fromkeys([u for u in [current] if u] + [s.uri for s in suggestions]))
    names = labels(uris, get_language())
    kinds = {s.uri: s.kind for s in suggestions}
    return [
        {
            "uri": u,
            "label": names.get(u, u),
            "checked": u == current,
            "isco": kinds.get(u) == "isco-group",
        }
        for u in uris
    ]


def _save_data(form) -> dict:
    data = dict(form.cleaned_data)
    essential, optional = form.skill_lists()
    data["essential_skills"], data["optional_skills"] = essential, optional
    data["occupation"] = form.data.get("occupation_search") or form.data.get("occupation") or None
    return data


def _render(request, form, opening=None, suggestions=None, phrases=None):
    suggestions = suggestions or {"occupations": [], "skills": []}
    return render(
        request,
        "employers/opening_form.html",
        {
            "form": form,
            "opening": opening,
            "occupations": _occupation_rows(form, suggestions["occupations"]),
            "skills": _skill_rows(form, suggestions["skills"], suggestions.get("usual_skills", ())),
            "phrases": phrases or [],
            "suggested": bool(suggestions["occupations"] or suggestions["skills"]),
        },
    )


def _suggestions(request, form):
    return suggest.suggest_for_text(
        form.data.get("title", ""), form.data.get("description", ""), language=get_language()
    )


@login_required
def create(request):
    user = request.user
    if not openings.sites_for_openings(user).exists():
        raise Http404
    form = _form(
        request,
        request.POST or None,
        initial={"site": request.GET.get("site"), "capacity": 1, "kind": "internship"},
    )
    if request.method == "POST":
        if request.POST.get("action") == "suggest":
            found = _suggestions(request, form)
            return _render(request, form, suggestions=found, phrases=found.get("phrases"))
        if form.is_valid():
            data = _save_data(form)
            data["status"] = (
                Opening.Status.OPEN
                if request.POST.get("action") == "open"
                else Opening.Status.DRAFT
            )
            try:
                opening = openings.create_opening(
                    user, data.pop("site"), data, project=data.pop("project")
                )
            except ValidationError as exc:
                show_errors(form, exc)
            else:
                messages.success(request, _("Opening saved."))
                return redirect("employers:opening", pk=opening.pk)
    return _render(request, form)


@login_required
def detail(request, pk):
    opening = access.get_opening_or_404(request.user, pk)
    essential, optional = openings.skills_of(opening)
    can_edit = access.openings_for(request.user, edit=True).filter(pk=opening.pk).exists()
    return render(
        request,
        "employers/opening.html",
        {
            "opening": opening,
            "essential": essential,
            "optional": optional,
            "can_edit": can_edit,
            "moves": [(s, Opening.Status(s).label) for s in Opening.TRANSITIONS[opening.status]],
        },
    )


@login_required
def edit(request, pk):
    user = request.user
    opening = access.get_opening_or_404(user, pk, edit=True)
    essential, optional = openings.skills_of(opening)
    initial = {f: getattr(opening, f) for f in openings.OPENING_FIELDS if f != "occupation"}
    initial.update(
        site=opening.site,
        project=opening.project,
        need=opening.need,
        occupation=opening.occupation.uri if opening.occupation_id else "",
        essential_skills=[c.uri for c in essential],
        optional_skills=[c.uri for c in optional],
    )
    form = _form(request, request.POST or None, initial=initial, opening=opening)
    form.fields["project"].disabled = True
    if request.method == "POST":
        if request.POST.get("action") == "suggest":
            found = _suggestions(request, form)
            return _render(request, form, opening, found, found.get("phrases"))
        if form.is_valid():
            data = _save_data(form)
            data.pop("project")
            try:
                openings.update_opening(user, opening, data)
            except ValidationError as exc:
                show_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("employers:opening", pk=opening.pk)
    return _render(request, form, opening)


@login_required
@require_POST
def move(request, pk):
    opening = access.get_opening_or_404(request.user, pk, edit=True)
    try:
        opening = openings.move_opening(request.user, opening, request.POST.get("status", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The opening is now %(status)s.") % {"status": Opening.Status(opening.status).label},
        )
    return redirect("employers:opening", pk=opening.pk)
