"""Race-time predictors: oracle table D (COACHING §2.5), the predict_time contract and invariants."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import runcoach
from runcoach.domain.errors import InputError
from runcoach.domain.prediction import (
    REC_VOLUME_MAX_M,
    REC_VOLUME_MIN_M,
    Prediction,
    cameron,
    compare_predictors,
    daniels,
    nearest_race,
    predict_riegel,
    predict_tanda,
    predict_time,
    recreational_marathon,
    riegel,
    tanda_marathon,
)
from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M, parse_duration

# --- Oracle table D: predictors side by side (±1 s) -------------------------------------------------

TABLE_D = [
    # from, time, to, Riegel 1.06, 1.07, 1.15, Cameron, VDOT
    (5000, "25:00", HALF_MARATHON_M, "1:55:00", "1:56:40", "2:10:55", "1:54:49", "1:55:04"),
    (10000, "50:00", HALF_MARATHON_M, "1:50:19", "1:51:09", "1:57:59", "1:50:14", "1:50:52"),
    (HALF_MARATHON_M, "1:30:00", MARATHON_M, "3:07:39", "3:08:57", "3:19:43", "3:11:15", "3:07:35"),
    (HALF_MARATHON_M, "2:00:00", MARATHON_M, "4:10:12", "4:11:56", "4:26:18", "4:15:00", "4:07:45"),
    (10000, "40:00", MARATHON_M, "3:04:00", "3:06:41", "3:29:28", "3:07:25", "3:04:38"),
    (5000, "20:00", MARATHON_M, "3:11:49", "3:15:57", "3:52:25", "3:15:11", "3:11:17"),
]


@pytest.mark.parametrize(("from_m", "time", "to_m", "r106", "r107", "r115", "cam", "vdot"), TABLE_D)
def test_oracle_table_d(
    from_m: float,
    time: str,
    to_m: float,
    r106: str,
    r107: str,
    r115: str,
    cam: str,
    vdot: str,
) -> None:
    t = parse_duration(time)
    assert riegel(t, from_m, to_m) == pytest.approx(parse_duration(r106), abs=1)
    assert riegel(t, from_m, to_m, 1.07) == pytest.approx(parse_duration(r107), abs=1)
    assert riegel(t, from_m, to_m, 1.15) == pytest.approx(parse_duration(r115), abs=1)
    assert cameron(t, from_m, to_m) == pytest.approx(parse_duration(cam), abs=1)
    assert daniels(t, from_m, to_m) == pytest.approx(parse_duration(vdot), abs=1)


# --- the public contract ----------------------------------------------------------------------------


def test_predict_time_is_exported_with_the_contract_fields() -> None:
    assert runcoach.predict_time is predict_time
    assert runcoach.Prediction is Prediction
    names = [f.name for f in dataclasses.fields(Prediction)]
    assert names == ["seconds", "low_seconds", "high_seconds", "method"]
    p = runcoach.predict_time([(10000.0, 2700.0)], 21097.5)
    assert isinstance(p.seconds, float) and isinstance(p.method, str)
    assert p.low_seconds < p.seconds < p.high_seconds


def test_short_targets_use_the_daniels_equivalent() -> None:
    p = predict_time([(10000.0, 2700.0)], HALF_MARATHON_M)
    assert p.method == "daniels_vdot"
    assert p.seconds == pytest.approx(daniels(2700.0, 10000.0, HALF_MARATHON_M))


def test_marathon_uses_the_recreational_model_and_is_slower_than_vdot() -> None:
    plain = daniels(2700.0, 10000.0, MARATHON_M)
    with_volume = predict_time([(10000.0, 2700.0)], MARATHON_M, 60_000.0)
    without = predict_time([(10000.0, 2700.0)], MARATHON_M)
    assert with_volume.method == "recreational_marathon"
    assert without.method == "recreational_marathon_no_volume"
    assert with_volume.seconds > plain and without.seconds > plain


def test_a_marathon_predicts_itself() -> None:
    p = predict_time([(MARATHON_M, 4 * 3600 + 50 * 60)], MARATHON_M)
    assert p.seconds == pytest.approx(4 * 3600 + 50 * 60, abs=0.5)


def test_nearest_race_is_used() -> None:
    races = [(5000.0, 20 * 60.0), (HALF_MARATHON_M, 1.5 * 3600)]
    assert nearest_race(races, MARATHON_M) == (HALF_MARATHON_M, 1.5 * 3600)
    assert nearest_race(races, 10000.0) == (5000.0, 1200.0)


def test_compare_predictors_lists_each_method_once() -> None:
    out = compare_predictors([(10000.0, 2700.0)], MARATHON_M, 60_000.0, training_pace_s_per_km=330)
    assert [p.method for p in out] == [
        "riegel",
        "cameron",
        "daniels_vdot",
        "recreational_marathon",
        "tanda",
    ]


def test_tanda_formula() -> None:
    # Pm = 17.1 + 140·exp(−0.0053·K) + 0.55·P (s/km), K km/week, P s/km (COACHING §2.2).
    expected = (17.1 + 140.0 * math.exp(-0.0053 * 80) + 0.55 * 300) * 42.195
    assert tanda_marathon(80_000, 300) == pytest.approx(expected)
    p = predict_tanda(80_000, 300)
    assert p.low_seconds < p.seconds < p.high_seconds


def test_riegel_range_is_calibrated_at_1_06_and_point_follows_the_exponent() -> None:
    p = predict_riegel(3600.0, HALF_MARATHON_M / 2, HALF_MARATHON_M, 1.10)
    assert p.seconds == pytest.approx(riegel(3600.0, HALF_MARATHON_M / 2, HALF_MARATHON_M, 1.10))


# --- invariants ---------------------------------------------------------------------------------------

race_distances = st.sampled_from([1500.0, 5000.0, 10000.0, HALF_MARATHON_M, MARATHON_M])
target_distances = st.floats(min_value=1500.0, max_value=MARATHON_M)
race_speeds = st.floats(min_value=2.6, max_value=5.5)
volumes = st.none() | st.floats(min_value=5_000, max_value=250_000)


@settings(deadline=None)  # no timing asserts: the machine may be busy
@given(race_distances, race_speeds, target_distances, volumes)
def test_interval_contains_the_point(
    from_m: float, speed: float, to_m: float, weekly: float | None
) -> None:
    p = predict_time([(from_m, from_m / speed)], to_m, weekly)
    assert 0 < p.low_seconds < p.seconds < p.high_seconds


@settings(deadline=None)  # no timing asserts: the machine may be busy
@given(race_distances, race_speeds, target_distances, volumes, st.floats(0.01, 0.2))
def test_faster_race_gives_faster_prediction(
    from_m: float, speed: float, to_m: float, weekly: float | None, faster: float
) -> None:
    assume(speed / (1 - faster) <= 5.5)  # the faster race must stay a plausible race too
    slow = predict_time([(from_m, from_m / speed)], to_m, weekly)
    fast = predict_time([(from_m, from_m / speed * (1 - faster))], to_m, weekly)
    assert fast.seconds < slow.seconds
    assert fast.low_seconds < slow.low_seconds and fast.high_seconds < slow.high_seconds


@settings(deadline=None)  # no timing asserts: the machine may be busy
@given(
    st.sampled_from([5000.0, 10000.0, HALF_MARATHON_M]),
    race_speeds,
    st.floats(5_000, 250_000),
    st.floats(5_000, 250_000),
)
def test_more_weekly_volume_never_predicts_a_slower_marathon(
    from_m: float, speed: float, a: float, b: float
) -> None:
    low, high = sorted((a, b))
    t = from_m / speed
    assert recreational_marathon(t, from_m, high) <= recreational_marathon(t, from_m, low)


def test_volume_is_clipped_to_the_data() -> None:
    t = 2700.0
    assert recreational_marathon(t, 10000, 10_000) == recreational_marathon(
        t, 10000, REC_VOLUME_MIN_M
    )
    assert recreational_marathon(t, 10000, 300_000) == recreational_marathon(
        t, 10000, REC_VOLUME_MAX_M
    )


@settings(deadline=None)  # no timing asserts: the machine may be busy
@given(race_speeds, st.floats(min_value=1500.0, max_value=30_000.0))
def test_longer_targets_take_longer(speed: float, to_m: float) -> None:
    races = [(10000.0, 10000.0 / speed)]
    assert predict_time(races, to_m).seconds < predict_time(races, to_m * 1.2).seconds


# --- bad input -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("races", "target", "weekly", "fragment"),
    [
        ([], MARATHON_M, None, "at least one recent race"),
        ([(MARATHON_M, 120.0)], MARATHON_M, None, "faster than the world record"),
        ([(10000.0, 2700.0)], 100_000.0, None, "outside what the predictors cover"),
        ([(10000.0, 2700.0)], 800.0, None, "outside what the predictors cover"),
        ([(10000.0, 2700.0)], MARATHON_M, -5.0, "weekly distance"),
        ([(10000.0, 2700.0)], MARATHON_M, 900_000.0, "weekly distance"),
    ],
)
def test_bad_input_is_one_sentence(
    races: list[tuple[float, float]], target: float, weekly: float | None, fragment: str
) -> None:
    with pytest.raises(InputError, match=fragment):
        predict_time(races, target, weekly)


def test_tanda_rejects_implausible_training_pace() -> None:
    with pytest.raises(InputError, match="training pace"):
        tanda_marathon(60_000, 60)
