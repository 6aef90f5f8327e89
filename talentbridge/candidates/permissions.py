"""Who may do what with a candidate. Views, API and commands ask here.

Reading the profile follows :func:`candidates.profiles.candidate_scope`. Beyond that:

- editing the candidate, the household, the assessment, issuing self-assessment codes and
  recording consent: assessors of the candidate's project, and administrators;
- reading the identifying details (name, birth date, contact, case number): the same, plus
  caseworkers who received the person through a consented handover.

A candidate outside the scope is reported missing (404); a candidate in scope without the
right to act is forbidden (403).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from talentbridge.accounts.access import has_role, is_administrator
from talentbridge.accounts.models import Role

from .models import Candidate, Household
from .profiles import candidate_scope


def get_candidate_or_404(
    user, reference: str, queryset: QuerySet[Candidate] | None = None
) -> Candidate:
    qs = candidate_scope(user) if queryset is None else queryset & candidate_scope(user)
    try:
        return qs.select_related(
            "project", "organisation", "municipality__region", "asylum_centre", "household"
        ).get(reference=str(reference).upper())
    except Candidate.DoesNotExist:
        raise Http404 from None


def can_edit(user, candidate: Candidate) -> bool:
    return is_administrator(user) or has_role(user, Role.ASSESSOR, project=candidate.project)


def require_edit(user, candidate: Candidate) -> None:
    if not can_edit(user, candidate):
        raise PermissionDenied("Only the project's assessors may change this candidate.")


def can_read_personal(user, candidate: Candidate) -> bool:
    if can_edit(user, candidate):
        return True
    if has_role(user, Role.CASEWORKER):
        return candidate_scope(user).filter(pk=candidate.pk).exists()
    return False


def require_personal(user, candidate: Candidate) -> None:
    if not can_read_personal(user, candidate):
        raise PermissionDenied("Your role does not give access to identifying details.")


def can_register(user, project) -> bool:
    return is_administrator(user) or has_role(user, Role.ASSESSOR, project=project)


def household_scope(user) -> QuerySet[Household]:
    """Households the user may see: those of their projects and those of candidates in scope."""
    from talentbridge.accounts.access import projects_for

    from .profiles import PROJECT_ROLES

    if is_administrator(user):
        return Household.objects.all()
    own = Household.objects.filter(project__in=projects_for(user, roles=PROJECT_ROLES).values("pk"))
    via_members = Household.objects.filter(members__in=candidate_scope(user).values("pk"))
    return (own | via_members).distinct()


def get_household_or_404(user, reference: str) -> Household:
    try:
        return household_scope(user).get(reference=str(reference).upper())
    except Household.DoesNotExist:
        raise Http404 from None
