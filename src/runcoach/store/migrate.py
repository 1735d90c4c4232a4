"""Alembic migrations, configured in code (no ``alembic.ini`` at run time).

:func:`ensure_schema` runs when the store is opened: it reads the revision stamped in the
database and does nothing more when it is :data:`HEAD_REVISION` (so an up-to-date store opens
without loading Alembic); an empty database is created from the migrations; an older revision is
upgraded; a revision this runcoach does not know (written by a newer version) is refused.

Developers add a migration after changing ``models.py`` with::

    python -m runcoach.store.migrate revision "what changed"

and then set :data:`HEAD_REVISION` to the new id (a test checks both agree).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from runcoach.errors import OperationError

if TYPE_CHECKING:
    from alembic.config import Config

#: The newest migration in ``migrations/versions`` (kept in code so opening is fast).
HEAD_REVISION = "0001"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version"


def alembic_config(connection: sa.Connection | None = None, url: str | None = None) -> Config:
    """An Alembic ``Config`` pointing at the packaged migrations."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def current_revision(conn: sa.Connection) -> str | None:
    """The revision stamped in the database, or None for a database without runcoach tables."""
    if not sa.inspect(conn).has_table(VERSION_TABLE):
        return None
    rows = conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    return str(rows[0]) if rows else None


def known_revisions() -> set[str]:
    """Every revision id shipped with this runcoach."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def ensure_schema(engine: sa.Engine) -> str:
    """Bring the database to :data:`HEAD_REVISION`; return the revision it was at (or "")."""
    with engine.connect() as conn:
        revision = current_revision(conn)
        if revision == HEAD_REVISION:
            return revision
        if revision is None:
            _refuse_foreign_tables(conn, engine)
        conn.rollback()
    if revision is not None and revision not in known_revisions():
        raise OperationError(
            f"the database at {_shown(engine)} has schema revision {revision!r}, which this "
            "runcoach does not know (it was written by a newer version); upgrade runcoach."
        )
    try:
        upgrade(engine)
    except sa.exc.SQLAlchemyError:
        # Another process may have created the schema at the same moment: check again.
        with engine.connect() as conn:
            if current_revision(conn) == HEAD_REVISION:
                return revision or ""
        raise
    return revision or ""


def upgrade(engine: sa.Engine, target: str = "head") -> None:
    """Run the migrations up to ``target`` in one transaction."""
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), target)


def _refuse_foreign_tables(conn: sa.Connection, engine: sa.Engine) -> None:
    from runcoach.store.models import Base

    ours = set(Base.metadata.tables)
    present = set(sa.inspect(conn).get_table_names()) & ours
    if present:
        raise OperationError(
            f"the database at {_shown(engine)} already has tables named like runcoach's "
            f"({', '.join(sorted(present))}) but no runcoach schema revision; "
            "use an empty database."
        )


def _shown(engine: sa.Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _main(argv: list[str]) -> int:
    """Developer entry point: ``revision MESSAGE`` autogenerates a migration against a scratch
    SQLite database brought to the current head."""
    import tempfile

    from alembic import command

    if len(argv) != 2 or argv[0] != "revision":
        print("usage: python -m runcoach.store.migrate revision MESSAGE", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        engine = sa.create_engine(f"sqlite:///{Path(tmp) / 'scratch.db'}")
        upgrade(engine)
        with engine.begin() as conn:
            command.revision(alembic_config(conn), message=argv[1], autogenerate=True)
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
