"""Athlete commands: ``athlete init``, ``athlete show``, ``athlete race``, and ``where``.

The profile lives in the store (through ``runcoach.bootstrap``/``runcoach.services``, never the
store directly); ``athlete init`` also writes ``units`` to ``config.toml`` so that other
commands know the display units without opening the database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from runcoach.cli.options import JsonOption, TodayOption, UnitsOption

if TYPE_CHECKING:
    from runcoach.domain.athlete import AthleteProfile
    from runcoach.domain.units import Units
    from runcoach.services.ports import StoreInfo


def register(app: typer.Typer) -> None:
    """Add the ``athlete`` group and ``where`` to ``app``."""
    athlete_app = typer.Typer(
        name="athlete",
        help="Your profile: age, sex, units, volume, days, races, injuries.",
        no_args_is_help=True,
        rich_markup_mode="rich",
    )
    athlete_app.command("init")(init)
    athlete_app.command("show")(show)
    athlete_app.command("race")(race)
    app.add_typer(athlete_app)
    app.command("where")(where)


def init(
    name: Annotated[str | None, typer.Option("--name", help="Your name.")] = None,
    age: Annotated[int | None, typer.Option("--age", help="Age in years.")] = None,
    sex: Annotated[
        str | None, typer.Option("--sex", help="F, M or X (non-binary).", metavar="F|M|X")
    ] = None,
    units: Annotated[
        str | None,
        typer.Option("--units", help="Units you think in: km or mi.", metavar="km|mi"),
    ] = None,
    weekly_volume: Annotated[
        str | None,
        typer.Option(
            "--weekly-volume",
            help="Average running per week over the last 4 weeks, e.g. 40km or 25mi.",
            metavar="DIST",
        ),
    ] = None,
    longest_run: Annotated[
        str | None,
        typer.Option(
            "--longest-run", help="Longest run in the last 30 days, e.g. 16km.", metavar="DIST"
        ),
    ] = None,
    days: Annotated[
        int | None, typer.Option("--days", help="Running days per week (1–7).", metavar="N")
    ] = None,
    available: Annotated[
        str | None,
        typer.Option("--available", help="Days you can run, e.g. mon,wed,fri,sun.", metavar="DAYS"),
    ] = None,
    long_day: Annotated[
        str | None, typer.Option("--long-day", help="Day of the long run, e.g. sun.", metavar="DAY")
    ] = None,
    recent_race: Annotated[
        list[str] | None,
        typer.Option(
            "--recent-race",
            help="A recent race as DIST=TIME, e.g. 10k=48:00 (repeatable).",
            metavar="DIST=TIME",
        ),
    ] = None,
    injury_prone: Annotated[
        bool | None,
        typer.Option(
            "--injury-prone/--not-injury-prone", help="You get hurt easily (gentler progression)."
        ),
    ] = None,
    beginner: Annotated[
        bool | None,
        typer.Option("--beginner/--not-beginner", help="You are new to running."),
    ] = None,
    lifts_weights: Annotated[
        bool | None,
        typer.Option(
            "--lifts-weights/--no-lifts-weights", help="You already lift (heavier strength work)."
        ),
    ] = None,
    weight: Annotated[
        str | None, typer.Option("--weight", help="Body mass, e.g. 64kg or 141lb.", metavar="MASS")
    ] = None,
    hr_max: Annotated[
        float | None, typer.Option("--hr-max", help="Maximum heart rate (bpm).", metavar="BPM")
    ] = None,
    hr_rest: Annotated[
        float | None, typer.Option("--hr-rest", help="Resting heart rate (bpm).", metavar="BPM")
    ] = None,
    injury: Annotated[
        list[str] | None,
        typer.Option("--injury", help="A past or current injury (repeatable).", metavar="TEXT"),
    ] = None,
    reset: Annotated[
        bool,
        typer.Option(
            "--reset", help="Start from an empty profile instead of updating the stored one."
        ),
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Create or update your profile (flags you leave out keep their stored value).

    Races given with --recent-race and injuries given with --injury are added to the stored
    ones; --reset starts over.
    """
    from dataclasses import replace

    from runcoach.bootstrap import open_services
    from runcoach.config import write_config_value
    from runcoach.domain.athlete import (
        AthleteProfile,
        RaceResult,
        check_age,
        parse_sex,
        parse_weekday,
        parse_weekdays,
        parse_weight,
    )
    from runcoach.domain.units import parse_distance, parse_race, parse_units

    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = name.strip()
    if age is not None:
        changes["age"] = check_age(age)
    if sex is not None:
        changes["sex"] = parse_sex(sex)
    if units is not None:
        changes["units"] = parse_units(units)
    if weekly_volume is not None:
        changes["weekly_volume_m"] = parse_distance(weekly_volume, what="--weekly-volume")
    if longest_run is not None:
        changes["longest_run_m"] = parse_distance(longest_run, what="--longest-run")
    if days is not None:
        changes["days_per_week"] = days
    if available is not None:
        changes["available_days"] = parse_weekdays(available)
    if long_day is not None:
        changes["long_run_day"] = parse_weekday(long_day, what="--long-day")
    if injury_prone is not None:
        changes["injury_prone"] = injury_prone
    if beginner is not None:
        changes["beginner"] = beginner
    if lifts_weights is not None:
        changes["lifts_weights"] = lifts_weights
    if weight is not None:
        changes["weight_kg"] = parse_weight(weight)
    if hr_max is not None:
        changes["hr_max_bpm"] = hr_max
    if hr_rest is not None:
        changes["hr_rest_bpm"] = hr_rest
    new_races = [parse_race(text, what="--recent-race") for text in recent_race or ()]

    with open_services() as svc:
        stored = None if reset else svc.profiles.get()
        base = stored or AthleteProfile()
        races = list(base.races)
        for r in new_races:
            result = RaceResult(distance_m=r.distance_m, time_s=r.time_s)
            if result not in races:
                races.append(result)
        injuries = list(base.injuries)
        for text in injury or ():
            if text.strip() and text.strip() not in injuries:
                injuries.append(text.strip())
        profile = svc.profiles.save(
            replace(base, **changes, races=tuple(races), injuries=tuple(injuries))
        )
        profile = svc.profiles.get() or profile
    write_config_value("units", profile.units)

    from runcoach.cli.output import info

    info(f"Saved the profile of {profile.name}.")
    _print_profile(profile, profile.units, json_out)


def show(units: UnitsOption = None, json_out: JsonOption = False) -> None:
    """Show your stored profile and race results."""
    from runcoach.bootstrap import open_services
    from runcoach.config import resolve_units
    from runcoach.errors import OperationError

    shown_units = resolve_units(units)
    with open_services() as svc:
        profile = svc.profiles.get()
    if profile is None:
        raise OperationError(
            "there is no athlete profile yet; create one with "
            "`runcoach athlete init --name NAME --age N ...`."
        )
    _print_profile(profile, shown_units, json_out)


def race(
    result: Annotated[
        str, typer.Argument(help="The race as DIST=TIME, e.g. 10k=48:00.", metavar="DIST=TIME")
    ],
    on: Annotated[
        str | None, typer.Option("--date", help="Race day (YYYY-MM-DD).", metavar="DATE")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Name of the race.")] = None,
    today: TodayOption = None,
    json_out: JsonOption = False,
) -> None:
    """Add a race result to your profile."""
    from runcoach.bootstrap import open_services
    from runcoach.cli.options import resolve_today
    from runcoach.domain.athlete import RaceResult
    from runcoach.domain.errors import InputError
    from runcoach.domain.units import format_duration, parse_date, parse_race

    parsed = parse_race(result, what="race")
    day = parse_date(on, what="--date") if on is not None else None
    now = resolve_today(today)
    if day is not None and day > now:
        raise InputError(f"--date {on} is in the future (today is {now.isoformat()}).")
    entry = RaceResult(distance_m=parsed.distance_m, time_s=parsed.time_s, date=day, name=name)
    with open_services() as svc:
        profile = svc.profiles.add_race(entry)
    from runcoach.cli.output import info

    info(
        f"Added {entry.label} in {format_duration(entry.time_s)}"
        + (f" on {day.isoformat()}" if day else "")
        + f"; {len(profile.races)} race(s) stored."
    )
    if json_out:
        from runcoach.cli.output import print_json
        from runcoach.services.backup import race_to_json

        print_json(race_to_json(entry))


def where(json_out: JsonOption = False) -> None:
    """Where runcoach keeps your data, which database it uses, and the versions in use."""
    import platform

    from runcoach import __version__
    from runcoach.bootstrap import open_services
    from runcoach.config import load_settings

    settings = load_settings()
    with open_services(settings) as svc:
        store = svc.store.info()
    document = {
        "data_dir": str(settings.data_dir),
        "config_file": str(settings.config_file),
        "database_url": store.database_url,
        "database_path": store.database_path,
        "database": {
            "backend": store.backend,
            "driver": store.driver,
            "server_version": store.server_version,
            "schema_revision": store.schema_revision,
        },
        "versions": {
            "runcoach": __version__,
            "python": platform.python_version(),
            **store.library_versions,
            store.backend: store.server_version,
        },
    }
    if json_out:
        from runcoach.cli.output import print_json

        print_json(document)
        return
    _print_where(document, store)


# --- output -----------------------------------------------------------------------------------


def _print_profile(profile: AthleteProfile, units: Units, json_out: bool) -> None:
    from runcoach.services.backup import profile_to_json

    if json_out:
        from runcoach.cli.output import print_json

        print_json(profile_to_json(profile))
        return

    from rich.table import Table

    from runcoach.cli.output import console
    from runcoach.domain.units import format_distance, format_duration, format_pace

    def dist(metres: float | None) -> str:
        return "—" if metres is None else format_distance(metres, units)

    def text(value: object) -> str:
        return "—" if value is None or value == "" else str(value)

    sexes = {"F": "female", "M": "male", "X": "non-binary"}
    table = Table(title=f"Athlete — {profile.name}", title_justify="left", show_header=False)
    table.add_column("Field", style="bold")
    table.add_column("Value")
    rows = [
        ("Age", text(profile.age)),
        ("Sex", sexes.get(profile.sex or "", "—")),
        ("Units", profile.units),
        ("Weekly volume (last 4 weeks)", dist(profile.weekly_volume_m)),
        ("Longest run (last 30 days)", dist(profile.longest_run_m)),
        ("Running days per week", text(profile.days_per_week)),
        ("Available days", ", ".join(profile.available_days) or "any day"),
        ("Long-run day", text(profile.long_run_day)),
        ("Injury-prone", "yes" if profile.injury_prone else "no"),
        ("Beginner", "yes" if profile.beginner else "no"),
        ("Lifts weights", "yes" if profile.lifts_weights else "no"),
        ("Weight", "—" if profile.weight_kg is None else f"{profile.weight_kg:.1f} kg"),
        ("Max heart rate", "—" if profile.hr_max_bpm is None else f"{profile.hr_max_bpm:.0f} bpm"),
        (
            "Resting heart rate",
            "—" if profile.hr_rest_bpm is None else f"{profile.hr_rest_bpm:.0f} bpm",
        ),
        ("Injuries", "; ".join(profile.injuries) or "none"),
    ]
    for row in rows:
        table.add_row(*row)
    out = console()
    out.print(table)
    if profile.races:
        races = Table(title="Race results", title_justify="left")
        races.add_column("Date")
        races.add_column("Race")
        races.add_column("Time", justify="right")
        races.add_column(f"Pace (/{units})", justify="right")
        races.add_column("Name")
        for r in profile.races:
            races.add_row(
                r.date.isoformat() if r.date else "—",
                r.label,
                format_duration(r.time_s),
                format_pace(r.time_s / r.distance_m * 1000, units),
                r.name or "",
            )
        out.print(races)


def _print_where(document: dict[str, Any], store: StoreInfo) -> None:
    from rich.table import Table

    from runcoach.cli.output import console

    table = Table(title="runcoach — where your data lives", title_justify="left", show_header=False)
    table.add_column("What", style="bold")
    table.add_column("Value", overflow="fold")
    table.add_row("Data directory", document["data_dir"])
    table.add_row("Config file", document["config_file"])
    table.add_row("Database URL", store.database_url)
    if store.database_path:
        table.add_row("Database file", store.database_path)
    table.add_row("Schema revision", store.schema_revision or "—")
    for name, version in document["versions"].items():
        table.add_row(f"{name} version", version)
    console().print(table)
