"""Training-log commands: ``log import``, ``log add``, ``log list``.

The work happens in :mod:`runcoach.services.logbook` (through ``runcoach.bootstrap``); this
module parses options, shows progress on stderr (only on a terminal) and prints tables or JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from runcoach.cli.options import JsonOption, UnitsOption

if TYPE_CHECKING:
    from rich.progress import TaskID

    from runcoach.domain.units import Units
    from runcoach.services.logbook import ImportReport
    from runcoach.services.ports import StoredActivity


def register(app: typer.Typer) -> None:
    """Add the ``log`` group to ``app``."""
    log_app = typer.Typer(
        name="log",
        help="Your training log: import watch files and Strava exports, add runs by hand, list.",
        no_args_is_help=True,
        rich_markup_mode="rich",
    )
    log_app.command("import")(import_files)
    log_app.command("add")(add)
    log_app.command("list")(list_entries)
    app.add_typer(log_app)


def import_files(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="FIT, GPX or TCX files (gzipped or not), folders, ZIP archives or Strava "
            "bulk exports (folder or ZIP with activities.csv).",
            metavar="PATH...",
        ),
    ],
    sport: Annotated[
        str | None,
        typer.Option(
            "--sport",
            help="Sport for GPX/TCX files that do not say theirs (e.g. run); otherwise 'other'.",
            metavar="SPORT",
        ),
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Import activity files into the log; duplicates are recognised and skipped.

    Each file is imported in its own transaction. Exits 0 when every file was imported or
    recognised as a duplicate, 1 when any failed (the table says why, one line per file).
    """
    from runcoach.bootstrap import open_services
    from runcoach.cli.output import print_json
    from runcoach.domain.errors import InputError
    from runcoach.importers.sports import sport_from_text
    from runcoach.services.logbook import MANUAL_SPORT_HELP, import_paths

    default_sport = None
    if sport is not None:
        default_sport = sport_from_text(sport)
        if default_sport is None:
            raise InputError(
                f"--sport {sport!r} is not a sport runcoach knows: use {MANUAL_SPORT_HELP}."
            )
    with open_services() as svc, _Progress() as progress:
        report = import_paths(
            svc.activities,
            paths,
            default_sport=default_sport,
            on_start=progress.start,
            on_progress=progress.advance,
        )
    if json_out:
        print_json(_report_json(report))
    else:
        _print_report(report)
    if not report.ok:
        raise typer.Exit(1)


def add(
    day: Annotated[
        str, typer.Option("--date", help="Day of the session, YYYY-MM-DD (or YYYY-MM-DDTHH:MM).")
    ],
    duration: Annotated[
        str, typer.Option("--time", help="Duration, e.g. 52:30 or 1:05:00.", metavar="TIME")
    ],
    distance: Annotated[
        str | None,
        typer.Option("--distance", help="Distance, e.g. 10km or 6.2mi.", metavar="DIST"),
    ] = None,
    rpe: Annotated[
        float | None,
        typer.Option("--rpe", help="Effort, 1 (very easy) to 10 (maximal).", metavar="1-10"),
    ] = None,
    pain: Annotated[
        float | None,
        typer.Option("--pain", help="Pain during or after, 0 (none) to 10.", metavar="0-10"),
    ] = None,
    pain_location: Annotated[
        str | None,
        typer.Option("--pain-location", help="Where it hurts, e.g. 'left knee'.", metavar="TEXT"),
    ] = None,
    notes: Annotated[str | None, typer.Option("--notes", help="Free notes.")] = None,
    sport: Annotated[
        str | None,
        typer.Option(
            "--sport", help="run (default), walk, ride, swim, strength...", metavar="SPORT"
        ),
    ] = None,
    race: Annotated[
        bool,
        typer.Option(
            "--race",
            help="It was a race or a time trial: the review counts it as one and your "
            "fitness follows its time.",
        ),
    ] = False,
    units: UnitsOption = None,
    json_out: JsonOption = False,
) -> None:
    """Add a session by hand: date, duration, distance, effort and pain."""
    from runcoach.bootstrap import open_services
    from runcoach.cli.output import console, print_json
    from runcoach.config import resolve_units
    from runcoach.services.logbook import activity_json, manual_entry

    entry = manual_entry(
        day=day,
        distance=distance,
        duration=duration,
        rpe=rpe,
        pain=pain,
        pain_location=pain_location,
        notes=notes,
        sport=sport,
        race=race,
    )
    if race and entry.distance_m is None:
        from runcoach.domain.errors import InputError

        raise InputError("--race needs --distance: a race's time means nothing without it.")
    shown = resolve_units(units)
    with open_services() as svc:
        new_id = svc.activities.add_manual(entry)
        stored = svc.activities.get(new_id)
    if json_out:
        print_json(activity_json(stored))
        return
    console().print(f"Logged #{new_id}: {_describe(stored, shown)}")


def list_entries(
    since: Annotated[
        str | None, typer.Option("--since", help="First day to list (YYYY-MM-DD).", metavar="DATE")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Last day to list (YYYY-MM-DD).", metavar="DATE")
    ] = None,
    runs_only: Annotated[bool, typer.Option("--runs", help="Only runs.")] = False,
    units: UnitsOption = None,
    json_out: JsonOption = False,
) -> None:
    """List logged activities, oldest first (each day in the activity's own local time)."""
    from runcoach.bootstrap import open_services
    from runcoach.cli.output import console, info, print_json
    from runcoach.config import resolve_units
    from runcoach.domain.errors import InputError
    from runcoach.services.logbook import activity_json, parse_day

    first = parse_day(since, "--since")
    last = parse_day(until, "--until")
    if first is not None and last is not None and last < first:
        raise InputError(f"--until {until} is before --since {since}.")
    shown = None if json_out else resolve_units(units)
    with open_services() as svc:
        rows = svc.activities.summaries(first, last, runs_only=runs_only)
    if json_out:
        print_json([activity_json(row) for row in rows])
        return
    if not rows:
        info("No activities logged in that period. Add some with `runcoach log import PATH`.")
        return
    assert shown is not None
    console().print(_log_table(rows, shown))


# --- progress -------------------------------------------------------------------------------


class _Progress:
    """A Rich progress bar on stderr when stderr is a terminal; silent otherwise."""

    def __init__(self) -> None:
        from rich.progress import Progress

        from runcoach.cli.output import err_console

        self._bar: Progress | None = None
        self._task: TaskID | None = None
        if err_console().is_terminal:
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn

            self._bar = Progress(
                TextColumn("Importing"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.fields[current]}", style="dim"),
                console=err_console(),
                transient=True,
            )

    def __enter__(self) -> _Progress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def start(self, total: int) -> None:
        if self._bar is not None:
            self._task = self._bar.add_task("import", total=total, current="")

    def advance(self, done: int, _total: int, label: str) -> None:
        if self._bar is not None and self._task is not None:
            short = label if len(label) <= 50 else "…" + label[-49:]
            self._bar.update(self._task, completed=done, current=short)


# --- output ---------------------------------------------------------------------------------


def _report_json(report: ImportReport) -> dict[str, object]:
    return {
        "imported": report.count("imported"),
        "duplicates": report.count("duplicate"),
        "failed": report.count("failed"),
        "files": [
            {
                "file": o.label,
                "status": o.status,
                "reason": o.reason or None,
                "activity_ids": list(o.activity_ids),
                "duplicate_of": list(o.duplicate_of),
                "sports": list(o.sports),
                "partial": o.partial,
                "warnings": list(o.warnings),
            }
            for o in report.outcomes
        ],
    }


def _print_report(report: ImportReport) -> None:
    from rich.table import Table

    from runcoach.cli.output import console

    out = console()
    notable = [
        o for o in report.outcomes if o.status == "failed" or (o.status == "imported" and o.partial)
    ]
    if notable:
        table = Table(title="Files that need a look", title_justify="left")
        table.add_column("File", overflow="fold")
        table.add_column("Result")
        table.add_column("Reason", overflow="fold")
        for o in notable:
            if o.status == "failed":
                table.add_row(o.label, "[red]failed[/]", _without_label(o.reason, o.label))
            else:
                table.add_row(o.label, "[yellow]imported, partial[/]", "; ".join(o.warnings))
        out.print(table)
    summary = Table(title="Import summary", title_justify="left")
    summary.add_column("Imported", justify="right")
    summary.add_column("Duplicates skipped", justify="right")
    summary.add_column("Failed", justify="right")
    summary.add_column("Activities stored", justify="right")
    stored = sum(len(o.activity_ids) for o in report.outcomes)
    summary.add_row(
        str(report.count("imported")),
        str(report.count("duplicate")),
        str(report.count("failed")),
        str(stored),
    )
    out.print(summary)
    if not report.outcomes:
        out.print("No activity files were found in the given paths.")


def _without_label(reason: str, label: str) -> str:
    """The reason without the file name it starts with (the table shows it already)."""
    if reason.startswith(label):
        rest = reason[len(label) :].lstrip(" :")
        return rest[:1].upper() + rest[1:] if rest else reason
    return reason


def _log_table(rows: list[StoredActivity], units: Units) -> object:
    from rich.table import Table

    from runcoach.domain.units import format_distance, format_duration, format_pace

    with_rpe = any(r.activity.rpe is not None for r in rows)
    with_notes = any(
        r.activity.partial or r.activity.pain or r.activity.notes or r.activity.pain_location
        for r in rows
    )
    table = Table(title="Training log", title_justify="left")
    table.add_column("ID", justify="right")
    table.add_column("Date", no_wrap=True)
    table.add_column("Sport", no_wrap=True)
    table.add_column("Distance", justify="right", no_wrap=True)
    table.add_column("Time", justify="right", no_wrap=True)
    table.add_column("Pace", justify="right", no_wrap=True)
    table.add_column("HR", justify="right")
    if with_rpe:
        table.add_column("RPE", justify="right")
    table.add_column("Source")
    if with_notes:
        table.add_column("Notes", overflow="fold")
    for row in rows:
        a = row.activity
        seconds = a.duration_s
        cells = [
            str(row.id),
            a.start_time.strftime("%Y-%m-%d"),
            a.sport.replace("_", " "),
            format_distance(a.distance_m, units) if a.distance_m else "—",
            format_duration(seconds),
            format_pace(seconds / a.distance_m * 1000, units)
            if a.is_run and a.distance_m and seconds > 0
            else "",
            f"{a.avg_hr_bpm:.0f}" if a.avg_hr_bpm else "",
        ]
        if with_rpe:
            cells.append(f"{a.rpe:g}" if a.rpe is not None else "")
        cells.append("strava" if row.source == "strava_csv" else row.source)
        if with_notes:
            flags = []
            if a.partial:
                flags.append("[yellow]partial[/]")
            if a.pain:
                where = f" ({a.pain_location})" if a.pain_location else ""
                flags.append(f"pain {a.pain:g}{where}")
            if a.notes:
                flags.append(a.notes)
            cells.append(" · ".join(flags))
        table.add_row(*cells)
    return table


def _describe(row: StoredActivity, units: Units) -> str:
    from runcoach.domain.units import format_distance, format_duration, format_pace

    a = row.activity
    parts = [a.start_time.strftime("%Y-%m-%d"), a.sport]
    if a.distance_m:
        parts.append(format_distance(a.distance_m, units))
    parts.append(f"in {format_duration(a.duration_s)}")
    if a.is_run and a.distance_m:
        parts.append(f"({format_pace(a.duration_s / a.distance_m * 1000, units)})")
    text = " ".join(parts)
    if a.extra.get("kind") == "race":
        text += ", race"
    if a.rpe is not None:
        text += f", RPE {a.rpe:g}"
    if a.pain is not None:
        text += f", pain {a.pain:g}" + (f" ({a.pain_location})" if a.pain_location else "")
    return text
