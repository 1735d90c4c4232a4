"""Ports: what the services need from persistence, as typing Protocols, and the records they return.

The services depend only on these protocols; ``runcoach.store`` implements them with SQLAlchemy
and ``runcoach.bootstrap`` wires the two together. A unit of work is one database transaction:

    with uow_factory() as uow:
        uow.activities.add(...)
        uow.commit()          # leaving the block without commit() rolls everything back

Records are frozen dataclasses in SI units with timezone-aware datetimes (UTC for timestamps
runcoach itself writes; an activity's ``start_time`` keeps the recording's offset).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Protocol, Self

from runcoach.errors import OperationError

if TYPE_CHECKING:
    from runcoach.domain.activity import Activity
    from runcoach.domain.athlete import AthleteProfile, RaceResult
    from runcoach.domain.plan.model import Plan

#: Status of a plan version. ``current``: the plan the runner follows (one per athlete);
#: ``proposed``: a suggested change waiting for accept; ``superseded``: replaced by a later
#: current version or a newer proposal; ``undone``: was current, then undone; ``rejected``: a
#: proposal the runner turned down.
PlanStatus = Literal["current", "proposed", "superseded", "undone", "rejected"]
PLAN_STATUSES: tuple[PlanStatus, ...] = ("current", "proposed", "superseded", "undone", "rejected")

#: Handle of the athlete the local CLI works with (created on first use).
LOCAL_ATHLETE = "local"


class ConflictError(OperationError):
    """A write broke a unique rule of the store (e.g. the same file imported twice at once)."""


# --- records -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlanVersion:
    """One stored version of a plan. Documents are never changed once written; only ``status``
    moves (current → superseded/undone, proposed → current/superseded/rejected).

    ``plan_id`` identifies the lineage (all versions of one plan); ``version`` counts from 1
    within it. ``parent_id`` is the version this one was derived from (None for a new plan);
    ``previous_current_id`` is the version that was current when this one became current (what
    ``undo`` goes back to). ``reasons`` is a list of ``{"rule", "text"}``; ``diff`` is whatever
    JSON the adaptation produced (None for a new plan); ``document`` is the ``runcoach.plan/1``
    JSON.
    """

    id: int
    plan_id: int
    version: int
    status: PlanStatus
    created_at: datetime
    document: Mapping[str, Any]
    reasons: tuple[Mapping[str, Any], ...] = ()
    diff: Any = None
    parent_id: int | None = None
    previous_current_id: int | None = None
    activated_at: datetime | None = None
    note: str | None = None

    @property
    def plan(self) -> Plan:
        """The ``runcoach.plan/1`` document read back into the domain ``Plan``."""
        from runcoach.domain.plan.model import Plan

        return Plan.from_dict(self.document, source=f"stored plan version {self.id}")


@dataclass(frozen=True, slots=True)
class NewPlanVersion:
    """What a repository needs to write a plan version (timestamps and links explicit)."""

    document: Mapping[str, Any]
    status: PlanStatus
    created_at: datetime
    reasons: tuple[Mapping[str, Any], ...] = ()
    diff: Any = None
    parent_id: int | None = None
    previous_current_id: int | None = None
    activated_at: datetime | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class StoredActivity:
    """An activity as stored: the domain ``Activity`` plus its id and provenance.

    From :meth:`ActivityRepository.list_range` the activity has no laps and no samples (fast
    summaries); from :meth:`ActivityRepository.get` it has both.
    """

    id: int
    activity: Activity
    source: str
    content_hash: str | None
    source_name: str | None
    imported_at: datetime
    lap_count: int = 0
    sample_count: int = 0


@dataclass(frozen=True, slots=True)
class ImportResult:
    """Outcome of importing one file: ``imported`` (with the new ids, one per leg) or
    ``duplicate`` (with the ids of the stored activities it duplicates and why)."""

    status: Literal["imported", "duplicate"]
    activity_ids: tuple[int, ...] = ()
    duplicate_of: tuple[int, ...] = ()
    reason: str = ""

    @property
    def imported(self) -> bool:
        """True when new activities were stored."""
        return self.status == "imported"


@dataclass(frozen=True, slots=True)
class StoreInfo:
    """Where the data lives and what runs it (for ``runcoach where``)."""

    database_url: str  # password hidden
    backend: str  # "sqlite" or "postgresql"
    driver: str
    server_version: str
    schema_revision: str | None
    library_versions: Mapping[str, str] = field(default_factory=dict)
    database_path: str | None = None  # SQLite file, None for servers


# --- repositories ---------------------------------------------------------------------------


class AthleteRepository(Protocol):
    """Athletes (one row each), their profile and race results."""

    def find(self, handle: str) -> int | None:
        """The id of the athlete with ``handle``, or None."""
        ...

    def create(self, handle: str, now: datetime) -> int:
        """Create a bare athlete (no profile yet) and return its id."""
        ...

    def handles(self) -> list[tuple[int, str]]:
        """Every athlete as (id, handle), oldest first."""
        ...

    def get_profile(self, athlete_id: int) -> AthleteProfile | None:
        """The saved profile with its races, or None when none was saved yet."""
        ...

    def save_profile(self, athlete_id: int, profile: AthleteProfile, now: datetime) -> None:
        """Write every profile field; the stored races become exactly ``profile.races``."""
        ...

    def add_race(self, athlete_id: int, race: RaceResult, now: datetime) -> None:
        """Add one race result."""
        ...

    def list_races(self, athlete_id: int) -> list[RaceResult]:
        """Race results, oldest date first (undated last), then in the order added."""
        ...

    def timestamps(self, athlete_id: int) -> tuple[datetime, datetime | None]:
        """(created_at, profile_saved_at) of the athlete."""
        ...

    def set_timestamps(
        self, athlete_id: int, created_at: datetime, profile_saved_at: datetime | None
    ) -> None:
        """Restore the timestamps (used by import-all)."""
        ...


class PlanRepository(Protocol):
    """Plan lineages and their versions. Documents are append-only; statuses move."""

    def create_lineage(self, athlete_id: int, now: datetime, name: str | None = None) -> int:
        """Start a new plan lineage and return its id."""
        ...

    def lineages(self, athlete_id: int) -> list[tuple[int, str | None, datetime]]:
        """Every lineage as (id, name, created_at), oldest first."""
        ...

    def add_version(self, athlete_id: int, plan_id: int, new: NewPlanVersion) -> PlanVersion:
        """Append the next version number to lineage ``plan_id``."""
        ...

    def get(self, athlete_id: int, version_id: int) -> PlanVersion | None:
        """One version of this athlete, or None."""
        ...

    def find_status(self, athlete_id: int, status: PlanStatus) -> list[PlanVersion]:
        """This athlete's versions with ``status``, newest first."""
        ...

    def list_versions(self, athlete_id: int, plan_id: int | None = None) -> list[PlanVersion]:
        """Versions of one lineage (or all of the athlete's), oldest first."""
        ...

    def set_status(
        self,
        version_id: int,
        status: PlanStatus,
        *,
        activated_at: datetime | None = None,
        previous_current_id: int | None = None,
    ) -> None:
        """Move a version to ``status``. When ``activated_at`` is given (it becomes current by
        accept/make-current) also record it and ``previous_current_id``; otherwise both keep
        their stored values (undo restores a version without rewriting where it came from)."""
        ...

    def set_links(
        self, version_id: int, parent_id: int | None, previous_current_id: int | None
    ) -> None:
        """Set the parent and previous-current links (used by import-all, after every
        version exists)."""
        ...


class ActivityRepository(Protocol):
    """Activities with laps and per-second samples (stored compactly, one blob each)."""

    def add(
        self,
        athlete_id: int,
        activity: Activity,
        *,
        content_hash: str | None,
        source_name: str | None,
        imported_at: datetime,
    ) -> int:
        """Insert one activity with its laps and samples; return its id."""
        ...

    def find_by_hash(self, athlete_id: int, content_hash: str) -> list[int]:
        """Ids of the activities imported from a file with this content hash."""
        ...

    def find_near(
        self, athlete_id: int, start_utc: datetime, window_s: float
    ) -> list[StoredActivity]:
        """Summaries of non-manual activities starting within ``window_s`` of ``start_utc``."""
        ...

    def list_range(
        self,
        athlete_id: int,
        start_utc: datetime | None,
        end_utc: datetime | None,
    ) -> list[StoredActivity]:
        """Summaries (no laps, no samples) with start in [start_utc, end_utc), oldest first."""
        ...

    def get(self, athlete_id: int, activity_id: int) -> StoredActivity | None:
        """One activity with laps and samples, or None."""
        ...

    def delete(self, athlete_id: int, activity_id: int) -> bool:
        """Delete one activity (laps and samples with it); False when there was none."""
        ...

    def ids(self, athlete_id: int) -> list[int]:
        """Every activity id of the athlete, oldest start first."""
        ...


class UnitOfWork(Protocol):
    """One transaction over the repositories. Commit explicitly; anything else rolls back."""

    @property
    def athletes(self) -> AthleteRepository:
        """Athletes, profiles and races."""
        ...

    @property
    def plans(self) -> PlanRepository:
        """Plan lineages and versions."""
        ...

    @property
    def activities(self) -> ActivityRepository:
        """Activities, laps and samples."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None:
        """Make everything done in this unit of work permanent."""
        ...

    def rollback(self) -> None:
        """Undo everything done in this unit of work since the last commit."""
        ...


class UnitOfWorkFactory(Protocol):
    """Opens a new unit of work (a new transaction)."""

    def __call__(self) -> UnitOfWork: ...


class Clock(Protocol):
    """The wall clock for timestamps runcoach writes (``created_at``, ``imported_at``)."""

    def now(self) -> datetime:
        """The current time, timezone-aware."""
        ...


class SystemClock:
    """The real clock, in UTC."""

    def now(self) -> datetime:
        """The current time in UTC."""
        return datetime.now(UTC)


class StoreInspector(Protocol):
    """Describes the store (backend, versions, location)."""

    def info(self) -> StoreInfo:
        """Where the data lives and what runs it."""
        ...


def as_document(plan: Plan | Mapping[str, Any]) -> dict[str, Any]:
    """The ``runcoach.plan/1`` JSON of a ``Plan`` (or a copy of a document already in JSON form)."""
    if isinstance(plan, Mapping):
        return dict(plan)
    return plan.to_dict()


def reasons_json(reasons: Sequence[Any]) -> tuple[dict[str, Any], ...]:
    """Reasons as JSON objects: accepts domain ``Reason`` values or mappings."""
    out: list[dict[str, Any]] = []
    for r in reasons:
        if isinstance(r, Mapping):
            out.append(dict(r))
        else:
            out.append(r.to_dict())
    return tuple(out)
