"""Parsing and formatting of distances, durations, paces and races."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runcoach.domain.errors import InputError
from runcoach.domain.units import (
    RACE_DISTANCES_M,
    format_distance,
    format_duration,
    format_pace,
    parse_distance,
    parse_duration,
    parse_pace,
    parse_race,
)


@pytest.mark.parametrize(
    ("text", "metres"),
    [
        ("5k", 5000.0),
        ("10k", 10000.0),
        ("half", 21097.5),
        ("Half-Marathon", 21097.5),
        ("marathon", 42195.0),
        ("5mi", 8046.72),
        ("21.0975km", 21097.5),
        ("400m", 400.0),
        ("10 miles", 16093.44),
        ("1,5km", 1500.0),
    ],
)
def test_parse_distance(text: str, metres: float) -> None:
    assert parse_distance(text) == pytest.approx(metres)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("45:00", 2700.0),
        ("1:45:00", 6300.0),
        ("3h05m", 11100.0),
        ("3h", 10800.0),
        ("90s", 90.0),
        ("2:39:00", 9540.0),
        ("19:59.5", 1199.5),
    ],
)
def test_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize(
    ("text", "s_per_km"),
    [("4:30/km", 270.0), ("7:15/mi", 435 / 1.609344), ("5:00 min/km", 300.0)],
)
def test_parse_pace(text: str, s_per_km: float) -> None:
    assert parse_pace(text) == pytest.approx(s_per_km)


def test_parse_race() -> None:
    race = parse_race("10k=45:00")
    assert (race.distance_m, race.time_s, race.label) == (10000.0, 2700.0, "10k")


@pytest.mark.parametrize(
    ("parser", "text", "fragment"),
    [
        (parse_distance, "40", "has no unit"),
        (parse_distance, "fast", "is not a distance"),
        (parse_distance, "10parsecs", "unknown unit"),
        (parse_duration, "4500", "ambiguous"),
        (parse_duration, "45:75", "below 60"),
        (parse_duration, "1:75:00", "below 60"),
        (parse_duration, "soon", "is not a time"),
        (parse_pace, "4:30", "is not a pace"),
        (parse_race, "10k", "joined by '='"),
        (parse_race, "10k=4500", "ambiguous"),
    ],
)
def test_bad_input_names_the_value(parser: object, text: str, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        parser(text)  # type: ignore[operator]
    message = str(info.value)
    assert fragment in message
    assert repr(text) in message or text in message


@given(st.integers(min_value=1, max_value=30 * 3600))
def test_duration_round_trip(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds


@given(st.floats(min_value=120, max_value=900, allow_nan=False))
def test_pace_round_trip_within_a_second(s_per_km: float) -> None:
    for units in ("km", "mi"):
        text = format_pace(s_per_km, units)  # type: ignore[arg-type]
        assert parse_pace(text) == pytest.approx(s_per_km, abs=0.5 * (1.61 if units == "mi" else 1))


@given(st.floats(min_value=100, max_value=200_000, allow_nan=False))
def test_distance_round_trip(metres: float) -> None:
    assert parse_distance(f"{metres / 1000!r}km") == pytest.approx(metres)


@given(
    st.sampled_from(sorted(RACE_DISTANCES_M)),
    st.integers(min_value=1, max_value=12 * 3600),
)
def test_race_round_trip(name: str, seconds: int) -> None:
    race = parse_race(f"{name}={format_duration(seconds)}")
    assert (race.distance_m, race.time_s, race.label) == (RACE_DISTANCES_M[name], seconds, name)


@given(st.floats(min_value=0.1, max_value=30 * 3600, allow_nan=False))
def test_duration_with_tenths_round_trip(seconds: float) -> None:
    assert parse_duration(format_duration(seconds, decimals=1)) == pytest.approx(
        seconds, abs=0.0501
    )


@given(st.floats(min_value=100, max_value=200_000), st.sampled_from(["km", "mi"]))
def test_formatted_distance_parses_back(metres: float, units: str) -> None:
    text = format_distance(metres, units, decimals=4)  # type: ignore[arg-type]
    step = 1609.344 if units == "mi" else 1000.0
    assert parse_distance(text) == pytest.approx(metres, abs=0.5e-4 * step + 1e-9)
