"""The runner: profile, race results, availability and goal. Pure values, SI units."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from runcoach.domain.errors import InputError
from runcoach.domain.units import Units, race_label

Sex = Literal["F", "M", "X"]
SEXES: tuple[Sex, ...] = ("F", "M", "X")

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

MIN_AGE = 10
MAX_AGE = 100


def parse_sex(text: str, *, what: str = "--sex") -> Sex:
    """Parse ``F``, ``M`` or ``X`` (non-binary); words such as ``female`` are accepted."""
    t = text.strip().lower()
    mapping: dict[str, Sex] = {
        "f": "F",
        "female": "F",
        "w": "F",
        "woman": "F",
        "women": "F",
        "m": "M",
        "male": "M",
        "man": "M",
        "men": "M",
        "x": "X",
        "nb": "X",
        "non-binary": "X",
        "nonbinary": "X",
    }
    if t not in mapping:
        raise InputError(f"{what} {text!r} is not one of F, M or X (non-binary).")
    return mapping[t]


def parse_weekday(text: str, *, what: str = "day") -> Weekday:
    """Parse a weekday name (``mon`` .. ``sun``; full names accepted)."""
    t = text.strip().lower()[:3]
    for day in WEEKDAYS:
        if t == day:
            return day
    raise InputError(f"{what} {text!r} is not a weekday: use mon, tue, wed, thu, fri, sat or sun.")


def parse_weekdays(text: str, *, what: str = "--available") -> tuple[Weekday, ...]:
    """Parse a comma-separated list of weekdays, returned in calendar order without repeats."""
    days = {parse_weekday(part, what=what) for part in text.split(",") if part.strip()}
    if not days:
        raise InputError(f"{what} {text!r} names no weekday: use e.g. mon,wed,fri,sun.")
    return tuple(d for d in WEEKDAYS if d in days)


def check_age(age: int, *, what: str = "--age") -> int:
    """Validate an age in years (10–100)."""
    if not MIN_AGE <= age <= MAX_AGE:
        raise InputError(
            f"{what} {age} is not a plausible age: give years between {MIN_AGE} and {MAX_AGE}."
        )
    return age


@dataclass(frozen=True, slots=True)
class RaceResult:
    """A race the runner ran: distance in metres, time in seconds, optional date and name."""

    distance_m: float
    time_s: float
    date: date | None = None
    name: str | None = None

    @property
    def label(self) -> str:
        """Canonical distance name (``10k``, ``half``, ...)."""
        return race_label(self.distance_m)


@dataclass(frozen=True, slots=True)
class AthleteProfile:
    """What runcoach knows about a runner. Distances in metres, heart rates in beats per minute.

    ``weekly_volume_m`` is the average of the last 4 weeks; ``longest_run_m`` the longest run in
    the last 30 days. ``days_per_week`` counts running days; ``available_days`` lists the days the
    runner can run (empty = any day).
    """

    name: str = "runner"
    age: int | None = None
    sex: Sex | None = None
    units: Units = "km"
    weekly_volume_m: float | None = None
    longest_run_m: float | None = None
    days_per_week: int | None = None
    available_days: tuple[Weekday, ...] = ()
    long_run_day: Weekday | None = None
    races: tuple[RaceResult, ...] = field(default_factory=tuple)
    injury_prone: bool = False
    beginner: bool = False
    lifts_weights: bool = False
    weight_kg: float | None = None
    hr_max_bpm: float | None = None
    hr_rest_bpm: float | None = None
    injuries: tuple[str, ...] = ()

    @property
    def is_masters(self) -> bool:
        """Masters runner for the plan rules (age ≥ 50; COACHING.md §6.4, DESIGN.md §5)."""
        return self.age is not None and self.age >= 50


def check_profile(profile: AthleteProfile) -> AthleteProfile:
    """Validate every field of a profile; raise InputError naming the first bad one.

    Distances in metres, weight in kilograms, heart rates in beats per minute.
    """
    if not profile.name.strip():
        raise InputError("--name is empty: give the runner's name.")
    if profile.age is not None:
        check_age(profile.age)
    if profile.sex is not None and profile.sex not in SEXES:
        raise InputError(f"--sex {profile.sex!r} is not one of F, M or X (non-binary).")
    if profile.units not in ("km", "mi"):
        raise InputError(f"--units {profile.units!r} is not a unit system: use km or mi.")
    _check_range("--weekly-volume", profile.weekly_volume_m, 0.0, 400_000.0, "metres per week")
    _check_range("--longest-run", profile.longest_run_m, 0.0, 200_000.0, "metres")
    if profile.days_per_week is not None and not 1 <= profile.days_per_week <= 7:
        raise InputError(f"--days {profile.days_per_week} is not a number of days between 1 and 7.")
    for day in (
        *profile.available_days,
        *(() if profile.long_run_day is None else (profile.long_run_day,)),
    ):
        if day not in WEEKDAYS:
            raise InputError(
                f"day {day!r} is not a weekday: use mon, tue, wed, thu, fri, sat or sun."
            )
    if (
        profile.days_per_week is not None
        and profile.available_days
        and profile.days_per_week > len(profile.available_days)
    ):
        raise InputError(
            f"--days {profile.days_per_week} is more than the {len(profile.available_days)} "
            f"available days ({','.join(profile.available_days)})."
        )
    _check_range("--weight", profile.weight_kg, 20.0, 300.0, "kg")
    _check_range("--hr-max", profile.hr_max_bpm, 100.0, 240.0, "beats per minute")
    _check_range("--hr-rest", profile.hr_rest_bpm, 25.0, 120.0, "beats per minute")
    if (
        profile.hr_max_bpm is not None
        and profile.hr_rest_bpm is not None
        and profile.hr_rest_bpm >= profile.hr_max_bpm
    ):
        raise InputError(
            f"--hr-rest {profile.hr_rest_bpm:g} must be below --hr-max {profile.hr_max_bpm:g}."
        )
    for race in profile.races:
        check_race(race)
    return profile


def check_race(race: RaceResult) -> RaceResult:
    """Validate a race result: a positive distance (metres) and time (seconds)."""
    if not (race.distance_m > 0 and race.distance_m < 1e6):
        raise InputError(f"race distance {race.distance_m!r} m must be between 0 and 1000 km.")
    if not (race.time_s > 0 and race.time_s < 1e6):
        raise InputError(f"race time {race.time_s!r} s must be positive and under 11 days.")
    return race


def _check_range(what: str, value: float | None, low: float, high: float, unit: str) -> None:
    if value is None:
        return
    if not (low <= value <= high):  # also rejects NaN
        raise InputError(
            f"{what} {value:g} is not plausible: give between {low:g} and {high:g} {unit}."
        )


KG_PER_LB = 0.45359237


def parse_weight(text: str, *, what: str = "--weight") -> float:
    """Parse a body mass such as ``64kg`` or ``141lb``; return kilograms.

    A bare number is rejected because its unit would be a guess.
    Source: 1 lb = 0.45359237 kg (international avoirdupois pound).
    """
    t = text.strip().lower().replace(",", ".").replace(" ", "")
    m = re.fullmatch(r"(\d+(?:\.\d*)?|\.\d+)(kg|kgs|kilos?|lb|lbs|pounds?)?", t)
    if m is None:
        raise InputError(f"{what} {text!r} is not a weight: write it as 64kg or 141lb.")
    if m.group(2) is None:
        raise InputError(f"{what} {text!r} has no unit: write it as {t}kg or {t}lb.")
    value = float(m.group(1))
    return value * KG_PER_LB if m.group(2).startswith(("lb", "pound")) else value
