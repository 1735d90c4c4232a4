"""A week-by-week comparison of two versions of a plan (what an adaptation changed).

Weeks are paired by their start date. Each changed week lists what moved in plain words
(distance, long run, phase, down week, sessions added, removed or changed). Distances are metres.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from runcoach.domain.plan.model import Plan, Session, Week
from runcoach.domain.units import Units, format_distance


@dataclass(frozen=True, slots=True)
class WeekSummary:
    """The headline numbers of one week (metres)."""

    index: int
    phase: str
    distance_m: float
    long_run_m: float
    is_down_week: bool
    sessions: int

    @staticmethod
    def of(week: Week) -> WeekSummary:
        """Summarise a plan week."""
        return WeekSummary(
            index=week.index,
            phase=week.phase,
            distance_m=week.distance_m,
            long_run_m=week.long_run_m,
            is_down_week=week.is_down_week,
            sessions=len(week.sessions),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "phase": self.phase,
            "distance_m": round(self.distance_m, 1),
            "long_run_m": round(self.long_run_m, 1),
            "is_down_week": self.is_down_week,
            "sessions": self.sessions,
        }


@dataclass(frozen=True, slots=True)
class SessionChange:
    """One session that was added, removed or changed on a day."""

    date: date
    change: str  # "added", "removed" or "changed"
    before: Session | None
    after: Session | None

    def describe(self, units: Units = "km") -> str:
        """``Tue 2027-03-02: tempo 10.0 km → easy 6.0 km`` in the runner's units."""
        old = "—" if self.before is None else session_label(self.before, units)
        new = "—" if self.after is None else session_label(self.after, units)
        return f"{self.date:%a %Y-%m-%d}: {old} → {new}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "change": self.change,
            "before": _brief(self.before),
            "after": _brief(self.after),
        }


def _brief(session: Session | None) -> dict[str, Any] | None:
    if session is None:
        return None
    return {
        "kind": session.kind,
        "distance_m": round(session.distance_m, 1),
        "duration_s": round(session.duration_s, 1),
        "intensity": session.intensity,
        "tags": list(session.tags),
    }


def session_label(session: Session, units: Units = "km") -> str:
    """A short label for a session: kind, distance (or minutes) and tags."""
    text = session.kind.replace("_", " ")
    if session.is_run and session.distance_m > 0:
        text += f" {format_distance(session.distance_m, units)}"
    elif session.duration_s > 0:
        text += f" {round(session.duration_s / 60)} min"
    extras = [t for t in session.tags if t not in (session.kind, "adapted", "goal_race")]
    if extras:
        text += " + " + ", ".join(t.replace("_", " ") for t in extras)
    return text


@dataclass(frozen=True, slots=True)
class WeekDiff:
    """How one week changed; ``before``/``after`` are None for a week removed/added."""

    start_date: date
    before: WeekSummary | None
    after: WeekSummary | None
    sessions: tuple[SessionChange, ...]

    @property
    def index(self) -> int:
        """The week number (after the change; before it for a removed week)."""
        summary = self.after or self.before
        assert summary is not None
        return summary.index

    def describe(self, units: Units = "km") -> list[str]:
        """What changed, in plain words, in the runner's units."""
        b, a = self.before, self.after
        if b is None and a is not None:
            return [f"new week: {a.phase}, {format_distance(a.distance_m, units)}"]
        if a is None and b is not None:
            return [f"week removed (was {b.phase}, {format_distance(b.distance_m, units)})"]
        assert a is not None and b is not None
        out: list[str] = []
        if round(a.distance_m) != round(b.distance_m):
            out.append(
                f"distance {format_distance(b.distance_m, units)} → "
                f"{format_distance(a.distance_m, units)}"
            )
        if round(a.long_run_m) != round(b.long_run_m):
            out.append(
                f"long run {format_distance(b.long_run_m, units)} → "
                f"{format_distance(a.long_run_m, units)}"
            )
        if a.phase != b.phase:
            out.append(f"phase {b.phase} → {a.phase}")
        if a.is_down_week != b.is_down_week:
            out.append("now a down week" if a.is_down_week else "no longer a down week")
        if self.sessions and not out:
            out.append(f"{len(self.sessions)} session(s) changed")
        return out

    def to_dict(self, units: Units = "km") -> dict[str, Any]:
        return {
            "start_date": self.start_date.isoformat(),
            "week": self.index,
            "before": None if self.before is None else self.before.to_dict(),
            "after": None if self.after is None else self.after.to_dict(),
            "changes": self.describe(units),
            "sessions": [s.to_dict() for s in self.sessions],
        }


def _session_changes(before: Sequence[Session], after: Sequence[Session]) -> list[SessionChange]:
    days = sorted({s.date for s in before} | {s.date for s in after})
    out: list[SessionChange] = []
    for day in days:
        old = [s for s in before if s.date == day]
        new = [s for s in after if s.date == day]
        for i in range(max(len(old), len(new))):
            o = old[i] if i < len(old) else None
            n = new[i] if i < len(new) else None
            if o is not None and n is not None and o.to_dict() == n.to_dict():
                continue
            change = "added" if o is None else "removed" if n is None else "changed"
            out.append(SessionChange(date=day, change=change, before=o, after=n))
    return out


def _same(a: Week, b: Week) -> bool:
    return (
        a.phase == b.phase
        and a.is_down_week == b.is_down_week
        and a.index == b.index
        and [s.to_dict() for s in a.sessions] == [s.to_dict() for s in b.sessions]
    )


def diff_plans(before: Plan, after: Plan) -> tuple[WeekDiff, ...]:
    """The weeks that differ between two plans, in date order (unchanged weeks left out)."""
    old = {w.start_date: w for w in before.weeks}
    new = {w.start_date: w for w in after.weeks}
    out: list[WeekDiff] = []
    for start in sorted(old.keys() | new.keys()):
        b, a = old.get(start), new.get(start)
        if b is not None and a is not None and _same(b, a):
            continue
        out.append(
            WeekDiff(
                start_date=start,
                before=None if b is None else WeekSummary.of(b),
                after=None if a is None else WeekSummary.of(a),
                sessions=tuple(
                    _session_changes(
                        () if b is None else b.sessions, () if a is None else a.sessions
                    )
                ),
            )
        )
    return tuple(out)
