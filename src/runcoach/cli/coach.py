"""Coaching commands: ``plan review|accept|undo|history``, ``today``, ``week`` and ``advice``.

``register(app)`` adds ``today``, ``week`` and ``advice``; ``register_plan_commands(plan_app)``
adds ``review``, ``accept``, ``undo`` and ``history`` to the ``plan`` group (called by the
module that creates that group).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from runcoach.cli.options import JsonOption, TodayOption, UnitsOption, resolve_today

if TYPE_CHECKING:
    from runcoach.domain.advice import Advice
    from runcoach.domain.plan.adaptation import PlanChange, ReviewInput
    from runcoach.domain.plan.agenda import Agenda
    from runcoach.domain.plan.signals import PainReport
    from runcoach.domain.units import Units
    from runcoach.services import Services
    from runcoach.services.coaching import Review
    from runcoach.services.ports import PlanVersion

TiredOption = Annotated[
    bool,
    typer.Option("--tired", help="You feel too tired: the next down week comes now."),
]
PainOption = Annotated[
    float | None,
    typer.Option(
        "--pain",
        help="Pain now, 0–10 (e.g. this morning, after yesterday's run).",
        metavar="0-10",
    ),
]
PainLocationOption = Annotated[
    str | None,
    typer.Option(
        "--pain-location", help="Where the pain is (e.g. achilles, knee).", metavar="WHERE"
    ),
]


def register(app: typer.Typer) -> None:
    """Add ``today``, ``week`` and ``advice`` to ``app``, and ``review``, ``accept``, ``undo``
    and ``history`` to its ``plan`` group (the one already registered, else a new one)."""
    app.command("today")(today_command)
    app.command("week")(week_command)
    app.command("advice")(advice_command)
    register_plan_commands(plan_group(app))


def plan_group(app: typer.Typer) -> typer.Typer:
    """The ``plan`` command group of ``app``: the registered one, or a new one added to it.

    Any module that adds plan commands can use it, in any order, without two groups named
    ``plan`` (the one created first is the one everyone uses).
    """
    for info in app.registered_groups:
        if info.name == "plan" and info.typer_instance is not None:
            return info.typer_instance
    group = typer.Typer(
        help="Plans: review against your log, accept or undo changes, history.",
        no_args_is_help=True,
    )
    app.add_typer(group, name="plan")
    return group


def register_plan_commands(plan_app: typer.Typer) -> None:
    """Add ``review``, ``accept``, ``undo`` and ``history`` to the ``plan`` group."""
    plan_app.command("review")(review_command)
    plan_app.command("accept")(accept_command)
    plan_app.command("undo")(undo_command)
    plan_app.command("history")(history_command)


# --- input ------------------------------------------------------------------------------------


def _day(text: str | None, flag: str) -> date | None:
    from runcoach.domain.units import parse_date

    return None if text is None else parse_date(text, what=flag)


def _pain(pain: float | None, location: str | None, today: date) -> PainReport | None:
    from runcoach.domain.errors import InputError
    from runcoach.domain.plan.signals import PainReport

    if pain is None:
        if location is not None:
            raise InputError("--pain-location needs --pain (a rating 0–10).")
        return None
    if not 0 <= pain <= 10:
        raise InputError(f"--pain {pain:g} is not on the 0–10 scale.")
    where = None if location is None or not location.strip() else location.strip().lower()
    return PainReport(day=today, pain=pain, location=where, during_run=False)


def _request(
    today: str | None,
    *,
    tired: bool = False,
    race_date: str | None = None,
    available: str | None = None,
    days: int | None = None,
    goal_time: str | None = None,
    ill_since: str | None = None,
    ill_until: str | None = None,
    cross_trained: bool = False,
    pain: float | None = None,
    pain_location: str | None = None,
    units: Units = "km",
) -> ReviewInput:
    from runcoach.domain.athlete import parse_weekdays
    from runcoach.domain.errors import InputError
    from runcoach.domain.plan.adaptation import Illness, ReviewInput
    from runcoach.domain.units import parse_duration

    day = resolve_today(today)
    illness = None
    since = _day(ill_since, "--ill-since")
    until = _day(ill_until, "--ill-until")
    if until is not None and since is None:
        raise InputError("--ill-until needs --ill-since (the first day you were ill).")
    if since is not None:
        illness = Illness(first_day=since, last_day=until)
    if days is not None and not 1 <= days <= 7:
        raise InputError(f"--days {days} is not a number of running days between 1 and 7.")
    return ReviewInput(
        today=day,
        tired=tired,
        illness=illness,
        race_date=_day(race_date, "--race-date"),
        available_days=None if available is None else parse_weekdays(available),
        days_per_week=days,
        goal_time_s=None if goal_time is None else parse_duration(goal_time, what="--goal-time"),
        cross_trained=cross_trained,
        pain_today=_pain(pain, pain_location, day),
        units=units,
    )


def _coach() -> AbstractContextManager[Services]:
    from runcoach.bootstrap import open_services

    return open_services()


# --- plan review / accept / undo / history ---------------------------------------------------


def review_command(
    today: TodayOption = None,
    race_date: Annotated[
        str | None,
        typer.Option(
            "--race-date", help="The race moved to this date (YYYY-MM-DD).", metavar="DATE"
        ),
    ] = None,
    available: Annotated[
        str | None,
        typer.Option(
            "--available", help="Days you can run now, e.g. mon,wed,fri,sun.", metavar="DAYS"
        ),
    ] = None,
    days: Annotated[
        int | None, typer.Option("--days", help="Running days per week from now on.", metavar="N")
    ] = None,
    goal_time: Annotated[
        str | None,
        typer.Option("--goal-time", help="A new goal time, e.g. 3:45:00.", metavar="TIME"),
    ] = None,
    tired: TiredOption = False,
    ill_since: Annotated[
        str | None,
        typer.Option("--ill-since", help="First day of an illness (YYYY-MM-DD).", metavar="DATE"),
    ] = None,
    ill_until: Annotated[
        str | None,
        typer.Option(
            "--ill-until",
            help="Last day with symptoms (YYYY-MM-DD); leave out while still ill.",
            metavar="DATE",
        ),
    ] = None,
    cross_trained: Annotated[
        bool,
        typer.Option("--cross-trained", help="You cross-trained during the break (smaller loss)."),
    ] = False,
    pain: PainOption = None,
    pain_location: PainLocationOption = None,
    units: UnitsOption = None,
    json_out: JsonOption = False,
) -> None:
    """Hold the plan against your log and news; propose a revised plan with reasons and a diff.

    The proposal is stored; `runcoach plan accept` makes it current, `runcoach plan undo` goes
    back afterwards. Nothing changes without accept.
    """
    from runcoach.cli.output import info, print_json
    from runcoach.config import resolve_units
    from runcoach.services.coaching import CoachingService

    shown = resolve_units(units)
    request = _request(
        today,
        units=shown,
        tired=tired,
        race_date=race_date,
        available=available,
        days=days,
        goal_time=goal_time,
        ill_since=ill_since,
        ill_until=ill_until,
        cross_trained=cross_trained,
        pain=pain,
        pain_location=pain_location,
    )
    with _coach() as svc:
        review = CoachingService(svc).review(request)
    if json_out:
        doc = review.change.to_dict(shown)
        doc["version"] = None if review.version is None else _version_json(review.version)
        print_json(doc)
    else:
        _print_review(review, shown)
    if review.version is not None:
        info(
            f"Stored as proposed version {review.version.version}; "
            "`runcoach plan accept` makes it current."
        )


def accept_command(json_out: JsonOption = False) -> None:
    """Make the proposed plan change current (the previous version is kept for undo)."""
    from runcoach.cli.output import console, print_json
    from runcoach.services.coaching import CoachingService

    with _coach() as svc:
        version = CoachingService(svc).accept()
    if json_out:
        print_json(_version_json(version))
        return
    console().print(
        f"Plan version {version.version} is now current. `runcoach plan undo` goes back to the "
        "version before."
    )


def undo_command(json_out: JsonOption = False) -> None:
    """Go back to the plan version that was current before the current one."""
    from runcoach.cli.output import console, print_json
    from runcoach.services.coaching import CoachingService

    with _coach() as svc:
        version = CoachingService(svc).undo()
    if json_out:
        print_json(_version_json(version))
        return
    console().print(
        f"Back to plan version {version.version}; the undone version is kept in history."
    )


def history_command(json_out: JsonOption = False) -> None:
    """Every version of the current plan: status, when, and why it changed."""
    from rich.table import Table

    from runcoach.cli.output import console, print_json
    from runcoach.services.coaching import CoachingService

    with _coach() as svc:
        versions = CoachingService(svc).history()
    if json_out:
        print_json([_version_json(v) for v in versions])
        return
    if not versions:
        console().print("No plan yet: make one with `runcoach plan new`.")
        return
    table = Table(title="Plan history", title_justify="left")
    table.add_column("Version", justify="right")
    table.add_column("Status")
    table.add_column("Created")
    table.add_column("Why")
    for v in versions:
        why = "; ".join(f"{r.get('rule', '')}" for r in v.reasons) or (v.note or "")
        table.add_row(str(v.version), v.status, v.created_at.strftime("%Y-%m-%d %H:%M"), why)
    console().print(table)


def _version_json(version: PlanVersion) -> dict[str, object]:
    return {
        "id": version.id,
        "plan_id": version.plan_id,
        "version": version.version,
        "status": version.status,
        "created_at": version.created_at.isoformat(),
        "activated_at": None if version.activated_at is None else version.activated_at.isoformat(),
        "reasons": [dict(r) for r in version.reasons],
        "note": version.note,
    }


def _print_review(review: Review, units: Units) -> None:
    from rich.table import Table

    from runcoach.cli.output import console

    change: PlanChange = review.change
    out = console()
    head = f"Plan review for {change.today:%a %Y-%m-%d}"
    if not change.changed:
        out.print(f"[bold]{head}[/]: no change — carry on with the plan.")
    else:
        out.print(f"[bold]{head}[/]: a revised plan is proposed.")
    for f in change.findings:
        style = {"warning": "yellow", "change": "bold", "info": ""}[f.severity]
        text = f"• [{f.rule}] {f.text}"
        out.print(f"[{style}]{text}[/]" if style else text, markup=bool(style), highlight=False)
    if change.diff:
        table = Table(title="What changes, week by week", title_justify="left")
        table.add_column("Week", justify="right")
        table.add_column("Starts")
        table.add_column("Before")
        table.add_column("After")
        table.add_column("Changes")
        from runcoach.domain.units import format_distance

        for d in change.diff:
            b = (
                "—"
                if d.before is None
                else f"{d.before.phase} {format_distance(d.before.distance_m, units)}"
            )
            a = (
                "—"
                if d.after is None
                else f"{d.after.phase} {format_distance(d.after.distance_m, units)}"
            )
            if d.after is not None and d.after.is_down_week:
                a += " (down)"
            table.add_row(
                str(d.index), d.start_date.isoformat(), b, a, "; ".join(d.describe(units))
            )
        out.print(table)
        out.print(
            "Accept it with `runcoach plan accept`; after accepting, `runcoach plan undo` goes back."
        )


# --- today / week / advice --------------------------------------------------------------------


def today_command(
    today: TodayOption = None,
    tired: TiredOption = False,
    pain: PainOption = None,
    pain_location: PainLocationOption = None,
    units: UnitsOption = None,
    json_out: JsonOption = False,
) -> None:
    """What to do today, adjusted to your log, with the why in one or two sentences."""
    from runcoach.cli.output import print_json
    from runcoach.config import resolve_units
    from runcoach.services.coaching import CoachingService

    shown = resolve_units(units)
    request = _request(today, tired=tired, pain=pain, pain_location=pain_location, units=shown)
    with _coach() as svc:
        coach = CoachingService(svc)
        agenda, review = coach.today(request)
    if json_out:
        doc = agenda.to_dict()
        doc["today"] = request.today.isoformat()
        doc["review_proposes_change"] = review.change.changed
        print_json(doc)
        return
    _print_agenda(agenda, review, shown, title=f"Today, {request.today:%a %Y-%m-%d}")


def week_command(
    today: TodayOption = None,
    tired: TiredOption = False,
    pain: PainOption = None,
    pain_location: PainLocationOption = None,
    units: UnitsOption = None,
    json_out: JsonOption = False,
) -> None:
    """This week's sessions, adjusted to your log: done, missed and still to do, with the why."""
    from runcoach.cli.output import print_json
    from runcoach.config import resolve_units
    from runcoach.services.coaching import CoachingService

    shown = resolve_units(units)
    request = _request(today, tired=tired, pain=pain, pain_location=pain_location, units=shown)
    with _coach() as svc:
        agenda, review = CoachingService(svc).week(request)
    if json_out:
        doc = agenda.to_dict()
        doc["today"] = request.today.isoformat()
        doc["review_proposes_change"] = review.change.changed
        print_json(doc)
        return
    _print_agenda(
        agenda,
        review,
        shown,
        title=f"This week ({agenda.first_day:%a %d %b} – {agenda.last_day:%a %d %b})",
    )


def _print_agenda(agenda: Agenda, review: Review, units: Units, *, title: str) -> None:
    from rich.table import Table

    from runcoach.cli.output import console
    from runcoach.domain.plan.diff import session_label
    from runcoach.domain.units import format_distance

    out = console()
    week = agenda.week
    if week is None:
        out.print(
            f"[bold]{title}[/]: outside the plan's weeks. `runcoach advice` says what to do next."
        )
        return
    tag = f"week {week.index}, {week.phase}{', down week' if week.is_down_week else ''}"
    adjusted = " — adjusted to your log" if agenda.adjusted else ""
    out.print(f"[bold]{title}[/] ({tag}){adjusted}")
    if not agenda.items:
        out.print("Rest day: no running planned. Sleep, walk, mobility.")
    one_day = agenda.first_day == agenda.last_day
    table = Table(show_header=True, header_style="bold")
    table.add_column("Day")
    table.add_column("Session")
    table.add_column("Status")
    table.add_column("What to do" if one_day else "Title")
    for item in agenda.items:
        s = item.session
        status = item.status + (" (adjusted)" if item.adjusted else "")
        if item.status in ("done", "partial") and item.logged_m:
            status += f" — {format_distance(item.logged_m, units)}"
        what = (s.description or s.title) if one_day else (s.title or s.kind.replace("_", " "))
        table.add_row(f"{s.date:%a %d}", session_label(s, units), status, what)
    if agenda.items:
        out.print(table)
    if agenda.first_day != agenda.last_day:
        out.print(
            f"Planned {format_distance(agenda.planned_m, units)}, done so far "
            f"{format_distance(agenda.done_m, units)}."
        )
    for reason in agenda.why:
        out.print(f"Why: {reason.text} [{reason.rule}]", highlight=False, markup=False)
    if review.change.changed:
        out.print(
            "A plan review proposes changes: see them with `runcoach plan review`.", style="yellow"
        )


def advice_command(
    today: TodayOption = None,
    tired: TiredOption = False,
    pain: PainOption = None,
    pain_location: PainLocationOption = None,
    units: UnitsOption = None,
    json_out: JsonOption = False,
) -> None:
    """Increase, hold, or down week? For your current state, with the numbers behind it.

    Works with or without a plan: it reads the last weeks of your log (distance, longest run,
    effort, pain, load).
    """
    from runcoach.cli.output import print_json
    from runcoach.config import resolve_units
    from runcoach.services.coaching import CoachingService

    day = resolve_today(today)
    shown = resolve_units(units)
    with _coach() as svc:
        advice = CoachingService(svc).advice(
            day, tired=tired, pain_today=_pain(pain, pain_location, day), units=shown
        )
    if json_out:
        print_json(advice.to_dict())
        return
    _print_advice(advice, shown)


def _print_advice(advice: Advice, units: Units) -> None:
    from rich.table import Table

    from runcoach.cli.output import console, sparkline
    from runcoach.domain.units import format_distance, format_duration

    out = console()
    style = {"increase": "bold green", "hold": "bold", "down": "bold yellow"}[advice.verdict]
    out.print(advice.headline, style=style, highlight=False, markup=False)
    out.print(f"Next step: {advice.next_step}", highlight=False, markup=False)
    table = Table(title="The numbers behind it (7-day weeks ending today)", title_justify="left")
    table.add_column("Week")
    table.add_column("Distance", justify="right")
    table.add_column("Runs", justify="right")
    table.add_column("Time", justify="right")
    table.add_column("Load (sRPE)", justify="right")
    for w in advice.weeks:
        table.add_row(
            f"{w.first_day:%d %b} – {w.last_day:%d %b}",
            format_distance(w.distance_m, units),
            str(w.runs),
            format_duration(w.time_s),
            "—" if w.srpe_load is None else f"{w.srpe_load:.0f}",
        )
    out.print(table)
    out.print(f"Volume trend: {sparkline([w.distance_m for w in advice.weeks])}")
    out.print(f"Longest run, last 30 days: {format_distance(advice.longest_run_30d_m, units)}")
    out.print(
        f"Weeks at this level: {advice.weeks_at_level}; since a lighter week: {advice.weeks_since_down}"
    )
    if advice.pain is not None:
        p = advice.pain
        where = f" ({p.location})" if p.location else ""
        out.print(f"Pain{where}: up to {p.peak:g}/10, latest {p.latest.pain:g}/10 — {p.level}")
    else:
        out.print("Pain: none logged in the last 3 weeks")
    effort = "—" if advice.mean_rpe_14d is None else f"{advice.mean_rpe_14d:.1f}"
    out.print(
        f"Effort (mean RPE, 14 days): {effort}; very hard sessions: {advice.hard_sessions_14d}"
    )
    if advice.monotony is not None:
        mono = "maximal" if advice.monotony == float("inf") else f"{advice.monotony:.2f}"
        out.print(f"Monotony (last 7 days): {mono} (flag above 2.0)")
