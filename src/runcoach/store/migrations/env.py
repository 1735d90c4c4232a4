"""Alembic environment for runcoach: runs on the connection handed over in ``config.attributes``
(see ``runcoach.store.migrate``); batch mode on SQLite so later migrations can alter tables."""

from __future__ import annotations

from typing import Any, Literal

import sqlalchemy as sa
from alembic import context

from runcoach.store.models import Base
from runcoach.store.types import UtcDateTime

config = context.config
target_metadata = Base.metadata


def render_item(kind: str, obj: Any, _context: Any) -> str | Literal[False]:
    """Write runcoach's own column types as plain SQLAlchemy types in new migrations."""
    if kind == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime()"
    return False


def run_migrations(connection: sa.Connection) -> None:
    """Configure the context on ``connection`` and run the migrations."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("runcoach migrations need a connection or sqlalchemy.url")
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        run_migrations(conn)
    engine.dispose()
