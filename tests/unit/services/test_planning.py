"""The planning service without a store: inputs from flags and profile, recent races, plan files
(JSON, runcoach's own CSV, a coach's CSV)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from runcoach.domain.athlete import AthleteProfile, RaceResult
from runcoach.domain.errors import InputError
from runcoach.domain.plan.inputs import PlanInputs
from runcoach.domain.plan.model import Plan, RaceGoal
from runcoach.domain.plan.progression import build_plan
from runcoach.domain.units import Units
from runcoach.exporters.plan_csv import plan_to_csv
from runcoach.services.planning import (
    CheckOverrides,
    PlanRequest,
    best_vdot,
    check_plan_file,
    plan_inputs,
)

TODAY = date(2027, 6, 1)


def test_flags_override_the_profile_and_the_rest_comes_from_it() -> None:
    profile = AthleteProfile(
        age=52,
        sex="F",
        units="mi",
        weekly_volume_m=40000.0,
        longest_run_m=16000.0,
        days_per_week=4,
        available_days=("tue", "thu", "sat", "sun"),
        long_run_day="sun",
        injury_prone=True,
    )
    request = PlanRequest(today=TODAY, weekly_volume_m=45000.0, days_per_week=4, age=53)
    inputs, notes = plan_inputs(request, profile, "km")
    assert inputs.weekly_volume_m == 45000.0  # the flag
    assert inputs.longest_run_m == 16000.0  # the profile
    assert inputs.age == 53 and inputs.sex == "F" and inputs.injury_prone
    assert inputs.available_days == ("tue", "thu", "sat", "sun")
    assert inputs.units == "mi"
    assert inputs.start == date(2027, 6, 7), "the next Monday after today"
    assert notes == []


def test_missing_inputs_are_assumed_and_said() -> None:
    inputs, notes = plan_inputs(PlanRequest(today=TODAY, weekly_volume_m=30000.0), None, "km")
    assert inputs.days_per_week == 4
    assert inputs.longest_run_m == pytest.approx(9000.0)
    assert len(notes) == 2
    beginner, notes = plan_inputs(PlanRequest(today=TODAY, beginner=True), None, "km")
    assert beginner.weekly_volume_m == 6000.0 and any("beginner" in n for n in notes)
    with pytest.raises(InputError, match="--weekly-volume"):
        plan_inputs(PlanRequest(today=TODAY), None, "km")


def test_dates_before_today_are_refused() -> None:
    with pytest.raises(InputError, match="--start"):
        plan_inputs(
            PlanRequest(today=TODAY, weekly_volume_m=30000.0, start=TODAY - timedelta(days=1)),
            None,
            "km",
        )
    with pytest.raises(InputError, match="--race-date"):
        plan_inputs(
            PlanRequest(today=TODAY, weekly_volume_m=30000.0, race=RaceGoal(10000.0, TODAY)),
            None,
            "km",
        )


def test_paces_come_from_the_best_race_of_the_last_year() -> None:
    old_fast = RaceResult(10000.0, 40 * 60.0, TODAY - timedelta(days=400))
    recent = RaceResult(10000.0, 48 * 60.0, TODAY - timedelta(days=30))
    undated = RaceResult(5000.0, 23 * 60.0)
    assert best_vdot([old_fast], TODAY) is None
    only_recent = best_vdot([old_fast, recent], TODAY)
    assert only_recent is not None and 40 < only_recent < 43
    both = best_vdot([recent, undated], TODAY)
    assert both is not None and both > only_recent


def _plan(units: Units = "km") -> Plan:
    start = date(2027, 1, 4)
    return build_plan(
        PlanInputs(
            start=start,
            weekly_volume_m=50000,
            longest_run_m=20000,
            days_per_week=5,
            race=RaceGoal(42195.0, start + timedelta(weeks=17, days=6)),
            vdot=45.0,
            units=units,
        )
    )


@pytest.mark.parametrize("units", ["km", "mi"])
def test_runcoach_plan_files_check_clean(tmp_path: Path, units: Units) -> None:
    plan = _plan(units)
    as_json = tmp_path / "plan.json"
    as_json.write_text(json.dumps(plan.to_dict()), encoding="utf-8")
    as_csv = tmp_path / "plan.csv"
    as_csv.write_text(plan_to_csv(plan, units), encoding="utf-8")
    assert check_plan_file(as_json, CheckOverrides())[1] == []
    read, violations = check_plan_file(as_csv, CheckOverrides())
    assert violations == []
    assert [w.is_down_week for w in read.weeks] == [w.is_down_week for w in plan.weeks]
    assert [w.phase for w in read.weeks] == [w.phase for w in plan.weeks]


def test_a_coach_csv_with_a_40_percent_jump_is_flagged(tmp_path: Path) -> None:
    rows = ["date,kind,distance_km"]
    for week, (easy, long) in enumerate([(8, 12), (8, 13), (12, 18)]):
        monday = date(2027, 6, 7) + timedelta(weeks=week)
        rows += [
            f"{monday + timedelta(days=1)},easy,{easy}",
            f"{monday + timedelta(days=3)},easy,{easy}",
            f"{monday + timedelta(days=6)},long,{long}",
        ]
    path = tmp_path / "coach.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    _, violations = check_plan_file(path, CheckOverrides())
    assert {(v.rule, v.week) for v in violations} >= {("RAMP-WEEKLY", 3)}
