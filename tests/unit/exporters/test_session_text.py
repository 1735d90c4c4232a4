"""Session text: zone-only steps get the plan's paces; a step with a distance and a time is
measured by the round one; sessions without a description are spelled out step by step."""

from __future__ import annotations

from datetime import date

import pytest

from runcoach.domain.plan.model import Reason, Session, Step, Target
from runcoach.exporters.fit_workout import workout_steps
from runcoach.exporters.session_text import (
    compact_steps,
    describe_session,
    format_day,
    format_step_distance,
    format_step_duration,
)
from runcoach.exporters.targets import step_measure, zone_target
from tests.unit.exporters.sample_plan import PACES

FARTLEK = Session(
    date=date(2027, 3, 3),
    kind="fartlek",
    distance_m=10000.0,
    duration_s=4020.0,
    steps=(
        Step("warmup", distance_m=3000.0, duration_s=1251.3, zone="E"),
        Step(
            "repeat",
            count=8,
            steps=(
                Step("work", distance_m=352.9, duration_s=120.0, zone="T"),
                Step("recovery", distance_m=271.4, duration_s=120.0, zone="E"),
            ),
        ),
        Step("work", distance_m=800.0, duration_s=251.0, zone="I"),
        Step("cooldown", distance_m=2000.0, duration_s=834.2, zone="E"),
    ),
    reasons=(Reason("WORKOUT-LADDER", "Speed by feel."),),
)


def test_zone_targets_from_the_plan_paces() -> None:
    assert zone_target("E", PACES) == Target("pace", 313.0, 344.0)
    t = zone_target("T", PACES)
    assert (
        t is not None and t.low == pytest.approx(260 * 0.98) and t.high == pytest.approx(260 * 1.02)
    )
    assert zone_target("T", {}) is None and zone_target(None, PACES) is None


def test_the_round_measure_is_the_prescription() -> None:
    warm, rep, interval, _ = FARTLEK.steps
    assert step_measure(warm) == "distance"  # 3 km (estimated 20:51)
    assert step_measure(rep.steps[0]) == "time"  # 2 min (estimated 353 m)
    assert step_measure(interval) == "distance"  # 800 m (estimated 4:11)
    assert step_measure(Step("cooldown")) == "open"


def test_a_session_without_description_is_spelled_out_with_paces() -> None:
    text = describe_session(FARTLEK, "km", paces=PACES)
    assert "Distance: 10.0 km" in text and "Time: about 1 h 07 min" in text
    assert "- Warm-up: 3 km (about 20:50 min) easy 5:13–5:44/km" in text
    assert "- 8 ×:" in text
    assert "    - 2 min (about 350 m) at threshold pace 4:15–4:25/km" in text
    assert "- 800 m (about 4:10 min) at interval pace 3:54–4:04/km" in text
    assert "Speed by feel. [WORKOUT-LADDER]" in text
    line = compact_steps(FARTLEK.steps, "mi", PACES)
    assert line.startswith(
        "1.9 mi (about 20:50 min) warm-up 8:24–9:14/mi · 8 × (2 min (about 0.22 mi) @ 6:50–7:07/mi"
    )


def test_fit_steps_use_the_prescription_and_zone_paces() -> None:
    steps = workout_steps(FARTLEK, paces=PACES)
    assert [(s.duration, round(s.value)) for s in steps] == [
        ("distance", 3000),
        ("time", 120),
        ("time", 120),
        ("repeat", 1),
        ("distance", 800),
        ("distance", 2000),
    ]
    work = steps[1]
    assert work.target == "speed" and work.low == pytest.approx(1000 / (260 * 1.02))
    assert steps[3].repeat_count == 8


def test_formatting_helpers() -> None:
    assert format_day(date(2027, 3, 3)) == "Wed 3 Mar 2027"
    assert format_step_distance(400, "mi") == "400 m"
    assert format_step_distance(1609.344, "mi") == "1 mi"
    assert format_step_distance(2000, "km", track=False) == "2 km"
    assert format_step_duration(90) == "1:30 min" and format_step_duration(3600) == "1 h"
