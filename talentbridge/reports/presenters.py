"""What the dashboard and the PDF show: headline tiles, charts and tables, built from a report."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import charts
from .figures import FIGURES, FUNNEL
from .suppression import HIDDEN, THRESHOLD
from .tables import (
    Table,
    breakdown_table,
    durations_table,
    figures_table,
    funnel_table,
    months_table,
    targets_table,
)

HEADLINE = ("participants", "assessed", "in_pathway", "employed")
MONTHLY = ("participants", "assessed", "in_pathway", "employed")
TOP_ORIGINS = 6


@dataclass
class Tile:
    key: str
    label: str
    value: str
    definition: str
    note: str = ""


def _shown(value: int, suppress: bool, persons: bool = True) -> str:
    if suppress and persons and 0 < value < THRESHOLD:
        return HIDDEN
    return f"{value:,}".replace(",", " ")


def tiles(report, *, suppress: bool) -> list[Tile]:
    f = report.figures
    participants = f.value("participants")
    out = []
    for key in HEADLINE:
        value = f.value(key)
        note = ""
        if (
            key != "participants"
            and participants
            and not (suppress and (value < THRESHOLD or participants < THRESHOLD))
        ):
            note = _("%(share)s of participants") % {"share": f"{value / participants:.0%}"}
        out.append(
            Tile(
                key, FIGURES[key].label(), _shown(value, suppress), FIGURES[key].definition(), note
            )
        )
    return out


def _value(value: int | None, suppress: bool) -> int | None:
    if value is None:
        return None
    return None if (suppress and 0 < value < THRESHOLD) else value


def chart_images(report, *, suppress: bool) -> dict[str, str]:
    """The dashboard's charts as data URIs (also used by the PDF)."""
    f = report.figures
    funnel = f.funnel.get("all", {}).get("", {})
    stages = tuple((FIGURES[s].label(), _value(funnel.get(s, 0), suppress)) for s in FUNNEL)
    months = tuple(f.month_list())
    series = []
    for key in MONTHLY:
        values = tuple(_value(total, suppress) for _m, _new, total in f.series(key))
        series.append((FIGURES[key].label(), values))
    panels = []
    for dim, title in (
        ("gender", _("Gender")),
        ("age_group", _("Age group")),
        ("origin", _("Nationality")),
    ):
        rows = f.persons.get(dim, {})
        keys = [k for k, v in rows.items() if v.get("participants")]
        keys.sort(key=lambda k: -rows[k]["participants"])
        if dim == "origin":
            keys = keys[:TOP_ORIGINS]
        elif dim in ("gender", "age_group"):
            order = [
                "female",
                "male",
                "other",
                "under 25",
                "25-34",
                "35-44",
                "45-54",
                "55+",
                "unknown",
            ]
            keys.sort(key=lambda k: order.index(k) if k in order else 99)
        bars = []
        for key in keys:
            participants, employed = rows[key]["participants"], rows[key]["employed"]
            hidden = suppress and (participants < THRESHOLD or 0 < employed < THRESHOLD)
            bars.append((report.label(dim, key), None if hidden else employed / participants))
        panels.append((title, tuple(bars)))
    images = {
        "funnel": charts.funnel_svg(
            stages, title=_("From assessment to work (persons assessed in the period)")
        ),
        "monthly": charts.monthly_svg(
            months,
            tuple(series),
            title=_("Running totals, month by month"),
            empty=_("No records in the period."),
        ),
        "groups": charts.groups_svg(tuple(panels), title=_("Employed, as a share of participants")),
    }
    if report.targets:
        rows = tuple(
            (
                t.figure.label(),
                _value(t.actual, suppress) if t.figure.unit == "persons" else t.actual,
                t.target,
            )
            for t in report.targets
        )
        images["targets"] = charts.targets_svg(rows, title=_("Progress against targets"))
    return {name: charts.data_uri(svg) for name, svg in images.items()}


def dashboard_tables(report, *, suppress: bool) -> dict[str, Table]:
    """The tables of the dashboard (a summary) or, for a detailed report, of the details page."""
    tables = {
        "figures": figures_table(report),
        "targets": targets_table(report),
        "funnel": funnel_table(report),
        "project": breakdown_table(report, "project"),
        "status": breakdown_table(report, "status"),
        "durations": durations_table(report),
    }
    if report.figures.detail:
        tables |= {
            "municipality": breakdown_table(report, "municipality"),
            "gender": breakdown_table(report, "gender"),
            "age_group": breakdown_table(report, "age_group"),
            "origin": breakdown_table(report, "origin"),
            "months": months_table(report),
        }
    if suppress:
        for table in tables.values():
            table.suppress()
    return tables
