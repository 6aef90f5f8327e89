"""Server-rendered charts of the programme report: matplotlib (Agg) to SVG, no JavaScript.

Each function takes plain, already aggregated (and, for exports, suppressed) numbers and
returns SVG text; :func:`data_uri` turns it into an ``<img src>`` that needs no extra request
and no CDN. Rendering is cached on the numbers, so an unchanged dashboard is not redrawn.
"""

from __future__ import annotations

import base64
import functools
import io
import textwrap

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

ACCENT = "#0b6e4f"
LIGHT = "#7fb8a4"
INK = "#1d2733"
MUTED = "#5b6877"
LINE = "#d5dbe3"
SERIES_COLOURS = ("#0b6e4f", "#1f4f99", "#a15c00", "#8a2d6b", "#5b6877")
RC = {"svg.fonttype": "none", "svg.hashsalt": "talentbridge", "font.family": "DejaVu Sans"}


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    with matplotlib.rc_context(RC):
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return buffer.getvalue()


def _plain(axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.spines["left"].set_color(LINE)
    axes.spines["bottom"].set_color(LINE)
    axes.tick_params(colors=MUTED, labelsize=9)


def _empty(axes, text: str) -> None:
    axes.text(
        0.5, 0.5, text, ha="center", va="center", color=MUTED, fontsize=11, transform=axes.transAxes
    )
    axes.set_axis_off()


@functools.lru_cache(maxsize=64)
def funnel_svg(
    stages: tuple[tuple[str, int | None], ...], *, title: str, hidden_label: str = "<5"
) -> str:
    """Horizontal bars, widest first: persons at each stage and their share of the first."""
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(6.2, 0.8 + 0.55 * len(stages)), dpi=96, layout="constrained")
        axes = figure.add_subplot()
        first = stages[0][1] if stages and stages[0][1] else 0
        top = max((v or 0) for _label, v in stages) or 1
        for y, (_label, value) in enumerate(reversed(stages)):
            width = value or 0
            axes.barh(y, width, color=ACCENT if y == len(stages) - 1 else LIGHT, height=0.7)
            if value is None:
                text = hidden_label
            else:
                text = f"{value:,}".replace(",", " ") + (
                    f"  ({value / first:.0%})" if first and y < len(stages) - 1 else ""
                )
            axes.text(width + top * 0.01, y, text, va="center", fontsize=10, color=INK)
        axes.set_yticks(
            range(len(stages)),
            labels=[label for label, _v in reversed(stages)],
            fontsize=10,
            color=INK,
        )
        axes.set_xlim(0, top * 1.35)
        axes.xaxis.set_visible(False)
        _plain(axes)
        axes.spines["bottom"].set_visible(False)
        axes.set_title(title, loc="left", fontsize=12, color=INK)
        return _svg(figure)


@functools.lru_cache(maxsize=64)
def monthly_svg(
    months: tuple[str, ...],
    series: tuple[tuple[str, tuple[int | None, ...]], ...],
    *,
    title: str,
    empty: str = "",
) -> str:
    """Running totals month by month, one line per figure (missing points are not drawn)."""
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(10, 3.4), dpi=96, layout="constrained")
        axes = figure.add_subplot()
        if not months:
            _empty(axes, empty)
            return _svg(figure)
        x = list(range(len(months)))
        for i, (label, values) in enumerate(series):
            y = [float("nan") if v is None else v for v in values]
            colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
            axes.plot(x, y, color=colour, linewidth=2, label=label)
            last = next((v for v in reversed(values) if v is not None), None)
            if last is not None:
                axes.annotate(
                    f"{last:,}".replace(",", " "),
                    (x[-1], last),
                    xytext=(4, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=9,
                    color=colour,
                )
        step = max(1, len(months) // 8)
        axes.set_xticks(x[::step], labels=list(months[::step]), fontsize=8, rotation=0)
        axes.set_ylim(bottom=0)
        axes.grid(axis="y", color=LINE, linewidth=0.6)
        _plain(axes)
        axes.legend(loc="upper left", fontsize=9, frameon=False)
        axes.set_title(title, loc="left", fontsize=11, color=INK)
        return _svg(figure)


@functools.lru_cache(maxsize=64)
def groups_svg(
    panels: tuple[tuple[str, tuple[tuple[str, float | None], ...]], ...],
    *,
    title: str,
    hidden_label: str = "<5",
) -> str:
    """Small multiples of shares (0–1) by group, so that a gap between groups shows."""
    with matplotlib.rc_context(RC):
        rows = max((len(bars) for _t, bars in panels), default=1)
        figure = Figure(figsize=(10, 1.0 + 0.36 * rows), dpi=96, layout="constrained")
        axes_list = figure.subplots(1, max(len(panels), 1), squeeze=False)[0]
        for axes, (panel_title, bars) in zip(axes_list, panels, strict=False):
            labels = [textwrap.shorten(label, 18, placeholder="…") for label, _v in bars][::-1]
            values = [v for _label, v in bars][::-1]
            axes.barh(range(len(values)), [v or 0 for v in values], color=ACCENT, height=0.65)
            for y, v in enumerate(values):
                axes.text(
                    (v or 0) + 0.02,
                    y,
                    hidden_label if v is None else f"{v:.0%}",
                    va="center",
                    fontsize=9,
                    color=INK,
                )
            axes.set_yticks(range(len(values)), labels=labels, fontsize=9, color=INK)
            axes.set_xlim(0, 1.15)
            axes.xaxis.set_visible(False)
            _plain(axes)
            axes.spines["bottom"].set_visible(False)
            axes.set_title(panel_title, loc="left", fontsize=11, color=MUTED)
        figure.suptitle(title, x=0.0, ha="left", fontsize=12, color=INK)
        return _svg(figure)


@functools.lru_cache(maxsize=64)
def targets_svg(
    rows: tuple[tuple[str, int | None, float | None], ...], *, title: str, hidden_label: str = "<5"
) -> str:
    """Progress bars against targets: the share reached (capped at the bar's end), and the numbers."""
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(6.8, 0.7 + 0.45 * max(len(rows), 1)), dpi=96)
        axes = figure.add_subplot()
        for y, (_label, actual, target) in enumerate(reversed(rows)):
            share = (actual / target) if (actual is not None and target) else 0
            axes.barh(y, 1, color="#eef1f5", height=0.6)
            axes.barh(y, min(share, 1), color=ACCENT if share >= 1 else LIGHT, height=0.6)
            shown = hidden_label if actual is None else f"{actual:,}".replace(",", " ")
            goal = "–" if target is None else f"{round(target):,}".replace(",", " ")
            axes.text(1.02, y, f"{shown} / {goal}", va="center", fontsize=9, color=INK)
        axes.set_yticks(
            range(len(rows)),
            labels=[label for label, _a, _t in reversed(rows)],
            fontsize=9,
            color=INK,
        )
        axes.set_xlim(0, 1.3)
        axes.xaxis.set_visible(False)
        _plain(axes)
        axes.spines["bottom"].set_visible(False)
        axes.set_title(title, loc="left", fontsize=11, color=INK)
        return _svg(figure)
