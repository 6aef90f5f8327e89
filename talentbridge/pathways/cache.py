"""The cached milestones: each candidate's milestones kept in a table, and kept honest.

Reading a million steps for every dashboard view takes seconds, so the per-person
aggregates of ``pathways.milestones`` are also stored in ``Milestones``. :func:`refresh`
recomputes them (for one candidate on every save or delete through the ORM, see
``pathways.signals``; for everyone after a bulk load). For a period without a first day,
:func:`cached_facts_sql` reads that table instead of the records, except for the persons with
a date after the period's end (their latest dates would be wrong there), whom
:func:`future_candidates_sql` names so that they are computed from the records.
:func:`ensure_fresh` first checks, by counting rows, that no record was added or removed
without the table knowing (a bulk load, say) and refreshes it if one was.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone

from . import milestones
from .milestones import (
    _COMBINED,
    _FLAG_FIRST,
    _FU_DATES,
    _STEP_DATES,
    MATCHED_STATUSES,
    MILESTONE_DATES,
    Dialect,
    FactsQuery,
    Period,
    _candidate_table,
    _combined,
    _facts,
    _in,
    _joined,
    _params,
    _scope,
    _sources,
)
from .models import FollowUp, Milestones, PathwayStep


def _future_sql(table_alias: str = "m") -> str:
    """Some milestone lies after the period's end: the cached latest dates cannot be used."""
    return f"({table_alias}.latest_on IS NOT NULL AND {table_alias}.latest_on > %(p_to)s)"


def cached_facts_sql(
    period: Period, *, project_ids: Iterable[int], dialect: Dialect | None = None
) -> FactsQuery:
    """Facts for a period without a first day, read from the Milestones table.

    Persons with a milestone after the end are left out here; :func:`facts_sql` with
    ``candidate_sql=future_candidates_sql()`` computes them from the records.
    """
    if period.start is not None:
        raise ValueError("the cached milestones answer periods without a first day only")
    d = dialect or Dialect()
    params = _params(period, d)
    scope = _scope(params, project_ids, None, None)
    table = Milestones._meta.db_table
    source_of = {name: f"m.{name}" for name in MILESTONE_DATES}
    flag_of = {
        name: f"CASE WHEN m.{first} IS NOT NULL THEN 1 ELSE 0 END"
        for name, first in _FLAG_FIRST.items()
    }
    where = f"{scope.candidate} AND (m.latest_on IS NULL OR m.latest_on <= %(p_to)s)"
    sql = _facts(
        f"{_candidate_table()} c JOIN {table} m ON m.candidate_id = c.id",
        where,
        source_of,
        flag_of,
        d,
        combined={name: f"m.{name}" for name in _COMBINED},
    )
    return FactsQuery(sql=sql, params=params)


def future_candidates_sql() -> str:
    """Ids of persons with a cached milestone after ``%(p_to)s`` (to compute from the records)."""
    return f"SELECT m.candidate_id FROM {Milestones._meta.db_table} m WHERE {_future_sql()}"


# Keeping the Milestones table up to date -----------------------------------------------------

FAR_FUTURE = datetime.date(9999, 12, 31)


def refresh(
    *, candidate_ids: Iterable[int] | None = None, project_ids: Iterable[int] | None = None
) -> None:
    """Recompute the cached milestones of some candidates (or all) from the records."""
    d = Dialect()
    period = Period(end=FAR_FUTURE)
    params = _params(period, d)
    ids = None if candidate_ids is None else sorted({int(i) for i in candidate_ids})
    if ids is not None and not ids:
        return
    scope = _scope(params, project_ids, ids, None)
    sources = _sources(period, scope, d, flags=False)
    table = Milestones._meta.db_table
    select = {name: f"st.{name}" for name in _STEP_DATES}
    select |= {name: f"fu.{name}" for name in _FU_DATES}
    select |= {"assessed_on": "asm.assessed_on", "pm_on": "pm.pm_on" if "pm" in sources else "NULL"}
    select["latest_on"] = d.latest_of(list(select.values()))
    select |= _combined(d, select)
    select |= {
        "n_steps": "COALESCE(st.n_steps, 0)",
        "n_outcomes": "COALESCE(fu.n_outcomes, 0)",
        "n_signed": "COALESCE(asm.n_signed, 0)",
        "n_matches": "COALESCE(pm.n_matches, 0)" if "pm" in sources else "0",
    }
    columns = ", ".join(["candidate_id", *select, "refreshed_at"])
    values = ", ".join(["c.id", *select.values(), "%(now)s"])
    params["now"] = connection.ops.adapt_datetimefield_value(timezone.now())
    delete_scope = scope.candidate.replace("c.project_id", "project_id").replace("c.id", "id")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE candidate_id IN (SELECT id FROM {_candidate_table()} WHERE 1 = 1{delete_scope})",
            params,
        )
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {values} FROM {_joined(sources)} WHERE 1 = 1{scope.candidate}",
            params,
        )


#: Per process: the tables' change counters when the cache was last found complete.
_VERIFIED: dict[tuple, tuple] = {}


def _source_tables() -> list[str]:
    tables = [
        _candidate_table(),
        PathwayStep._meta.db_table,
        FollowUp._meta.db_table,
        apps.get_model("candidates", "Assessment")._meta.db_table,
        Milestones._meta.db_table,
    ]
    source = milestones.match_source()
    if source:
        tables.append(source[0])
    return tables


def _change_counters() -> tuple | None:
    """PostgreSQL's counts of rows inserted, updated and deleted in the source tables (and in
    this transaction so far), or None where there are none (SQLite, ``track_counts`` off)."""
    if connection.vendor != "postgresql":
        return None
    tables = _source_tables()
    names = ", ".join("%s" for _ in tables)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('track_counts'), CAST(pg_current_xact_id_if_assigned() AS text), "
            "s.relname, s.n_tup_ins + x.n_tup_ins, s.n_tup_upd + x.n_tup_upd, s.n_tup_del + x.n_tup_del "
            "FROM pg_stat_user_tables s JOIN pg_stat_xact_user_tables x ON x.relid = s.relid "
            f"WHERE s.schemaname = current_schema() AND s.relname IN ({names}) ORDER BY s.relname",
            tables,
        )
        rows = cursor.fetchall()
    if not rows or rows[0][0] != "on":
        return None
    return tuple(rows)


def ensure_fresh(project_ids: Iterable[int] | None = None) -> bool:
    """Refresh the cached milestones if rows were added or removed behind their back.

    Compares, in two queries, the cache's row counts with the records' (persons, steps,
    follow-ups with an outcome of work or education, signed-off assessments and matches),
    over the whole installation: a difference anywhere means a bulk load, and the whole
    cache is refreshed (``project_ids`` is accepted for symmetry and ignored). Returns True
    when it had to refresh.

    Counting a million steps takes a tenth of a second, so on PostgreSQL the check is
    skipped while the tables' change counters (``pg_stat_user_tables`` plus this
    transaction's own changes) have not moved since this process last found the cache
    complete (and committed). Those counters are published when a transaction ends, so a
    bulk load that committed less than a second ago may be noticed one request later.
    """
    counters = _change_counters()
    key = (connection.alias, counters[0][1] if counters else None)
    if counters is not None and _VERIFIED.get(key) == counters:
        return False
    m = Milestones._meta.db_table
    assessment = apps.get_model("candidates", "Assessment")._meta.db_table
    cached = (
        f"SELECT COUNT(*), COALESCE(SUM(n_steps), 0), COALESCE(SUM(n_outcomes), 0), "
        f"COALESCE(SUM(n_signed), 0), COALESCE(SUM(n_matches), 0) FROM {m}"
    )
    matches = "0"
    source = milestones.match_source()
    if source:
        table, _cand, status_col, date_col = source
        matches = (
            f"(SELECT COUNT(*) FROM {table} WHERE {status_col} IN {_in(MATCHED_STATUSES)} "
            f"AND {date_col} IS NOT NULL)"
        )
    actual = (
        f"SELECT (SELECT COUNT(*) FROM {_candidate_table()}), "
        f"(SELECT COUNT(*) FROM {PathwayStep._meta.db_table}), "
        f"(SELECT COUNT(*) FROM {FollowUp._meta.db_table} WHERE outcome IN ('employed', 'in_education') "
        f"AND done_on IS NOT NULL), "
        f"(SELECT COUNT(*) FROM {assessment} WHERE status = 'signed_off' "
        f"AND (assessed_on IS NOT NULL OR signed_off_at IS NOT NULL)), "
        f"{matches}"
    )
    with connection.cursor() as cursor:
        cursor.execute(cached)
        have = tuple(int(v) for v in cursor.fetchone())
        cursor.execute(actual)
        want = tuple(int(v) for v in cursor.fetchone())
    refreshed = have != want
    if refreshed:
        refresh()
    if counters is not None:
        # After a refresh the milestones' own counter has moved: read the counters again.
        # Remember them only once committed: a rollback would bring back the old cache.
        seen = _change_counters() if refreshed else counters
        transaction.on_commit(lambda: _VERIFIED.__setitem__(key, seen), using=connection.alias)
    return refreshed
