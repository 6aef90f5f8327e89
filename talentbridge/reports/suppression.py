"""Small-number suppression for tables that leave the organisation.

The rule (docs/reports.md):

1. **Primary**: a count of persons from 1 to 4 is shown as "<5". Zero is shown: it says
   that nobody is in the cell, which identifies no one.
2. **Secondary**: where the rows of a column add up to a total that is shown (persons are
   in exactly one project, municipality, gender, origin, age group or month), a single
   suppressed cell could be recovered by subtracting the others from the total. Whenever a
   column holds exactly one suppressed cell, the smallest other non-zero cell is suppressed
   too; if there is none, the total is suppressed.
3. **Derived** values follow their sources: a share is hidden when its numerator or
   denominator is hidden, and a median or quartile when fewer than 5 persons stand behind it.

Companies are not persons: company counts are never suppressed.
"""

from __future__ import annotations

from dataclasses import dataclass

THRESHOLD = 5
HIDDEN = "<5"


@dataclass
class Cell:
    value: float | int | None
    hidden: bool = False
    persons: bool = True  # a count of persons (companies and text are never hidden)

    def __str__(self) -> str:
        if self.hidden:
            return HIDDEN
        return "–" if self.value is None else str(self.value)


def is_small(value) -> bool:
    return value is not None and 0 < value < THRESHOLD


def primary(cells: list[Cell]) -> None:
    for cell in cells:
        if cell.persons and is_small(cell.value):
            cell.hidden = True


def secondary(cells: list[Cell], total: Cell | None) -> None:
    """Protect a column whose cells add up to ``total`` (see the module's rule 2)."""
    hidden = [c for c in cells if c.hidden]
    if len(hidden) != 1 or total is None or total.hidden:
        return
    candidates = [c for c in cells if c.persons and not c.hidden and c.value]
    if candidates:
        min(candidates, key=lambda c: c.value).hidden = True
    else:
        total.hidden = True


def suppress_column(cells: list[Cell], total: Cell | None = None, *, additive: bool = True) -> None:
    """Apply the rule to one column of person counts (and its total, if shown)."""
    primary(cells)
    if total is not None:
        primary([total])
    if additive:
        secondary(cells, total)
