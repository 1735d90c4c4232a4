"""Property tests of the progression engine (issue 3, "Done when"): for every valid profile —
all race distances and base plans, 3–7 days, ages 18–80, 4–30 weeks, beginners to 150 km a
week — the plan breaks no safety rule of DESIGN.md §5, is deterministic, has contiguous weeks,
holds the race on race day, and carries every field of the runcoach.plan/1 contract."""

from __future__ import annotations

import json
from datetime import timedelta

from hypothesis import HealthCheck, given, settings

from runcoach.domain.plan.checks import check_determinism, check_plan
from runcoach.domain.plan.inputs import PlanInputs
from runcoach.domain.plan.model import SCHEMA, Plan
from runcoach.domain.plan.progression import build_plan
from tests.unit.domain.plan.strategies import plan_inputs

PLAN_FIELDS = {
    "schema",
    "athlete",
    "race",
    "start_date",
    "vdot",
    "paces_s_per_km",
    "weeks",
    "warnings",
}
WEEK_FIELDS = {
    "index",
    "start_date",
    "phase",
    "distance_m",
    "long_run_m",
    "is_down_week",
    "reasons",
    "sessions",
}
SESSION_FIELDS = {
    "date",
    "kind",
    "distance_m",
    "duration_s",
    "intensity",
    "distance_by_zone_m",
    "tags",
    "steps",
    "description",
    "reasons",
}
PROPERTY_SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)


def _violations(plan: Plan) -> list[str]:
    return [f"{v.rule} w{v.week}: {v.message}" for v in check_plan(plan)]


@PROPERTY_SETTINGS
@given(plan_inputs())
def test_every_valid_profile_gives_a_safe_plan(inputs: PlanInputs) -> None:
    plan = build_plan(inputs)
    assert _violations(plan) == []
    # ...and the plan read back from its JSON is just as safe (what `plan check` sees).
    again = Plan.from_dict(json.loads(json.dumps(plan.to_dict())))
    assert _violations(again) == []


@PROPERTY_SETTINGS
@given(plan_inputs())
def test_plans_are_deterministic(inputs: PlanInputs) -> None:
    assert check_determinism(lambda: build_plan(inputs)) == []


@PROPERTY_SETTINGS
@given(plan_inputs())
def test_shape_weeks_contiguous_and_race_on_race_day(inputs: PlanInputs) -> None:
    plan = build_plan(inputs)
    for i, week in enumerate(plan.weeks):
        assert week.index == i + 1
        assert week.start_date == inputs.start + timedelta(days=7 * i)
        assert all(week.start_date <= s.date <= week.end_date for s in week.sessions)
    if inputs.race is None:
        assert len(plan.weeks) == inputs.weeks
        assert not any(s.kind == "race" for s in plan.sessions)
    else:
        races = [s for s in plan.sessions if s.kind == "race"]
        assert [(s.date, s.distance_m) for s in races] == [
            (inputs.race.date, round(inputs.race.distance_m, 1))
        ]
        assert plan.weeks[-1].start_date <= inputs.race.date <= plan.weeks[-1].end_date


@PROPERTY_SETTINGS
@given(plan_inputs())
def test_contract_field_names_are_all_present(inputs: PlanInputs) -> None:
    doc = json.loads(json.dumps(build_plan(inputs).to_dict()))
    assert doc["schema"] == SCHEMA
    assert set(doc) >= PLAN_FIELDS
    assert doc["weeks"]
    for week in doc["weeks"]:
        assert set(week) >= WEEK_FIELDS
        assert week["reasons"], "every week says why"
        for session in week["sessions"]:
            assert set(session) >= SESSION_FIELDS
            assert set(session["distance_by_zone_m"]) == {"E", "M", "T", "I", "R"}
            assert session["description"], "no empty boxes (DESIGN.md §10)"
            assert session["reasons"], "every session says why"
    for warning in doc["warnings"]:
        assert set(warning) == {"rule", "text"}
    if doc["vdot"] is not None:
        assert set(doc["paces_s_per_km"]) == {
            "easy_fast",
            "easy_slow",
            "marathon",
            "threshold",
            "interval",
            "repetition",
        }
