"""Progression charts drawn with matplotlib (Agg, imported lazily) as SVG or PNG.

Four charts: ``volume`` (the season/cycle overview: weekly volume bars coloured by phase, down
weeks hatched, the long run as a line, actual volume once logged, today marked), ``longrun``
(planned vs actual long run per week), ``fitness`` (CTL/ATL and TSB) and ``progression`` (month
to month and year to year). Axis labels carry units, dates are written locale-free
(``3 Mar 2027``), and output is deterministic: fixed SVG hash salt, no timestamps in metadata.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal, cast

from runcoach.domain.units import Units, to_units
from runcoach.errors import OperationError
from runcoach.exporters.progress import PeriodPoint, WeekPoint
from runcoach.exporters.session_text import PHASE_LABELS, format_day, format_short_day
from runcoach.exporters.tables import MetricsSeries

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

ChartFormat = Literal["svg", "png"]
CHART_NAMES = ("volume", "longrun", "fitness", "progression")

#: One colour per phase (colour-blind-safe Tableau 10 hues), used by the charts and the report.
PHASE_COLORS: dict[str, str] = {
    "run_walk": "#9D755D",
    "base": "#4C78A8",
    "build": "#F58518",
    "peak": "#E45756",
    "taper": "#72B7B2",
    "race": "#B279A2",
    "recovery": "#54A24B",
    "return": "#BAB0AC",
}
ACTUAL_COLOR = "#222222"
PARTIAL_COLOR = "#8a8a8a"
FRESH_COLOR = "#2e8b57"
TIRED_COLOR = "#c0392b"
LONG_COLOR = "#333333"
_RC: dict[str, Any] = {
    "svg.hashsalt": "runcoach",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 0.8,
}


def _style() -> AbstractContextManager[None]:
    """The chart style (fonts, spines, SVG hash salt) for building and saving a figure."""
    import matplotlib

    rc: Any = _RC
    return cast("AbstractContextManager[None]", matplotlib.rc_context(rc))


def _figure(width: float = 10.0, height: float = 4.4) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def render(fig: Figure, fmt: ChartFormat, *, id_prefix: str = "") -> bytes:
    """The figure as SVG or PNG bytes (deterministic for the same data and library version).

    ``id_prefix`` makes the SVG's element ids unique when several charts share one HTML page.
    """
    buf = io.BytesIO()
    with _style():
        if fmt == "svg":
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
        else:
            fig.savefig(buf, format="png", dpi=150, metadata={"Software": None})
    data = buf.getvalue()
    if fmt == "svg" and id_prefix:
        text = data.decode("utf-8")
        text = re.sub(r'\bid="', f'id="{id_prefix}', text)
        text = text.replace('href="#', f'href="#{id_prefix}').replace("url(#", f"url(#{id_prefix}")
        data = text.encode("utf-8")
    return data


def _week_ticks(ax: Axes, weeks: Sequence[WeekPoint]) -> None:
    n = len(weeks)
    step = 1 if n <= 20 else 2 if n <= 40 else 4 if n <= 80 else 8
    positions = list(range(0, n, step))
    labels = []
    last_year = None
    for i in positions:
        w = weeks[i]
        day = format_short_day(w.start)
        if w.start.year != last_year:
            day = f"{day} {w.start.year}"
            last_year = w.start.year
        labels.append(f"W{w.index}\n{day}")
    ax.set_xticks(positions, labels, fontsize=8)
    ax.set_xlim(-0.6, n - 0.4)
    ax.set_xlabel("Plan week and its first day")


def _today_line(ax: Axes, weeks: Sequence[WeekPoint], today: date) -> None:
    if not weeks or not weeks[0].start <= today <= weeks[-1].start + timedelta(days=6):
        return
    x = (today - weeks[0].start).days / 7 - 0.5
    ax.axvline(x, color="#666666", linestyle="--", linewidth=1, zorder=1)
    ax.annotate(
        f"today\n{format_short_day(today)}",
        xy=(x, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(3, -2),
        textcoords="offset points",
        va="top",
        fontsize=8,
        color="#444444",
    )


def _lighten(hex_color: str, amount: float) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    r, g, b = (round(c + (255 - c) * amount) for c in (r, g, b))
    return f"#{r:02x}{g:02x}{b:02x}"


def _volume_chart(weeks: Sequence[WeekPoint], units: Units, today: date) -> Figure:
    """Season/cycle overview: weekly volume by phase, down weeks, long run, actual, today."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    fig = _figure()
    ax = fig.add_subplot()
    x = list(range(len(weeks)))
    planned = [to_units(w.planned_m, units) for w in weeks]
    colors = [PHASE_COLORS.get(w.phase, "#888888") for w in weeks]
    for i, w in enumerate(weeks):
        face = _lighten(colors[i], 0.55) if w.is_down_week else colors[i]
        ax.bar(
            i,
            planned[i],
            width=0.8,
            color=face,
            edgecolor=colors[i],
            linewidth=1.0,
            hatch="///" if w.is_down_week else None,
            zorder=2,
        )
    actual_x = [i for i, w in enumerate(weeks) if w.actual_m is not None]
    current = [i for i in actual_x if weeks[i].start + timedelta(days=6) >= today]
    if actual_x:
        ax.bar(
            actual_x,
            [to_units(weeks[i].actual_m or 0.0, units) for i in actual_x],
            width=0.32,
            color=[PARTIAL_COLOR if i in current else ACTUAL_COLOR for i in actual_x],
            zorder=3,
        )
    longs = [to_units(w.planned_long_m, units) for w in weeks]
    ax.plot(x, longs, color=LONG_COLOR, marker="o", markersize=3.5, linewidth=1.4, zorder=4)
    top = max([*planned, 1.0])
    for i, w in enumerate(weeks):
        if w.has_race:
            ax.annotate(
                "race",
                (i, planned[i]),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                fontsize=8,
                fontweight="bold",
            )
    ax.set_ylim(0, top * 1.18)
    ax.set_ylabel(f"Distance per week ({units})")
    ax.set_title("Season overview: weekly volume by phase", loc="left")
    ax.grid(axis="y", alpha=0.3, zorder=0)
    _week_ticks(ax, weeks)
    _today_line(ax, weeks, today)
    handles: list[Any] = []
    seen = []
    for w in weeks:
        if w.phase not in seen:
            seen.append(w.phase)
    for phase in seen:
        color = PHASE_COLORS.get(phase, "#888888")
        handles.append(Patch(color=color, label=f"{PHASE_LABELS.get(phase, phase)} (planned)"))
    if any(w.is_down_week for w in weeks):
        handles.append(
            Patch(facecolor="#dddddd", edgecolor="#777777", hatch="///", label="down week")
        )
    if actual_x:
        handles.append(Patch(color=ACTUAL_COLOR, label="actual (logged)"))
    if current:
        handles.append(Patch(color=PARTIAL_COLOR, label="this week so far"))
    handles.append(
        Line2D([], [], color=LONG_COLOR, marker="o", markersize=3.5, label="long run (planned)")
    )
    fig.legend(handles=handles, loc="outside lower center", fontsize=8, ncols=min(5, len(handles)))
    return fig


def _longrun_chart(weeks: Sequence[WeekPoint], units: Units, today: date) -> Figure:
    """Planned long run per week (coloured by phase) with the actual longest run once logged."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    fig = _figure(10.0, 3.8)
    ax = fig.add_subplot()
    longs = [to_units(w.planned_long_m, units) for w in weeks]
    colors = [PHASE_COLORS.get(w.phase, "#888888") for w in weeks]
    ax.bar(range(len(weeks)), longs, width=0.7, color=colors, zorder=2)
    actual_x = [i for i, w in enumerate(weeks) if w.actual_long_m is not None]
    if actual_x:
        ax.plot(
            actual_x,
            [to_units(weeks[i].actual_long_m or 0.0, units) for i in actual_x],
            linestyle="none",
            marker="D",
            markersize=6,
            markerfacecolor="white",
            markeredgecolor=ACTUAL_COLOR,
            markeredgewidth=1.5,
            zorder=4,
        )
    for i, value in enumerate(longs):
        if value > 0:
            ax.annotate(
                f"{value:.1f}".removesuffix(".0"),
                (i, value),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                fontsize=7,
            )
    ax.set_ylim(0, max([*longs, 1.0]) * 1.2)
    ax.set_ylabel(f"Longest run of the week ({units})")
    ax.set_title("Long run, week by week", loc="left")
    ax.grid(axis="y", alpha=0.3, zorder=0)
    _week_ticks(ax, weeks)
    _today_line(ax, weeks, today)
    handles: list[Any] = [Patch(color="#999999", label="planned (colour = phase)")]
    if actual_x:
        handles.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker="D",
                markerfacecolor="white",
                markeredgecolor=ACTUAL_COLOR,
                label="actual longest run",
            )
        )
    fig.legend(handles=handles, loc="outside lower center", fontsize=8, ncols=len(handles))
    return fig


def _date_axis(ax: Axes, days: Sequence[date]) -> None:
    """Ticks at month starts (or weeks for short spans), labelled ``3 Mar`` / ``1 Jan 2028``."""
    if not days:
        return
    first, n = days[0], len(days)
    if n <= 45:
        ticks = [i for i in range(n) if days[i].weekday() == 0]
    else:
        months = [i for i in range(n) if days[i].day == 1]
        stride = max(1, math.ceil(len(months) / 12))
        ticks = months[::stride]
    labels = []
    last_year = None
    for i in ticks:
        day = first + timedelta(days=i)
        text = format_short_day(day)
        if day.year != last_year:
            text = f"{text}\n{day.year}"
            last_year = day.year
        labels.append(text)
    ax.set_xticks(ticks, labels, fontsize=8)
    ax.set_xlim(-0.5, n - 0.5)


def _fitness_chart(series: MetricsSeries, *, load_unit: str = "load points") -> Figure:
    """CTL (fitness), ATL (fatigue) and TSB (form) per day from ``series``.

    ``series`` needs the columns ``ctl``, ``atl`` and ``tsb`` (``load_unit`` per day).
    """
    missing = [c for c in ("ctl", "atl", "tsb") if c not in series.columns]
    if missing or not series.days:
        raise OperationError(
            "the fitness chart needs logged training (daily CTL, ATL and TSB); "
            "import or add activities first."
        )
    from matplotlib.patches import Patch

    fig = _figure(10.0, 5.0)
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(2.2, 1.0))
    x = list(range(len(series.days)))
    top.plot(
        x, list(series.columns["ctl"]), color="#1f5fa8", linewidth=2, label="Fitness (CTL, 42-day)"
    )
    top.plot(
        x, list(series.columns["atl"]), color="#d0508a", linewidth=1.2, label="Fatigue (ATL, 7-day)"
    )
    top.set_ylabel(f"Training load per day ({load_unit})")
    top.set_title("Fitness, fatigue and form", loc="left")
    top.grid(alpha=0.3)
    top.legend(loc="upper left", fontsize=8)
    tsb = [float(v) if float(v) == float(v) else 0.0 for v in series.columns["tsb"]]
    fresh = [v >= 0 for v in tsb]
    bottom.fill_between(x, tsb, 0, where=fresh, color=FRESH_COLOR, step="mid", linewidth=0)
    bottom.fill_between(
        x, tsb, 0, where=[not f for f in fresh], color=TIRED_COLOR, step="mid", linewidth=0
    )
    bottom.axhline(0, color="#444444", linewidth=0.8)
    bottom.set_ylabel("Form (TSB)")
    bottom.grid(alpha=0.3)
    bottom.legend(
        handles=[
            Patch(color=FRESH_COLOR, label="fresh (TSB ≥ 0)"),
            Patch(color=TIRED_COLOR, label="carrying fatigue (TSB < 0)"),
        ],
        loc="upper left",
        fontsize=8,
        ncols=2,
        framealpha=0.9,
    )
    _date_axis(bottom, series.days)
    bottom.set_xlabel(
        f"Date ({format_day(series.days[0], weekday=False)} to "
        f"{format_day(series.days[-1], weekday=False)})"
    )
    return fig


def _progression_chart(
    months: Sequence[PeriodPoint], years: Sequence[PeriodPoint], units: Units
) -> Figure:
    """Month to month (distance per month) and year to year (average per week, longest run)."""
    from matplotlib.patches import Patch

    if not months and not years:
        raise OperationError("the progression chart needs a plan or logged runs.")
    fig = _figure(10.0, 4.0)
    left, right = fig.subplots(1, 2, width_ratios=(2.3, 1.0))
    xm = list(range(len(months)))
    left.bar(
        xm,
        [to_units(m.planned_m, units) for m in months],
        width=0.8,
        color="#c9d7ea",
        edgecolor="#4C78A8",
        zorder=2,
    )
    left.bar(
        xm, [to_units(m.actual_m, units) for m in months], width=0.45, color=ACTUAL_COLOR, zorder=3
    )
    stride = max(1, math.ceil(len(months) / 12))
    left.set_xticks(
        xm[::stride],
        [m.label.replace(" ", "\n") for m in months][::stride],
        fontsize=8,
    )
    left.set_ylabel(f"Distance per month ({units})")
    left.set_title("Month to month", loc="left")
    left.grid(axis="y", alpha=0.3, zorder=0)
    left.legend(
        handles=[
            Patch(facecolor="#c9d7ea", edgecolor="#4C78A8", label="planned"),
            Patch(color=ACTUAL_COLOR, label="actual (logged)"),
        ],
        loc="upper left",
        fontsize=8,
    )
    xy = list(range(len(years)))
    planned_week = [to_units(y.planned_per_week_m, units) for y in years]
    actual_week = [to_units(y.actual_per_week_m, units) for y in years]
    right.bar(xy, planned_week, width=0.8, color="#c9d7ea", edgecolor="#4C78A8", zorder=2)
    right.bar(xy, actual_week, width=0.45, color=ACTUAL_COLOR, zorder=3)
    for i, y in enumerate(years):
        # Bars of more than six years are too narrow for a label above each one.
        if y.actual_long_m > 0 and len(years) <= 6:
            right.annotate(
                f"longest run\n{to_units(y.actual_long_m, units):.0f} {units}",
                (i, max(planned_week[i], actual_week[i])),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                fontsize=7,
            )
    year_stride = max(1, math.ceil(len(years) / 6))
    right.set_xticks(xy[::year_stride], [y.label for y in years][::year_stride], fontsize=9)
    right.set_ylabel(f"Average per week ({units})")
    right.set_title("Year to year", loc="left")
    right.legend(
        handles=[
            Patch(facecolor="#c9d7ea", edgecolor="#4C78A8", label="planned"),
            Patch(color=ACTUAL_COLOR, label="actual"),
        ],
        loc="upper left",
        fontsize=8,
    )
    right.grid(axis="y", alpha=0.3, zorder=0)
    top = max([*planned_week, *actual_week, 1.0])
    right.set_ylim(0, top * 1.2)
    return fig


def volume_chart(weeks: Sequence[WeekPoint], units: Units, today: date) -> Figure:
    """Season/cycle overview: weekly volume by phase, down weeks, long run, actual, today."""
    with _style():
        return _volume_chart(weeks, units, today)


def longrun_chart(weeks: Sequence[WeekPoint], units: Units, today: date) -> Figure:
    """Planned long run per week (coloured by phase) with the actual longest run once logged."""
    with _style():
        return _longrun_chart(weeks, units, today)


def fitness_chart(series: MetricsSeries, *, load_unit: str = "load points") -> Figure:
    """CTL (fitness), ATL (fatigue) and TSB (form) per day (columns ``ctl``, ``atl``, ``tsb``)."""
    with _style():
        return _fitness_chart(series, load_unit=load_unit)


def progression_chart(
    months: Sequence[PeriodPoint], years: Sequence[PeriodPoint], units: Units
) -> Figure:
    """Month to month (distance per month) and year to year (average per week, longest run)."""
    with _style():
        return _progression_chart(months, years, units)
