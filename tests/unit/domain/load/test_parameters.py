"""Which race and heart-rate anchors the load formulas use, and the flags on estimates."""

from __future__ import annotations

from datetime import date

import pytest

from runcoach.domain.athlete import AthleteProfile, RaceResult
from runcoach.domain.load.parameters import fitness_race, load_profile
from runcoach.domain.vdot import training_paces, vdot_from_race

TODAY = date(2027, 1, 10)
OLD_FAST = RaceResult(10000, 40 * 60, date(2024, 5, 1))
RECENT_SLOW = RaceResult(10000, 50 * 60, date(2026, 10, 1))
RECENT_FASTER = RaceResult(5000, 22 * 60, date(2026, 4, 1))
UNDATED = RaceResult(21097.5, 100 * 60)


def test_best_race_of_the_last_year_wins() -> None:
    chosen = fitness_race((OLD_FAST, RECENT_SLOW, RECENT_FASTER, UNDATED), TODAY)
    assert chosen is not None
    assert chosen[0] == RECENT_FASTER
    assert chosen[1] == pytest.approx(vdot_from_race(5000, 22 * 60))


def test_without_a_recent_race_the_latest_dated_one_counts() -> None:
    older = RaceResult(5000, 20 * 60, date(2023, 1, 1))
    chosen = fitness_race((older, OLD_FAST, UNDATED), TODAY)
    assert chosen is not None and chosen[0] == OLD_FAST


def test_undated_races_are_the_last_resort_and_future_races_are_skipped() -> None:
    future = RaceResult(10000, 35 * 60, date(2027, 6, 1))
    chosen = fitness_race((future, UNDATED), TODAY)
    assert chosen is not None and chosen[0] == UNDATED
    assert fitness_race((future,), TODAY) is None
    assert fitness_race((), TODAY) is None


def test_load_profile_flags_estimates() -> None:
    profile = AthleteProfile(age=50, sex="F", races=(RECENT_SLOW,))
    lp = load_profile(profile, TODAY)
    assert lp.parameters.threshold_pace_s_per_km == pytest.approx(
        training_paces(vdot_from_race(10000, 3000)).threshold
    )
    assert lp.race == RECENT_SLOW
    assert lp.heart_rate is not None
    assert lp.heart_rate.hr_max_bpm == pytest.approx(173.0)
    assert lp.heart_rate.hr_max_estimated and lp.heart_rate.hr_rest_estimated
    assert lp.parameters.sex == "F"

    given = load_profile(AthleteProfile(hr_max_bpm=188, hr_rest_bpm=45), TODAY)
    assert given.heart_rate is not None
    assert not given.heart_rate.hr_max_estimated and not given.heart_rate.hr_rest_estimated
    assert given.parameters.threshold_pace_s_per_km is None

    nothing = load_profile(None, TODAY)
    assert nothing.heart_rate is None and nothing.race is None
