"""Race-day arithmetic: pacing tables and fuelling by body mass (COACHING §8)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runcoach.domain.errors import InputError
from runcoach.domain.racing import (
    fuelling,
    half_paces,
    pacing_table,
    parse_mass,
    sweat_rate_l_per_h,
)
from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M, METRES_PER_MILE, parse_duration


def test_even_marathon_per_km() -> None:
    table = pacing_table(MARATHON_M, parse_duration("2:39:00"))
    assert table[-1].distance_m == MARATHON_M
    assert table[-1].elapsed_s == pytest.approx(9540.0)
    assert [m.distance_m for m in table[:3]] == [1000.0, 2000.0, 3000.0]
    assert any(abs(m.distance_m - MARATHON_M / 2) < 1e-9 for m in table)
    assert len(table) == 42 + 1 + 1  # 42 whole km, the half, the finish
    assert all(m.pace_s_per_km == pytest.approx(9540 / 42.195) for m in table)


def test_negative_split_halves() -> None:
    goal = parse_duration("2:39:00")
    table = pacing_table(MARATHON_M, goal, split="negative", negative_split_pct=2.0)
    half = next(m for m in table if abs(m.distance_m - MARATHON_M / 2) < 1e-9)
    first, second = half.elapsed_s, goal - half.elapsed_s
    assert second == pytest.approx(first * 0.98)
    assert table[-1].elapsed_s == pytest.approx(goal)


def test_per_mile_marks() -> None:
    table = pacing_table(HALF_MARATHON_M, parse_duration("1:30:00"), units="mi")
    assert table[0].distance_m == pytest.approx(METRES_PER_MILE)
    assert len([m for m in table if m.distance_m < HALF_MARATHON_M - 1]) == 13 + 1


@settings(deadline=None)  # no timing asserts: the machine may be busy
@given(
    st.sampled_from([5000.0, 10000.0, HALF_MARATHON_M, MARATHON_M]),
    st.floats(900, 25000),
    st.sampled_from(["even", "negative"]),
    st.floats(0.1, 10),
    st.sampled_from(["km", "mi"]),
)
def test_pacing_table_adds_up(
    distance: float, goal: float, split: str, pct: float, units: str
) -> None:
    table = pacing_table(distance, goal, units=units, split=split, negative_split_pct=pct)  # type: ignore[arg-type]
    assert table[-1].elapsed_s == pytest.approx(goal)
    elapsed = [m.elapsed_s for m in table]
    assert elapsed == sorted(elapsed)
    first, second = half_paces(distance, goal, split, pct)  # type: ignore[arg-type]
    assert second <= first


def test_fuelling_for_a_64_kg_marathoner() -> None:
    # 10–12 g/kg/day for 36–48 h; 1–4 g/kg before; 60–90 g/h over 2 h; 2 % mass loss limit.
    fuel = fuelling(64.0, parse_duration("2:39:00"))
    assert fuel.carb_load_g_per_day == pytest.approx((640.0, 768.0))
    assert fuel.carb_load_total_g == pytest.approx((960.0, 1536.0))
    assert fuel.pre_race_meal_g == pytest.approx((64.0, 256.0))
    assert fuel.in_race_g_per_hour == (60.0, 90.0)
    assert fuel.in_race_total_g == pytest.approx((159.0, 238.5))
    assert fuel.max_fluid_loss_kg == pytest.approx(1.28)
    assert fuel.pre_hydration_ml == pytest.approx((320.0, 448.0))


def test_fuelling_70_kg_example_from_burke() -> None:
    # COACHING §8: 70 kg -> 700–840 g per day.
    fuel = fuelling(70.0, 4 * 3600)
    assert fuel.carb_load_g_per_day == pytest.approx((700.0, 840.0))


def test_short_races_need_no_loading() -> None:
    five_k = fuelling(60.0, 25 * 60)
    assert five_k.carb_load_g_per_day is None
    assert five_k.pre_race_meal_g is None
    assert five_k.in_race_g_per_hour is None
    half = fuelling(60.0, 100 * 60)
    assert half.carb_load_g_per_day is not None
    assert half.in_race_g_per_hour == (30.0, 60.0)


@pytest.mark.parametrize(
    ("text", "kg"),
    [("64kg", 64.0), ("64 kg", 64.0), ("141lb", 141 * 0.45359237), ("70,5kg", 70.5)],
)
def test_parse_mass(text: str, kg: float) -> None:
    assert parse_mass(text) == pytest.approx(kg)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("64", "has no unit"), ("heavy", "is not a body mass"), ("900kg", "not a plausible")],
)
def test_parse_mass_errors(text: str, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        parse_mass(text)


def test_sweat_rate() -> None:
    assert sweat_rate_l_per_h(70.0, 69.0, 0.5, 5400) == pytest.approx(1.0)


def test_bad_split() -> None:
    with pytest.raises(InputError, match="negative split"):
        pacing_table(MARATHON_M, 10800, split="negative", negative_split_pct=20)
    with pytest.raises(InputError, match="not one of even or negative"):
        pacing_table(MARATHON_M, 10800, split="positive")  # type: ignore[arg-type]
