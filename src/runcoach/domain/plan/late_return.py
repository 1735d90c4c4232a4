"""Revisions close to race day, when the engine has no room to rebuild a cycle (the taper has
begun or is about to): the runner still comes back gradually and the paces still follow.

The first weeks from the current one become return weeks (the prescribed shares of the usual
volume, within the ramp limits; never the race week); the weeks after them stay the plan's, with
the review's rest and easy days applied and their paces brought up to date. The TAPER rule is then
judged with the return weeks as the cycle's last training weeks: if the 13 (or 7) days before
the race hold more than 60 % (80 %) of the peak, the taper's runs are shortened; if they hold
less than 40 %, the return weeks are (reductions only, never a run added or lengthened).

Units: metres, dates. Source: COACHING.md §7.1 (taper, Bosquet et al. 2007), §7.2 (return).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from runcoach.domain.plan.model import Session, Step, Week
from runcoach.domain.plan.workouts import PaceBook

_ZONE_WORDS = {"E": "easy", "M": "marathon", "T": "threshold", "I": "interval", "R": "repetition"}


def repace(session: Session, pb: PaceBook) -> Session:
    """``session`` with every pace target of its steps set from ``pb`` (its zone's band), and a
    line saying the paces now — for sessions kept from a plan whose VDOT has changed."""
    if pb.by_effort:
        return session
    zones = sorted({st.zone for step in session.steps for st in step.flatten() if st.zone})
    if not zones:
        return session
    steps = tuple(_repace_step(step, pb) for step in session.steps)
    line = "Paces now (VDOT {:.1f}): {}.".format(
        pb.vdot or 0.0, "; ".join(f"{_ZONE_WORDS[z]} {pb.text(z).split(' ', 1)[-1]}" for z in zones)
    )
    description = session.description
    if "Paces now (VDOT" not in description:
        description = f"{description}\n{line}".strip()
    return replace(session, steps=steps, description=description)


def _repace_step(step: Step, pb: PaceBook) -> Step:
    if step.kind == "repeat":
        return replace(step, steps=tuple(_repace_step(s, pb) for s in step.steps))
    if step.zone is None or step.target is None or step.target.type != "pace":
        return step
    return replace(step, target=pb.target(step.zone))


def scale_runs(week: Week, factor: float, *, since: date) -> Week:
    """The week with its runs from ``since`` on (the goal race excepted) scaled by ``factor``
    (≤ 1: a reduction), distances rounded to 0.1 m."""
    out = []
    for s in week.sessions:
        if not s.is_run or s.kind == "race" or s.date < since:
            out.append(s)
            continue
        tags = s.tags if "adapted" in s.tags else (*s.tags, "adapted")
        out.append(
            replace(
                s,
                distance_m=round(s.distance_m * factor, 1),
                duration_s=round(s.duration_s * factor),
                distance_by_zone_m={
                    z: round(m * factor, 1) for z, m in s.distance_by_zone_m.items()
                },
                tags=tags,
                steps=tuple(_scale_step(st, factor) for st in s.steps),
            )
        )
    return replace(week, sessions=tuple(out))


def _scale_step(step: Step, factor: float) -> Step:
    if step.kind == "repeat":
        return replace(step, steps=tuple(_scale_step(s, factor) for s in step.steps))
    return replace(
        step,
        distance_m=None if step.distance_m is None else round(step.distance_m * factor, 1),
        duration_s=None if step.duration_s is None else round(step.duration_s * factor),
    )
