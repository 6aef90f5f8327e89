"""Import openings with their companies and sites: CSV, Excel, schema.org JobPosting (JSON-LD).

:func:`run_import` is what the command, the upload page and the API call. An import runs in
one transaction: any error and nothing is written; a dry run reports what would change and
writes nothing either.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.http import Http404
from django.utils import translation

from talentbridge.privacy import audit

from .. import access
from . import jsonld, tabular
from .apply import Importer
from .locations import MunicipalityIndex
from .records import ImportReport, Problem
from .tabular import FileProblem

FORMATS = ("csv", "xlsx", "jsonld")
MAX_BYTES = 20 * 1024 * 1024


class _Rollback(Exception):
    pass


def detect_format(name: str, data: bytes) -> str:
    suffix = Path(name or "").suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix in (".json", ".jsonld", ".html", ".htm"):
        return "jsonld"
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    if data.lstrip()[:1] in (b"{", b"[", b"<"):
        return "jsonld"
    return "csv"


def run_import(
    user,
    data: bytes,
    name: str = "upload",
    *,
    dry_run: bool = False,
    project=None,
    format: str | None = None,
    language: str | None = None,
) -> ImportReport:
    """Import openings from ``data`` (the file's bytes); ``name`` gives the format by its suffix."""
    if not (
        access.is_all_seeing(user)
        or access.staff_projects(user, edit=True).exists()
        or access.own_employers(user).exists()
    ):
        raise Http404
    fmt = format or detect_format(name, data)
    report = ImportReport(source=name, format=fmt, dry_run=dry_run)
    if fmt not in FORMATS:
        report.errors.append(
            Problem("file", "format", f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        )
        return report
    if len(data) > MAX_BYTES:
        report.errors.append(Problem("file", "", f"larger than {MAX_BYTES // (1024 * 1024)} MB"))
        return report
    places = MunicipalityIndex()
    try:
        if fmt == "jsonld":
            records, problems = jsonld.parse(jsonld.documents(data, name), places)
        else:
            rows = tabular.read_csv(data) if fmt == "csv" else tabular.read_excel(data)
            records, problems = tabular.parse(rows, places)
            report.warnings.extend(
                Problem("file", column, "unknown column, ignored")
                for column in tabular.unknown_columns(rows)
            )
    except FileProblem as exc:
        report.errors.append(exc.problem)
        return report
    report.records = len(records) + len(problems)
    report.errors.extend(problems)
    project_code = getattr(project, "code", project)
    language = language or translation.get_language() or "da"
    try:
        with transaction.atomic():
            Importer(user, report, project_code, language=language[:2]).run(records)
            if report.errors or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    report.errors.sort(key=_order)
    if report.written:
        audit.record(
            user,
            audit.AuditEvent.Action.CREATE,
            object_type="employers.import",
            object_id=name[:64],
            detail={"format": fmt, "counts": report.counts()},
        )
    return report


def _order(problem: Problem):
    kind, _, number = problem.origin.partition(" ")
    return (kind != "file", int(number) if number.isdigit() else 0)
