"""API (mounted at /api/placement/): runs, recommendations, overrides, forbidden municipalities,
approval, export, incoming.

The same services, scoping and audit as the pages; out-of-scope runs answer 404.
"""

from __future__ import annotations

import datetime

from django.http import Http404, HttpResponse
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from talentbridge.accounts.access import get_project_or_404

from . import explain, services
from .models import PlacementRun, RunHousehold
from .outcome_model import active_model

router = Router(tags=["placement"])


class RunIn(Schema):
    project: str
    year: int
    name: str = ""
    slack: float = 0.05
    pacing: str = PlacementRun.Pacing.YEAR
    meet_floors: bool = False
    neighbour_km: int = 30
    compute: bool = True


class AlternativeOut(Schema):
    code: str
    name: str
    expected: float
    reasons: list[str]


class ExclusionOut(Schema):
    municipality: str
    name: str
    reason: str


class ExclusionIn(Schema):
    municipality: str
    reason: str


class HouseholdOut(Schema):
    reference: str
    persons: int
    tie_kind: str
    tie_municipality: str | None
    recommended: str | None
    expected: float | None
    municipality: str | None
    overridden: bool
    override_reason: str
    why: list[str]
    tie_basis: list[str] = []
    top_three: list[AlternativeOut]
    forbidden: list[ExclusionOut] = []


class RunOut(Schema):
    id: int
    project: str
    name: str
    year: int
    status: str
    source: str
    scoring: str
    outcome_model_id: int | None
    slack: float
    pacing: str
    meet_floors: bool
    objective: float | None
    bound: float | None
    gap: float | None
    baseline: float | None
    warnings: list[str]
    pacing_report: dict = {}
    households: list[HouseholdOut] | None = None


class OverrideIn(Schema):
    municipality: str
    reason: str = ""


class IncomingMemberOut(Schema):
    reference: str
    summary: str


class IncomingOut(Schema):
    reference: str
    persons: int
    municipality: str
    approved_at: datetime.datetime | None
    members: list[IncomingMemberOut]
    withheld: int


class ModelOut(Schema):
    id: int
    trained_at: datetime.datetime
    horizon_months: int
    rows: int
    positives: int
    validation_auc: float | None
    features: list[str]
    calibration: list[dict]
    card: str


def _household(h: RunHousehold, labels: dict) -> dict:
    facts = h.alternatives or []
    return {
        "reference": h.reference,
        "persons": h.size,
        "tie_kind": h.tie_kind,
        "tie_municipality": h.tie_municipality.code if h.tie_municipality else None,
        "recommended": h.recommended.code if h.recommended else None,
        "expected": h.expected,
        "municipality": h.municipality.code if h.municipality else None,
        "overridden": h.overridden,
        "override_reason": h.override_reason,
        "why": explain.reasons(facts[0], labels) if facts else [],
        "tie_basis": explain.tie_reasons(h.tie_notes),
        "top_three": [
            {
                "code": f["code"],
                "name": f["name"],
                "expected": f["expected"],
                "reasons": explain.reasons(f, labels),
            }
            for f in facts[1:4]
        ],
        "forbidden": [
            {"municipality": x.municipality.code, "name": x.municipality.name, "reason": x.reason}
            for x in h.exclusions.all()
        ],
    }


def _one_household(household: RunHousehold) -> dict:
    labels = explain.group_labels(
        {g for f in household.alternatives for g, _ in f.get("groups", [])}
    )
    return _household(household, labels)


def _run(request, run: PlacementRun, with_households: bool = True) -> dict:
    out = {
        "id": run.pk,
        "project": run.project.code,
        "name": run.name,
        "year": run.year,
        "status": run.status,
        "source": run.source,
        "scoring": run.scoring,
        "outcome_model_id": run.outcome_model_id,
        "slack": run.slack,
        "pacing": run.pacing,
        "meet_floors": run.meet_floors,
        "objective": run.objective,
        "bound": run.bound,
        "gap": run.gap,
        "baseline": run.baseline,
        "warnings": services.warnings(run),
        "pacing_report": run.solver.get("pacing", {}) if run.solver else {},
    }
    if with_households:
        households = services.read_households(request.auth, run)
        labels = explain.group_labels(
            {g for h in households for f in h.alternatives for g, _ in f.get("groups", [])}
        )
        out["households"] = [_household(h, labels) for h in households]
    return out


@router.get("/runs", response=list[RunOut], summary="Placement runs you may see")
def list_runs(request):
    if not services.is_officer(request.auth):
        raise Http404
    runs = services.runs_for(request.auth).select_related("project")[:200]
    return [_run(request, r, with_households=False) for r in runs]


@router.post(
    "/runs", response={201: RunOut}, summary="Create (and compute) a run from granted candidates"
)
def create_run(request, body: RunIn):
    project = get_project_or_404(request.auth, body.project)
    run = services.create_run(
        request.auth,
        project,
        name=body.name,
        year=body.year,
        slack=body.slack,
        pacing=body.pacing,
        meet_floors=body.meet_floors,
        neighbour_km=body.neighbour_km,
    )
    if body.compute:
        run = services.compute_run(request.auth, run)
    return Status(201, _run(request, run))


@router.post(
    "/runs/csv",
    response={201: RunOut},
    summary="Create (and compute) a run from a CSV of households",
)
def create_run_from_csv(
    request,
    file: File[UploadedFile],
    project: Form[str],
    year: Form[int],
    name: Form[str] = "",
    slack: Form[float] = 0.05,
    pacing: Form[str] = PlacementRun.Pacing.YEAR,
    meet_floors: Form[bool] = False,
    neighbour_km: Form[int] = 30,
    capacities: File[UploadedFile] | None = None,
):
    found = get_project_or_404(request.auth, project)
    run = services.create_run(
        request.auth,
        found,
        name=name,
        year=year,
        source=PlacementRun.Source.CSV,
        csv_file=file.file,
        capacities_file=capacities.file if capacities else None,
        slack=slack,
        pacing=pacing,
        meet_floors=meet_floors,
        neighbour_km=neighbour_km,
    )
    return Status(201, _run(request, services.compute_run(request.auth, run)))


@router.get(
    "/runs/{int:run_id}", response=RunOut, summary="A run with each household's recommendation"
)
def get_run(request, run_id: int):
    return _run(request, services.get_run_or_404(request.auth, run_id))


@router.post(
    "/runs/{int:run_id}/compute", response=RunOut, summary="Compute (again); overrides stay"
)
def compute(request, run_id: int):
    run = services.get_run_or_404(request.auth, run_id)
    return _run(request, services.compute_run(request.auth, run))


@router.post(
    "/runs/{int:run_id}/households/{reference}/override",
    response=HouseholdOut,
    summary="Place a household elsewhere, with a reason",
)
def override(request, run_id: int, reference: str, body: OverrideIn):
    run = services.get_run_or_404(request.auth, run_id)
    household = services.override(request.auth, run, reference, body.municipality, body.reason)
    return _one_household(household)


def _household_now(request, run: PlacementRun, reference: str) -> dict:
    return _one_household(services.get_household_or_404(request.auth, run, reference))


@router.post(
    "/runs/{int:run_id}/households/{reference}/exclusions",
    response={201: HouseholdOut},
    summary="Forbid a municipality for a household, with a reason (compute again to apply)",
)
def add_exclusion(request, run_id: int, reference: str, body: ExclusionIn):
    run = services.get_run_or_404(request.auth, run_id)
    services.add_exclusion(request.auth, run, reference, body.municipality, body.reason)
    return Status(201, _household_now(request, run, reference))


@router.delete(
    "/runs/{int:run_id}/households/{reference}/exclusions/{code}",
    response=HouseholdOut,
    summary="Allow a forbidden municipality for a household again",
)
def remove_exclusion(request, run_id: int, reference: str, code: str):
    run = services.get_run_or_404(request.auth, run_id)
    services.remove_exclusion(request.auth, run, reference, code)
    return _household_now(request, run, reference)


@router.post("/runs/{int:run_id}/approve", response=RunOut, summary="Approve and lock a run")
def approve(request, run_id: int):
    run = services.get_run_or_404(request.auth, run_id)
    return _run(request, services.approve(request.auth, run), with_households=False)


@router.get("/runs/{int:run_id}/export", summary="The approved placement as CSV for the authority")
def export(request, run_id: int):
    run = services.get_run_or_404(request.auth, run_id)
    response = HttpResponse(
        services.export_csv(request.auth, run), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="placement-{run.year}-{run.pk}.csv"'
    return response


@router.get(
    "/incoming", response=list[IncomingOut], summary="Households placed in your municipality"
)
def incoming(request):
    return services.incoming(request.auth)


@router.get(
    "/model",
    response=ModelOut,
    summary="The outcome model in use (404 when runs use the demand prior)",
)
def model(request):
    if not services.is_officer(request.auth):
        raise Http404
    found = active_model()
    if found is None:
        raise Http404
    return found
