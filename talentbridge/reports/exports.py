"""The funder's export: Excel (one sheet per table, with the definitions), PDF (with the charts), CSV.

Every export leaves the organisation, so small numbers are always suppressed
(``reports.suppression``). All three are built from the same tables
(``reports.tables.all_tables``).
"""

from __future__ import annotations

import csv
import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .presenters import chart_images, tiles
from .suppression import HIDDEN
from .tables import SHARE, TEXT, Table, all_tables

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
}


def filename(report, fmt: str) -> str:
    scope = report.projects[0].code if report.is_single_project else "programme"
    if report.municipality is not None:
        scope = f"{scope}-{report.municipality.code}"
    start = report.period.start.isoformat() if report.period.start else "start"
    return f"talentbridge-{scope}-{start}-{report.period.end.isoformat()}.{fmt}"


def _about_rows(report) -> list[list[str]]:
    period = (
        f"{report.period.start.isoformat()} – {report.period.end.isoformat()}"
        if report.period.start
        else _("from the beginning to %(end)s") % {"end": report.period.end.isoformat()}
    )
    rows = [
        [_("Report"), report.title],
        [_("Projects"), ", ".join(p.name for p in report.projects)],
    ]
    if report.municipality is not None:
        rows.append(
            [
                _("Municipality"),
                _(
                    "%(name)s (%(code)s): persons by the candidate's municipality, companies by "
                    "the municipality of their sites"
                )
                % {"name": report.municipality.name, "code": report.municipality.code},
            ]
        )
    return rows + [
        [_("Period"), period],
        [_("Made"), timezone.localtime(report.generated_at).strftime("%Y-%m-%d %H:%M")],
        [
            _("Small numbers"),
            _(
                "Counts of 1 to 4 persons are shown as %(hidden)s, and so is one more cell wherever a "
                "hidden cell could be worked out from a total. Shares and medians of fewer than 5 "
                "persons are hidden too. Companies are not suppressed."
            )
            % {"hidden": HIDDEN},
        ],
        [
            _("Counting"),
            _("Each person and each company is counted once per cell, however often it occurs."),
        ],
    ]


def to_xlsx(report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    tables = all_tables(report, suppress=True)
    book = Workbook()
    about = book.active
    about.title = _("About")[:31]
    for row in _about_rows(report):
        about.append(row)
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 100
    for cell in about["B"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    bold, header_fill = Font(bold=True), PatternFill("solid", fgColor="EEF1F5")
    used = {about.title}
    for table in tables:
        title = _sheet_title(table.title, used)
        sheet = book.create_sheet(title)
        matrix = table.as_matrix()
        for row in matrix:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font, cell.fill = bold, header_fill
        for i, row in enumerate(table.rows, start=2):
            if row.total:
                for cell in sheet[i]:
                    cell.font = bold
        for j, column in enumerate(table.columns, start=2):
            letter = get_column_letter(j)
            if column.kind == SHARE:
                for cell in sheet[letter][1:]:
                    if isinstance(cell.value, float):
                        cell.number_format = "0%"
            sheet.column_dimensions[letter].width = (
                70 if column.kind == TEXT else max(12, min(28, len(column.label) + 2))
            )
            if column.kind == TEXT:
                for cell in sheet[letter]:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions["A"].width = max(
            14, min(40, max((len(str(r[0])) for r in matrix), default=10) + 2)
        )
        sheet.freeze_panes = "B2"
        if table.note:
            sheet.append([])
            sheet.append([table.note])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str, used: set[str]) -> str:
    clean = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet"
    name, n = clean, 2
    while name in used:
        name = f"{clean[:28]} {n}"
        n += 1
    used.add(name)
    return name


def to_csv(report) -> str:
    """One long table: table, row, column, value (hidden cells as "<5")."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["table", "row", "column", "value"])
    for key, value in _about_rows(report):
        writer.writerow(["about", key, "", value])
    for table in all_tables(report, suppress=True):
        _csv_table(writer, table)
    return out.getvalue()


def _csv_table(writer, table: Table) -> None:
    matrix = table.as_matrix()
    header = matrix[0]
    for row in matrix[1:]:
        for label, value in zip(header[1:], row[1:], strict=True):
            writer.writerow([table.key, row[0], label, "" if value is None else value])


def to_pdf(report) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "reports/funder.html",
        {
            "report": report,
            "about": _about_rows(report),
            "tiles": tiles(report, suppress=True),
            "charts": chart_images(report, suppress=True),
            "tables": all_tables(report, suppress=True),
        },
    )
    return HTML(string=html, base_url=None).write_pdf()


def render(report, fmt: str) -> bytes:
    if fmt == "xlsx":
        return to_xlsx(report)
    if fmt == "pdf":
        return to_pdf(report)
    if fmt == "csv":
        return to_csv(report).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}: use xlsx, pdf or csv")
