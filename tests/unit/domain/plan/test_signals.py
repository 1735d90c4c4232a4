"""Signals read from the log: breaks, pain episodes (pain-monitoring model), races."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from runcoach.domain.activity import Activity
from runcoach.domain.plan.signals import (
    PainReport,
    find_time_off,
    pain_reports,
    race_efforts,
    read_pain,
)

D0 = date(2027, 3, 1)


def act(
    day: date,
    km: float = 8,
    *,
    sport: str = "running",
    pain: float | None = None,
    loc: str | None = None,
    kind: str | None = None,
    minutes: float | None = None,
) -> Activity:
    return Activity(
        sport=sport,  # type: ignore[arg-type]
        start_time=datetime(day.year, day.month, day.day, 7, tzinfo=UTC),
        elapsed_time_s=(minutes if minutes is not None else km * 6) * 60,
        distance_m=km * 1000,
        pain=pain,
        pain_location=loc,
        extra={"kind": kind} if kind else {},
    )


def every_other_day(first: date, last: date) -> list[Activity]:
    out, d = [], first
    while d <= last:
        out.append(act(d))
        d += timedelta(days=2)
    return out


def test_five_days_off_is_not_a_break() -> None:
    runs = [act(D0), act(D0 + timedelta(days=6))]
    assert find_time_off(runs, D0 + timedelta(days=8), since=D0) is None


def test_a_twelve_day_break_between_runs() -> None:
    runs = every_other_day(D0, D0 + timedelta(days=10)) + every_other_day(
        D0 + timedelta(days=23), D0 + timedelta(days=30)
    )
    gap = find_time_off(runs, D0 + timedelta(days=31), since=D0)
    assert gap is not None
    assert gap.first_day == D0 + timedelta(days=11)
    assert gap.days == 12
    assert not gap.ongoing
    assert not gap.cross_trained


def test_an_ongoing_break_reaches_yesterday_and_notes_cross_training() -> None:
    runs = every_other_day(D0, D0 + timedelta(days=10))
    bike = act(D0 + timedelta(days=14), 30, sport="cycling", minutes=60)
    today = D0 + timedelta(days=20)
    gap = find_time_off([*runs, bike], today, since=D0)
    assert gap is not None and gap.ongoing
    assert gap.last_day == today - timedelta(days=1)
    assert gap.days == 9
    assert gap.cross_trained


def test_no_history_means_no_break() -> None:
    assert find_time_off([], D0 + timedelta(days=30), since=D0) is None


def test_pain_within_the_safe_band_is_fine() -> None:
    reports = pain_reports(
        [act(D0, pain=2, loc="knee"), act(D0 + timedelta(days=2), pain=3, loc="knee")]
    )
    (ep,) = read_pain(reports, D0 + timedelta(days=3))
    assert ep.level == "fine" and ep.location == "knee"


def test_pain_of_five_that_settles_is_acceptable() -> None:
    reports = pain_reports([act(D0, pain=5, loc="Achilles")])
    reports.append(
        PainReport(day=D0 + timedelta(days=1), pain=2, location="achilles", during_run=False)
    )
    (ep,) = read_pain(sorted(reports, key=lambda r: r.day), D0 + timedelta(days=1))
    assert ep.level == "acceptable"
    assert ep.settled


def test_pain_worse_the_next_morning_means_reduce() -> None:
    reports = pain_reports([act(D0, pain=4, loc="achilles")])
    reports.append(
        PainReport(day=D0 + timedelta(days=1), pain=5, location="achilles", during_run=False)
    )
    (ep,) = read_pain(reports, D0 + timedelta(days=1))
    assert ep.level == "reduce"
    assert ep.worse_next_morning == D0 + timedelta(days=1)


def test_six_out_of_ten_means_reduce_and_seven_a_professional() -> None:
    (six,) = read_pain(pain_reports([act(D0, pain=6, loc="achilles")]), D0)
    assert six.level == "reduce"
    (seven,) = read_pain(pain_reports([act(D0, pain=7, loc="knee")]), D0)
    assert seven.level == "professional"


def test_pain_above_five_on_three_days_or_two_weeks_needs_a_professional() -> None:
    three = [act(D0 + timedelta(days=d), pain=5.5, loc="shin") for d in (0, 2, 4)]
    assert read_pain(pain_reports(three), D0 + timedelta(days=5))[0].level == "professional"
    lasting = [act(D0 + timedelta(days=d), pain=4, loc="hip") for d in range(0, 15, 2)]
    assert read_pain(pain_reports(lasting), D0 + timedelta(days=15))[0].level == "professional"


def test_old_pain_is_history_and_places_are_separate() -> None:
    old = act(D0, pain=8, loc="knee")
    new = act(D0 + timedelta(days=30), pain=2, loc="calf")
    episodes = read_pain(pain_reports([old, new]), D0 + timedelta(days=30))
    assert [(e.location, e.level) for e in episodes] == [("calf", "fine")]


def test_race_efforts_are_marked_races_in_range() -> None:
    race = act(D0 + timedelta(days=3), 10, kind="race", minutes=42)
    trial = act(D0 + timedelta(days=5), 5, kind="time_trial", minutes=21)
    easy = act(D0 + timedelta(days=4), 10)
    found = race_efforts([race, trial, easy], since=D0, today=D0 + timedelta(days=6))
    assert [(r.distance_m, r.time_s) for r in found] == [(10000, 2520), (5000, 1260)]


def test_every_adaptation_rule_is_defined_once_in_rules_py_with_a_source() -> None:
    from runcoach.domain.plan import adaptation_rules
    from runcoach.domain.plan.rules import RULES

    for rule_id in adaptation_rules.ALL:
        rule = RULES[rule_id]
        assert rule.kind == "adaptation"
        assert rule.text and rule.source
