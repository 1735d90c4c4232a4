"""Which athlete the services act for.

The local CLI works with one "current" athlete, the one with handle ``local``; it is created on
first write (a bare athlete without a profile), so reading never writes. Coach accounts (later)
open services for another handle. Everything in the store carries an ``athlete_id``.
"""

from __future__ import annotations

from runcoach.services.ports import LOCAL_ATHLETE, Clock, UnitOfWork


class AthleteScope:
    """Resolves the athlete handle to its id inside a unit of work."""

    def __init__(self, handle: str = LOCAL_ATHLETE) -> None:
        self.handle = handle

    def find(self, uow: UnitOfWork) -> int | None:
        """The athlete id, or None when the athlete does not exist yet (never writes)."""
        return uow.athletes.find(self.handle)

    def ensure(self, uow: UnitOfWork, clock: Clock) -> int:
        """The athlete id, creating the athlete inside ``uow`` when it does not exist yet."""
        found = uow.athletes.find(self.handle)
        if found is not None:
            return found
        return uow.athletes.create(self.handle, clock.now())
