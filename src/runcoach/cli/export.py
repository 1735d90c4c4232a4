"""Export commands: ``export ics|fit|csv|json``, ``report`` and ``chart``.

The plan is the current stored plan unless ``--plan FILE`` names a ``runcoach.plan/1`` JSON or a
plan CSV; the log and metrics come from the store. Files are written atomically; messages go to
stderr, so ``--out`` can be left out to pipe the text formats.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, cast

import typer

from runcoach.cli.options import JsonOption, TodayOption, UnitsOption, resolve_today

if TYPE_CHECKING:
    from runcoach.exporters.report import ReportData

PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        help="Export this plan file (runcoach.plan/1 JSON or CSV) instead of the stored plan.",
        metavar="FILE",
    ),
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out", "-o", help="Write to this file (default: standard output).", metavar="FILE"
    ),
]


def register(app: typer.Typer) -> None:
    """Add the ``export`` group, ``report`` and ``chart`` to ``app``."""
    export_app = typer.Typer(
        name="export",
        help="Files for your calendar, your watch and your spreadsheets (and `export all`, the backup).",
        no_args_is_help=True,
        rich_markup_mode="rich",
    )
    export_app.command("ics")(ics)
    export_app.command("fit")(fit)
    export_app.command("csv")(csv_command)
    export_app.command("json")(json_command)
    app.add_typer(export_app)
    app.command("report")(report)
    app.command("chart")(chart)


def _emit(data: bytes, out: Path | None, what: str) -> None:
    from runcoach.cli.output import info
    from runcoach.services.exports import write_output

    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_output(out, data)
    info(f"wrote {what} to {out}")


def _parse_time(text: str) -> time:
    from runcoach.domain.errors import InputError

    try:
        parsed = time.fromisoformat(text)
    except ValueError:
        raise InputError(f"--time {text!r} is not a time of day: use HH:MM, e.g. 06:30.") from None
    return parsed.replace(second=0, microsecond=0)


def ics(
    out: OutOption = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--time", help="Start each session at this time (HH:MM); default: all-day events."
        ),
    ] = None,
    tz: Annotated[
        str | None,
        typer.Option(
            "--tz",
            help="IANA time zone for --time, e.g. Europe/Prague (default: floating local time).",
            metavar="ZONE",
        ),
    ] = None,
    no_rest: Annotated[
        bool, typer.Option("--no-rest", help="Leave rest days out of the calendar.")
    ] = False,
    units: UnitsOption = None,
    plan_file: PlanOption = None,
    today: TodayOption = None,
    json_out: JsonOption = False,
) -> None:
    """The plan as an iCalendar file: one event per session with its full description.

    Re-export after the plan changed: events keep their UID, changed ones get a higher
    SEQUENCE and removed sessions come back as cancelled, so calendars update instead of
    duplicating.
    """
    from runcoach.bootstrap import open_services
    from runcoach.cli.output import info, print_json
    from runcoach.config import load_settings, resolve_units
    from runcoach.domain.errors import InputError
    from runcoach.exporters.ics import IcsOptions
    from runcoach.services import exports

    shown = resolve_units(units)
    if tz is not None and at is None:
        raise InputError("--tz needs --time: all-day events have no time zone.")
    options = IcsOptions(
        units=shown,
        start_time=_parse_time(at) if at is not None else None,
        timezone=tz,
        include_rest=not no_rest,
    )
    now = (
        datetime.combine(resolve_today(today), time(12), tzinfo=UTC)
        if today is not None
        else datetime.now(UTC)
    )
    settings = load_settings()
    if plan_file is not None:
        source = exports.plan_from_file(plan_file)
    else:
        with open_services(settings) as svc:
            source = exports.current_plan(svc)
    result = exports.export_calendar(source, state_dir=settings.data_dir, options=options, now=now)
    if json_out:
        if out is not None:
            exports.write_output(out, result.data)
        print_json({"out": str(out) if out else None, "lineage": source.lineage, **result.summary})
        return
    _emit(result.data, out, "the calendar")
    s = result.summary
    info(
        f"{s['added']} new, {s['updated']} updated, {s['unchanged']} unchanged and "
        f"{s['cancelled']} cancelled events ({source.description})."
    )


def fit(
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="Folder for the .fit files (or the .zip with --zip).", metavar="DIR"
        ),
    ],
    week: Annotated[
        list[int] | None,
        typer.Option("--week", help="Plan week to export (repeatable).", metavar="N"),
    ] = None,
    all_weeks: Annotated[
        bool, typer.Option("--all", help="Export every week of the plan.")
    ] = False,
    as_zip: Annotated[
        bool, typer.Option("--zip", help="Write one ZIP file at --out instead of a folder.")
    ] = False,
    all_runs: Annotated[
        bool,
        typer.Option(
            "--all-runs", help="Also easy and long runs without structure (one step at easy pace)."
        ),
    ] = False,
    plan_file: PlanOption = None,
    json_out: JsonOption = False,
) -> None:
    """Structured runs as FIT workout files for your watch (warm-up, repeats, cool-down, with
    pace ranges or heart-rate targets).

    Copy them to the watch's GARMIN/NewFiles folder over USB, or import them in your watch's
    app; see docs/exports.md.
    """
    from runcoach.bootstrap import open_services
    from runcoach.cli.output import info, print_json
    from runcoach.domain.errors import InputError
    from runcoach.services import exports

    if not week and not all_weeks:
        raise InputError("say which weeks: --week N (repeatable) or --all.")
    if week and all_weeks:
        raise InputError("give --week or --all, not both.")
    if plan_file is not None:
        source = exports.plan_from_file(plan_file)
    else:
        with open_services() as svc:
            source = exports.current_plan(svc)
    files = exports.fit_workouts(source.plan, weeks=None if all_weeks else week, all_runs=all_runs)
    if not files:
        raise InputError(
            "no structured runs in those weeks (add --all-runs to export easy and long runs too)."
        )
    target = exports.write_fit_files(files, out, as_zip=as_zip)
    if json_out:
        print_json({"out": str(target), "zip": as_zip, "files": [name for name, _ in files]})
        return
    info(f"wrote {len(files)} workout{'s' if len(files) != 1 else ''} to {target}")


What = Literal["plan", "log", "metrics"]
WhatOption = Annotated[
    str,
    typer.Option(
        "--what", help="What to export: plan, log or metrics.", metavar="plan|log|metrics"
    ),
]


def _what(text: str) -> What:
    from runcoach.domain.errors import InputError

    if text not in ("plan", "log", "metrics"):
        raise InputError(f"--what {text!r} is not one of plan, log or metrics.")
    return cast(What, text)


def _table(
    fmt: Literal["csv", "json"],
    what: What,
    units: str | None,
    plan_file: Path | None,
    today: str | None,
) -> bytes:
    from runcoach.bootstrap import open_services
    from runcoach.config import resolve_units
    from runcoach.exporters import tables
    from runcoach.exporters.plan_csv import plan_to_csv
    from runcoach.services import exports

    shown = resolve_units(units)
    if what == "plan" and plan_file is not None:
        plan = exports.plan_from_file(plan_file).plan
        text = tables.plan_json(plan) if fmt == "json" else plan_to_csv(plan, shown)
        return text.encode("utf-8")
    with open_services() as svc:
        if what == "plan":
            plan = exports.current_plan(svc).plan
            text = tables.plan_json(plan) if fmt == "json" else plan_to_csv(plan, shown)
        elif what == "log":
            items = svc.activities.summaries()
            text = tables.log_json(items) if fmt == "json" else tables.log_csv(items, shown)
        else:
            plan_source = exports.plan_from_file(plan_file) if plan_file is not None else None
            if plan_source is None and svc.plans.current() is not None:
                plan_source = exports.current_plan(svc)
            series = exports.metrics_window(
                svc,
                today=resolve_today(today),
                plan=plan_source.plan if plan_source is not None else None,
            )
            if series is None:
                from runcoach.errors import OperationError

                raise OperationError(
                    "no metrics to export: nothing is logged yet (runcoach log import / log add)."
                )
            text = tables.metrics_json(series) if fmt == "json" else tables.metrics_csv(series)
    return text.encode("utf-8")


def csv_command(
    what: WhatOption = "plan",
    out: OutOption = None,
    units: UnitsOption = None,
    plan_file: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """The plan (one row per session), the log (one row per activity) or the daily metrics as
    CSV, distances in your units."""
    chosen = _what(what)
    _emit(_table("csv", chosen, units, plan_file, today), out, f"the {chosen} CSV")


def json_command(
    what: WhatOption = "plan",
    out: OutOption = None,
    plan_file: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """The plan (the runcoach.plan/1 contract), the log or the daily metrics as JSON (SI units,
    ISO dates)."""
    chosen = _what(what)
    _emit(_table("json", chosen, None, plan_file, today), out, f"the {chosen} JSON")


def _report_data(units: str | None, plan_file: Path | None, today: str | None) -> ReportData:
    from runcoach import __version__
    from runcoach.bootstrap import open_services
    from runcoach.config import resolve_units
    from runcoach.services import exports

    shown = resolve_units(units)
    day = resolve_today(today)
    source = exports.plan_from_file(plan_file) if plan_file is not None else None
    with open_services() as svc:
        if source is None and svc.plans.current() is not None:
            source = exports.current_plan(svc)
        return exports.report_data(svc, today=day, units=shown, source=source, version=__version__)


def report(
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="The HTML file to write, e.g. report.html.", metavar="FILE"
        ),
    ],
    units: UnitsOption = None,
    plan_file: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """A printable progress report: one self-contained HTML file (open it in a browser, print
    it to PDF) with your goal, the season overview, the plan week by week, your paces, fitness
    and month-to-month and year-to-year progression."""
    from runcoach.cli.output import info
    from runcoach.exporters.report import render_report
    from runcoach.services.exports import write_output

    data = _report_data(units, plan_file, today)
    write_output(out, render_report(data).encode("utf-8"))
    info(f"wrote the report to {out}")


def chart(
    name: Annotated[
        str,
        typer.Argument(
            help="Which chart: volume, longrun, fitness or progression.", metavar="NAME"
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="The image to write: FILE.png or FILE.svg.", metavar="FILE"
        ),
    ],
    units: UnitsOption = None,
    plan_file: PlanOption = None,
    today: TodayOption = None,
) -> None:
    """One chart of the report as a PNG or SVG image."""
    from runcoach.cli.output import info
    from runcoach.domain.errors import InputError
    from runcoach.services.exports import ChartName, write_output
    from runcoach.services.exports import chart as render_chart

    if name not in ("volume", "longrun", "fitness", "progression"):
        raise InputError(f"chart {name!r} is not one of volume, longrun, fitness or progression.")
    suffix = out.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise InputError(f"--out {out} must end in .png or .svg.")
    data = _report_data(units, plan_file, today)
    image = render_chart(data, cast(ChartName, name), "png" if suffix == ".png" else "svg")
    write_output(out, image)
    info(f"wrote the {name} chart to {out}")
