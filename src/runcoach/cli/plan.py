"""Plan commands: ``plan new``, ``plan show``, ``plan why``, ``plan check`` and ``season new``.

``register(app)`` adds the ``plan`` group (with the review/accept/undo/history commands of
``cli.coach``) and the ``season`` group. The flags of ``plan new`` are a fixed contract (issue 3).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from runcoach.cli.options import JsonOption, TodayOption, UnitsOption, resolve_today

#: ``--units`` of ``plan new`` and ``season new``: the plan's units, remembered for every command.
PlanUnitsOption = Annotated[
    str | None,
    typer.Option(
        "--units",
        help="Units you think in, km or mi: the plan's, and from now on every command's.",
        metavar="km|mi",
    ),
]

if TYPE_CHECKING:
    from runcoach.domain.plan.checks import Violation
    from runcoach.domain.plan.model import Plan, Session, Week
    from runcoach.domain.units import Units
    from runcoach.services.planning import PlanRequest

# --- the flags shared by plan new and season new -------------------------------------------

StartOption = Annotated[
    str | None,
    typer.Option(
        "--start", help="First day of the plan (YYYY-MM-DD); default: next Monday.", metavar="DATE"
    ),
]
VolumeOption = Annotated[
    str | None,
    typer.Option(
        "--weekly-volume",
        help="Average running per week over the last 4 weeks, e.g. 40km or 25mi.",
        metavar="DIST",
    ),
]
LongestOption = Annotated[
    str | None,
    typer.Option(
        "--longest-run", help="Longest run of the last 30 days, e.g. 16km or 10mi.", metavar="DIST"
    ),
]
DaysOption = Annotated[
    int | None, typer.Option("--days", help="Running days per week (3–7).", metavar="N")
]
AvailableOption = Annotated[
    str | None,
    typer.Option("--available", help="Days you can run, e.g. mon,tue,thu,sat,sun.", metavar="DAYS"),
]
LongDayOption = Annotated[
    str | None, typer.Option("--long-day", help="Day of the long run, e.g. sun.", metavar="DAY")
]
RecentRaceOption = Annotated[
    list[str] | None,
    typer.Option(
        "--recent-race",
        help="A recent race as DIST=TIME, e.g. 10k=48:00 (repeatable); sets your paces.",
        metavar="DIST=TIME",
    ),
]
AgeOption = Annotated[int | None, typer.Option("--age", help="Age in years.", metavar="N")]
SexOption = Annotated[
    str | None, typer.Option("--sex", help="F, M or X (non-binary).", metavar="F|M|X")
]
InjuryProneOption = Annotated[
    bool,
    typer.Option("--injury-prone", help="You get hurt easily: gentler ramp, more down weeks."),
]
BeginnerOption = Annotated[
    bool, typer.Option("--beginner", help="New to running: run/walk first if needed.")
]


def register(app: typer.Typer) -> None:
    """Add the ``plan`` and ``season`` groups to ``app``."""
    from runcoach.cli import coach

    plan_app = typer.Typer(
        name="plan",
        help="Your training plan: make one, see it, ask why, check any plan file, review it.",
        no_args_is_help=True,
        rich_markup_mode="rich",
    )
    plan_app.command("new")(new_command)
    plan_app.command("show")(show_command)
    plan_app.command("why")(why_command)
    plan_app.command("check")(check_command)
    coach.register_plan_commands(plan_app)
    app.add_typer(plan_app)
    season_app = typer.Typer(
        name="season",
        help="Several goal races over 1–3 years, each cycle starting from a higher base.",
        no_args_is_help=True,
        rich_markup_mode="rich",
    )
    season_app.command("new")(season_new_command)
    app.add_typer(season_app)


def _request(
    *,
    today: date,
    start: str | None,
    weekly_volume: str | None,
    longest_run: str | None,
    days: int | None,
    available: str | None,
    long_day: str | None,
    recent_race: list[str] | None,
    age: int | None,
    sex: str | None,
    injury_prone: bool,
    beginner: bool,
    units: str | None,
    race: Any = None,
    weeks: int | None = None,
) -> PlanRequest:
    from runcoach.domain.athlete import (
        RaceResult,
        check_age,
        parse_sex,
        parse_weekday,
        parse_weekdays,
    )
    from runcoach.domain.units import parse_date, parse_distance, parse_race, parse_units
    from runcoach.services.planning import PlanRequest

    races = tuple(
        RaceResult(r.distance_m, r.time_s)
        for r in (parse_race(t, what="--recent-race") for t in recent_race or ())
    )
    return PlanRequest(
        today=today,
        race=race,
        weeks=weeks,
        start=None if start is None else parse_date(start, what="--start"),
        weekly_volume_m=None
        if weekly_volume is None
        else parse_distance(weekly_volume, what="--weekly-volume"),
        longest_run_m=None
        if longest_run is None
        else parse_distance(longest_run, what="--longest-run"),
        days_per_week=days,
        available_days=None if available is None else parse_weekdays(available),
        long_run_day=None if long_day is None else parse_weekday(long_day, what="--long-day"),
        recent_races=races,
        age=None if age is None else check_age(age),
        sex=None if sex is None else parse_sex(sex),
        injury_prone=True if injury_prone else None,
        beginner=True if beginner else None,
        units=None if units is None else parse_units(units),
    )


def new_command(
    race: Annotated[
        str | None,
        typer.Option(
            "--race",
            help="Goal race: 5k, 10k, half or marathon (none: a base plan).",
            metavar="RACE",
        ),
    ] = None,
    race_date: Annotated[
        str | None, typer.Option("--race-date", help="Race day (YYYY-MM-DD).", metavar="DATE")
    ] = None,
    start: StartOption = None,
    weekly_volume: VolumeOption = None,
    longest_run: LongestOption = None,
    days: DaysOption = None,
    available: AvailableOption = None,
    long_day: LongDayOption = None,
    recent_race: RecentRaceOption = None,
    goal_time: Annotated[
        str | None, typer.Option("--goal-time", help="Goal time, e.g. 3:45:00.", metavar="TIME")
    ] = None,
    age: AgeOption = None,
    sex: SexOption = None,
    injury_prone: InjuryProneOption = False,
    beginner: BeginnerOption = False,
    weeks: Annotated[
        int | None,
        typer.Option("--weeks", help="Length of a base plan without a race (4–30).", metavar="N"),
    ] = None,
    units: PlanUnitsOption = None,
    json_out: JsonOption = False,
    today: TodayOption = None,
) -> None:
    """Make a plan from today's fitness to race day (or a base plan), save it and print it.

    Inputs you leave out come from your profile (`runcoach athlete init`). Every week says why
    it looks the way it does; `runcoach plan why WEEK` prints it.
    """
    from runcoach.bootstrap import open_services
    from runcoach.cli.output import info, print_json, warn
    from runcoach.config import load_settings
    from runcoach.domain.errors import InputError
    from runcoach.domain.plan.inputs import RACE_DISTANCES_M, parse_race_kind
    from runcoach.domain.plan.model import RaceGoal
    from runcoach.domain.units import parse_date, parse_duration
    from runcoach.services.planning import new_plan

    now = resolve_today(today)
    goal = None
    if race is not None:
        if race_date is None:
            raise InputError("--race needs --race-date (YYYY-MM-DD).")
        kind = parse_race_kind(race)
        goal_s = None if goal_time is None else parse_duration(goal_time, what="--goal-time")
        goal = RaceGoal(RACE_DISTANCES_M[kind], parse_date(race_date, what="--race-date"), goal_s)
    elif race_date is not None or goal_time is not None:
        raise InputError("--race-date and --goal-time need --race (5k, 10k, half or marathon).")
    if goal is not None and weeks is not None:
        raise InputError("--weeks is for a base plan without --race; a race sets the length.")
    request = _request(
        today=now,
        start=start,
        weekly_volume=weekly_volume,
        longest_run=longest_run,
        days=days,
        available=available,
        long_day=long_day,
        recent_race=recent_race,
        age=age,
        sex=sex,
        injury_prone=injury_prone,
        beginner=beginner,
        units=units,
        race=goal,
        weeks=weeks,
    )
    with open_services() as svc:
        built = new_plan(svc, request, load_settings().units)
    for note in built.notes:
        info(note)
    if built.version is not None:
        _remember_units(units)
    if json_out:
        print_json(built.plan.to_dict())
        return
    for w in built.plan.warnings:
        warn(f"[{w.rule}] {w.text}")
    shown = _units(units, built.plan)
    _print_plan(built.plan, shown)
    if built.version is not None:
        info(f"Saved as plan {built.version.plan_id}, version {built.version.version}.")


def season_new_command(
    race: Annotated[
        list[str] | None,
        typer.Option(
            "--race",
            help="A season race as DIST@YYYY-MM-DD[:A|B], e.g. marathon@2027-10-10:A (repeatable).",
            metavar="DIST@DATE[:A|B]",
        ),
    ] = None,
    start: StartOption = None,
    weekly_volume: VolumeOption = None,
    longest_run: LongestOption = None,
    days: DaysOption = None,
    available: AvailableOption = None,
    long_day: LongDayOption = None,
    recent_race: RecentRaceOption = None,
    age: AgeOption = None,
    sex: SexOption = None,
    injury_prone: InjuryProneOption = False,
    beginner: BeginnerOption = False,
    far_goal: Annotated[
        str | None,
        typer.Option(
            "--far-goal",
            help="A goal beyond this season as DIST=TIME, e.g. marathon=3:05:00.",
            metavar="DIST=TIME",
        ),
    ] = None,
    bq: Annotated[
        bool,
        typer.Option("--bq", help="Make a Boston qualifier the far goal (needs --age, --sex)."),
    ] = False,
    units: PlanUnitsOption = None,
    json_out: JsonOption = False,
    today: TodayOption = None,
) -> None:
    """Plan a season: several A and B races over 1–3 years, recovery after each A race, and each
    cycle from a higher base; with --far-goal or --bq, a projection with a range."""
    from runcoach.bootstrap import open_services
    from runcoach.cli.output import info, print_json, warn
    from runcoach.config import load_settings
    from runcoach.domain.errors import InputError
    from runcoach.domain.plan.season import parse_season_race
    from runcoach.domain.units import parse_race
    from runcoach.services.planning import new_season

    if not race:
        raise InputError("give the season's races with --race DIST@YYYY-MM-DD[:A|B] (repeatable).")
    races = [parse_season_race(t) for t in race]
    goal = None
    if far_goal is not None:
        parsed = parse_race(far_goal, what="--far-goal")
        goal = (parsed.distance_m, parsed.time_s)
    request = _request(
        today=resolve_today(today),
        start=start,
        weekly_volume=weekly_volume,
        longest_run=longest_run,
        days=days,
        available=available,
        long_day=long_day,
        recent_race=recent_race,
        age=age,
        sex=sex,
        injury_prone=injury_prone,
        beginner=beginner,
        units=units,
    )
    with open_services() as svc:
        built = new_season(svc, request, races, load_settings().units, far_goal=goal, bq=bq)
    for note in built.notes:
        info(note)
    if built.version is not None:
        _remember_units(units)
    if json_out:
        print_json(built.plan.to_dict())
        return
    for w in built.plan.warnings:
        warn(f"[{w.rule}] {w.text}")
    shown = _units(units, built.plan)
    _print_season(built.plan, shown)
    if built.version is not None:
        info(f"Saved as plan {built.version.plan_id}, version {built.version.version}.")


def show_command(
    view: Annotated[
        str,
        typer.Option("--view", help="week (default), month or year overview.", metavar="VIEW"),
    ] = "week",
    units: UnitsOption = None,
    json_out: JsonOption = False,
) -> None:
    """Show the current plan: weeks, phases, down weeks, long runs and key workouts with paces."""
    from runcoach.bootstrap import open_services
    from runcoach.cli.output import print_json
    from runcoach.domain.errors import InputError
    from runcoach.services.planning import current_plan

    if view not in ("week", "month", "year"):
        raise InputError(f"--view {view!r} is not one of week, month or year.")
    with open_services() as svc:
        plan = current_plan(svc)
    shown = _units(units, plan)
    if json_out:
        if view == "week":
            print_json(plan.to_dict())
        else:
            print_json({"view": view, "rows": _overview(plan, view)})
        return
    if view == "week":
        _print_plan(plan, shown, details=True)
    else:
        _print_overview(plan, view, shown)


def why_command(
    week: Annotated[int, typer.Argument(help="Week number (1 = the first week).", metavar="WEEK")],
    json_out: JsonOption = False,
) -> None:
    """Why a week of the current plan looks the way it does: its reasons and their rules."""
    from runcoach.bootstrap import open_services
    from runcoach.cli.output import console, print_json
    from runcoach.services.planning import current_plan, week_reasons

    with open_services() as svc:
        plan = current_plan(svc)
    reasons = week_reasons(plan, week)
    w = plan.weeks[week - 1]
    if json_out:
        print_json(
            {
                "week": week,
                "start_date": w.start_date.isoformat(),
                "phase": w.phase,
                "is_down_week": w.is_down_week,
                "lever": w.lever,
                "reasons": reasons,
            }
        )
        return
    out = console()
    title = f"Week {week} ({w.start_date.isoformat()}) — {w.phase}"
    if w.is_down_week:
        title += ", down week"
    out.print(f"[bold]{title}[/]")
    for r in reasons:
        out.print(f"• [bold]{r['rule']}[/]: {r['text']}", soft_wrap=True)
        if r["title"]:
            explained = "" if r["explanation"] == r["text"] else f" {r['explanation']}"
            out.print(f"  [dim]{r['title']} —{explained} Source: {r['source']}[/]", soft_wrap=True)


def check_command(
    file: Annotated[
        Path, typer.Argument(help="A plan file: runcoach.plan/1 JSON or a date,kind,distance CSV.")
    ],
    weekly_volume: Annotated[
        str | None,
        typer.Option(
            "--weekly-volume",
            help="The runner's weekly volume before the plan (default: from the file or its first week).",
            metavar="DIST",
        ),
    ] = None,
    longest_run: Annotated[
        str | None,
        typer.Option(
            "--longest-run",
            help="The longest run of the 30 days before the plan (default: from the file or its first week).",
            metavar="DIST",
        ),
    ] = None,
    days: Annotated[
        int | None,
        typer.Option(
            "--days", help="Running days per week asked for (default: inferred).", metavar="N"
        ),
    ] = None,
    age: AgeOption = None,
    injury_prone: Annotated[
        bool, typer.Option("--injury-prone", help="Check with the 3-week down cadence.")
    ] = False,
    units: UnitsOption = None,
    json_out: JsonOption = False,
) -> None:
    """Check any plan against the safety rules (exit 1 when a rule is broken, 0 when clean).

    A CSV needs a header date,kind,distance (distance with units like 10km or 6mi, or metres);
    weeks run Monday to Sunday and the last race row is the goal race.
    """
    from runcoach.cli.output import console, print_json
    from runcoach.domain.athlete import check_age
    from runcoach.domain.units import format_distance, parse_distance
    from runcoach.services.planning import CheckOverrides, check_plan_file

    overrides = CheckOverrides(
        weekly_volume_m=None
        if weekly_volume is None
        else parse_distance(weekly_volume, what="--weekly-volume"),
        longest_run_m=None
        if longest_run is None
        else parse_distance(longest_run, what="--longest-run"),
        days_per_week=days,
        age=None if age is None else check_age(age),
        injury_prone=True if injury_prone else None,
    )
    plan, violations = check_plan_file(file, overrides)
    if json_out:
        print_json(
            {
                "file": str(file),
                "weeks": len(plan.weeks),
                "ok": not violations,
                "violations": [v.to_dict() for v in violations],
            }
        )
    else:
        shown = _units(units, plan)
        out = console()
        total = sum(w.distance_m for w in plan.weeks)
        out.print(
            f"{file}: {len(plan.weeks)} weeks from {plan.start_date.isoformat()}, "
            f"{format_distance(total, shown)} in all."
        )
        _print_violations(violations)
    if violations:
        raise typer.Exit(1)


# --- printing -------------------------------------------------------------------------------


def _remember_units(flag: str | None) -> None:
    """A plan made with ``--units`` sets the runner's units for every command (config and
    profile), so its calendar, review and report speak the same units as the plan."""
    import os
    from dataclasses import replace

    from runcoach.bootstrap import open_services
    from runcoach.cli.output import info
    from runcoach.config import load_settings, write_config_value
    from runcoach.domain.units import parse_units

    if flag is None:
        return
    chosen = parse_units(flag)
    with open_services() as svc:
        profile = svc.profiles.get()
        if profile is not None and profile.units != chosen:
            svc.profiles.save(replace(profile, units=chosen))
    if load_settings().units == chosen or os.environ.get("RUNCOACH_UNITS"):
        return  # already so, or the environment decides
    write_config_value("units", chosen)
    other = "km" if chosen == "mi" else "mi"
    info(
        f"Your units are now {chosen} for every command "
        f"(`runcoach athlete init --units {other}` changes them back)."
    )


def _units(flag: str | None, plan: Plan) -> Units:
    from runcoach.config import resolve_units
    from runcoach.domain.units import parse_units

    if flag is not None:
        return parse_units(flag)
    stored = plan.athlete.get("units")
    if stored in ("km", "mi"):
        return parse_units(str(stored))
    return resolve_units(None)


def _key_sessions(week: Week, units: Units) -> str:
    from runcoach.domain.units import format_distance

    parts = []
    for s in week.sessions:
        if s.kind in ("rest", "easy", "recovery", "strength", "cross"):
            continue
        label = s.title or s.kind
        if s.kind == "long":
            continue
        parts.append(f"{s.date.strftime('%a')} {label} {format_distance(s.distance_m, units)}")
    tags = {t for s in week.sessions for t in s.tags} & {"strides", "hill_sprints"}
    if tags:
        parts.append(" + ".join(sorted(t.replace("_", " ") for t in tags)))
    return "; ".join(parts)


def _print_plan(plan: Plan, units: Units, *, details: bool = False) -> None:
    from rich.table import Table

    from runcoach.cli.output import console, sparkline
    from runcoach.domain.units import format_distance, format_pace

    out = console()
    per = 1609.344 if units == "mi" else 1000.0
    # Training volume: a race's distance is shown apart, so the taper shows in the sparkline.
    volumes = [
        sum(s.distance_m for s in w.sessions if s.is_run and s.kind != "race") for w in plan.weeks
    ]
    header = (
        "Base plan"
        if plan.race is None
        else (
            f"Plan to the {format_distance(plan.race.distance_m, units)} race on "
            f"{plan.race.date.isoformat()}"
        )
    )
    out.print(f"[bold]{header}[/] — {len(plan.weeks)} weeks from {plan.start_date.isoformat()}")
    out.print(f"Training volume  {sparkline(volumes)}")
    if plan.paces_s_per_km:
        p = plan.paces_s_per_km
        out.print(
            f"Paces (VDOT {plan.vdot:.1f}): easy {format_pace(p['easy_fast'], units)}–"
            f"{format_pace(p['easy_slow'], units)}, marathon {format_pace(p['marathon'], units)}, "
            f"threshold {format_pace(p['threshold'], units)}, interval "
            f"{format_pace(p['interval'], units)}, repetition {format_pace(p['repetition'], units)}",
            soft_wrap=True,
        )
    table = Table(title_justify="left")
    table.add_column("Wk", justify="right")
    table.add_column("Starts")
    table.add_column("Phase")
    table.add_column(f"Volume ({units})", justify="right")
    table.add_column(f"Long ({units})", justify="right")
    table.add_column("Lever")
    table.add_column("Key sessions")
    for w, volume in zip(plan.weeks, volumes, strict=True):
        phase = w.phase.replace("_", "/") + (" ↓" if w.is_down_week else "")
        runs = [s.distance_m for s in w.sessions if s.is_run and s.kind != "race"]
        race = " + race" if any(s.kind == "race" for s in w.sessions) else ""
        table.add_row(
            str(w.index),
            w.start_date.strftime("%d %b"),
            phase,
            f"{volume / per:.1f}{race}",
            f"{max(runs) / per:.1f}" if runs else "",
            w.lever or "",
            _key_sessions(w, units),
        )
    out.print(table)
    if details:
        _print_key_workouts(plan, units)
    out.print("[dim]↓ = down week. `runcoach plan why WEEK` says why a week looks as it does.[/]")


def _print_key_workouts(plan: Plan, units: Units) -> None:
    from runcoach.cli.output import console

    out = console()
    shown: set[str] = set()
    for w in plan.weeks:
        for s in w.sessions:
            if s.kind in ("rest", "easy", "recovery", "strength", "cross", "long", "run_walk"):
                continue
            key = s.title or s.kind
            if key in shown:
                continue
            shown.add(key)
            out.print(f"\n[bold]{key}[/] (first in week {w.index})")
            out.print(_describe(s, units, plan), soft_wrap=True)


def _describe(session: Session, units: Units, plan: Plan) -> str:
    """The session's description; in other units than the plan's, with its structure and paces
    spelled out in ``units`` too."""
    if plan.athlete.get("units") == units:
        return session.description
    from runcoach.exporters.session_text import describe_session

    return describe_session(session, units, paces=plan.paces_s_per_km or None)


def _overview(plan: Plan, view: str) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for w in plan.weeks:
        key = w.start_date.strftime("%Y-%m") if view == "month" else str(w.start_date.year)
        row = rows.setdefault(
            key,
            {
                "period": key,
                "weeks": 0,
                "distance_m": 0.0,
                "longest_run_m": 0.0,
                "down_weeks": 0,
                "phases": [],
                "races": [],
            },
        )
        row["weeks"] += 1
        row["distance_m"] += w.distance_m
        row["down_weeks"] += int(w.is_down_week)
        for s in w.sessions:
            if s.kind == "race":
                row["races"].append({"date": s.date.isoformat(), "distance_m": s.distance_m})
            elif s.is_run:
                row["longest_run_m"] = max(row["longest_run_m"], s.distance_m)
        if w.phase not in row["phases"]:
            row["phases"].append(w.phase)
    for row in rows.values():
        row["distance_m"] = round(row["distance_m"], 1)
        row["longest_run_m"] = round(row["longest_run_m"], 1)
    return list(rows.values())


def _print_overview(plan: Plan, view: str, units: Units) -> None:
    from rich.table import Table

    from runcoach.cli.output import console, sparkline
    from runcoach.domain.units import format_distance

    rows = _overview(plan, view)
    out = console()
    out.print(f"Volume by {view}  {sparkline([r['distance_m'] for r in rows])}")
    table = Table()
    table.add_column("Month" if view == "month" else "Year")
    table.add_column("Weeks", justify="right")
    table.add_column(f"Volume ({units})", justify="right")
    table.add_column("Per week", justify="right")
    table.add_column("Longest run", justify="right")
    table.add_column("Down weeks", justify="right")
    table.add_column("Phases")
    table.add_column("Races")
    for r in rows:
        table.add_row(
            r["period"],
            str(r["weeks"]),
            format_distance(r["distance_m"], units, decimals=0),
            format_distance(r["distance_m"] / r["weeks"], units),
            format_distance(r["longest_run_m"], units),
            str(r["down_weeks"]),
            ", ".join(r["phases"]),
            ", ".join(f"{x['date']} {format_distance(x['distance_m'], units)}" for x in r["races"]),
        )
    out.print(table)


def _print_season(plan: Plan, units: Units) -> None:
    from rich.table import Table

    from runcoach.cli.output import console
    from runcoach.domain.units import format_distance, format_duration

    _print_overview(plan, "month", units)
    out = console()
    projection = plan.projection or {}
    table = Table(title="Cycles", title_justify="left")
    table.add_column("Race")
    table.add_column("From week", justify="right")
    table.add_column("Start (per week)", justify="right")
    table.add_column("Base reached", justify="right")
    table.add_column("Peak week", justify="right")
    for c in projection.get("cycles", []):
        table.add_row(
            f"{c['race']['date']} {format_distance(c['race']['distance_m'], units)}",
            str(c["first_week"]),
            format_distance(c["start_volume_m"], units),
            format_distance(c["base_m"], units),
            format_distance(c["peak_m"], units),
        )
    out.print(table)
    goal = projection.get("far_goal")
    if goal:
        out.print(
            f"\n[bold]Far goal {format_duration(goal['goal_time_s'])}[/] over "
            f"{format_distance(goal['goal_distance_m'], units)}: today about "
            f"{format_duration(goal['current_time_s'])} "
            f"({format_duration(goal['current_range_s'][0])}–{format_duration(goal['current_range_s'][1])}), "
            f"{goal['gap_pct']:.0f} % to go — {goal['verdict']}. Best case "
            f"{goal['best_case_cycles'][0]}–{goal['best_case_cycles'][1]} cycles "
            f"({goal['best_case_years'][0]:g}–{goal['best_case_years'][1]:g} years).",
            soft_wrap=True,
        )
        for y in goal["by_year"]:
            chance = y["goal_probability"]
            out.print(
                f"  in {y['years']} year(s): {format_duration(y['median_s'])} "
                f"({format_duration(y['range_s'][0])}–{format_duration(y['range_s'][1])})"
                + ("" if chance is None else f", chance of the goal {chance * 100:.0f} %")
            )
        for a in goal["assumptions"]:
            out.print(f"  [dim]• {a}[/]", soft_wrap=True)


def _print_violations(violations: list[Violation]) -> None:
    from runcoach.cli.output import console

    out = console()
    if not violations:
        out.print("[green]No safety rule is broken.[/]")
        return
    for v in violations:
        where = f"week {v.week}" if v.week is not None else (v.date.isoformat() if v.date else "")
        out.print(f"[red]{v.rule}[/] ({where}): {v.message}", soft_wrap=True)
    out.print(f"[bold red]{len(violations)} violation(s).[/]")
