"""What the report queries return: the aggregated figures of one scope and period."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field

from talentbridge.pathways.milestones import Period


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
    # One municipality only (persons by the candidate's, companies by their sites'), or None.
    municipality_id: int | None = None
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

    def add_first_times(self, figure: str, day, n: int) -> None:
        """Add ``n`` persons (companies) who first reached ``figure`` on ``day`` to its month."""
        if day is None:
            return
        day = str(day)[:10]
        first, end = self.bounds
        if day > end:
            return
        month = "before" if day < first else day[:7]
        series = self.months.setdefault(figure, {})
        series[month] = series.get(month, 0) + n

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
