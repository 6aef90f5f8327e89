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
import functools
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction

from talentbridge.employers.models import Interaction, Site
from talentbridge.pathways.milestones import (
    Dialect,
    Period,
    cached_facts_sql,
    ensure_fresh,
    facts_sql,
    future_candidates_sql,
)
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
#: Person figures counted month by month (first time reached); companies are always.
MONTH_FIGURES = (
    "participants",
    "assessed",
    "matched",
    "in_pathway",
    "hired",
    "started_education",
    "employed",
)
#: The dashboard's chart of running totals.
SUMMARY_MONTH_FIGURES = ("participants", "assessed", "in_pathway", "employed")
PERSON_DIMENSIONS = ("all", "project", "municipality", "gender", "origin", "age_group", "status")
DURATION_DIMENSIONS = ("all", "project", "gender", "origin", "age_group")
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
    # Byte order ("C") on PostgreSQL: the keys are codes, and sorting them by the language's
    # collation would cost more than the rest of the query.
    collate = ' COLLATE "C"' if connection.vendor == "postgresql" else ""
    return f"CAST({expr} AS VARCHAR(40)){collate}"


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
    # False for the dashboard's summary: no breakdown by municipality, months only for the
    # chart's four figures, durations only overall, companies only overall and by project.
    detail: bool = True
    # persons[dim][key][figure] and cumulative[dim][key][figure]; key "" for dim "all"
    persons: dict = field(default_factory=dict)
    cumulative: dict = field(default_factory=dict)
    funnel: dict = field(default_factory=dict)  # funnel[dim][key][stage]
    months: dict = field(default_factory=dict)  # months[figure][month "YYYY-MM" or "before"] = new
    durations: dict = field(default_factory=dict)  # durations[dim][key][figure] = Quartiles
    companies: dict = field(default_factory=dict)  # companies[dim][key][figure]
    companies_cumulative: dict = field(default_factory=dict)

    @functools.cached_property
    def bounds(self) -> tuple[str, str]:
        """The period's first and last day as ISO strings (dates compare as text)."""
        return self.period.first_day.isoformat(), self.period.end.isoformat()

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


def _grouped(
    dialect: Dialect,
    table: str,
    dims: list[tuple[str, str]],
    select: list[str],
    *,
    where: str = "",
    extra: str | None = None,
) -> str:
    """SELECT dim, key[, extra], *select grouped by each of ``dims`` (name, expression) in turn.

    PostgreSQL reads the table once (GROUPING SETS); SQLite gets one branch per dimension.
    The dimension "all" (expression NULL) is the grand total. ``extra`` is grouped by in
    every set (the day of a histogram, for example).
    """
    where = f" WHERE {where}" if where else ""
    columns = ", ".join(select)
    tail = f", {extra}" if extra else ""
    tail_as = f", {extra} AS v" if extra else ""
    if not dialect.postgres or all(name == "all" for name, _expr in dims):
        parts = []
        for name, expr in dims:
            keys = [k for k in ((None if name == "all" else expr), extra) if k]
            group = f" GROUP BY {', '.join(keys)}" if keys else ""
            parts.append(
                f"SELECT '{name}' AS dim, {_text(expr)} AS k{tail_as}, {columns} FROM {table}{where}{group}"
            )
        return " UNION ALL ".join(parts)
    exprs = [expr for name, expr in dims if name != "all"]
    n = len(exprs)
    grouping = f"GROUPING({', '.join(exprs)})"
    dim_cases, key_cases = [], []
    for i, (name, expr) in enumerate((nm, ex) for nm, ex in dims if nm != "all"):
        mask = (2**n - 1) - 2 ** (n - 1 - i)
        dim_cases.append(f"WHEN {mask} THEN '{name}'")
        key_cases.append(f"WHEN {mask} THEN {_text(expr)}")
    sets = [f"({expr}{tail})" for expr in exprs]
    if any(nm == "all" for nm, _ in dims):
        sets.append(f"({extra})" if extra else "()")
    dim = _text(f"CASE {grouping} {' '.join(dim_cases)} ELSE 'all' END")
    return (
        f"SELECT {dim} AS dim, "
        f"CASE {grouping} {' '.join(key_cases)} END AS k{tail_as}, {columns} "
        f"FROM {table}{where} GROUP BY GROUPING SETS ({', '.join(sets)})"
    )


def _facts_columns(dialect: Dialect, open_start: bool) -> str:
    """Per-person 0/1 columns of every figure and funnel stage, and the days to the first job.

    Without a first day the cumulative columns equal the period's (``c_*`` is not made).
    """
    columns = [f"{STATUS_SQL} AS status", f"{_age_group_sql()} AS age_group"]
    for f in PERSON_FIGURES:
        columns.append(f"CASE WHEN {f.period_sql} THEN 1 ELSE 0 END AS f_{f.key}")
        if not open_start:
            columns.append(f"CASE WHEN {f.first_column} <= %(p_to)s THEN 1 ELSE 0 END AS c_{f.key}")
    reached = {
        "assessed": "1 = 1",
        "matched": "(matched_on IS NOT NULL OR pathway_on IS NOT NULL OR employed_on IS NOT NULL "
        "OR education_on IS NOT NULL)",
        "in_pathway": "(pathway_on IS NOT NULL OR employed_on IS NOT NULL OR education_on IS NOT NULL)",
        "employed": "employed_on IS NOT NULL",
    }
    for stage in FUNNEL:
        columns.append(
            f"CASE WHEN assessed_on >= %(p_from)s AND {reached[stage]} THEN 1 ELSE 0 END AS s_{stage}"
        )
    for key, (start, arrival) in _DURATION_SQL.items():
        columns.append(
            f"CASE WHEN {start} >= %(p_from)s AND {arrival} IS NOT NULL AND {start} >= {arrival} "
            f"THEN {dialect.days_between(start, arrival)} END AS d_{key}"
        )
    return ", ".join(columns)


def _dims(names) -> list[tuple[str, str]]:
    status = "CASE WHEN f_participants = 1 THEN status END"
    return [(name, status if name == "status" else _KEY[name]) for name in names]


def _person_counts(table: str, params: dict, dialect: Dialect, figures: ProgrammeFigures) -> None:
    open_start = figures.period.start is None
    select = [f"SUM(f_{f.key})" for f in PERSON_FIGURES]
    if not open_start:  # without a first day the cumulative counts are the period's
        select += [f"SUM(c_{f.key})" for f in PERSON_FIGURES]
    select += [f"SUM(s_{stage})" for stage in FUNNEL]
    n = len(PERSON_FIGURES)
    funnel_at = n if open_start else 2 * n
    for row in _fetch(_grouped(dialect, table, _dims(PERSON_DIMENSIONS), select), params):
        dim, key = row[0], "" if row[1] is None else str(row[1])
        if dim == "status" and key == "":
            continue
        values = [int(v or 0) for v in row[2:]]
        period = {f.key: values[i] for i, f in enumerate(PERSON_FIGURES)}
        figures.persons.setdefault(dim, {})[key] = period
        figures.cumulative.setdefault(dim, {})[key] = (
            dict(period)
            if open_start
            else {f.key: values[n + i] for i, f in enumerate(PERSON_FIGURES)}
        )
        figures.funnel.setdefault(dim, {})[key] = dict(zip(FUNNEL, values[funnel_at:], strict=True))


def _summary(table: str, params: dict, dialect: Dialect, figures: ProgrammeFigures) -> None:
    """The dashboard's person figures in one statement: a cube and the months, from one pass.

    The per-person facts are read once into a materialised CTE. Each person is in exactly
    one cell of (project, gender, age group, nationality, status), so adding up the cells of
    a breakdown gives its distinct counts: the roll-ups read a few thousand cells, not a row
    per person. The months (and the days to the first internship and job, as histograms)
    are grouped from the same CTE.
    """
    open_start = figures.period.start is None
    keys = ["project_id", "gender", "age_group", "nationality", "status"]
    dates = [f.first_column for f in PERSON_FIGURES if f.key in SUMMARY_MONTH_FIGURES]
    days = [f"d_{f.key}" for f in DURATION_FIGURES]
    if open_start:
        # Without a first day a figure's count is its cumulative one: persons whose first
        # date is on or before the end (the registry's ``first_column``). Summing that
        # comparison is cheaper than carrying a flag per figure through the CTE.
        firsts = list(dict.fromkeys(f.first_column for f in PERSON_FIGURES))
        columns = keys + firsts + [f"s_{stage}" for stage in FUNNEL] + dates + days
        select = [
            f"CASE WHEN {f.first_column} <= %(p_to)s THEN 1 ELSE 0 END" for f in PERSON_FIGURES
        ]
    else:
        select = [f"f_{f.key}" for f in PERSON_FIGURES] + [f"c_{f.key}" for f in PERSON_FIGURES]
        columns = keys + select + [f"s_{stage}" for stage in FUNNEL] + dates + days
    select += [f"s_{stage}" for stage in FUNNEL]
    names = [f"v{i}" for i in range(len(select))]
    sums = ", ".join(f"SUM({col}) AS {name}" for col, name in zip(select, names, strict=True))
    roll_up = _grouped(
        dialect,
        "cube",
        [
            ("all", "NULL"),
            ("project", "project_id"),
            ("gender", "gender"),
            ("age_group", "age_group"),
            ("origin", "nationality"),
            ("status", "status"),
        ],
        [f"SUM({name})" for name in names],
    )
    month_dims = [(f.key, f.first_column) for f in PERSON_FIGURES if f.key in SUMMARY_MONTH_FIGURES]
    month_dims += [(f"days:{f.key}", f"d_{f.key}") for f in DURATION_FIGURES]
    padding = ", ".join(["CAST(NULL AS BIGINT)"] * (len(names) - 1))
    months = _grouped(dialect, "facts", month_dims, ["COUNT(*)"] + ([padding] if padding else []))
    sql = (
        f"WITH facts AS MATERIALIZED (SELECT {', '.join(dict.fromkeys(columns))} FROM {table}), "
        f"cube AS (SELECT {', '.join(keys)}, {sums} FROM facts GROUP BY {', '.join(keys)}) "
        f"SELECT 'p', r.* FROM ({roll_up}) r UNION ALL SELECT 'm', m.* FROM ({months}) m"
    )
    n = len(PERSON_FIGURES)
    funnel_at = n if open_start else 2 * n
    histograms: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row in _fetch(sql, params):
        part, dim, key = row[0], row[1], row[2]
        if part == "m":
            if dim.startswith("days:"):
                if key is not None:
                    histograms[dim[5:]].append((int(key), int(row[3])))
            else:
                _add_to_month(figures, dim, key, int(row[3]))
            continue
        key = "" if key is None else str(key)
        values = [int(v or 0) for v in row[3:]]
        period = {f.key: values[i] for i, f in enumerate(PERSON_FIGURES)}
        if dim == "status":
            # The status of participants only, as in the detailed report.
            if key and period["participants"]:
                figures.persons.setdefault(dim, {})[key] = {"participants": period["participants"]}
            continue
        figures.persons.setdefault(dim, {})[key] = period
        figures.cumulative.setdefault(dim, {})[key] = (
            dict(period)
            if open_start
            else {f.key: values[n + i] for i, f in enumerate(PERSON_FIGURES)}
        )
        figures.funnel.setdefault(dim, {})[key] = dict(zip(FUNNEL, values[funnel_at:], strict=True))
    for fig, histogram in histograms.items():
        figures.durations.setdefault("all", {}).setdefault("", {})[fig] = quartiles(histogram)


def _person_months(table: str, params: dict, dialect: Dialect, figures: ProgrammeFigures) -> None:
    # Group by the first dates themselves and add the days up to months here: formatting
    # a month per person and figure costs the database more than this small sum.
    dims = [(f.key, f.first_column) for f in PERSON_FIGURES if f.key in MONTH_FIGURES]
    for fig, day, n in _fetch(_grouped(dialect, table, dims, ["COUNT(*)"]), params):
        _add_to_month(figures, fig, day, int(n))


def quartiles(histogram: list[tuple[int, int]]) -> Quartiles:
    """Nearest-rank quartiles from (value, count) pairs: the smallest value whose running count
    reaches q × n (the same definition as PostgreSQL's ``percentile_disc``)."""
    histogram = sorted(histogram)
    n = sum(count for _value, count in histogram)
    result, running = [], 0
    targets = iter([(1, 4), (1, 2), (3, 4)])
    numerator, denominator = next(targets)
    for value, count in histogram:
        running += count
        while denominator and running * denominator >= numerator * n:
            result.append(value)
            numerator, denominator = next(targets, (0, 0))
    return Quartiles(n, *result)


def _add_to_month(figures: ProgrammeFigures, fig: str, day, n: int) -> None:
    """Add ``n`` first times on ``day`` to the figure's month (or to "before" the period)."""
    if day is None:
        return
    day = str(day)[:10]
    first, end = figures.bounds
    if day > end:
        return
    month = "before" if day < first else day[:7]
    series = figures.months.setdefault(fig, {})
    series[month] = series.get(month, 0) + n


def _quartiles_sql(histogram: str) -> str:
    """Nearest-rank quartiles from a histogram (dim, k, fig, v, n): the same SQL on both databases.

    The q-quantile is the smallest value whose cumulative count reaches q × n.
    """
    return f"""
        SELECT dim, k, fig, MAX(total),
          MIN(CASE WHEN 4 * cum >= total THEN v END),
          MIN(CASE WHEN 2 * cum >= total THEN v END),
          MIN(CASE WHEN 4 * cum >= 3 * total THEN v END)
        FROM (SELECT dim, k, fig, v,
                SUM(n) OVER (PARTITION BY dim, k, fig ORDER BY v ROWS UNBOUNDED PRECEDING) AS cum,
                SUM(n) OVER (PARTITION BY dim, k, fig) AS total
              FROM ({histogram}) h) c
        GROUP BY dim, k, fig"""


def _durations(table: str, params: dict, dialect: Dialect, figures: ProgrammeFigures) -> None:
    """Median and quartiles (nearest rank) of the days to the first internship and job.

    PostgreSQL: ``percentile_disc`` per grouping set (its definition is nearest rank: the
    first value whose position reaches the fraction). SQLite has no percentiles: the same
    values come from a histogram of days and running sums (:func:`_quartiles_sql`). The
    """
    keys = [f.key for f in DURATION_FIGURES]
    if dialect.postgres:
        select = []
        for key in keys:
            select.append(f"COUNT(d_{key})")
            select += [
                f"percentile_disc({q}) WITHIN GROUP (ORDER BY d_{key})" for q in (0.25, 0.5, 0.75)
            ]
        where = " OR ".join(f"d_{key} IS NOT NULL" for key in keys)
        dims = _dims(DURATION_DIMENSIONS if figures.detail else ("all",))
        for row in _fetch(_grouped(dialect, table, dims, select, where=where), params):
            dim, key = row[0], "" if row[1] is None else str(row[1])
            for i, fig in enumerate(keys):
                n, q1, median, q3 = row[2 + 4 * i : 6 + 4 * i]
                if n:
                    figures.durations.setdefault(dim, {}).setdefault(key, {})[fig] = Quartiles(
                        int(n), _int(q1), _int(median), _int(q3)
                    )
        return
    parts = []
    for key in keys:
        days = f"d_{key}"
        grouped = _grouped(
            dialect,
            table,
            _dims(DURATION_DIMENSIONS),
            ["COUNT(*) AS n"],
            where=f"{days} IS NOT NULL",
            extra=days,
        )
        parts.append(f"SELECT g.dim, g.k, {_text(repr(key))} AS fig, g.v, g.n FROM ({grouped}) g")
    for dim, key, fig, n, q1, median, q3 in _fetch(
        _quartiles_sql(" UNION ALL ".join(parts)), params
    ):
        key = "" if key is None else str(key)
        figures.durations.setdefault(dim, {}).setdefault(key, {})[fig] = Quartiles(
            int(n), _int(q1), _int(median), _int(q3)
        )


def _int(value) -> int | None:
    return None if value is None else int(value)


def _companies_summary(params: dict, names: list[str], figures: ProgrammeFigures) -> None:
    """Distinct companies overall and by project, with COUNT(DISTINCT): the dashboard's share."""
    interaction = Interaction._meta.db_table
    where = f"WHERE i.date <= %(p_to)s AND i.project_id IN ({', '.join(names) or 'NULL'})"
    columns = [
        "COUNT(DISTINCT CASE WHEN i.date >= %(p_from)s THEN i.employer_id END)",
        "COUNT(DISTINCT CASE WHEN i.kind = 'hosting' AND i.date >= %(p_from)s THEN i.employer_id END)",
    ]
    open_start = figures.period.start is None
    if not open_start:
        columns += [
            "COUNT(DISTINCT i.employer_id)",
            "COUNT(DISTINCT CASE WHEN i.kind = 'hosting' THEN i.employer_id END)",
        ]
    select = ", ".join(columns)
    sql = (
        f"SELECT 'all', {_text('NULL')}, {select} FROM {interaction} i {where} UNION ALL "
        f"SELECT 'project', {_text('i.project_id')}, {select} FROM {interaction} i {where} GROUP BY i.project_id"
    )
    keys = [f.key for f in COMPANY_FIGURES]
    for row in _fetch(sql, params):
        dim, key, values = (
            row[0],
            "" if row[1] is None else str(row[1]),
            [int(v or 0) for v in row[2:]],
        )
        figures.companies.setdefault(dim, {})[key] = dict(zip(keys, values[:2], strict=True))
        figures.companies_cumulative.setdefault(dim, {})[key] = dict(
            zip(keys, values[:2] if open_start else values[2:], strict=True)
        )


def _companies(params: dict, names: list[str], dialect: Dialect, figures: ProgrammeFigures) -> None:
    """Distinct companies, in one statement: per company and project, per company, then counted.

    ``pairs`` holds a row per company and project (``project_id`` set) and one per company
    (``project_id`` NULL): GROUPING SETS on PostgreSQL, two branches on SQLite.
    """
    interaction, site = Interaction._meta.db_table, Site._meta.db_table
    flags = (
        "MAX(CASE WHEN i.date >= %(p_from)s THEN 1 ELSE 0 END) AS contacted, "
        "MAX(CASE WHEN i.kind = 'hosting' AND i.date >= %(p_from)s THEN 1 ELSE 0 END) AS hosting, "
        "MAX(CASE WHEN i.kind = 'hosting' THEN 1 ELSE 0 END) AS hosting_cum, "
        "MIN(i.date) AS first_contact, MIN(CASE WHEN i.kind = 'hosting' THEN i.date END) AS first_hosting"
    )
    where = f"WHERE i.date <= %(p_to)s AND i.project_id IN ({', '.join(names) or 'NULL'})"
    if dialect.postgres:
        pairs = (
            f"SELECT i.employer_id AS employer_id, i.project_id AS project_id, {flags} FROM {interaction} i {where} "
            "GROUP BY GROUPING SETS ((i.employer_id, i.project_id), (i.employer_id))"
        )
    else:
        pairs = (
            f"SELECT i.employer_id AS employer_id, i.project_id AS project_id, {flags} FROM {interaction} i {where} "
            f"GROUP BY i.employer_id, i.project_id UNION ALL "
            f"SELECT i.employer_id, NULL, {flags} FROM {interaction} i {where} GROUP BY i.employer_id"
        )
    counts = "SUM(contacted), SUM(hosting), COUNT(*), SUM(hosting_cum)"
    none = "CAST(NULL AS BIGINT)"
    fields = ", ".join([none] * 4)
    branches = [
        f"SELECT 'all', {_text('NULL')}, {counts}, {_text('NULL')}, {none} FROM companies",
        f"SELECT 'project', {_text('project_id')}, {counts}, {_text('NULL')}, {none} FROM pairs "
        "WHERE project_id IS NOT NULL GROUP BY project_id",
    ]
    if figures.detail:
        branches += [
            f"SELECT 'municipality', {_text('s.municipality_id')}, {counts}, {_text('NULL')}, {none} "
            f"FROM companies e JOIN (SELECT DISTINCT employer_id, municipality_id FROM {site}) s "
            "ON s.employer_id = e.employer_id GROUP BY s.municipality_id",
            f"SELECT 'month:companies_contacted', NULL, {fields}, {_text('first_contact')}, COUNT(*) "
            "FROM companies GROUP BY first_contact",
            f"SELECT 'month:companies_hosting', NULL, {fields}, {_text('first_hosting')}, COUNT(*) "
            "FROM companies WHERE first_hosting IS NOT NULL GROUP BY first_hosting",
        ]
    sql = (
        f"WITH pairs AS ({pairs}), companies AS (SELECT * FROM pairs WHERE project_id IS NULL) "
        + " UNION ALL ".join(branches)
    )
    keys = [f.key for f in COMPANY_FIGURES]
    for dim, key, contacted, hosting, contacted_cum, hosting_cum, day, n in _fetch(sql, params):
        if dim.startswith("month:"):
            _add_to_month(figures, dim.split(":", 1)[1], day, int(n))
            continue
        key = "" if key is None else str(key)
        figures.companies.setdefault(dim, {})[key] = dict(
            zip(keys, (int(contacted or 0), int(hosting or 0)), strict=True)
        )
        figures.companies_cumulative.setdefault(dim, {})[key] = dict(
            zip(keys, (int(contacted_cum or 0), int(hosting_cum or 0)), strict=True)
        )


def _has_later(params: dict) -> bool:
    """Whether some person in the cache has a milestone after the end (see pathways.milestones)."""
    return bool(_fetch(f"SELECT 1 FROM ({future_candidates_sql()}) x LIMIT 1", params))


def compute(
    project_ids: Iterable[int], period: Period, *, use_cache: bool = True, detail: bool = True
) -> ProgrammeFigures:
    """All figures of the projects ``project_ids`` for ``period``.

    ``detail=False`` computes the dashboard's summary only (see ``ProgrammeFigures.detail``).

    For a period without a first day (the dashboard's default) the per-person facts come from
    the cached milestones and are read in each family's query directly; otherwise they are
    computed from the records once into a temporary table. Then one query per family.
    """
    project_ids = sorted({int(p) for p in project_ids})
    figures = ProgrammeFigures(period=period, project_ids=project_ids, detail=detail)
    dialect = Dialect()
    open_start = period.start is None
    names = [f"%(proj{i})s" for i in range(len(project_ids))]
    temporary = None
    with transaction.atomic():
        with connection.cursor() as cursor:
            if dialect.postgres:
                # A handful of aggregations: compiling them (JIT) costs more than running them,
                # and the per-person hash tables need more than the default 4 MB.
                cursor.execute("SET LOCAL jit = off")
                cursor.execute("SET LOCAL work_mem = '64MB'")
            if use_cache and open_start and project_ids:
                ensure_fresh(project_ids)
                cached = cached_facts_sql(period, project_ids=project_ids, dialect=dialect)
                params, source = dict(cached.params), cached.sql
                if _has_later(params):
                    later = facts_sql(
                        period,
                        project_ids=project_ids,
                        candidate_sql=future_candidates_sql(),
                        dialect=dialect,
                    )
                    params |= later.params
                    source = f"{source} UNION ALL {later.sql}"
                # Cheap to read again: each family reads it in its own query, no table is written.
                table = (
                    f"(SELECT f.*, {_facts_columns(dialect, open_start)} FROM ({source}) f) facts"
                )
            else:
                facts = facts_sql(period, project_ids=project_ids, dialect=dialect)
                params = facts.params
                temporary = table = "tb_facts_" + uuid.uuid4().hex[:12]
                cursor.execute(
                    f"CREATE TEMPORARY TABLE {table} AS "
                    f"SELECT f.*, {_facts_columns(dialect, open_start)} FROM ({facts.sql}) f",
                    params,
                )
        try:
            if detail:
                _person_counts(table, params, dialect, figures)
                _person_months(table, params, dialect, figures)
                _durations(table, params, dialect, figures)
            else:
                _summary(table, params, dialect, figures)
            if detail:
                _companies(params, names, dialect, figures)
            else:
                _companies_summary(params, names, figures)
        finally:
            if temporary:
                with connection.cursor() as cursor:
                    cursor.execute(f"DROP TABLE {temporary}")
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
