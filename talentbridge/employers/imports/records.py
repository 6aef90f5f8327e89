"""What an import reads and reports: one record per posting, problems, and the changes made."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from talentbridge.candidates.models import CEFR

from ..models import Employer, Opening


@dataclass
class Problem:
    """An error or warning: where (row or posting), which field, what is wrong."""

    origin: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.origin}, {self.field}" if self.field else self.origin
        return f"{where}: {self.message}"

    def as_dict(self) -> dict:
        return {"origin": self.origin, "field": self.field, "message": self.message}


class RecordError(Exception):
    """Raised while reading one record; the import goes on to find the next problem."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass
class PostingRecord:
    """One opening with its company and site, as read from a row or a JSON-LD posting.

    ``sources`` maps our field names to the names used in the file (a column, a JSON-LD
    property path), so that an error found later still names the field as the file does.
    """

    origin: str
    sources: dict[str, str]
    employer: dict = field(default_factory=dict)
    site: dict = field(default_factory=dict)
    opening: dict = field(default_factory=dict)
    # Skills as given: ESCO URIs, or phrases to find through the taxonomy's suggest.
    essential_skills: list[str] | None = None
    optional_skills: list[str] | None = None
    occupation_text: str = ""
    project: str = ""
    warnings: list[str] = field(default_factory=list)

    def source(self, name: str) -> str:
        return self.sources.get(name, name)


@dataclass
class Change:
    origin: str
    model: str
    action: str  # created | updated | unchanged
    label: str
    pk: int | None = None
    changes: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "origin": self.origin,
            "model": self.model,
            "action": self.action,
            "label": self.label,
            "id": self.pk,
            "changes": self.changes,
        }


@dataclass
class ImportReport:
    source: str
    format: str
    dry_run: bool
    records: int = 0
    changes: list[Change] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run

    def counts(self) -> dict[str, dict[str, int]]:
        """Per model, how many distinct objects were created, updated or left unchanged."""
        rank = {"created": 2, "updated": 1, "unchanged": 0}
        final: dict[tuple[str, object], str] = {}
        for change in self.changes:
            key = (change.model, change.pk if change.pk is not None else change.label)
            if key not in final or rank[change.action] > rank[final[key]]:
                final[key] = change.action
        result = {
            m: {"created": 0, "updated": 0, "unchanged": 0} for m in ("employer", "site", "opening")
        }
        for (model, _), action in final.items():
            result.setdefault(model, {"created": 0, "updated": 0, "unchanged": 0})[action] += 1
        return result

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "format": self.format,
            "dry_run": self.dry_run,
            "ok": self.ok,
            "written": self.written,
            "records": self.records,
            "counts": self.counts(),
            "changes": [c.as_dict() for c in self.changes],
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
        }


# Reading values ------------------------------------------------------------------------------

KIND_WORDS = {
    # Our codes, and the words Danish and English postings use for them.
    "internship": Opening.Kind.INTERNSHIP,
    "intern": Opening.Kind.INTERNSHIP,
    "praktik": Opening.Kind.INTERNSHIP,
    "virksomhedspraktik": Opening.Kind.INTERNSHIP,
    "igu": Opening.Kind.IGU,
    "igu-forløb": Opening.Kind.IGU,
    "wage_subsidy": Opening.Kind.WAGE_SUBSIDY,
    "wage subsidy": Opening.Kind.WAGE_SUBSIDY,
    "løntilskud": Opening.Kind.WAGE_SUBSIDY,
    "wage-subsidy": Opening.Kind.WAGE_SUBSIDY,
    "job": Opening.Kind.JOB,
    "ordinary job": Opening.Kind.JOB,
    "ordinært job": Opening.Kind.JOB,
    "education": Opening.Kind.EDUCATION,
    "apprenticeship": Opening.Kind.EDUCATION,
    "uddannelse": Opening.Kind.EDUCATION,
    "elev": Opening.Kind.EDUCATION,
    "lærling": Opening.Kind.EDUCATION,
    "læreplads": Opening.Kind.EDUCATION,
}

SIZE_WORDS = {value: value for value in Employer.Size.values}


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()


def kind(value, column: str) -> str:
    key = text(value).casefold()
    if not key:
        return Opening.Kind.JOB
    if key in KIND_WORDS:
        return KIND_WORDS[key]
    raise RecordError(
        column, f"unknown kind {text(value)!r}; use one of {', '.join(Opening.Kind.values)}"
    )


def date(value, column: str) -> dt.date | None:
    """ISO dates (2026-03-01, also with a time), and the Danish 1.3.2026 / 01-03-2026."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = text(value)
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", raw)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass
    raise RecordError(column, f"{raw!r} is not a date (write 2026-03-01)")


def integer(value, column: str, *, minimum: int = 0) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(text(value).replace(",", "."))
    except InvalidOperation:
        raise RecordError(column, f"{text(value)!r} is not a whole number") from None
    if number != number.to_integral_value() or number < minimum:
        raise RecordError(column, f"{text(value)!r} is not a whole number of at least {minimum}")
    return int(number)


def hours(value, column: str) -> Decimal | None:
    """Hours per week from a number or a phrase ("37 timer om ugen", "30-37 hours")."""
    if value in (None, ""):
        return None
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value))
    else:
        match = re.search(r"\d+(?:[.,]\d+)?", text(value))
        if not match:
            raise RecordError(column, f"no number of hours in {text(value)!r}")
        number = Decimal(match.group().replace(",", "."))
    if not (0 < number <= 80):
        raise RecordError(column, f"{number} hours per week is not between 1 and 80")
    return number.quantize(Decimal("0.1"))


def boolean(value, column: str) -> bool:
    key = text(value).casefold()
    if key in ("", "0", "no", "nej", "false", "n", "soft", "blød"):
        return False
    if key in ("1", "yes", "ja", "true", "y", "x", "hard", "hård"):
        return True
    raise RecordError(column, f"{text(value)!r} is not yes/no")


def cefr(value, column: str) -> str:
    raw = text(value)
    if not raw:
        return ""
    for level in CEFR.values:
        if raw.casefold() == level.casefold():
            return level
    raise RecordError(column, f"{raw!r} is not a CEFR level ({', '.join(CEFR.values)})")


def status(value, column: str) -> str | None:
    key = text(value).casefold()
    if not key:
        return None
    if key in Opening.Status.values:
        return key
    raise RecordError(
        column, f"unknown status {text(value)!r}; use one of {', '.join(Opening.Status.values)}"
    )


def size(value, column: str) -> str:
    raw = text(value).replace(" ", "").replace("–", "-")
    if not raw:
        return ""
    if raw in SIZE_WORDS:
        return raw
    number = integer(raw, column, minimum=0) if raw.isdigit() else None
    if number is not None:
        return (
            "1-9"
            if number < 10
            else "10-49"
            if number < 50
            else "50-249"
            if number < 250
            else "250+"
        )
    raise RecordError(
        column,
        f"{raw!r} is not a size ({', '.join(Employer.Size.values)}, or a number of employees)",
    )


def split_list(value) -> list[str]:
    """Several values in one cell: separated by ';', '|' or new lines."""
    raw = text(value) if not isinstance(value, str) else value
    return [part.strip() for part in re.split(r"[;|\n]", raw or "") if part.strip()]
