"""Plain-text rendering of plan sessions for the files runners read: calendar events, the report.

Everything is shown in the runner's units (``km`` or ``mi``) with locale-free dates
(``Tue 3 Mar 2027``). Track-style distances (multiples of 100 m under 3 km) stay in metres in
both unit systems, as runners say them ("6 × 400 m").

Source: DESIGN.md §10 ("a runner must be able to do every session from its description alone").
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from runcoach.domain.plan.model import Exercise, Session, Step, Target, Week
from runcoach.domain.units import METRES_PER_MILE, Units, format_distance, format_pace
from runcoach.exporters.targets import step_measure, step_target

Paces = Mapping[str, float] | None

KIND_LABELS: dict[str, str] = {
    "rest": "Rest day",
    "easy": "Easy run",
    "recovery": "Recovery run",
    "long": "Long run",
    "hills": "Hills",
    "fartlek": "Fartlek",
    "tempo": "Tempo run",
    "threshold": "Threshold run",
    "intervals": "Intervals",
    "repetition": "Repetitions",
    "marathon_pace": "Marathon-pace run",
    "progression": "Progression run",
    "race": "Race",
    "strength": "Strength",
    "cross": "Cross-training",
    "run_walk": "Run/walk",
}

ZONE_LABELS: dict[str, str] = {
    "E": "easy",
    "M": "marathon pace",
    "T": "threshold pace",
    "I": "interval pace",
    "R": "repetition pace",
}

PHASE_LABELS: dict[str, str] = {
    "run_walk": "run/walk",
    "base": "base",
    "build": "build",
    "peak": "peak",
    "taper": "taper",
    "race": "race",
    "recovery": "recovery",
    "return": "return to running",
}

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def format_day(day: date, *, weekday: bool = True) -> str:
    """A locale-free, unambiguous date such as ``Tue 3 Mar 2027`` (or ``3 Mar 2027``)."""
    text = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{_WEEKDAYS[day.weekday()]} {text}" if weekday else text


def format_short_day(day: date) -> str:
    """A compact unambiguous date without the year, such as ``3 Mar``."""
    return f"{day.day} {_MONTHS[day.month - 1]}"


def format_step_distance(metres: float, units: Units, *, track: bool = True) -> str:
    """A step distance as runners say it: ``400 m``, ``1 mi``, ``2.5 km``.

    With ``track`` (work and recovery steps), multiples of 100 m below 3 km stay in metres;
    whole or quarter miles are shown in miles for a runner in miles; anything else in the
    runner's unit with one or two decimals.
    """
    if track and metres < 3000 and abs(metres - round(metres / 100) * 100) < 0.5:
        return f"{round(metres):d} m"
    if units == "mi":
        miles = metres / METRES_PER_MILE
        quarters = round(miles * 4) / 4
        if abs(miles - quarters) < 0.005:
            return f"{quarters:g} mi"
        return format_distance(metres, "mi", decimals=1 if miles >= 1 else 2)
    km = metres / 1000
    if abs(km - round(km, 1)) < 0.0005:
        return f"{round(km, 1):g} km"
    return format_distance(metres, "km", decimals=2)


def format_step_duration(seconds: float) -> str:
    """A step duration such as ``30 s``, ``2 min``, ``2:30 min`` or ``1 h 15 min``."""
    total = round(seconds)
    if total < 60:
        return f"{total} s"
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min" if minutes or secs else f"{hours} h"
    return f"{minutes}:{secs:02d} min" if secs else f"{minutes} min"


def format_target(target: Target, units: Units) -> str:
    """A pace range (``4:05–4:12/km``) or heart-rate range (``140–150 bpm``)."""
    if target.type == "heart_rate":
        if round(target.low) == round(target.high):
            return f"{round(target.low)} bpm"
        return f"{round(target.low)}–{round(target.high)} bpm"
    fast = format_pace(target.low, units)
    slow = format_pace(target.high, units)
    if fast == slow:
        return fast
    return f"{fast.split('/')[0]}–{slow}"


def _about(metres: float, units: Units) -> str:
    if units == "km" and metres < 1000:
        return f"{round(metres, -1):.0f} m"
    return format_step_distance(metres, units, track=False)


def _amount(step: Step, units: Units) -> str:
    measure = step_measure(step)
    track = step.kind not in ("warmup", "cooldown")
    if measure == "distance":
        assert step.distance_m is not None
        text = format_step_distance(step.distance_m, units, track=track)
        if step.duration_s:
            text += f" (about {format_step_duration(round(step.duration_s / 5) * 5)})"
        return text
    if measure == "time":
        assert step.duration_s is not None
        text = format_step_duration(step.duration_s)
        if step.distance_m:
            text += f" (about {_about(step.distance_m, units)})"
        return text
    return "until you press lap"


def _effort(step: Step, units: Units, paces: Paces) -> str:
    bits = []
    if step.zone is not None:
        bits.append(ZONE_LABELS.get(step.zone, step.zone))
    target = step_target(step, paces)
    if target is not None:
        bits.append(format_target(target, units))
    return " ".join(bits)


def describe_step(step: Step, units: Units, paces: Paces = None) -> str:
    """One line for a leaf step, e.g. ``1000 m at interval pace 4:05–4:12/km``.

    A step with a zone but no target gets its zone's pace range from ``paces`` (the plan's).
    """
    amount = _amount(step, units)
    effort = _effort(step, units, paces)
    if step.kind == "warmup":
        text = f"Warm-up: {amount}" + (f" {effort}" if effort else " easy")
    elif step.kind == "cooldown":
        text = f"Cool-down: {amount}" + (f" {effort}" if effort else " easy")
    elif step.kind == "recovery":
        text = f"{amount} recovery" + (f" {effort}" if effort else "")
        if not effort and not step.description:
            text += " (easy jog or walk)"
    elif step.kind == "rest":
        text = f"{amount} standing or walking rest"
    else:
        text = f"{amount} at {effort}" if effort else amount
    if step.description:
        text += f" — {step.description}"
    return text


def describe_steps(
    steps: tuple[Step, ...], units: Units, paces: Paces = None, *, indent: str = ""
) -> list[str]:
    """Lines for a list of steps; repeats become ``5 ×`` followed by their indented children."""
    lines: list[str] = []
    for step in steps:
        if step.kind == "repeat":
            head = f"{indent}- {step.count or 1} ×"
            if step.description:
                head += f" ({step.description})"
            lines.append(head + ":")
            lines.extend(describe_steps(step.steps, units, paces, indent=indent + "    "))
        else:
            lines.append(f"{indent}- {describe_step(step, units, paces)}")
    return lines


def describe_exercise(exercise: Exercise) -> str:
    """One strength exercise, e.g. ``Split squat: 3 × 8`` or ``Side plank: 2 × 30 s``."""
    if exercise.reps is not None:
        dose = f"{exercise.sets} × {exercise.reps}"
    elif exercise.seconds is not None:
        dose = f"{exercise.sets} × {exercise.seconds} s"
    else:
        dose = f"{exercise.sets} set{'s' if exercise.sets != 1 else ''}"
    text = f"{exercise.name}: {dose}"
    return f"{text} ({exercise.note})" if exercise.note else text


def session_title(session: Session, units: Units) -> str:
    """A short title: the plan's own title, else the kind, with the distance for runs."""
    title = session.title or KIND_LABELS.get(session.kind, session.kind)
    if session.is_run and session.distance_m > 0:
        distance = format_distance(session.distance_m, units)
        if distance not in title:
            title = f"{title} · {distance}"
    elif session.duration_s > 0 and session.kind in ("strength", "cross"):
        title = f"{title} · {format_step_duration(session.duration_s)}"
    return title


def describe_session(
    session: Session,
    units: Units,
    *,
    week: Week | None = None,
    weeks_total: int | None = None,
    paces: Paces = None,
) -> str:
    """The full text of a session: what to do, the structure, the exercises and the why.

    A session with its own description (the engine writes one) gets the structure as one line
    with the paces in ``units``; one without gets the distance, time and every step spelled out.
    """
    blocks: list[str] = []
    if session.description:
        blocks.append(session.description.strip())
        if session.steps and session.kind != "race":  # the race is run to its own plan
            blocks.append(f"Your paces ({units}): " + compact_steps(session.steps, units, paces))
        if session.exercises and session.exercises[0].name not in session.description:
            blocks.append(
                "Exercises:\n" + "\n".join(f"- {describe_exercise(e)}" for e in session.exercises)
            )
        return _with_why(blocks, session, week, weeks_total, units)
    facts = []
    if session.is_run and session.distance_m > 0:
        facts.append(f"Distance: {format_distance(session.distance_m, units)}")
    if session.duration_s > 0:
        facts.append(f"Time: about {format_step_duration(round(session.duration_s / 60) * 60)}")
    if session.tags:
        facts.append("Includes: " + ", ".join(t.replace("_", " ") for t in session.tags))
    if facts:
        blocks.append("\n".join(facts))
    if session.steps:
        blocks.append("Structure:\n" + "\n".join(describe_steps(session.steps, units, paces)))
    if session.exercises:
        blocks.append(
            "Exercises:\n" + "\n".join(f"- {describe_exercise(e)}" for e in session.exercises)
        )
    if session.kind == "rest":
        blocks.append("No running today: sleep, eat well, and keep moving gently (walk, mobility).")
    return _with_why(blocks, session, week, weeks_total, units)


def _with_why(
    blocks: list[str], session: Session, week: Week | None, weeks_total: int | None, units: Units
) -> str:
    why = [f"- {r.text} [{r.rule}]" for r in session.reasons]
    if week is not None:
        why.extend(f"- {r.text} [{r.rule}]" for r in week.reasons)
    if why:
        blocks.append("Why:\n" + "\n".join(why))
    if week is not None:
        of = f" of {weeks_total}" if weeks_total else ""
        line = f"Week {week.index}{of} · {PHASE_LABELS.get(week.phase, week.phase)} phase"
        if week.is_down_week:
            line += " · down week"
        line += f" · {format_distance(week.distance_m, units)} planned this week"
        blocks.append(line)
    return "\n\n".join(blocks)


def _compact_leaf(step: Step, units: Units, paces: Paces) -> str:
    amount = _amount(step, units)
    target = step_target(step, paces)
    effort = format_target(target, units) if target is not None else ""
    if step.kind == "warmup":
        return f"{amount} warm-up" + (f" {effort}" if effort else "")
    if step.kind == "cooldown":
        return f"{amount} cool-down" + (f" {effort}" if effort else "")
    if step.kind == "recovery":
        return f"{amount} {step.description or 'recovery'}" + (f" {effort}" if effort else "")
    if step.kind == "rest":
        return f"{amount} rest"
    if effort:
        return f"{amount} @ {effort}"
    zone = ZONE_LABELS.get(step.zone, "") if step.zone else ""
    return f"{amount} {zone}".strip()


def compact_steps(steps: tuple[Step, ...], units: Units, paces: Paces = None) -> str:
    """The structure on one line, e.g. ``2 km warm-up · 4 × (1000 m @ 3:56–4:02/km, 2 min
    recovery) · 2 km cool-down``."""
    parts = []
    for step in steps:
        if step.kind == "repeat":
            inner = ", ".join(
                compact_steps((child,), units, paces)
                if child.kind == "repeat"
                else _compact_leaf(child, units, paces)
                for child in step.steps
            )
            parts.append(f"{step.count or 1} × ({inner})")
        else:
            parts.append(_compact_leaf(step, units, paces))
    return " · ".join(parts)
