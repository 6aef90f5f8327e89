"""The programme figures, aggregated in the database: one query per figure family.

1. **Facts**: one row per candidate in scope with the dates of their milestones, each
   person's status and age group, and a 0/1 column per figure (``pathways.milestones``).
   For a period without a first day they come from the cached milestones
   (``pathways.cache``) and are read inside each family's query; otherwise they are
   computed from the records once, into a temporary table.
2. **Persons**: every person figure for the period and cumulated to its end, by project,
   municipality, gender, origin, age group and status. Each person is in exactly one row
   of each breakdown, so the rows of a breakdown add up to the total. PostgreSQL groups
   once with GROUPING SETS; SQLite gets a ``UNION ALL`` branch per breakdown.
3. **Months**: persons reaching each figure for the first time, month by month.
4. **Durations**: days from arrival to the first internship and the first job, median and
   quartiles (nearest rank) per breakdown.
5. **Companies**: distinct companies contacted and hosting (``reports.companies``).

The dashboard asks for a summary (``detail=False``): the persons of 2–4 in one statement
(a cube of project × gender × age group × nationality × status and its roll-ups, the months
and day histograms from the same pass), companies overall and by project.

Nothing loops over persons in Python; Python only reshapes the aggregated rows.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction

from talentbridge.pathways.cache import cached_facts_sql, ensure_fresh, future_candidates_sql
from talentbridge.pathways.milestones import Dialect, Period, facts_sql
from talentbridge.pathways.status import STATUS_SQL

from . import companies
from .figures import DURATION_FIGURES, FUNNEL, PERSON_FIGURES
from .results import ProgrammeFigures, Quartiles, quartiles
from .sql import fetch, grouped, quartiles_sql, text

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


def _age_group_sql() -> str:
    cases = " ".join(
        f"WHEN age BETWEEN {low} AND {high} THEN '{label}'" for label, low, high in AGE_GROUPS
    )
    return f"CASE {cases} ELSE 'unknown' END"


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
    for row in fetch(grouped(dialect, table, _dims(PERSON_DIMENSIONS), select), params):
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
    roll_up = grouped(
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
    months = grouped(dialect, "facts", month_dims, ["COUNT(*)"] + ([padding] if padding else []))
    sql = (
        f"WITH facts AS MATERIALIZED (SELECT {', '.join(dict.fromkeys(columns))} FROM {table}), "
        f"cube AS (SELECT {', '.join(keys)}, {sums} FROM facts GROUP BY {', '.join(keys)}) "
        f"SELECT 'p', r.* FROM ({roll_up}) r UNION ALL SELECT 'm', m.* FROM ({months}) m"
    )
    n = len(PERSON_FIGURES)
    funnel_at = n if open_start else 2 * n
    histograms: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row in fetch(sql, params):
        part, dim, key = row[0], row[1], row[2]
        if part == "m":
            if dim.startswith("days:"):
                if key is not None:
                    histograms[dim[5:]].append((int(key), int(row[3])))
            else:
                figures.add_first_times(dim, key, int(row[3]))
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
    for fig, day, n in fetch(grouped(dialect, table, dims, ["COUNT(*)"]), params):
        figures.add_first_times(fig, day, int(n))


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
        for row in fetch(grouped(dialect, table, dims, select, where=where), params):
            dim, key = row[0], "" if row[1] is None else str(row[1])
            for i, fig in enumerate(keys):
                n, q1, median, q3 = row[2 + 4 * i : 6 + 4 * i]
                if n:
                    figures.durations.setdefault(dim, {}).setdefault(key, {})[fig] = Quartiles(
                        int(n), int_or_none(q1), int_or_none(median), int_or_none(q3)
                    )
        return
    parts = []
    for key in keys:
        days = f"d_{key}"
        histogram = grouped(
            dialect,
            table,
            _dims(DURATION_DIMENSIONS),
            ["COUNT(*) AS n"],
            where=f"{days} IS NOT NULL",
            extra=days,
        )
        parts.append(f"SELECT g.dim, g.k, {text(repr(key))} AS fig, g.v, g.n FROM ({histogram}) g")
    for dim, key, fig, n, q1, median, q3 in fetch(quartiles_sql(" UNION ALL ".join(parts)), params):
        key = "" if key is None else str(key)
        figures.durations.setdefault(dim, {}).setdefault(key, {})[fig] = Quartiles(
            int(n), int_or_none(q1), int_or_none(median), int_or_none(q3)
        )


def _has_later(params: dict) -> bool:
    """Whether some person in the cache has a milestone after the end (see pathways.cache)."""
    return bool(fetch(f"SELECT 1 FROM ({future_candidates_sql()}) x LIMIT 1", params))


def compute(
    project_ids: Iterable[int],
    period: Period,
    *,
    use_cache: bool = True,
    detail: bool = True,
    municipality_id: int | None = None,
) -> ProgrammeFigures:
    """All figures of the projects ``project_ids`` for ``period``.

    ``detail=False`` computes the dashboard's summary only (see ``ProgrammeFigures.detail``).

    ``municipality_id`` narrows every figure to one municipality: persons by the candidate's
    municipality (``Candidate.municipality``), companies by the municipality of their sites
    (a company with a site there counts, whichever site the contact was about).

    For a period without a first day (the dashboard's default) the per-person facts come from
    the cached milestones and are read in each family's query directly; otherwise they are
    computed from the records once into a temporary table. Then one query per family.
    """
    project_ids = sorted({int(p) for p in project_ids})
    figures = ProgrammeFigures(
        period=period, project_ids=project_ids, detail=detail, municipality_id=municipality_id
    )
    dialect = Dialect()
    # Persons in one municipality: the candidate's (the facts' municipality_id column).
    muni = {} if municipality_id is None else {"p_muni": int(municipality_id)}
    in_municipality = " WHERE f.municipality_id = %(p_muni)s" if muni else ""
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
                params, source = cached.params | muni, cached.sql
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
                    f"(SELECT f.*, {_facts_columns(dialect, open_start)} "
                    f"FROM ({source}) f{in_municipality}) facts"
                )
            else:
                facts = facts_sql(period, project_ids=project_ids, dialect=dialect)
                params = facts.params | muni
                temporary = table = "tb_facts_" + uuid.uuid4().hex[:12]
                cursor.execute(
                    f"CREATE TEMPORARY TABLE {table} AS "
                    f"SELECT f.*, {_facts_columns(dialect, open_start)} "
                    f"FROM ({facts.sql}) f{in_municipality}",
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
                companies.detailed(params, names, dialect, figures)
            else:
                companies.summary(params, names, figures)
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


def int_or_none(value) -> int | None:
    return None if value is None else int(value)
