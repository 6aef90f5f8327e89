"""The placement officer's decisions on a computed run: override, approve, export."""

from __future__ import annotations

import csv
import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from talentbridge.candidates.models import Candidate
from talentbridge.municipalities.models import Municipality
from talentbridge.privacy import audit

from .access import get_household_or_404, get_run_or_404, require_open
from .models import PlacementRun, RunHousehold

A = audit.AuditEvent.Action


@transaction.atomic
def override(
    user, run: PlacementRun, reference: str, municipality_code: str, reason: str
) -> RunHousehold:
    """Place a household elsewhere than recommended, with a reason (choosing the recommendation undoes it)."""
    run = get_run_or_404(user, run.pk)
    require_open(run)
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
    """Limits the current placement (with overrides) breaks, ties it ignores and forbidden pairs."""
    if run.status == PlacementRun.Status.DRAFT:
        return []
    loads: dict[str, int] = {}
    out = []
    for household in run.households.select_related(
        "municipality", "tie_municipality"
    ).prefetch_related("exclusions"):
        if household.municipality is None:
            continue
        code = household.municipality.code
        loads[code] = loads.get(code, 0) + household.size
        if any(e.municipality_id == household.municipality_id for e in household.exclusions.all()):
            out.append(
                f"{household.reference}: placed in {household.municipality.name}, which is "
                "forbidden for the household; compute the run again"
            )
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
    require_open(run)
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
