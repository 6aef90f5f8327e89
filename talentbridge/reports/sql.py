"""SQL pieces the report queries share, written once for SQLite and PostgreSQL."""

from __future__ import annotations

from django.db import connection

from talentbridge.pathways.milestones import Dialect


def text(expr: str) -> str:
    # Byte order ("C") on PostgreSQL: the keys are codes, and sorting them by the language's
    # collation would cost more than the rest of the query.
    collate = ' COLLATE "C"' if connection.vendor == "postgresql" else ""
    return f"CAST({expr} AS VARCHAR(40)){collate}"


def fetch(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def grouped(
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
                f"SELECT '{name}' AS dim, {text(expr)} AS k{tail_as}, {columns} FROM {table}{where}{group}"
            )
        return " UNION ALL ".join(parts)
    exprs = [expr for name, expr in dims if name != "all"]
    n = len(exprs)
    grouping = f"GROUPING({', '.join(exprs)})"
    dim_cases, key_cases = [], []
    for i, (name, expr) in enumerate((nm, ex) for nm, ex in dims if nm != "all"):
        mask = (2**n - 1) - 2 ** (n - 1 - i)
        dim_cases.append(f"WHEN {mask} THEN '{name}'")
        key_cases.append(f"WHEN {mask} THEN {text(expr)}")
    sets = [f"({expr}{tail})" for expr in exprs]
    if any(nm == "all" for nm, _ in dims):
        sets.append(f"({extra})" if extra else "()")
    dim = text(f"CASE {grouping} {' '.join(dim_cases)} ELSE 'all' END")
    return (
        f"SELECT {dim} AS dim, "
        f"CASE {grouping} {' '.join(key_cases)} END AS k{tail_as}, {columns} "
        f"FROM {table}{where} GROUP BY GROUPING SETS ({', '.join(sets)})"
    )


def quartiles_sql(histogram: str) -> str:
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
