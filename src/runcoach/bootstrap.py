"""The composition root: settings → store → services.

    from runcoach.bootstrap import open_services

    with open_services() as svc:          # the local athlete, the configured database
        svc.profiles.get()

The store is opened (and migrated when needed) on entry and closed on exit. ``database_url``
overrides the settings (``RUNCOACH_DATABASE_URL`` or SQLite in the data directory); ``athlete``
selects whose data the services act on (default: the local athlete, created on first write);
``clock`` replaces the wall clock for the timestamps runcoach writes.

Everything heavy (SQLAlchemy, Alembic) is imported inside :func:`open_services`, so importing
this module is cheap.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from runcoach.services.ports import LOCAL_ATHLETE

if TYPE_CHECKING:
    from runcoach.config import Settings
    from runcoach.services import Services
    from runcoach.services.ports import Clock


@contextmanager
def open_services(
    settings: Settings | None = None,
    *,
    database_url: str | None = None,
    athlete: str = LOCAL_ATHLETE,
    clock: Clock | None = None,
) -> Iterator[Services]:
    """Open the store and yield the services; the store is closed when the block ends.

    Raises :class:`~runcoach.errors.OperationError` (one sentence) when the database cannot be
    opened: a malformed URL, a missing driver, a server that does not answer, a file that is not
    a SQLite database, or a schema written by a newer runcoach.
    """
    from runcoach.services import build_services
    from runcoach.services.ports import SystemClock
    from runcoach.store.database import Database

    if database_url is None:
        if settings is None:
            from runcoach.config import load_settings

            settings = load_settings()
        database_url = settings.database_url
    database = Database(database_url)
    try:
        yield build_services(database.unit_of_work, clock or SystemClock(), database, athlete)
    finally:
        database.close()


def database_url_for_display(settings: Settings | None = None) -> str:
    """The configured database URL with its password hidden (does not open the database)."""
    from runcoach.store.database import hide_password

    if settings is None:
        from runcoach.config import load_settings

        settings = load_settings()
    return hide_password(settings.database_url)
