"""Object-level scoping: which projects, organisations and roles a user has.

Every view, API endpoint and command asks these functions, so the answer is the same
everywhere. A record outside the user's scope is reported as missing (404), never as
forbidden, so that an outsider learns nothing about what exists.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import Http404

from .models import Membership, Organisation, Project, Role

ALL_ROLES = frozenset(Role.values)


def is_system(user) -> bool:
    """The operator at the shell (see ``core.command.SystemActor``)."""
    return getattr(user, "is_system", False)


def is_administrator(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return _memberships(user).filter(role=Role.ADMINISTRATOR).exists()


def _memberships(user) -> QuerySet[Membership]:
    if is_system(user):
        return Membership.objects.none()
    return Membership.objects.filter(user=user)


def roles_of(user, project: Project | None = None) -> set[str]:
    """The roles a user holds, in any of the project's organisations when a project is given."""
    if not getattr(user, "is_authenticated", False):
        return set()
    qs = _memberships(user)
    if project is not None:
        qs = qs.filter(organisation__projects=project)
    roles = set(qs.values_list("role", flat=True))
    if user.is_superuser:
        roles.add(Role.ADMINISTRATOR)
    return roles


def has_role(user, *roles: str, project: Project | None = None) -> bool:
    held = roles_of(user, project)
    return Role.ADMINISTRATOR in held or bool(held.intersection(roles))


def organisations_for(user) -> QuerySet[Organisation]:
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    if is_administrator(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(memberships__user=user).distinct()


def projects_for(user, roles: Iterable[str] | None = None) -> QuerySet[Project]:
    """Projects in which the user's organisations take part (with one of ``roles`` if given)."""
    if not getattr(user, "is_authenticated", False):
        return Project.objects.none()
    if is_administrator(user):
        return Project.objects.all()
    memberships = _memberships(user)
    if roles is not None:
        memberships = memberships.filter(role__in=list(roles))
    org_ids = memberships.values_list("organisation_id", flat=True)
    return Project.objects.filter(organisations__in=org_ids).distinct()


def programmes_for(user):
    from .models import Programme

    return Programme.objects.filter(projects__in=projects_for(user)).distinct()


def require_role(user, *roles: str, project: Project | None = None) -> None:
    """Raise 404 unless the user holds one of ``roles`` (in ``project`` when given)."""
    if project is not None and not projects_for(user).filter(pk=project.pk).exists():
        raise Http404
    if not has_role(user, *roles, project=project):
        raise Http404


def get_project_or_404(user, code_or_pk, roles: Iterable[str] | None = None) -> Project:
    qs = projects_for(user, roles)
    lookup = {"pk": code_or_pk} if str(code_or_pk).isdigit() else {"code": code_or_pk}
    try:
        return qs.get(**lookup)
    except Project.DoesNotExist:
        raise Http404 from None
