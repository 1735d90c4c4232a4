"""What to do today and this week, from the plan as a review would adjust it, with the why.

Pure views over a :class:`~runcoach.domain.plan.adaptation.PlanChange`: the sessions of a day or
of the week that contains it, whether each is done, missed or still to do, and one or two
sentences saying why (the adaptation's reasons first when it changed that day, else the
session's and the week's own reasons).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from runcoach.domain.plan.adaptation import PlanChange
from runcoach.domain.plan.compliance import SessionMatch, WeekCompliance
from runcoach.domain.plan.model import Reason, Session, Week

#: How many sentences of "why" a view shows.
WHY_SENTENCES = 2

ItemStatus = Literal["done", "partial", "missed", "upcoming", "rest"]


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One session with its status (done, partial, missed, upcoming) and whether a review
    changed it."""

    session: Session
    status: ItemStatus
    adjusted: bool
    logged_m: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "session": self.session.to_dict(),
            "status": self.status,
            "adjusted": self.adjusted,
            "logged_distance_m": round(self.logged_m, 1),
        }


@dataclass(frozen=True, slots=True)
class Agenda:
    """Sessions for a day or a week, with the why (rule + sentence) and the week's numbers."""

    first_day: date
    last_day: date
    week: Week | None
    items: tuple[AgendaItem, ...]
    why: tuple[Reason, ...]
    adjusted: bool
    planned_m: float
    done_m: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "first_day": self.first_day.isoformat(),
            "last_day": self.last_day.isoformat(),
            "week": None
            if self.week is None
            else {
                "index": self.week.index,
                "phase": self.week.phase,
                "is_down_week": self.week.is_down_week,
                "distance_m": round(self.week.distance_m, 1),
            },
            "sessions": [i.to_dict() for i in self.items],
            "why": [r.to_dict() for r in self.why],
            "adjusted": self.adjusted,
            "planned_distance_m": round(self.planned_m, 1),
            "done_distance_m": round(self.done_m, 1),
        }


def _changed_days(change: PlanChange) -> set[date]:
    return {s.date for d in change.diff for s in d.sessions}


def _status(
    session: Session, compliance: tuple[WeekCompliance, ...], today: date
) -> tuple[ItemStatus, float]:
    if session.kind == "rest":
        return "rest", 0.0
    for week in compliance:
        for m in week.matches:
            if _same_slot(m, session):
                return m.status, m.done_m
    return ("missed" if session.date < today else "upcoming"), 0.0


def _same_slot(match: SessionMatch, session: Session) -> bool:
    s = match.session
    return s.date == session.date and s.kind == session.kind and s.distance_m == session.distance_m


def _why(
    change: PlanChange, items: tuple[AgendaItem, ...], week: Week | None, *, whole_week: bool
) -> tuple[Reason, ...]:
    """Adaptation reasons first when it changed these days; then, for a week, the week's own
    reasons; for a day, its runs' reasons before the rest day's and the week's."""
    out: list[Reason] = []
    if any(i.adjusted for i in items) and change.changed:
        out.extend(r for r in change.reasons)
    if whole_week and week is not None:
        out.extend(week.reasons)
    for item in sorted(items, key=lambda i: (not i.session.is_run, i.session.kind == "rest")):
        out.extend(item.session.reasons)
    if week is not None:
        out.extend(week.reasons)
    seen: list[Reason] = []
    for r in out:
        if r not in seen:
            seen.append(r)
    return tuple(seen[:WHY_SENTENCES])


def day_agenda(change: PlanChange, day: date) -> Agenda:
    """Today's sessions (rest when the plan has none) from the adjusted plan, with the why."""
    plan = change.plan
    week = plan.week_of(day)
    sessions = tuple(s for s in plan.sessions if s.date == day)
    changed = _changed_days(change)
    items = tuple(
        AgendaItem(
            session=s,
            status=_status(s, change.compliance, change.today)[0],
            adjusted=day in changed,
            logged_m=_status(s, change.compliance, change.today)[1],
        )
        for s in sessions
    )
    return Agenda(
        first_day=day,
        last_day=day,
        week=week,
        items=items,
        why=_why(change, items, week, whole_week=False),
        adjusted=any(i.adjusted for i in items) or (day in changed),
        planned_m=sum(s.distance_m for s in sessions if s.is_run),
        done_m=sum(i.logged_m for i in items),
    )


def week_agenda(change: PlanChange, day: date) -> Agenda:
    """The sessions of the week that contains ``day`` from the adjusted plan, with the why and
    planned vs done distance (metres)."""
    plan = change.plan
    week = plan.week_of(day)
    if week is None:
        return Agenda(
            first_day=day,
            last_day=day,
            week=None,
            items=(),
            why=(),
            adjusted=False,
            planned_m=0.0,
            done_m=0.0,
        )
    changed = _changed_days(change)
    items = []
    for s in week.sessions:
        status, logged = _status(s, change.compliance, change.today)
        items.append(
            AgendaItem(session=s, status=status, adjusted=s.date in changed, logged_m=logged)
        )
    done = 0.0
    for wc in change.compliance:
        if wc.week.start_date == week.start_date:
            done = wc.done_m
    frozen = tuple(items)
    return Agenda(
        first_day=week.start_date,
        last_day=week.end_date,
        week=week,
        items=frozen,
        why=_why(change, frozen, week, whole_week=True),
        adjusted=any(i.adjusted for i in frozen),
        planned_m=week.distance_m,
        done_m=done,
    )
