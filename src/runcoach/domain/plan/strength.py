"""Strength routines for runners that progress week to week (STRENGTH, STRENGTH-PROGRESSION).

Injury-prevention work first (hips and glutes, core, calves and soleus for the Achilles, single-leg
strength from split squats toward pistol squats), plyometrics later in the build, heavy lifting
only for runners who already lift; lighter in the peak, light and early in race week. Within a
block the sets, reps or holds grow each week; a down week drops a set.

Source: Balsalobre-Fernández et al. 2016 (2–3 sessions a week for 8–12 weeks improve economy),
Eihara et al. 2022 (heavy ≥ 80–90 % 1RM most effective), Rønnestad et al. 2010 (one session a week
maintains): COACHING.md §9. Units: seconds for holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from runcoach.domain.plan.model import Exercise, Reason, Session

Level = Literal["foundation", "single_leg", "plyometric", "heavy", "maintenance", "light"]

#: Single-leg squat ladder, from split squats toward pistol squats.
SQUAT_LADDER = (
    "split squat",
    "rear-foot-elevated (Bulgarian) split squat",
    "single-leg box squat (sit to a knee-high box)",
    "assisted pistol squat (hold a door frame)",
    "pistol squat",
)


@dataclass(frozen=True, slots=True)
class StrengthSpec:
    """Which routine a week gets: its level, the week within that level, and whether it is light."""

    level: Level
    week_in_level: int
    down: bool = False
    heavy_allowed: bool = False


def _grow(base: int, step: int, weeks: int, cap: int) -> int:
    return min(base + step * weeks, cap)


def routine(spec: StrengthSpec, variant: int) -> tuple[str, tuple[Exercise, ...], int, bool]:
    """(name, exercises, minutes, heavy) for a routine; ``variant`` 0/1 alternates A/B days."""
    k = spec.week_in_level
    sets = 2 if spec.down else 3
    squat = SQUAT_LADDER[
        min(k // 3 + (1 if spec.level != "foundation" else 0), len(SQUAT_LADDER) - 1)
    ]
    if spec.level == "foundation":
        reps = _grow(8, 2, k, 15)
        hold = _grow(20, 5, k, 45)
        ex = [
            Exercise("glute bridge", sets, reps=reps + 4),
            Exercise(
                "clamshell", sets, reps=reps + 4, note="each side, band above the knees when easy"
            ),
            Exercise(squat, sets, reps=reps, note="each leg, slow down, knee over toes"),
            Exercise("calf raise (straight knee)", sets, reps=reps + 5, note="slow, full range"),
            Exercise("bent-knee soleus raise", sets, reps=reps + 5, note="Achilles health"),
            Exercise("front plank", sets, seconds=hold + 10),
            Exercise("side plank", sets, seconds=hold, note="each side"),
            Exercise("bird dog", 2, reps=10, note="each side"),
        ]
        return (
            "Runner's foundation",
            tuple(ex) if variant == 0 else tuple(ex[:3] + ex[4:]),
            25,
            False,
        )
    if spec.level == "single_leg":
        reps = _grow(6, 1, k, 10)
        hold = _grow(30, 5, k, 45)
        ex = [
            Exercise(
                squat, sets, reps=reps, note="each leg; hold a dumbbell when the reps are easy"
            ),
            Exercise("single-leg Romanian deadlift", sets, reps=reps, note="each leg, hips square"),
            Exercise(
                "single-leg calf raise",
                sets,
                reps=reps + 6,
                note="each leg, add a backpack for load",
            ),
            Exercise("bent-knee soleus raise (weighted)", sets, reps=reps + 4),
            Exercise(
                "step-up onto a knee-high box", sets, reps=reps, note="each leg, drive the knee"
            ),
            Exercise("single-leg glute bridge", sets, reps=reps + 2, note="each leg"),
            Exercise("Copenhagen plank (short lever)", 2, seconds=hold - 10, note="each side"),
            Exercise("dead bug", 2, reps=10, note="each side"),
        ]
        return (
            "Single-leg strength",
            tuple(ex) if variant == 0 else tuple(ex[:2] + ex[3:]),
            30,
            False,
        )
    if spec.level == "plyometric":
        contacts = _grow(20, 5, k, 40)
        ex = [
            Exercise("pogo hops (both feet, stiff ankles)", sets, reps=contacts),
            Exercise("A-skips", sets, reps=20, note="metres × 20"),
            Exercise("bounding", sets, reps=_grow(6, 2, k, 12), note="strides per set"),
            Exercise("box jump (step down)", sets, reps=_grow(4, 1, k, 6)),
            Exercise(squat, sets, reps=_grow(6, 1, k, 8), note="each leg"),
            Exercise("single-leg calf raise (weighted)", sets, reps=12, note="each leg"),
            Exercise("side plank with leg lift", 2, seconds=30, note="each side"),
        ]
        return "Plyometrics and single-leg strength", tuple(ex), 30, False
    if spec.level == "heavy":
        reps = 6 if k < 2 else 5 if k < 4 else 4
        pct = 80 if k < 2 else 85 if k < 4 else 88
        ex = [
            Exercise(
                "back squat or trap-bar deadlift",
                sets + (0 if spec.down else 1),
                reps=reps,
                note=f"about {pct} % of 1RM, 2–3 min rest",
            ),
            Exercise("Romanian deadlift", sets, reps=6, note="heavy, controlled"),
            Exercise("weighted calf raise (straight and bent knee)", sets, reps=8),
            Exercise("pogo hops", sets, reps=20),
            Exercise("box jump", sets, reps=4),
            Exercise("side plank", 2, seconds=40, note="each side"),
        ]
        return "Heavy strength and power", tuple(ex), 40, True
    if spec.level == "maintenance":
        ex = [
            Exercise(squat, 2, reps=8, note="each leg"),
            Exercise("single-leg Romanian deadlift", 2, reps=8, note="each leg"),
            Exercise("single-leg calf raise", 2, reps=15, note="each leg"),
            Exercise("pogo hops", 2, reps=20),
            Exercise("side plank", 2, seconds=30, note="each side"),
        ]
        return "Maintenance strength", tuple(ex), 20, False
    ex = [
        Exercise("glute bridge", 2, reps=12),
        Exercise("calf raise", 2, reps=15),
        Exercise("clamshell", 2, reps=15, note="each side"),
        Exercise("front plank", 2, seconds=30),
        Exercise("hip and ankle mobility", 1, seconds=300),
    ]
    return "Light activation", tuple(ex), 15, False


def strength_session(
    day: date, spec: StrengthSpec, reasons: Sequence[Reason], *, variant: int = 0
) -> Session:
    """A strength session with exercises, sets × reps or seconds, duration and progression note."""
    name, exercises, minutes, heavy = routine(spec, variant)
    lines = [f"{name} ({minutes} min): injury prevention and running economy."]
    for e in exercises:
        dose = f"{e.reps} reps" if e.reps else f"{e.seconds} s"
        lines.append(f"- {e.name}: {e.sets} × {dose}" + (f" ({e.note})" if e.note else ""))
    lines.append(_progression_note(spec))
    tags = (
        ["heavy"]
        if heavy
        else ["light"]
        if spec.level in ("light", "maintenance") or spec.down
        else []
    )
    return Session(
        date=day,
        kind="strength",
        duration_s=minutes * 60.0,
        intensity="moderate" if heavy or spec.level == "plyometric" else "easy",
        tags=tuple(tags),
        description="\n".join(lines),
        reasons=tuple(reasons),
        title=name,
        exercises=exercises,
    )


def _progression_note(spec: StrengthSpec) -> str:
    if spec.down:
        return "Down week: one set fewer, same exercises; stop well short of fatigue."
    if spec.level == "light":
        return "Keep it light: nothing should be sore tomorrow."
    if spec.level == "maintenance":
        return "Peak phase: keep the strength you built with less volume; no new exercises."
    if spec.level == "heavy":
        return "Next week: the same or a little more load; leave 1–2 reps in reserve."
    return "Next week: a little more (reps, seconds or load); move up the ladder when all sets feel easy."


def level_for(
    phase: str, progress: float, *, beginner: bool, lifts: bool, weeks_done: int
) -> Level:
    """The routine level for a week of ``phase`` at ``progress`` (0–1) through the phase."""
    if phase in ("taper", "race", "recovery", "return"):
        return "light"
    if phase == "peak":
        return "maintenance"
    if phase == "run_walk" or beginner or weeks_done < 4:
        return "foundation"
    if phase == "base":
        return "single_leg" if weeks_done >= 4 else "foundation"
    if lifts:
        return "heavy"
    return "plyometric" if progress >= 0.4 else "single_leg"
