"""What the load formulas take from the runner's profile, and where each value came from.

Pure: the date "today" is a parameter. Units: seconds per kilometre, beats per minute.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from runcoach.domain.athlete import AthleteProfile, RaceResult
from runcoach.domain.errors import InputError
from runcoach.domain.load.impulse import HeartRateZones, heart_rate_zones
from runcoach.domain.load.metrics import LoadParameters
from runcoach.domain.vdot import training_paces, vdot_from_race

#: Races within this many days before today count as current fitness.
RECENT_RACE_DAYS = 365


@dataclass(frozen=True, slots=True)
class LoadProfile:
    """The load parameters of one runner with their provenance.

    ``race`` is the race whose VDOT gave the threshold (T) pace, or None (no usable race: no
    pace-based load); ``vdot`` its VDOT; ``heart_rate`` the TRIMP anchors with their
    "estimated" flags, or None (no maximum heart rate and no age: no TRIMP).
    """

    parameters: LoadParameters
    race: RaceResult | None
    vdot: float | None
    heart_rate: HeartRateZones | None


def fitness_race(races: tuple[RaceResult, ...], today: date) -> tuple[RaceResult, float] | None:
    """The race that stands for current fitness, with its VDOT.

    The best VDOT among races of the last 365 days; otherwise the most recent dated race;
    otherwise the best undated race. Races after ``today`` and races the VDOT model rejects
    (too short, implausible) are skipped.
    Source: Daniels' Running Formula — paces from a recent race (COACHING.md Part B §1.4).
    """
    rated: list[tuple[RaceResult, float]] = []
    for race in races:
        if race.date is not None and race.date > today:
            continue
        try:
            rated.append((race, vdot_from_race(race.distance_m, race.time_s)))
        except InputError:
            continue
    recent_from = today - timedelta(days=RECENT_RACE_DAYS)
    recent = [r for r in rated if r[0].date is not None and r[0].date >= recent_from]
    if recent:
        return max(recent, key=lambda r: r[1])
    dated = [r for r in rated if r[0].date is not None]
    if dated:
        return max(dated, key=lambda r: (r[0].date, r[1]))
    return max(rated, key=lambda r: r[1]) if rated else None


def load_profile(profile: AthleteProfile | None, today: date) -> LoadProfile:
    """Threshold pace (VDOT T pace of :func:`fitness_race`), heart-rate anchors (HRmax from
    the profile or Tanaka's 208 − 0.7·age, HRrest from the profile or 60 bpm, each flagged when
    estimated) and sex, from a profile (None: nothing known)."""
    if profile is None:
        return LoadProfile(parameters=LoadParameters(), race=None, vdot=None, heart_rate=None)
    chosen = fitness_race(profile.races, today)
    zones = heart_rate_zones(
        age=profile.age, hr_max_bpm=profile.hr_max_bpm, hr_rest_bpm=profile.hr_rest_bpm
    )
    threshold = None if chosen is None else training_paces(chosen[1]).threshold
    return LoadProfile(
        parameters=LoadParameters(
            threshold_pace_s_per_km=threshold, heart_rate=zones, sex=profile.sex
        ),
        race=None if chosen is None else chosen[0],
        vdot=None if chosen is None else chosen[1],
        heart_rate=zones,
    )
