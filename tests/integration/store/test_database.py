"""Opening the store: SQLite settings, bad URLs and files, where-information."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from runcoach.bootstrap import open_services
from runcoach.errors import OperationError
from runcoach.store.database import Database, create_store_engine, hide_password


def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    engine = create_store_engine(f"sqlite:///{tmp_path / 'a' / 'b' / 'x.db'}")
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15000
        assert (tmp_path / "a" / "b" / "x.db").exists()
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced(database_url: str) -> None:
    db = Database(database_url)
    insert = sa.text(
        "INSERT INTO race_results (athlete_id, distance_m, time_s, created_at)"
        " VALUES (4242, 5000, 1200, '2027-01-01 00:00:00')"
    )
    try:
        with db.engine.connect() as conn, pytest.raises(sa.exc.IntegrityError):
            conn.execute(insert)
    finally:
        db.close()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "not a valid SQLAlchemy URL"),
        ("mysql://u@h/db", "uses 'mysql'; runcoach supports sqlite and postgresql"),
        ("postgresql+nosuchdriver://u@h/db", "needs a driver that is not installed"),
    ],
)
def test_bad_database_urls_are_one_sentence(url: str, message: str) -> None:
    with pytest.raises(OperationError, match=message):
        Database(url)


def test_unreachable_server_is_one_sentence() -> None:
    with pytest.raises(OperationError, match=r"postgresql\+psycopg://u:\*\*\*@127.0.0.1:1/db"):
        Database("postgresql+psycopg://u:secret@127.0.0.1:1/db")


def test_a_file_that_is_not_sqlite_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 200)
    before = path.read_bytes()
    with pytest.raises(OperationError, match="is not a SQLite database"):
        Database(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_hide_password() -> None:
    assert (
        hide_password("postgresql+psycopg://bob:pw@host/db")
        == "postgresql+psycopg://bob:***@host/db"
    )
    assert hide_password("sqlite:///x.db") == "sqlite:///x.db"


def test_store_info_names_backend_versions_and_revision(database_url: str) -> None:
    with open_services(database_url=database_url) as svc:
        info = svc.store.info()
    assert info.backend in ("sqlite", "postgresql")
    assert info.schema_revision == "0001"
    assert info.server_version[0].isdigit()
    assert info.library_versions["sqlalchemy"] == sa.__version__
    assert (info.database_path is None) == (info.backend == "postgresql")
