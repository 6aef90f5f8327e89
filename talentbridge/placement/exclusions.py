"""Forbidden pairs: a household must not be placed in a municipality, with a reason.

The placement officer adds and removes them on an open run (page, API and CLI call
:func:`add_exclusion` and :func:`remove_exclusion`). The optimiser never places the household
there (``bridge.forbidden_pairs``); compute the run again after a change. A run built from the
system's candidates starts from the exclusions the household had in the project's newest
earlier run (:func:`carried_over`), so a forbidden pair is recorded once and removing it in a
later run sticks.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from talentbridge.municipalities.models import Municipality
from talentbridge.privacy import audit

from .access import get_household_or_404, get_run_or_404, require_open
from .models import Exclusion, PlacementRun, RunHousehold

A = audit.AuditEvent.Action


def _municipality(code) -> Municipality:
    code = str(code or "").strip()
    found = Municipality.objects.filter(code=code.zfill(4)).first() if code else None
    if found is None:
        raise ValidationError({"municipality": f"unknown municipality {code!r}"})
    return found


@transaction.atomic
def add_exclusion(
    user, run: PlacementRun, reference: str, municipality_code: str, reason: str
) -> Exclusion:
    """Forbid placing household ``reference`` of ``run`` in a municipality (a reason is required)."""
    run = get_run_or_404(user, run.pk)
    require_open(run)
    household = get_household_or_404(user, run, reference)
    municipality = _municipality(municipality_code)
    reason = (reason or "").strip()[:300]
    if not reason:
        raise ValidationError({"reason": "give a reason why the household must not go there"})
    exclusion, created = Exclusion.objects.update_or_create(
        household=household, municipality=municipality, defaults={"reason": reason}
    )
    audit.record(
        user,
        A.CREATE if created else A.UPDATE,
        exclusion,
        detail={"run": run.pk, "municipality": municipality.code, "reason": exclusion.reason},
    )
    return exclusion


@transaction.atomic
def remove_exclusion(user, run: PlacementRun, reference: str, municipality_code: str) -> None:
    """Allow household ``reference`` of ``run`` in the municipality again."""
    run = get_run_or_404(user, run.pk)
    require_open(run)
    household = get_household_or_404(user, run, reference)
    municipality = _municipality(municipality_code)
    exclusion = household.exclusions.filter(municipality=municipality).first()
    if exclusion is None:
        raise ValidationError(
            {"municipality": f"{household.reference} is not excluded from {municipality.code}"}
        )
    audit.record(
        user,
        A.DELETE,
        exclusion,
        detail={"run": run.pk, "municipality": municipality.code, "reason": exclusion.reason},
    )
    exclusion.delete()


def exclusions_of(household: RunHousehold) -> list[Exclusion]:
    return list(household.exclusions.select_related("municipality").order_by("municipality__name"))


def carried_over(project, household_ids) -> dict[int, list[tuple[str, str]]]:
    """``{household id: [(municipality code, reason)]}`` from each household's newest earlier run."""
    newest: dict[int, int] = {}
    rows = (
        RunHousehold.objects.filter(run__project=project, household_id__in=set(household_ids))
        .order_by("household_id", "-run__created_at", "-run_id")
        .values_list("household_id", "pk")
    )
    for household_id, pk in rows:
        newest.setdefault(household_id, pk)
    out: dict[int, list[tuple[str, str]]] = {}
    owner = {pk: household_id for household_id, pk in newest.items()}
    for row_pk, code, reason in (
        Exclusion.objects.filter(household_id__in=owner)
        .order_by("municipality__code")
        .values_list("household_id", "municipality__code", "reason")
    ):
        out.setdefault(owner[row_pk], []).append((code, reason))
    return out
