"""Calculator commands: ``paces`` (and, registered alongside, ``predict``, ``goal``, ``race-day``)."""

from __future__ import annotations

from typing import Annotated

import typer

from runcoach.cli.options import JsonOption, UnitsOption

RaceOption = Annotated[
    list[str] | None,
    typer.Option(
        "--race",
        help="A recent race as DISTANCE=TIME, e.g. 10k=45:00 or half=1:45:00 (repeatable).",
        metavar="DIST=TIME",
    ),
]


def register(app: typer.Typer) -> None:
    """Add the calculator commands to ``app``."""
    app.command("paces")(paces)


def paces(
    race: RaceOption = None,
    vdot: Annotated[
        float | None, typer.Option("--vdot", help="Use this VDOT instead of a race.")
    ] = None,
    units: UnitsOption = None,
    json_out: JsonOption = False,
) -> None:
    """Training paces (Daniels 3rd edition) and equivalent race times from a race or a VDOT.

    With several races, the best (highest VDOT) is used: paces should match current fitness.
    """
    from runcoach.cli.output import console, print_json
    from runcoach.config import resolve_units
    from runcoach.domain.errors import InputError
    from runcoach.domain.units import format_duration, format_pace, parse_race
    from runcoach.domain.vdot import equivalent_times, training_paces, vdot_from_race

    shown_units = resolve_units(units)
    source: dict[str, object] | None = None
    if race:
        best = None
        for text in race:
            result = parse_race(text, what="--race")
            value = vdot_from_race(result.distance_m, result.time_s)
            if best is None or value > best[0]:
                best = (value, result)
        assert best is not None
        fitness, used = best
        source = {"distance_m": used.distance_m, "time_s": used.time_s, "label": used.label}
    elif vdot is not None:
        fitness = vdot
    else:
        raise InputError("give a recent race with --race (e.g. --race 10k=45:00) or a --vdot.")

    zone_paces = training_paces(fitness)
    equivalents = equivalent_times(fitness)
    if json_out:
        print_json(
            {
                "vdot": round(fitness, 2),
                "race": source,
                "edition": "Daniels' Running Formula, 3rd edition",
                "paces_s_per_km": {k: round(v, 1) for k, v in zone_paces.as_dict().items()},
                "equivalents_s": {k: round(v, 1) for k, v in equivalents.items()},
            }
        )
        return

    from rich.table import Table

    out = console()
    title = f"VDOT {fitness:.1f}"
    if source is not None:
        title += f" from {source['label']} in {format_duration(float(str(source['time_s'])))}"
    table = Table(title=f"Training paces — {title}", title_justify="left")
    table.add_column("Zone")
    table.add_column(f"Pace (/{shown_units})", justify="right")
    table.add_column("Use it for")
    p = zone_paces
    rows = [
        (
            "Easy (E)",
            f"{format_pace(p.easy_fast, shown_units)} – {format_pace(p.easy_slow, shown_units)}",
            "most running: easy days, long runs, recovery",
        ),
        ("Marathon (M)", format_pace(p.marathon, shown_units), "marathon-pace runs"),
        (
            "Threshold (T)",
            format_pace(p.threshold, shown_units),
            "tempo runs, cruise intervals (≈ 1-hour race pace)",
        ),
        (
            "Interval (I)",
            format_pace(p.interval, shown_units),
            "3–5 min repeats (≈ 3K–5K race pace)",
        ),
        (
            "Repetition (R)",
            format_pace(p.repetition, shown_units),
            "short fast repeats ≤ 2 min, full recovery",
        ),
    ]
    for row in rows:
        table.add_row(*row)
    out.print(table)

    eq = Table(title="Equivalent race times", title_justify="left")
    eq.add_column("Race")
    eq.add_column("Time", justify="right")
    eq.add_column(f"Pace (/{shown_units})", justify="right")
    from runcoach.domain.vdot import EQUIVALENT_DISTANCES_M

    for name, seconds in equivalents.items():
        metres = EQUIVALENT_DISTANCES_M[name]
        eq.add_row(
            name, format_duration(seconds), format_pace(seconds / metres * 1000, shown_units)
        )
    out.print(eq)
    out.print(
        "[dim]Paces: Daniels' Running Formula, 3rd edition (VDOT from Daniels & Gilbert 1979). "
        "Equivalents assume equal training for each distance; for a marathon see `runcoach predict`.[/]"
    )
