"""Helpers shared by the employers views."""

from __future__ import annotations

from django.utils import timezone
from django.utils.dateparse import parse_date

from talentbridge.accounts.models import Project

from .. import access


def edit_projects(user):
    if access.is_all_seeing(user):
        return Project.objects.all()
    return access.staff_projects(user, edit=True)


def as_of(request):
    """The ``as_of`` date of a page (``?as_of=2026-03-01``), default today."""
    return parse_date(request.GET.get("as_of") or "") or timezone.localdate()


def lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def int_param(request, name: str, default: int = 0) -> int:
    try:
        return int(request.GET.get(name) or default)
    except ValueError:
        return default
