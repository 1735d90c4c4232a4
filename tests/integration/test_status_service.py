"""The status use case over a real store (every backend): profile → parameters → load metrics."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest

from runcoach.bootstrap import open_services
from runcoach.domain.activity import Activity
from runcoach.domain.athlete import AthleteProfile, RaceResult
from runcoach.domain.errors import InputError
from runcoach.domain.load import performance_chart
from runcoach.domain.vdot import training_paces, vdot_from_race
from runcoach.services import Services
from runcoach.services.status import status_report

TODAY = date(2027, 3, 7)  # a Sunday


@pytest.fixture
def svc(database_url: str) -> Iterator[Services]:
    with open_services(database_url=database_url) as services:
        yield services


def run(day: date, metres: float, seconds: float, **fields: object) -> Activity:
    start = datetime(day.year, day.month, day.day, 7, 0, tzinfo=UTC)
    return Activity(
        sport="running",
        start_time=start,
        elapsed_time_s=seconds,
        moving_time_s=seconds,
        distance_m=metres,
        source_format="manual",
        **fields,  # type: ignore[arg-type]
    )


def test_sources_follow_the_profile(svc: Services) -> None:
    svc.profiles.save(
        AthleteProfile(
            age=40,
            sex="M",
            hr_max_bpm=190.0,
            hr_rest_bpm=60.0,
            races=(RaceResult(10000, 45 * 60, date(2026, 11, 1)),),
        )
    )
    svc.activities.add_manual(run(date(2027, 3, 1), 10000, 3000, avg_hr_bpm=150.0))
    ride = Activity(
        sport="cycling",
        start_time=datetime(2027, 3, 2, 17, 0, tzinfo=UTC),
        elapsed_time_s=3600,
        avg_hr_bpm=130.0,
        source_format="manual",
    )
    svc.activities.add_manual(ride)
    report = status_report(svc, today=TODAY, weeks=2)
    assert report.load_sources == {"pace": 1, "heart_rate": 1, "effort": 0, "assumed": 0}
    vdot = vdot_from_race(10000, 45 * 60)
    assert report.vdot == pytest.approx(vdot)
    threshold = training_paces(vdot).threshold
    assert report.threshold_pace_s_per_km == pytest.approx(threshold)
    assert not report.hr_max_estimated and not report.hr_rest_estimated
    week = report.weeks[-1]
    expected_run = 3000 / 3600 * (threshold / 300) ** 2 * 100  # IF = T pace / 5:00 per km
    hrr = 70 / 130
    trimp = 60 * hrr * 0.64 * np.exp(1.92 * hrr)
    at_threshold = 60 * 0.85 * 0.64 * np.exp(1.92 * 0.85)
    assert week.load == pytest.approx(expected_run + trimp / at_threshold * 100, rel=1e-9)
    doc = report.to_json()
    assert doc["parameters"]["threshold_race"] == {
        "distance_m": 10000.0,
        "time_s": 2700.0,
        "date": "2026-11-01",
    }
    assert any("VDOT 45.3" in note for note in report.notes)


def test_estimated_heart_rate_is_flagged(svc: Services) -> None:
    svc.profiles.save(AthleteProfile(age=60, sex="X"))
    svc.activities.add_manual(run(date(2027, 3, 3), 8000, 3000, avg_hr_bpm=130.0))
    report = status_report(svc, today=TODAY, weeks=1)
    assert report.hr_max_bpm == pytest.approx(166.0)
    assert report.hr_max_estimated and report.hr_rest_estimated
    assert report.load_sources["heart_rate"] == 1
    doc = report.to_json()["parameters"]
    assert doc["hr_max_estimated"] is True and doc["hr_rest_bpm"] == 60.0
    assert any("estimated from your age" in note for note in report.notes)
    assert any("HRrest 60 bpm is assumed" in note for note in report.notes)


def test_a_steady_history_gives_acwr_one_and_maximal_monotony(svc: Services) -> None:
    first = TODAY - timedelta(days=69)
    for k in range(70):
        svc.activities.add_manual(run(first + timedelta(days=k), 8000, 2880, rpe=4.0))
    report = status_report(svc, today=TODAY, weeks=3)
    for week in report.weeks:
        assert week.acwr_ewma == pytest.approx(1.0)
        assert week.acwr_rolling_coupled == pytest.approx(1.0)
        assert week.acwr_rolling_uncoupled == pytest.approx(1.0)
        assert week.monotony is None and week.monotony_maximal and week.strain is None
        assert not week.spikes and not week.progression_flag
    daily = [4 * 48 * 100 / 420] * 70
    chart = performance_chart(daily)
    assert report.weeks[-1].ctl == pytest.approx(chart.ctl[-1])
    assert report.weeks[-1].tsb == pytest.approx(chart.tsb[-1])
    doc = report.to_json()["weeks"][-1]
    assert doc["monotony"] is None and doc["monotony_maximal"] is True
    assert any("'max' means every day carried the same load" in n for n in report.notes)


def test_weeks_out_of_range(svc: Services) -> None:
    with pytest.raises(InputError, match="--weeks 600"):
        status_report(svc, today=TODAY, weeks=600)
