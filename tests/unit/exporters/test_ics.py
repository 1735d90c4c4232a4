"""The iCalendar export, parsed back with ``icalendar``: events match the plan, UIDs are stable,
SEQUENCE bumps only on change, removed sessions come back as cancelled events."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import icalendar
import pytest

from runcoach.domain.errors import InputError
from runcoach.errors import OperationError
from runcoach.exporters.ics import (
    CalendarState,
    IcsOptions,
    export_ics,
    load_calendar_state,
    plan_lineage,
    save_calendar_state,
)
from tests.unit.exporters.sample_plan import (
    build_sample_plan,
    change_week,
    drop_session,
    intervals,
)

NOW = datetime(2027, 2, 20, 8, 0, tzinfo=UTC)
LATER = datetime(2027, 3, 10, 8, 0, tzinfo=UTC)


def events(data: bytes) -> dict[str, Any]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_one_event_per_session_with_the_plan_content() -> None:
    plan = build_sample_plan()
    out = export_ics(plan, lineage="L1", generated_at=NOW)
    evs = events(out.data)
    sessions = list(plan.sessions)
    assert len(evs) == len(sessions) == out.added
    by_day: dict[date, list[Any]] = {}
    for e in evs.values():
        by_day.setdefault(e.decoded("dtstart"), []).append(e)
    for s in sessions:
        assert any(str(e["summary"]).startswith(s.title) for e in by_day[s.date]), s
    week3_intervals = next(s for s in plan.weeks[2].sessions if s.kind == "intervals")
    ev = next(e for e in by_day[week3_intervals.date] if "Intervals" in str(e["summary"]))
    text = str(ev["description"])
    # structure, paces in km, the why, and the week context
    assert (
        "Your paces (km): 2 km warm-up 5:13–5:44/km · 4 × (1000 m @ 3:56–4:02/km, 2 min jog)"
        " · 2 km cool-down 5:13–5:44/km"
    ) in text
    assert "Interval work raises aerobic power" in text and "[QUALITY-I]" in text
    assert "Week 3 of 8 · build phase" in text
    assert ev["status"] == "CONFIRMED" and int(ev["sequence"]) == 0
    # all-day by default
    assert isinstance(ev.decoded("dtstart"), date) and not isinstance(
        ev.decoded("dtstart"), datetime
    )


def test_paces_in_miles_for_a_runner_in_miles() -> None:
    plan = build_sample_plan()
    out = export_ics(plan, lineage="L1", generated_at=NOW, options=IcsOptions(units="mi"))
    texts = [str(e["description"]) for e in events(out.data).values()]
    joined = "\n".join(texts)
    assert "/mi" in joined and "/km" not in joined
    # 239 s/km interval pace ≈ 6:20–6:29/mi; distances in miles
    assert "1000 m @ 6:20–6:29/mi" in joined
    summaries = [str(e["summary"]) for e in events(out.data).values()]
    assert any(s.endswith(" mi") for s in summaries)


def test_uids_are_stable_and_sequences_unchanged_on_re_export() -> None:
    plan = build_sample_plan()
    first = export_ics(plan, lineage="L1", generated_at=NOW)
    second = export_ics(plan, lineage="L1", previous=first.state, generated_at=LATER)
    a, b = events(first.data), events(second.data)
    assert a.keys() == b.keys()
    assert all(int(b[uid]["sequence"]) == 0 for uid in b)
    assert second.summary == {"added": 0, "updated": 0, "unchanged": len(a), "cancelled": 0}
    assert all(uid.startswith("L1-") and uid.endswith("@runcoach") for uid in a)


def test_a_changed_session_keeps_its_uid_and_bumps_sequence() -> None:
    plan = build_sample_plan()
    first = export_ics(plan, lineage="L1", generated_at=NOW)
    week3 = plan.weeks[2]
    day = next(s.date for s in week3.sessions if s.kind == "intervals")
    new_sessions = tuple(intervals(day, 5) if s.kind == "intervals" else s for s in week3.sessions)
    changed = change_week(plan, 3, replace(week3, sessions=new_sessions))
    second = export_ics(changed, lineage="L1", previous=first.state, generated_at=LATER)
    a, b = events(first.data), events(second.data)
    assert a.keys() == b.keys()
    uid = f"L1-{day:%Y%m%d}-run1@runcoach"
    assert int(b[uid]["sequence"]) == 1 and "5 × 1000 m" in str(b[uid]["summary"])
    bumped = [u for u in b if int(b[u]["sequence"]) > 0]
    # the intervals changed, and so did the week total every event of week 3 shows
    assert uid in bumped
    assert {b[u].decoded("dtstart") for u in bumped} <= {
        week3.start_date + (d - week3.start_date) for d in (s.date for s in week3.sessions)
    }
    assert second.added == 0 and second.cancelled == 0 and second.updated == len(bumped)


def test_a_removed_session_is_cancelled_and_stays_cancelled() -> None:
    plan = build_sample_plan()
    first = export_ics(plan, lineage="L1", generated_at=NOW)
    strength_day = next(s.date for s in plan.weeks[0].sessions if s.kind == "strength")
    uid = f"L1-{strength_day:%Y%m%d}-strength1@runcoach"
    assert uid in events(first.data)
    smaller = drop_session(plan, strength_day, "strength")
    second = export_ics(smaller, lineage="L1", previous=first.state, generated_at=LATER)
    ev = events(second.data)[uid]
    assert ev["status"] == "CANCELLED" and int(ev["sequence"]) == 1
    assert ev.decoded("dtstart") == strength_day
    assert str(ev["summary"]).startswith("Cancelled: Strength")
    assert second.cancelled == 1
    third = export_ics(smaller, lineage="L1", previous=second.state, generated_at=LATER)
    ev3 = events(third.data)[uid]
    assert ev3["status"] == "CANCELLED" and int(ev3["sequence"]) == 1 and third.cancelled == 0
    # the session comes back: same UID, confirmed, a higher sequence
    back = export_ics(plan, lineage="L1", previous=third.state, generated_at=LATER)
    ev4 = events(back.data)[uid]
    assert ev4["status"] == "CONFIRMED" and int(ev4["sequence"]) == 2


def test_timed_events_in_a_time_zone_and_floating() -> None:
    plan = build_sample_plan()
    opts = IcsOptions(start_time=time(6, 30), timezone="Europe/Prague")
    out = export_ics(plan, lineage="L1", generated_at=NOW, options=opts)
    cal = icalendar.Calendar.from_ical(out.data)
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Prague"]
    for ev in cal.walk("VEVENT"):
        start = ev.decoded("dtstart")
        if "Rest" in str(ev["summary"]):
            assert not isinstance(start, datetime)  # rest days stay all-day
            continue
        assert isinstance(start, datetime) and start.time() == time(6, 30)
        assert str(start.tzinfo) == "Europe/Prague"
        assert ev.decoded("dtend") > start
    floating = export_ics(
        plan, lineage="L1", generated_at=NOW, options=IcsOptions(start_time=time(6, 30))
    )
    starts = [
        e.decoded("dtstart") for e in icalendar.Calendar.from_ical(floating.data).walk("VEVENT")
    ]
    assert any(isinstance(s, datetime) and s.tzinfo is None for s in starts)
    assert b"VTIMEZONE" not in floating.data


def test_rest_days_can_be_left_out() -> None:
    plan = build_sample_plan()
    out = export_ics(plan, lineage="L1", generated_at=NOW, options=IcsOptions(include_rest=False))
    kinds = {str(c) for e in events(out.data).values() for c in e["categories"].cats}
    assert "rest" not in kinds and "intervals" in kinds


def test_unknown_time_zone_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="Mars/Olympus"):
        export_ics(
            build_sample_plan(),
            lineage="L1",
            generated_at=NOW,
            options=IcsOptions(start_time=time(7), timezone="Mars/Olympus"),
        )


def test_state_round_trips_through_its_file(tmp_path: Path) -> None:
    out = export_ics(build_sample_plan(), lineage="L1", generated_at=NOW)
    path = tmp_path / "state" / "L1.json"
    assert load_calendar_state(path) is None
    save_calendar_state(path, out.state)
    assert load_calendar_state(path) == out.state
    path.write_text(json.dumps({"schema": "runcoach.ics-state/1", "events": 3}))
    with pytest.raises(OperationError, match="damaged"):
        load_calendar_state(path)
    path.write_text("{not json")
    with pytest.raises(OperationError, match="not valid JSON"):
        load_calendar_state(path)
    assert CalendarState.from_dict(out.state.to_dict(), source="x") == out.state


def test_lineage_survives_a_changed_week_but_not_another_race() -> None:
    plan = build_sample_plan()
    assert plan_lineage(plan) == plan_lineage(drop_session(plan, plan.start_date, "rest"))
    other = replace(plan, race=replace(plan.race, date=date(2027, 5, 2)))  # type: ignore[arg-type]
    assert plan_lineage(other) != plan_lineage(plan)


def test_a_replacing_plan_retires_the_old_plans_future_events() -> None:
    plan = build_sample_plan()
    old = export_ics(plan, lineage="OLD", generated_at=NOW)
    # the new plan starts in week 3 of the old one
    week3 = plan.weeks[2].start_date
    newer = replace(plan.with_weeks(plan.weeks[2:]), start_date=week3)
    out = export_ics(newer, lineage="NEW", generated_at=LATER, retire=[old.state])
    evs = events(out.data)
    retired = {u for u, e in evs.items() if e["status"] == "CANCELLED"}
    assert retired and all(u.startswith("OLD-") for u in retired)
    assert all(evs[u].decoded("dtstart") >= week3 for u in retired)
    (state,) = out.retired
    kept_live = [r for r in state.events.values() if not r.cancelled]
    assert kept_live and all(r.day < week3 for r in kept_live)  # history stays
    assert out.cancelled == len(retired)
