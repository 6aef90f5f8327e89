"""API (mounted at /api/reports/): figure definitions, the programme report, exports and targets.

The same services and scoping as the dashboard: programme managers (and administrators)
only; everyone else gets 404. ``municipality=0751`` narrows every figure (and the months)
to one municipality; an unknown code is a 400 naming the field. The report answers in tables, the same ones the exports
write; with ``suppress=true`` (and always when the scope includes other partners'
projects) counts of 1–4 persons read "<5".
"""

from __future__ import annotations

import datetime

from django.http import Http404, HttpResponse
from ninja import Router, Schema, Status

from . import exports, services
from .figures import FIGURES
from .models import Target
from .presenters import dashboard_tables
from .tables import Table
from .targets import delete_target, list_targets, set_target, target_projects

router = Router(tags=["reports"])


class FigureOut(Schema):
    key: str
    unit: str
    funder: bool
    label_da: str
    label_en: str
    definition_da: str
    definition_en: str


class ColumnOut(Schema):
    key: str
    label: str
    kind: str


class RowOut(Schema):
    key: str
    label: str
    total: bool
    cells: dict[str, int | float | str | None]


class TableOut(Schema):
    key: str
    title: str
    note: str
    suppressed: bool
    columns: list[ColumnOut]
    rows: list[RowOut]


class ReportOut(Schema):
    title: str
    projects: list[str]
    municipality: str | None
    start: datetime.date | None
    end: datetime.date
    suppressed: bool
    figures: dict[str, int | str]
    tables: list[TableOut]


class TargetIn(Schema):
    project: str
    figure: str
    value: str
    of_figure: str = ""
    due_on: datetime.date | None = None
    note: str = ""


class TargetOut(Schema):
    id: int
    project: str
    figure: str
    value: float
    of_figure: str
    due_on: datetime.date | None
    note: str


def _table(table: Table) -> dict:
    rows = []
    for row in table.rows:
        cells = {}
        for column in table.columns:
            cell = row.cell(column.key)
            cells[column.key] = "<5" if cell.hidden else cell.value
        rows.append({"key": row.key, "label": row.label, "total": row.total, "cells": cells})
    return {
        "key": table.key,
        "title": table.title,
        "note": table.note,
        "suppressed": table.suppressed,
        "columns": [{"key": c.key, "label": c.label, "kind": c.kind} for c in table.columns],
        "rows": rows,
    }


def _target(t: Target) -> dict:
    return {
        "id": t.pk,
        "project": t.project.code,
        "figure": t.figure,
        "value": float(t.value),
        "of_figure": t.of_figure,
        "due_on": t.due_on,
        "note": t.note,
    }


@router.get("/figures", response=list[FigureOut], summary="The figures and their definitions")
def figures(request):
    services.require_reporter(request.auth)
    return [
        {
            "key": f.key,
            "unit": f.unit,
            "funder": f.funder,
            "label_da": f.label_da,
            "label_en": f.label_en,
            "definition_da": f.definition_da,
            "definition_en": f.definition_en,
        }
        for f in FIGURES.values()
    ]


@router.get("/programme", response=ReportOut, summary="The programme report as tables")
def programme(
    request,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    project: str = "",
    programme: int | None = None,
    municipality: str = "",
    suppress: bool = False,
):
    report = services.programme_report(
        request.auth,
        start=start,
        end=end,
        project=project or None,
        programme=programme,
        municipality=municipality or None,
        purpose="api",
    )
    hide = suppress or report.suppress_small
    tables = dashboard_tables(report, suppress=hide)
    figures_table = tables["figures"]
    return {
        "title": report.title,
        "projects": [p.code for p in report.projects],
        "municipality": report.municipality.code if report.municipality else None,
        "start": report.period.start,
        "end": report.period.end,
        "suppressed": hide,
        "figures": {
            row.key: ("<5" if row.cell("value").hidden else row.cell("value").value)
            for row in figures_table.rows
        },
        "tables": [_table(t) for t in tables.values()],
    }


@router.get("/export", summary="The funder's export (xlsx, pdf or csv; small numbers suppressed)")
def export(
    request,
    format: str = "xlsx",
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    project: str = "",
    programme: int | None = None,
    municipality: str = "",
):
    if format not in exports.FORMATS:
        raise Http404
    report = services.programme_report(
        request.auth,
        start=start,
        end=end,
        project=project or None,
        programme=programme,
        municipality=municipality or None,
        action=services.Action.EXPORT,
        purpose=f"funder export {format} (api)",
    )
    response = HttpResponse(exports.render(report, format), content_type=exports.FORMATS[format])
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(report, format)}"'
    return response


@router.get("/targets", response=list[TargetOut], summary="Targets of the projects you report on")
def targets(request):
    services.require_reporter(request.auth)
    return [_target(t) for t in list_targets(request.auth).order_by("project__code", "figure")]


@router.post(
    "/targets",
    response={201: TargetOut},
    summary="Set (or replace) a project's target for a figure",
)
def create_target(request, payload: TargetIn):
    project = target_projects(request.auth).filter(code=payload.project).first()
    if project is None:
        raise Http404
    target = set_target(
        request.auth,
        project,
        payload.figure,
        payload.value,
        of_figure=payload.of_figure,
        due_on=payload.due_on,
        note=payload.note,
    )
    return Status(201, _target(target))


@router.delete("/targets/{target_id}", response={204: None}, summary="Remove a target")
def remove_target(request, target_id: int):
    target = Target.objects.filter(pk=target_id, project__in=target_projects(request.auth)).first()
    if target is None:
        raise Http404
    delete_target(request.auth, target)
    return Status(204, None)
