"""Who may see and change which employers, needs, openings and interactions.

Built on ``accounts.access`` so that the web views, the API and the commands give the same
answer. Three kinds of user meet here:

- **staff** of a project (business consultants, who work with the companies, and programme
  managers, who read along) see the companies registered in their projects, and the
  interactions, needs and openings recorded *in those projects*. A company may belong to
  several projects; what each project records about it stays in that project.
- **employer users** see their own company only (the employer whose organisation they belong
  to): its sites and openings, which they may also edit.
- **demand readers** (placement officers, caseworkers, managers, consultants) see the demand
  map: aggregated counts, no company details.

Anything outside the scope is missing (404), never forbidden.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from talentbridge.accounts.access import is_administrator, is_system, projects_for
from talentbridge.accounts.models import Membership, Project, Role

from .models import Employer, Interaction, Need, Opening, Site

EDIT_ROLES = (Role.BUSINESS_CONSULTANT,)
READ_ROLES = (Role.BUSINESS_CONSULTANT, Role.PROGRAMME_MANAGER)
DEMAND_ROLES = (
    Role.BUSINESS_CONSULTANT,
    Role.PROGRAMME_MANAGER,
    Role.PLACEMENT_OFFICER,
    Role.CASEWORKER,
)


def is_all_seeing(user) -> bool:
    return is_system(user) or is_administrator(user)


def staff_projects(user, *, edit: bool = False) -> QuerySet[Project]:
    """Projects in which ``user`` works with companies (``edit``: may change them)."""
    return projects_for(user, roles=EDIT_ROLES if edit else READ_ROLES)


def demand_projects(user) -> QuerySet[Project]:
    return projects_for(user, roles=DEMAND_ROLES)


def own_employers(user) -> QuerySet[Employer]:
    """The companies whose employer user ``user`` is (usually one)."""
    if not getattr(user, "is_authenticated", False) or is_system(user):
        return Employer.objects.none()
    orgs = Membership.objects.filter(user=user, role=Role.EMPLOYER_USER).values("organisation")
    return Employer.objects.filter(organisation__in=orgs)


def employers_for(user, *, edit: bool = False) -> QuerySet[Employer]:
    """Companies ``user`` may see (``edit``: change) in the register.

    Employer users see (and edit) only their own company.
    """
    if not getattr(user, "is_authenticated", False):
        return Employer.objects.none()
    if is_all_seeing(user):
        return Employer.objects.all()
    staff = Employer.objects.filter(projects__in=staff_projects(user, edit=edit)).values("pk")
    return Employer.objects.filter(Q(pk__in=staff) | Q(pk__in=own_employers(user).values("pk")))


def register_employers(user, *, edit: bool = False) -> QuerySet[Employer]:
    """Companies in the consultants' register: like ``employers_for`` without employer users' own."""
    if is_all_seeing(user):
        return Employer.objects.all()
    staff = Employer.objects.filter(projects__in=staff_projects(user, edit=edit)).values("pk")
    return Employer.objects.filter(pk__in=staff)


def can_edit_employer(user, employer: Employer) -> bool:
    return (
        is_all_seeing(user) or register_employers(user, edit=True).filter(pk=employer.pk).exists()
    )


def is_own_employer(user, employer: Employer) -> bool:
    return own_employers(user).filter(pk=employer.pk).exists()


def get_employer_or_404(user, pk, *, edit: bool = False) -> Employer:
    try:
        return employers_for(user, edit=edit).get(pk=pk)
    except (Employer.DoesNotExist, ValueError):
        raise Http404 from None


def get_register_employer_or_404(user, pk, *, edit: bool = False) -> Employer:
    """A company as the consultants see it (not reachable by its own employer users)."""
    try:
        return register_employers(user, edit=edit).get(pk=pk)
    except (Employer.DoesNotExist, ValueError):
        raise Http404 from None


def sites_for(user, *, edit: bool = False) -> QuerySet[Site]:
    return Site.objects.filter(employer__in=employers_for(user, edit=edit).values("pk"))


def openings_for(user, *, edit: bool = False) -> QuerySet[Opening]:
    """Openings of the user's projects (staff) or of their own company (employer users)."""
    if not getattr(user, "is_authenticated", False):
        return Opening.objects.none()
    if is_all_seeing(user):
        return Opening.objects.all()
    own = own_employers(user).values("pk")
    return Opening.objects.filter(
        Q(project__in=staff_projects(user, edit=edit).values("pk")) | Q(site__employer__in=own)
    )


def get_opening_or_404(user, pk, *, edit: bool = False) -> Opening:
    try:
        return (
            openings_for(user, edit=edit)
            .select_related("site__employer", "site__municipality")
            .get(pk=pk)
        )
    except (Opening.DoesNotExist, ValueError):
        raise Http404 from None


def interactions_for(user, *, edit: bool = False) -> QuerySet[Interaction]:
    """Interactions are the consultants' notes: never shown to the company's own users."""
    if is_all_seeing(user):
        return Interaction.objects.all()
    return Interaction.objects.filter(project__in=staff_projects(user, edit=edit))


def needs_for(user, *, edit: bool = False) -> QuerySet[Need]:
    if is_all_seeing(user):
        return Need.objects.all()
    return Need.objects.filter(project__in=staff_projects(user, edit=edit))


def require_staff(user, *, edit: bool = False) -> None:
    """404 unless the user works with companies in at least one project."""
    if not (is_all_seeing(user) or staff_projects(user, edit=edit).exists()):
        raise Http404


def require_demand_reader(user) -> None:
    if not (is_all_seeing(user) or demand_projects(user).exists()):
        raise Http404


def project_for_write(user, project, employer: Employer | None = None) -> Project:
    """The project a new record goes into: one the user may write in (and the company belongs to).

    ``project`` may be a Project, a code, a pk or None (then the only candidate is taken, if
    there is exactly one).
    """
    if is_all_seeing(user):
        candidates = Project.objects.all()
    else:
        allowed = Q(pk__in=staff_projects(user, edit=True).values("pk"))
        if employer is not None and is_own_employer(user, employer):
            allowed |= Q(pk__in=projects_for(user, roles=[Role.EMPLOYER_USER]).values("pk"))
        candidates = Project.objects.filter(allowed)
    if employer is not None and employer.pk:
        candidates = candidates.filter(pk__in=employer.projects.values("pk"))
    if isinstance(project, Project):
        project = project.pk
    if not candidates.exists():
        raise Http404  # nowhere to write: the caller learns nothing more
    if project in (None, ""):
        found = list(candidates[:2])
        if len(found) == 1:
            return found[0]
        raise ValidationError(
            {"project": _("Choose the project: you work in several, or in none with this company.")}
        )
    lookup = {"pk": project} if str(project).isdigit() else {"code": project}
    try:
        return candidates.get(**lookup)
    except Project.DoesNotExist:
        raise Http404 from None


def may_import(user) -> bool:
    """Staff who edit a project's employers, and employer users (their own postings)."""
    return (
        is_all_seeing(user)
        or staff_projects(user, edit=True).exists()
        or own_employers(user).exists()
    )
