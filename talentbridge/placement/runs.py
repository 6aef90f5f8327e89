"""Create and compute placement runs (see ``services`` for the whole flow)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from talentbridge.accounts.access import is_administrator
from talentbridge.matching.placement import InfeasibleError, solve
from talentbridge.matching.placement.baselines import quota_random
from talentbridge.municipalities.models import Municipality
from talentbridge.privacy import audit

from . import bridge, cohort, explain, pacing
from . import demand as demand_map
from .access import get_run_or_404, officer_projects, require_open
from .models import Exclusion, PlacementRun, RunHousehold, ServiceCapacity
from .outcome_model import active_model, load_estimator
from .scoring import household_scores

A = audit.AuditEvent.Action


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
    if pacing not in PlacementRun.Pacing.values:
        raise ValidationError({"pacing": f"one of {', '.join(PlacementRun.Pacing.values)}"})
    if not 0 <= neighbour_km <= 500:
        raise ValidationError({"neighbour_km": "between 0 and 500"})
    if source not in PlacementRun.Source.values:
        raise ValidationError({"source": f"one of {', '.join(PlacementRun.Source.values)}"})
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
            tie_notes=entry.get("tie_notes", []),
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
    require_open(run)
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
    try:
        scores = household_scores(
            plain, demand, on, estimator, features=model.features if model is not None else None
        )
    except ValueError as exc:
        raise ValidationError(
            {"outcome_model": f"{exc}; retrain with `talentbridge placement train`"}
        ) from None
    problem, bounds = bridge.problem(run, households, demand, scores)
    try:
        result = solve(problem)
    except InfeasibleError as exc:
        raise ValidationError({"run": f"no placement keeps every rule: {exc}"}) from None
    assignment, objective = result.assignment, result.objective
    report = {"mode": run.pacing}
    if run.pacing == PlacementRun.Pacing.DYNAMIC:
        try:
            assignment, report = pacing.place(
                user,
                run,
                households,
                problem,
                bounds,
                scores,
                demand,
                on,
                estimator,
                model.features if model is not None else None,
            )
        except InfeasibleError as exc:
            raise ValidationError({"run": f"no placement keeps every rule: {exc}"}) from None
        objective = float(scores[np.arange(len(households)), assignment].sum())
        report["static_objective"] = round(result.objective, 4)
    baseline = quota_random(problem, seed=run.pk)
    by_code = {m.code: m for m in Municipality.objects.all()}
    allowed = problem.allowed
    tied = {h for h, _ in problem.ties.tolist()}
    for h, household in enumerate(households):
        m = int(assignment[h])
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
    run.objective = objective
    run.bound = result.bound
    run.baseline = float(scores[np.arange(len(households)), baseline].sum())
    run.solver = {
        "method": result.method,
        "gap": result.gap,
        "seconds": result.seconds,
        "stats": {k: v for k, v in result.stats.items() if isinstance(v, (int, float, str))},
        "pacing": report,
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
        run.households.select_related(
            "run", "recommended", "municipality", "tie_municipality"
        ).prefetch_related("exclusions__municipality")
    )
    audit.record_many(user, A.READ, households, detail={"run": run.pk})
    return households
