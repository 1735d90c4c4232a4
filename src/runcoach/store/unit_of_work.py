"""The SQLAlchemy unit of work: one session, one transaction, the three repositories.

Leaving the ``with`` block without :meth:`SqlUnitOfWork.commit` rolls back. Database failures
are turned into one-sentence errors: a broken unique rule into
:class:`~runcoach.services.ports.ConflictError`, anything else into
:class:`~runcoach.errors.OperationError` naming the database and the reason.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from runcoach.errors import OperationError
from runcoach.services.ports import ConflictError
from runcoach.store.database import describe_failure
from runcoach.store.repositories import (
    SqlActivityRepository,
    SqlAthleteRepository,
    SqlPlanRepository,
)


class SqlUnitOfWork:
    """One transaction over the SQL repositories."""

    athletes: SqlAthleteRepository
    plans: SqlPlanRepository
    activities: SqlActivityRepository

    def __init__(self, sessions: sessionmaker[Session], url: str) -> None:
        self._sessions = sessions
        self._url = url
        self._session: Session | None = None

    def __enter__(self) -> Self:
        session = self._sessions()
        self._session = session
        self.athletes = SqlAthleteRepository(session)
        self.plans = SqlPlanRepository(session)
        self.activities = SqlActivityRepository(session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self._session
        self._session = None
        if session is None:
            return
        try:
            session.rollback()
        finally:
            session.close()
        if isinstance(exc, sa.exc.SQLAlchemyError):
            raise _translate(self._url, exc) from exc

    def commit(self) -> None:
        """Commit the transaction (a failure rolls back and raises a one-sentence error)."""
        if self._session is None:
            raise RuntimeError("commit() outside of the unit of work's with-block")
        try:
            self._session.commit()
        except sa.exc.SQLAlchemyError as exc:
            self._session.rollback()
            raise _translate(self._url, exc) from exc

    def rollback(self) -> None:
        """Undo everything since the last commit."""
        if self._session is not None:
            self._session.rollback()


def _translate(url: str, exc: sa.exc.SQLAlchemyError) -> OperationError:
    if isinstance(exc, sa.exc.IntegrityError):
        return ConflictError(describe_failure(url, exc))
    return OperationError(describe_failure(url, exc))
