"""Placement pages: runs for placement officers, incoming households for caseworkers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from talentbridge.accounts.access import is_administrator

from . import explain, services
from .forms import ExclusionForm, OverrideForm, RunForm
from .models import PlacementRun
from .outcome_model import active_model


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{m}" for ms in error.message_dict.values() for m in ms]
    return list(error.messages)


_is_officer = services.is_officer


@login_required
def index(request):
    officer = _is_officer(request.user)
    receiving = services.receiving_municipalities(request.user)
    if not officer and not receiving:
        raise Http404
    context = {"officer": officer, "receiving": receiving}
    if officer:
        context["runs"] = services.runs_for(request.user).select_related("project")[:100]
    if receiving:
        context["incoming"] = services.incoming(request.user)
    return render(request, "placement/index.html", context)


@login_required
def new_run(request):
    if not _is_officer(request.user):
        raise Http404
    projects = services.officer_projects(request.user)
    if is_administrator(request.user):
        from talentbridge.accounts.models import Project

        projects = Project.objects.all()
    form = RunForm(request.POST or None, request.FILES or None, projects=projects)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run = services.create_run(
                request.user,
                data["project"],
                name=data["name"],
                year=data["year"],
                source=data["source"],
                csv_file=data["file"],
                capacities_file=data["capacities"],
                slack=data["slack"],
                pacing=data["pacing"],
                meet_floors=data["meet_floors"],
                neighbour_km=data["neighbour_km"],
            )
        except ValidationError as error:
            for message in _messages(error):
                form.add_error(None, message)
        else:
            try:
                services.compute_run(request.user, run)
            except ValidationError as error:
                for message in _messages(error):
                    messages.error(request, message)
            return redirect("placement:run", pk=run.pk)
    return render(request, "placement/run_form.html", {"form": form})


@login_required
def run_detail(request, pk: int):
    run = services.get_run_or_404(request.user, pk)
    households = services.read_households(request.user, run)
    groups = {g for h in households for fact in h.alternatives for g, _ in fact.get("groups", [])}
    labels = explain.group_labels(groups)
    rows = []
    for household in households:
        facts = household.alternatives
        chosen = facts[0] if facts else None
        rows.append(
            {
                "household": household,
                "chosen": chosen,
                "reasons": explain.reasons(chosen, labels) if chosen else [],
                "top": facts[1:4],
                "tie_reasons": explain.tie_reasons(household.tie_notes),
                "exclusions": list(household.exclusions.all()),
                "exclude_form": ExclusionForm(prefix=f"x-{household.reference}"),
                "form": OverrideForm(
                    prefix=household.reference,
                    initial={
                        "municipality": household.municipality.code
                        if household.municipality
                        else None
                    },
                ),
            }
        )
    gain = None
    if run.objective and run.baseline:
        gain = run.objective / run.baseline - 1
    return render(
        request,
        "placement/run.html",
        {
            "run": run,
            "rows": rows,
            "warnings": services.warnings(run),
            "gain": gain,
            "gain_pct": None if gain is None else f"{100 * gain:+.0f}",
            "gap_pct": None if run.gap is None else 100 * run.gap,
        },
    )


def _act(request, action, *args) -> None:
    try:
        action(request.user, *args)
    except ValidationError as error:
        for message in _messages(error):
            messages.error(request, message)
        return False
    return True


@login_required
@require_POST
def compute(request, pk: int):
    run = services.get_run_or_404(request.user, pk)
    if _act(request, services.compute_run, run):
        messages.success(request, _("The run has been computed."))
    return redirect("placement:run", pk=run.pk)


def _household_choice(request, pk, reference, form_class, prefix, action, invalid, done):
    """Post a municipality-and-reason form about one household to ``action`` (override, exclude)."""
    run = services.get_run_or_404(request.user, pk)
    household = services.get_household_or_404(request.user, run, reference)
    form = form_class(request.POST, prefix=prefix + household.reference)
    if not form.is_valid():
        messages.error(request, invalid)
        return redirect("placement:run", pk=run.pk)
    municipality = form.cleaned_data["municipality"]
    if _act(request, action, run, reference, municipality.code, form.cleaned_data["reason"]):
        messages.success(request, done % {"ref": reference, "m": municipality.name})
    return redirect("placement:run", pk=run.pk)


@login_required
@require_POST
def override(request, pk: int, reference: str):
    return _household_choice(
        request,
        pk,
        reference,
        OverrideForm,
        "",
        services.override,
        _("Choose a municipality."),
        _("%(ref)s is now placed in %(m)s."),
    )


@login_required
@require_POST
def exclude(request, pk: int, reference: str):
    return _household_choice(
        request,
        pk,
        reference,
        ExclusionForm,
        "x-",
        services.add_exclusion,
        _("Choose a municipality and give a reason."),
        _("%(ref)s will not be placed in %(m)s. Compute the run again to apply it."),
    )


@login_required
@require_POST
def unexclude(request, pk: int, reference: str, code: str):
    run = services.get_run_or_404(request.user, pk)
    services.get_household_or_404(request.user, run, reference)
    if _act(request, services.remove_exclusion, run, reference, code):
        messages.success(
            request,
            _("%(ref)s may be placed in municipality %(code)s again.")
            % {"ref": reference, "code": code},
        )
    return redirect("placement:run", pk=run.pk)


@login_required
@require_POST
def approve(request, pk: int):
    run = services.get_run_or_404(request.user, pk)
    if _act(request, services.approve, run):
        messages.success(request, _("The run is approved and locked; the households are placed."))
    return redirect("placement:run", pk=run.pk)


@login_required
def export(request, pk: int):
    run = services.get_run_or_404(request.user, pk)
    try:
        text = services.export_csv(request.user, run)
    except ValidationError as error:
        for message in _messages(error):
            messages.error(request, message)
        return redirect("placement:run", pk=run.pk)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="placement-{run.year}-{run.pk}.csv"'
    return response


@login_required
def incoming(request):
    rows = services.incoming(request.user)
    return render(
        request,
        "placement/incoming.html",
        {"incoming": rows, "receiving": services.receiving_municipalities(request.user)},
    )


@login_required
def model_card(request):
    if not _is_officer(request.user):
        raise Http404
    return render(
        request, "placement/model.html", {"model": active_model(), "scoring": PlacementRun.Scoring}
    )
