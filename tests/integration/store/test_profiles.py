"""The athlete profile and race results through the services, on each backend."""

from __future__ import annotations

from datetime import date

import pytest

from runcoach.domain.athlete import AthleteProfile, RaceResult
from runcoach.domain.errors import InputError
from runcoach.services import Services

FULL = AthleteProfile(
    name="Ana",
    age=52,
    sex="F",
    units="mi",
    weekly_volume_m=48_280.32,
    longest_run_m=16_093.44,
    days_per_week=5,
    available_days=("mon", "tue", "thu", "sat", "sun"),
    long_run_day="sun",
    races=(
        RaceResult(distance_m=21_097.5, time_s=6_300.0, date=date(2026, 10, 4), name="City Half"),
        RaceResult(distance_m=10_000.0, time_s=2_880.0, date=date(2026, 5, 1)),
    ),
    injury_prone=True,
    beginner=False,
    lifts_weights=True,
    weight_kg=61.5,
    hr_max_bpm=178.0,
    hr_rest_bpm=52.0,
    injuries=("Achilles tendinopathy 2025", "plantar fasciitis"),
)


def test_no_profile_before_the_first_save(services: Services) -> None:
    assert services.profiles.get() is None
    assert services.profiles.races() == []


def test_every_field_round_trips(services: Services) -> None:
    services.profiles.save(FULL)
    stored = services.profiles.get()
    assert stored is not None
    # races come back by date, oldest first
    assert stored.races == (FULL.races[1], FULL.races[0])
    assert stored == AthleteProfile(**{**_fields(FULL), "races": stored.races})


def test_save_replaces_races_and_update_keeps_them(services: Services) -> None:
    services.profiles.save(FULL)
    services.profiles.update(weekly_volume_m=50_000.0, age=53)
    stored = services.profiles.get()
    assert stored is not None
    assert (stored.weekly_volume_m, stored.age, len(stored.races)) == (50_000.0, 53, 2)
    services.profiles.save(AthleteProfile(name="Ana"))
    assert services.profiles.races() == []


def test_add_race_creates_a_default_profile_and_orders_by_date(services: Services) -> None:
    services.profiles.add_race(RaceResult(5_000.0, 1_260.0))
    profile = services.profiles.add_race(RaceResult(10_000.0, 2_700.0, date=date(2026, 3, 1)))
    assert profile.name == "runner"
    assert [r.distance_m for r in profile.races] == [10_000.0, 5_000.0]
    assert services.profiles.races() == list(profile.races)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"age": -3}, "--age -3 is not a plausible age"),
        ({"days_per_week": 9}, "--days 9"),
        ({"hr_max_bpm": 90.0}, "--hr-max 90 is not plausible"),
        ({"hr_max_bpm": 105.0, "hr_rest_bpm": 110.0}, "--hr-rest 110 must be below --hr-max 105"),
        ({"weight_kg": float("nan")}, "--weight nan is not plausible"),
        ({"days_per_week": 4, "available_days": ("mon", "wed")}, "more than the 2 available days"),
        ({"name": "  "}, "--name is empty"),
    ],
)
def test_bad_profiles_are_refused_and_nothing_is_written(
    services: Services, changes: dict[str, object], message: str
) -> None:
    services.profiles.save(FULL)
    with pytest.raises(InputError, match=message):
        services.profiles.update(**changes)
    assert services.profiles.get() is not None
    assert services.profiles.get().age == 52  # type: ignore[union-attr]


def test_bad_race_is_refused(services: Services) -> None:
    with pytest.raises(InputError, match="race time"):
        services.profiles.add_race(RaceResult(5_000.0, 0.0))
    assert services.profiles.get() is None


def _fields(profile: AthleteProfile) -> dict[str, object]:
    from dataclasses import fields

    return {f.name: getattr(profile, f.name) for f in fields(profile)}
