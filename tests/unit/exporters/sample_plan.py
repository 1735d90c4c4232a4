"""A small but realistic hand-built plan for the exporter tests (no engine needed).

An 8-week half-marathon cycle for a VDOT-45 runner: base weeks with strides and strength, a build
with intervals (warm-up, repeats of work/recovery with pace targets, cool-down), a threshold run
with a heart-rate recovery, a down week, long runs, a taper and the race on the last Sunday.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from runcoach.domain.plan.model import (
    Exercise,
    Plan,
    RaceGoal,
    Reason,
    Session,
    Step,
    Target,
    Week,
)

START = date(2027, 3, 1)  # a Monday
RACE_DAY = START + timedelta(weeks=7, days=6)  # Sunday of week 8
PACES = {
    "easy_fast": 313.0,
    "easy_slow": 344.0,
    "marathon": 277.0,
    "threshold": 260.0,
    "interval": 239.0,
    "repetition": 223.0,
}
EASY = Target("pace", PACES["easy_fast"], PACES["easy_slow"])
T_PACE = Target("pace", 256.0, 264.0)
I_PACE = Target("pace", 236.0, 242.0)


def easy(day: date, km: float, *, strides: bool = False) -> Session:
    tags = ("strides",) if strides else ()
    text = "Easy, conversational running."
    if strides:
        text += " Finish with 6 × 20 s relaxed-fast strides, full walk-back recovery."
    return Session(
        date=day,
        kind="easy",
        distance_m=km * 1000,
        duration_s=km * 330,
        distance_by_zone_m={"E": km * 1000},
        tags=tags,
        description=text,
        reasons=(Reason("EASY-BULK", "Most running is easy to build the aerobic base."),),
        title="Easy run",
    )


def long_run(day: date, km: float) -> Session:
    return Session(
        date=day,
        kind="long",
        distance_m=km * 1000,
        duration_s=km * 335,
        intensity="moderate",
        distance_by_zone_m={"E": km * 1000},
        steps=(Step("work", distance_m=km * 1000, target=EASY, zone="E"),),
        description="Long run at an easy, even effort; take water if over 90 minutes.",
        reasons=(Reason("LONG-PROGRESS", "The long run grows by about 1.5 km a week."),),
        title="Long run",
    )


def intervals(day: date, reps: int) -> Session:
    work = reps * 1000.0
    recovery = Step("recovery", duration_s=120.0, description="jog")
    main = Step(
        "repeat",
        count=reps,
        steps=(Step("work", distance_m=1000.0, target=I_PACE, zone="I"), recovery),
    )
    total = 2000 + work + reps * 300 + 2000
    return Session(
        date=day,
        kind="intervals",
        distance_m=total,
        duration_s=total * 0.3,
        intensity="hard",
        distance_by_zone_m={"E": total - work, "I": work},
        steps=(
            Step("warmup", distance_m=2000.0, target=EASY, zone="E"),
            main,
            Step("cooldown", distance_m=2000.0, target=EASY, zone="E"),
        ),
        description="VO2max intervals: hard but controlled, the same pace for every repeat.",
        reasons=(Reason("QUALITY-I", "Interval work raises aerobic power in the build."),),
        title=f"Intervals {reps} × 1000 m",
    )


def threshold(day: date, minutes: int) -> Session:
    return Session(
        date=day,
        kind="threshold",
        distance_m=9000.0,
        duration_s=2700.0,
        intensity="hard",
        distance_by_zone_m={"E": 5000.0, "T": 4000.0},
        steps=(
            Step("warmup", duration_s=900.0, target=EASY, zone="E"),
            Step(
                "repeat",
                count=2,
                steps=(
                    Step("work", duration_s=minutes * 60.0, target=T_PACE, zone="T"),
                    Step("recovery", duration_s=60.0, target=Target("heart_rate", 120, 140)),
                ),
            ),
            Step("cooldown", duration_s=600.0),
        ),
        description="Cruise intervals at threshold: comfortably hard.",
        reasons=(Reason("QUALITY-T", "Threshold work raises the pace you can hold for an hour."),),
        title=f"Cruise intervals 2 × {minutes} min",
    )


def strength(day: date, *, light: bool = False) -> Session:
    sets = 2 if light else 3
    return Session(
        date=day,
        kind="strength",
        duration_s=1800.0,
        tags=("light",) if light else (),
        exercises=(
            Exercise("Split squat", sets, reps=8, note="each leg"),
            Exercise("Calf raise (bent knee)", sets, reps=15),
            Exercise("Side plank", sets, seconds=30),
        ),
        description="Runner's strength routine: hips, single-leg strength and calves.",
        reasons=(Reason("STRENGTH", "Two strength sessions a week in base and build."),),
        title="Strength: runner's routine",
    )


def rest(day: date) -> Session:
    return Session(date=day, kind="rest", title="Rest day")


def _week(index: int, phase: str, sessions: list[Session], *, down: bool = False) -> Week:
    reasons = [Reason("PHASE", f"Week {index} of the {phase} phase.")]
    if down:
        reasons.append(Reason("DOWN-CADENCE", "A lighter week after three building weeks."))
    return Week(
        index=index,
        start_date=START + timedelta(weeks=index - 1),
        phase=phase,  # type: ignore[arg-type]
        sessions=tuple(sessions),
        is_down_week=down,
        reasons=tuple(reasons),
    )


def build_sample_plan() -> Plan:
    """The sample plan (deterministic)."""
    weeks = []
    layout = [
        (1, "base", 10.0, None, False),
        (2, "base", 11.5, None, False),
        (3, "build", 13.0, 4, False),
        (4, "build", 10.0, None, True),
        (5, "build", 14.5, 5, False),
        (6, "peak", 16.0, 6, False),
        (7, "taper", 12.0, 4, False),
    ]
    for index, phase, long_km, reps, down in layout:
        mon = START + timedelta(weeks=index - 1)
        sessions = [rest(mon), easy(mon + timedelta(days=1), 8.0, strides=phase == "base")]
        sessions.append(strength(mon + timedelta(days=1), light=phase in ("peak", "taper")))
        if reps:
            sessions.append(intervals(mon + timedelta(days=2), reps))
        elif down:
            sessions.append(easy(mon + timedelta(days=2), 6.0))
        else:
            sessions.append(threshold(mon + timedelta(days=2), 8))
        sessions.append(easy(mon + timedelta(days=4), 7.0 if down else 9.0))
        if phase in ("base", "build") and not down:
            sessions.append(strength(mon + timedelta(days=4)))
        sessions.append(long_run(mon + timedelta(days=6), long_km))
        weeks.append(_week(index, phase, sessions, down=down))
    race_mon = START + timedelta(weeks=7)
    race = Session(
        date=RACE_DAY,
        kind="race",
        distance_m=21097.5,
        duration_s=6300.0,
        intensity="hard",
        distance_by_zone_m={"M": 21097.5},
        description="Race day: start at goal pace, not faster.",
        reasons=(Reason("SHAPE", "The goal race."),),
        title="Half marathon",
    )
    weeks.append(
        _week(
            8,
            "race",
            [
                rest(race_mon),
                easy(race_mon + timedelta(days=1), 6.0, strides=True),
                easy(race_mon + timedelta(days=3), 5.0),
                rest(race_mon + timedelta(days=5)),
                race,
            ],
        )
    )
    return Plan(
        athlete={"name": "Kris", "age": 38, "sex": "F", "units": "km"},
        race=RaceGoal(21097.5, RACE_DAY, 6300.0, name="Spring Half"),
        start_date=START,
        vdot=45.0,
        paces_s_per_km=PACES,
        weeks=tuple(weeks),
        warnings=(),
    )


def change_week(plan: Plan, index: int, new_week: Week) -> Plan:
    """A copy of ``plan`` with week ``index`` replaced."""
    return plan.with_weeks([new_week if w.index == index else w for w in plan.weeks])


def drop_session(plan: Plan, day: date, kind: str) -> Plan:
    """A copy of ``plan`` without the session of ``kind`` on ``day``."""
    weeks = []
    for w in plan.weeks:
        sessions = tuple(s for s in w.sessions if not (s.date == day and s.kind == kind))
        weeks.append(replace(w, sessions=sessions))
    return plan.with_weeks(weeks)
