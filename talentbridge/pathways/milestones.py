"""Each candidate's milestones, computed in the database: the one source of the status and the figures.

:func:`facts_sql` builds one SELECT that returns a row per candidate with the dates on which
the person first reached each stage (assessed, matched, pathway, internship, job, education)
and, for a reporting period, whether each programme event happened in it. The candidate
status (``pathways.status``) and every person figure of the reports (``reports.figures``) are
expressions over these columns, so "employed" means the same on a candidate's page, in the
API and in the funder's export.

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


def facts_sql(
    period: Period,
    *,
    project_ids: Iterable[int] | None = None,
    candidate_ids: Iterable[int] | None = None,
    dialect: Dialect | None = None,
) -> FactsQuery:
    """One row per candidate with milestone dates (up to ``period.end``) and period flags.

    Columns: ``candidate_id, project_id, municipality_id, gender, nationality, age,
    arrived_on, registered_on, left_on, left_reason`` and the first dates (NULL when not
    reached by the end of the period) ``assessed_on`` (signed-off assessment),
    ``matched_on``, ``pathway_on``, ``internship_on`` (internship only), ``internship_ws_on``
    (internship or wage subsidy), ``attached_on`` (a step with an employer), ``job_on`` (job or
    IGU step), ``edu_step_on`` (education or apprenticeship step), ``employed_on`` (job step
    or follow-up "employed"), ``education_on`` (education step or follow-up "in education"),
    the latest dates ``employed_last_on`` and ``education_last_on``, and the 0/1 flags ``p_assessed, p_matched, p_in_pathway,
    p_internship_ws, p_hired, p_started_education, p_attached, p_fu_employed`` for events
    inside the period.
    """
    d = dialect or Dialect()
    params: dict = {
        "p_from": d.adapt_date(period.first_day),
        "p_to": d.adapt_date(period.end),
        "p_year": period.end.year,
        "tz": settings.TIME_ZONE,
    }
    step_filter, cand_filter = "", ""
    if project_ids is not None:
        names = _bind(params, "proj", project_ids)
        step_filter += f" AND s.project_id IN ({names})"
        cand_filter += f" AND c.project_id IN ({names})"
    if candidate_ids is not None:
        names = _bind(params, "cand", candidate_ids)
        step_filter += f" AND s.candidate_id IN ({names})"
        cand_filter += f" AND c.id IN ({names})"

    step = PathwayStep._meta.db_table
    follow_up = FollowUp._meta.db_table
    assessment = apps.get_model("candidates", "Assessment")._meta.db_table
    candidate = apps.get_model("candidates", "Candidate")._meta.db_table
    overlaps = "(s.ends_on IS NULL OR s.ends_on >= %(p_from)s)"
    starts_in = "s.starts_on >= %(p_from)s"
    pathway, job, edu, internship_ws = (
        _in(PATHWAY_KINDS),
        _in(EMPLOYMENT_KINDS),
        _in(EDUCATION_KINDS),
        _in(INTERNSHIP_OR_SUBSIDY_KINDS),
    )
    steps = f"""
        SELECT s.candidate_id AS candidate_id,
          MIN(CASE WHEN s.kind IN {pathway} THEN s.starts_on END) AS pathway_on,
          MIN(CASE WHEN s.kind = 'internship' THEN s.starts_on END) AS internship_on,
          MIN(CASE WHEN s.kind IN {internship_ws} THEN s.starts_on END) AS internship_ws_on,
          MIN(CASE WHEN s.employer_id IS NOT NULL THEN s.starts_on END) AS attached_on,
          MIN(CASE WHEN s.kind IN {job} THEN s.starts_on END) AS job_on,
          MAX(CASE WHEN s.kind IN {job} THEN s.starts_on END) AS job_last_on,
          MIN(CASE WHEN s.kind IN {edu} THEN s.starts_on END) AS edu_on,
          MAX(CASE WHEN s.kind IN {edu} THEN s.starts_on END) AS edu_last_on,
          MIN(CASE WHEN s.source_match_id IS NOT NULL THEN s.starts_on END) AS step_matched_on,
          MAX(CASE WHEN s.kind IN {pathway} AND {overlaps} THEN 1 ELSE 0 END) AS p_in_pathway,
          MAX(CASE WHEN s.kind IN {internship_ws} AND {overlaps} THEN 1 ELSE 0 END) AS p_internship_ws,
          MAX(CASE WHEN s.kind IN {job} AND {starts_in} THEN 1 ELSE 0 END) AS p_hired,
          MAX(CASE WHEN s.kind IN {edu} AND {starts_in} THEN 1 ELSE 0 END) AS p_started_education,
          MAX(CASE WHEN s.employer_id IS NOT NULL AND {overlaps} THEN 1 ELSE 0 END) AS p_attached,
          MAX(CASE WHEN s.source_match_id IS NOT NULL AND {starts_in} THEN 1 ELSE 0 END) AS p_step_matched
        FROM {step} s
        WHERE s.starts_on <= %(p_to)s{step_filter}
        GROUP BY s.candidate_id"""
    follow_ups = f"""
        SELECT s.candidate_id AS candidate_id,
          MIN(CASE WHEN f.outcome = 'employed' THEN f.done_on END) AS fu_emp_on,
          MAX(CASE WHEN f.outcome = 'employed' THEN f.done_on END) AS fu_emp_last_on,
          MIN(CASE WHEN f.outcome = 'in_education' THEN f.done_on END) AS fu_edu_on,
          MAX(CASE WHEN f.outcome = 'in_education' THEN f.done_on END) AS fu_edu_last_on,
          MAX(CASE WHEN f.outcome = 'employed' AND f.done_on >= %(p_from)s THEN 1 ELSE 0 END) AS p_fu_employed
        FROM {follow_up} f JOIN {step} s ON s.id = f.step_id
        WHERE f.done_on IS NOT NULL AND f.done_on <= %(p_to)s
          AND f.outcome IN ('employed', 'in_education'){step_filter}
        GROUP BY s.candidate_id"""
    assessed_day = f"COALESCE(a.assessed_on, {d.date_of('a.signed_off_at')})"
    assessments = f"""
        SELECT a.candidate_id AS candidate_id, MIN(a.day) AS assessed_on,
          MAX(CASE WHEN a.day >= %(p_from)s THEN 1 ELSE 0 END) AS p_assessed
        FROM (SELECT a.candidate_id, {assessed_day} AS day FROM {assessment} a
              WHERE a.status = 'signed_off') a
        WHERE a.day <= %(p_to)s
        GROUP BY a.candidate_id"""
    matches_join, match_cols = "", "CAST(NULL AS date) AS pm_on, 0 AS p_pm"
    source = match_source()
    if source:
        table, cand_col, status_col, date_col = source
        matched_day = d.date_of(f"m.{date_col}")
        matches = f"""
            SELECT m.candidate_id AS candidate_id, MIN(m.day) AS pm_on,
              MAX(CASE WHEN m.day >= %(p_from)s THEN 1 ELSE 0 END) AS p_pm
            FROM (SELECT m.{cand_col} AS candidate_id, {matched_day} AS day FROM {table} m
                  WHERE m.{status_col} IN {_in(MATCHED_STATUSES)}) m
            WHERE m.day <= %(p_to)s
            GROUP BY m.candidate_id"""
        matches_join = f" LEFT JOIN ({matches}) pm ON pm.candidate_id = c.id"
        match_cols = "pm.pm_on AS pm_on, COALESCE(pm.p_pm, 0) AS p_pm"

    inner = f"""
        SELECT c.id AS candidate_id, c.project_id AS project_id, c.municipality_id AS municipality_id,
          c.gender AS gender, c.nationality AS nationality, (%(p_year)s - c.birth_year) AS age,
          c.arrived_on AS arrived_on, {d.date_of("c.created_at")} AS registered_on,
          c.left_on AS left_on, c.left_reason AS left_reason,
          st.pathway_on, st.internship_on, st.internship_ws_on, st.attached_on, st.job_on, st.job_last_on, st.edu_on, st.edu_last_on,
          st.step_matched_on,
          COALESCE(st.p_in_pathway, 0) AS p_in_pathway, COALESCE(st.p_internship_ws, 0) AS p_internship_ws,
          COALESCE(st.p_hired, 0) AS p_hired, COALESCE(st.p_started_education, 0) AS p_started_education,
          COALESCE(st.p_attached, 0) AS p_attached, COALESCE(st.p_step_matched, 0) AS p_step_matched,
          fu.fu_emp_on, fu.fu_emp_last_on, fu.fu_edu_on, fu.fu_edu_last_on,
          COALESCE(fu.p_fu_employed, 0) AS p_fu_employed,
          asm.assessed_on, COALESCE(asm.p_assessed, 0) AS p_assessed,
          {match_cols}
        FROM {candidate} c
          LEFT JOIN ({steps}) st ON st.candidate_id = c.id
          LEFT JOIN ({follow_ups}) fu ON fu.candidate_id = c.id
          LEFT JOIN ({assessments}) asm ON asm.candidate_id = c.id{matches_join}
        WHERE 1 = 1{cand_filter}"""
    least, greatest = d.least, d.greatest
    sql = f"""
        SELECT candidate_id, project_id, municipality_id, gender, nationality, age,
          arrived_on, registered_on, left_on, left_reason, assessed_on,
          {least("pm_on", "step_matched_on")} AS matched_on,
          pathway_on, internship_on, internship_ws_on, attached_on, job_on, edu_on AS edu_step_on,
          {least("job_on", "fu_emp_on")} AS employed_on,
          {greatest("job_last_on", "fu_emp_last_on")} AS employed_last_on,
          {least("edu_on", "fu_edu_on")} AS education_on,
          {greatest("edu_last_on", "fu_edu_last_on")} AS education_last_on,
          p_assessed,
          CASE WHEN p_pm = 1 OR p_step_matched = 1 THEN 1 ELSE 0 END AS p_matched,
          p_in_pathway, p_internship_ws, p_hired, p_started_education, p_attached, p_fu_employed
        FROM ({inner}) raw"""
    return FactsQuery(sql=sql, params=params)


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
