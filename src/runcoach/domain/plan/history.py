"""The runner's real history for a revision: what the engine starts from and what the checks see.

A revised plan is judged from the week that holds ``today``, against what really happened before
it (DESIGN.md §5 with the runs actually logged). The engine that rebuilds the remaining weeks
starts from the very same history, so what it builds is what the checks judge:

- a completed plan week counts ``min(done, planned)`` — running more than planned never raises
  the ramp base (ADAPT-OVERSHOOT), running less lowers it; no week counts less than the
  START-FLOOR 6 km (the ramp rules are relative: they need a floor to restart from);
- a week lost to a break (6 days or more without running, any length) counts at ``W_pre``, the
  mean volume of the 4 weeks before the break (at most what was planned that week); a week of
  the return after it counts at ``W_pre`` in proportion to the share of the planned week that
  was run (:meth:`ReturnRung.counted_m`; planned weeks count at ``W_pre``). The ramp rules measure new growth; coming back to a volume
  already held follows RETURN-LADDER (COACHING.md §7.2, Daniels Table 9.2: 50/75 % after 6–28
  days, 33/50/75 % after more, then one step of at most × 1.30), which :attr:`History.rungs`
  carries to the checks and the engine — otherwise the ramp rules, fed the break's empty weeks,
  would hold the return to ~20 % and the rebuild to months;
- the current week is *realised*: its past days hold the logged runs (a matched run keeps the
  planned kind and tags, so HARD-DAYS still sees yesterday's workout), its remaining days the
  plan, and it counts at most its planned volume (logged runs are scaled down in the view when
  the runner already ran more — stricter for SPIKE-30D, never looser);
- weeks before the plan count as its ``W0``; SPIKE-30D uses the logged runs with their dates.

The segment rules (LONG-20MI, TAPER, DOWN-COUNT) are judged from where the engine rebuilt the
cycle (``athlete.adaptation.rebuilt_from``), after any return weeks: a return phase is part of
the break, and the taper is sized on the rebuilt cycle's own peak.

Units: metres, dates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from runcoach.domain.activity import Activity
from runcoach.domain.plan import rules
from runcoach.domain.plan.checks import (
    CheckContext,
    ReturnRung,
    Violation,
    check_plan,
    context_from_plan,
)
from runcoach.domain.plan.compliance import WeekCompliance, activity_date, is_race
from runcoach.domain.plan.model import Plan, Session, Week
from runcoach.domain.plan.return_ladder import ladder
from runcoach.domain.plan.signals import TimeOff, find_breaks

#: Weeks of volume history given to the checks and the engine (RAMP-BLOCK looks back 7).
HISTORY_WEEKS = 12
#: Rules judged on the rebuilt cycle as a whole (from where the engine started).
SEGMENT_RULES = frozenset({"LONG-20MI", "TAPER", "DOWN-COUNT"})
_TRAINING_PHASES = frozenset({"base", "build", "peak"})


@dataclass(frozen=True, slots=True)
class History:
    """What the runner did before ``start`` (a Monday of the plan), as the engine and the checks
    see it: weekly volumes (oldest first), dated runs, quality metres, the down-week streak."""

    start: date
    volumes_m: tuple[float, ...]
    runs: tuple[tuple[date, float], ...]
    quality_m: tuple[float, ...]
    down_streak: int
    rungs: tuple[ReturnRung, ...] = ()

    def rung_at(self, week_start: date) -> ReturnRung | None:
        """The RETURN-LADDER rung of the week starting ``week_start`` (None: not a return)."""
        return next((r for r in self.rungs if r.week_start == week_start), None)


def current_week_start(plan: Plan, today: date) -> date:
    """The start of the plan week that holds ``today`` (the plan start before it begins)."""
    week = plan.week_of(today)
    if week is not None:
        return week.start_date
    return plan.start_date if today < plan.start_date else plan.end_date + timedelta(days=1)


def _w0(plan: Plan) -> float:
    value = plan.athlete.get("weekly_volume_m")
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    return context_from_plan(plan).weekly_volume_m


def _run_volume(week: Week) -> float:
    return week.training_m


def _quality(week: Week) -> float:
    return sum(
        s.zone_m(z)
        for s in week.sessions
        if s.is_run and s.kind != "race"
        for z in ("M", "T", "I", "R")
    )


def realise_week(week: Week, compliance: WeekCompliance | None, today: date) -> Week:
    """``week`` with its days before ``today`` replaced by what was logged, counting at most the
    week's planned volume (the logged runs are scaled down when they ran more).

    Planned non-running sessions stay; a logged run matched to a planned one keeps its kind,
    intensity and tags with the logged distance; extra runs are easy runs (or races).
    """
    if today <= week.start_date:
        return week
    future = [s for s in week.sessions if s.date >= today]
    kept = [s for s in week.sessions if s.date < today and not s.is_run]
    logged: list[Session] = []
    if compliance is not None:
        for m in compliance.runs:
            if m.activity is None or activity_date(m.activity) >= today:
                continue
            day = activity_date(m.activity)
            if not week.start_date <= day <= week.end_date:
                continue
            metres = m.activity.distance_m or 0.0
            logged.append(
                replace(
                    m.session,
                    date=day,
                    distance_m=metres,
                    distance_by_zone_m=_scaled_zones(m.session, metres),
                )
            )
        for a in compliance.extra_runs:
            day = activity_date(a)
            if day >= today or not week.start_date <= day <= week.end_date:
                continue
            logged.append(
                Session(
                    date=day,
                    kind="race" if is_race(a) else "easy",
                    distance_m=a.distance_m or 0.0,
                    duration_s=a.duration_s,
                    intensity="hard" if is_race(a) else "easy",
                    distance_by_zone_m={"E": a.distance_m or 0.0},
                    description="logged run",
                )
            )
    planned = _run_volume(week)
    future_m = sum(s.distance_m for s in future if s.is_run and s.kind != "race")
    past_m = sum(s.distance_m for s in logged if s.kind != "race")
    room = max(planned - future_m, 0.0)
    if past_m > room > 0 or (past_m > 0 and room == 0):
        factor = room / past_m
        logged = [s if s.kind == "race" else _scaled(s, factor) for s in logged]
        logged = [s for s in logged if s.distance_m > 0]
    sessions = sorted([*kept, *logged, *future], key=lambda s: (s.date, not s.is_run, s.kind))
    return replace(week, sessions=tuple(sessions))


def _scaled(session: Session, factor: float) -> Session:
    return replace(
        session,
        distance_m=session.distance_m * factor,
        distance_by_zone_m={z: m * factor for z, m in session.distance_by_zone_m.items()},
    )


def _scaled_zones(session: Session, distance_m: float) -> dict[str, float]:
    total = sum(session.distance_by_zone_m.values())
    if total <= 0:
        return {"E": distance_m}
    return {z: m * distance_m / total for z, m in session.distance_by_zone_m.items()}


def history_at(
    plan: Plan,
    compliance: Sequence[WeekCompliance],
    activities: Sequence[Activity],
    today: date,
    start: date,
) -> History:
    """The history before the plan week starting ``start`` (see the module docstring).

    Weeks before the current one count ``min(done, planned)``; the current week counts
    realised; later weeks before ``start`` count as planned; none less than the START-FLOOR.
    Runs: the logged ones before the current week, then the realised and planned ones.
    """
    current = current_week_start(plan, today)
    done = {w.week.start_date: w for w in compliance}
    w0 = _w0(plan)
    breaks = find_breaks(
        activities,
        today,
        since=max(plan.start_date, start - timedelta(weeks=HISTORY_WEEKS)),
        max_days=10**6,
    )
    before: dict[TimeOff, float] = {}
    rungs: dict[date, ReturnRung] = {}
    volumes: list[float] = []
    quality: list[float] = []
    runs: list[tuple[date, float]] = []
    streak = 0
    for week in plan.weeks:
        if week.start_date >= start:
            break
        for b in breaks:
            if b not in before and week.end_date >= b.first_day:
                before[b] = _before(volumes, w0)
                rungs.update(_rungs(plan, b, before[b]))
        shown = realise_week(week, done.get(week.start_date), today)
        rung = rungs.get(week.start_date)
        share_done = 1.0
        if week.start_date < current:
            wc = done.get(week.start_date)
            planned = _run_volume(week)
            v = min(wc.done_m if wc is not None else 0.0, planned)
            share_done = v / planned if planned > 0 else 1.0
            for b in breaks:
                # A week of the break itself (not the one the runner came back in): W_pre.
                if b.first_day <= week.end_date and b.last_day >= week.end_date:
                    cap = planned if week.phase != "return" else before[b]
                    v = max(v, min(before[b], cap))
                    rung = None
        else:
            v = _run_volume(shown)
            runs.extend(
                (s.date, s.distance_m) for s in shown.sessions if s.is_run and s.kind != "race"
            )
        # The floor applies to completed weeks only: the current week is in the checks' view
        # with its realised volume, and the engine must see the same number.
        counted = max(v, rules.START_FLOOR_VOLUME_M) if week.start_date < current else v
        volumes.append(counted if rung is None else rung.counted_m(counted, share_done))
        quality.append(_quality(shown))
        if week.phase in _TRAINING_PHASES and v > 0:
            streak = 0 if week.is_down_week else streak + 1
        else:
            streak = 0
    for b in breaks:
        if b not in before:  # a break that reaches into the weeks from ``start``
            before[b] = _before(volumes, w0)
            rungs.update(_rungs(plan, b, before[b]))
    volumes = [w0] * max(0, HISTORY_WEEKS - len(volumes)) + volumes
    lo = start - timedelta(days=rules.SPIKE_WINDOW_DAYS + 7)
    logged = [
        (activity_date(a), a.distance_m or 0.0)
        for a in activities
        if a.is_run
        and a.distance_m
        and lo <= activity_date(a) < min(current, start)
        and not is_race(a)
    ]
    all_runs = sorted(r for r in (*logged, *runs) if lo <= r[0] < start)
    return History(
        start=start,
        volumes_m=tuple(volumes[-HISTORY_WEEKS:]),
        runs=tuple(all_runs),
        quality_m=tuple(quality[-4:]),
        down_streak=streak,
        rungs=tuple(rungs[d] for d in sorted(rungs)),
    )


def _before(volumes: Sequence[float], w0: float) -> float:
    """``W_pre``, the volume before a break: the mean of the 4 weeks before the week it starts
    in (weeks before the plan count as W0). Source: RETURN-LADDER (rules.py)."""
    last = [*([w0] * rules.RAMP_BLOCK_WEEKS), *volumes][-rules.RAMP_BLOCK_WEEKS :]
    return sum(last) / len(last)


def _rungs(plan: Plan, gap: TimeOff, before_m: float) -> dict[date, ReturnRung]:
    """The RETURN-LADDER rungs after ``gap``, by the start of their plan week: the first is the
    week of the first day after the break."""
    shares = ladder(gap.days)
    back = gap.last_day + timedelta(days=1)
    first = plan.start_date + timedelta(days=7 * ((back - plan.start_date).days // 7))
    return {
        first + timedelta(days=7 * k): ReturnRung(
            week_start=first + timedelta(days=7 * k),
            share=share,
            before_m=before_m,
            break_days=gap.days,
            rung=k + 1,
            rungs=len(shares),
        )
        for k, share in enumerate(shares)
    }


def future_view(plan: Plan, start: date) -> Plan:
    """The plan from the week starting ``start``, re-numbered from 1 (for the checks), with the
    races still ahead of it (a season's B race already run is history, not a SHAPE to check)."""
    weeks = [w for w in plan.weeks if w.start_date >= start]
    renumbered = tuple(replace(w, index=i + 1) for i, w in enumerate(weeks))
    races = tuple(r for r in plan.races if r.date >= start)
    return replace(plan, start_date=start, weeks=renumbered, races=races)


def revision_context(plan: Plan, history: History) -> CheckContext:
    """The check context of a revision: the plan's runner inputs with the real history.

    ``longest_run_m`` is the START-FLOOR value (2 km): the real runs come in ``history_runs``
    with their dates, so SPIKE-30D counts what was actually logged.
    """
    return context_from_plan(
        plan,
        weekly_volume_m=history.volumes_m[-1] if history.volumes_m else None,
        longest_run_m=rules.START_FLOOR_LONG_M,
        history_volumes_m=history.volumes_m,
        history_runs=history.runs,
        history_quality_m=history.quality_m,
        down_streak=history.down_streak,
        return_rungs=history.rungs,
    )


def rebuilt_from(plan: Plan) -> date | None:
    """Where the last revision restarted the cycle (``athlete.adaptation.rebuilt_from``)."""
    memory: Any = plan.athlete.get("adaptation")
    if not isinstance(memory, Mapping):
        return None
    try:
        return date.fromisoformat(str(memory.get("rebuilt_from")))
    except ValueError:
        return None


def revision_violations(
    revised: Plan,
    compliance: Sequence[WeekCompliance],
    activities: Sequence[Activity],
    today: date,
    *,
    build_start: date | None = None,
) -> list[Violation]:
    """Every DESIGN.md §5 violation of ``revised`` from the current week on, given the real
    history. Violations that the past alone causes — that remain with nothing planned from
    today — are left out (a revision cannot change the past): those of the current week, and
    RAMP-BLOCK in the next three weeks, whose month still holds past weeks while the month it is
    compared with is all history. The segment rules are judged from ``build_start`` (default:
    the plan's ``rebuilt_from``, else the current week)."""
    current = current_week_start(revised, today)
    found = [
        v
        for v in _violations_from(revised, compliance, activities, today, current)
        if v.rule not in SEGMENT_RULES
    ]
    seg_start = build_start or rebuilt_from(revised) or current
    seg_start = max(seg_start, current)
    if any(w.start_date >= seg_start for w in revised.weeks):
        found.extend(
            v
            for v in _violations_from(revised, compliance, activities, today, seg_start)
            if v.rule in SEGMENT_RULES
        )
    return found


def _violations_from(
    revised: Plan,
    compliance: Sequence[WeekCompliance],
    activities: Sequence[Activity],
    today: date,
    start: date,
) -> list[Violation]:
    """The violations of ``revised`` from the week starting ``start``."""
    history = history_at(revised, compliance, activities, today, start)
    view = future_view(revised, start)
    if not view.weeks:
        return []
    done = {w.week.start_date: w for w in compliance}
    first = view.weeks[0]
    realised = realise_week(first, done.get(first.start_date), today)
    view = replace(view, weeks=(realised, *view.weeks[1:]))
    ctx = revision_context(revised, history)
    found = check_plan(view, ctx)
    if realised.start_date <= today:
        past_only = replace(
            view,
            weeks=(
                replace(realised, sessions=tuple(s for s in realised.sessions if s.date < today)),
                *view.weeks[1:],
            ),
        )
        blamed: set[tuple[str, int | None]] = {
            (v.rule, v.week) for v in check_plan(past_only, ctx) if v.week == 1
        }
        # RAMP-BLOCK of weeks 2–4: their month reaches back into the past while the month
        # before it is all history, so a violation that remains with no run planned from today
        # on is the past's alone (none of the later weeks can lower it).
        nothing_ahead = replace(
            past_only,
            weeks=(past_only.weeks[0], *(_without_runs(w) for w in past_only.weeks[1:])),
        )
        blamed |= {
            (v.rule, v.week)
            for v in check_plan(nothing_ahead, ctx)
            if v.rule == "RAMP-BLOCK"
            and v.week is not None
            and 1 < v.week <= rules.RAMP_BLOCK_WEEKS
        }
        found = [v for v in found if (v.rule, v.week) not in blamed]
    return found


def _without_runs(week: Week) -> Week:
    """``week`` with no running but the goal race (its other sessions kept)."""
    return replace(
        week, sessions=tuple(s for s in week.sessions if not s.is_run or s.kind == "race")
    )
