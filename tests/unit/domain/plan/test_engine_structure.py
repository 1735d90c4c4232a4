"""Structure of the plans against published plans and the stories (COACHING.md §6, STORIES.md).

Pfitzinger 18/55 and Higdon Novice numbers are transcriptions (COACHING.md §6.1); the ranges
asserted here are "like", not copies: a runcoach build is more gradual (SPIKE-30D) and its down
weeks deeper and rarer (project principle, §6.4).
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest

from runcoach.domain.errors import InputError
from runcoach.domain.plan.checks import (
    QUALITY_KINDS,
    CheckContext,
    check_plan,
    context_from_plan,
)
from runcoach.domain.plan.inputs import PlanInputs, TrainingState
from runcoach.domain.plan.model import Plan, RaceGoal
from runcoach.domain.plan.progression import build_cycle, build_plan
from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M, METRES_PER_MILE

MI = METRES_PER_MILE
MONDAY = date(2027, 6, 7)


def _sunday_race(weeks: int, distance_m: float) -> RaceGoal:
    return RaceGoal(distance_m, MONDAY + timedelta(days=7 * (weeks - 1) + 6))


def _peak(plan: Plan) -> float:
    goal = plan.race.date if plan.race else None
    return max(
        sum(s.distance_m for s in w.sessions if s.is_run and s.date != goal) for w in plan.weeks
    )


def _taper_cut(plan: Plan) -> float:
    """1 − (runs of the 13 days before the race) / (two peak weeks)."""
    assert plan.race is not None
    lo = plan.race.date - timedelta(days=13)
    window = sum(s.distance_m for s in plan.sessions if s.is_run and lo <= s.date < plan.race.date)
    return 1 - window / (2 * _peak(plan))


def _long_runs_at_least(plan: Plan, metres: float) -> list[date]:
    return [s.date for s in plan.sessions if s.kind == "long" and s.distance_m >= metres]


def test_a_30_mile_runner_with_18_weeks_gets_a_pfitzinger_18_55_like_marathon_build() -> None:
    plan = build_plan(
        PlanInputs(
            start=MONDAY,
            weekly_volume_m=30 * MI,
            longest_run_m=10 * MI,
            days_per_week=5,
            race=_sunday_race(18, MARATHON_M),
            vdot=45.0,
            units="mi",
        )
    )
    assert check_plan(plan) == []
    assert 45 <= _peak(plan) / MI <= 60, "Pfitzinger 18/55 peaks at 55 mi from 33"
    assert len(_long_runs_at_least(plan, 32000)) >= 2, "at least two 20-milers"
    assert 0.40 <= _taper_cut(plan) <= 0.60, "Bosquet taper: volume −41–60 %"
    phases = [w.phase for w in plan.weeks]
    assert phases[0] == "base" and phases[-1] == "race"
    assert phases.index("build") < phases.index("peak") < phases.index("taper")
    assert sum(w.is_down_week for w in plan.weeks if w.phase not in ("taper", "race")) >= 2
    # Marathon pace arrives in the peak (race-specific work).
    peak_kinds = {s.kind for w in plan.weeks if w.phase == "peak" for s in w.sessions}
    assert "marathon_pace" in peak_kinds


def test_a_higdon_novice_like_runner_reaches_one_20_miler() -> None:
    plan = build_plan(
        PlanInputs(
            start=MONDAY,
            weekly_volume_m=22 * MI,
            longest_run_m=8 * MI,
            days_per_week=4,
            race=_sunday_race(18, MARATHON_M),
            units="mi",
        )
    )
    assert check_plan(plan) == []
    twenties = _long_runs_at_least(plan, 32000)
    assert twenties, "Higdon Novice: one 20-miler"
    race_day = plan.race.date if plan.race else MONDAY
    assert any(21 <= (race_day - d).days <= 49 for d in twenties)
    assert _peak(plan) / MI <= 45, "a novice build stays near Higdon Novice's 40 mi peak"


def test_a_30_week_marathon_build_keeps_its_20_milers_for_the_last_10_weeks() -> None:
    """LONG-WINDOW: a long build holds the long run at 18 mi until 10 weeks out, then runs
    20-milers every other week (Pfitzinger 18/55: three, the first 10 weeks out)."""
    plan = build_plan(
        PlanInputs(
            start=MONDAY,
            weekly_volume_m=22 * MI,
            longest_run_m=9 * MI,
            days_per_week=4,
            race=_sunday_race(30, MARATHON_M),
            units="mi",
        )
    )
    assert check_plan(plan) == []
    race_day = plan.race.date if plan.race else MONDAY
    over_18 = [
        s.date for s in plan.sessions if s.is_run and s.kind != "race" and s.distance_m > 18.01 * MI
    ]
    assert over_18 and all((race_day - d).days <= 70 for d in over_18)
    twenties = _long_runs_at_least(plan, 32000)
    assert 2 <= len(twenties) <= 4, "a 40-mile peak needs a few 20-milers, not one a fortnight"
    assert all((b - a).days >= 14 for a, b in pairwise(twenties))
    held = [s for s in plan.sessions if any(r.rule == "LONG-WINDOW" for r in s.reasons)]
    assert held, "the long runs that hold say why"


def test_kris_4_days_22_miles_drops_one_run_in_her_down_weeks() -> None:
    """Story 1: at 4 days and 22 mi a week a down week drops one run and says to sleep."""
    plan = build_plan(
        PlanInputs(
            start=MONDAY,
            weekly_volume_m=22 * MI,
            longest_run_m=9 * MI,
            days_per_week=4,
            race=_sunday_race(16, HALF_MARATHON_M),
            units="mi",
        )
    )
    assert check_plan(plan) == []
    downs = [i for i, w in enumerate(plan.weeks) if w.is_down_week]
    assert downs
    for i in downs:
        before = plan.weeks[i - 1]
        week = plan.weeks[i]
        assert len(week.runs) == len(before.runs) - 1, f"week {week.index} drops one run"
        cut = 1 - week.distance_m / max(w.distance_m for w in plan.weeks[max(0, i - 3) : i])
        assert 0.15 <= cut <= 0.45
        texts = " ".join(r.text for r in week.reasons if r.rule == "DOWN-DROP-RUN")
        assert "sleep" in texts


def test_masters_and_injury_prone_runners_get_a_down_week_every_4th_week() -> None:
    base = {
        "start": MONDAY,
        "weekly_volume_m": 40000.0,
        "longest_run_m": 14000.0,
        "days_per_week": 5,
        "race": _sunday_race(20, MARATHON_M),
    }
    young = build_plan(PlanInputs(**base, age=35))  # type: ignore[arg-type]
    for plan in (
        build_plan(PlanInputs(**base, age=50)),  # type: ignore[arg-type]
        build_plan(PlanInputs(**base, age=35, injury_prone=True)),  # type: ignore[arg-type]
    ):
        assert check_plan(plan) == []
        streak = longest = 0
        for w in plan.weeks:
            if w.phase in ("base", "build", "peak"):
                streak = 0 if w.is_down_week else streak + 1
                longest = max(longest, streak)
        assert longest <= 3
        assert any(r.rule == "MASTERS-RAMP" for w in plan.weeks for r in w.reasons)
        assert _peak(plan) <= _peak(young), "a gentler ramp toward a lower target"


def test_a_90_mile_runner_gets_25_percent_down_weeks_and_22_mile_long_runs() -> None:
    """Story 6: high mileage, 7 days: down weeks ~25 % lighter, long runs to 22 miles."""
    plan = build_plan(
        PlanInputs(
            start=MONDAY,
            weekly_volume_m=90 * MI,
            longest_run_m=20 * MI,
            days_per_week=7,
            race=_sunday_race(18, MARATHON_M),
            vdot=58.6,
            units="mi",
        )
    )
    assert check_plan(plan) == []
    for i, w in enumerate(plan.weeks):
        if w.is_down_week:
            high = max(x.distance_m for x in plan.weeks[max(0, i - 3) : i])
            assert 0.20 <= 1 - w.distance_m / high <= 0.30
    longest = max(s.distance_m for s in plan.sessions if s.kind == "long")
    assert 20 * MI <= longest <= 22 * MI + 1
    assert sum(1 for w in plan.weeks if w.phase == "taper") == 2


def test_workouts_climb_the_ladder_from_strides_to_race_specific_work() -> None:
    plan = build_plan(
        PlanInputs(
            start=MONDAY,
            weekly_volume_m=45000.0,
            longest_run_m=15000.0,
            days_per_week=6,
            race=_sunday_race(20, HALF_MARATHON_M),
            vdot=45.0,
        )
    )
    assert check_plan(plan) == []

    def first(pred: object) -> int:
        for w in plan.weeks:
            if any(pred(s) for s in w.sessions):  # type: ignore[operator]
                return w.index
        raise AssertionError("never appears")

    strides = first(lambda s: "strides" in s.tags)
    sprints = first(lambda s: "hill_sprints" in s.tags)
    fartlek = first(lambda s: s.kind == "fartlek")
    threshold = first(lambda s: s.kind in ("tempo", "threshold"))
    intervals = first(lambda s: s.kind in ("intervals", "hills"))
    specific = first(lambda s: s.title == "Half-pace repeats")
    assert strides <= sprints <= fartlek <= threshold <= intervals <= specific


def test_every_training_week_moves_one_lever_and_says_which() -> None:
    plan = build_plan(
        PlanInputs(
            start=MONDAY,
            weekly_volume_m=35000.0,
            longest_run_m=12000.0,
            days_per_week=5,
            race=_sunday_race(16, 10000.0),
            vdot=42.0,
        )
    )
    assert check_plan(plan) == []
    levers = {w.lever for w in plan.weeks if w.phase in ("base", "build", "peak")}
    assert {"volume", "intensity"} <= levers
    for w in plan.weeks:
        if w.lever in ("volume", "intensity", "hold"):
            assert any(r.rule == "LEVER-ONE" for r in w.reasons)


def test_a_beginner_who_cannot_run_30_minutes_starts_with_couch_to_5k_run_walk() -> None:
    plan = build_plan(
        PlanInputs(
            start=MONDAY,
            weekly_volume_m=6000.0,
            longest_run_m=2000.0,
            days_per_week=3,
            race=_sunday_race(14, 5000.0),
            beginner=True,
        )
    )
    assert check_plan(plan) == []
    first = plan.weeks[0]
    assert first.phase == "run_walk"
    session = next(s for s in first.sessions if s.kind == "run_walk")
    assert "1 min running and 1.5 min walking" in session.description
    stages = [w for w in plan.weeks if w.phase == "run_walk"]
    assert len(stages) == 9, "nine Couch-to-5K stages, then running"
    assert plan.weeks[len(stages)].phase != "run_walk"
    last = [s for s in stages[-1].sessions if s.kind == "run_walk"]
    assert last and all(s.title == "Continuous run" for s in last), "stage 9 runs without walks"


def test_a_marathon_8_weeks_away_from_30_km_warns_and_offers_alternatives() -> None:
    plan = build_plan(
        PlanInputs(
            start=MONDAY,
            weekly_volume_m=30000.0,
            longest_run_m=12000.0,
            days_per_week=4,
            race=_sunday_race(8, MARATHON_M),
        )
    )
    assert check_plan(plan) == []
    long_warnings = [w for w in plan.warnings if "LONG" in w.rule]
    assert long_warnings
    text = long_warnings[0].text
    assert "half marathon" in text and "run/walk" in text and "on or after" in text


def test_strength_progresses_and_stays_away_from_race_day() -> None:
    plan = build_plan(
        PlanInputs(
            start=MONDAY,
            weekly_volume_m=40000.0,
            longest_run_m=14000.0,
            days_per_week=5,
            race=_sunday_race(16, HALF_MARATHON_M),
        )
    )
    strength = [s for s in plan.sessions if s.kind == "strength"]
    assert all(s.exercises and "min" in s.description for s in strength)
    split_squats = [
        next(e.reps for e in s.exercises if e.name == "split squat")
        for s in strength
        if any(e.name == "split squat" for e in s.exercises)
    ]
    assert split_squats[-1] > split_squats[0], "reps grow week to week"
    names = {e.name for s in strength for e in s.exercises}
    assert {"bent-knee soleus raise", "side plank"} <= names
    assert plan.race is not None
    assert not any(0 <= (plan.race.date - s.date).days <= 2 for s in strength)


@pytest.mark.parametrize("units", ["km", "mi"])
def test_paces_are_ranges_in_the_runners_units(units: str) -> None:
    plan = build_plan(
        PlanInputs(
            start=MONDAY,
            weekly_volume_m=40000.0,
            longest_run_m=14000.0,
            days_per_week=5,
            race=_sunday_race(12, 10000.0),
            vdot=48.0,
            units=units,  # type: ignore[arg-type]
        )
    )
    quality = [s for s in plan.sessions if s.kind in QUALITY_KINDS]
    assert quality
    for s in quality:
        assert f"/{units}" in s.description
        assert "–" in s.description, "paces are ranges"
        assert "Warm-up" in s.description and "Cool-down" in s.description


def test_without_a_race_result_sessions_are_given_by_effort() -> None:
    plan = build_plan(
        PlanInputs(
            start=MONDAY,
            weekly_volume_m=30000.0,
            longest_run_m=10000.0,
            days_per_week=4,
            race=_sunday_race(12, 10000.0),
        )
    )
    assert plan.vdot is None and plan.paces_s_per_km == {}
    assert any(w.rule == "PACES-EFFORT" for w in plan.warnings)
    easy = next(s for s in plan.sessions if s.kind == "easy")
    assert "conversational" in easy.description


def test_a_base_plan_has_no_race_and_is_all_base() -> None:
    plan = build_plan(
        PlanInputs(
            start=MONDAY, weekly_volume_m=25000.0, longest_run_m=9000.0, days_per_week=4, weeks=10
        )
    )
    assert check_plan(plan) == []
    assert plan.kind == "base" and plan.race is None and len(plan.weeks) == 10
    assert {w.phase for w in plan.weeks} == {"base"}


def test_the_engine_builds_from_any_state_not_only_from_the_start() -> None:
    """Composable for adaptation: the remaining weeks from a runner's real recent history."""
    inputs = PlanInputs(
        start=MONDAY,
        weekly_volume_m=50000.0,
        longest_run_m=18000.0,
        days_per_week=5,
        race=_sunday_race(14, MARATHON_M),
        vdot=47.0,
    )
    history = (38000.0, 42000.0, 45000.0, 36000.0, 47000.0, 50000.0, 52000.0, 41000.0)
    runs = ((MONDAY - timedelta(days=8), 22000.0), (MONDAY - timedelta(days=1), 16000.0))
    state = TrainingState(
        day=MONDAY, weekly_volumes_m=history, runs=runs, quality_m=(3000.0, 3500.0), down_streak=0
    )
    assert inputs.race is not None
    result = build_cycle(inputs, state, MONDAY, 14, inputs.race)
    plan = build_plan(inputs).with_weeks(result.weeks)
    context: CheckContext = context_from_plan(
        plan,
        history_volumes_m=history,
        history_runs=runs,
        history_quality_m=(3000.0, 3500.0),
    )
    assert check_plan(plan, context) == []
    first_long = next(s for s in result.weeks[0].sessions if s.kind == "long")
    assert first_long.distance_m <= 1.1 * 22000.0, "the 22 km run of last week counts"


def test_bad_inputs_are_one_sentence_errors() -> None:
    with pytest.raises(InputError, match="--days 8"):
        PlanInputs(
            start=MONDAY, weekly_volume_m=30000.0, longest_run_m=10000.0, days_per_week=8
        ).validated()
    with pytest.raises(InputError, match="runcoach plans 4 to 30 weeks"):
        build_plan(
            PlanInputs(
                start=MONDAY,
                weekly_volume_m=30000.0,
                longest_run_m=10000.0,
                days_per_week=4,
                race=_sunday_race(2, 5000.0),
            )
        )
    with pytest.raises(InputError, match="--long-day"):
        build_plan(
            PlanInputs(
                start=MONDAY,
                weekly_volume_m=30000.0,
                longest_run_m=10000.0,
                days_per_week=3,
                available_days=("mon", "wed", "fri"),
                long_run_day="sun",
                weeks=8,
            )
        )
