"""Who may see and move matches. Views, API and commands ask here.

- Assessors, business consultants and programme managers of a project see its matches and
  the ranked lists (for the candidates in their scope, see ``candidates.profiles``).
- Business consultants (and administrators) move matches and run batch assignments.
- Employer users see their own openings' ranked candidates, anonymised, and only of
  candidates who agreed to share an anonymised profile; a name only once the candidate has
  agreed to show it to that company.

Anything outside the scope is missing (404), never forbidden.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from talentbridge.accounts.access import is_administrator, is_system, projects_for
from talentbridge.accounts.models import Project, Role
from talentbridge.candidates.models import Candidate
from talentbridge.candidates.profiles import candidate_scope
from talentbridge.employers import access as employer_access
from talentbridge.employers.models import Opening

from .models import AssignmentRun, Match

READ_ROLES = (Role.ASSESSOR, Role.BUSINESS_CONSULTANT, Role.PROGRAMME_MANAGER)
WRITE_ROLES = (Role.BUSINESS_CONSULTANT,)


def all_seeing(user) -> bool:
    return is_system(user) or is_administrator(user)


def staff_projects(user, *, write: bool = False) -> QuerySet[Project]:
    if all_seeing(user):
        return Project.objects.all()
    return projects_for(user, roles=WRITE_ROLES if write else READ_ROLES)


def is_staff(user, project, *, write: bool = False) -> bool:
    return staff_projects(user, write=write).filter(pk=project.pk).exists()


def require_staff(user, project=None, *, write: bool = False) -> None:
    """404 unless the user works with matches (in ``project`` when given)."""
    qs = staff_projects(user, write=write)
    if project is not None:
        qs = qs.filter(pk=project.pk)
    if not qs.exists():
        raise Http404


def candidates_for(user) -> QuerySet[Candidate]:
    """Candidates whose matches the user may see: in their scope and in a matching project."""
    if all_seeing(user):
        return Candidate.objects.all()
    return candidate_scope(user).filter(project__in=staff_projects(user).values("pk"))


def matches_for(user, *, write: bool = False) -> QuerySet[Match]:
    if all_seeing(user):
        return Match.objects.all()
    return Match.objects.filter(
        project__in=staff_projects(user, write=write).values("pk"),
        candidate__in=candidates_for(user).values("pk"),
    )


def get_match_or_404(user, pk, *, write: bool = False) -> Match:
    try:
        return (
            matches_for(user, write=write)
            .select_related(
                "candidate", "opening__site__employer", "opening__site__municipality", "project"
            )
            .get(pk=pk)
        )
    except (Match.DoesNotExist, ValueError):
        raise Http404 from None


def get_candidate_or_404(user, reference) -> Candidate:
    try:
        return candidates_for(user).select_related("project").get(reference=str(reference).upper())
    except Candidate.DoesNotExist:
        raise Http404 from None


def opening_view(user, pk) -> tuple[Opening, str]:
    """The opening and how the user sees it: ``"staff"`` or ``"employer"``; 404 otherwise."""
    try:
        opening = Opening.objects.select_related(
            "project", "site__employer", "site__municipality"
        ).get(pk=pk)
    except (Opening.DoesNotExist, ValueError):
        raise Http404 from None
    if all_seeing(user) or is_staff(user, opening.project):
        return opening, "staff"
    if employer_access.is_own_employer(user, opening.site.employer):
        return opening, "employer"
    raise Http404


def runs_for(user) -> QuerySet[AssignmentRun]:
    return AssignmentRun.objects.filter(project__in=staff_projects(user).values("pk"))


def get_run_or_404(user, pk, *, write: bool = False) -> AssignmentRun:
    try:
        run = AssignmentRun.objects.select_related("project").get(pk=pk)
    except (AssignmentRun.DoesNotExist, ValueError):
        raise Http404 from None
    if not is_staff(user, run.project, write=write):
        raise Http404
    return run
