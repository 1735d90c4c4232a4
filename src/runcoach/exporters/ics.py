"""The plan as an iCalendar feed: one event per session, updated in place when the plan changes.

Each event's UID is derived from the plan's lineage, the session's date and its slot on that day
(``run1``, ``run2``, ``strength1``...), never from its content, so the same day's run keeps its UID
across plan versions. The previous export's state (UID → sequence, content hash, date, summary) is
passed in: an event whose content changed gets ``SEQUENCE`` + 1, an unchanged one keeps its
number, and an event that was exported before but is no longer in the plan is emitted with
``STATUS:CANCELLED`` and a higher ``SEQUENCE`` — calendar applications then update or remove
their copy instead of adding a duplicate.

Source: RFC 5545 §3.8.4.7 (UID), §3.8.7.4 (SEQUENCE), §3.8.1.11 (STATUS:CANCELLED).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from runcoach.domain.errors import InputError
from runcoach.domain.plan.model import Plan, Session, Week
from runcoach.domain.units import Units
from runcoach.errors import OperationError
from runcoach.exporters.session_text import describe_session, session_title
from runcoach.exporters.targets import inference_paces

STATE_SCHEMA = "runcoach.ics-state/1"
#: Event length when a session has no planned duration (minutes of a typical easy session).
DEFAULT_EVENT_S = 45 * 60.0


@dataclass(frozen=True, slots=True)
class EventRecord:
    """What was last exported for one UID: its sequence, content hash, day and summary."""

    sequence: int
    content_hash: str
    day: date
    summary: str
    cancelled: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "sequence": self.sequence,
            "hash": self.content_hash,
            "date": self.day.isoformat(),
            "summary": self.summary,
            "cancelled": self.cancelled,
        }


@dataclass(frozen=True, slots=True)
class CalendarState:
    """The UID → :class:`EventRecord` map of the last export of one plan lineage."""

    lineage: str
    events: Mapping[str, EventRecord] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": STATE_SCHEMA,
            "lineage": self.lineage,
            "events": {uid: rec.to_dict() for uid, rec in sorted(self.events.items())},
        }

    @staticmethod
    def from_dict(doc: Any, *, source: str) -> CalendarState:
        """Read a state document; raises OperationError naming ``source`` when it is damaged."""
        try:
            if doc.get("schema") != STATE_SCHEMA:
                raise ValueError(f"schema is {doc.get('schema')!r}, not {STATE_SCHEMA!r}")
            events = {
                str(uid): EventRecord(
                    sequence=int(rec["sequence"]),
                    content_hash=str(rec["hash"]),
                    day=date.fromisoformat(rec["date"]),
                    summary=str(rec["summary"]),
                    cancelled=bool(rec.get("cancelled", False)),
                )
                for uid, rec in doc["events"].items()
            }
            return CalendarState(lineage=str(doc["lineage"]), events=events)
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise OperationError(
                f"calendar export state {source} is damaged ({exc}); delete it to start the "
                "calendar afresh (events already imported may then be duplicated once)."
            ) from None


@dataclass(frozen=True, slots=True)
class IcsOptions:
    """How to lay the sessions out: units, all-day or a start time, an IANA time zone."""

    units: Units = "km"
    start_time: time | None = None
    timezone: str | None = None
    include_rest: bool = True
    calendar_name: str | None = None


@dataclass(frozen=True, slots=True)
class IcsExport:
    """The calendar bytes, the state to keep for the next export, and what changed."""

    data: bytes
    state: CalendarState
    added: int
    updated: int
    unchanged: int
    cancelled: int
    retired: tuple[CalendarState, ...] = ()

    @property
    def summary(self) -> dict[str, int]:
        """Counts of added, updated, unchanged and cancelled events."""
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "cancelled": self.cancelled,
        }


def plan_lineage(plan: Plan) -> str:
    """A stable id for a plan and its later versions (adaptations keep start, race and runner).

    Used when the plan does not come from the store (which has its own lineage id).
    """
    race = plan.race
    key = json.dumps(
        {
            "name": plan.athlete.get("name"),
            "kind": plan.kind,
            "start": plan.start_date.isoformat(),
            "race": None if race is None else [round(race.distance_m), race.date.isoformat()],
        },
        sort_keys=True,
    )
    return "plan-" + hashlib.sha256(key.encode()).hexdigest()[:12]


def _slot(session: Session) -> str:
    if session.is_run:
        return "run"
    return session.kind  # strength, cross, rest


def session_uids(plan: Plan, lineage: str) -> list[tuple[str, Week, Session]]:
    """Every session with its UID: ``{lineage}-{YYYYMMDD}-{slot}{n}@runcoach``."""
    out: list[tuple[str, Week, Session]] = []
    seen: dict[tuple[date, str], int] = {}
    for week in plan.weeks:
        for session in sorted(week.sessions, key=lambda s: s.date):
            slot = _slot(session)
            n = seen.get((session.date, slot), 0) + 1
            seen[(session.date, slot)] = n
            uid = f"{lineage}-{session.date:%Y%m%d}-{slot}{n}@runcoach"
            out.append((uid, week, session))
    return out


def _zone(options: IcsOptions) -> Any:
    if options.timezone is None:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(options.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(
            f"--tz {options.timezone!r} is not a known time zone: use an IANA name such as "
            "Europe/Prague or America/New_York."
        ) from None


def _event_fields(
    week: Week,
    session: Session,
    plan: Plan,
    options: IcsOptions,
    zone: Any,
    paces: Mapping[str, float] | None,
) -> dict[str, Any]:
    units = options.units
    summary = session_title(session, units)
    if week.is_down_week and session.is_run:
        summary += " (down week)"
    description = describe_session(
        session, units, week=week, weeks_total=len(plan.weeks), paces=paces
    )
    all_day = options.start_time is None or session.kind == "rest"
    if all_day:
        start: date | datetime = session.date
        end: date | datetime = session.date + timedelta(days=1)
    else:
        assert options.start_time is not None
        start = datetime.combine(session.date, options.start_time, tzinfo=zone)
        seconds = session.duration_s if session.duration_s > 0 else DEFAULT_EVENT_S
        end = start + timedelta(seconds=round(seconds / 60) * 60)
    return {
        "summary": summary,
        "description": description,
        "start": start,
        "end": end,
        "categories": ["runcoach", session.kind],
        "transparent": session.kind == "rest",
    }


def _hash(fields: Mapping[str, Any]) -> str:
    canonical = json.dumps(
        {k: (v.isoformat() if isinstance(v, date) else v) for k, v in fields.items()},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def export_ics(
    plan: Plan,
    *,
    lineage: str,
    previous: CalendarState | None = None,
    options: IcsOptions | None = None,
    generated_at: datetime,
    retire: Sequence[CalendarState] = (),
) -> IcsExport:
    """Render ``plan`` as an iCalendar file, updating ``previous`` (the last export's state).

    ``generated_at`` (timezone-aware) becomes every event's DTSTAMP. Sessions are all-day events
    unless ``options.start_time`` is set (rest days stay all-day); times are floating (the
    calendar's local time) unless ``options.timezone`` names an IANA zone.

    ``retire`` holds the states of plans this one replaces: their events from this plan's start
    date on are cancelled too (earlier ones stay as history); the updated states are returned
    in ``retired``.
    """
    import icalendar

    from runcoach import __version__

    options = options or IcsOptions()
    zone = _zone(options)
    old = dict(previous.events) if previous is not None else {}
    stamp = generated_at.astimezone(UTC)

    cal = icalendar.Calendar()
    cal.add("prodid", f"-//runcoach//runcoach {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = options.calendar_name or _calendar_name(plan)
    cal.add("x-wr-calname", name)

    records: dict[str, EventRecord] = {}
    added = updated = unchanged = cancelled = 0
    paces = inference_paces(plan)
    for uid, week, session in session_uids(plan, lineage):
        if session.kind == "rest" and not options.include_rest:
            continue
        fields = _event_fields(week, session, plan, options, zone, paces)
        digest = _hash(fields)
        before = old.get(uid)
        if before is None:
            sequence = 0
            added += 1
        elif before.content_hash == digest and not before.cancelled:
            sequence = before.sequence
            unchanged += 1
        else:
            sequence = before.sequence + 1
            updated += 1
        records[uid] = EventRecord(sequence, digest, session.date, fields["summary"])
        cal.add_component(_event(icalendar, uid, sequence, stamp, fields))

    for uid, before in sorted(old.items()):
        if uid in records:
            continue
        sequence = before.sequence if before.cancelled else before.sequence + 1
        if not before.cancelled:
            cancelled += 1
        records[uid] = EventRecord(
            sequence, before.content_hash, before.day, before.summary, cancelled=True
        )
        cal.add_component(_cancelled_event(icalendar, uid, records[uid], stamp))

    retired = []
    for other in retire:
        kept: dict[str, EventRecord] = {}
        for uid, before in sorted(other.events.items()):
            if before.cancelled or before.day < plan.start_date or uid in records:
                kept[uid] = before
                continue
            cancelled += 1
            kept[uid] = EventRecord(
                before.sequence + 1, before.content_hash, before.day, before.summary, cancelled=True
            )
            cal.add_component(_cancelled_event(icalendar, uid, kept[uid], stamp))
        retired.append(CalendarState(lineage=other.lineage, events=kept))

    if zone is not None:
        cal.add_missing_timezones()
    state = CalendarState(lineage=lineage, events=records)
    return IcsExport(
        cal.to_ical(), state, added, updated, unchanged, cancelled, retired=tuple(retired)
    )


def _event(
    icalendar: Any, uid: str, sequence: int, stamp: datetime, fields: Mapping[str, Any]
) -> Any:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("sequence", sequence)
    event.add("status", "CONFIRMED")
    event.add("dtstart", fields["start"])
    event.add("dtend", fields["end"])
    event.add("summary", fields["summary"])
    event.add("description", fields["description"])
    event.add("categories", fields["categories"])
    event.add("transp", "TRANSPARENT" if fields["transparent"] else "OPAQUE")
    return event


def _cancelled_event(icalendar: Any, uid: str, record: EventRecord, stamp: datetime) -> Any:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("sequence", record.sequence)
    event.add("status", "CANCELLED")
    event.add("dtstart", record.day)
    event.add("dtend", record.day + timedelta(days=1))
    event.add("summary", f"Cancelled: {record.summary}")
    event.add(
        "description", "This session is no longer in your runcoach plan (the plan was changed)."
    )
    event.add("transp", "TRANSPARENT")
    return event


def _calendar_name(plan: Plan) -> str:
    from runcoach.domain.units import race_label

    if plan.race is not None:
        label = plan.race.name or race_label(plan.race.distance_m)
        return f"runcoach — {label} {plan.race.date.isoformat()}"
    return "runcoach — training plan"


def load_calendar_state(path: Path) -> CalendarState | None:
    """The state kept by the last export at ``path`` (None when there was none)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OperationError(f"cannot read calendar export state {path}: {exc.strerror}.") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise OperationError(
            f"calendar export state {path} is not valid JSON ({exc.msg}); delete it to start the "
            "calendar afresh."
        ) from None
    return CalendarState.from_dict(doc, source=str(path))


def save_calendar_state(path: Path, state: CalendarState) -> None:
    """Write ``state`` to ``path`` atomically (a temporary file renamed over the old one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(state.to_dict(), indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)
