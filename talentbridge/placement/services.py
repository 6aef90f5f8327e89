"""Placement runs: create, compute, override, approve, export; and what a municipality receives.

Views, the API and the CLI call these functions. Each takes the acting user and checks the
role through ``accounts.access``: placement officers (and administrators) of the run's
project do everything; a municipality's caseworkers see the households placed with them.
Anything out of scope is missing (404). Reads and changes of personal data are audited.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from talentbridge.accounts.access import is_administrator, projects_for
from talentbridge.accounts.models import Membership, Role
from talentbridge.candidates.models import Candidate
from talentbridge.matching.placement import InfeasibleError, solve
from talentbridge.matching.placement.baselines import quota_random
from talentbridge.municipalities.models import Municipality
from talentbridge.privacy import audit

from . import bridge, cohort, explain
from . import demand as demand_map
from .models import Exclusion, PlacementRun, RunHousehold, ServiceCapacity
from .outcome_model import active_model, load_estimator
from .scoring import household_scores

A = audit.AuditEvent.Action
OFFICER = (Role.PLACEMENT_OFFICER,)


def officer_projects(user):
    return projects_for(user, roles=OFFICER)


def is_officer(user) -> bool:
    return (
        is_administrator(user)
        or getattr(user, "is_system", False)
        or officer_projects(user).exists()
    )


def runs_for(user) -> QuerySet[PlacementRun]:
    if is_administrator(user) or getattr(user, "is_system", False):
        return PlacementRun.objects.all()
    return PlacementRun.objects.filter(project__in=officer_projects(user).values("pk"))


def get_run_or_404(user, pk) -> PlacementRun:
    try:
        return runs_for(user).select_related("project", "outcome_model").get(pk=pk)
    except (PlacementRun.DoesNotExist, ValueError):
        raise Http404 from None


def get_household_or_404(user, run: PlacementRun, reference: str) -> RunHousehold:
    try:
        return run.households.select_related("run", "municipality", "recommended").get(
            reference=reference
        )
    except RunHousehold.DoesNotExist:
        raise Http404 from None


def _require_open(run: PlacementRun) -> None:
    if run.locked:
        raise ValidationError({"run": "the run is approved and locked"})


@transaction.atomic
def create_run(
    user,
    project,
    *,
    name: str,
    year: int,
    source: str = PlacementRun.Source.SYSTEM,
    csv_file=None,
    capacities_file=None,
    slack: float = 0.05,
    pacing: str = PlacementRun.Pacing.YEAR,
    meet_floors: bool = False,
    neighbour_km: int = 30,
) -> PlacementRun:
    """A draft run with its cohort (from Talentbridge or a CSV, see ``cohort.py``)."""
    if not officer_projects(user).filter(pk=project.pk).exists() and not is_administrator(user):
        raise Http404
    if not 0 <= slack <= 1:
        raise ValidationError({"slack": "between 0 and 1 (e.g. 0.05 for ±5 %)"})
    today = timezone.localdate()
    if source == PlacementRun.Source.CSV:
        if csv_file is None:
            raise ValidationError({"file": "a CSV file is needed for a run from CSV"})
        households = cohort.from_csv(csv_file, today)
    else:
        households = cohort.from_system(user, project, today)
    if not households:
        raise ValidationError(
            {
                "cohort": "no households to place: no granted candidates without a municipality "
                "(with handover consent) in this project"
            }
        )
    run = PlacementRun.objects.create(
        project=project,
        name=name.strip() or f"{project.code} {year}",
        year=year,
        source=source,
        slack=slack,
        pacing=pacing,
        meet_floors=meet_floors,
        neighbour_km=neighbour_km,
        created_by=user if getattr(user, "pk", None) else None,
    )
    by_code = {m.code: m for m in Municipality.objects.all()}
    for entry in households:
        row = RunHousehold.objects.create(
            run=run,
            household_id=entry["household_id"],
            reference=entry["reference"],
            size=entry["size"],
            people=entry["people"],
            tie_kind=entry["tie_kind"] if entry["tie_municipality"] else "",
            tie_municipality=by_code.get(entry["tie_municipality"] or ""),
        )
        for code, reason in entry["forbidden"]:
            Exclusion.objects.get_or_create(
                household=row, municipality=by_code[code], defaults={"reason": reason or "-"}
            )
    if capacities_file is not None:
        _read_capacities(run, capacities_file, by_code)
    audit.record(user, A.CREATE, run, detail={"households": len(households), "source": source})
    return run


def _read_capacities(run: PlacementRun, handle, by_code) -> None:
    """Service capacities from CSV: ``service,per,municipality_code,capacity``."""
    text = handle.read()
    text = text.decode("utf-8-sig") if isinstance(text, bytes) else text
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    need = {"service", "per", "municipality_code", "capacity"}
    if not need <= set(reader.fieldnames or []):
        raise ValidationError({"capacities": f"columns needed: {', '.join(sorted(need))}"})
    for line, row in enumerate(reader, start=2):
        per = (row["per"] or "").strip()
        if per not in ServiceCapacity.Per.values:
            raise ValidationError({"capacities": f"line {line}, per: person, household or adult"})
        municipality = by_code.get((row["municipality_code"] or "").strip().zfill(4))
        if municipality is None:
            raise ValidationError(
                {"capacities": f"line {line}: unknown municipality {row['municipality_code']!r}"}
            )
        try:
            capacity = int(row["capacity"])
        except (TypeError, ValueError):
            raise ValidationError(
                {"capacities": f"line {line}, capacity: a whole number"}
            ) from None
        if capacity < 0:
            raise ValidationError({"capacities": f"line {line}, capacity: must not be negative"})
        ServiceCapacity.objects.update_or_create(
            run=run,
            name=row["service"].strip(),
            municipality=municipality,
            defaults={"per": per, "capacity": capacity},
        )


@transaction.atomic
def compute_run(user, run: PlacementRun, on: dt.date | None = None) -> PlacementRun:
    """Score, optimise and store the recommendations. Overridden households keep their choice."""
    run = get_run_or_404(user, run.pk)
    _require_open(run)
    on = on or timezone.localdate()
    demand = demand_map.load(on)
    model = active_model()
    estimator = load_estimator(model) if model is not None else None
    households = list(
        run.households.select_related("tie_municipality", "municipality").prefetch_related(
            "exclusions__municipality"
        )
    )
    plain = [{"size": h.size, "people": h.people} for h in households]
    scores = household_scores(plain, demand, on, estimator)
    problem, bounds = bridge.problem(run, households, demand, scores)
    try:
        result = solve(problem)
    except InfeasibleError as exc:
        raise ValidationError({"run": f"no placement keeps every rule: {exc}"}) from None
    baseline = quota_random(problem, seed=run.pk)
    by_code = {m.code: m for m in Municipality.objects.all()}
    allowed = problem.allowed
    tied = {h for h, _ in problem.ties.tolist()}
    for h, household in enumerate(households):
        m = int(result.assignment[h])
        ranked = np.argsort(-np.where(allowed[h], scores[h], -np.inf), kind="stable")[:3]
        household.alternatives = [
            explain.facts(
                plain[h], int(j), demand, scores[h, j], tie=h in tied, limit=bounds.upper[j]
            )
            for j in ranked
        ]
        chosen = explain.facts(
            plain[h], m, demand, scores[h, m], tie=h in tied, limit=bounds.upper[m]
        )
        household.alternatives.insert(0, chosen | {"recommended": True})
        household.expected = float(scores[h, m])
        if not household.overridden:
            household.recommended = by_code[demand.codes[m]]
            household.municipality = household.recommended
        household.save(update_fields=["alternatives", "expected", "recommended", "municipality"])
    run.scoring = PlacementRun.Scoring.OUTCOME_MODEL if model else PlacementRun.Scoring.DEMAND_PRIOR
    run.outcome_model = model
    run.objective = result.objective
    run.bound = result.bound
    run.baseline = float(scores[np.arange(len(households)), baseline].sum())
    run.solver = {
        "method": result.method,
        "gap": result.gap,
        "seconds": result.seconds,
        "stats": {k: v for k, v in result.stats.items() if isinstance(v, (int, float, str))},
        "households": len(households),
        "persons": int(problem.sizes.sum()),
        "upper": {
            demand.codes[j]: int(bounds.upper[j])
            for j in range(len(demand.codes))
            if bounds.upper[j] > 0
        },
        "lower": {
            demand.codes[j]: int(bounds.lower[j])
            for j in range(len(demand.codes))
            if bounds.lower[j] > 0
        },
    }
    run.status = PlacementRun.Status.COMPUTED
    run.computed_at = timezone.now()
    run.save()
    audit.record(
        user, A.UPDATE, run, detail={"computed": True, "scoring": run.scoring, "gap": result.gap}
    )
    return run


def read_households(user, run: PlacementRun) -> list[RunHousehold]:
    """The run's households for display (audited: they describe people)."""
    run = get_run_or_404(user, run.pk)
    households = list(
        run.households.select_related("run", "recommended", "municipality", "tie_municipality")
    )
    audit.record_many(user, A.READ, households, detail={"run": run.pk})
    return households


@transaction.atomic
def override(
    user, run: PlacementRun, reference: str, municipality_code: str, reason: str
) -> RunHousehold:
    """Place a household elsewhere than recommended, with a reason (choosing the recommendation undoes it)."""
    run = get_run_or_404(user, run.pk)
    _require_open(run)
    if run.status != PlacementRun.Status.COMPUTED:
        raise ValidationError({"run": "compute the run before overriding"})
    household = get_household_or_404(user, run, reference)
    municipality = Municipality.objects.filter(code=str(municipality_code).zfill(4)).first()
    if municipality is None:
        raise ValidationError({"municipality": f"unknown municipality {municipality_code!r}"})
    before = household.municipality.code if household.municipality else None
    if municipality == household.recommended:
        household.override_reason = ""
        household.overridden_by = None
        household.overridden_at = None
    else:
        if not reason.strip():
            raise ValidationError({"reason": "give a reason for placing the household elsewhere"})
        household.override_reason = reason.strip()[:500]
        household.overridden_by = user if getattr(user, "pk", None) else None
        household.overridden_at = timezone.now()
    household.municipality = municipality
    household.save()
    audit.record(
        user,
        A.UPDATE,
        household,
        detail={"from": before, "to": municipality.code, "reason": household.override_reason},
    )
    return household


def warnings(run: PlacementRun) -> list[str]:
    """Limits the current placement (with overrides) breaks, and ties it ignores."""
    if run.status == PlacementRun.Status.DRAFT:
        return []
    loads: dict[str, int] = {}
    out = []
    for household in run.households.select_related("municipality", "tie_municipality"):
        if household.municipality is None:
            continue
        code = household.municipality.code
        loads[code] = loads.get(code, 0) + household.size
        if household.tie_municipality and household.overridden:
            out.append(
                f"{household.reference}: placed in {household.municipality.name} despite a tie to "
                f"{household.tie_municipality.name}"
            )
    upper = run.solver.get("upper", {})
    lower = run.solver.get("lower", {})
    names = dict(
        Municipality.objects.filter(code__in=set(loads) | set(lower)).values_list("code", "name")
    )
    for code, persons in sorted(loads.items()):
        if persons > upper.get(code, 0):
            out.append(
                f"{names[code]}: {persons} persons, more than the {upper.get(code, 0)} left in the quota"
            )
    for code, floor in sorted(lower.items()):
        if loads.get(code, 0) < floor:
            out.append(
                f"{names[code]}: {loads.get(code, 0)} persons, fewer than the floor of {floor}"
            )
    return out


@transaction.atomic
def approve(user, run: PlacementRun) -> PlacementRun:
    """Lock the run and place its households: members without a municipality get this one."""
    run = get_run_or_404(user, run.pk)
    _require_open(run)
    if run.status != PlacementRun.Status.COMPUTED:
        raise ValidationError({"run": "compute the run before approving it"})
    run.status = PlacementRun.Status.APPROVED
    run.approved_by = user if getattr(user, "pk", None) else None
    run.approved_at = timezone.now()
    run.save(update_fields=["status", "approved_by", "approved_at"])
    placed = []
    for household in run.households.select_related("municipality").exclude(household=None):
        members = Candidate.objects.filter(
            household_id=household.household_id, municipality__isnull=True
        )
        people = list(members)
        members.update(municipality=household.municipality)
        placed += people
    if placed:
        audit.record_many(user, A.UPDATE, placed, detail={"placed by run": run.pk})
    audit.record(user, A.UPDATE, run, detail={"approved": True, "warnings": warnings(run)})
    return run


EXPORT_COLUMNS = (
    "household",
    "persons",
    "municipality_code",
    "municipality",
    "expected_outcome",
    "recommended_code",
    "overridden",
    "override_reason",
    "tie_kind",
    "tie_municipality_code",
)


def export_csv(user, run: PlacementRun) -> str:
    """The placement for the authority, one row per household (approved runs only)."""
    run = get_run_or_404(user, run.pk)
    if not run.locked:
        raise ValidationError({"run": "approve the run before exporting it"})
    households = list(
        run.households.select_related("run", "municipality", "recommended", "tie_municipality")
    )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for h in households:
        writer.writerow(
            [
                h.reference,
                h.size,
                h.municipality.code if h.municipality else "",
                h.municipality.name if h.municipality else "",
                "" if h.expected is None else f"{h.expected:.4f}",
                h.recommended.code if h.recommended else "",
                "yes" if h.overridden else "no",
                h.override_reason,
                h.tie_kind,
                h.tie_municipality.code if h.tie_municipality else "",
            ]
        )
    audit.record_many(user, A.EXPORT, households, detail={"run": run.pk})
    return out.getvalue()


def receiving_municipalities(user) -> list[Municipality]:
    ids = Membership.objects.filter(
        user=user, role=Role.CASEWORKER, organisation__municipality__isnull=False
    ).values_list("organisation__municipality", flat=True)
    return list(Municipality.objects.filter(pk__in=ids))


def incoming(user) -> list[dict]:
    """Households placed in the caseworker's municipality by approved runs, with what consent allows.

    Members who consented to the handover are listed with their reference and a pseudonymous
    summary (the profile itself is in the candidates app); for the others only the household's
    size is shown.
    """
    from talentbridge.candidates.profiles import candidate_scope

    from .features import describe

    places = receiving_municipalities(user)
    if not places:
        raise Http404
    households = list(
        RunHousehold.objects.filter(
            run__status=PlacementRun.Status.APPROVED, municipality__in=places
        )
        .select_related("run", "municipality")
        .order_by("-run__approved_at", "reference")
    )
    visible = set(
        candidate_scope(user)
        .filter(household_id__in=[h.household_id for h in households if h.household_id])
        .values_list("reference", flat=True)
    )
    out = []
    for h in households:
        members = [
            {"reference": p["reference"], "summary": describe(p)}
            for p in h.people
            if p.get("reference") and p["reference"] in visible
        ]
        out.append(
            {
                "reference": h.reference,
                "persons": h.size,
                "municipality": h.municipality.name,
                "approved_at": h.run.approved_at,
                "members": members,
                "withheld": len(h.people) - len(members),
            }
        )
    shown = [h for h, row in zip(households, out, strict=True) if row["members"]]
    if shown:
        audit.record_many(user, A.READ, shown, detail={"view": "incoming households"})
    return out
