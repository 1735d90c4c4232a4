"""Advice: increase, hold or down week, from the log alone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from runcoach.domain.activity import Activity
from runcoach.domain.advice import advise, weekly_loads
from runcoach.domain.athlete import AthleteProfile

TODAY = date(2027, 4, 4)  # a Sunday


def run(
    day: date,
    km: float,
    *,
    minutes: float | None = None,
    rpe: float | None = 3,
    pain: float | None = None,
    loc: str | None = None,
) -> Activity:
    return Activity(
        sport="running",
        start_time=datetime(day.year, day.month, day.day, 7, tzinfo=UTC),
        elapsed_time_s=(minutes if minutes is not None else km * 6) * 60,
        distance_m=km * 1000,
        rpe=rpe,
        pain=pain,
        pain_location=loc,
    )


def weeks_of(
    n: int, km_per_run: float, days: tuple[int, ...] = (0, 2, 4, 6), **kw: object
) -> list[Activity]:
    """``n`` 7-day windows ending today, a run on each offset day of each window."""
    out = []
    for k in range(n):
        last = TODAY - timedelta(days=7 * k)
        first = last - timedelta(days=6)
        out += [run(first + timedelta(days=d), km_per_run, **kw) for d in days]  # type: ignore[arg-type]
    return out


def test_weekly_loads_sum_distance_runs_and_srpe() -> None:
    weeks = weekly_loads(weeks_of(2, 5, minutes=30), TODAY)
    assert len(weeks) == 6
    assert [w.distance_m for w in weeks[-2:]] == [20000, 20000]
    assert weeks[-1].runs == 4
    assert weeks[-1].srpe_load == 4 * 3 * 30
    assert weeks[0].srpe_load is None  # nothing logged


def test_run_walker_after_two_weeks_holds() -> None:
    log = weeks_of(2, 3.2, minutes=40)  # 2 miles in 40 min: run/walk pace
    advice = advise(log, TODAY, AthleteProfile(age=50))
    assert advice.verdict == "hold"
    assert advice.run_walk
    assert "for 2 week(s)" in advice.headline


def test_run_walker_after_three_steady_weeks_increases_by_a_longer_run_segment() -> None:
    log = weeks_of(3, 3.2, minutes=40)
    advice = advise(log, TODAY, AthleteProfile(age=50))
    assert advice.verdict == "increase"
    assert "run segment" in advice.next_step
    assert "two months" not in advice.next_step
    assert advice.weeks_at_level == 3


def test_runner_increase_is_the_smaller_of_a_mile_a_day_and_ten_percent() -> None:
    log = weeks_of(4, 10, minutes=55)  # 40 km a week on 4 days
    advice = advise(log, TODAY)
    assert advice.verdict == "increase"
    assert "4.0 km" in advice.next_step  # 10 % of 40 km < 4 × 1.6 km


def test_pain_worse_next_morning_gives_a_down_week_without_long_rest() -> None:
    log = weeks_of(3, 8)
    log.append(run(TODAY - timedelta(days=1), 8, pain=4, loc="achilles"))
    log.append(run(TODAY, 5, pain=6, loc="achilles"))
    advice = advise(log, TODAY)
    assert advice.verdict == "down"
    assert advice.pain is not None and advice.pain.level == "reduce"
    assert "walk/run" in advice.next_step and "Not two months" in advice.next_step


def test_too_tired_or_very_hard_efforts_give_a_down_week() -> None:
    log = weeks_of(3, 8)
    assert advise(log, TODAY, tired=True).verdict == "down"
    hard = weeks_of(3, 8, rpe=8)
    advice = advise(hard, TODAY)
    assert advice.verdict == "down"
    assert "very hard" in advice.headline


def test_a_four_day_runner_under_40km_drops_one_run_in_a_down_week() -> None:
    log = weeks_of(3, 6)
    advice = advise(log, TODAY, tired=True)
    assert "Drop one of your 4 runs" in advice.next_step


def test_building_four_weeks_in_a_row_calls_for_a_down_week_masters_after_three() -> None:
    log: list[Activity] = []
    for k, km in enumerate((9.0, 8.4, 7.8, 7.2)):  # latest week first: rising volume
        last = TODAY - timedelta(days=7 * k)
        log += [run(last - timedelta(days=6 - d), km) for d in (0, 2, 4, 6)]
    assert advise(log, TODAY).verdict == "down"
    three = [a for a in log if a.start_time.date() > TODAY - timedelta(days=21)]
    assert advise(three, TODAY).verdict != "down"
    assert advise(three, TODAY, AthleteProfile(age=55)).verdict == "down"


def test_empty_log_holds_and_says_to_log() -> None:
    advice = advise([], TODAY)
    assert advice.verdict == "hold"
    assert "log" in advice.next_step


def test_advice_json_has_the_numbers() -> None:
    doc = advise(weeks_of(3, 5), TODAY).to_dict()
    assert set(doc) >= {
        "verdict",
        "headline",
        "next_step",
        "weeks",
        "longest_run_30d_m",
        "pain",
        "effort",
        "load",
    }
    assert doc["longest_run_30d_m"] == 5000
