"""The runner: profile, race results, availability and goal. Pure values, SI units."""

from __future__ import annotations

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
