"""Use cases for the athlete profile and race results.

``svc.profiles.get()`` returns the saved :class:`~runcoach.domain.athlete.AthleteProfile` (with
its races) or None; ``save`` validates and writes every field; ``update(**fields)`` changes some
fields of the saved profile (or of a default one); ``add_race`` appends a race result.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from runcoach.domain.athlete import AthleteProfile, RaceResult, check_profile, check_race
from runcoach.services.ports import Clock, UnitOfWorkFactory
from runcoach.services.scope import AthleteScope


class ProfileService:
    """Read and write the athlete profile (DESIGN.md §2, "Profile")."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, scope: AthleteScope) -> None:
        self._uow = uow
        self._clock = clock
        self._scope = scope

    def get(self) -> AthleteProfile | None:
        """The saved profile with its race results, or None when none was saved yet."""
        with self._uow() as uow:
            athlete_id = self._scope.find(uow)
            if athlete_id is None:
                return None
            return uow.athletes.get_profile(athlete_id)

    def save(self, profile: AthleteProfile) -> AthleteProfile:
        """Validate and store ``profile`` whole: every field, and exactly its races."""
        check_profile(profile)
        with self._uow() as uow:
            athlete_id = self._scope.ensure(uow, self._clock)
            uow.athletes.save_profile(athlete_id, profile, self._clock.now())
            uow.commit()
        return profile

    def update(self, **changes: Any) -> AthleteProfile:
        """Change some fields (``AthleteProfile`` field names) of the saved profile, or of a
        default profile when none exists, and store the result."""
        with self._uow() as uow:
            athlete_id = self._scope.ensure(uow, self._clock)
            current = uow.athletes.get_profile(athlete_id) or AthleteProfile()
            updated = check_profile(replace(current, **changes))
            uow.athletes.save_profile(athlete_id, updated, self._clock.now())
            uow.commit()
        return updated

    def add_race(self, race: RaceResult) -> AthleteProfile:
        """Add a race result; a profile with default fields is created if none exists.

        Returns the stored profile with the new race.
        """
        check_race(race)
        with self._uow() as uow:
            athlete_id = self._scope.ensure(uow, self._clock)
            now = self._clock.now()
            if uow.athletes.get_profile(athlete_id) is None:
                uow.athletes.save_profile(athlete_id, AthleteProfile(races=(race,)), now)
            else:
                uow.athletes.add_race(athlete_id, race, now)
            profile = uow.athletes.get_profile(athlete_id)
            uow.commit()
        assert profile is not None
        return profile

    def races(self) -> list[RaceResult]:
        """The stored race results, oldest first (undated ones last)."""
        with self._uow() as uow:
            athlete_id = self._scope.find(uow)
            if athlete_id is None:
                return []
            return uow.athletes.list_races(athlete_id)
