"""Compliance: planned sessions held against logged activities."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from runcoach.domain.activity import Activity
from runcoach.domain.plan.compliance import judge_effort, match_plan
from runcoach.domain.plan.model import Plan, Session, Week

MON = date(2027, 3, 1)  # a Monday


def run(
    day: date,
    km: float,
    *,
    rpe: float | None = None,
    pain: float | None = None,
    minutes: float | None = None,
    kind: str | None = None,
    loc: str | None = None,
) -> Activity:
    return Activity(
        sport="running",
        start_time=datetime(day.year, day.month, day.day, 7, 0, tzinfo=UTC),
        elapsed_time_s=(minutes if minutes is not None else km * 6) * 60,
        distance_m=km * 1000,
        rpe=rpe,
        pain=pain,
        pain_location=loc,
        extra={"kind": kind} if kind else {},
    )


def week(index: int, runs: dict[int, tuple[str, float]], *, strength: tuple[int, ...] = ()) -> Week:
    start = MON + timedelta(weeks=index - 1)
    sessions = [
        Session(
            date=start + timedelta(days=d),
            kind=kind,  # type: ignore[arg-type]
            distance_m=km * 1000,
            intensity="hard" if kind in ("intervals", "tempo") else "easy",
        )
        for d, (kind, km) in sorted(runs.items())
    ]
    sessions += [Session(date=start + timedelta(days=d), kind="strength") for d in strength]
    sessions.sort(key=lambda s: s.date)
    return Week(index=index, start_date=start, phase="base", sessions=tuple(sessions))


def plan(*weeks: Week) -> Plan:
    return Plan(
        athlete={},
        race=None,
        start_date=MON,
        vdot=45.0,
        paces_s_per_km={"marathon": 300.0},
        weeks=weeks,
    )


def test_a_week_done_as_planned() -> None:
    p = plan(week(1, {1: ("easy", 8), 3: ("tempo", 10), 6: ("long", 16)}))
    logged = [
        run(MON + timedelta(days=1), 8),
        run(MON + timedelta(days=3), 10),
        run(MON + timedelta(days=6), 16.2),
    ]
    (wk,) = match_plan(p, logged, today=MON + timedelta(days=7))
    assert wk.complete
    assert [m.status for m in wk.runs] == ["done", "done", "done"]
    assert wk.planned_m == 34000
    assert wk.done_m == 34200
    assert wk.missed == ()
    assert wk.extra_runs == ()
    assert wk.longest_run_m == 16200


def test_a_run_a_day_late_still_matches_and_extra_runs_are_extra() -> None:
    p = plan(week(1, {1: ("easy", 8), 6: ("long", 16)}))
    logged = [
        run(MON + timedelta(days=2), 8),
        run(MON + timedelta(days=4), 5),
        run(MON + timedelta(days=6), 16),
    ]
    (wk,) = match_plan(p, logged, today=MON + timedelta(days=7))
    easy = wk.runs[0]
    assert easy.status == "done" and easy.day_offset == 1
    assert [a.distance_m for a in wk.extra_runs] == [5000]
    assert wk.done_m == 29000


def test_swapped_days_match_by_size() -> None:
    p = plan(week(1, {5: ("long", 30), 6: ("easy", 8)}))
    logged = [run(MON + timedelta(days=5), 8), run(MON + timedelta(days=6), 30)]
    (wk,) = match_plan(p, logged, today=MON + timedelta(days=7))
    long_match = next(m for m in wk.runs if m.session.kind == "long")
    assert long_match.activity is not None and long_match.activity.distance_m == 30000
    assert long_match.status == "done"


def test_missed_upcoming_and_partial() -> None:
    p = plan(week(1, {0: ("easy", 8), 2: ("easy", 10), 4: ("easy", 8), 6: ("long", 16)}))
    logged = [run(MON + timedelta(days=2), 4)]
    (wk,) = match_plan(p, logged, today=MON + timedelta(days=4))
    assert [m.status for m in wk.runs] == ["missed", "partial", "upcoming", "upcoming"]
    assert not wk.complete
    assert wk.planned_to_date_m == 18000
    assert wk.ratio == 4000 / 18000


def test_strength_matches_strength_not_runs() -> None:
    p = plan(week(1, {1: ("easy", 8)}, strength=(1, 3)))
    gym = Activity(
        sport="strength", start_time=datetime(2027, 3, 4, 18, tzinfo=UTC), elapsed_time_s=1800
    )
    (wk,) = match_plan(p, [run(MON + timedelta(days=1), 8), gym], today=MON + timedelta(days=7))
    statuses = [(m.session.kind, m.status) for m in wk.matches]
    assert statuses == [("easy", "done"), ("strength", "missed"), ("strength", "done")]


def test_effort_and_pain_are_summarised() -> None:
    p = plan(week(1, {1: ("easy", 8), 3: ("easy", 8), 6: ("long", 16)}))
    logged = [
        run(MON + timedelta(days=1), 8, rpe=7),
        run(MON + timedelta(days=3), 8, rpe=3, pain=4, loc="achilles"),
        run(MON + timedelta(days=6), 16, rpe=8, pain=6, loc="achilles"),
    ]
    (wk,) = match_plan(p, logged, today=MON + timedelta(days=7))
    assert wk.harder_than_planned == 2
    assert wk.rated == 3
    assert wk.max_pain == 6
    assert wk.pain_locations == ("achilles",)
    assert wk.mean_rpe == 6


def test_effort_from_pace_when_no_rpe() -> None:
    easy = Session(date=MON, kind="easy", distance_m=10000, intensity="easy")
    fast = run(MON, 10, minutes=45)  # 4:30/km, faster than a 5:00/km marathon pace
    slow = run(MON, 10, minutes=60)
    assert judge_effort(easy, fast, 300.0) == "harder"
    assert judge_effort(easy, slow, 300.0) == "as_planned"
    assert judge_effort(easy, slow, None) is None


def test_weeks_not_started_are_left_out_and_outside_activities_ignored() -> None:
    p = plan(week(1, {1: ("easy", 8)}), week(2, {1: ("easy", 8)}))
    logged = [run(MON - timedelta(days=10), 20), run(MON + timedelta(days=1), 8)]
    result = match_plan(p, logged, today=MON + timedelta(days=3))
    assert len(result) == 1
    assert result[0].extra == ()


def test_matching_is_deterministic_whatever_the_input_order() -> None:
    p = plan(week(1, {1: ("easy", 8), 2: ("easy", 8), 3: ("easy", 8)}))
    logged = [run(MON + timedelta(days=d), km) for d, km in ((1, 8), (2, 7), (3, 9), (4, 8))]
    a = match_plan(p, logged, today=MON + timedelta(days=7))
    b = match_plan(p, list(reversed(logged)), today=MON + timedelta(days=7))
    assert a == b
    assert len(a[0].extra_runs) == 1


def test_two_runs_at_the_same_time_and_distance_match_the_same_way_in_any_order() -> None:
    # Two manual entries on one day at the same hour and distance, one easy and one hard.
    p = plan(week(1, {1: ("easy", 5), 3: ("intervals", 5)}))
    logged = [
        run(MON + timedelta(days=1), 5, rpe=3, minutes=30),
        run(MON + timedelta(days=1), 5, rpe=8, minutes=22),
    ]
    a = match_plan(p, logged, today=MON + timedelta(days=7))
    b = match_plan(p, list(reversed(logged)), today=MON + timedelta(days=7))
    assert a == b
    easy = next(m for m in a[0].matches if m.session.kind == "easy")
    assert easy.activity is not None


def test_a_weeks_training_volume_leaves_out_its_race_and_a_plan_knows_its_units() -> None:
    w = week(1, {1: ("easy", 8), 6: ("race", 10)})
    assert w.distance_m == 18000 and w.training_m == 8000
    assert plan(w).units == "km"
    assert replace(plan(w), athlete={"units": "mi"}).units == "mi"
