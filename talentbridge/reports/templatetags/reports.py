from django import template

from talentbridge.reports.suppression import Cell

register = template.Library()


@register.filter
def get_cell(cells: dict, key: str) -> Cell:
    """``row.cells|get_cell:column.key``: the cell, or an empty one."""
    return cells.get(key, Cell(None))


@register.filter
def show(cell: Cell, kind: str) -> str:
    """A cell as text: "<5" when hidden, a percentage for shares, numbers with thin spaces."""
    if cell.hidden:
        return "<5"
    value = cell.value
    if value is None:
        return "–"
    if kind == "share":
        return f"{value:.0%}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return f"{value:,.0f}".replace(",", "\u2009")


@register.filter
def split_words(text: str) -> list[str]:
    return text.split()


@register.filter
def get_table(tables: dict, key: str):
    return tables[key]
