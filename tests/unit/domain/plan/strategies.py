"""Hypothesis strategies for valid plan inputs: every race distance and base plans, 3–7 days,
ages 18–80, 4–30 weeks, beginners (run/walk) to 150 km a week."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from runcoach.domain.athlete import WEEKDAYS
from runcoach.domain.plan.inputs import (
    MAX_VOLUME_PER_DAY_M,
    MIN_LONG_SHARE_OF_AVERAGE_RUN,
    RACE_DISTANCES_M,
    PlanInputs,
)
from runcoach.domain.plan.model import RaceGoal
from runcoach.domain.plan.rules import START_FLOOR_VOLUME_M


@st.composite
def plan_inputs(draw: st.DrawFn, *, race: str | None = "any") -> PlanInputs:
    """Valid inputs of ``runcoach plan new`` (``race``: a kind, None for base, "any")."""
    days = draw(st.integers(3, 7))
    available: tuple[str, ...] = ()
    if draw(st.booleans()):
        extra = draw(st.integers(0, 7 - days))
        chosen = draw(st.permutations(WEEKDAYS))[: days + extra]
        available = tuple(d for d in WEEKDAYS if d in chosen)
    pool = available or WEEKDAYS
    long_day = draw(st.one_of(st.none(), st.sampled_from(pool)))
    volume = draw(st.floats(1000.0, min(150000.0, days * MAX_VOLUME_PER_DAY_M)))
    # The longest run of the last 30 days: from the shortest the inputs allow (see
    # MIN_LONG_SHARE_OF_AVERAGE_RUN) to the whole week, never over 45 km.
    lowest = 1.001 * MIN_LONG_SHARE_OF_AVERAGE_RUN * max(volume, START_FLOOR_VOLUME_M) / days
    highest = max(min(volume, 45000.0), lowest)
    longest = draw(st.floats(lowest, highest))
    start = date(2026, 1, 5) + timedelta(days=draw(st.integers(0, 900)))
    kind = draw(st.sampled_from([*RACE_DISTANCES_M, None])) if race == "any" else race
    weeks = draw(st.integers(4, 30))
    goal: RaceGoal | None = None
    if kind is not None:
        race_day = start + timedelta(days=7 * (weeks - 1) + draw(st.integers(0, 6)))
        goal = RaceGoal(RACE_DISTANCES_M[kind], race_day)  # type: ignore[index]
    return PlanInputs(
        start=start,
        weekly_volume_m=volume,
        longest_run_m=longest,
        days_per_week=days,
        race=goal,
        weeks=None if goal else weeks,
        available_days=available,  # type: ignore[arg-type]
        long_run_day=long_day,  # type: ignore[arg-type]
        vdot=draw(st.one_of(st.none(), st.floats(30.0, 80.0))),
        age=draw(st.integers(18, 80)),
        sex=draw(st.sampled_from(["F", "M", "X", None])),  # type: ignore[arg-type]
        injury_prone=draw(st.booleans()),
        beginner=draw(st.booleans()),
        lifts_weights=draw(st.booleans()),
        units=draw(st.sampled_from(["km", "mi"])),
    )
