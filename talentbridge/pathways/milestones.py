"""Each candidate's milestones, computed in the database: the one source of the status and the figures.

:func:`facts_sql` builds one SELECT that returns a row per candidate with the dates on which
the person first reached each stage (assessed, matched, pathway, internship, job, education)
and, for a reporting period, whether each programme event happened in it. The candidate
status (``pathways.status``) and every person figure of the reports (``reports.figures``) are
expressions over these columns, so "employed" means the same on a candidate's page, in the
API and in the funder's export.

Reading a million steps takes seconds, so the same per-person aggregates are also kept in
the ``Milestones`` table: see ``pathways.cache``.

The SQL is written once for SQLite and PostgreSQL; the few functions that differ between them
(date of a timestamp, month of a date, days between dates) come from :class:`Dialect`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import connection

from .models import (
    EDUCATION_KINDS,
    EMPLOYMENT_KINDS,
    INTERNSHIP_OR_SUBSIDY_KINDS,
    PATHWAY_KINDS,
    FollowUp,
    PathwayStep,
)

#: Match statuses that mean a person was put forward to an employer.
MATCHED_STATUSES = ("presented", "interview", "accepted")
#: The first of these fields that pipeline.Match has dates a match's status.
MATCH_DATE_FIELDS = ("status_changed_at", "moved_at", "decided_at", "updated_at", "created_at")
EARLIEST = datetime.date(1900, 1, 1)


def _in(values: Iterable[str]) -> str:
    """An SQL list of our own constant strings (never user input)."""
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


class Dialect:
    """The handful of SQL functions that SQLite and PostgreSQL spell differently."""

    def __init__(self, vendor: str | None = None):
        self.vendor = vendor or connection.vendor

    @property
    def postgres(self) -> bool:
        return self.vendor == "postgresql"

    def date_of(self, timestamp: str) -> str:
        if self.postgres:
            return f"CAST(({timestamp} AT TIME ZONE %(tz)s) AS date)"
        return f"date({timestamp})"

    def month_of(self, day: str) -> str:
        if self.postgres:
            return f"to_char({day}, 'YYYY-MM')"
        return f"strftime('%%Y-%%m', {day})"

    def days_between(self, later: str, earlier: str) -> str:
        if self.postgres:
            return f"({later} - {earlier})"
        return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"

    @staticmethod
    def least(a: str, b: str) -> str:
        """The earlier of two nullable values (NULL only when both are)."""
        return (
            f"(CASE WHEN {a} IS NULL THEN {b} WHEN {b} IS NULL OR {a} <= {b} THEN {a} ELSE {b} END)"
        )

    def earliest_of(self, dates: list[str]) -> str:
        """The earliest of several nullable dates (NULL only when all are), each read once."""
        if self.postgres:
            return f"LEAST({', '.join(dates)})"
        ceiling = "'9999-12-31'"
        return f"NULLIF(MIN({', '.join(f'COALESCE({d}, {ceiling})' for d in dates)}), {ceiling})"

    def latest_of(self, dates: list[str]) -> str:
        """The latest of several nullable dates (NULL only when all are)."""
        if self.postgres:
            return f"GREATEST({', '.join(dates)})"
        floor = "'0001-01-01'"
        return f"NULLIF(MAX({', '.join(f'COALESCE({d}, {floor})' for d in dates)}), {floor})"

    @staticmethod
    def greatest(a: str, b: str) -> str:
        return (
            f"(CASE WHEN {a} IS NULL THEN {b} WHEN {b} IS NULL OR {a} >= {b} THEN {a} ELSE {b} END)"
        )

    def adapt_date(self, day: datetime.date):
        return connection.ops.adapt_datefield_value(day)


def match_source() -> tuple[str, str, str, str] | None:
    """(table, candidate column, status column, date column) of pipeline.Match, if it exists.

    The pipeline app is built alongside this one; until its ``Match`` model exists (or when it
    lacks a candidate or status), matches simply do not count and "matched" relies on steps
    started from a match.
    """
    try:
        model = apps.get_model("pipeline", "Match")
    except LookupError:
        return None
    names = {f.name: f for f in model._meta.concrete_fields}
    if "candidate" not in names or "status" not in names:
        return None
    date_field = next((names[n] for n in MATCH_DATE_FIELDS if n in names), None)
    if date_field is None:
        return None
    return (
        model._meta.db_table,
        names["candidate"].column,
        names["status"].column,
        date_field.column,
    )


@dataclass
class Period:
    """A reporting period, both ends included. ``start`` None means since the beginning."""

    end: datetime.date
    start: datetime.date | None = None

    def __post_init__(self):
        if self.start and self.start > self.end:
            raise ValueError("the period starts after it ends")

    @property
    def first_day(self) -> datetime.date:
        return self.start or EARLIEST


@dataclass
class FactsQuery:
    sql: str
    params: dict = field(default_factory=dict)


@dataclass
class _Scope:
    """SQL conditions restricting each source to the persons in scope."""

    step: str = ""
    follow_up: str = ""
    assessment: str = ""
    match: str = ""
    candidate: str = ""

    def add(self, candidate_sql: str) -> None:
        """Restrict to persons whose id is in ``candidate_sql`` (a list or a subquery)."""
        self.step += f" AND s.candidate_id IN ({candidate_sql})"
        self.follow_up += f" AND f.candidate_id IN ({candidate_sql})"
        self.assessment += f" AND a.candidate_id IN ({candidate_sql})"
        self.match += f" AND m.candidate_id IN ({candidate_sql})"
        self.candidate += f" AND c.id IN ({candidate_sql})"


def _scope(params: dict, project_ids, candidate_ids, candidate_sql: str | None) -> _Scope:
    scope = _Scope()
    candidate = apps.get_model("candidates", "Candidate")._meta.db_table
    if project_ids is not None:
        names = _bind(params, "proj", project_ids)
        scope.step += f" AND s.project_id IN ({names})"
        scope.candidate += f" AND c.project_id IN ({names})"
        in_projects = f"SELECT id FROM {candidate} WHERE project_id IN ({names})"
        scope.follow_up += f" AND f.candidate_id IN ({in_projects})"
        scope.assessment += f" AND a.candidate_id IN ({in_projects})"
        scope.match += f" AND m.candidate_id IN ({in_projects})"
    if candidate_ids is not None:
        scope.add(_bind(params, "cand", candidate_ids))
    if candidate_sql is not None:
        scope.add(candidate_sql)
    return scope


_STEP_DATES = (
    "pathway_on",
    "internship_on",
    "internship_ws_on",
    "attached_on",
    "job_on",
    "job_last_on",
    "edu_on",
    "edu_last_on",
    "step_matched_on",
)
_FU_DATES = ("fu_emp_on", "fu_emp_last_on", "fu_edu_on", "fu_edu_last_on")
#: The cached columns of Milestones (dates, NULL when never reached).
MILESTONE_DATES = _STEP_DATES + _FU_DATES + ("assessed_on", "pm_on")
_COUNTS = ("n_steps", "n_outcomes", "n_signed", "n_matches")


def _sources(period: Period, scope: _Scope, d: Dialect, *, flags: bool) -> dict[str, str]:
    """The per-person aggregates of steps, follow-ups, assessments and matches (up to the end).

    With ``flags`` each also says whether an event fell inside the period (``p_*``); every
    source also counts its rows (``n_*``) for the freshness check.
    """
    step = PathwayStep._meta.db_table
    follow_up = FollowUp._meta.db_table
    assessment = apps.get_model("candidates", "Assessment")._meta.db_table
    overlaps = "(s.ends_on IS NULL OR s.ends_on >= %(p_from)s)"
    starts_in = "s.starts_on >= %(p_from)s"
    pathway, job, edu, internship_ws = (
        _in(PATHWAY_KINDS),
        _in(EMPLOYMENT_KINDS),
        _in(EDUCATION_KINDS),
        _in(INTERNSHIP_OR_SUBSIDY_KINDS),
    )
    step_columns = [
        f"MIN(CASE WHEN s.kind IN {pathway} THEN s.starts_on END) AS pathway_on",
        "MIN(CASE WHEN s.kind = 'internship' THEN s.starts_on END) AS internship_on",
        f"MIN(CASE WHEN s.kind IN {internship_ws} THEN s.starts_on END) AS internship_ws_on",
        "MIN(CASE WHEN s.employer_id IS NOT NULL THEN s.starts_on END) AS attached_on",
        f"MIN(CASE WHEN s.kind IN {job} THEN s.starts_on END) AS job_on",
        f"MAX(CASE WHEN s.kind IN {job} THEN s.starts_on END) AS job_last_on",
        f"MIN(CASE WHEN s.kind IN {edu} THEN s.starts_on END) AS edu_on",
        f"MAX(CASE WHEN s.kind IN {edu} THEN s.starts_on END) AS edu_last_on",
        "MIN(CASE WHEN s.source_match_id IS NOT NULL THEN s.starts_on END) AS step_matched_on",
        "COUNT(*) AS n_steps",
    ]
    fu_columns = [
        "MIN(CASE WHEN f.outcome = 'employed' THEN f.done_on END) AS fu_emp_on",
        "MAX(CASE WHEN f.outcome = 'employed' THEN f.done_on END) AS fu_emp_last_on",
        "MIN(CASE WHEN f.outcome = 'in_education' THEN f.done_on END) AS fu_edu_on",
        "MAX(CASE WHEN f.outcome = 'in_education' THEN f.done_on END) AS fu_edu_last_on",
        "COUNT(*) AS n_outcomes",
    ]
    if flags:
        step_flags = {
            "p_in_pathway": f"s.kind IN {pathway} AND {overlaps}",
            "p_internship_ws": f"s.kind IN {internship_ws} AND {overlaps}",
            "p_hired": f"s.kind IN {job} AND {starts_in}",
            "p_started_education": f"s.kind IN {edu} AND {starts_in}",
            "p_attached": f"s.employer_id IS NOT NULL AND {overlaps}",
            "p_step_matched": f"s.source_match_id IS NOT NULL AND {starts_in}",
        }
        step_columns += [
            f"MAX(CASE WHEN {cond} THEN 1 ELSE 0 END) AS {name}"
            for name, cond in step_flags.items()
        ]
        fu_columns.append(
            "MAX(CASE WHEN f.outcome = 'employed' AND f.done_on >= %(p_from)s THEN 1 ELSE 0 END) AS p_fu_employed"
        )
    assessed_day = f"COALESCE(a.assessed_on, {d.date_of('a.signed_off_at')})"
    sources = {
        "st": f"""
            SELECT s.candidate_id AS candidate_id, {", ".join(step_columns)}
            FROM {step} s
            WHERE s.starts_on <= %(p_to)s{scope.step}
            GROUP BY s.candidate_id""",
        "fu": f"""
            SELECT f.candidate_id AS candidate_id, {", ".join(fu_columns)}
            FROM {follow_up} f
            WHERE f.outcome IN ('employed', 'in_education') AND f.done_on IS NOT NULL
              AND f.done_on <= %(p_to)s{scope.follow_up}
            GROUP BY f.candidate_id""",
        "asm": f"""
            SELECT a.candidate_id AS candidate_id, MIN(a.day) AS assessed_on, COUNT(*) AS n_signed,
              MAX(CASE WHEN a.day >= %(p_from)s THEN 1 ELSE 0 END) AS p_assessed
            FROM (SELECT a.candidate_id, {assessed_day} AS day FROM {assessment} a
                  WHERE a.status = 'signed_off'{scope.assessment}) a
            WHERE a.day <= %(p_to)s
            GROUP BY a.candidate_id""",
    }
    source = match_source()
    if source:
        table, cand_col, status_col, date_col = source
        sources["pm"] = f"""
            SELECT m.candidate_id AS candidate_id, MIN(m.day) AS pm_on, COUNT(*) AS n_matches,
              MAX(CASE WHEN m.day >= %(p_from)s THEN 1 ELSE 0 END) AS p_pm
            FROM (SELECT m.{cand_col} AS candidate_id, {d.date_of(f"m.{date_col}")} AS day FROM {table} m
                  WHERE m.{status_col} IN {_in(MATCHED_STATUSES)}) m
            WHERE m.day <= %(p_to)s{scope.match}
            GROUP BY m.candidate_id"""
    return sources


def _joined(sources: dict[str, str]) -> str:
    candidate = apps.get_model("candidates", "Candidate")._meta.db_table
    return f"{candidate} c" + "".join(
        f" LEFT JOIN ({sql}) {alias} ON {alias}.candidate_id = c.id"
        for alias, sql in sources.items()
    )


_FLAG_FIRST = {
    "p_in_pathway": "pathway_on",
    "p_internship_ws": "internship_ws_on",
    "p_hired": "job_on",
    "p_started_education": "edu_on",
    "p_attached": "attached_on",
    "p_step_matched": "step_matched_on",
    "p_fu_employed": "fu_emp_on",
    "p_assessed": "assessed_on",
    "p_pm": "pm_on",
}


#: Dates combined from two sources, and how.
_COMBINED = {
    "matched_on": ("least", "pm_on", "step_matched_on"),
    "employed_on": ("least", "job_on", "fu_emp_on"),
    "employed_last_on": ("greatest", "job_last_on", "fu_emp_last_on"),
    "education_on": ("least", "edu_on", "fu_edu_on"),
    "education_last_on": ("greatest", "edu_last_on", "fu_edu_last_on"),
}


def _combined(d: Dialect, source_of: dict[str, str]) -> dict[str, str]:
    return {
        name: getattr(d, how)(source_of[a], source_of[b]) for name, (how, a, b) in _COMBINED.items()
    }


def _facts(
    inner_from: str,
    where: str,
    source_of: dict[str, str],
    flag_of: dict[str, str],
    d: Dialect,
    combined: dict[str, str] | None = None,
) -> str:
    """The facts SELECT over ``inner_from``: candidate columns, milestone dates and flags.

    ``combined`` gives the combined dates (see ``_COMBINED``) when they are stored already.
    """
    combined = combined or {name: name for name in _COMBINED}
    dates = ", ".join(f"{source_of[name]} AS {name}" for name in MILESTONE_DATES)
    # In the programme from the first of: the record's creation, a signed-off assessment, a
    # pathway step (records entered after the fact still count from when the person took part).
    registered = d.earliest_of(
        [d.date_of("c.created_at"), source_of["assessed_on"], source_of["pathway_on"]]
    )
    if any(expr != name for name, expr in combined.items()):
        dates += ", " + ", ".join(f"{expr} AS {name}_stored" for name, expr in combined.items())
    flags = ", ".join(f"{expr} AS {name}" for name, expr in flag_of.items())
    inner = f"""
        SELECT c.id AS candidate_id, c.project_id AS project_id, c.municipality_id AS municipality_id,
          c.gender AS gender, c.nationality AS nationality, (%(p_year)s - c.birth_year) AS age,
          c.arrived_on AS arrived_on, {registered} AS registered_on,
          c.left_on AS left_on, c.left_reason AS left_reason, {dates}, {flags}
        FROM {inner_from}
        WHERE 1 = 1{where}"""
    stored = any(expr != name for name, expr in combined.items())
    made = {
        name: (f"{name}_stored" if stored else getattr(d, how)(a, b))
        for name, (how, a, b) in _COMBINED.items()
    }
    return f"""
        SELECT candidate_id, project_id, municipality_id, gender, nationality, age,
          arrived_on, registered_on, left_on, left_reason, assessed_on,
          {made["matched_on"]} AS matched_on,
          pathway_on, internship_on, internship_ws_on, attached_on, job_on, edu_on AS edu_step_on,
          {made["employed_on"]} AS employed_on,
          {made["employed_last_on"]} AS employed_last_on,
          {made["education_on"]} AS education_on,
          {made["education_last_on"]} AS education_last_on,
          p_assessed,
          CASE WHEN p_pm = 1 OR p_step_matched = 1 THEN 1 ELSE 0 END AS p_matched,
          p_in_pathway, p_internship_ws, p_hired, p_started_education, p_attached, p_fu_employed
        FROM ({inner}) raw"""


def _params(period: Period, d: Dialect) -> dict:
    return {
        "p_from": d.adapt_date(period.first_day),
        "p_to": d.adapt_date(period.end),
        "p_year": period.end.year,
        "tz": settings.TIME_ZONE,
    }


def facts_sql(
    period: Period,
    *,
    project_ids: Iterable[int] | None = None,
    candidate_ids: Iterable[int] | None = None,
    candidate_sql: str | None = None,
    dialect: Dialect | None = None,
) -> FactsQuery:
    """One row per candidate with milestone dates (up to ``period.end``) and period flags, from the records.

    Columns: ``candidate_id, project_id, municipality_id, gender, nationality, age,
    arrived_on, registered_on, left_on, left_reason`` and the first dates (NULL when not
    reached by the end of the period) ``assessed_on`` (signed-off assessment),
    ``matched_on``, ``pathway_on``, ``internship_on`` (internship only), ``internship_ws_on``
    (internship or wage subsidy), ``attached_on`` (a step with an employer), ``job_on`` (job or
    IGU step), ``edu_step_on`` (education or apprenticeship step), ``employed_on`` (job step
    or follow-up "employed"), ``education_on`` (education step or follow-up "in education"),
    the latest dates ``employed_last_on`` and ``education_last_on``, and the 0/1 flags
    ``p_assessed, p_matched, p_in_pathway, p_internship_ws, p_hired, p_started_education,
    p_attached, p_fu_employed`` for events inside the period.

    When the period has no first day every flag is "the first date is set", so the flags
    are not aggregated separately (a third fewer expressions over the steps).
    """
    d = dialect or Dialect()
    params = _params(period, d)
    scope = _scope(params, project_ids, candidate_ids, candidate_sql)
    open_start = period.start is None
    sources = _sources(period, scope, d, flags=not open_start)
    source_of = {name: f"st.{name}" for name in _STEP_DATES}
    source_of |= {name: f"fu.{name}" for name in _FU_DATES}
    source_of |= {
        "assessed_on": "asm.assessed_on",
        "pm_on": "pm.pm_on" if "pm" in sources else "CAST(NULL AS date)",
    }
    alias_of = {"p_fu_employed": "fu", "p_assessed": "asm", "p_pm": "pm"}
    flag_of = {}
    for name, first in _FLAG_FIRST.items():
        if name == "p_pm" and "pm" not in sources:
            flag_of[name] = "0"
        elif open_start:
            flag_of[name] = f"CASE WHEN {source_of[first]} IS NOT NULL THEN 1 ELSE 0 END"
        else:
            flag_of[name] = f"COALESCE({alias_of.get(name, 'st')}.{name}, 0)"
    sql = _facts(_joined(sources), scope.candidate, source_of, flag_of, d)
    return FactsQuery(sql=sql, params=params)


def _candidate_table() -> str:
    return apps.get_model("candidates", "Candidate")._meta.db_table


def _bind(params: dict, prefix: str, values: Iterable[int]) -> str:
    values = [int(v) for v in values]
    if not values:
        return "NULL"
    for i, value in enumerate(values):
        params[f"{prefix}{i}"] = value
    return ", ".join(f"%({prefix}{i})s" for i in range(len(values)))


def as_date(value) -> datetime.date | None:
    """A date from either backend (SQLite returns ISO strings for computed columns)."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])
