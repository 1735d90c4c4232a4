"""Calculator commands: ``paces``, ``predict``, ``goal`` and ``race-day``.

Each command parses its flags, calls pure functions of the domain, and prints a Rich table (or
JSON with ``--json``). Domain modules are imported inside the commands so ``runcoach --help``
stays fast; none of them imports numpy.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from runcoach.cli.options import JsonOption, TodayOption, UnitsOption

if TYPE_CHECKING:
    from runcoach.domain.athlete import Sex
    from runcoach.domain.goal import GoalAssessment
    from runcoach.domain.prediction import Prediction
    from runcoach.domain.standards import AgeGrade
    from runcoach.domain.units import RaceTime, Units

RaceOption = Annotated[
    list[str] | None,
    typer.Option(
        "--race",
        help="A recent race as DISTANCE=TIME, e.g. 10k=45:00 or half=1:45:00 (repeatable).",
        metavar="DIST=TIME",
    ),
]
AgeOption = Annotated[
    int | None, typer.Option("--age", help="Your age in years today.", metavar="N")
]
SexOption = Annotated[
    str | None,
    typer.Option("--sex", help="F, M or X (non-binary: women's standards).", metavar="F|M|X"),
]
WeeklyVolumeOption = Annotated[
    str | None,
    typer.Option(
        "--weekly-volume",
        help="Peak weekly running distance of your training, e.g. 60km or 40mi "
        "(sharpens marathon predictions).",
        metavar="DIST",
    ),
]


def register(app: typer.Typer) -> None:
    """Add the calculator commands to ``app``."""
    app.command("paces")(paces)
    app.command("predict")(predict)
    app.command("goal")(goal)
    app.command("race-day")(race_day)


# --- shared parsing ------------------------------------------------------------------------------


def _parse_races(texts: list[str] | None, what: str) -> list[RaceTime]:
    from runcoach.domain.errors import InputError
    from runcoach.domain.units import parse_race
    from runcoach.domain.vdot import vdot_from_race

    races = []
    for text in texts or []:
        race = parse_race(text, what=what)
        try:
            vdot_from_race(race.distance_m, race.time_s)
        except InputError as exc:
            raise InputError(f"{what} {text!r}: {exc}") from exc
        races.append(race)
    return races


def _parse_sex(text: str | None) -> Sex | None:
    if text is None:
        return None
    from runcoach.domain.athlete import parse_sex

    return parse_sex(text)


def _check_age(age: int | None) -> int | None:
    if age is None:
        return None
    from runcoach.domain.athlete import check_age

    return check_age(age)


def _parse_weekly(text: str | None) -> float | None:
    from runcoach.domain.units import parse_distance

    return None if text is None else parse_distance(text, what="--weekly-volume")


def _parse_date(text: str, what: str) -> date:
    from runcoach.domain.units import parse_date

    return parse_date(text, what=what)


def _check_goal_time(distance_m: float, time_s: float, race: str, goal_time: str) -> None:
    from runcoach.domain.errors import InputError
    from runcoach.domain.vdot import vdot_from_race

    try:
        vdot_from_race(distance_m, time_s)
    except InputError as exc:
        raise InputError(f"--goal-time {goal_time!r} for {race!r}: {exc}") from exc


def _today(text: str | None) -> date:
    from runcoach.cli.options import resolve_today

    return resolve_today(text)


def _age_grade(race: RaceTime, age: int | None, sex: Sex | None) -> AgeGrade | None:
    if age is None or sex is None:
        return None
    from runcoach.domain.standards import age_grade

    return age_grade(race.distance_m, race.time_s, age, sex)


def _age_grade_json(grade: AgeGrade | None) -> dict[str, object] | None:
    if grade is None:
        return None
    return {
        "percent": round(grade.percent, 2),
        "level": grade.level,
        "factor": grade.factor,
        "age_standard_s": round(grade.age_standard_s, 1),
        "age_graded_time_s": round(grade.age_graded_time_s, 1),
        "edition": f"WMA/USATF road {grade.edition}",
        "age": grade.age,
        "sex": grade.sex,
    }


def _range_text(p: Prediction) -> str:
    from runcoach.domain.units import format_duration

    return f"{format_duration(p.low_seconds)} – {format_duration(p.high_seconds)}"


def _prediction_json(p: Prediction) -> dict[str, object]:
    return {
        "seconds": round(p.seconds, 1),
        "low_seconds": round(p.low_seconds, 1),
        "high_seconds": round(p.high_seconds, 1),
        "method": p.method,
    }


# --- paces ---------------------------------------------------------------------------------------


def paces(
    race: RaceOption = None,
    vdot: Annotated[
        float | None, typer.Option("--vdot", help="Use this VDOT instead of a race.")
    ] = None,
    age: AgeOption = None,
    sex: SexOption = None,
    units: UnitsOption = None,
    json_out: JsonOption = False,
) -> None:
    """Training paces (Daniels 3rd edition) and equivalent race times from a race or a VDOT.

    With several races, the best (highest VDOT) is used: paces should match current fitness.
    With --age and --sex the race is also age-graded (WMA/USATF 2025 road tables).
    """
    from runcoach.cli.output import console, print_json
    from runcoach.config import resolve_units
    from runcoach.domain.errors import InputError
    from runcoach.domain.units import format_duration, format_pace
    from runcoach.domain.vdot import equivalent_times, training_paces, vdot_from_race

    shown_units = resolve_units(units)
    the_age, the_sex = _check_age(age), _parse_sex(sex)
    races = _parse_races(race, "--race")
    used: RaceTime | None = None
    if races:
        used = max(races, key=lambda r: vdot_from_race(r.distance_m, r.time_s))
        fitness = vdot_from_race(used.distance_m, used.time_s)
    elif vdot is not None:
        fitness = vdot
    else:
        raise InputError("give a recent race with --race (e.g. --race 10k=45:00) or a --vdot.")
    if (the_age is None) != (the_sex is None) and used is not None:
        raise InputError("age grading needs both --age and --sex.")
    grade = _age_grade(used, the_age, the_sex) if used is not None else None

    zone_paces = training_paces(fitness)
    equivalents = equivalent_times(fitness)
    source = (
        None
        if used is None
        else {"distance_m": used.distance_m, "time_s": used.time_s, "label": used.label}
    )
    if json_out:
        print_json(
            {
                "vdot": round(fitness, 2),
                "race": source,
                "edition": "Daniels' Running Formula, 3rd edition",
                "paces_s_per_km": {k: round(v, 1) for k, v in zone_paces.as_dict().items()},
                "equivalents_s": {k: round(v, 1) for k, v in equivalents.items()},
                "age_grade": _age_grade_json(grade),
            }
        )
        return

    from rich.table import Table

    out = console()
    title = f"VDOT {fitness:.1f}"
    if used is not None:
        title += f" from {used.label} in {format_duration(used.time_s)}"
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
    if grade is not None:
        out.print(
            f"Age grade: [bold]{grade.percent:.1f} %[/] ({grade.level}) — WMA/USATF "
            f"{grade.edition} road tables; age-standard time {format_duration(grade.age_standard_s)}."
        )
    out.print(
        "[dim]Paces: Daniels' Running Formula, 3rd edition (VDOT from Daniels & Gilbert 1979). "
        "Equivalents assume equal training for each distance; for a marathon see `runcoach predict`.[/]"
    )


# --- predict -------------------------------------------------------------------------------------

DEFAULT_PREDICT_TARGETS = ("5k", "10k", "half", "marathon")


def predict(
    race: RaceOption = None,
    distance: Annotated[
        list[str] | None,
        typer.Option(
            "--distance",
            help="Race distance to predict, e.g. marathon or 30km (repeatable; default: "
            "5k, 10k, half and marathon).",
            metavar="DIST",
        ),
    ] = None,
    weekly_volume: WeeklyVolumeOption = None,
    training_pace: Annotated[
        str | None,
        typer.Option(
            "--training-pace",
            help="Mean pace of all your runs over the last 8 weeks, e.g. 5:40/km (adds Tanda's "
            "marathon model; needs --weekly-volume).",
            metavar="PACE",
        ),
    ] = None,
    riegel_exponent: Annotated[
        float,
        typer.Option("--riegel-exponent", help="Riegel's fatigue exponent (1.06 classic)."),
    ] = 1.06,
    units: UnitsOption = None,
    json_out: JsonOption = False,
) -> None:
    """Predict race times from recent races, each with an 80 % range (8 in 10 real results).

    The recommended prediction uses your race nearest the target: the Daniels VDOT equivalent up
    to the half marathon, and for the marathon a model fitted on recreational runners that uses
    your weekly volume. Riegel, Cameron and plain VDOT are shown for comparison.
    """
    from runcoach.cli.output import console, print_json
    from runcoach.config import resolve_units
    from runcoach.domain.errors import InputError
    from runcoach.domain.prediction import METHOD_LABELS, compare_predictors, predict_time
    from runcoach.domain.units import (
        format_distance,
        format_duration,
        format_pace,
        parse_distance,
        parse_pace,
        race_label,
    )

    shown_units = resolve_units(units)
    races = _parse_races(race, "--race")
    if not races:
        raise InputError("give at least one recent race with --race, e.g. --race 10k=45:00.")
    weekly = _parse_weekly(weekly_volume)
    pace = None if training_pace is None else parse_pace(training_pace, what="--training-pace")
    if pace is not None and weekly is None:
        raise InputError("--training-pace needs --weekly-volume too (Tanda's model uses both).")
    if not 0.9 <= riegel_exponent <= 1.3:
        raise InputError(f"--riegel-exponent {riegel_exponent:g} is outside 0.9–1.3.")
    targets = [parse_distance(t, what="--distance") for t in (distance or DEFAULT_PREDICT_TARGETS)]
    pairs = [(r.distance_m, r.time_s) for r in races]
    results = []
    for target in targets:
        best = predict_time(pairs, target, weekly)
        others = compare_predictors(
            pairs,
            target,
            weekly,
            riegel_exponent=riegel_exponent,
            training_pace_s_per_km=pace,
        )
        results.append((target, best, [o for o in others if o != best]))

    if json_out:
        print_json(
            {
                "races": [
                    {"distance_m": r.distance_m, "time_s": r.time_s, "label": r.label}
                    for r in races
                ],
                "weekly_distance_m": weekly,
                "interval": "80 % prediction interval (10th to 90th percentile of real results)",
                "predictions": [
                    {
                        "distance_m": target,
                        "label": race_label(target),
                        **_prediction_json(best),
                        "alternatives": [_prediction_json(o) for o in others],
                    }
                    for target, best, others in results
                ],
            }
        )
        return

    from rich.table import Table

    out = console()
    table = Table(
        title="Predicted race times (80 % range: about 8 in 10 real results fall inside)",
        title_justify="left",
    )
    table.add_column("Race")
    table.add_column("Prediction", justify="right", style="bold")
    table.add_column("80 % range", justify="right")
    table.add_column(f"Pace (/{shown_units})", justify="right")
    table.add_column("Method")
    for target, best, _others in results:
        table.add_row(
            race_label(target),
            format_duration(best.seconds),
            _range_text(best),
            format_pace(best.seconds / target * 1000, shown_units),
            METHOD_LABELS[best.method],
        )
    out.print(table)

    cmp = Table(title="Other predictors (each with its own calibrated range)", title_justify="left")
    cmp.add_column("Race")
    cmp.add_column("Method")
    cmp.add_column("Prediction", justify="right")
    cmp.add_column("80 % range", justify="right")
    for target, _best, others in results:
        for o in others:
            label = METHOD_LABELS[o.method]
            if o.method == "riegel":
                label += f" ({riegel_exponent:g})"
            cmp.add_row(race_label(target), label, format_duration(o.seconds), _range_text(o))
    out.print(cmp)
    used = ", ".join(f"{r.label} {format_duration(r.time_s)}" for r in races)
    volume = "" if weekly is None else f"; peak week {format_distance(weekly, shown_units)}"
    out.print(
        f"[dim]From {used}{volume}. Ranges calibrated on recreational runners "
        "(Vickers & Vertosick 2016, Prague 2017): see docs/prediction-report.md.[/]"
    )


# --- goal ----------------------------------------------------------------------------------------


def goal(
    race: Annotated[
        str | None,
        typer.Option(
            "--race", help="Goal race distance, e.g. marathon, half, 10k.", metavar="DIST"
        ),
    ] = None,
    goal_time: Annotated[
        str | None,
        typer.Option("--goal-time", help="Goal time, e.g. 3:59:59.", metavar="TIME"),
    ] = None,
    recent_race: Annotated[
        list[str] | None,
        typer.Option(
            "--recent-race",
            help="A recent representative race as DISTANCE=TIME, e.g. half=1:55:00 (repeatable).",
            metavar="DIST=TIME",
        ),
    ] = None,
    bq: Annotated[
        bool,
        typer.Option("--bq", help="Make a Boston qualifier the goal (needs --age and --sex)."),
    ] = False,
    age: AgeOption = None,
    sex: SexOption = None,
    birth_date: Annotated[
        str | None,
        typer.Option(
            "--birth-date",
            help="Birth date (YYYY-MM-DD) for the exact age on Boston race day.",
            metavar="DATE",
        ),
    ] = None,
    race_date: Annotated[
        str | None,
        typer.Option(
            "--race-date",
            help="Date of the goal race (YYYY-MM-DD); for --bq it picks the Boston year.",
            metavar="DATE",
        ),
    ] = None,
    net_downhill_ft: Annotated[
        float,
        typer.Option(
            "--net-downhill-ft",
            help="Net downhill of the qualifying course in feet (Boston 2027+ adds time).",
        ),
    ] = 0.0,
    weekly_volume: WeeklyVolumeOption = None,
    cycles_per_year: Annotated[
        int, typer.Option("--cycles-per-year", help="Training cycles you run per year (1–4).")
    ] = 2,
    today: TodayOption = None,
    units: UnitsOption = None,
    json_out: JsonOption = False,
) -> None:
    """How realistic a goal is: the gap from today's fitness, a verdict, and how long it may take.

    Compares the goal with your current equivalent (for a marathon: the recreational marathon
    prediction, not just your 5K VDOT), shows the gap in % and VDOT, the best case of consistent
    training, and the odds seen in real runners who raced again. Never a guarantee.
    """
    from runcoach.cli.output import print_json
    from runcoach.config import resolve_units
    from runcoach.domain.errors import InputError
    from runcoach.domain.goal import assess_goal
    from runcoach.domain.standards import (
        age_on,
        age_range_on,
        boston_edition_for_qualifier,
        bq_target,
    )
    from runcoach.domain.units import MARATHON_M, parse_distance, parse_duration

    shown_units = resolve_units(units)
    the_age, the_sex = _check_age(age), _parse_sex(sex)
    now = _today(today)
    races = _parse_races(recent_race, "--recent-race")
    if not races:
        raise InputError("give a recent race with --recent-race, e.g. --recent-race half=1:55:00.")
    weekly = _parse_weekly(weekly_volume)
    born = None if birth_date is None else _parse_date(birth_date, "--birth-date")
    if born is not None:
        from_birth = age_on(now, born)
        if the_age is not None and the_age != from_birth:
            raise InputError(
                f"--age {the_age} does not match --birth-date {born.isoformat()} "
                f"(age {from_birth} on {now.isoformat()})."
            )
        the_age = _check_age(from_birth)
    when = None if race_date is None else _parse_date(race_date, "--race-date")
    if when is not None and when < now:
        raise InputError(f"--race-date {when.isoformat()} is before today ({now.isoformat()}).")

    notes: list[str] = []
    target_bq = None
    if bq:
        if goal_time is not None:
            raise InputError("give either --bq or --goal-time, not both.")
        if race is not None and abs(parse_distance(race, what="--race") - MARATHON_M) > 1:
            raise InputError(f"--bq is a marathon goal, but --race is {race!r}.")
        if the_age is None or the_sex is None:
            raise InputError("--bq needs --age (or --birth-date) and --sex to find your standard.")
        edition = boston_edition_for_qualifier(when or now)
        if born is not None:
            race_day_age = age_on(edition.race_day, born)
        else:
            youngest, oldest = age_range_on(edition.race_day, the_age, now)
            race_day_age = youngest
            if oldest != youngest:
                notes.append(
                    f"Age on Boston race day taken as {youngest} ({oldest} if your birthday falls "
                    f"before {edition.race_day.strftime('%d %B')}); give --birth-date to be exact."
                )
        target_bq = bq_target(
            race_day_age, the_sex, edition_year=edition.year, net_downhill_ft=net_downhill_ft
        )
        if not edition.published:
            notes.append(
                f"Boston {edition.year} standards are not published yet: the 2026/2027 standards "
                "are used."
            )
        target_m = MARATHON_M
        goal_s = float(target_bq.required_s)
    else:
        if net_downhill_ft:
            raise InputError("--net-downhill-ft only applies to a Boston qualifier (--bq).")
        if race is None or goal_time is None:
            raise InputError(
                "give the goal race and time (--race marathon --goal-time 3:59:59) or --bq."
            )
        target_m = parse_distance(race, what="--race")
        goal_s = parse_duration(goal_time, what="--goal-time")
        _check_goal_time(target_m, goal_s, race, goal_time)

    assessment = assess_goal(
        [(r.distance_m, r.time_s) for r in races],
        target_m,
        goal_s,
        age=the_age,
        sex=the_sex,
        weekly_distance_m=weekly,
        cycles_per_year=cycles_per_year,
        bq=target_bq,
    )
    weeks_to_race = None if when is None else (when - now).days // 7
    if json_out:
        print_json(_goal_json(assessment, races, weeks_to_race, notes, now))
        return
    _print_goal(assessment, weeks_to_race, notes, shown_units)


def _goal_json(
    a: GoalAssessment,
    races: list[RaceTime],
    weeks_to_race: int | None,
    notes: list[str],
    today: date,
) -> dict[str, object]:
    bq = a.bq
    return {
        "today": today,
        "target_distance_m": a.target_distance_m,
        "goal_time_s": a.goal_time_s,
        "races": [{"distance_m": r.distance_m, "time_s": r.time_s} for r in races],
        "current": _prediction_json(a.current),
        "current_vdot": round(a.current_vdot, 2),
        "goal_vdot": round(a.goal_vdot, 2),
        "gap_pct": round(a.gap_pct, 2),
        "gap_vdot": round(a.gap_vdot, 2),
        "verdict": a.verdict,
        "odds_label": a.odds_label,
        "best_case_cycles": list(a.best_case_cycles),
        "best_case_years": list(a.best_case_years),
        "cycles_per_year": a.cycles_per_year,
        "weeks_to_race": weeks_to_race,
        "age": a.age,
        "age_grade_pct": round(a.age_grade_pct, 2),
        "projection": [
            {
                "years": p.years,
                "median_s": round(p.median_s, 1),
                "fast_s": round(p.fast_s, 1),
                "slow_s": round(p.slow_s, 1),
                "goal_probability": None
                if p.goal_probability is None
                else round(p.goal_probability, 4),
            }
            for p in a.projection
        ],
        "years_even_odds": a.years_even_odds,
        "years_one_in_four": a.years_one_in_four,
        "years_one_in_ten": a.years_one_in_ten,
        "bq": None
        if bq is None
        else {
            "boston_year": bq.edition_year,
            "standards_published": bq.published,
            "age_on_race_day": bq.age_on_race_day,
            "age_group": bq.age_group,
            "sex": bq.sex,
            "standard_s": bq.standard_s,
            "net_downhill_allowance_s": bq.net_downhill_allowance_s,
            "required_s": bq.required_s,
            "last_cutoff_year": bq.last_cutoff_year,
            "last_cutoff_s": bq.last_cutoff_s,
            "with_last_cutoff_s": bq.with_last_cutoff_s,
            "mean_recent_cutoff_s": round(bq.mean_recent_cutoff_s, 1),
            "buffer_s": bq.buffer_s,
            "recommended_s": bq.recommended_s,
            "gap_to_recommended_pct": None
            if a.gap_to_recommended_pct is None
            else round(a.gap_to_recommended_pct, 2),
        },
        "assumptions": list(a.assumptions),
        "notes": [*notes, *a.notes],
    }


VERDICT_TEXT = {
    "realistic": "realistic for one training cycle (≤ 5 %)",
    "ambitious": "ambitious for one cycle (5–10 %)",
    "multi-cycle": "a multi-cycle goal (> 10 %)",
}


def _print_goal(
    a: GoalAssessment, weeks_to_race: int | None, notes: list[str], units: Units
) -> None:
    from rich.table import Table

    from runcoach.cli.output import console
    from runcoach.domain.units import format_duration, format_pace, race_label

    out = console()
    label = race_label(a.target_distance_m)
    t = Table(title=f"Goal: {label} in {format_duration(a.goal_time_s)}", title_justify="left")
    t.add_column("")
    t.add_column("Value", justify="right")
    t.add_column("")
    t.add_row(
        "Today's equivalent",
        format_duration(a.current.seconds),
        f"80 % range {_range_text(a.current)}",
    )
    per_km = 1000 / a.target_distance_m
    t.add_row(
        "Pace",
        format_pace(a.goal_time_s * per_km, units),
        f"today {format_pace(a.current.seconds * per_km, units)}",
    )
    t.add_row(
        "Gap",
        f"{a.gap_pct:.1f} %",
        f"{a.gap_vdot:+.1f} VDOT ({a.current_vdot:.1f} → {a.goal_vdot:.1f})",
    )
    t.add_row("Verdict", a.verdict, VERDICT_TEXT[a.verdict])
    low_c, high_c = a.best_case_cycles
    low_y, high_y = a.best_case_years
    cycles = f"{low_c}" if low_c == high_c else f"{low_c}–{high_c}"
    years = f"{low_y:g}" if low_y == high_y else f"{low_y:g}–{high_y:g}"
    t.add_row("Best case", f"{cycles} cycle(s)", f"≈ {years} year(s) at {a.cycles_per_year} a year")
    if weeks_to_race is not None:
        t.add_row(
            "Race day",
            f"{weeks_to_race} weeks away",
            f"≈ {max(weeks_to_race / 18, 0):.1f} cycle(s) of 16–20 weeks",
        )
    t.add_row(
        "Age grade used",
        f"{a.age_grade_pct:.1f} %",
        f"from {race_label(a.age_grade_race[0])} {format_duration(a.age_grade_race[1])}, age {a.age}",
    )
    out.print(t)

    if a.bq is not None:
        b = a.bq
        bt = Table(
            title=f"Boston {b.edition_year} qualifying ({b.sex}, {b.age_group} on race day)",
            title_justify="left",
        )
        bt.add_column("")
        bt.add_column("Net time", justify="right")
        bt.add_column("")
        bt.add_row(
            "Standard", format_duration(b.standard_s), "the slowest net time that lets you apply"
        )
        if b.net_downhill_allowance_s:
            bt.add_row(
                "Your course",
                format_duration(b.required_s),
                f"net-downhill course adds {format_duration(b.net_downhill_allowance_s)} to your time",
            )
        bt.add_row(
            f"With the {b.last_cutoff_year} cutoff",
            format_duration(b.with_last_cutoff_s),
            f"{format_duration(b.last_cutoff_s)} under was needed to get in",
        )
        gap_rec = (
            "" if a.gap_to_recommended_pct is None else f"; gap {a.gap_to_recommended_pct:.1f} %"
        )
        bt.add_row(
            "Recommended target",
            format_duration(b.recommended_s),
            f"{format_duration(b.buffer_s)} buffer (largest cutoff of the last 3 years){gap_rec}",
        )
        out.print(bt)

    pt = Table(
        title="What real runners who raced again did (population odds, single race)",
        title_justify="left",
    )
    pt.add_column("In")
    pt.add_column("Median", justify="right")
    pt.add_column("80 % range", justify="right")
    pt.add_column("Chance of the goal", justify="right")
    for p in a.projection:
        chance = "—" if p.goal_probability is None else _percent(p.goal_probability)
        pt.add_row(
            f"{p.years} year{'s' if p.years > 1 else ''}",
            format_duration(p.median_s),
            f"{format_duration(p.fast_s)} – {format_duration(p.slow_s)}",
            chance,
        )
    out.print(pt)
    out.print(f"In one year the data call this goal: [bold]{a.odds_label}[/]. {_years_sentence(a)}")
    for line in (*notes, *a.notes):
        out.print(f"[yellow]Note:[/] {line}")
    out.print("[bold]Assumptions[/] (never a guarantee):")
    for line in a.assumptions:
        out.print(f"  • {line}")


def _years_sentence(a: GoalAssessment) -> str:
    if a.years_even_odds is not None:
        return f"Even odds within {a.years_even_odds} year(s)."
    if a.years_one_in_four is not None:
        return f"A 1-in-4 chance by year {a.years_one_in_four}; never even odds within 5 years."
    if a.years_one_in_ten is not None:
        return f"A 1-in-10 chance by year {a.years_one_in_ten}; never 1 in 4 within 5 years."
    return "Fewer than 1 in 10 reach it in a single race within 5 years."


def _percent(p: float) -> str:
    if p < 0.01:
        return "< 1 %"
    if p > 0.99:
        return "> 99 %"
    return f"{p * 100:.0f} %"


# --- race-day ------------------------------------------------------------------------------------


def race_day(
    race: Annotated[
        str, typer.Option("--race", help="Race distance, e.g. marathon, half, 10k.", metavar="DIST")
    ],
    goal_time: Annotated[
        str, typer.Option("--goal-time", help="Goal time, e.g. 2:39:00.", metavar="TIME")
    ],
    weight: Annotated[
        str | None,
        typer.Option(
            "--weight", help="Body mass, e.g. 64kg or 141lb (for fuelling).", metavar="MASS"
        ),
    ] = None,
    split: Annotated[
        str, typer.Option("--split", help="Pacing: even or negative.", metavar="even|negative")
    ] = "even",
    negative_split_pct: Annotated[
        float,
        typer.Option(
            "--negative-split-pct",
            help="For --split negative: how much faster the second half is, in % of pace.",
        ),
    ] = 1.0,
    units: UnitsOption = None,
    json_out: JsonOption = False,
) -> None:
    """Race-day plan: pacing per km or mile (even or negative split), carbohydrate and fluids.

    Carbohydrate loading 10–12 g/kg/day for the last 36–48 h, a pre-race meal of 1–4 g/kg, 30–90 g
    per hour in the race, and drinking to lose no more than 2 % of body mass (COACHING §8).
    """
    from runcoach.cli.output import console, print_json
    from runcoach.config import resolve_units
    from runcoach.domain.errors import InputError
    from runcoach.domain.racing import SPLITS, fuelling, pacing_table, parse_mass
    from runcoach.domain.units import (
        format_distance,
        format_duration,
        format_pace,
        metres_per_unit,
        parse_distance,
        parse_duration,
        race_label,
    )

    shown_units = resolve_units(units)
    distance_m = parse_distance(race, what="--race")
    goal_s = parse_duration(goal_time, what="--goal-time")
    _check_goal_time(distance_m, goal_s, race, goal_time)
    if split not in SPLITS:
        raise InputError(f"--split {split!r} is not one of even or negative.")
    mass = None if weight is None else parse_mass(weight)
    table = pacing_table(
        distance_m,
        goal_s,
        units=shown_units,
        split=split,
        negative_split_pct=negative_split_pct,
    )
    fuel = None if mass is None else fuelling(mass, goal_s)

    if json_out:
        print_json(
            {
                "race": {"distance_m": distance_m, "goal_time_s": goal_s},
                "split": split,
                "negative_split_pct": negative_split_pct if split == "negative" else None,
                "splits": [
                    {
                        "distance_m": round(m.distance_m, 3),
                        "elapsed_s": round(m.elapsed_s, 1),
                        "pace_s_per_km": round(m.pace_s_per_km, 2),
                    }
                    for m in table
                ],
                "fuelling": None if fuel is None else _fuel_json(fuel),
            }
        )
        return

    from rich.table import Table

    out = console()
    title = f"{race_label(distance_m)} in {format_duration(goal_s)} — {split} split"
    if split == "negative":
        title += f" (second half {negative_split_pct:g} % faster)"
    t = Table(title=title, title_justify="left")
    t.add_column(f"At ({shown_units})", justify="right")
    t.add_column("Elapsed", justify="right")
    t.add_column(f"Pace (/{shown_units})", justify="right")
    step = metres_per_unit(shown_units)
    for mark in table:
        whole = abs(mark.distance_m / step - round(mark.distance_m / step)) < 1e-6
        at = (
            f"{round(mark.distance_m / step)}"
            if whole
            else format_distance(mark.distance_m, shown_units, decimals=2)
        )
        if abs(mark.distance_m - distance_m / 2) < 0.5 and not whole:
            at = f"half ({at})"
        t.add_row(at, format_duration(mark.elapsed_s), format_pace(mark.pace_s_per_km, shown_units))
    out.print(t)
    if fuel is None:
        out.print("[dim]Give --weight (e.g. 64kg) for carbohydrate and fluid amounts.[/]")
        return
    ft = Table(title=f"Fuelling for {fuel.body_mass_kg:.1f} kg", title_justify="left")
    ft.add_column("When")
    ft.add_column("Amount", justify="right")
    rows = []
    if fuel.carb_load_g_per_day and fuel.carb_load_total_g:
        lo, hi = fuel.carb_load_g_per_day
        rows.append(("Carb loading, last 36–48 h", f"{lo:.0f}–{hi:.0f} g carbohydrate per day"))
        lo, hi = fuel.carb_load_total_g
        rows.append(("  in total", f"{lo:.0f}–{hi:.0f} g"))
    if fuel.pre_race_meal_g:
        lo, hi = fuel.pre_race_meal_g
        rows.append(("Pre-race meal, 1–4 h before", f"{lo:.0f}–{hi:.0f} g carbohydrate"))
    rows.append(
        (
            "Fluid about 4 h before",
            f"{fuel.pre_hydration_ml[0]:.0f}–{fuel.pre_hydration_ml[1]:.0f} mL",
        )
    )
    if fuel.in_race_g_per_hour and fuel.in_race_total_g and fuel.gels_25g:
        lo, hi = fuel.in_race_g_per_hour
        rows.append(("In the race", f"{lo:.0f}–{hi:.0f} g per hour"))
        lo, hi = fuel.in_race_total_g
        g_lo, g_hi = fuel.gels_25g
        rows.append(("  in total", f"{lo:.0f}–{hi:.0f} g (≈ {g_lo}–{g_hi} gels of 25 g)"))
    rows.append(("Fluid loss limit", f"≤ {fuel.max_fluid_loss_kg:.1f} kg body mass (2 %)"))
    for row in rows:
        ft.add_row(*row)
    out.print(ft)
    for line in fuel.advice:
        out.print(f"  • {line}")


def _fuel_json(fuel: object) -> dict[str, object]:
    from dataclasses import asdict, is_dataclass

    assert is_dataclass(fuel) and not isinstance(fuel, type)
    data = asdict(fuel)
    return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}
