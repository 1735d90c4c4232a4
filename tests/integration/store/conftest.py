"""Fixtures for store tests: services on each backend, fresh databases on demand, a test clock."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from runcoach.bootstrap import open_services
from runcoach.services import Services
from tests.conftest import PG_URL, _pg_schema_url


class TickingClock:
    """A clock that starts at a fixed instant and moves one second per reading."""

    def __init__(self, start: datetime = datetime(2027, 1, 1, 12, 0, tzinfo=UTC)) -> None:
        self.current = start

    def now(self) -> datetime:
        self.current += timedelta(seconds=1)
        return self.current


@pytest.fixture
def clock() -> TickingClock:
    return TickingClock()


@pytest.fixture
def services(database_url: str, clock: TickingClock) -> Iterator[Services]:
    """The services over an empty store on the backend under test."""
    with open_services(database_url=database_url, clock=clock) as svc:
        yield svc


FreshUrl = Callable[[], str]


@pytest.fixture
def fresh_database_url(database_url: str, tmp_path: Path) -> Iterator[FreshUrl]:
    """Makes further empty databases on the same backend as ``database_url`` (for tests that
    need several stores, e.g. export from one and import into another)."""
    schemas: list[str] = []

    def make() -> str:
        if database_url.startswith("sqlite"):
            return f"sqlite:///{tmp_path / f'fresh-{uuid.uuid4().hex[:10]}.db'}"
        import sqlalchemy as sa

        schema = f"t_{uuid.uuid4().hex[:12]}"
        engine = sa.create_engine(PG_URL)
        with engine.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        engine.dispose()
        schemas.append(schema)
        return _pg_schema_url(schema)

    yield make
    if schemas:
        import sqlalchemy as sa

        engine = sa.create_engine(PG_URL)
        with engine.begin() as conn:
            for schema in schemas:
                conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()
