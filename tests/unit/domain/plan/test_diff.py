"""Week-by-week diff of two plan versions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from runcoach.domain.plan.diff import diff_plans
from runcoach.domain.plan.model import Plan, Session, Week

MON = date(2027, 3, 1)


def wk(i: int, kms: tuple[float, ...], *, phase: str = "base", down: bool = False) -> Week:
    start = MON + timedelta(weeks=i - 1)
    sessions = tuple(
        Session(
            date=start + timedelta(days=2 * n),
            kind="long" if n == len(kms) - 1 else "easy",
            distance_m=km * 1000,
        )
        for n, km in enumerate(kms)
    )
    return Week(index=i, start_date=start, phase=phase, sessions=sessions, is_down_week=down)  # type: ignore[arg-type]


def plan(*weeks: Week) -> Plan:
    return Plan(athlete={}, race=None, start_date=MON, vdot=None, paces_s_per_km={}, weeks=weeks)


def test_identical_plans_have_no_diff() -> None:
    p = plan(wk(1, (8, 8, 16)), wk(2, (8, 9, 17)))
    assert diff_plans(p, p) == ()


def test_changed_week_says_what_moved() -> None:
    before = plan(wk(1, (8, 8, 16)), wk(2, (8, 9, 17)))
    after = plan(wk(1, (8, 8, 16)), wk(2, (6, 6, 12), phase="return", down=True))
    (d,) = diff_plans(before, after)
    assert d.index == 2
    words = d.describe("km")
    assert "distance 34.0 km → 24.0 km" in words
    assert "long run 17.0 km → 12.0 km" in words
    assert "phase base → return" in words
    assert "now a down week" in words
    assert [c.change for c in d.sessions] == ["changed", "changed", "changed"]
    doc = d.to_dict()
    assert doc["before"]["distance_m"] == 34000 and doc["after"]["distance_m"] == 24000
    assert doc["sessions"][0]["after"]["kind"] == "easy"


def test_added_and_removed_weeks_and_sessions() -> None:
    before = plan(wk(1, (8, 16)), wk(2, (8, 16)))
    after = plan(wk(1, (8, 8, 16)))
    diffs = diff_plans(before, after)
    assert [d.index for d in diffs] == [1, 2]
    assert diffs[1].after is None and "week removed" in diffs[1].describe()[0]
    assert any(c.change == "added" for c in diffs[0].sessions)


def test_units_follow_the_runner() -> None:
    before = plan(wk(1, (8, 16)))
    after = plan(replace(wk(1, (8, 16)), sessions=wk(1, (8, 20)).sessions))
    (d,) = diff_plans(before, after)
    assert d.describe("mi") == ["distance 14.9 mi → 17.4 mi", "long run 9.9 mi → 12.4 mi"]
