"""Pace targets for steps that name a zone but no range, from the plan's training paces.

The engine may give a step only its Daniels zone (E, M, T, I, R); a watch and a calendar need a
pace range. Easy is the plan's own range (``easy_fast``–``easy_slow``); M, T, I and R are single
paces in Daniels' tables, so runcoach widens them by ±2 % (about ±5 s/km at threshold) — a
tolerance for pace alerts, not a coaching rule.

Source: Daniels' Running Formula, 3rd ed. (training paces, COACHING.md §1.4); the ±2 % band is a
runcoach choice (docs/exports.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from runcoach.domain.plan.model import Plan, Step, Target

#: Half-width of the pace band around a single-pace zone, as a fraction of the pace.
PACE_BAND = 0.02
_ZONE_KEYS = {"M": "marathon", "T": "threshold", "I": "interval", "R": "repetition"}


def inference_paces(plan: Plan) -> Mapping[str, float] | None:
    """The paces to infer step targets from: the plan's paces when none of its steps carries a
    target (a plan written elsewhere, zones only); None when the plan sets targets itself — then
    a step without one is run by effort on purpose (hill sprints: all out up a steep hill)."""
    for session in plan.sessions:
        for step in session.steps:
            if any(leaf.target is not None for leaf in step.flatten()):
                return None
    return plan.paces_s_per_km


def zone_target(zone: str | None, paces: Mapping[str, float] | None) -> Target | None:
    """The pace range (s/km, low = faster) of a zone from the plan's paces; None if unknown."""
    if zone is None or not paces:
        return None
    if zone == "E":
        if "easy_fast" in paces and "easy_slow" in paces:
            return Target("pace", paces["easy_fast"], paces["easy_slow"])
        return None
    key = _ZONE_KEYS.get(zone)
    if key is None or key not in paces:
        return None
    pace = paces[key]
    return Target("pace", pace * (1 - PACE_BAND), pace * (1 + PACE_BAND))


def step_target(step: Step, paces: Mapping[str, float] | None) -> Target | None:
    """The step's own target, else its zone's pace range."""
    return step.target if step.target is not None else zone_target(step.zone, paces)


def _round_distance(metres: float) -> bool:
    return abs(metres - round(metres / 100) * 100) < 1.0


def _round_time(seconds: float) -> bool:
    """Whole 10 s below a minute (strides, hill sprints), whole 30 s from a minute up."""
    grain = 10 if seconds < 60 else 30
    return abs(seconds - round(seconds / grain) * grain) < 0.5


def step_measure(step: Step) -> Literal["distance", "time", "open"]:
    """What ends the step: its distance or its time (or the lap button when it has neither).

    When a step has both, the round one is the prescription and the other an estimate: ``8 ×
    2 min`` carries an estimated 353 m, ``3 × 800 m`` an estimated 4:11. A distance that is a
    multiple of 100 m wins; otherwise a round time (10 s under a minute, 30 s above); otherwise
    the distance.
    """
    if step.distance_m and step.duration_s:
        if not _round_distance(step.distance_m) and _round_time(step.duration_s):
            return "time"
        return "distance"
    if step.distance_m:
        return "distance"
    if step.duration_s:
        return "time"
    return "open"
