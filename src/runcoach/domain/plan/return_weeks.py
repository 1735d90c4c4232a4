"""Return-phase weeks: walk/run and easy weeks at a share of the runner's usual volume.

A return week keeps the runner's days (the run days and strength days of the plan week it
replaces), runs only easy (or walk/run) and holds ``fraction`` × the usual weekly volume, with
the longest run about a third of the week and never over 110 % of the longest run of the 30
days before. Rest days (pain-free cross-training) can open it, for pain that must settle first.
The sessions come from the engine's own workout builders (:mod:`runcoach.domain.plan.workouts`,
:mod:`runcoach.domain.plan.run_walk`), so they read like every other session.

Units: metres, seconds, seconds per kilometre.

Sources: return at 50 % then 75 %, or 33/50/75 % (RETURN-LADDER: COACHING.md §7.2, Daniels Table
9.2 as transcribed); walk/run
re-entry → continuous running (§7.2, coach convention; stages of NHS Couch to 5K, §7.3);
pain-monitoring model (Silbernagel et al. 2007); SPIKE-30D (Garmin-RUNSAFE 2025, §5.1).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from runcoach.domain.plan import rules
from runcoach.domain.plan import workouts as wk
from runcoach.domain.plan.checks import block_limit, weekly_ramp_limit
from runcoach.domain.plan.model import Reason, Session, Week
from runcoach.domain.plan.run_walk import run_walk_session

#: Shortest easy run worth doing (m).
MIN_RUN_M = 2000.0
#: The SPIKE-30D factor, with a small margin under the limit.
SPIKE_SAFE = 1.10 * 0.998
#: Return runs are rounded down to this (m): coarser steps would hold each run's growth under
#: SPIKE-30D's 10 % well below it when the runs are short (after a long break they start at 2 km).
ROUND_M = 10.0


@dataclass(frozen=True, slots=True)
class ReturnWeekSpec:
    """One return week: its share of the usual volume, and the Couch-to-5K stage its walk/run
    sessions start at (None: continuous easy running)."""

    fraction: float
    walk_run_stage: int | None = None


def cross_session(day: date, reasons: Sequence[Reason]) -> Session:
    """A day without running: pain-free cross-training, or rest."""
    return Session(
        date=day,
        kind="cross",
        duration_s=1800.0,
        intensity="easy",
        description=(
            "No running today. If it is pain-free, 30 minutes of easy cycling, swimming or pool "
            "running; otherwise rest. Sleep well."
        ),
        reasons=tuple(reasons),
        title="Cross-training (pain-free) or rest",
    )


def rest_session(day: date, reasons: Sequence[Reason], *, cross: bool) -> Session:
    """A day without running: pain-free cross-training (``cross``) or the engine's rest day."""
    return cross_session(day, reasons) if cross else wk.rest_day(day, reasons)


def run_days(template: Week) -> list[date]:
    """The days the template week runs on (at most one run a day), in order."""
    return sorted({s.date for s in template.sessions if s.is_run})


def ramp_room(volumes: Sequence[float], running_days: int) -> float:
    """The most a week may run after the weekly ``volumes`` (metres, oldest first): RAMP-WEEKLY
    and RAMP-BLOCK with the engine's margin (the same limit functions the checks use).

    RAMP-BLOCK is also looked ahead: the week must leave room for the next three weeks to
    hold its volume. A month is judged as a whole, so a low week (a break, a week cut short)
    caps the sum of the four weeks whose month compares against it, not only the first of them;
    a return that grows fast right after it would leave a later week no room at all (Source:
    DESIGN.md §5 RAMP-BLOCK).
    """
    if not volumes:
        return float("inf")
    vols = list(volumes)
    m = max(vols[-rules.RAMP_LOOKBACK_WEEKS :])
    cap = weekly_ramp_limit(m, running_days)
    n = rules.RAMP_BLOCK_WEEKS
    # Week w+j (j = 0..n-1) with this week and the j after it at v: its month holds the known
    # weeks w+j-3..w-1 and j+1 weeks at v; the month before it is all known (w+j-7..w+j-4).
    for j in range(n):
        if len(vols) < 2 * n - 1 - j:
            break
        split = len(vols) - (n - 1 - j)
        known, prev = vols[split:], vols[split - n : split]
        cap = min(cap, block_limit(sum(prev) / n, sum(known)) / (j + 1))
    return max(cap * 0.99, 0.0)


def _spike_cap(day: date, refs: Sequence[tuple[date, float]]) -> float:
    """SPIKE-30D: the longest run allowed on ``day`` given the dated runs before it (with the
    START-FLOOR 2 km when there are none), with a small margin."""
    lo = day - timedelta(days=rules.SPIKE_WINDOW_DAYS)
    ref = max((m for d, m in refs if lo <= d < day), default=0.0)
    return SPIKE_SAFE * max(ref, rules.START_FLOOR_LONG_M)


def return_week(
    template: Week,
    spec: ReturnWeekSpec,
    base_m: float,
    refs: Sequence[tuple[date, float]],
    volumes: Sequence[float],
    pb: wk.PaceBook,
    reasons: tuple[Reason, ...],
    *,
    rest_until: date | None = None,
    strides: bool = False,
    cap_m: float | None = None,
) -> Week:
    """A return week in place of ``template``: its run days and strength days, easy or walk/run
    running at ``spec.fraction`` × ``base_m`` metres — at most what RAMP-WEEKLY and RAMP-BLOCK
    allow after the weekly ``volumes`` before it (oldest first). Every run stays within SPIKE-30D
    of the dated runs ``refs`` (metres) and of the week's earlier runs; the longest run is the
    same fraction of the usual long run (the longest of the 30 days before), at most half the
    week.

    Days up to ``rest_until`` hold pain-free cross-training instead of running. With
    ``strides`` the first easy run ends with 6 strides (the re-entry goes volume → strides →
    quality, COACHING.md §7.2). ``cap_m`` is the week's RETURN-LADDER rung (the most it may
    hold after a break).
    """
    days = run_days(template) or [template.start_date + timedelta(days=d) for d in (1, 3, 5)]
    running = [d for d in days if rest_until is None or d > rest_until]
    resting = [d for d in days if rest_until is not None and d <= rest_until]
    sessions: list[Session] = [cross_session(d, reasons) for d in resting]
    volume = min(spec.fraction * base_m, ramp_room(volumes, len(running) or 1))
    if cap_m is not None:
        volume = min(volume, cap_m * 0.995)  # RETURN-LADDER, with a margin for rounding
    planned = sum(s.distance_m for s in template.sessions if s.is_run and s.kind != "race")
    if planned > 0:
        volume = min(volume, planned)  # a return never asks more than the plan did that week
    # Strides only in a week that does not raise the volume (LEVER-ONE: one lever at a time).
    strides = strides and bool(volumes) and volume <= max(volumes[-3:])
    dated = list(refs)
    if spec.walk_run_stage is not None and running:
        per = volume / len(running)
        for i, day in enumerate(running):
            stage = min(spec.walk_run_stage + (i * 2) // len(running), 8)
            budget = min(per, _spike_cap(day, dated))
            session = run_walk_session(day, stage, pb, reasons, budget_m=budget)
            if session.distance_m > budget + 0.5:
                session = replace(session, distance_m=_floor_step(budget))
            sessions.append(session)
            dated.append((day, session.distance_m))
    elif running:
        usual_long = max(
            (
                m
                for d, m in refs
                if template.start_date - timedelta(days=rules.SPIKE_WINDOW_DAYS)
                <= d
                < template.start_date
            ),
            default=0.0,
        )
        sessions.extend(
            _easy_runs(running, volume, spec.fraction * usual_long, dated, pb, reasons, strides)
        )
    sessions.extend(s for s in template.sessions if s.kind == "strength")
    sessions.sort(key=lambda s: (s.date, not s.is_run, s.kind))
    return Week(
        index=template.index,
        start_date=template.start_date,
        phase="return",
        sessions=tuple(sessions),
        is_down_week=False,
        reasons=reasons,
        lever="volume",
    )


def _easy_runs(
    days: Sequence[date],
    volume_m: float,
    long_m: float,
    dated: list[tuple[date, float]],
    pb: wk.PaceBook,
    reasons: tuple[Reason, ...],
    strides: bool = False,
) -> list[Session]:
    """Split ``volume_m`` over ``days``: the last day the long run (``long_m``, at least an even
    share, at most half the week), the rest equal; fewer days when runs would be under 2 km.
    Each run within SPIKE-30D of ``dated`` (which grows with the week's runs)."""
    n = len(days)
    while n > 1 and volume_m / n < MIN_RUN_M:
        n -= 1
    chosen = list(days[-n:])
    purpose = "Return to running: easy and conversational; stop if pain goes above 3/10."
    if n == 1:
        plan_m = [volume_m]
    else:
        longest = min(max(long_m, volume_m / n), rules.LONG_SHARE_MAX * volume_m)
        plan_m = [(volume_m - longest) / (n - 1)] * (n - 1) + [longest]
    lengths: list[float] = []
    refs = list(dated)
    for k, (day, want) in enumerate(zip(chosen, plan_m, strict=True)):
        cap = min(_spike_cap(day, refs), rules.LONG_MAX_M)  # LONG-MAX: 35.5 km in a return
        length = min(want, cap)
        if length < want and k < len(chosen) - 1:
            # Held by SPIKE-30D (a restart after a long break): each run may be 10 % longer
            # than the longest before it, so the week grows run by run instead.
            length = cap
        lengths.append(length)
        refs.append((day, length))
    total = sum(lengths)
    if total > volume_m > 0:
        lengths = [m * volume_m / total for m in lengths]  # scaling down keeps SPIKE-30D
    out = []
    for k, (day, length) in enumerate(zip(chosen, lengths, strict=True)):
        last = k == len(chosen) - 1 and n > 1
        metres = _floor_step(min(length, _spike_cap(day, dated)))  # after rounding, still within
        out.append(
            wk.easy_run(
                day,
                metres,
                pb,
                reasons,
                strides=6 if strides and k == 0 and metres >= MIN_RUN_M else 0,
                title="Longest run of the return week" if last else "Easy return run",
                purpose=purpose,
            )
        )
        dated.append((day, metres))
    return out


def _floor_step(metres: float) -> float:
    return max(math.floor(metres / ROUND_M) * ROUND_M, ROUND_M)
