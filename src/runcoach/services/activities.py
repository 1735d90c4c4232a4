"""Use cases for the training log: import files, add manual entries, list, load, delete.

Every import of one file is one transaction (:meth:`ActivityService.import_file`): all its legs
are stored, or — on any error, a crash or a kill — none, and re-running the import finishes the
job. A file is a duplicate when the store already holds its content hash (SHA-256 of the bytes,
computed by the caller), or when every leg matches a stored non-manual activity that starts
within ±2 minutes with a distance within ±3 % (the same run exported in another format).

Manual log entries are activities too, with ``source_format="manual"`` and no content hash
(one table for everything the runner did; ``rpe``, ``pain``, ``pain_location`` and ``notes``
are columns of every activity, so a file import can carry them as well).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from runcoach.domain.errors import InputError
from runcoach.errors import OperationError
from runcoach.services.ports import (
    Clock,
    ConflictError,
    ImportResult,
    StoredActivity,
    UnitOfWorkFactory,
)
from runcoach.services.scope import AthleteScope

if TYPE_CHECKING:
    from runcoach.domain.activity import Activity

#: Two recordings are the same activity when they start this close (seconds)...
DUPLICATE_WINDOW_S = 120.0
#: ...and their distances differ by at most this fraction of the longer one (elapsed time when
#: a distance is missing). Source: issue 4 ("same start ±2 min and distance ±3 %").
DUPLICATE_TOLERANCE = 0.03

# Local offsets range from UTC−12 to UTC+14: widen UTC queries by this to filter local dates.
_MAX_OFFSET = timedelta(hours=14)


def same_activity(a: Activity, b: Activity) -> bool:
    """True when ``a`` and ``b`` look like one recording: start within ±2 min and distance
    within ±3 % (metres), or elapsed time within ±3 % when either distance is unknown.

    Source: issue 4, duplicate recognition across formats.
    """
    gap_s = abs((a.start_time - b.start_time).total_seconds())
    if gap_s > DUPLICATE_WINDOW_S:
        return False
    if (
        a.distance_m is not None
        and b.distance_m is not None
        and a.distance_m > 0
        and b.distance_m > 0
    ):
        return abs(a.distance_m - b.distance_m) <= DUPLICATE_TOLERANCE * max(
            a.distance_m, b.distance_m
        )
    longer = max(a.elapsed_time_s, b.elapsed_time_s)
    return longer > 0 and abs(a.elapsed_time_s - b.elapsed_time_s) <= DUPLICATE_TOLERANCE * longer


def is_summary_only(stored: StoredActivity) -> bool:
    """True for a Strava CSV row stored without its recording (no samples, no laps)."""
    return stored.source == "strava_csv" and stored.sample_count == 0 and stored.lap_count == 0


def _keep_log_fields(activity: Activity, replaced: Sequence[StoredActivity]) -> Activity:
    """Carry the name and the runner's own notes of a replaced summary-only row over to the
    recording of the same run, where the recording has none."""
    from dataclasses import replace

    for old in replaced:
        if same_activity(activity, old.activity):
            prior = old.activity
            return replace(
                activity,
                name=activity.name or prior.name,
                rpe=activity.rpe if activity.rpe is not None else prior.rpe,
                notes=activity.notes or prior.notes,
            )
    return activity


class ActivityService:
    """The training log of the athlete."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, scope: AthleteScope) -> None:
        self._uow = uow
        self._clock = clock
        self._scope = scope

    def import_activity(
        self, activity: Activity, content_hash: str, source_name: str | None = None
    ) -> ImportResult:
        """Import one activity read from a file (see :meth:`import_file`)."""
        return self.import_file((activity,), content_hash, source_name)

    def import_file(
        self,
        activities: Sequence[Activity],
        content_hash: str,
        source_name: str | None = None,
    ) -> ImportResult:
        """Import every activity (leg) read from one file, atomically, in its own transaction.

        ``content_hash`` identifies the file's content (e.g. the SHA-256 hex digest of its
        bytes); ``source_name`` is the file name shown to the user. Returns ``imported`` with
        the new ids, or ``duplicate`` with the ids already stored and the reason.
        """
        if not activities:
            raise InputError(f"{source_name or 'file'} holds no activity to import.")
        if not content_hash:
            raise InputError(f"{source_name or 'file'}: an import needs a content hash.")
        for activity in activities:
            _check_activity(activity, source_name)
        try:
            with self._uow() as uow:
                athlete_id = self._scope.ensure(uow, self._clock)
                same_file = uow.activities.find_by_hash(athlete_id, content_hash)
                if same_file:
                    return ImportResult(
                        status="duplicate",
                        duplicate_of=tuple(same_file),
                        reason="the same file was imported before",
                    )
                matches: list[int] = []
                superseded: list[StoredActivity] = []
                every_leg_stored = True
                for activity in activities:
                    near = uow.activities.find_near(
                        athlete_id, activity.start_time, DUPLICATE_WINDOW_S
                    )
                    hit = next((s for s in near if same_activity(activity, s.activity)), None)
                    if hit is None:
                        every_leg_stored = False
                    elif is_summary_only(hit) and activity.samples is not None:
                        # The recording arrives after the Strava CSV row that summarised it.
                        superseded.append(hit)
                    else:
                        matches.append(hit.id)
                if every_leg_stored and not superseded:
                    return ImportResult(
                        status="duplicate",
                        duplicate_of=tuple(matches),
                        reason="the same activity is stored from another file "
                        "(start within 2 min, distance within 3 %)",
                    )
                for old in superseded:
                    uow.activities.delete(athlete_id, old.id)
                if superseded:
                    activities = [_keep_log_fields(activity, superseded) for activity in activities]
                now = self._clock.now()
                ids = tuple(
                    uow.activities.add(
                        athlete_id,
                        activity,
                        content_hash=content_hash,
                        source_name=source_name,
                        imported_at=now,
                    )
                    for activity in activities
                )
                uow.commit()
        except ConflictError:
            # Another process stored the same file between our check and our commit.
            with self._uow() as uow:
                athlete_id = self._scope.ensure(uow, self._clock)
                same_file = uow.activities.find_by_hash(athlete_id, content_hash)
            if not same_file:
                raise
            return ImportResult(
                status="duplicate",
                duplicate_of=tuple(same_file),
                reason="the same file was imported at the same time by another process",
            )
        if superseded:
            return ImportResult(
                status="imported",
                activity_ids=ids,
                reason="replaced the summary-only Strava row of the same run with its recording",
            )
        return ImportResult(status="imported", activity_ids=ids)

    def add_manual(self, activity: Activity) -> int:
        """Store a manual log entry (``source_format`` ``manual``, no file); return its id."""
        if activity.source_format != "manual":
            raise InputError(
                f"a manual entry must have source_format 'manual', not {activity.source_format!r}."
            )
        _check_activity(activity, "manual entry")
        with self._uow() as uow:
            athlete_id = self._scope.ensure(uow, self._clock)
            new_id = uow.activities.add(
                athlete_id,
                activity,
                content_hash=None,
                source_name=None,
                imported_at=self._clock.now(),
            )
            uow.commit()
        return new_id

    def summaries(
        self,
        since: date | datetime | None = None,
        until: date | datetime | None = None,
        *,
        runs_only: bool = False,
    ) -> list[StoredActivity]:
        """Summaries (no laps, no samples) oldest first.

        Dates are inclusive calendar days in each activity's own local time; datetimes are
        instants, ``since`` inclusive and ``until`` exclusive. ``runs_only`` keeps running
        sports only.
        """
        start_utc = _utc_bound(since, low=True)
        end_utc = _utc_bound(until, low=False)
        with self._uow() as uow:
            athlete_id = self._scope.find(uow)
            if athlete_id is None:
                return []
            rows = uow.activities.list_range(athlete_id, start_utc, end_utc)
        out = []
        for row in rows:
            start = row.activity.start_time
            if isinstance(since, date) and not isinstance(since, datetime) and start.date() < since:
                continue
            if isinstance(until, date) and not isinstance(until, datetime) and start.date() > until:
                continue
            if runs_only and not row.activity.is_run:
                continue
            out.append(row)
        return out

    def get(self, activity_id: int) -> StoredActivity:
        """One activity with its laps and samples; OperationError when there is none."""
        with self._uow() as uow:
            athlete_id = self._scope.find(uow)
            found = None if athlete_id is None else uow.activities.get(athlete_id, activity_id)
        if found is None:
            raise OperationError(f"there is no activity with id {activity_id}.")
        return found

    def delete(self, activity_id: int) -> None:
        """Delete one activity with its laps and samples; OperationError when there is none."""
        with self._uow() as uow:
            athlete_id = self._scope.find(uow)
            deleted = athlete_id is not None and uow.activities.delete(athlete_id, activity_id)
            if not deleted:
                raise OperationError(f"there is no activity with id {activity_id}.")
            uow.commit()


def _utc_bound(value: date | datetime | None, *, low: bool) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise InputError(f"time {value.isoformat()} needs a timezone offset.")
        return value.astimezone(UTC)
    # A calendar date: widen by the largest offset, the exact local-date filter follows.
    if low:
        return datetime.combine(value, time(0), UTC) - _MAX_OFFSET
    return datetime.combine(value + timedelta(days=1), time(0), UTC) + _MAX_OFFSET


def _check_activity(activity: Activity, source: str | None) -> None:
    where = source or "activity"
    if activity.start_time.tzinfo is None:
        raise InputError(f"{where}: start time {activity.start_time.isoformat()} has no timezone.")
    if not math.isfinite(activity.elapsed_time_s) or activity.elapsed_time_s < 0:
        raise InputError(f"{where}: elapsed time {activity.elapsed_time_s!r} s is not valid.")
    if activity.distance_m is not None and not (
        math.isfinite(activity.distance_m) and activity.distance_m >= 0
    ):
        raise InputError(f"{where}: distance {activity.distance_m!r} m is not valid.")
    if activity.samples is not None:
        n = len(activity.samples)
        for name, column in activity.samples.columns().items():
            if column.shape != (n,):
                raise InputError(
                    f"{where}: sample column {name} has {column.shape[0]} points, time_s has {n}."
                )
