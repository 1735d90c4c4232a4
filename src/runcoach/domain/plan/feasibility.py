"""Honest infeasibility: what a plan cannot reach, and what to do instead (warnings).

The plan is always the safest one possible; these warnings say plainly when the race is too close
or the volume too low for what the race asks (a 20-miler before a marathon, a long enough long run
before a half), and offer the alternatives: a later race (with the date from which the build is
reachable), the half marathon, or a run/walk race strategy.

Source: DESIGN.md §5 LONG-20MI (reachability), COACHING.md §1.8 (goal gap: realistic ≤ 5 %,
ambitious 5–10 %, multi-cycle > 10 %), §7.3 (run/walk).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

from runcoach.domain.plan import rules
from runcoach.domain.plan.checks import long_20mi_reachable
from runcoach.domain.plan.inputs import PlanInputs, race_kind
from runcoach.domain.plan.model import Reason, Week
from runcoach.domain.plan.workouts import PaceBook
from runcoach.domain.units import format_duration
from runcoach.domain.vdot import equivalent_time


def weeks_to_20_miler(weekly_volume_m: float, longest_run_m: float) -> int | None:
    """Smallest n (whole build weeks before the last 3) for which LONG-20MI is reachable."""
    for n in range(1, 80):
        s = n - math.ceil(n / 5)
        long_ok = longest_run_m * rules.LONG_20MI_LONG_GROWTH**s >= rules.LONG_20MI_M
        vol_ok = (
            weekly_volume_m * rules.LONG_20MI_VOLUME_GROWTH_PER_4_WEEKS ** (n / 4)
            >= rules.LONG_20MI_VOLUME_M
        )
        if long_ok and vol_ok:
            return n
    return None


def earliest_marathon(start: date, weekly_volume_m: float, longest_run_m: float) -> date | None:
    """The first Sunday from which a marathon build with a 20-miler is reachable from ``start``."""
    n = weeks_to_20_miler(weekly_volume_m, longest_run_m)
    if n is None:
        return None
    day = start + timedelta(days=7 * n + rules.LONG_20MI_LATEST_DAYS)
    while not long_20mi_reachable(start, day, weekly_volume_m, longest_run_m):
        day += timedelta(days=1)
    return day + timedelta(days=(6 - day.weekday()) % 7)


def _longest_training_run(weeks: Sequence[Week]) -> float:
    return max(
        (s.distance_m for w in weeks for s in w.sessions if s.is_run and s.kind != "race"),
        default=0.0,
    )


def plan_warnings(inputs: PlanInputs, weeks: Sequence[Week], pb: PaceBook) -> list[Reason]:
    """The warnings of a race-cycle plan (empty when everything the race needs is reachable)."""
    out: list[Reason] = []
    if inputs.vdot is None:
        out.append(
            Reason(
                "PACES-EFFORT",
                "No recent race was given, so sessions are described by effort and times are "
                "estimates: race a 5K (or give --recent-race 5k=MM:SS) to get paces.",
            )
        )
    race = inputs.race
    if race is None:
        return out
    kind = race_kind(race.distance_m)
    longest = _longest_training_run(weeks)
    w0, l0 = inputs.volume_m, inputs.long_m
    if kind == "marathon" and not long_20mi_reachable(inputs.start, race.date, w0, l0):
        later = earliest_marathon(inputs.start, w0, l0)
        when = (
            f"a marathon on or after {later.isoformat()}"
            if later is not None and (later - inputs.start).days <= 30 * 7
            else "a base plan first (runcoach plan new without --race), then a marathon cycle"
        )
        out.append(
            Reason(
                "LONG-20MI",
                f"A 20-mile (32 km) long run cannot be reached safely by this race from "
                f"{pb.distance(w0)} a week and a longest run of {pb.distance(l0)}: the longest "
                f"run of this plan is {pb.distance(longest)}. Instead: {when}; or the half marathon "
                "on this date; or, if you run this one, run/walk it from the start (e.g. 4 min "
                "run / 1 min walk) and expect a slower time.",
            )
        )
    elif kind == "half" and longest < 14000:
        out.append(
            Reason(
                "RUN-WALK-RACE",
                f"The longest run of this plan is {pb.distance(longest)}, short of what a half "
                "marathon asks: run/walk the race from the start (e.g. 4 min run / 1 min walk), "
                "or choose a later half or a 10K on this date.",
            )
        )
    elif kind == "10k" and longest < 7000:
        out.append(
            Reason(
                "RUN-WALK-RACE",
                f"The longest run of this plan is {pb.distance(longest)}: run/walk the 10K from the "
                "start, or choose a 5K on this date.",
            )
        )
    if any(w.phase == "run_walk" for w in weeks) and weeks[-2].phase == "run_walk":
        out.append(
            Reason(
                "RUN-WALK-RACE",
                "There is not enough time to finish the run/walk progression before race day: run/"
                "walk the race with the intervals of your last week — finishing strong is the goal.",
            )
        )
    if (kind == "marathon" and inputs.n_weeks < 12 and w0 < 50000) or (
        kind == "half" and inputs.n_weeks < 8 and w0 < 30000
    ):
        out.append(
            Reason(
                "RACE-TOO-CLOSE",
                f"{inputs.n_weeks} weeks is short for a {'marathon' if kind == 'marathon' else 'half marathon'} "
                f"build from {pb.distance(w0)} a week: the plan keeps every step safe, so it cannot "
                "build as much as a full cycle would.",
            )
        )
    if race.goal_time_s and inputs.vdot is not None:
        predicted = equivalent_time(inputs.vdot, race.distance_m)
        gap = (predicted - race.goal_time_s) / predicted
        if gap > 0.05:
            verdict = "ambitious for one cycle" if gap <= 0.10 else "a goal for several cycles"
            out.append(
                Reason(
                    "GOAL-GAP",
                    f"Your goal {format_duration(race.goal_time_s)} is {gap * 100:.0f} % faster than "
                    f"your current fitness predicts ({format_duration(predicted)}): {verdict}. The "
                    "plan trains you from today's paces; they will rise as you race faster.",
                )
            )
    return out
