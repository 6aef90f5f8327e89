"""The report as tables: what the dashboard lists and what the exports write, one sheet each.

Every table knows which of its columns count persons and whether its rows add up to its
total row, so that :meth:`Table.suppress` can apply the small-number rule
(``reports.suppression``) the same way for Excel, PDF, CSV and the dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .figures import (
    COMPANIES,
    COMPANY_FIGURES,
    DURATION_FIGURES,
    FIGURES,
    FUNDER_FIGURES,
    FUNNEL,
    FUNNEL_DEFINITION_DA,
    FUNNEL_DEFINITION_EN,
    MONTHLY_DEFINITION_DA,
    MONTHLY_DEFINITION_EN,
    PERSON_FIGURES,
    PERSONS,
    TARGET_DEFINITION_DA,
    TARGET_DEFINITION_EN,
)
from .suppression import THRESHOLD, Cell, suppress_column

PERSONS_COL, COMPANIES_COL, SHARE, DAYS_COL, TEXT, NUMBER = (
    "persons",
    "companies",
    "share",
    "days",
    "text",
    "number",
)
#: The dashboard's and the exports' order: the funder's figures, then the programme's own.
FIGURE_ORDER = FUNDER_FIGURES + [
    key
    for key in ("assessed", "matched", "in_pathway", "employed", "left")
    if key not in FUNDER_FIGURES
]
BREAKDOWN_FIGURES = [
    "participants",
    "assessed",
    "in_pathway",
    "in_internship_or_wage_subsidy",
    "hired",
    "started_education",
    "attached_to_company",
    "employed",
]


def _da() -> bool:
    return (get_language() or "da").startswith("da")


@dataclass
class Column:
    key: str
    label: str
    kind: str = PERSONS_COL


@dataclass
class Row:
    label: str
    cells: dict[str, Cell]
    total: bool = False
    key: str = ""

    def cell(self, key: str) -> Cell:
        return self.cells.get(key, Cell(None))


@dataclass
class Table:
    key: str
    title: str
    row_label: str
    columns: list[Column]
    rows: list[Row]
    note: str = ""
    additive: bool = False  # the non-total rows of each person column add up to the total row
    suppressed: bool = field(default=False, init=False)

    @property
    def body(self) -> list[Row]:
        return [r for r in self.rows if not r.total]

    @property
    def total_row(self) -> Row | None:
        return next((r for r in self.rows if r.total), None)

    def suppress(self) -> Table:
        """Hide small numbers of persons in place (see ``reports.suppression``); returns self."""
        total = self.total_row
        for column in self.columns:
            if column.kind != PERSONS_COL:
                continue
            cells = [r.cells[column.key] for r in self.body if column.key in r.cells]
            total_cell = total.cells.get(column.key) if total else None
            suppress_column(cells, total_cell, additive=self.additive)
        for column in self.columns:
            for row in self.rows:
                cell = row.cells.get(column.key)
                if cell is None or cell.value is None:
                    continue
                if column.kind == SHARE:
                    parts = row.cells.get(f"_parts_{column.key}")
                    if parts and any(row.cells[p].hidden for p in parts.value if p in row.cells):
                        cell.hidden = True
                if column.kind == DAYS_COL:
                    # A median or quartile of fewer than 5 persons describes those persons.
                    n = row.cells.get(column.key.split(":")[0] + ":n")
                    if n is not None and (n.value or 0) < THRESHOLD:
                        cell.hidden = True
        self.suppressed = True
        return self

    def as_matrix(self) -> list[list]:
        """Header and rows as plain values (hidden cells as "<5"): for Excel and CSV."""
        out = [[self.row_label, *[c.label for c in self.columns]]]
        for row in self.rows:
            values = []
            for column in self.columns:
                cell = row.cell(column.key)
                if cell.hidden:
                    values.append("<5")
                elif column.kind == SHARE and cell.value is not None:
                    values.append(round(cell.value, 3))
                else:
                    values.append(cell.value)
            out.append([row.label, *values])
        return out


def _share(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _person_cells(values: dict, keys: list[str]) -> dict[str, Cell]:
    return {k: Cell(values.get(k, 0)) for k in keys}


def _with_share(cells: dict[str, Cell], values: dict) -> dict[str, Cell]:
    cells["employed_share"] = Cell(_share(values.get("employed", 0), values.get("participants", 0)))
    cells["_parts_employed_share"] = Cell(("employed", "participants"))
    return cells


def figures_table(report) -> Table:
    """Each figure with its value in the period, since the start, its target and definition."""
    f = report.figures
    targets = {t.figure.key: t for t in report.targets}
    rows = []
    for key in FIGURE_ORDER:
        fig = FIGURES[key]
        target = targets.get(key)
        cells = {
            "value": Cell(f.value(key)),
            "since_start": Cell(f.cumulative_value(key)),
            "target": Cell(round(target.target) if target and target.target is not None else None),
            "progress": Cell(target.share if target else None),
            "_parts_progress": Cell(("since_start",)),
            "definition": Cell(fig.definition()),
        }
        rows.append(Row(fig.label(), cells, key=key))
    table = Table(
        "figures",
        _("Figures"),
        _("Figure"),
        [
            Column("value", _("In the period"), PERSONS_COL),
            Column("since_start", _("Since the start"), PERSONS_COL),
            Column("target", _("Target"), NUMBER),
            Column("progress", _("Progress"), SHARE),
            Column("definition", _("Definition"), TEXT),
        ],
        rows,
        note=TARGET_DEFINITION_DA if _da() else TARGET_DEFINITION_EN,
    )
    # Company counts are not persons: keep them out of the suppression.
    for row in rows:
        if FIGURES[row.key].unit == COMPANIES:
            row.cells["value"].persons = row.cells["since_start"].persons = False
    return table


_ORDERED_KEYS = {
    "gender": ["female", "male", "other"],
    "age_group": ["under 25", "25-34", "35-44", "45-54", "55+", "unknown"],
    "status": [
        "registered",
        "assessed",
        "matched",
        "in_pathway",
        "employed",
        "in_education",
        "left",
    ],
}
_DIM_TITLES = {
    "project": (lambda: _("By project"), lambda: _("Project")),
    "municipality": (lambda: _("By municipality"), lambda: _("Municipality")),
    "gender": (lambda: _("By gender"), lambda: _("Gender")),
    "origin": (lambda: _("By origin"), lambda: _("Nationality")),
    "age_group": (lambda: _("By age group"), lambda: _("Age group")),
    "status": (lambda: _("By status at the end of the period"), lambda: _("Status")),
}


def _keys(report, dim: str) -> list[str]:
    f = report.figures
    present = set(f.persons.get(dim, {})) | (
        set(f.companies.get(dim, {})) if dim in ("project", "municipality") else set()
    )
    if dim == "project":
        return [str(p.pk) for p in report.projects]
    if dim in _ORDERED_KEYS:
        return [k for k in _ORDERED_KEYS[dim] if k in present]
    persons = f.persons.get(dim, {})
    return sorted(
        present, key=lambda k: (-persons.get(k, {}).get("participants", 0), report.label(dim, k))
    )


def breakdown_table(report, dim: str) -> Table:
    """Person figures (and, by project or municipality, company figures) for each group."""
    f = report.figures
    title, row_label = (fn() for fn in _DIM_TITLES[dim])
    if dim == "status":
        columns = [Column("participants", FIGURES["participants"].label())]
    else:
        columns = [Column(k, FIGURES[k].label()) for k in BREAKDOWN_FIGURES]
        columns.append(Column("employed_share", _("Employed of participants"), SHARE))
    with_companies = dim in ("project", "municipality")
    if with_companies:
        columns += [Column(c.key, c.label(), COMPANIES_COL) for c in COMPANY_FIGURES]
    keys = [c.key for c in columns if c.kind == PERSONS_COL]
    rows = []
    for key in _keys(report, dim):
        values = f.persons.get(dim, {}).get(key, {})
        cells = _with_share(_person_cells(values, keys), values)
        if with_companies:
            companies = f.companies.get(dim, {}).get(key, {})
            cells |= {c.key: Cell(companies.get(c.key, 0), persons=False) for c in COMPANY_FIGURES}
        rows.append(Row(report.label(dim, key), cells, key=key))
    values = f.persons.get("all", {}).get("", {})
    total = _with_share(_person_cells(values, keys), values)
    if with_companies:
        companies = f.companies.get("all", {}).get("", {})
        total |= {c.key: Cell(companies.get(c.key, 0), persons=False) for c in COMPANY_FIGURES}
    rows.append(Row(_("Total"), total, total=True))
    note = ""
    if with_companies:
        note = _(
            "Each person belongs to one row. A company counts in every row where it was contacted "
            "(by municipality: where it has a site), but once in the total."
        )
    return Table(dim, title, row_label, columns, rows, note=note, additive=True)


def months_table(report) -> Table:
    """Persons (companies) reaching each figure for the first time, month by month."""
    f = report.figures
    keys = [
        "participants",
        "assessed",
        "matched",
        "in_pathway",
        "hired",
        "started_education",
        "employed",
    ]
    columns = [Column(k, FIGURES[k].label()) for k in keys]
    columns += [Column(c.key, c.label(), COMPANIES_COL) for c in COMPANY_FIGURES]
    series = {k: f.series(k) for k in keys + [c.key for c in COMPANY_FIGURES]}
    rows = []
    for i, month in enumerate(f.month_list()):
        rows.append(
            Row(month, {k: Cell(series[k][i][1], persons=k in keys) for k in series}, key=month)
        )
    totals = {k: Cell(sum(new for _m, new, _t in series[k]), persons=k in keys) for k in series}
    rows.append(Row(_("New in the period"), totals, total=True))
    return Table(
        "months",
        _("Month by month"),
        _("Month"),
        columns,
        rows,
        note=MONTHLY_DEFINITION_DA if _da() else MONTHLY_DEFINITION_EN,
        additive=True,
    )


def funnel_table(report) -> Table:
    funnel = report.figures.funnel.get("all", {}).get("", {})
    first = funnel.get(FUNNEL[0], 0)
    rows = [
        Row(
            FIGURES[stage].label(),
            {
                "persons": Cell(funnel.get(stage, 0)),
                "share": Cell(_share(funnel.get(stage, 0), first)),
                "_parts_share": Cell(("persons",)),
            },
            key=stage,
        )
        for stage in FUNNEL
    ]
    return Table(
        "funnel",
        _("Funnel"),
        _("Stage"),
        [Column("persons", _("Persons")), Column("share", _("Of the assessed"), SHARE)],
        rows,
        note=FUNNEL_DEFINITION_DA if _da() else FUNNEL_DEFINITION_EN,
    )


def durations_table(report) -> Table:
    """Days from arrival to the first internship and job: overall and per group."""
    f = report.figures
    columns = []
    for fig in DURATION_FIGURES:
        columns += [
            Column(f"{fig.key}:n", f"{fig.label()}: " + _("persons"), PERSONS_COL),
            Column(f"{fig.key}:q1", f"{fig.label()}: " + _("lower quartile"), DAYS_COL),
            Column(f"{fig.key}:median", f"{fig.label()}: " + _("median"), DAYS_COL),
            Column(f"{fig.key}:q3", f"{fig.label()}: " + _("upper quartile"), DAYS_COL),
        ]
    rows = []
    groups = [("all", "", _("All"))]
    for dim in ("project", "gender", "age_group", "origin"):
        groups += [
            (dim, key, f"{_DIM_TITLES[dim][1]()}: {report.label(dim, key)}")
            for key in _keys(report, dim)
        ]
    for dim, key, label in groups:
        values = f.durations.get(dim, {}).get(key, {})
        cells = {}
        for fig in DURATION_FIGURES:
            q = values.get(fig.key)
            cells[f"{fig.key}:n"] = Cell(q.n if q else 0)
            cells[f"{fig.key}:q1"] = Cell(q.q1 if q else None)
            cells[f"{fig.key}:median"] = Cell(q.median if q else None)
            cells[f"{fig.key}:q3"] = Cell(q.q3 if q else None)
        rows.append(Row(label, cells, total=dim == "all", key=f"{dim}:{key}"))
    return Table(
        "durations",
        _("Time to first internship and job"),
        _("Group"),
        columns,
        rows,
        note=" ".join(fig.definition() for fig in DURATION_FIGURES),
    )


def targets_table(report) -> Table:
    rows = []
    for t in report.targets:
        persons = t.figure.unit == PERSONS
        actual = Cell(t.actual, persons=persons)
        rows.append(
            Row(
                t.figure.label(),
                {
                    "target": Cell(round(t.target) if t.target is not None else None),
                    "actual": actual,
                    "progress": Cell(t.share),
                    "_parts_progress": Cell(("actual",)),
                    "set_as": Cell(t.described),
                },
                key=t.figure.key,
            )
        )
    return Table(
        "targets",
        _("Targets"),
        _("Figure"),
        [
            Column("target", _("Target"), NUMBER),
            Column("actual", _("Reached"), PERSONS_COL),
            Column("progress", _("Progress"), SHARE),
            Column("set_as", _("Set as"), TEXT),
        ],
        rows,
        note=TARGET_DEFINITION_DA if _da() else TARGET_DEFINITION_EN,
    )


def definitions_table() -> Table:
    rows = [
        Row(
            fig.label(),
            {
                "key": Cell(fig.key),
                "unit": Cell(_unit(fig.unit)),
                "definition": Cell(fig.definition()),
            },
            key=fig.key,
        )
        for fig in FIGURES.values()
    ]
    return Table(
        "definitions",
        _("Definitions"),
        _("Figure"),
        [
            Column("key", _("Name"), TEXT),
            Column("unit", _("Counts"), TEXT),
            Column("definition", _("Definition"), TEXT),
        ],
        rows,
    )


def _unit(unit: str) -> str:
    return {PERSONS: _("distinct persons"), COMPANIES: _("distinct companies")}.get(unit, _("days"))


def all_tables(report, *, suppress: bool) -> list[Table]:
    """Every table of the funder's export, in order, suppressed when it leaves the organisation."""
    tables = [figures_table(report), targets_table(report), funnel_table(report)]
    tables += [
        breakdown_table(report, dim)
        for dim in ("project", "municipality", "gender", "age_group", "origin", "status")
    ]
    tables += [months_table(report), durations_table(report)]
    if suppress:
        for table in tables:
            table.suppress()
    return tables + [definitions_table()]


def person_figure_keys() -> list[str]:
    return [f.key for f in PERSON_FIGURES]
