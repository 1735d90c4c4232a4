"""``runcoach status``: load and fitness of the last weeks, from the training log.

The work happens in :mod:`runcoach.services.status`; this module prints a Rich table with
sparklines and plain-words notes, or the ``runcoach.status/1`` JSON document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from runcoach.cli.options import JsonOption, TodayOption, UnitsOption

if TYPE_CHECKING:
    from rich.table import Table

    from runcoach.domain.units import Units
    from runcoach.services.status import StatusReport, WeekStatus


def register(app: typer.Typer) -> None:
    """Add ``status`` to ``app``."""
    app.command("status")(status)


def status(
    weeks: Annotated[
        int, typer.Option("--weeks", help="How many weeks to show (1–520).", metavar="N")
    ] = 8,
    today: TodayOption = None,
    units: UnitsOption = None,
    json_out: JsonOption = False,
) -> None:
    """Load and fitness of the last weeks: volume, longest run, load, CTL/ATL/TSB, ACWR,
    monotony and strain, spikes and fast progressions, pain and effort.

    Weeks run Monday to Sunday; the last one is the current week up to today. ACWR is shown as
    a description, not an injury verdict.
    """
    from runcoach.bootstrap import open_services
    from runcoach.cli.options import resolve_today
    from runcoach.cli.output import console, info, print_json
    from runcoach.config import resolve_units
    from runcoach.services.status import status_report

    day = resolve_today(today)
    shown = resolve_units(units)
    with open_services() as svc:
        report = status_report(svc, today=day, weeks=weeks)
    if json_out:
        print_json(report.to_json())
        if report.empty:
            info(report.notes[0])
        return
    out = console()
    if report.empty:
        out.print(report.notes[0])
        return
    out.print(_table(report, shown))
    out.print(_sparklines(report, shown))
    out.print(_today_line(report))
    from rich.markup import escape

    for note in report.notes:
        out.print(f"[dim]• {escape(note)}[/]")


def _fmt(value: float | None, digits: int = 1, *, signed: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"


def _flags(week: WeekStatus) -> str:
    parts = []
    if week.progression_flag and week.progression_pct is not None:
        parts.append(f"▲ +{week.progression_pct:.0f} %")
    for spike in week.spikes:
        parts.append(
            f"{spike.category} spike {spike.day.strftime('%a')} +{spike.increase_pct:.0f} %"
        )
    return "\n".join(parts)


def _table(report: StatusReport, units: Units) -> Table:
    from rich import box
    from rich.table import Table

    from runcoach.domain.units import to_units

    table = Table(
        title=f"Load and fitness — {len(report.weeks)} weeks to {report.today.isoformat()} "
        f"(distances in {units})",
        title_justify="left",
        caption="Weeks run Monday–Sunday; * = this week so far. "
        "Load in points (1 h at threshold = 100).",
        caption_justify="left",
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
        pad_edge=False,
    )
    for header, justify in (
        ("Week of", "left"),
        ("Dist", "right"),
        ("Long", "right"),
        ("Runs", "right"),
        ("Load", "right"),
        ("CTL", "right"),
        ("ATL", "right"),
        ("TSB", "right"),
        ("ACWR", "right"),
        ("Mono", "right"),
        ("Strain", "right"),
        ("Pain/RPE", "right"),
        ("Flags", "left"),
    ):
        table.add_column(header, justify=justify, no_wrap=header != "Flags")  # type: ignore[arg-type]
    for week in report.weeks:
        monotony = "max" if week.monotony_maximal else _fmt(week.monotony, 2)
        effort = f"{_fmt(week.max_pain, 0)}/{_fmt(week.mean_rpe, 1)}"
        if week.max_pain is None and week.mean_rpe is None:
            effort = "—"
        table.add_row(
            week.start_date.isoformat() + ("" if week.complete else " *"),
            f"{to_units(week.distance_m, units):.1f}",
            f"{to_units(week.longest_run_m, units):.1f}" if week.longest_run_m else "—",
            str(week.runs),
            f"{week.load:.0f}",
            f"{week.ctl:.1f}",
            f"{week.atl:.1f}",
            _fmt(week.tsb, 1, signed=True),
            _fmt(week.acwr_ewma, 2),
            monotony,
            "max" if week.monotony_maximal else _fmt(week.strain, 0),
            effort,
            _flags(week),
        )
    return table


def _sparklines(report: StatusReport, units: Units) -> str:
    from runcoach.cli.output import sparkline
    from runcoach.domain.units import to_units

    weeks = report.weeks
    rows = (
        ("Distance", [to_units(w.distance_m, units) for w in weeks], f" {units}"),
        ("Load", [w.load for w in weeks], ""),
        ("CTL (fitness)", [w.ctl for w in weeks], ""),
        ("TSB (form)", [w.tsb for w in weeks], ""),
    )
    lines = []
    for label, values, unit in rows:
        lines.append(f"{label:<14} {sparkline(values)}  {values[0]:.1f} → {values[-1]:.1f}{unit}")
    return "\n".join(lines)


def _today_line(report: StatusReport) -> str:
    week = report.weeks[-1]
    acwr = "—" if week.acwr_ewma is None else f"{week.acwr_ewma:.2f}"
    return (
        f"Today ({report.today.isoformat()}): fitness CTL {week.ctl:.1f}, fatigue ATL "
        f"{week.atl:.1f}, form TSB {week.tsb:+.1f}; ACWR {acwr} (EWMA 7:28, a description only)."
    )
