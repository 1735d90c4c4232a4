"""FIT workouts decoded with Garmin's official SDK and with fitdecode: no errors, file type
workout, and the steps a watch would execute equal the plan's steps."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import fitdecode
import pytest
from garmin_fit_sdk import Decoder, Stream

from runcoach.domain.plan.model import Session, Step, Target
from runcoach.exporters.fit_workout import (
    is_structured,
    session_workout,
    workout_filename,
    workout_name,
    workout_steps,
)
from tests.unit.exporters.sample_plan import EASY, build_sample_plan


def garmin_decode(data: bytes) -> dict[str, Any]:
    decoder = Decoder(Stream.from_byte_array(bytearray(data)))
    assert decoder.is_fit() and decoder.check_integrity()
    decoder = Decoder(Stream.from_byte_array(bytearray(data)))
    messages, errors = decoder.read()
    assert errors == []
    return messages


def fitdecode_messages(data: bytes) -> list[tuple[str, dict[str, Any]]]:
    out = []
    with fitdecode.FitReader(
        io.BytesIO(data),
        check_crc=fitdecode.CrcCheck.RAISE,
        error_handling=fitdecode.ErrorHandling.RAISE,
    ) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                out.append((frame.name, {f.name: f.value for f in frame.fields}))
    return out


def execute(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Run the decoded steps as a watch would: follow repeat steps back to their first step."""
    done: dict[int, int] = {}
    out, i = [], 0
    while i < len(steps):
        step = steps[i]
        if step["duration_type"] == "repeat_until_steps_cmplt":
            count = done.get(i, 1)
            if count < step["repeat_steps"]:
                done[i] = count + 1
                i = step["duration_step"]
            else:
                done.pop(i, None)
                i += 1
            continue
        out.append(step)
        i += 1
    return out


def expected_leaf(step: Step) -> dict[str, Any]:
    leaf: dict[str, Any] = {}
    if step.distance_m:
        leaf["duration"] = ("distance", round(step.distance_m, 2))
    elif step.duration_s:
        leaf["duration"] = ("time", round(step.duration_s, 3))
    else:
        leaf["duration"] = ("open", None)
    t = step.target
    if t is None:
        leaf["target"] = ("open", None, None)
    elif t.type == "pace":
        leaf["target"] = ("speed", round(1000 / t.high, 3), round(1000 / t.low, 3))
    else:
        leaf["target"] = ("heart_rate", round(t.low) + 100, round(t.high) + 100)
    return leaf


def decoded_leaf(step: dict[str, Any]) -> dict[str, Any]:
    kind = step["duration_type"]
    value = {"distance": step.get("duration_distance"), "time": step.get("duration_time")}
    leaf: dict[str, Any] = {"duration": (kind, value.get(kind))}
    target = step["target_type"]
    if target == "speed":
        leaf["target"] = (target, step["custom_target_speed_low"], step["custom_target_speed_high"])
    elif target == "heart_rate":
        leaf["target"] = (
            target,
            step["custom_target_heart_rate_low"],
            step["custom_target_heart_rate_high"],
        )
    else:
        leaf["target"] = ("open", None, None)
    return leaf


def structured_sessions() -> list[tuple[Any, Session]]:
    plan = build_sample_plan()
    return [(w, s) for w in plan.weeks for s in w.sessions if is_structured(s)]


@pytest.mark.parametrize(
    ("week", "session"),
    structured_sessions(),
    ids=[f"{s.date}-{s.kind}" for _, s in structured_sessions()],
)
def test_every_structured_run_decodes_with_the_planned_steps(week: Any, session: Session) -> None:
    data = session_workout(session, week)
    messages = garmin_decode(data)
    assert [m["type"] for m in messages["file_id_mesgs"]] == ["workout"]
    (workout,) = messages["workout_mesgs"]
    assert workout["sport"] == "running"
    assert workout["wkt_name"] == workout_name(session, week)
    steps = messages["workout_step_mesgs"]
    assert workout["num_valid_steps"] == len(steps)
    assert [s["message_index"] for s in steps] == list(range(len(steps)))
    planned = [expected_leaf(s) for top in session.steps for s in top.flatten()]
    assert [decoded_leaf(s) for s in execute(steps)] == planned
    # fitdecode reads the same file, CRC checked, with the same workout and steps
    decoded = fitdecode_messages(data)
    names = [name for name, _ in decoded]
    assert names[0] == "file_id" and names[1] == "workout"
    assert names.count("workout_step") == len(steps)
    assert dict(decoded)["file_id"]["type"] == "workout"


def test_intensities_and_repeats_of_an_interval_session() -> None:
    plan = build_sample_plan()
    week = plan.weeks[2]
    session = next(s for s in week.sessions if s.kind == "intervals")
    steps = garmin_decode(session_workout(session, week))["workout_step_mesgs"]
    assert [s.get("intensity") for s in steps] == [
        "warmup",
        "active",
        "recovery",
        None,
        "cooldown",
    ]
    repeat = steps[3]
    assert repeat["duration_step"] == 1 and repeat["repeat_steps"] == 4
    assert steps[2]["notes"] == "jog"


def test_nested_repeats_execute_in_order() -> None:
    fast = Target("pace", 220.0, 226.0)
    session = Session(
        date=date(2027, 4, 7),
        kind="repetition",
        distance_m=9000.0,
        steps=(
            Step("warmup", duration_s=600.0),
            Step(
                "repeat",
                count=2,
                steps=(
                    Step(
                        "repeat",
                        count=3,
                        steps=(
                            Step("work", distance_m=200.0, target=fast, zone="R"),
                            Step("recovery", distance_m=200.0),
                        ),
                    ),
                    Step("rest", duration_s=240.0),
                ),
            ),
            Step("cooldown"),
        ),
    )
    steps = garmin_decode(session_workout(session))["workout_step_mesgs"]
    ran = execute(steps)
    planned = [expected_leaf(s) for top in session.steps for s in top.flatten()]
    assert [decoded_leaf(s) for s in ran] == planned
    assert len(ran) == 1 + 2 * (3 * 2 + 1) + 1
    assert ran[-1]["duration_type"] == "open"  # cool-down until the lap button


def test_a_plain_easy_run_becomes_one_step_at_easy_pace() -> None:
    session = Session(date=date(2027, 4, 6), kind="easy", distance_m=8000.0, duration_s=2640.0)
    assert not is_structured(session)
    (step,) = workout_steps(session, easy_pace=EASY)
    assert step.duration == "distance" and step.value == 8000.0 and step.target == "speed"
    decoded = garmin_decode(session_workout(session, easy_pace=EASY))["workout_step_mesgs"]
    assert decoded_leaf(decoded[0]) == {
        "duration": ("distance", 8000.0),
        "target": ("speed", round(1000 / EASY.high, 3), round(1000 / EASY.low, 3)),
    }


def test_files_are_deterministic_and_named_for_sorting() -> None:
    (week, session), *_ = structured_sessions()
    assert session_workout(session, week) == session_workout(session, week)
    assert workout_filename(session, week) == f"{session.date.isoformat()}_w01_threshold.fit"
    assert workout_filename(session, week, 2).endswith("_threshold-2.fit")
    assert len(workout_name(session, week).encode()) <= 32
