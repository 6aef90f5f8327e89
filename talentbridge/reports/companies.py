"""Company figures: distinct companies contacted and hosting, by project and municipality.

A company counts once per cell however often it was contacted, and once in the total
however many projects contacted it.
"""

from __future__ import annotations

from talentbridge.employers.models import Interaction, Site
from talentbridge.pathways.milestones import Dialect

from .figures import COMPANY_FIGURES
from .results import ProgrammeFigures
from .sql import fetch, text


def _scope(names: list[str], figures: ProgrammeFigures) -> str:
    """The WHERE of the interactions counted: up to the end, of the projects, in the municipality.

    In one municipality a company counts when it has a site there (``Site.municipality``).
    """
    where = f"WHERE i.date <= %(p_to)s AND i.project_id IN ({', '.join(names) or 'NULL'})"
    if figures.municipality_id is not None:
        where += (
            f" AND i.employer_id IN (SELECT employer_id FROM {Site._meta.db_table} "
            "WHERE municipality_id = %(p_muni)s)"
        )
    return where


def summary(params: dict, names: list[str], figures: ProgrammeFigures) -> None:
    """Distinct companies overall and by project, with COUNT(DISTINCT): the dashboard's share."""
    interaction = Interaction._meta.db_table
    where = _scope(names, figures)
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
        f"SELECT 'all', {text('NULL')}, {select} FROM {interaction} i {where} UNION ALL "
        f"SELECT 'project', {text('i.project_id')}, {select} FROM {interaction} i {where} GROUP BY i.project_id"
    )
    keys = [f.key for f in COMPANY_FIGURES]
    for row in fetch(sql, params):
        dim, key, values = (
            row[0],
            "" if row[1] is None else str(row[1]),
            [int(v or 0) for v in row[2:]],
        )
        figures.companies.setdefault(dim, {})[key] = dict(zip(keys, values[:2], strict=True))
        figures.companies_cumulative.setdefault(dim, {})[key] = dict(
            zip(keys, values[:2] if open_start else values[2:], strict=True)
        )


def detailed(params: dict, names: list[str], dialect: Dialect, figures: ProgrammeFigures) -> None:
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
    where = _scope(names, figures)
    sites = f"SELECT DISTINCT employer_id, municipality_id FROM {site}"
    if figures.municipality_id is not None:
        sites += " WHERE municipality_id = %(p_muni)s"
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
        f"SELECT 'all', {text('NULL')}, {counts}, {text('NULL')}, {none} FROM companies",
        f"SELECT 'project', {text('project_id')}, {counts}, {text('NULL')}, {none} FROM pairs "
        "WHERE project_id IS NOT NULL GROUP BY project_id",
    ]
    if figures.detail:
        branches += [
            f"SELECT 'municipality', {text('s.municipality_id')}, {counts}, {text('NULL')}, {none} "
            f"FROM companies e JOIN ({sites}) s "
            "ON s.employer_id = e.employer_id GROUP BY s.municipality_id",
            f"SELECT 'month:companies_contacted', NULL, {fields}, {text('first_contact')}, COUNT(*) "
            "FROM companies GROUP BY first_contact",
            f"SELECT 'month:companies_hosting', NULL, {fields}, {text('first_hosting')}, COUNT(*) "
            "FROM companies WHERE first_hosting IS NOT NULL GROUP BY first_hosting",
        ]
    sql = (
        f"WITH pairs AS ({pairs}), companies AS (SELECT * FROM pairs WHERE project_id IS NULL) "
        + " UNION ALL ".join(branches)
    )
    keys = [f.key for f in COMPANY_FIGURES]
    for dim, key, contacted, hosting, contacted_cum, hosting_cum, day, n in fetch(sql, params):
        if dim.startswith("month:"):
            figures.add_first_times(dim.split(":", 1)[1], day, int(n))
            continue
        key = "" if key is None else str(key)
        figures.companies.setdefault(dim, {})[key] = dict(
            zip(keys, (int(contacted or 0), int(hosting or 0)), strict=True)
        )
        figures.companies_cumulative.setdefault(dim, {})[key] = dict(
            zip(keys, (int(contacted_cum or 0), int(hosting_cum or 0)), strict=True)
        )
