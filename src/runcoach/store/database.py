"""Opening the store: the engine (SQLite tuned for safety, or any SQLAlchemy URL), migrations,
units of work, and a description of the store for ``runcoach where``.

SQLite connections use WAL (readers never block the writer), ``foreign_keys=ON``,
``synchronous=NORMAL`` (safe in WAL mode: a crash of runcoach or a kill never loses a committed
transaction or leaves a partial one) and a busy timeout so that two runcoach processes wait for
each other instead of failing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from runcoach.errors import OperationError
from runcoach.services.ports import StoreInfo

if TYPE_CHECKING:
    from runcoach.store.unit_of_work import SqlUnitOfWork

BUSY_TIMEOUT_MS = 15_000


def hide_password(url: str) -> str:
    """``url`` with any password replaced by ``***`` (the URL as given when it cannot be parsed)."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def create_store_engine(url: str) -> sa.Engine:
    """An engine for ``url`` with runcoach's connection settings; OperationError when the URL
    is not usable (unknown scheme, missing driver)."""
    shown = hide_password(url)
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        raise OperationError(
            f"database URL {shown!r} is not a valid SQLAlchemy URL "
            "(e.g. sqlite:///path/runcoach.db or postgresql+psycopg://user@host/db)."
        ) from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise OperationError(
            f"database URL {shown!r} uses {backend!r}; runcoach supports sqlite and postgresql."
        )
    kwargs: dict[str, Any] = {}
    if backend == "sqlite":
        if (
            parsed.database
            and parsed.database != ":memory:"
            and not parsed.database.startswith("file:")
        ):
            folder = Path(parsed.database).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise OperationError(
                    f"cannot create the folder {folder} for the database {shown!r}: "
                    f"{exc.strerror or exc}."
                ) from None
        kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000}
    else:
        kwargs["connect_args"] = {"connect_timeout": 10}
    try:
        engine = sa.create_engine(parsed, **kwargs)
    except (sa.exc.NoSuchModuleError, ModuleNotFoundError, ImportError) as exc:
        hint = (
            " install it with: pip install 'runcoach[postgres]'" if backend == "postgresql" else ""
        )
        raise OperationError(
            f"database URL {shown!r} needs a driver that is not installed ({exc});{hint}".rstrip(
                ";"
            )
            + "."
        ) from None
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def describe_failure(url: str, exc: BaseException) -> str:
    """One sentence for a database failure: what store and why."""
    shown = hide_password(url)
    orig = getattr(exc, "orig", None) or exc
    reason = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    if url.startswith("sqlite") and "file is not a database" in reason:
        return f"the database file of {shown!r} is not a SQLite database (file is not a database)."
    return f"the database {shown!r} failed: {reason}."


class Database:
    """An open store: engine, migrated schema, session factory and units of work."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = url
        self.engine = create_store_engine(url)
        try:
            if migrate:
                from runcoach.store.migrate import ensure_schema

                ensure_schema(self.engine)
            else:
                with self.engine.connect():
                    pass
        except OperationError:
            self.engine.dispose()
            raise
        except sa.exc.SQLAlchemyError as exc:
            self.engine.dispose()
            raise OperationError(describe_failure(url, exc)) from exc
        self.sessions = sessionmaker(bind=self.engine, expire_on_commit=False)

    def unit_of_work(self) -> SqlUnitOfWork:
        """A new unit of work (one transaction); use it as a context manager."""
        from runcoach.store.unit_of_work import SqlUnitOfWork

        return SqlUnitOfWork(self.sessions, self.url)

    def session(self) -> Session:
        """A raw session (tests and maintenance)."""
        return self.sessions()

    def info(self) -> StoreInfo:
        """Where the data lives and what runs it."""
        import alembic

        from runcoach.store.migrate import current_revision

        url = self.engine.url
        backend = url.get_backend_name()
        try:
            with self.engine.connect() as conn:
                if backend == "sqlite":
                    server = str(conn.exec_driver_sql("SELECT sqlite_version()").scalar_one())
                else:
                    server = str(conn.exec_driver_sql("SHOW server_version").scalar_one())
                revision = current_revision(conn)
        except sa.exc.SQLAlchemyError as exc:
            raise OperationError(describe_failure(self.url, exc)) from exc
        path = None
        if backend == "sqlite" and url.database and url.database != ":memory:":
            path = str(Path(url.database).expanduser().resolve())
        return StoreInfo(
            database_url=hide_password(self.url),
            backend=backend,
            driver=url.get_driver_name(),
            server_version=server,
            schema_revision=revision,
            library_versions={"sqlalchemy": sa.__version__, "alembic": alembic.__version__},
            database_path=path,
        )

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()
