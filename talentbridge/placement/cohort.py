"""The households of a run: granted candidates in Talentbridge, or a CSV file.

From Talentbridge: the project's candidates with residence granted (or family-reunified) who
have no municipality yet and are in the officer's scope (``candidates.profiles.candidate_scope``:
placement officers see candidates who consented to the handover), grouped by household. Their
forbidden municipalities are the ones the household had in the project's newest earlier run
(``exclusions.carried_over``); the officer adds and removes them on the run. Their ties come
from the adults' recorded job and IGU steps by the rule in ``ties.py`` (and from the
household's label for close family, or when no such step is recorded).

From CSV (UTF-8, comma-separated, one row per person; the authority's own list):

=====================  ========  =========================================================
column                 required  meaning
=====================  ========  =========================================================
``household``          yes       the household's reference; rows with the same one move together
``birth_year``         yes       e.g. 1990 (under 18 counts as a child)
``gender``             yes       ``female``, ``male`` or ``other``
``nationality``        yes       ISO 3166-1 alpha-2, ``XX`` if stateless
``persons``            no        persons in the household, children not listed included
``isced``              no        highest completed ISCED 2011 level, 0–8
``isco``               no        ISCO-08 unit groups of work experience, space-separated
``skills``             no        ESCO skill URIs, space-separated
``danish``/``english`` no        CEFR level (pre-A1, A1 … C2)
``tie_kind``           no        ``job_offer``, ``igu`` or ``family`` (any row of the household)
``tie_municipality``   no        municipality code of the tie
``forbidden``          no        municipality codes the household must not go to, space-separated
``forbidden_reason``   no        why (shown with the run)
=====================  ========  =========================================================
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.core.exceptions import ValidationError

from talentbridge.candidates.models import CEFR_ORDER, Candidate, Household
from talentbridge.candidates.profiles import candidate_scope
from talentbridge.municipalities.models import Municipality
from talentbridge.privacy import audit

from . import exclusions, ties
from .features import from_candidate

GRANTED = (Candidate.AsylumStatus.GRANTED, Candidate.AsylumStatus.FAMILY_REUNIFIED)
TIE_KINDS = {choice for choice in Household.TieKind.values if choice}
REQUIRED = {"household", "birth_year", "gender", "nationality"}
OPTIONAL = {
    "persons",
    "isced",
    "isco",
    "skills",
    "danish",
    "english",
    "tie_kind",
    "tie_municipality",
    "forbidden",
    "forbidden_reason",
}


def from_system(user, project, on: dt.date) -> list[dict]:
    """Households of granted candidates without a municipality, in ``user``'s scope."""
    people = list(
        candidate_scope(user)
        .filter(
            project=project,
            asylum_status__in=GRANTED,
            municipality__isnull=True,
            left_on__isnull=True,
        )
        .select_related("household", "household__tie_municipality")
        .order_by("household__reference", "reference")
    )
    if people:
        audit.record_many(
            user, audit.AuditEvent.Action.READ, people, detail={"purpose": "placement cohort"}
        )
    steps = ties.steps_for(user, people, on)
    households: dict[str, dict] = {}
    for candidate in people:
        household = candidate.household
        key = household.reference if household else candidate.reference
        entry = households.setdefault(
            key,
            {
                "reference": key,
                "household_id": household.pk if household else None,
                "household": household,
                "size": household.size if household else 1,
                "people": [],
                "steps": [],
                "forbidden": [],
            },
        )
        entry["people"].append(from_candidate(candidate, on))
        entry["steps"] += steps.get(candidate.pk, [])
    carried = exclusions.carried_over(
        project, [e["household_id"] for e in households.values() if e["household_id"]]
    )
    for entry in households.values():
        entry["size"] = max(entry["size"], len(entry["people"]))
        entry["forbidden"] = carried.get(entry["household_id"], [])
        kind, where, notes = ties.derive(entry.pop("household"), entry.pop("steps"))
        entry.update(tie_kind=kind, tie_municipality=where, tie_notes=notes)
    return list(households.values())


def from_csv(handle, on: dt.date) -> list[dict]:
    """Households from a CSV (see the module docstring); errors name the line and column."""
    text = handle.read()
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = set(reader.fieldnames or [])
    missing = REQUIRED - header
    if missing:
        raise ValidationError({"file": f"missing column(s): {', '.join(sorted(missing))}"})
    unknown = header - REQUIRED - OPTIONAL
    if unknown:
        raise ValidationError({"file": f"unknown column(s): {', '.join(sorted(unknown))}"})
    codes = set(Municipality.objects.values_list("code", flat=True))
    households: dict[str, dict] = {}
    for line, row in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in row.items() if k}
        where = f"line {line}"
        key = row["household"]
        if not key:
            raise ValidationError({"file": f"{where}, household: required"})
        entry = households.setdefault(
            key,
            {
                "reference": key,
                "household_id": None,
                "size": 0,
                "people": [],
                "tie_kind": "",
                "tie_municipality": None,
                "forbidden": [],
            },
        )
        birth_year = _int(row["birth_year"], where, "birth_year", 1900, on.year)
        gender = row["gender"].lower()
        if gender not in {"female", "male", "other"}:
            raise ValidationError({"file": f"{where}, gender: female, male or other"})
        nationality = row["nationality"].upper()
        if len(nationality) != 2 or not nationality.isalpha():
            raise ValidationError({"file": f"{where}, nationality: an ISO 3166 alpha-2 code"})
        isced = _int(row["isced"], where, "isced", 0, 8) if row.get("isced") else None
        isco = row.get("isco", "").split()
        if any(not (g.isdigit() and len(g) == 4) for g in isco):
            raise ValidationError({"file": f"{where}, isco: 4-digit ISCO-08 unit groups"})
        person = {
            "reference": "",
            "adult": on.year - birth_year >= 18,
            "birth_year": birth_year,
            "gender": gender,
            "nationality": nationality,
            "education": isced,
            "isco": isco,
            "skills": row.get("skills", "").split(),
            "danish": _cefr(row.get("danish", ""), where, "danish"),
            "english": _cefr(row.get("english", ""), where, "english"),
        }
        entry["people"].append(person)
        if row.get("persons"):
            entry["size"] = max(entry["size"], _int(row["persons"], where, "persons", 1, 30))
        if row.get("tie_kind"):
            if row["tie_kind"] not in TIE_KINDS:
                raise ValidationError(
                    {"file": f"{where}, tie_kind: one of {', '.join(sorted(TIE_KINDS))}"}
                )
            entry["tie_kind"] = row["tie_kind"]
        if row.get("tie_municipality"):
            entry["tie_municipality"] = _code(
                row["tie_municipality"], codes, where, "tie_municipality"
            )
        for code in row.get("forbidden", "").split():
            entry["forbidden"].append(
                (_code(code, codes, where, "forbidden"), row.get("forbidden_reason", ""))
            )
    if not households:
        raise ValidationError({"file": "no households in the file"})
    for entry in households.values():
        entry["size"] = max(entry["size"], len(entry["people"]))
        if entry["tie_kind"] and not entry["tie_municipality"]:
            raise ValidationError(
                {"file": f"household {entry['reference']}: a tie needs tie_municipality"}
            )
    return list(households.values())


def _int(value: str, where: str, field: str, low: int, high: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ValidationError(
            {"file": f"{where}, {field}: {value!r} is not a whole number"}
        ) from None
    if not low <= number <= high:
        raise ValidationError({"file": f"{where}, {field}: must be between {low} and {high}"})
    return number


def _cefr(value: str, where: str, field: str) -> int:
    if not value:
        return 0
    if value not in CEFR_ORDER:
        raise ValidationError({"file": f"{where}, {field}: a CEFR level (pre-A1, A1 … C2)"})
    return max(CEFR_ORDER[value], 0)


def _code(value: str, codes: set[str], where: str, field: str) -> str:
    code = value.zfill(4)
    if code not in codes:
        raise ValidationError({"file": f"{where}, {field}: unknown municipality code {value!r}"})
    return code
