"""What the report and calendar choose to show: effort-only steps, old history, goals without a
goal time."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from runcoach.domain.athlete import AthleteProfile, RaceResult
from runcoach.domain.plan.model import Step
from runcoach.exporters.progress import monthly_points, yearly_points
from runcoach.exporters.session_text import compact_steps
from runcoach.exporters.targets import inference_paces
from runcoach.services.exports import goal_summary
from tests.unit.exporters.log_fixture import TODAY
from tests.unit.exporters.sample_plan import PACES, build_sample_plan

HILL_SPRINT = Step("work", duration_s=10.0, zone="R", description="steep hill sprint, all out")


def test_a_plan_with_its_own_targets_leaves_effort_steps_without_a_pace() -> None:
    plan = build_sample_plan()  # every run step carries a target
    assert inference_paces(plan) is None
    text = compact_steps((HILL_SPRINT,), "km", inference_paces(plan))
    assert "/km" not in text


def test_a_plan_of_zones_only_gets_paces_from_its_zones() -> None:
    plan = build_sample_plan()
    stripped = plan.with_weeks(
        [
            replace(
                week,
                sessions=tuple(
                    replace(s, steps=tuple(replace(st, target=None) for st in s.steps))
                    if all(st.kind != "repeat" for st in s.steps)
                    else replace(s, steps=())
                    for s in week.sessions
                ),
            )
            for week in plan.weeks
        ]
    )
    assert inference_paces(stripped) == PACES
    text = compact_steps((Step("work", distance_m=1000.0, zone="T"),), "km", PACES)
    assert "/km" in text


def test_months_start_with_recent_history_not_with_old_files() -> None:
    plan = build_sample_plan()
    old_runs = [(date(2012, 5, 1), 10_000.0), (date(2015, 3, 1), 8_000.0)]
    months = monthly_points(plan, old_runs, TODAY)
    assert months[0].start == plan.start_date.replace(day=1)
    assert all(m.actual_m == 0 for m in months)


def test_years_show_at_most_the_last_ten() -> None:
    runs = [(date(year, 6, 1), 10_000.0) for year in range(2005, 2027)]
    years = yearly_points(None, runs, TODAY)
    assert [y.label for y in years] == [str(y) for y in range(2017, 2027)]


def test_goal_box_without_a_goal_time_shows_todays_prediction() -> None:
    plan = build_sample_plan()
    assert plan.race is not None
    plan = replace(plan, race=replace(plan.race, goal_time_s=None))
    profile = AthleteProfile(races=(RaceResult(distance_m=10_000.0, time_s=2_700.0),))
    summary = goal_summary(plan, profile)
    assert summary is not None
    assert summary.verdict == "prediction only"
    assert "No goal time set" in summary.headline and "80 % range" in summary.range_text


def test_goal_box_uses_the_races_the_plan_was_built_from() -> None:
    plan = build_sample_plan()
    plan = replace(
        plan,
        athlete={**plan.athlete, "recent_races": [{"distance_m": 10_000.0, "time_s": 2_700.0}]},
    )
    summary = goal_summary(plan, None)
    assert summary is not None and summary.verdict in ("realistic", "ambitious", "multi-cycle")


def test_goal_box_says_slower_for_a_goal_slower_than_today() -> None:
    plan = build_sample_plan()
    assert plan.race is not None
    profile = AthleteProfile(races=(RaceResult(distance_m=10_000.0, time_s=2_700.0),))
    easy_goal = replace(plan, race=replace(plan.race, goal_time_s=2 * 3600.0))
    slower = goal_summary(easy_goal, profile)
    assert slower is not None and "% slower than today's predicted" in slower.headline
    assert not re.search(r"-\d", slower.headline), "no negative percentages"
    hard_goal = replace(plan, race=replace(plan.race, goal_time_s=80 * 60.0))
    faster = goal_summary(hard_goal, profile)
    assert faster is not None and "% faster than today's predicted" in faster.headline
