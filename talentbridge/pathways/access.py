"""Who may see and change a candidate's pathway.

The candidates app decides which candidates a user may see at all
(``candidates.profiles.candidate_scope`` once it exists); this module narrows that to the
roles that work with pathways. Employer users never see pathways here: they see their own
openings and shortlists in the employers and pipeline apps.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from talentbridge.accounts.access import is_administrator, projects_for, roles_of
from talentbridge.accounts.models import Membership, Role
from talentbridge.candidates.models import Candidate

READ_ROLES = (
    Role.ASSESSOR,
    Role.BUSINESS_CONSULTANT,
    Role.CASEWORKER,
    Role.PLACEMENT_OFFICER,
    Role.PROGRAMME_MANAGER,
    Role.ADMINISTRATOR,
)
WRITE_ROLES = (
    Role.ASSESSOR,
    Role.BUSINESS_CONSULTANT,
    Role.CASEWORKER,
    Role.PROGRAMME_MANAGER,
    Role.ADMINISTRATOR,
)


def _candidate_scope(user) -> QuerySet[Candidate]:
    try:
        from talentbridge.candidates.profiles import candidate_scope
    except ImportError:
        return Candidate.objects.all()
    return candidate_scope(user)


def candidates_for(user, *, write: bool = False) -> QuerySet[Candidate]:
    """Candidates whose pathway ``user`` may read (or change, with ``write``).

    Reading: the candidates app's scope, for users who hold a pathway role. Changing:
    candidates of the projects where the user is an assessor, business consultant or
    programme manager, and, for caseworkers, candidates living in their municipality.
    Placement officers read only.
    """
    scope = _candidate_scope(user)
    if is_administrator(user):
        return scope
    if not write:
        return scope if roles_of(user) & set(READ_ROLES) else Candidate.objects.none()
    project_roles = (Role.ASSESSOR, Role.BUSINESS_CONSULTANT, Role.PROGRAMME_MANAGER)
    writable = Q(project__in=projects_for(user, roles=project_roles).values("pk"))
    municipalities = Membership.objects.filter(
        user=user, role=Role.CASEWORKER, organisation__municipality__isnull=False
    ).values("organisation__municipality")
    writable |= Q(municipality__in=municipalities)
    return scope.filter(writable)


def get_candidate_or_404(user, reference_or_pk, *, write: bool = False) -> Candidate:
    qs = candidates_for(user, write=write)
    key = str(reference_or_pk)
    lookup = {"pk": int(key)} if key.isdigit() else {"reference": key}
    try:
        return qs.get(**lookup)
    except Candidate.DoesNotExist:
        raise Http404 from None


def check_candidate(user, candidate: Candidate, *, write: bool = False) -> Candidate:
    """Raise 404 unless ``user`` may read (or change) this candidate's pathway."""
    if not candidates_for(user, write=write).filter(pk=candidate.pk).exists():
        raise Http404
    return candidate
