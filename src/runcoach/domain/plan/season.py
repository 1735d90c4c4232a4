"""Seasons: several goal races over 1–3 years, each cycle starting from a higher base.

A season is one plan (``kind: "season"``) with contiguous weeks:

- every **A race** ends a cycle built by the progression engine (base → build → peak → taper →
  race) from the training state of the moment (``progression.build_cycle``);
- after each A race comes a **recovery block** of easy weeks (3 after a marathon, 2 after a half,
  1 after a 10K or 5K: SEASON-RECOVERY), then the next cycle, whose base phase is the transition
  block that rebuilds the volume (SEASON-BASE);
- each new cycle aims for a peak 8–15 % above the last one and a base about 10 % higher (the
  base grows year to year), within the ramp rules and the race's ceiling; a race further away
  than its usual cycle (18 weeks for a marathon) starts with a base block built like a base plan
  (moderate long runs), then the cycle;
- **B races** are tune-ups inside a cycle: they take the place of that week's long run, the week
  is a down week without them, and there is no taper (SEASON-TUNE-UP).

:func:`season_projection` projects a far goal (e.g. a Boston qualifier) from today's fitness with
a range and its assumptions, reusing the goal feasibility of ``domain.goal`` (SEASON-PROJECTION).

Pure and deterministic. Units: metres, seconds, dates.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Literal, cast

from runcoach.domain.errors import InputError
from runcoach.domain.plan import rules
from runcoach.domain.plan import workouts as wk
from runcoach.domain.plan.checks import block_limit, long_20mi_reachable, weekly_ramp_limit
from runcoach.domain.plan.inputs import (
    RACE_DISTANCES_M,
    PlanInputs,
    TrainingState,
    parse_race_kind,
    race_kind,
)
from runcoach.domain.plan.model import Plan, RaceGoal, Reason, Session, Week
from runcoach.domain.plan.phases import RUN_WALK_STAGES
from runcoach.domain.plan.progression import (
    CycleResult,
    assert_safe,
    athlete_record,
    build_cycle,
    needs_run_walk,
    reason,
)
from runcoach.domain.plan.scheduling import WeekTemplate, make_template
from runcoach.domain.plan.strength import StrengthSpec, strength_session

#: The longest season runcoach plans (3 years).
MAX_SEASON_WEEKS = 157
#: The shortest cycle between two A races, after the recovery block.
MIN_CYCLE_WEEKS = 6
#: B races this close to the next A race are rejected (weeks): they would sit in its taper.
B_RACE_MIN_WEEKS_BEFORE_A = 3

_RACE_SPEC = re.compile(r"^\s*([a-z0-9]+)\s*@\s*(\d{4}-\d{2}-\d{2})\s*(?::\s*([abAB]))?\s*$")


def parse_season_race(text: str, *, what: str = "--race") -> RaceGoal:
    """Parse ``DIST@YYYY-MM-DD[:A|B]`` (e.g. ``marathon@2027-10-10:A``, ``half@2027-04-18:B``).

    The priority defaults to A.
    """
    m = _RACE_SPEC.match(text.strip().lower())
    if m is None:
        raise InputError(
            f"{what} {text!r} is not a season race: write DIST@YYYY-MM-DD[:A|B], "
            "e.g. marathon@2027-10-10:A or half@2027-04-18:B."
        )
    kind = parse_race_kind(m.group(1), what=f"{what} {text!r}:")
    try:
        day = date.fromisoformat(m.group(2))
    except ValueError:
        raise InputError(f"{what} {text!r} has no valid date (YYYY-MM-DD).") from None
    priority = cast(Literal["A", "B"], (m.group(3) or "a").upper())
    return RaceGoal(RACE_DISTANCES_M[kind], day, priority=priority)


@dataclass(frozen=True, slots=True)
class CycleSummary:
    """One cycle of a season: its A race, its first week, and its volumes (m): where it
    starts, the base it reaches (highest base-phase week, where the build starts) and its peak."""

    race: RaceGoal
    first_week: int
    start_volume_m: float
    base_m: float
    peak_m: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "race": self.race.to_dict(),
            "first_week": self.first_week,
            "start_volume_m": round(self.start_volume_m, 1),
            "base_m": round(self.base_m, 1),
            "peak_m": round(self.peak_m, 1),
        }


@dataclass(frozen=True, slots=True)
class FarGoal:
    """A goal beyond this season (e.g. a Boston qualifier): distance (m) and time (s).

    ``bq`` is the :class:`runcoach.domain.standards.BQTarget` when the goal is a Boston
    qualifier; ``races`` are recent (distance_m, time_s) results for today's fitness.
    """

    distance_m: float
    time_s: float
    races: tuple[tuple[float, float], ...]
    age: int | None = None
    sex: Literal["F", "M", "X"] | None = None
    bq: Any = None


def _validate(inputs: PlanInputs, races: Sequence[RaceGoal]) -> list[RaceGoal]:
    if not races:
        raise InputError("a season needs at least one race (--race DIST@YYYY-MM-DD[:A|B]).")
    ordered = sorted(races, key=lambda r: r.date)
    if len({r.date for r in ordered}) != len(ordered):
        raise InputError("two season races fall on the same day: give each race its own date.")
    if ordered[0].date < inputs.start + timedelta(days=7 * 4 - 1):
        raise InputError(
            f"the first race on {ordered[0].date.isoformat()} is less than 4 weeks after the start "
            f"{inputs.start.isoformat()}: start earlier, or plan it with `runcoach plan new`."
        )
    if (ordered[-1].date - inputs.start).days // 7 + 1 > MAX_SEASON_WEEKS - 3:
        raise InputError(
            f"the last race on {ordered[-1].date.isoformat()} is more than 3 years after the start: "
            "a season covers 1–3 years."
        )
    a_races = [r for r in ordered if r.priority == "A"]
    if not a_races:
        raise InputError("a season needs at least one A race (mark the goal race :A).")
    if a_races[-1] != ordered[-1]:
        raise InputError(
            f"the last race ({ordered[-1].date.isoformat()}) is a B race: a season ends with an A "
            "race (mark it :A, or drop it)."
        )
    previous_end = inputs.start
    for a in a_races:
        weeks = (a.date - previous_end).days // 7 + 1
        if weeks < MIN_CYCLE_WEEKS:
            raise InputError(
                f"the A race on {a.date.isoformat()} leaves only {weeks} week(s) after the "
                "previous race and its recovery: make one of them a B race or move it."
            )
        week_after = _week_after(inputs.start, a.date)
        previous_end = week_after + timedelta(days=7 * _recovery_weeks(a))
    for b in (r for r in ordered if r.priority == "B"):
        nxt = next(a for a in a_races if a.date > b.date)
        if (nxt.date - b.date).days < 7 * B_RACE_MIN_WEEKS_BEFORE_A:
            raise InputError(
                f"the B race on {b.date.isoformat()} is less than {B_RACE_MIN_WEEKS_BEFORE_A} weeks "
                f"before the A race on {nxt.date.isoformat()}: it would fall in the taper."
            )
        prev = [a for a in a_races if a.date < b.date]
        if prev:
            recovery_end = _week_after(inputs.start, prev[-1].date) + timedelta(
                days=7 * _recovery_weeks(prev[-1])
            )
            if b.date < recovery_end:
                raise InputError(
                    f"the B race on {b.date.isoformat()} falls in the recovery after the A race on "
                    f"{prev[-1].date.isoformat()}: move it later."
                )
    return ordered


def _recovery_weeks(race: RaceGoal) -> int:
    return rules.RECOVERY_WEEKS[race_kind(race.distance_m)]


def _week_after(start: date, day: date) -> date:
    """The first day of the plan week after the one holding ``day``."""
    return start + timedelta(days=7 * ((day - start).days // 7 + 1))


def build_season(
    inputs: PlanInputs, races: Sequence[RaceGoal], *, far_goal: FarGoal | None = None
) -> Plan:
    """A season plan from the runner's inputs (``inputs.race`` is ignored) and its races, with a
    projection toward ``far_goal`` when given.

    Raises InputError for a bad season and PlanGenerationError if the engine breaks a rule.
    """
    inputs = replace(inputs, race=None, weeks=12).validated()
    ordered = _validate(inputs, races)
    a_races = [r for r in ordered if r.priority == "A"]
    template = make_template(inputs.days_per_week, inputs.available, inputs.long_run_day)
    pb = wk.PaceBook.create(inputs.vdot, inputs.units, beginner=inputs.beginner)
    state = TrainingState.initial(inputs.start, inputs.volume_m, inputs.long_m)
    weeks: list[Week] = []
    warnings: list[Reason] = []
    cycles: list[CycleSummary] = []
    cursor = inputs.start
    previous_peak: float | None = None
    for k, a in enumerate(a_races):
        n_weeks = (a.date - cursor).days // 7 + 1
        first = len(weeks) + 1
        block_start_volume = state.current_volume_m
        run_walk = k == 0 and needs_run_walk(inputs)
        # Where LONG-20MI is judged from (checks.segment_start_state): L0 at the plan start; after
        # a race, the longest run that still counts for SPIKE-30D after the first week.
        reach_long = state.usable_longest_m(cursor) if k > 0 else state.longest_recent_m(cursor)
        target = None
        if previous_peak is None:
            # The first cycle grows no more than a single plan would (VOLUME-TARGET), even when
            # a base block comes first.
            growth = rules.VOLUME_MAX_GROWTH_GENTLE if inputs.gentle else rules.VOLUME_MAX_GROWTH
            ceiling = base_ceiling = inputs.volume_m * growth
        else:
            target = previous_peak * rules.SEASON_PEAK_GROWTH
            ceiling = previous_peak * rules.SEASON_PEAK_MAX_GROWTH
            base_ceiling = cycles[-1].base_m * rules.SEASON_BASE_GROWTH
        cycle_inputs = replace(inputs, race=a)
        # A long gap before an A race: a base block first (moderate long runs, no race work),
        # then a cycle of the usual length (SEASON-BASE).
        base = _base_block(
            inputs,
            state,
            cursor,
            a,
            n_weeks,
            template,
            ordered,
            weeks,
            run_walk=run_walk,
            ceiling=base_ceiling,
            reach_long=reach_long,
        )
        block_weeks: list[Week] = []
        if base is not None:
            pre, base_result = base
            block_weeks = [
                replace(
                    w,
                    index=first + i,
                    reasons=(_base_block_reasons(w, a, pre) if i == 0 else w.reasons),
                )
                for i, w in enumerate(base_result.weeks)
            ]
            weeks += block_weeks
            state = base_result.state
            cursor = cursor + timedelta(days=7 * pre)
            n_weeks -= pre
            run_walk = False
            reach_long = state.usable_longest_m(cursor)
        tune_ups = [r for r in ordered if r.priority == "B" and cursor <= r.date < a.date]
        result = build_cycle(
            cycle_inputs,
            state,
            cursor,
            n_weeks,
            a,
            template=template,
            tune_ups=tune_ups,
            peak_target_m=target,
            peak_ceiling_m=ceiling,
            run_walk=run_walk,
            history_hard_days=_hard_days_before(weeks, cursor),
            post_race_runs=True,
            reach_long_m=reach_long,
        )
        cycle_first = len(weeks) + 1
        cycle_weeks = [
            replace(
                w,
                index=cycle_first + i,
                reasons=(
                    _cycle_reasons(w, k, a, previous_peak, result.peak_m) if i == 0 else w.reasons
                ),
            )
            for i, w in enumerate(result.weeks)
        ]
        weeks += cycle_weeks
        cycle_weeks = block_weeks + cycle_weeks
        # Honest infeasibility per cycle, judged from the state where the cycle starts.
        from runcoach.domain.plan.feasibility import plan_warnings

        at_start = replace(
            cycle_inputs,
            start=cursor,
            weekly_volume_m=max(state.current_volume_m, rules.START_FLOOR_VOLUME_M),
            longest_run_m=max(reach_long, rules.START_FLOOR_LONG_M),
        )
        cycle_warnings = [
            w
            for w in (*plan_warnings(at_start, result.weeks, pb), *result.warnings)
            if w.rule != "PACES-EFFORT"
        ]
        warnings += [
            Reason(w.rule, f"Cycle {k + 1} ({a.date.isoformat()}): {w.text}")
            for w in cycle_warnings
        ]
        base_m = max(
            (
                sum(s.distance_m for s in w.sessions if s.is_run and s.kind != "race")
                for w in cycle_weeks
                if w.phase == "base"
            ),
            default=result.start_volume_m,
        )
        if cycles and result.peak_m < cycles[-1].peak_m:
            warnings.append(
                Reason(
                    "SEASON-BASE",
                    f"Cycle {k + 1} ({a.date.isoformat()}) comes too soon after cycle {k}: the "
                    "taper, race and recovery weeks leave too little time to rebuild within the "
                    f"month-to-month ramp (RAMP-BLOCK), so its peak week ({pb.distance(result.peak_m)}"
                    f") stays below cycle {k}'s ({pb.distance(cycles[-1].peak_m)}). Make one of "
                    "the two a B race (a tune-up without taper), or plan them further apart.",
                )
            )
        elif cycles and base_m <= cycles[-1].base_m:
            warnings.append(
                Reason(
                    "SEASON-BASE",
                    f"Cycle {k + 1} ({a.date.isoformat()}) is too short after the recovery to build "
                    f"a higher base than cycle {k} ({pb.distance(base_m)} vs "
                    f"{pb.distance(cycles[-1].base_m)}): its peak still grows, but a later race "
                    "would give the base time to grow too.",
                )
            )
        cycles.append(CycleSummary(a, first, block_start_volume, base_m, result.peak_m))
        previous_peak = max(previous_peak or 0.0, result.peak_m)
        state = result.state
        cursor = cursor + timedelta(days=7 * n_weeks)
        recovery, state = _recovery_block(
            inputs, state, cursor, a, result.peak_m, pb, first_index=len(weeks) + 1
        )
        weeks += recovery
        cursor = cursor + timedelta(days=7 * len(recovery))
    main = a_races[-1]
    if inputs.vdot is None:
        warnings.insert(
            0,
            Reason(
                "PACES-EFFORT",
                "No recent race was given, so sessions are described by effort: race a 5K (or "
                "give --recent-race) to get paces.",
            ),
        )
    projection: dict[str, Any] = {"cycles": [c.to_dict() for c in cycles]}
    if far_goal is not None:
        years = max((main.date - inputs.start).days / 365.25, 1.0)
        projection["far_goal"] = season_projection(
            races=far_goal.races,
            distance_m=far_goal.distance_m,
            goal_time_s=far_goal.time_s,
            age=far_goal.age,
            sex=far_goal.sex,
            weekly_distance_m=max(c.peak_m for c in cycles),
            cycles_per_year=round(len(a_races) / years),
            bq=far_goal.bq,
        )
    plan = Plan(
        athlete=athlete_record(inputs),
        race=main,
        start_date=inputs.start,
        vdot=inputs.vdot,
        paces_s_per_km=pb.paces.as_dict() if inputs.vdot is not None else {},
        weeks=tuple(weeks),
        warnings=tuple(warnings),
        races=tuple(ordered),
        kind="season",
        projection=projection,
    )
    assert_safe(plan)
    return plan


def _hard_days_before(weeks: Sequence[Week], day: date) -> tuple[date, ...]:
    """Hard sessions of the last 2 days before ``day`` (HARD-DAYS across the block boundary)."""
    return tuple(
        s.date
        for w in weeks[-1:]
        for s in w.sessions
        if s.is_hard and day - timedelta(days=2) <= s.date < day
    )


def _base_block(
    inputs: PlanInputs,
    state: TrainingState,
    start: date,
    race: RaceGoal,
    n_weeks: int,
    template: WeekTemplate,
    ordered: Sequence[RaceGoal],
    weeks: Sequence[Week],
    *,
    run_walk: bool,
    ceiling: float | None,
    reach_long: float,
    hard_days: Sequence[date] | None = None,
) -> tuple[int, CycleResult] | None:
    """SEASON-BASE: when the A race is further away than its usual cycle (18 weeks before a
    marathon, 14 a half, 12 a 10K, 10 a 5K) by at least 4 weeks, the weeks before the cycle are a
    base block built like a base plan. None when there is no room, or when the 20-miler is not
    reachable both from the start of the stretch and after the block (the whole stretch then
    builds toward it, or warns: LONG-20MI)."""
    kind = race_kind(race.distance_m)
    pre = n_weeks - rules.SEASON_CYCLE_WEEKS[kind]
    if pre < rules.SEASON_BASE_BLOCK_MIN_WEEKS:
        return None
    if run_walk and pre < RUN_WALK_STAGES + rules.SEASON_BASE_BLOCK_MIN_WEEKS:
        return None
    block_end = start + timedelta(days=7 * pre)
    # Every B race before the A race: those after the block still keep its last days easy.
    tune_ups = [r for r in ordered if r.priority == "B" and start <= r.date < race.date]
    result = build_cycle(
        replace(inputs, race=None),
        state,
        start,
        pre,
        None,
        template=template,
        tune_ups=tune_ups,
        peak_ceiling_m=ceiling,
        run_walk=run_walk,
        history_hard_days=_hard_days_before(weeks, start) if hard_days is None else hard_days,
    )
    if kind == "marathon":
        # The checks judge the 20-miler from where the whole stretch starts (LONG-20MI): split
        # only when it is reachable from there and from the end of the block alike.
        after = result.state
        whole = long_20mi_reachable(start, race.date, state.current_volume_m, reach_long)
        cycle = long_20mi_reachable(
            block_end, race.date, after.current_volume_m, after.usable_longest_m(block_end)
        )
        if not (whole and cycle):
            return None  # the whole stretch builds toward the 20-miler instead
    return pre, result


def rebuild_with_base_block(
    inputs: PlanInputs,
    state: TrainingState,
    start: date,
    race: RaceGoal,
    n_weeks: int,
    races: Sequence[RaceGoal],
    hard_before: Sequence[date],
    *,
    peak_ceiling_m: float | None = None,
) -> tuple[list[Week], list[Reason]] | None:
    """SEASON-BASE for a season rebuilt from ``start`` (a review): when the A race ``race`` is
    further away than its usual cycle by at least 4 weeks, a base block and then a cycle of the
    usual length, as :func:`build_season` lays them out; None when no block fits (the caller
    builds one cycle). ``peak_ceiling_m`` caps the volume of both and is the cycle's peak target
    (metres a week: a revision aims at the peak the season planned, no higher). Weeks are
    numbered from 1."""
    template = make_template(inputs.days_per_week, inputs.available, inputs.long_run_day)
    ordered = sorted((r for r in races if r.date >= start), key=lambda r: r.date)
    base = _base_block(
        inputs,
        state,
        start,
        race,
        n_weeks,
        template,
        ordered,
        (),
        run_walk=False,
        ceiling=peak_ceiling_m,
        reach_long=state.longest_recent_m(start),
        hard_days=hard_before,
    )
    if base is None:
        return None
    pre, block = base
    cursor = start + timedelta(days=7 * pre)
    block_weeks = list(block.weeks)
    cycle = build_cycle(
        replace(inputs, race=race),
        block.state,
        cursor,
        n_weeks - pre,
        race,
        template=template,
        tune_ups=[r for r in ordered if r.priority == "B" and cursor <= r.date < race.date],
        history_hard_days=_hard_days_before(block_weeks, cursor),
        peak_target_m=peak_ceiling_m,
        peak_ceiling_m=peak_ceiling_m,
        reach_long_m=block.state.usable_longest_m(cursor),
    )
    weeks = [
        replace(w, reasons=_base_block_reasons(w, race, pre) if i == 0 else w.reasons)
        for i, w in enumerate(block_weeks)
    ] + list(cycle.weeks)
    weeks = [replace(w, index=i + 1) for i, w in enumerate(weeks)]
    return weeks, [*block.warnings, *cycle.warnings]


def _base_block_reasons(week: Week, race: RaceGoal, pre: int) -> tuple[Reason, ...]:
    text = (
        f"Base block: {pre} weeks of base building (easy volume, strides, hills, moderate long "
        f"runs) before the cycle toward the A race on {race.date.isoformat()} — not every "
        "weekend needs a long-long run."
    )
    return (*week.reasons, reason("SEASON-BASE", text))


def _cycle_reasons(
    week: Week, k: int, race: RaceGoal, previous_peak: float | None, peak: float
) -> tuple[Reason, ...]:
    """The first week of a cycle says where the cycle goes (SEASON-BASE)."""
    if previous_peak is None:
        text = f"Cycle {k + 1} toward the A race on {race.date.isoformat()}."
    else:
        growth = (peak / previous_peak - 1) * 100
        text = (
            f"Cycle {k + 1} toward {race.date.isoformat()}: the base rebuilds after the recovery "
            f"and this cycle peaks {growth:+.0f} % against the last one."
        )
    return (*week.reasons, reason("SEASON-BASE", text))


def _recovery_block(
    inputs: PlanInputs,
    state: TrainingState,
    start: date,
    race: RaceGoal,
    peak_m: float,
    pb: wk.PaceBook,
    *,
    first_index: int,
) -> tuple[list[Week], TrainingState]:
    """SEASON-RECOVERY: easy weeks after an A race (no hard sessions, strength light)."""
    n = _recovery_weeks(race)
    template = make_template(inputs.days_per_week, inputs.available, inputs.long_run_day)
    weeks: list[Week] = []
    for j in range(n):
        week_start = start + timedelta(days=7 * j)
        fractions = rules.RECOVERY_FRACTIONS
        fraction = fractions[min(j + (3 - n), len(fractions) - 1)]
        target = peak_m * fraction
        run_days = sorted(
            week_start + timedelta(days=(wd - week_start.weekday()) % 7) for wd in template.run_days
        )
        if j == 0:
            run_days = [d for d in run_days if (d - race.date).days > 3]
        run_days = run_days[: max(inputs.days_per_week - 1, 2)]
        vols = state.weekly_volumes_m
        block = block_limit(sum(vols[-7:-3]) / 4, sum(vols[-3:]))
        lengths: list[tuple[date, float]] = []
        for _ in range(4):
            # As many runs as the volume allows at 1.5 km or more each (never an empty week).
            volume_now = min(target, 0.98 * block)
            count = max(1, min(len(run_days), int(volume_now // 1600)))
            per = volume_now / count
            lengths = []
            for d in run_days[:count]:
                cap = min(_spike_cap(state, d, lengths), rules.recovery_run_max_m(peak_m))
                length = math.floor(min(per, cap) / 100) * 100.0
                if length >= 1500:
                    lengths.append((d, length))
            volume = sum(m for _, m in lengths)
            limit = weekly_ramp_limit(max(vols[-3:]), len(lengths))
            if volume <= 0.98 * limit:
                break
            target = 0.98 * limit  # below the ramp limit with the runs as they came out
        sessions: list[Session] = []
        runs: list[tuple[date, float]] = []
        for d, length in lengths:
            why = [reason("SEASON-RECOVERY", "Recovery: easy running only, while the race heals.")]
            sessions.append(wk.easy_run(d, length, pb, why, kind="recovery", title="Recovery run"))
            runs.append((d, length))
        strength_day = week_start + timedelta(days=2)
        if j == n - 1:
            sessions.append(
                strength_session(
                    strength_day,
                    StrengthSpec("light", j),
                    [reason("STRENGTH-PROGRESSION", "A light session: back to strength gently.")],
                )
            )
        days_with = {s.date for s in sessions if s.is_run}
        for k in range(7):
            d = week_start + timedelta(days=k)
            if d not in days_with:
                sessions.append(
                    wk.rest_day(d, [reason("REST-DAY")], after_race=(d - race.date).days <= 3)
                )
        sessions.sort(key=lambda s: (s.date, s.kind == "rest", s.kind == "strength"))
        volume = sum(m for _, m in runs)
        week = Week(
            index=first_index + j,
            start_date=week_start,
            phase="recovery",
            sessions=tuple(sessions),
            is_down_week=False,
            reasons=(
                reason(
                    "SEASON-RECOVERY",
                    f"Recovery week {j + 1} of {n} after the race: {pb.distance(volume)}, easy "
                    "only — the legs heal before the next build.",
                ),
            ),
            lever="recovery",
        )
        weeks.append(week)
        state = state.advanced(week_start, volume, runs, 0.0, down=None, strength=j == n - 1)
    return weeks, state


def _spike_cap(state: TrainingState, day: date, extra: Sequence[tuple[date, float]]) -> float:
    lo = day - timedelta(days=rules.SPIKE_WINDOW_DAYS)
    ref = max((m for d, m in (*state.runs, *extra) if lo <= d < day), default=0.0)
    return rules.SPIKE_FACTOR * ref - 1.0


def season_projection(
    *,
    races: Sequence[tuple[float, float]],
    distance_m: float,
    goal_time_s: float,
    age: int | None,
    sex: Literal["F", "M", "X"] | None,
    weekly_distance_m: float | None,
    cycles_per_year: int,
    bq: Any = None,
) -> dict[str, Any]:
    """SEASON-PROJECTION: the far goal from today's fitness — gap, best-case cycles and years,
    population odds by year with 80 % ranges — and the assumptions, as a JSON-friendly dict.

    Reuses :func:`runcoach.domain.goal.assess_goal` (COACHING.md §1.8, IMPROVEMENT.md §6).
    """
    from runcoach.domain.goal import assess_goal

    a = assess_goal(
        races,
        distance_m,
        goal_time_s,
        age=age,
        sex=sex,
        weekly_distance_m=weekly_distance_m,
        cycles_per_year=max(1, min(cycles_per_year, 4)),
        bq=bq,
    )
    return {
        "goal_distance_m": distance_m,
        "goal_time_s": goal_time_s,
        "current_time_s": round(a.current.seconds, 1),
        "current_range_s": [round(a.current.low_seconds, 1), round(a.current.high_seconds, 1)],
        "gap_pct": round(a.gap_pct, 1),
        "gap_vdot": round(a.gap_vdot, 1),
        "verdict": a.verdict,
        "best_case_cycles": list(a.best_case_cycles),
        "best_case_years": [round(y, 1) for y in a.best_case_years],
        "cycles_per_year": a.cycles_per_year,
        "by_year": [
            {
                "years": p.years,
                "median_s": round(p.median_s, 1),
                "range_s": [round(p.fast_s, 1), round(p.slow_s, 1)],
                "goal_probability": None
                if p.goal_probability is None
                else round(p.goal_probability, 3),
            }
            for p in a.projection
        ],
        "assumptions": list(a.assumptions),
        "notes": list(a.notes),
    }
