"""Rebuild the remaining weeks of a plan from the runner's real state (the engine, not hand edits).

The weeks before the current one stay as they were. The current week keeps its days before
``today``; its remaining days become either the first return week (when a return is prescribed)
or the old days with the review's day rules (rest until, easy until: running taken out or made
easy — never added). Then come the remaining return weeks (walk/run and easy weeks at a share of
the usual volume, :mod:`runcoach.domain.plan.return_weeks`) and the progression engine
(:func:`runcoach.domain.plan.progression.build_cycle`), started on the next Monday from the very
history the checks use (:func:`runcoach.domain.plan.history.history_at`). On a Monday (or before
the plan starts) the current week is rebuilt whole.

Every revision is checked (:func:`runcoach.domain.plan.history.revision_violations`). If the
current week still breaks a rule because of what was already run this week, its remaining runs
are shortened; a revision that cannot be made safe raises :class:`RevisionError` (a bug) instead
of returning an unsafe plan.

Units: metres, dates. Source: DESIGN.md §5; COACHING.md §7.2.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, cast

from runcoach.domain.activity import Activity
from runcoach.domain.athlete import WEEKDAYS, AthleteProfile, Weekday
from runcoach.domain.plan.checks import ReturnRung
from runcoach.domain.plan.compliance import match_plan
from runcoach.domain.plan.history import (
    SEGMENT_RULES,
    History,
    current_week_start,
    history_at,
    revision_violations,
)
from runcoach.domain.plan.inputs import PlanInputs, TrainingState
from runcoach.domain.plan.model import Plan, RaceGoal, Reason, Session, Week
from runcoach.domain.plan.return_weeks import ReturnWeekSpec, rest_session, return_week
from runcoach.domain.plan.workouts import PaceBook
from runcoach.domain.units import Units, format_distance

if TYPE_CHECKING:
    from runcoach.domain.plan.adaptation import Prescription

#: Tags a quality session loses when it becomes an easy run.
_STIMULUS_TAGS = frozenset({"strides", "hill_sprints"})
_QUALITY_KINDS = frozenset(
    {
        "hills",
        "fartlek",
        "tempo",
        "threshold",
        "intervals",
        "repetition",
        "marathon_pace",
        "progression",
    }
)
#: Warnings a rebuild says again from the new state (the old ones no longer apply).
_RENEWED_WARNINGS = ("LONG-20MI", "RUN-WALK-RACE", "RACE-TOO-CLOSE", "GOAL-GAP")


class RaceTooCloseError(Exception):
    """The race is too close to rebuild the cycle (the taper has begun): the review advises
    day by day instead of rebuilding."""

    def __init__(self, race_day: date) -> None:
        super().__init__(f"the race on {race_day.isoformat()} is too close to rebuild the plan")
        self.race_day = race_day


class RevisionError(RuntimeError):
    """No safe revision could be built (a bug: reported, never shown as a plan).

    ``candidate`` is the last plan tried (for reports and tests).
    """

    def __init__(self, message: str, candidate: Plan | None = None) -> None:
        super().__init__(message)
        self.candidate = candidate


# --- inputs -----------------------------------------------------------------------------------


def engine_inputs(
    plan: Plan, rx: Prescription, start: date, profile: AthleteProfile | None
) -> PlanInputs:
    """The engine inputs for the rest of the plan: the plan's runner, with the review's changes
    (race date, goal, days, VDOT)."""
    a: dict[str, Any] = dict(plan.athlete)
    available = rx.available_days or tuple(
        cast(Weekday, d) for d in a.get("available_days") or () if d in WEEKDAYS
    )
    days = rx.days_per_week or int(a.get("days_per_week") or min(len(available) or 4, 4))
    if available and days > len(available):
        days = len(available)
    long_day = a.get("long_run_day")
    if long_day not in WEEKDAYS or (available and long_day not in available):
        long_day = None
    race = plan.race
    if race is not None and (rx.race_date is not None or rx.goal_time_s is not None):
        race = replace(
            race,
            date=rx.race_date or race.date,
            goal_time_s=rx.goal_time_s if rx.goal_time_s is not None else race.goal_time_s,
        )
    age = a.get("age")
    units = plan.units
    return PlanInputs(
        start=start,
        weekly_volume_m=float(a.get("weekly_volume_m") or rx.base_m or 6000.0),
        longest_run_m=float(a.get("longest_run_m") or rx.longest_m or 2000.0),
        days_per_week=max(3, min(days, 7)),
        race=race,
        available_days=available,
        long_run_day=cast(Weekday | None, long_day),
        vdot=rx.vdot,
        age=age if isinstance(age, int) else (profile.age if profile else None),
        sex=a.get("sex") if a.get("sex") in ("F", "M", "X") else None,
        injury_prone=bool(a.get("injury_prone")) or bool(profile and profile.injury_prone),
        beginner=bool(a.get("beginner")),
        lifts_weights=bool(a.get("lifts_weights")),
        units=units,
    )


def _state(history: History, strength_weeks: int) -> TrainingState:
    return TrainingState(
        day=history.start,
        weekly_volumes_m=history.volumes_m,
        runs=history.runs,
        quality_m=history.quality_m,
        down_streak=history.down_streak,
        strength_weeks=strength_weeks,
    )


# --- session edits that only take load away ------------------------------------------------


def _tag(session: Session, reasons: tuple[Reason, ...]) -> Session:
    tags = session.tags if "adapted" in session.tags else (*session.tags, "adapted")
    return replace(session, tags=tags, reasons=(*reasons, *session.reasons))


def _make_easy(session: Session, pb: PaceBook, reasons: tuple[Reason, ...]) -> Session:
    """A quality session (or one with strides) as an easy run of the same distance."""
    from runcoach.domain.plan.workouts import easy_run

    easy = easy_run(
        session.date,
        session.distance_m,
        pb,
        (*reasons, *session.reasons),
        title="Easy run (adapted)",
        purpose=f"Easy instead of the planned {session.title or session.kind}: no fast running yet.",
    )
    return replace(easy, tags=(*easy.tags, "adapted"))


def _day_rules(
    week: Week, rx: Prescription, today: date, pb: PaceBook, reasons: tuple[Reason, ...]
) -> Week:
    """Rest until ``rx.rest_until`` (pain-free cross-training when pain is the cause), easy
    until ``rx.easy_until``; days before ``today`` untouched."""
    sessions: list[Session] = []
    changed = False
    for s in week.sessions:
        if s.date < today or s.kind == "race":
            sessions.append(s)
        elif rx.rest_until is not None and s.date <= rx.rest_until and s.is_run:
            sessions.append(_tag(rest_session(s.date, (), cross=rx.avoid is not None), reasons))
            changed = True
        elif (
            rx.easy_until is not None
            and s.date <= rx.easy_until
            and s.is_run
            and (s.kind in _QUALITY_KINDS or _STIMULUS_TAGS & set(s.tags))
        ):
            sessions.append(_make_easy(s, pb, reasons))
            changed = True
        else:
            sessions.append(s)
    if not changed:
        return week
    phase = week.phase
    if phase in ("base", "build") and not any(
        x.kind in _QUALITY_KINDS or _STIMULUS_TAGS & set(x.tags) for x in sessions
    ):
        phase = "return"  # no intensity yet: this week belongs to the return (BASE-STIMULUS)
    return replace(
        week, sessions=tuple(sessions), phase=phase, reasons=(*reasons[:1], *week.reasons)
    )


def _shorten_remaining(week: Week, today: date, factor: float) -> Week:
    """The week with its runs from ``today`` on shortened by ``factor`` (reductions only)."""
    out = []
    for s in week.sessions:
        if s.date < today or not s.is_run or s.kind == "race":
            out.append(s)
            continue
        tags = s.tags if "adapted" in s.tags else (*s.tags, "adapted")
        out.append(
            replace(
                s,
                distance_m=round(s.distance_m * factor, 1),
                duration_s=round(s.duration_s * factor),
                distance_by_zone_m={
                    z: round(m * factor, 1) for z, m in s.distance_by_zone_m.items()
                },
                tags=tags,
                description=(
                    f"{s.description}\nShortened to {s.distance_m * factor / 1000:.1f} km this "
                    "week: you already ran more earlier in the week."
                ).strip(),
            )
        )
    return replace(week, sessions=tuple(out))


# --- building -----------------------------------------------------------------------------------


def _specs(rx: Prescription, current: date) -> list[ReturnWeekSpec]:
    """The return weeks: walk/run first (Couch-to-5K stages 4→7), then the easy load fractions,
    then easy weeks at the usual volume until no rest or "easy until" day is left after them
    (the engine starts after the last of these days, so it never has to be edited)."""
    specs = [
        ReturnWeekSpec(fraction=0.3, walk_run_stage=4 + 2 * k) for k in range(rx.walk_run_weeks)
    ]
    specs.extend(ReturnWeekSpec(fraction=f) for f in rx.load_fractions)
    last = max((d for d in (rx.rest_until, rx.easy_until) if d is not None), default=None)
    # Spec k is the week starting current + 7k; the current week alone may keep its own days.
    while (
        last is not None
        and current + timedelta(days=7 * len(specs)) <= last
        and (specs or last > current + timedelta(days=6))
    ):
        specs.append(ReturnWeekSpec(fraction=1.0))
    return specs


def _with_weeks(plan: Plan, weeks: Sequence[Week], start: date) -> Plan:
    """``plan`` with its weeks from ``start`` replaced by ``weeks`` (numbered on)."""
    before = [w for w in plan.weeks if w.start_date < start]
    renumbered = [replace(w, index=len(before) + k + 1) for k, w in enumerate(weeks)]
    return replace(plan, weeks=(*before, *renumbered))


def _strength_weeks(plan: Plan, start: date) -> int:
    return sum(
        1
        for w in plan.weeks
        if w.start_date < start and any(s.kind == "strength" for s in w.sessions)
    )


def rebuild(
    plan: Plan,
    activities: Sequence[Activity],
    rx: Prescription,
    today: date,
    profile: AthleteProfile | None,
    reasons: tuple[Reason, ...],
) -> tuple[Plan, date]:
    """The plan with its remaining weeks rebuilt from the real state and ``rx``, and the day the
    engine restarted the cycle. Raises RevisionError if no safe revision can be made (a bug)."""
    attempts: list[Prescription] = [rx]
    if rx.load_fractions:
        attempts.append(replace(rx, load_fractions=tuple(min(f, 0.5) for f in rx.load_fractions)))
    if rx.down_week_first or rx.keep_down_next:
        # The room left by the real history may be too small for a proper down week (15–35 %
        # below): the engine's own cadence then decides.
        attempts.append(replace(rx, down_week_first=False, keep_down_next=False))
    # Last: one easy week within the ramp limits first (a return-phase week resets the down-week
    # streak), for histories whose recent jump leaves the engine no valid first week.
    attempts.append(
        replace(
            rx,
            load_fractions=(*rx.load_fractions, 1.0),
            down_week_first=False,
            keep_down_next=False,
        )
    )
    last_error = ""
    candidate = plan
    late = False
    for attempt in attempts:
        candidate, build_start, late = _build(plan, activities, attempt, today, profile, reasons)
        dropped = _b_races_near_return(candidate, today)
        if dropped:
            # ADAPT-B-RACE: rebuilt without them (no tune-up week), then said so.
            trimmed = replace(plan, races=tuple(r for r in plan.races if r not in dropped))
            candidate, build_start, late = _build(
                trimmed, activities, attempt, today, profile, reasons
            )
            candidate = _with_b_race_notes(candidate, dropped)
        problems = revision_violations(
            candidate,
            match_plan(candidate, activities, today),
            activities,
            today,
            build_start=build_start,
        )
        if not problems:
            return candidate, build_start
        last_error = "; ".join(f"{v.rule} (week {v.week}): {v.message}" for v in problems[:4])
    if late and plan.race is not None:
        raise RaceTooCloseError(rx.race_date or plan.race.date)
    raise RevisionError(
        f"no safe revision could be built for {today.isoformat()}: {last_error} — please report "
        "this with the command you ran.",
        candidate,
    )


def _b_races_near_return(plan: Plan, today: date) -> list[RaceGoal]:
    """ADAPT-B-RACE: the B races (not the plan's goal) still ahead that fall in a return week or
    in the two weeks after the return — too soon to race after a break (COACHING.md §7.2)."""
    returns = [w for w in plan.weeks if w.phase == "return"]
    if not returns:
        return []
    first = returns[0].start_date
    last = returns[-1].start_date + timedelta(days=7 * 3 - 1)
    return [r for r in plan.races if r != plan.race and today <= r.date and first <= r.date <= last]


def _with_b_race_notes(plan: Plan, dropped: Sequence[RaceGoal]) -> Plan:
    """The plan with a warning for each B race taken out (ADAPT-B-RACE)."""
    notes = tuple(
        Reason(
            "ADAPT-B-RACE",
            f"The {format_distance(r.distance_m, plan.units)} race on {r.date.isoformat()} "
            "comes during or just after your return from the break, when you run easy only: "
            "skip it, or jog it as an easy run without racing. It is no longer a race of this "
            "plan.",
        )
        for r in dropped
    )
    return replace(plan, warnings=(*plan.warnings, *(n for n in notes if n not in plan.warnings)))


def _season_segment(plan: Plan, rx: Prescription, current: date) -> RaceGoal | None:
    """The next A race of a season when it comes before the season's last (None otherwise, and
    when the review moves the race: the whole rest is then rebuilt to it)."""
    if plan.kind != "season" or plan.race is None or rx.race_date is not None:
        return None
    ahead = [r for r in plan.races if r.priority == "A" and r.date >= current]
    first = min(ahead, key=lambda r: r.date, default=None)
    if first is None or first.date >= plan.race.date:
        return None
    return first


def _weeks_to_race(plan: Plan, race: RaceGoal) -> tuple[Week, ...]:
    """The plan's weeks up to the week that holds ``race``."""
    return tuple(w for w in plan.weeks if w.start_date <= race.date)


def _build(
    plan: Plan,
    activities: Sequence[Activity],
    rx: Prescription,
    today: date,
    profile: AthleteProfile | None,
    reasons: tuple[Reason, ...],
) -> tuple[Plan, date, bool]:
    """The candidate revision, where the cycle was rebuilt from, and whether it is a late one
    (close to race day: no engine, see :func:`_late`)."""
    current = current_week_start(plan, today)
    inputs = engine_inputs(plan, rx, current, profile)
    segment = _season_segment(plan, rx, current)
    if segment is not None:
        # A season with an A race before its last: this cycle is rebuilt to that race, and the
        # season after it (recovery, later cycles) stays as planned (SEASON-BASE).
        candidate, build_start, late = _build(
            replace(plan, race=segment, weeks=_weeks_to_race(plan, segment)),
            activities,
            rx,
            today,
            profile,
            reasons,
        )
        tail = [w for w in plan.weeks if w.start_date > candidate.end_date]
        whole = _with_weeks(
            candidate, [*(w for w in candidate.weeks if w.start_date >= current), *tail], current
        )
        return replace(whole, race=plan.race, races=plan.races), build_start, late
    pb = PaceBook.create(rx.vdot, inputs.units, beginner=inputs.beginner)
    race_day = inputs.race.date if inputs.race is not None else None
    templates = {w.start_date: w for w in plan.weeks}
    specs = _specs(rx, current)
    # RETURN-LADDER: the weeks of a return after a break are return weeks (at their rung, see
    # _return_week_at), whatever the review prescribed; the engine starts after the ladder.
    rungs = history_at(plan, match_plan(plan, activities, today), activities, today, current).rungs
    ladder_weeks = max(
        (
            (r.week_start - current).days // 7 + 1
            for r in rungs
            if current <= r.week_start <= plan.end_date
        ),
        default=0,
    )
    while len(specs) < ladder_weeks:
        specs.append(ReturnWeekSpec(fraction=1.0))
    mid_week = current < today
    # 1. the current week (kept days before today) and the return weeks, built in place.
    staged = plan
    week_start = current
    new_weeks: list[Week] = []
    if mid_week and not specs and current in templates:
        new_weeks.append(_day_rules(templates[current], rx, today, pb, reasons))
        week_start = current + timedelta(days=7)
    if race_day is not None:
        first_engine = current + timedelta(days=7) if mid_week else current
        need = _min_cycle_weeks(inputs)
        if _weeks_to(race_day, first_engine) < need or (
            specs and _weeks_to(race_day, current + timedelta(days=7)) < need
        ):
            return _late(plan, activities, rx, today, inputs, pb, reasons, specs), current, True
    for spec in specs:
        if race_day is not None and _weeks_to(
            race_day, week_start + timedelta(days=7)
        ) < _min_cycle_weeks(inputs):
            break  # the engine keeps a training week before the taper and the race
        template = templates.get(week_start) or Week(
            index=0, start_date=week_start, phase="return", sessions=()
        )
        new_weeks.append(
            _return_week_at(
                plan, new_weeks, template, spec, rx, pb, reasons, activities, today, current
            )
        )
        week_start += timedelta(days=7)
    if race_day is not None and week_start < current + timedelta(days=7 * ladder_weeks):
        # The race comes before the return is over: no cycle to rebuild (see _late).
        return _late(plan, activities, rx, today, inputs, pb, reasons, specs), current, True
    if mid_week and not new_weeks and current in templates:
        new_weeks.append(_day_rules(templates[current], rx, today, pb, reasons))
        week_start = current + timedelta(days=7)
    if mid_week and new_weeks and new_weeks[0].phase != "return":
        # The current week kept its own days (no return week): fitted like a return week is,
        # and its remaining sessions take today's paces.
        new_weeks[0] = _fit_current_week(
            _with_weeks(plan, new_weeks[:1], current), activities, today
        )
        if rx.vdot != plan.vdot:
            from runcoach.domain.plan.late_return import repace

            new_weeks[0] = replace(
                new_weeks[0],
                sessions=tuple(
                    repace(s, pb) if s.date >= today else s for s in new_weeks[0].sessions
                ),
            )
    # 2. the engine from the history the checks use.
    staged = _with_weeks(plan, new_weeks, current)
    history = history_at(
        staged, match_plan(staged, activities, today), activities, today, week_start
    )
    state = _state(history, _strength_weeks(staged, week_start))
    start_inputs = replace(
        inputs,
        start=week_start,
        weekly_volume_m=max(state.current_volume_m, 1.0),
        longest_run_m=max(state.longest_recent_m(week_start), 1.0),
    )
    hard_before = tuple(
        s.date
        for s in staged.sessions
        if s.is_hard and week_start - timedelta(days=2) <= s.date < week_start
    )
    engine, warnings = _engine_weeks(plan, rx, start_inputs, state, week_start, hard_before)
    engine = [replace(w, reasons=(*reasons[:1], *w.reasons)) for w in engine]
    revised = _with_weeks(plan, [*new_weeks, *engine], current)
    if engine and start_inputs.race is not None:
        from runcoach.domain.plan.feasibility import plan_warnings

        warnings = [*plan_warnings(start_inputs, engine, pb), *warnings]
    return _finish(plan, revised, rx, inputs, pb, warnings), week_start, False


def _late(
    plan: Plan,
    activities: Sequence[Activity],
    rx: Prescription,
    today: date,
    inputs: PlanInputs,
    pb: PaceBook,
    reasons: tuple[Reason, ...],
    specs: Sequence[ReturnWeekSpec],
) -> Plan:
    """Close to race day (:mod:`runcoach.domain.plan.late_return`): return weeks up to the
    taper, the plan's taper and race weeks with the day rules and today's paces, and the taper
    fitted to the return by reductions (if that still breaks a rule, the review only advises:
    :class:`RaceTooCloseError`)."""
    from runcoach.domain.plan.feasibility import plan_warnings
    from runcoach.domain.plan.late_return import repace

    current = current_week_start(plan, today)
    ahead = [w for w in plan.weeks if w.start_date >= current]
    # The return takes the first weeks (never the race week); the rest stay the plan's.
    n_return = min(len(specs), max(len(ahead) - 1, 0))
    kept = ahead[n_return:]
    taper_from = kept[0].start_date if kept else plan.end_date + timedelta(days=1)
    new_weeks: list[Week] = []
    for k, template in enumerate(ahead[:n_return]):
        new_weeks.append(
            _return_week_at(
                plan, new_weeks, template, specs[k], rx, pb, reasons, activities, today, current
            )
        )
    new_weeks.extend(_day_rules(w, rx, today, pb, reasons) for w in kept)
    if rx.vdot != plan.vdot:
        new_weeks = [
            replace(
                w,
                sessions=tuple(repace(s, pb) if s.date >= today else s for s in w.sessions),
            )
            for w in new_weeks
        ]
    if new_weeks and new_weeks[0].start_date == current and current < today and not specs:
        new_weeks[0] = _fit_current_week(
            _with_weeks(plan, new_weeks[:1], current), activities, today
        )
    revised = _with_weeks(plan, new_weeks, current)
    history = history_at(
        revised, match_plan(revised, activities, today), activities, today, current
    )
    start_inputs = replace(
        inputs,
        start=current,
        weekly_volume_m=max(sum(history.volumes_m[-4:]) / 4, 1.0),
        longest_run_m=max(
            max((m for d, m in history.runs if d >= current - timedelta(days=30)), default=0.0),
            1.0,
        ),
    )
    warnings = [w for w in plan_warnings(start_inputs, new_weeks, pb) if w.rule != "PACES-EFFORT"]
    revised = _finish(plan, revised, rx, inputs, pb, warnings)
    return _fit_taper(revised, activities, today, current, taper_from)


def _fit_taper(
    plan: Plan, activities: Sequence[Activity], today: date, current: date, taper_from: date
) -> Plan:
    """Shorten the taper's runs (too much) or the return weeks' runs (too little) until TAPER
    holds, judged with the return weeks as the cycle's training weeks; reductions only."""
    from runcoach.domain.plan.late_return import scale_runs

    for _ in range(12):
        problems = [
            v
            for v in revision_violations(
                plan, match_plan(plan, activities, today), activities, today, build_start=current
            )
            if v.rule == "TAPER"
        ]
        if not problems:
            return plan
        too_much = any("more than" in v.message or _share(v.message) > 0.6 for v in problems)
        weeks = []
        for w in plan.weeks:
            in_taper = w.start_date >= taper_from
            if w.start_date >= current and in_taper == too_much:
                w = scale_runs(w, 0.9, since=today)
            weeks.append(w)
        plan = replace(plan, weeks=tuple(weeks))
    return plan


def _share(message: str) -> float:
    """The share of the two peak weeks a TAPER message reports (``… 33 % of two peak …``)."""
    import re

    found = re.search(r"(\d+) % of two peak weeks", message)
    return int(found.group(1)) / 100 if found else 0.5


def _return_week_at(
    plan: Plan,
    before: Sequence[Week],
    template: Week,
    spec: ReturnWeekSpec,
    rx: Prescription,
    pb: PaceBook,
    reasons: tuple[Reason, ...],
    activities: Sequence[Activity],
    today: date,
    current: date,
) -> Week:
    """A return week in place of ``template``, built on the history through the weeks
    ``before`` it; in the current week the days before today stay as they were and the week is
    fitted to what was already run."""
    week_start = template.start_date
    sofar = _with_weeks(plan, before, current)
    history = history_at(sofar, match_plan(sofar, activities, today), activities, today, week_start)
    rested = max((d for d in (rx.easy_until, rx.rest_until) if d), default=today)
    rung = history.rung_at(week_start)
    week = return_week(
        template,
        spec,
        rx.base_m or (rung.before_m if rung is not None else _mean(history.volumes_m)),
        history.runs,
        history.volumes_m,
        pb,
        reasons,
        rest_until=rx.rest_until,
        strides=spec.walk_run_stage is None and week_start > rested,
        cap_m=None if rung is None else rung.cap_m,
    )
    if rung is not None:
        week = replace(week, reasons=(*week.reasons, _rung_reason(rung, week, pb.units)))
    week = replace(
        week, sessions=tuple(_tag(s, ()) if s.date >= today else s for s in week.sessions)
    )
    if week_start == current and current < today:
        kept = [s for s in template.sessions if s.date < today]
        fresh = [s for s in week.sessions if s.date >= today]
        week = replace(
            week, sessions=tuple(sorted([*kept, *fresh], key=lambda s: (s.date, not s.is_run)))
        )
        # Fitted now, so the weeks built after it see the final week.
        week = _fit_current_week(_with_weeks(plan, [week], current), activities, today)
    return week


def _rung_reason(rung: ReturnRung, week: Week, units: Units) -> Reason:
    """RETURN-LADDER: this return week with its real numbers."""
    volume = week.training_m
    step = (
        f"the step back towards full volume, at most {rung.share * 100:.0f} %"
        if rung.rung == rung.rungs
        else f"at most {rung.share * 100:.0f} %"
    )
    return Reason(
        "RETURN-LADDER",
        f"Week {rung.rung} of {rung.rungs} of the return after {rung.break_days} days without "
        f"running: {format_distance(volume, units)} "
        f"({volume / max(rung.before_m, 1.0) * 100:.0f} % of the "
        f"{format_distance(rung.before_m, units)} a week you ran before the break; {step}), "
        "easy running only.",
    )


def _weeks_to(race_day: date, start: date) -> int:
    """Weeks of a cycle from ``start`` to the week of ``race_day`` (race week included)."""
    return (race_day - start).days // 7 + 1


def _min_cycle_weeks(inputs: PlanInputs) -> int:
    """The shortest cycle the engine can rebuild: a training week (its peak), the taper weeks
    and the race week (TAPER is judged against the cycle's own peak)."""
    from runcoach.domain.plan.inputs import race_kind
    from runcoach.domain.plan.phases import TAPER_WEEKS

    if inputs.race is None:
        return 1
    return TAPER_WEEKS[race_kind(inputs.race.distance_m)] + 2


def _mean(values: Sequence[float]) -> float:
    last = list(values[-4:])
    return sum(last) / len(last) if last else 0.0


def _engine_weeks(
    plan: Plan,
    rx: Prescription,
    inputs: PlanInputs,
    state: TrainingState,
    start: date,
    hard_before: Sequence[date],
) -> tuple[list[Week], list[Reason]]:
    """The engine's weeks from ``start``: to the race, or to the old end of a base plan."""
    from runcoach.domain.plan.progression import build_cycle

    race = inputs.race
    end = race.date if race is not None else plan.end_date
    n_weeks = (end - start).days // 7 + 1
    if n_weeks < 1:
        return [], []
    if rx.down_week_first or rx.keep_down_next:
        state = replace(state, down_streak=max(state.down_streak, 3 if inputs.gentle else 4))
    old_week = plan.week_of(start)
    season_ceiling: float | None = None
    if plan.kind == "season" and race is not None:
        # A season's rebuilt cycle aims at the peak the season planned for it, no higher
        # (SEASON-BASE sets each cycle's growth; a review neither raises nor drops it).
        after = max(
            (r.date for r in plan.races if r.priority == "A" and r.date < start), default=None
        )
        season_ceiling = (
            max(
                (
                    w.training_m
                    for w in plan.weeks
                    if (after is None or w.start_date > after) and w.start_date <= race.date
                ),
                default=0.0,
            )
            or None
        )
    run_walk = old_week is not None and old_week.phase == "run_walk"
    if season_ceiling is not None and race is not None and not run_walk:
        # A season keeps its shape: a far A race gets a base block first (SEASON-BASE).
        from runcoach.domain.plan.season import rebuild_with_base_block

        split = rebuild_with_base_block(
            inputs,
            state,
            start,
            race,
            n_weeks,
            plan.races,
            hard_before,
            peak_ceiling_m=season_ceiling,
        )
        if split is not None:
            return split
    result = build_cycle(
        inputs,
        state,
        start,
        n_weeks,
        race,
        # A beginner still in run/walk stays in run/walk (the engine restarts the stages from
        # the first: conservative; see the report to the lead).
        run_walk=run_walk,
        tune_ups=tuple(
            r
            for r in plan.races
            if r.date >= start and r != plan.race and (race is None or r.date < race.date)
        ),
        history_hard_days=hard_before,
        peak_target_m=season_ceiling,
        peak_ceiling_m=season_ceiling,
    )
    weeks = list(result.weeks)
    if race is None:
        weeks = [w for w in weeks if w.start_date <= plan.end_date]
    return weeks, list(result.warnings)


def _finish(
    old: Plan,
    revised: Plan,
    rx: Prescription,
    inputs: PlanInputs,
    pb: PaceBook,
    warnings: Sequence[Reason],
) -> Plan:
    athlete = dict(revised.athlete)
    if rx.available_days is not None:
        athlete["available_days"] = list(rx.available_days)
    if rx.days_per_week is not None:
        athlete["days_per_week"] = inputs.days_per_week
    race_goal: RaceGoal | None = inputs.race
    renewed = {w.rule for w in warnings} | set(_RENEWED_WARNINGS)
    kept = tuple(w for w in old.warnings if w.rule not in renewed)
    paces = pb.paces.as_dict() if rx.vdot is not None else dict(old.paces_s_per_km)
    return replace(
        revised,
        athlete=athlete,
        race=race_goal,
        races=tuple(race_goal if r == old.race and race_goal is not None else r for r in old.races),
        vdot=rx.vdot,
        paces_s_per_km=paces,
        warnings=(*kept, *(w for w in warnings if w not in kept)),
    )


def _fit_current_week(plan: Plan, activities: Sequence[Activity], today: date) -> Week:
    """The current week (the last of ``plan``) made to fit what was already run this week —
    reductions only, before the engine builds on it: a hard session the day after a hard day
    already run becomes easy (HARD-DAYS), and the remaining runs are shortened 10 % at a time
    (to about half at most) while the week breaks another rule."""
    current = current_week_start(plan, today)
    for attempt in range(8):
        matched = match_plan(plan, activities, today)
        problems = [
            v
            for v in revision_violations(plan, matched, activities, today)
            if v.week == 1 and v.rule not in SEGMENT_RULES
        ]
        if not problems:
            break
        if attempt == 7:
            plan = replace(
                plan,
                weeks=tuple(
                    _rest_remaining(w, today) if w.start_date == current else w for w in plan.weeks
                ),
            )
            break
        hard_days = {v.date for v in problems if v.rule == "HARD-DAYS" and v.date is not None}
        hard_days = {d for d in hard_days if d >= today}
        weeks = []
        for w in plan.weeks:
            if w.start_date != current:
                weeks.append(w)
            elif hard_days:
                weeks.append(_soften(w, hard_days))
            else:
                weeks.append(_shorten_remaining(w, today, 0.9))
        plan = replace(plan, weeks=tuple(weeks))
    return next(w for w in plan.weeks if w.start_date == current)


def _rest_remaining(week: Week, today: date) -> Week:
    """The week with its runs from ``today`` on taken out (rest): the last resort when what was
    already run this week leaves no room (RAMP-WEEKLY, RAMP-BLOCK)."""
    reason = Reason(
        "RAMP-BLOCK",
        "Rest for the rest of this week: what you already ran this week uses up its room.",
    )
    out = [
        rest_session(s.date, (reason,), cross=False)
        if s.date >= today and s.is_run and s.kind != "race"
        else s
        for s in week.sessions
    ]
    return replace(week, sessions=tuple(out))


def _soften(week: Week, days: set[date]) -> Week:
    """The hard sessions on ``days`` as easy runs of the same distance (HARD-DAYS)."""
    reason = Reason(
        "HARD-DAYS",
        "Easy today: you ran a hard session yesterday, and two hard days in a row are not in "
        "the plan.",
    )
    out = []
    for s in week.sessions:
        if s.date in days and s.is_hard and s.kind != "race":
            s = replace(
                s,
                kind="easy",
                intensity="easy",
                distance_by_zone_m={"E": s.distance_m},
                tags=(*(t for t in s.tags if t not in _STIMULUS_TAGS), "adapted"),
                steps=(),
                title=f"{s.title or s.kind} — run easy (adapted)",
                description=(
                    f"{s.description}\nRun it all easy and conversational: yesterday was a hard "
                    "day."
                ).strip(),
                reasons=(reason, *s.reasons),
            )
        out.append(s)
    return replace(week, sessions=tuple(out))
