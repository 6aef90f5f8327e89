"""Targets: setting them (programme managers of the project) and measuring progress against them.

Progress compares a target with the figure cumulated from the programme's beginning to the
end of the report's period. A share target ("1/3 of participants employed") becomes a
number: the share times the other figure. For several projects the projects' targets are
added up and compared with the distinct count over all of them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from talentbridge.accounts.access import is_administrator, projects_for
from talentbridge.accounts.models import Project, Role
from talentbridge.privacy import audit

from .figures import FIGURES, Figure
from .models import Target

Action = audit.AuditEvent.Action


@dataclass
class TargetProgress:
    figure: Figure
    target: float | None  # as a number of persons or companies
    actual: int
    targets: list[Target] = field(default_factory=list)

    @property
    def share(self) -> float | None:
        if not self.target:
            return None
        return self.actual / self.target

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(100 * self.share)

    @property
    def bar_value(self) -> float:
        return min(self.share or 0.0, 1.0)

    @property
    def described(self) -> str:
        parts = []
        for t in self.targets:
            if t.of_figure:
                parts.append(
                    f"{t.project.code}: {_fraction(t.value)} × {FIGURES[t.of_figure].label()}"
                )
            else:
                parts.append(
                    f"{t.project.code}: {int(t.value) if t.value == int(t.value) else t.value}"
                )
        return "; ".join(parts)


def _fraction(value: Decimal) -> str:
    for denominator in (2, 3, 4, 5, 10):
        numerator = value * denominator
        if abs(numerator - round(numerator)) < Decimal("0.001"):
            return f"{int(round(numerator))}/{denominator}"
    return f"{value:.2f}"


def progress(projects: list[Project], figures) -> list[TargetProgress]:
    """Progress against the targets of ``projects``, one row per figure, in registry order."""
    targets = list(Target.objects.filter(project__in=projects).select_related("project"))
    by_figure: dict[str, list[Target]] = {}
    for target in targets:
        by_figure.setdefault(target.figure, []).append(target)
    rows = []
    for key in FIGURES:
        if key not in by_figure:
            continue
        total, known = 0.0, False
        for t in by_figure[key]:
            of_actual = (
                figures.cumulative_value(t.of_figure, "project", str(t.project_id))
                if t.of_figure
                else None
            )
            count = t.count_for(of_actual)
            if count is not None:
                total, known = total + count, True
        if len(projects) == 1:
            actual = figures.cumulative_value(key, "project", str(projects[0].pk))
        else:
            actual = figures.cumulative_value(key)
        rows.append(TargetProgress(FIGURES[key], total if known else None, actual, by_figure[key]))
    return rows


# Setting targets --------------------------------------------------------------------------------


def target_projects(user) -> QuerySet[Project]:
    """Projects whose targets ``user`` may set: where they are a programme manager."""
    if is_administrator(user):
        return Project.objects.all()
    return projects_for(user, roles=[Role.PROGRAMME_MANAGER])


def list_targets(user) -> QuerySet[Target]:
    from .services import aggregate_projects

    return Target.objects.filter(project__in=aggregate_projects(user)).select_related("project")


def set_target(
    user,
    project: Project,
    figure: str,
    value,
    *,
    of_figure: str = "",
    due_on: datetime.date | None = None,
    note: str = "",
) -> Target:
    """Create or replace the project's target for ``figure``. Values like "1/3" are accepted."""
    if not target_projects(user).filter(pk=project.pk).exists():
        raise Http404
    target = Target.objects.filter(project=project, figure=figure).first() or Target(
        project=project, figure=figure
    )
    target.value = parse_value(value)
    target.of_figure = of_figure or ""
    target.due_on = due_on
    target.note = note
    target.created_by = user if getattr(user, "pk", None) else None
    target.full_clean()
    created = target.pk is None
    target.save()
    audit.record(
        user,
        Action.CREATE if created else Action.UPDATE,
        target,
        detail={"figure": figure, "value": str(target.value), "of": target.of_figure},
    )
    return target


def delete_target(user, target: Target) -> None:
    if not target_projects(user).filter(pk=target.project_id).exists():
        raise Http404
    audit.record(user, Action.DELETE, target, detail={"figure": target.figure})
    target.delete()


def parse_value(value) -> Decimal:
    """500, "500", "0.3333", "1/3" or "33%" as a Decimal (a share below 1)."""
    text = str(value).strip().replace(",", ".")
    try:
        if text.endswith("%"):
            return (Decimal(text[:-1]) / 100).quantize(Decimal("0.0001"))
        if "/" in text:
            numerator, denominator = text.split("/", 1)
            return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001"))
        return Decimal(text)
    except (InvalidOperation, ZeroDivisionError, ValueError):
        raise ValidationError(
            {"value": _("Give a number, a fraction like 1/3 or a percentage.")}
        ) from None
