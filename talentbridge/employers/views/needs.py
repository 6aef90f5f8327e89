"""Needs (the business-needs survey) and the survey per municipality."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from talentbridge.accounts.models import Project
from talentbridge.municipalities.models import Municipality

from .. import access
from ..forms import NeedForm, SurveyForm, show_errors
from ..services import needs
from ..services.concepts import labels
from .common import edit_projects, lines


def _form(request, employer, data=None, initial=None):
    return NeedForm(
        data,
        initial=initial,
        sites=employer.sites.select_related("municipality"),
        projects=edit_projects(request.user).filter(pk__in=employer.projects.values("pk")),
    )


def _data(form) -> dict:
    data = dict(form.cleaned_data)
    data["skills"] = lines(data.get("skills", ""))
    added = form.data.get("add_skill", "").strip()
    if added and added not in data["skills"]:
        data["skills"].append(added)
    return data


def _context(form, employer, title, need=None):
    occupation = form["occupation"].value() or ""
    skill_uris = lines(form["skills"].value() or "")
    names = labels([occupation, *skill_uris]) if occupation or skill_uris else {}
    return {
        "form": form,
        "employer": employer,
        "title": title,
        "need": need,
        "occupation_label": names.get(occupation, ""),
        "skill_labels": [(u, names.get(u, u)) for u in skill_uris],
    }


@login_required
def create(request, pk):
    employer = access.get_register_employer_or_404(request.user, pk, edit=True)
    form = _form(
        request,
        employer,
        request.POST or None,
        initial={
            "surveyed_on": timezone.localdate(),
            "count": 1,
            "urgency": "medium",
            "active": True,
            "site": request.GET.get("site"),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = _data(form)
        try:
            needs.create_need(request.user, data.pop("site"), data, project=data.pop("project"))
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Need recorded."))
            return redirect("employers:detail", pk=employer.pk)
    return render(request, "employers/need_form.html", _context(form, employer, _("New need")))


@login_required
def edit(request, pk):
    need = needs.get_need_or_404(request.user, pk, edit=True)
    employer = need.site.employer
    initial = {f: getattr(need, f) for f in needs.NEED_FIELDS if f != "occupation"}
    initial.update(
        site=need.site,
        project=need.project,
        occupation=need.occupation.uri if need.occupation_id else "",
        skills="\n".join(need.skills.values_list("uri", flat=True)),
    )
    form = _form(request, employer, request.POST or None, initial=initial)
    form.fields["site"].disabled = True
    form.fields["project"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = _data(form)
        data.pop("site"), data.pop("project")
        try:
            needs.update_need(request.user, need, data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("employers:detail", pk=employer.pk)
    return render(request, "employers/need_form.html", _context(form, employer, _("Need"), need))


def _after(request, need):
    if request.POST.get("next_page") == "needs":
        return redirect("employers:needs")
    return redirect("employers:detail", pk=need.site.employer_id)


@login_required
@require_POST
def confirm(request, pk):
    need = needs.get_need_or_404(request.user, pk, edit=True)
    needs.confirm_need(request.user, need)
    messages.success(request, _("The need is confirmed as current."))
    return _after(request, need)


@login_required
@require_POST
def close(request, pk):
    need = needs.get_need_or_404(request.user, pk, edit=True)
    needs.close_need(request.user, need)
    messages.success(request, _("The need is closed."))
    return _after(request, need)


@login_required
def index(request):
    """All needs of the user's projects, by municipality; ``?stale=1`` shows those to review."""
    access.require_staff(request.user)
    today = timezone.localdate()
    municipality = Municipality.objects.filter(code=request.GET.get("municipality") or "").first()
    stale = request.GET.get("stale") == "1"
    rows = needs.list_needs(request.user, municipality=municipality, stale=stale, today=today)
    projects = (
        Project.objects.all()
        if access.is_all_seeing(request.user)
        else access.staff_projects(request.user)
    )
    status = needs.survey_status(projects, today)
    return render(
        request,
        "employers/needs.html",
        {
            "needs": [
                (n, needs.is_stale(n, today))
                for n in rows.order_by("site__municipality__name", "site__employer__name")[:500]
            ],
            "municipality": municipality,
            "stale": stale,
            "surveys": status.values(),
            "municipalities": Municipality.objects.order_by("name"),
            "can_edit": edit_projects(request.user).exists(),
        },
    )


@login_required
def survey_create(request):
    access.require_staff(request.user, edit=True)
    form = SurveyForm(
        request.POST or None,
        projects=edit_projects(request.user),
        initial={
            "surveyed_on": timezone.localdate(),
            "municipality": request.GET.get("municipality"),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = needs.record_survey(
                request.user,
                data["project"],
                data["municipality"],
                on=data["surveyed_on"],
                note=data["note"],
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(
                request,
                _("Survey of %(municipality)s recorded (%(kind)s).")
                % {"municipality": survey.municipality.name, "kind": survey.get_kind_display()},
            )
            return redirect("employers:needs")
    return render(
        request,
        "employers/simple_form.html",
        {"form": form, "title": _("Needs survey of a municipality")},
    )
