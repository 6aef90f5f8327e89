"""The programme figures, aggregated in the database: one query per figure family.

1. The milestones of every candidate in scope (``pathways.milestones.facts_sql``) are put
   into a temporary table once, with each person's status and age group.
2. **Persons**: every person figure for the period and cumulated to its end, by project,
   municipality, gender, origin, age group and status (one ``UNION ALL`` query over the
   temporary table; each person is in exactly one row per breakdown, so the rows of a
   breakdown add up to the total).
3. **Months**: persons reaching each figure for the first time, month by month.
4. **Durations**: days from arrival to the first internship and the first job, median and
   quartiles per breakdown (window functions, nearest rank).
5. **Companies**: distinct companies contacted and hosting, by project and municipality,
   and month by month.

Nothing loops over persons in Python; Python only reshapes the aggregated rows.
"""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction

from talentbridge.employers.models import Interaction, Site
from talentbridge.pathways.milestones import Dialect, Period, facts_sql
from talentbridge.pathways.status import STATUS_SQL

from .figures import COMPANY_FIGURES, DURATION_FIGURES, FUNNEL, PERSON_FIGURES

#: Age groups of the reports, by age reached in the year the period ends.
AGE_GROUPS = (
    ("under 25", 0, 24),
    ("25-34", 25, 34),
    ("35-44", 35, 44),
    ("45-54", 45, 54),
    ("55+", 55, 999),
)
PERSON_DIMENSIONS = ("all", "project", "municipality", "gender", "origin", "age_group", "status")
DURATION_DIMENSIONS = ("all", "project", "municipality", "gender", "origin", "age_group")
COMPANY_DIMENSIONS = ("all", "project", "municipality")
_KEY = {
    "all": "NULL",
    "project": "project_id",
    "municipality": "municipality_id",
    "gender": "gender",
    "origin": "nationality",
    "age_group": "age_group",
    "status": "status",
}
_DURATION_SQL = {
    "days_to_first_internship": ("internship_on", "arrived_on"),
    "days_to_first_job": ("job_on", "arrived_on"),
}


def _text(expr: str) -> str:
    return f"CAST({expr} AS VARCHAR(40))"


def _age_group_sql() -> str:
    cases = " ".join(
        f"WHEN age BETWEEN {low} AND {high} THEN '{label}'" for label, low, high in AGE_GROUPS
    )
    return f"CASE {cases} ELSE 'unknown' END"


@dataclass
class Quartiles:
    n: int
    q1: int | None
    median: int | None
    q3: int | None


@dataclass
class ProgrammeFigures:
    """The aggregated figures of one scope and period. Keys of breakdowns are strings."""

    period: Period
    project_ids: list[int]
    # persons[dim][key][figure] and cumulative[dim][key][figure]; key "" for dim "all"
    persons: dict = field(default_factory=dict)
    cumulative: dict = field(default_factory=dict)
    funnel: dict = field(default_factory=dict)  # funnel[dim][key][stage]
    months: dict = field(default_factory=dict)  # months[figure][month "YYYY-MM" or "before"] = new
    durations: dict = field(default_factory=dict)  # durations[dim][key][figure] = Quartiles
    companies: dict = field(default_factory=dict)  # companies[dim][key][figure]
    companies_cumulative: dict = field(default_factory=dict)

    def value(self, figure: str, dim: str = "all", key: str = "") -> int:
        table = self.companies if figure.startswith("companies_") else self.persons
        return table.get(dim, {}).get(key, {}).get(figure, 0)

    def cumulative_value(self, figure: str, dim: str = "all", key: str = "") -> int:
        table = self.companies_cumulative if figure.startswith("companies_") else self.cumulative
        return table.get(dim, {}).get(key, {}).get(figure, 0)

    def month_list(self) -> list[str]:
        """Every month of the period (from the first month with data when the period is open)."""
        seen = sorted({m for series in self.months.values() for m in series if m != "before"})
        if self.period.start:
            first = self.period.start.replace(day=1)
        elif seen:
            first = datetime.date.fromisoformat(seen[0] + "-01")
        else:
            first = self.period.end.replace(day=1)
        months, day = [], first
        while day <= self.period.end:
            months.append(day.strftime("%Y-%m"))
            day = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return months

    def series(self, figure: str) -> list[tuple[str, int, int]]:
        """(month, new in the month, running total) for every month of the period."""
        data = self.months.get(figure, {})
        total = data.get("before", 0)
        out = []
        for month in self.month_list():
            new = data.get(month, 0)
            total += new
            out.append((month, new, total))
        return out


def _fetch(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _person_counts(table: str, params: dict, figures: ProgrammeFigures) -> None:
    participants = next(f for f in PERSON_FIGURES if f.key == "participants").period_sql
    columns = []
    for f in PERSON_FIGURES:
        columns.append(f"SUM(CASE WHEN {f.period_sql} THEN 1 ELSE 0 END)")
        columns.append(f"SUM(CASE WHEN {f.first_column} <= %(p_to)s THEN 1 ELSE 0 END)")
    reached = {
        "assessed": "1 = 1",
        "matched": "(matched_on IS NOT NULL OR pathway_on IS NOT NULL OR employed_on IS NOT NULL "
        "OR education_on IS NOT NULL)",
        "in_pathway": "(pathway_on IS NOT NULL OR employed_on IS NOT NULL OR education_on IS NOT NULL)",
        "employed": "employed_on IS NOT NULL",
    }
    for stage in FUNNEL:
        columns.append(
            f"SUM(CASE WHEN assessed_on >= %(p_from)s AND {reached[stage]} THEN 1 ELSE 0 END)"
        )
    select = ", ".join(columns)
    parts = []
    for dim in PERSON_DIMENSIONS:
        key = _KEY[dim]
        where = f" WHERE {participants}" if dim == "status" else ""
        group = "" if dim == "all" else f" GROUP BY {key}"
        parts.append(f"SELECT '{dim}', {_text(key)}, {select} FROM {table}{where}{group}")
    n = len(PERSON_FIGURES)
    for row in _fetch(" UNION ALL ".join(parts), params):
        dim, key, values = row[0], "" if row[1] is None else str(row[1]), row[2:]
        if dim == "status" and key == "":
            continue
        values = [int(v or 0) for v in values]
        figures.persons.setdefault(dim, {})[key] = {
            f.key: values[2 * i] for i, f in enumerate(PERSON_FIGURES)
        }
        figures.cumulative.setdefault(dim, {})[key] = {
            f.key: values[2 * i + 1] for i, f in enumerate(PERSON_FIGURES)
        }
        figures.funnel.setdefault(dim, {})[key] = dict(zip(FUNNEL, values[2 * n :], strict=True))


def _person_months(table: str, params: dict, dialect: Dialect, figures: ProgrammeFigures) -> None:
    parts = []
    for f in PERSON_FIGURES:
        col = f.first_column
        month = f"CASE WHEN {col} < %(p_from)s THEN 'before' ELSE {dialect.month_of(col)} END"
        parts.append(f"SELECT '{f.key}' AS fig, {month} AS m FROM {table} WHERE {col} <= %(p_to)s")
    sql = f"SELECT fig, m, COUNT(*) FROM ({' UNION ALL '.join(parts)}) x GROUP BY fig, m"
    for fig, month, n in _fetch(sql, params):
        figures.months.setdefault(fig, {})[month] = int(n)


def _durations(table: str, params: dict, dialect: Dialect, figures: ProgrammeFigures) -> None:
    parts = []
    for f in DURATION_FIGURES:
        start, arrival = _DURATION_SQL[f.key]
        days = dialect.days_between(start, arrival)
        where = f"{start} >= %(p_from)s AND {arrival} IS NOT NULL AND {start} >= {arrival}"
        for dim in DURATION_DIMENSIONS:
            parts.append(
                f"SELECT '{dim}' AS dim, {_text(_KEY[dim])} AS k, '{f.key}' AS fig, {days} AS v "
                f"FROM {table} WHERE {where}"
            )
    sql = f"""
        SELECT dim, k, fig, MAX(n),
          MAX(CASE WHEN rn = (n + 3) / 4 THEN v END),
          MAX(CASE WHEN rn = (n + 1) / 2 THEN v END),
          MAX(CASE WHEN rn = (3 * n + 3) / 4 THEN v END)
        FROM (SELECT dim, k, fig, v,
                ROW_NUMBER() OVER (PARTITION BY dim, k, fig ORDER BY v) AS rn,
                COUNT(*) OVER (PARTITION BY dim, k, fig) AS n
              FROM ({" UNION ALL ".join(parts)}) d) r
        GROUP BY dim, k, fig"""
    for dim, key, fig, n, q1, median, q3 in _fetch(sql, params):
        key = "" if key is None else str(key)
        figures.durations.setdefault(dim, {}).setdefault(key, {})[fig] = Quartiles(
            int(n), _int(q1), _int(median), _int(q3)
        )


def _int(value) -> int | None:
    return None if value is None else int(value)


def _companies(
    params: dict, project_filter: str, dialect: Dialect, figures: ProgrammeFigures
) -> None:
    interaction, site = Interaction._meta.db_table, Site._meta.db_table
    hosting = "i.kind = 'hosting'"
    select = (
        "COUNT(DISTINCT CASE WHEN i.date >= %(p_from)s THEN i.employer_id END), "
        f"COUNT(DISTINCT CASE WHEN {hosting} AND i.date >= %(p_from)s THEN i.employer_id END), "
        "COUNT(DISTINCT i.employer_id), "
        f"COUNT(DISTINCT CASE WHEN {hosting} THEN i.employer_id END)"
    )
    where = f"WHERE i.date <= %(p_to)s{project_filter}"
    sql = f"""
        SELECT 'all', {_text("NULL")}, {select} FROM {interaction} i {where}
        UNION ALL
        SELECT 'project', {_text("i.project_id")}, {select} FROM {interaction} i {where} GROUP BY i.project_id
        UNION ALL
        SELECT 'municipality', {_text("s.municipality_id")}, {select}
        FROM {interaction} i JOIN (SELECT DISTINCT employer_id, municipality_id FROM {site}) s
          ON s.employer_id = i.employer_id
        {where} GROUP BY s.municipality_id"""
    keys = [f.key for f in COMPANY_FIGURES]
    for dim, key, contacted, hosting_n, contacted_cum, hosting_cum in _fetch(sql, params):
        key = "" if key is None else str(key)
        figures.companies.setdefault(dim, {})[key] = dict(
            zip(keys, (int(contacted), int(hosting_n)), strict=True)
        )
        figures.companies_cumulative.setdefault(dim, {})[key] = dict(
            zip(keys, (int(contacted_cum), int(hosting_cum)), strict=True)
        )
    months = []
    for key, condition in (("companies_contacted", ""), ("companies_hosting", f" AND {hosting}")):
        first = f"(SELECT i.employer_id, MIN(i.date) AS first FROM {interaction} i {where}{condition} GROUP BY i.employer_id)"
        month = f"CASE WHEN first < %(p_from)s THEN 'before' ELSE {dialect.month_of('first')} END"
        months.append(f"SELECT '{key}' AS fig, {month} AS m FROM {first} x")
    sql = f"SELECT fig, m, COUNT(*) FROM ({' UNION ALL '.join(months)}) y GROUP BY fig, m"
    for fig, month, n in _fetch(sql, params):
        figures.months.setdefault(fig, {})[month] = int(n)


def compute(project_ids: Iterable[int], period: Period) -> ProgrammeFigures:
    """All figures of the projects ``project_ids`` for ``period``, in six queries."""
    project_ids = sorted({int(p) for p in project_ids})
    figures = ProgrammeFigures(period=period, project_ids=project_ids)
    dialect = Dialect()
    facts = facts_sql(period, project_ids=project_ids, dialect=dialect)
    params = facts.params
    table = "tb_facts_" + uuid.uuid4().hex[:12]
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE {table} AS "
                f"SELECT f.*, {STATUS_SQL} AS status, {_age_group_sql()} AS age_group FROM ({facts.sql}) f",
                params,
            )
        try:
            _person_counts(table, params, figures)
            _person_months(table, params, dialect, figures)
            _durations(table, params, dialect, figures)
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP TABLE {table}")
    names = [f"%(proj{i})s" for i in range(len(project_ids))]
    project_filter = f" AND i.project_id IN ({', '.join(names) or 'NULL'})"
    _companies(params, project_filter, dialect, figures)
    return figures


def group_totals(figures: ProgrammeFigures) -> dict:
    """Sum of each breakdown's rows per figure: equals the total, since each person is in one row."""
    sums: dict = defaultdict(lambda: defaultdict(int))
    for dim, rows in figures.persons.items():
        if dim in ("all", "status"):
            continue
        for values in rows.values():
            for key, value in values.items():
                sums[dim][key] += value
    return sums
