"""Server-rendered charts for the demand map: matplotlib (Agg) to SVG, no JavaScript.

Horizontal bars sorted from the largest, each labelled with its number, read at a glance.
"""

from __future__ import annotations

import io
import textwrap

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

ACCENT = "#0b6e4f"
SECOND = "#7fb8a4"
INK = "#1d2733"
MUTED = "#5b6877"


def bar_chart_svg(
    items: list[tuple[str, int, int]],
    *,
    title: str,
    legend: tuple[str, str] | None = None,
    empty: str = "",
) -> str:
    """An SVG of horizontal bars. ``items`` are ``(label, first, second)``: two stacked parts
    of each bar (e.g. from openings and from needs); the total is written at the bar's end."""
    rows = list(items)[::-1]  # matplotlib draws bottom-up; the largest goes on top
    height = 1.0 + 0.34 * max(len(rows), 1)
    figure = Figure(figsize=(6.0, height), dpi=96)
    axes = figure.add_subplot()
    if not rows:
        axes.text(
            0.5,
            0.5,
            empty,
            ha="center",
            va="center",
            color=MUTED,
            fontsize=11,
            transform=axes.transAxes,
        )
        axes.set_axis_off()
    else:
        labels = [textwrap.shorten(label, 40, placeholder="…") for label, _, _ in rows]
        first = [a for _, a, _ in rows]
        second = [b for _, _, b in rows]
        positions = range(len(rows))
        axes.barh(positions, first, color=ACCENT, label=legend[0] if legend else None)
        axes.barh(positions, second, left=first, color=SECOND, label=legend[1] if legend else None)
        axes.set_yticks(list(positions), labels=labels, fontsize=10, color=INK)
        top = max(a + b for a, b in zip(first, second, strict=True)) or 1
        for y, (a, b) in enumerate(zip(first, second, strict=True)):
            axes.text(a + b + top * 0.01, y, str(a + b), va="center", fontsize=10, color=INK)
        axes.set_xlim(0, top * 1.12)
        axes.xaxis.set_visible(False)
        for side in ("top", "right", "bottom"):
            axes.spines[side].set_visible(False)
        axes.spines["left"].set_color("#d5dbe3")
        axes.tick_params(axis="y", length=0)
        if legend:
            axes.legend(loc="lower right", frameon=False, fontsize=9)
    axes.set_title(title, loc="left", fontsize=12, color=INK, fontweight="bold")
    figure.tight_layout()
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "talentbridge"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
