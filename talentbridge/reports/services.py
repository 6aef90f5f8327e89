"""The reporting service: who sees which projects, and the programme report built for them.

A programme manager sees the figures of every project of the programmes they manage a
project in, in aggregate; personal data only of their own projects (through the
candidates and pathways apps). Administrators and the operator at the shell see all.
Everybody else gets 404. The web views, the API and the CLI call :func:`programme_report`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from talentbridge.accounts.access import is_administrator, projects_for
from talentbridge.accounts.models import Project, Role
from talentbridge.candidates.countries import country_name
from talentbridge.candidates.models import Candidate
from talentbridge.employers.services.common import resolve_municipality as find_municipality
from talentbridge.municipalities.models import Municipality
from talentbridge.pathways.milestones import Period
from talentbridge.pathways.status import Status
from talentbridge.privacy import audit

from . import queries
from .figures import FIGURES
from .results import ProgrammeFigures
from .targets import TargetProgress, progress

Action = audit.AuditEvent.Action
REPORT_ROLES = (Role.PROGRAMME_MANAGER,)


def aggregate_projects(user) -> QuerySet[Project]:
    """Projects whose aggregated figures ``user`` may see: all projects of their programmes."""
    if is_administrator(user):
        return Project.objects.all()
    managed = projects_for(user, roles=REPORT_ROLES)
    return Project.objects.filter(programme__in=managed.values("programme")).distinct()


def own_projects(user) -> QuerySet[Project]:
    """Projects whose figures ``user`` may see unsuppressed (their own, as a partner)."""
    if is_administrator(user):
        return Project.objects.all()
    return projects_for(user, roles=REPORT_ROLES)


def require_reporter(user) -> None:
    if not aggregate_projects(user).exists():
        raise Http404


def resolve_projects(
    user, *, project: str | int | None = None, programme: int | None = None
) -> list[Project]:
    """The projects a report covers: one project, one programme, or all the user may see."""
    qs = aggregate_projects(user).select_related("programme")
    if programme not in (None, ""):
        qs = qs.filter(programme_id=programme)
    if project not in (None, ""):
        lookup = {"pk": int(project)} if str(project).isdigit() else {"code": str(project)}
        qs = qs.filter(**lookup)
    projects = list(qs.order_by("programme__name", "name"))
    if not projects:
        raise Http404
    return projects


def resolve_municipality(municipality: str | int | Municipality | None) -> Municipality | None:
    """The municipality a report is narrowed to (its code, ``0751`` or ``751``, or its name);
    None for all. Any municipality may be chosen: the report still covers only the user's
    projects. An unknown one is a ``ValidationError`` on ``municipality``."""
    if municipality in (None, ""):
        return None
    return find_municipality(municipality)


def make_period(start: datetime.date | None = None, end: datetime.date | None = None) -> Period:
    end = end or timezone.localdate()
    if start and start > end:
        raise ValidationError({"start": _("The period starts after it ends.")})
    return Period(end=end, start=start)


@dataclass
class Report:
    period: Period
    projects: list[Project]
    figures: ProgrammeFigures
    targets: list[TargetProgress]
    labels: dict
    suppress_small: bool
    municipality: Municipality | None = None
    generated_at: datetime.datetime = field(default_factory=timezone.now)

    @property
    def title(self) -> str:
        if len(self.projects) == 1:
            title = self.projects[0].name
        else:
            title = ", ".join(sorted({p.programme.name for p in self.projects}))
        if self.municipality is not None:
            title = f"{title} – {self.municipality.name}"
        return title

    @property
    def is_single_project(self) -> bool:
        return len(self.projects) == 1

    def label(self, dim: str, key: str) -> str:
        return str(self.labels.get(dim, {}).get(key, key or "–"))


def _labels(projects: list[Project], figures: ProgrammeFigures) -> dict:
    municipality_ids = set(figures.persons.get("municipality", {})) | set(
        figures.companies.get("municipality", {})
    )
    municipality_ids = [int(k) for k in municipality_ids if k]
    return {
        "project": {str(p.pk): p.name for p in projects},
        "municipality": {
            str(m.pk): m.name
            for m in Municipality.objects.filter(pk__in=municipality_ids).only("pk", "name")
        }
        | {"": _("no municipality")},
        "gender": {value: label for value, label in Candidate.Gender.choices},
        "origin": {code: country_name(code) for code in figures.persons.get("origin", {})},
        "age_group": {label: label for label, _low, _high in queries.AGE_GROUPS}
        | {"unknown": _("unknown")},
        "status": dict(Status.LABELS),
    }


def programme_report(
    user,
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    project: str | int | None = None,
    programme: int | None = None,
    municipality: str | int | Municipality | None = None,
    action: str = Action.READ,
    purpose: str = "dashboard",
    detail: bool = True,
) -> Report:
    """Compute the report of the projects ``user`` may see (or one of them) for a period. Audited.

    ``detail=False`` is the dashboard's summary (see ``results.ProgrammeFigures.detail``).
    ``municipality`` (a code such as ``0751``) narrows every figure to one municipality:
    persons by the candidate's municipality, companies by the municipality of their sites.
    Targets are set per project, so a municipality's report shows none.
    """
    projects = resolve_projects(user, project=project, programme=programme)
    place = resolve_municipality(municipality)
    period = make_period(start, end)
    figures = queries.compute(
        [p.pk for p in projects],
        period,
        detail=detail,
        municipality_id=place.pk if place is not None else None,
    )
    own = set(own_projects(user).values_list("pk", flat=True))
    report = Report(
        period=period,
        projects=projects,
        figures=figures,
        targets=progress(projects, figures) if place is None else [],
        labels=_labels(projects, figures),
        # Cells of other partners' projects may single out a person: suppress small numbers.
        suppress_small=not {p.pk for p in projects} <= own,
        municipality=place,
    )
    audit.record(
        user,
        action,
        object_type="reports.programme",
        object_id=",".join(str(p.pk) for p in projects)[:64],
        project_id=projects[0].pk if len(projects) == 1 else None,
        detail={
            "purpose": purpose,
            "projects": [p.code for p in projects],
            "municipality": place.code if place is not None else None,
            "start": period.start.isoformat() if period.start else None,
            "end": period.end.isoformat(),
        },
    )
    return report


def figure_value(user, key: str, *, start=None, end=None, project=None, municipality=None):
    """One figure's value for ``user``'s scope (persons, companies: a count; days: quartiles)."""
    if key not in FIGURES:
        raise ValidationError({"figure": _("Unknown figure.")})
    report = programme_report(
        user,
        start=start,
        end=end,
        project=project,
        municipality=municipality,
        purpose=f"figure {key}",
    )
    if FIGURES[key].unit == "days":
        return report.figures.durations.get("all", {}).get("", {}).get(key)
    return report.figures.value(key)
