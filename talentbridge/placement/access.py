"""Who may work with placement runs: placement officers of the run's project, and administrators.

A run or household outside the user's scope is missing (404), never forbidden.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from talentbridge.accounts.access import is_administrator, projects_for
from talentbridge.accounts.models import Role

from .models import PlacementRun, RunHousehold

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


def require_open(run: PlacementRun) -> None:
    if run.locked:
        raise ValidationError({"run": "the run is approved and locked"})
