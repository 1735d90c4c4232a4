"""Migrations: upgrade from empty on each backend, models match migrations, fast reopen."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from runcoach.errors import OperationError
from runcoach.store import migrate
from runcoach.store.database import Database, create_store_engine
from runcoach.store.models import Base


def test_head_revision_constant_matches_the_migration_scripts() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert script.get_current_head() == migrate.HEAD_REVISION


def test_upgrade_from_empty_creates_every_table(database_url: str) -> None:
    engine = create_store_engine(database_url)
    try:
        with engine.connect() as conn:
            assert migrate.current_revision(conn) is None
        assert migrate.ensure_schema(engine) == ""
        with engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.HEAD_REVISION
            tables = set(sa.inspect(conn).get_table_names())
        assert set(Base.metadata.tables) <= tables
    finally:
        engine.dispose()


def test_models_match_migrations(database_url: str) -> None:
    engine = create_store_engine(database_url)
    try:
        migrate.upgrade(engine)
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
        assert diff == []
    finally:
        engine.dispose()


def test_downgrade_to_empty_and_upgrade_again(database_url: str) -> None:
    from alembic import command

    engine = create_store_engine(database_url)
    try:
        migrate.upgrade(engine)
        with engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "base")
        with engine.connect() as conn:
            left = set(sa.inspect(conn).get_table_names()) & set(Base.metadata.tables)
        assert left == set()
        migrate.upgrade(engine)
        with engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.HEAD_REVISION
    finally:
        engine.dispose()


def test_up_to_date_store_is_not_migrated_again(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    Database(database_url).close()
    calls: list[str] = []
    monkeypatch.setattr(migrate, "upgrade", lambda *a, **k: calls.append("upgrade"))
    Database(database_url).close()
    assert calls == []


def test_unknown_newer_revision_is_refused(database_url: str) -> None:
    Database(database_url).close()
    engine = create_store_engine(database_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(OperationError, match=r"revision '9999'.*newer version"):
        Database(database_url)


def test_tables_without_revision_are_refused(database_url: str) -> None:
    engine = create_store_engine(database_url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE activities (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    with pytest.raises(OperationError, match=r"already has tables.*\(activities\)"):
        Database(database_url)
