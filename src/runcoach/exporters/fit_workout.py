"""Structured runs as FIT workout files (file type 5) that watches load as guided workouts.

A session's steps become ``workout_step`` messages in execution order: warm-up, work, recovery,
rest and cool-down steps end after a distance or a time (or at the lap button when neither is
planned), with a pace range encoded as a custom speed range (m/s) or a heart-rate range (bpm);
a repeat becomes a ``repeat_until_steps_cmplt`` step that jumps back to its first child ``count``
times in all. Encoding uses fit-tool (BSD-3); the files are checked with Garmin's own decoder in
the tests.

Source: Garmin FIT SDK profile 21.x — ``workout`` / ``workout_step`` messages; custom speed
targets in m/s × 1000, heart rate as bpm + 100 (values ≤ 100 mean % of max HR), distance
durations in m × 100, time durations in s × 1000 (``docs/exports.md``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Literal

from runcoach.domain.plan.model import Session, Step, Target, Week
from runcoach.errors import OperationError
from runcoach.exporters.session_text import KIND_LABELS
from runcoach.exporters.targets import step_measure, step_target

Intensity = Literal["warmup", "active", "recovery", "rest", "cooldown"]
DurationKind = Literal["distance", "time", "open", "repeat"]
TargetKind = Literal["open", "speed", "heart_rate"]

#: FIT's offset for heart-rate targets given in beats per minute (≤ 100 means % of max HR).
HR_BPM_OFFSET = 100
#: Watches list workouts by name; longer names are cut on most screens.
MAX_NAME_BYTES = 32
MAX_STEP_NAME_BYTES = 16

_INTENSITY: dict[str, Intensity] = {
    "warmup": "warmup",
    "work": "active",
    "recovery": "recovery",
    "rest": "rest",
    "cooldown": "cooldown",
}
_STEP_NAMES: dict[str, str] = {
    "warmup": "Warm-up",
    "work": "Run",
    "recovery": "Recovery",
    "rest": "Rest",
    "cooldown": "Cool-down",
}
_ZONE_NAMES = {"E": "easy", "M": "M pace", "T": "T pace", "I": "I pace", "R": "R pace"}
#: Run kinds whose plain (unstructured) form gets an easy-pace target.
_EASY_KINDS = frozenset({"easy", "recovery", "long"})


@dataclass(frozen=True, slots=True)
class FitStep:
    """One ``workout_step`` message in SI units.

    ``value`` is metres (distance), seconds (time) or, for a repeat, the index of the first step
    to repeat; ``low``/``high`` are m/s for speed targets and bpm for heart-rate targets.
    """

    index: int
    intensity: Intensity | None
    duration: DurationKind
    value: float
    target: TargetKind = "open"
    low: float | None = None
    high: float | None = None
    repeat_count: int | None = None
    name: str | None = None
    notes: str | None = None


def is_structured(session: Session) -> bool:
    """True for a run with a structure worth a watch workout: repeats, a warm-up or cool-down,
    or running outside the easy zone. One easy step (a plain easy or long run) is not."""
    if not session.is_run or not session.steps:
        return False
    leaves = [leaf for step in session.steps for leaf in step.flatten()]
    return (
        len(leaves) > 1
        or any(step.kind == "repeat" for step in session.steps)
        or any(leaf.kind != "work" or leaf.zone not in (None, "E") for leaf in leaves)
    )


def _target(target: Target | None) -> tuple[TargetKind, float | None, float | None]:
    if target is None:
        return "open", None, None
    if target.type == "heart_rate":
        return "heart_rate", target.low, target.high
    # pace low = the faster end → the higher speed
    return "speed", 1000.0 / target.high, 1000.0 / target.low


def _leaf(step: Step, index: int, paces: Mapping[str, float] | None) -> FitStep:
    duration: DurationKind = step_measure(step)
    if duration == "distance":
        value = float(step.distance_m or 0.0)
    elif duration == "time":
        value = float(step.duration_s or 0.0)
    else:
        value = 0.0
    kind, low, high = _target(step_target(step, paces))
    name = _STEP_NAMES.get(step.kind, step.kind)
    if step.kind == "work" and step.zone in _ZONE_NAMES:
        name = f"Run {_ZONE_NAMES[step.zone]}"
    return FitStep(
        index=index,
        intensity=_INTENSITY.get(step.kind, "active"),
        duration=duration,
        value=value,
        target=kind,
        low=low,
        high=high,
        name=name,
        notes=step.description,
    )


def _flatten(
    steps: tuple[Step, ...], out: list[FitStep], paces: Mapping[str, float] | None
) -> None:
    for step in steps:
        if step.kind == "repeat":
            first = len(out)
            _flatten(step.steps, out, paces)
            if len(out) == first:
                continue  # an empty repeat has nothing to do
            out.append(
                FitStep(
                    index=len(out),
                    intensity=None,
                    duration="repeat",
                    value=float(first),
                    repeat_count=step.count or 1,
                )
            )
        else:
            out.append(_leaf(step, len(out), paces))


def workout_steps(
    session: Session,
    *,
    easy_pace: Target | None = None,
    paces: Mapping[str, float] | None = None,
) -> list[FitStep]:
    """The FIT steps of a run, in execution order.

    Steps with a zone but no target get the zone's pace range from ``paces`` (the plan's). A run
    without planned steps becomes one step over its distance (or time), with ``easy_pace`` as
    the target for easy, recovery and long runs.
    """
    out: list[FitStep] = []
    _flatten(session.steps, out, paces)
    if out:
        return out
    zone = "E" if session.kind in _EASY_KINDS else None
    plain = Step(
        "work",
        distance_m=session.distance_m or None,
        duration_s=None if session.distance_m else (session.duration_s or None),
        target=easy_pace if zone else None,
        zone=zone,  # type: ignore[arg-type]
    )
    return [_leaf(plain, 0, paces)]


def _clip(text: str, limit: int) -> str:
    raw = text.replace("×", "x").encode("utf-8")[:limit]
    return raw.decode("utf-8", errors="ignore").strip()


def workout_name(session: Session, week: Week | None = None) -> str:
    """The name a watch shows: ``W3 Intervals 4 x 1000 m`` (at most 32 bytes)."""
    title = session.title or KIND_LABELS.get(session.kind, session.kind)
    prefix = f"W{week.index} " if week is not None else ""
    return _clip(prefix + title, MAX_NAME_BYTES)


def workout_filename(session: Session, week: Week | None, n: int = 1) -> str:
    """A sortable file name: ``2027-03-17_w03_intervals.fit`` (``-2`` for a second run)."""
    wk = f"_w{week.index:02d}" if week is not None else ""
    suffix = f"-{n}" if n > 1 else ""
    return f"{session.date.isoformat()}{wk}_{session.kind}{suffix}.fit"


def _serial(name: str, steps: list[FitStep], day: date) -> int:
    digest = hashlib.sha256(f"{day}|{name}|{steps!r}".encode()).digest()
    return int.from_bytes(digest[:4], "big") or 1


def encode_workout(name: str, steps: list[FitStep], *, day: date) -> bytes:
    """Encode a workout file: file_id (type workout), workout (sport running) and its steps.

    ``day`` (the session's date, 00:00 UTC) is the file's creation time, so the same plan gives
    byte-identical files; the serial number is derived from the content.
    """
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.workout_message import WorkoutMessage
    from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage
    from fit_tool.profile.profile_type import (
        FileType,
        Intensity,
        Manufacturer,
        Sport,
        WorkoutStepDuration,
        WorkoutStepTarget,
    )

    if not steps:
        raise OperationError(f"workout {name!r} has no steps to encode.")
    intensity = {
        "warmup": Intensity.WARMUP,
        "active": Intensity.ACTIVE,
        "recovery": Intensity.RECOVERY,
        "rest": Intensity.REST,
        "cooldown": Intensity.COOLDOWN,
    }
    created = datetime.combine(day, time(0), tzinfo=UTC)
    builder = FitFileBuilder(auto_define=True, min_string_size=0)
    file_id = FileIdMessage()
    file_id.type = FileType.WORKOUT
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = _serial(name, steps, day)
    file_id.time_created = round(created.timestamp() * 1000)
    builder.add(file_id)
    workout = WorkoutMessage()
    workout.workout_name = name
    workout.sport = Sport.RUNNING
    workout.num_valid_steps = len(steps)
    builder.add(workout)
    for step in steps:
        msg = WorkoutStepMessage()
        msg.message_index = step.index
        if step.name:
            msg.workout_step_name = _clip(step.name, MAX_STEP_NAME_BYTES)
        if step.duration == "repeat":
            msg.duration_type = WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT
            msg.duration_step = int(step.value)
            msg.target_type = WorkoutStepTarget.OPEN
            msg.target_repeat_steps = step.repeat_count or 1
            builder.add(msg)
            continue
        if step.duration == "distance":
            msg.duration_type = WorkoutStepDuration.DISTANCE
            msg.duration_distance = round(step.value, 2)
        elif step.duration == "time":
            msg.duration_type = WorkoutStepDuration.TIME
            msg.duration_time = round(step.value, 3)
        else:
            msg.duration_type = WorkoutStepDuration.OPEN
        if step.target == "speed" and step.low is not None and step.high is not None:
            msg.target_type = WorkoutStepTarget.SPEED
            msg.target_speed_zone = 0  # 0 = a custom range follows
            msg.custom_target_speed_low = round(step.low, 3)
            msg.custom_target_speed_high = round(step.high, 3)
        elif step.target == "heart_rate" and step.low is not None and step.high is not None:
            msg.target_type = WorkoutStepTarget.HEART_RATE
            msg.target_hr_zone = 0
            msg.custom_target_heart_rate_low = round(step.low) + HR_BPM_OFFSET
            msg.custom_target_heart_rate_high = round(step.high) + HR_BPM_OFFSET
        else:
            msg.target_type = WorkoutStepTarget.OPEN
        if step.intensity is not None:
            msg.intensity = intensity[step.intensity]
        if step.notes:
            msg.notes = _clip(step.notes, 64)
        builder.add(msg)
    return bytes(builder.build().to_bytes())


def session_workout(
    session: Session,
    week: Week | None = None,
    *,
    easy_pace: Target | None = None,
    paces: Mapping[str, float] | None = None,
) -> bytes:
    """The FIT workout file of one run (``paces``: the plan's, for zone-only steps)."""
    steps = workout_steps(session, easy_pace=easy_pace, paces=paces)
    return encode_workout(workout_name(session, week), steps, day=session.date)
