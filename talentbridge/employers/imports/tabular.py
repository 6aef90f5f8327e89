"""CSV and Excel imports: one opening per row, its company and site in the same row.

The columns are documented in ``docs/employers.md`` ("Import: CSV and Excel"). Row numbers
are those a spreadsheet shows: the header is row 1, the first opening row 2.
"""

from __future__ import annotations

import csv
import io

from . import records as read
from .locations import MunicipalityIndex
from .records import PostingRecord, Problem, RecordError

COLUMNS = (
    "project",
    "cvr",
    "employer_name",
    "industry_code",
    "industry_name",
    "size",
    "website",
    "site_name",
    "address",
    "postal_code",
    "city",
    "municipality",
    "reference",
    "kind",
    "title",
    "description",
    "occupation",
    "essential_skills",
    "optional_skills",
    "capacity",
    "starts_on",
    "ends_on",
    "apply_by",
    "hours_per_week",
    "danish_min",
    "danish_hard",
    "english_min",
    "english_hard",
    "driving_licence",
    "driving_licence_hard",
    "status",
    "source_url",
)
REQUIRED = ("cvr", "title")
ALIASES = {
    "employer": "employer_name",
    "company": "employer_name",
    "company_name": "employer_name",
    "site": "site_name",
    "postcode": "postal_code",
    "zip": "postal_code",
    "town": "city",
    "locality": "city",
    "places": "capacity",
    "hours": "hours_per_week",
    "id": "reference",
    "external_ref": "reference",
    "occupation_uri": "occupation",
    "skills": "essential_skills",
    "apply_before": "apply_by",
    "deadline": "apply_by",
    "url": "source_url",
    "driving_license": "driving_licence",
    "driving_license_hard": "driving_licence_hard",
}


def _header(name) -> str:
    key = "_".join(read.text(name).casefold().replace("-", " ").split())
    return ALIASES.get(key, key)


class FileProblem(Exception):
    """The file as a whole cannot be read (encoding, header); nothing is imported."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.problem = Problem("file", field, message)


def read_csv(data: bytes) -> list[tuple[int, dict]]:
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem("", "the file is not UTF-8 encoded (save it as 'CSV UTF-8')") from None
    first_line = content.split("\n", 1)[0]
    # Danish spreadsheets write ';' between columns; take whichever the header uses.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise FileProblem("", f"not a readable CSV file ({exc})") from None
    return _rows(rows)


def read_excel(data: bytes) -> list[tuple[int, dict]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise FileProblem(
            "", f"not a readable Excel (.xlsx) file ({exc.__class__.__name__})"
        ) from None
    sheet = book["openings"] if "openings" in book.sheetnames else book.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    book.close()
    return _rows(rows)


def _rows(rows: list[list]) -> list[tuple[int, dict]]:
    if not rows:
        raise FileProblem("", "the file is empty")
    header = [_header(name) for name in rows[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise FileProblem(", ".join(missing), "missing column(s) in the header row")
    result = []
    for number, values in enumerate(rows[1:], start=2):
        if all(read.text(v) == "" for v in values):
            continue
        row = {name: value for name, value in zip(header, values, strict=False) if name}
        result.append((number, row))
    return result


def unknown_columns(rows: list[tuple[int, dict]]) -> list[str]:
    seen = set()
    for _, row in rows:
        seen.update(row)
    return sorted(name for name in seen if name not in COLUMNS)


def parse(
    rows: list[tuple[int, dict]], places: MunicipalityIndex
) -> tuple[list[PostingRecord], list[Problem]]:
    """Turn rows into records; every problem names the row and the column."""
    records, problems = [], []
    for number, row in rows:
        origin = f"row {number}"
        try:
            records.append(_record(origin, row, places))
        except RecordError as exc:
            problems.append(Problem(origin, exc.field, exc.message))
    return records, problems


def _record(origin: str, row: dict, places: MunicipalityIndex) -> PostingRecord:
    def get(name):
        return row.get(name)

    t = read.text
    cvr = t(get("cvr"))
    if not cvr:
        raise RecordError("cvr", "required")
    title = t(get("title"))
    if not title:
        raise RecordError("title", "required")
    sources = {name: name for name in COLUMNS}
    sources.update(
        {"name": "employer_name", "external_ref": "reference", "hours_per_week": "hours_per_week"}
    )
    record = PostingRecord(origin=origin, sources=sources, project=t(get("project")))
    record.employer = {
        key: value
        for key, value in {
            "cvr": cvr,
            "name": t(get("employer_name")),
            "industry_code": t(get("industry_code")),
            "industry_name": t(get("industry_name")),
            "size": read.size(get("size"), "size"),
            "website": t(get("website")),
        }.items()
        if value
    }
    municipality = None
    if any(t(get(name)) for name in ("municipality", "postal_code", "city")):
        municipality = places.locate(
            municipality=get("municipality"),
            postal_code=t(get("postal_code")),
            locality=get("city"),
        )
        if municipality is None:
            field = (
                "municipality"
                if t(get("municipality"))
                else "postal_code"
                if t(get("postal_code"))
                else "city"
            )
            raise RecordError(
                field,
                "does not name a Danish municipality (see the location rule in docs/employers.md)",
            )
    record.site = {
        "name": t(get("site_name")),
        "address": t(get("address")),
        "postal_code": t(get("postal_code")).zfill(4) if t(get("postal_code")).isdigit() else "",
        "municipality": municipality,
        "locality": t(get("city")),
    }
    opening = {
        "kind": read.kind(get("kind"), "kind"),
        "title": title,
        "description": _multiline(get("description")),
        "capacity": read.integer(get("capacity"), "capacity", minimum=1),
        "starts_on": read.date(get("starts_on"), "starts_on"),
        "ends_on": read.date(get("ends_on"), "ends_on"),
        "apply_by": read.date(get("apply_by"), "apply_by"),
        "hours_per_week": read.hours(get("hours_per_week"), "hours_per_week"),
        "danish_min": read.cefr(get("danish_min"), "danish_min"),
        "danish_hard": read.boolean(get("danish_hard"), "danish_hard"),
        "english_min": read.cefr(get("english_min"), "english_min"),
        "english_hard": read.boolean(get("english_hard"), "english_hard"),
        "driving_licence": t(get("driving_licence")).upper(),
        "driving_licence_hard": read.boolean(get("driving_licence_hard"), "driving_licence_hard"),
        "status": read.status(get("status"), "status"),
        "source_url": t(get("source_url")),
        "external_ref": t(get("reference")),
    }
    # Columns that are absent or empty leave the opening's value as it is on re-import.
    present = {name for name, value in row.items() if t(value) != ""}
    column_of = {"external_ref": "reference"}
    record.opening = {
        key: value
        for key, value in opening.items()
        if key in ("kind", "title") or column_of.get(key, key) in present
    }
    if "kind" not in present:
        record.opening["kind_default"] = True
    occupation = t(get("occupation"))
    record.opening["occupation"] = occupation or None
    if "essential_skills" in present:
        record.essential_skills = read.split_list(get("essential_skills"))
    if "optional_skills" in present:
        record.optional_skills = read.split_list(get("optional_skills"))
    return record


def _multiline(value) -> str:
    """Free text keeps its line breaks (bullet lists in descriptions)."""
    return value.strip() if isinstance(value, str) else read.text(value)
