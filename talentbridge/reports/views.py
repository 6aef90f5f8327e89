"""The programme dashboard, the funder's exports and the targets page."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from talentbridge.municipalities.models import Municipality

from . import exports, services
from .forms import ReportFilterForm, TargetForm
from .models import Target
from .presenters import chart_images, dashboard_tables, tiles
from .targets import delete_target, list_targets, set_target, target_projects


def _filters(request) -> tuple[ReportFilterForm, dict]:
    projects = list(services.aggregate_projects(request.user).order_by("name"))
    municipalities = Municipality.objects.only("code", "name").order_by("name")
    form = ReportFilterForm(request.GET or None, projects=projects, municipalities=municipalities)
    params = {"project": None, "municipality": None, "start": None, "end": None}
    if form.is_bound and form.is_valid():
        params = {
            "project": form.cleaned_data["project"] or None,
            "municipality": form.cleaned_data["municipality"] or None,
            "start": form.cleaned_data["start"],
            "end": form.cleaned_data["end"],
        }
    return form, params


def _query(params: dict) -> str:
    return urlencode(
        {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in params.items() if v}
    )


@login_required
def dashboard(request):
    services.require_reporter(request.user)
    form, params = _filters(request)
    report = services.programme_report(request.user, **params, detail=False)
    suppress = report.suppress_small
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "report": report,
            "suppress": suppress,
            "tiles": tiles(report, suppress=suppress),
            "charts": chart_images(report, suppress=suppress),
            "tables": dashboard_tables(report, suppress=suppress),
            "query": _query(params),
            "can_set_targets": target_projects(request.user).exists(),
        },
    )


@login_required
def details(request):
    """Every breakdown of the report: by municipality, gender, age group, origin, month and group."""
    services.require_reporter(request.user)
    form, params = _filters(request)
    report = services.programme_report(request.user, **params, purpose="details")
    suppress = report.suppress_small
    return render(
        request,
        "reports/details.html",
        {
            "form": form,
            "report": report,
            "suppress": suppress,
            "tables": dashboard_tables(report, suppress=suppress),
            "query": _query(params),
        },
    )


@login_required
def export(request):
    services.require_reporter(request.user)
    fmt = request.GET.get("format", "xlsx")
    if fmt not in exports.FORMATS:
        raise Http404
    _form, params = _filters(request)
    report = services.programme_report(
        request.user, **params, action=services.Action.EXPORT, purpose=f"funder export {fmt}"
    )
    response = HttpResponse(exports.render(report, fmt), content_type=exports.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(report, fmt)}"'
    return response


@login_required
def targets(request):
    services.require_reporter(request.user)
    editable = list(target_projects(request.user).order_by("name"))
    form = TargetForm(request.POST or None, projects=editable)
    if request.method == "POST":
        if not editable:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            project = next(p for p in editable if p.code == data["project"])
            try:
                set_target(
                    request.user,
                    project,
                    data["figure"],
                    data["value"],
                    of_figure=data["of_figure"],
                    due_on=data["due_on"],
                    note=data["note"],
                )
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
            else:
                messages.success(request, _("Target saved."))
                return redirect("reports:targets")
    rows = list_targets(request.user).order_by("project__name", "figure")
    editable_ids = {p.pk for p in editable}
    return render(
        request,
        "reports/targets.html",
        {"form": form, "targets": rows, "editable_ids": editable_ids, "can_edit": bool(editable)},
    )


@login_required
@require_POST
def target_delete(request, pk: int):
    services.require_reporter(request.user)
    target = Target.objects.filter(pk=pk, project__in=target_projects(request.user)).first()
    if target is None:
        raise Http404
    delete_target(request.user, target)
    messages.success(request, _("Target removed."))
    return redirect("reports:targets")
