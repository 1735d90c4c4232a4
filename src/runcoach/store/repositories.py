"""SQLAlchemy implementations of the repository ports of ``runcoach.services.ports``.

Each repository works inside the session of one unit of work and never commits. Activity
inserts use Core statements (one row for the summary, one multi-row insert for the laps, one
blob for the samples) so that a whole-history import stays cheap.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, cast

import sqlalchemy as sa
from sqlalchemy.orm import Session

from runcoach.domain.athlete import AthleteProfile, RaceResult, Sex, Weekday
from runcoach.services.ports import (
    NewPlanVersion,
    PlanStatus,
    PlanVersion,
    StoredActivity,
)
from runcoach.store.models import (
    ActivityRow,
    ActivitySamplesRow,
    AthleteRow,
    LapRow,
    PlanRow,
    PlanVersionRow,
    RaceResultRow,
)

if TYPE_CHECKING:
    from runcoach.domain.activity import Activity, Sport

# --- athletes -------------------------------------------------------------------------------


class SqlAthleteRepository:
    """Athletes, profiles and race results."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, handle: str) -> int | None:
        return self.session.execute(
            sa.select(AthleteRow.id).where(AthleteRow.handle == handle)
        ).scalar_one_or_none()

    def create(self, handle: str, now: datetime) -> int:
        default = AthleteProfile()
        row = AthleteRow(handle=handle, created_at=now, profile_saved_at=None)
        _profile_to_row(default, row)
        self.session.add(row)
        self.session.flush()
        return row.id

    def handles(self) -> list[tuple[int, str]]:
        rows = self.session.execute(
            sa.select(AthleteRow.id, AthleteRow.handle).order_by(AthleteRow.id)
        ).all()
        return [(r.id, r.handle) for r in rows]

    def get_profile(self, athlete_id: int) -> AthleteProfile | None:
        row = self.session.get(AthleteRow, athlete_id)
        if row is None or row.profile_saved_at is None:
            return None
        return AthleteProfile(
            name=row.name,
            age=row.age,
            sex=cast(Sex | None, row.sex),
            units="mi" if row.units == "mi" else "km",
            weekly_volume_m=row.weekly_volume_m,
            longest_run_m=row.longest_run_m,
            days_per_week=row.days_per_week,
            available_days=tuple(cast(Weekday, d) for d in row.available_days.split(",") if d),
            long_run_day=cast(Weekday | None, row.long_run_day),
            races=tuple(self.list_races(athlete_id)),
            injury_prone=row.injury_prone,
            beginner=row.beginner,
            lifts_weights=row.lifts_weights,
            weight_kg=row.weight_kg,
            hr_max_bpm=row.hr_max_bpm,
            hr_rest_bpm=row.hr_rest_bpm,
            injuries=tuple(str(i) for i in row.injuries),
        )

    def save_profile(self, athlete_id: int, profile: AthleteProfile, now: datetime) -> None:
        row = self.session.get(AthleteRow, athlete_id)
        if row is None:
            raise LookupError(f"athlete {athlete_id} does not exist")
        _profile_to_row(profile, row)
        row.profile_saved_at = now
        self.session.execute(sa.delete(RaceResultRow).where(RaceResultRow.athlete_id == athlete_id))
        for race in profile.races:
            self.add_race(athlete_id, race, now)
        self.session.flush()

    def add_race(self, athlete_id: int, race: RaceResult, now: datetime) -> None:
        self.session.add(
            RaceResultRow(
                athlete_id=athlete_id,
                distance_m=race.distance_m,
                time_s=race.time_s,
                race_date=race.date,
                name=race.name,
                created_at=now,
            )
        )
        self.session.flush()

    def list_races(self, athlete_id: int) -> list[RaceResult]:
        rows = self.session.execute(
            sa.select(RaceResultRow)
            .where(RaceResultRow.athlete_id == athlete_id)
            .order_by(
                RaceResultRow.race_date.is_(None),
                RaceResultRow.race_date,
                RaceResultRow.id,
            )
        ).scalars()
        return [
            RaceResult(distance_m=r.distance_m, time_s=r.time_s, date=r.race_date, name=r.name)
            for r in rows
        ]

    def timestamps(self, athlete_id: int) -> tuple[datetime, datetime | None]:
        row = self.session.get(AthleteRow, athlete_id)
        if row is None:
            raise LookupError(f"athlete {athlete_id} does not exist")
        return row.created_at, row.profile_saved_at

    def set_timestamps(
        self, athlete_id: int, created_at: datetime, profile_saved_at: datetime | None
    ) -> None:
        self.session.execute(
            sa.update(AthleteRow)
            .where(AthleteRow.id == athlete_id)
            .values(created_at=created_at, profile_saved_at=profile_saved_at)
        )


def _profile_to_row(profile: AthleteProfile, row: AthleteRow) -> None:
    row.name = profile.name
    row.age = profile.age
    row.sex = profile.sex
    row.units = profile.units
    row.weekly_volume_m = profile.weekly_volume_m
    row.longest_run_m = profile.longest_run_m
    row.days_per_week = profile.days_per_week
    row.available_days = ",".join(profile.available_days)
    row.long_run_day = profile.long_run_day
    row.injury_prone = profile.injury_prone
    row.beginner = profile.beginner
    row.lifts_weights = profile.lifts_weights
    row.weight_kg = profile.weight_kg
    row.hr_max_bpm = profile.hr_max_bpm
    row.hr_rest_bpm = profile.hr_rest_bpm
    row.injuries = list(profile.injuries)


# --- plans ----------------------------------------------------------------------------------


class SqlPlanRepository:
    """Plan lineages and versions."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def create_lineage(self, athlete_id: int, now: datetime, name: str | None = None) -> int:
        row = PlanRow(athlete_id=athlete_id, name=name, created_at=now)
        self.session.add(row)
        self.session.flush()
        return row.id

    def lineages(self, athlete_id: int) -> list[tuple[int, str | None, datetime]]:
        rows = self.session.execute(
            sa.select(PlanRow.id, PlanRow.name, PlanRow.created_at)
            .where(PlanRow.athlete_id == athlete_id)
            .order_by(PlanRow.id)
        ).all()
        return [(r.id, r.name, r.created_at) for r in rows]

    def add_version(self, athlete_id: int, plan_id: int, new: NewPlanVersion) -> PlanVersion:
        last = self.session.execute(
            sa.select(sa.func.max(PlanVersionRow.version)).where(PlanVersionRow.plan_id == plan_id)
        ).scalar_one_or_none()
        row = PlanVersionRow(
            plan_id=plan_id,
            athlete_id=athlete_id,
            version=(last or 0) + 1,
            status=new.status,
            created_at=new.created_at,
            activated_at=new.activated_at,
            parent_id=new.parent_id,
            previous_current_id=new.previous_current_id,
            reasons=[dict(r) for r in new.reasons],
            diff=new.diff,
            document=dict(new.document),
            note=new.note,
        )
        self.session.add(row)
        self.session.flush()
        return _version(row)

    def get(self, athlete_id: int, version_id: int) -> PlanVersion | None:
        row = self.session.execute(
            sa.select(PlanVersionRow).where(
                PlanVersionRow.id == version_id, PlanVersionRow.athlete_id == athlete_id
            )
        ).scalar_one_or_none()
        return None if row is None else _version(row)

    def find_status(self, athlete_id: int, status: PlanStatus) -> list[PlanVersion]:
        rows = self.session.execute(
            sa.select(PlanVersionRow)
            .where(PlanVersionRow.athlete_id == athlete_id, PlanVersionRow.status == status)
            .order_by(PlanVersionRow.created_at.desc(), PlanVersionRow.id.desc())
        ).scalars()
        return [_version(r) for r in rows]

    def list_versions(self, athlete_id: int, plan_id: int | None = None) -> list[PlanVersion]:
        query = sa.select(PlanVersionRow).where(PlanVersionRow.athlete_id == athlete_id)
        if plan_id is not None:
            query = query.where(PlanVersionRow.plan_id == plan_id)
        rows = self.session.execute(
            query.order_by(PlanVersionRow.plan_id, PlanVersionRow.version)
        ).scalars()
        return [_version(r) for r in rows]

    def set_status(
        self,
        version_id: int,
        status: PlanStatus,
        *,
        activated_at: datetime | None = None,
        previous_current_id: int | None = None,
    ) -> None:
        values: dict[str, Any] = {"status": status}
        if activated_at is not None:
            values["activated_at"] = activated_at
            values["previous_current_id"] = previous_current_id
        self.session.execute(
            sa.update(PlanVersionRow).where(PlanVersionRow.id == version_id).values(**values),
            execution_options={"synchronize_session": False},
        )
        self.session.expire_all()

    def set_links(
        self, version_id: int, parent_id: int | None, previous_current_id: int | None
    ) -> None:
        self.session.execute(
            sa.update(PlanVersionRow)
            .where(PlanVersionRow.id == version_id)
            .values(parent_id=parent_id, previous_current_id=previous_current_id),
            execution_options={"synchronize_session": False},
        )
        self.session.expire_all()


def _version(row: PlanVersionRow) -> PlanVersion:
    return PlanVersion(
        id=row.id,
        plan_id=row.plan_id,
        version=row.version,
        status=cast(PlanStatus, row.status),
        created_at=row.created_at,
        document=row.document,
        reasons=tuple(row.reasons or ()),
        diff=row.diff,
        parent_id=row.parent_id,
        previous_current_id=row.previous_current_id,
        activated_at=row.activated_at,
        note=row.note,
    )


# --- activities -----------------------------------------------------------------------------

_SUMMARY_FIELDS = (
    "sub_sport",
    "elapsed_time_s",
    "moving_time_s",
    "distance_m",
    "avg_hr_bpm",
    "max_hr_bpm",
    "avg_cadence_spm",
    "avg_power_w",
    "total_ascent_m",
    "total_descent_m",
    "calories_kcal",
    "device",
    "name",
    "partial",
    "group_key",
    "leg_index",
    "rpe",
    "pain",
    "pain_location",
    "notes",
)
_LAP_FIELDS = (
    "elapsed_time_s",
    "distance_m",
    "moving_time_s",
    "avg_hr_bpm",
    "max_hr_bpm",
    "avg_cadence_spm",
    "avg_power_w",
)
_SUMMARY_COLUMNS = [c for c in ActivityRow.__table__.columns if c.name not in ("athlete_id",)]


class SqlActivityRepository:
    """Activities, laps and sample blobs."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        athlete_id: int,
        activity: Activity,
        *,
        content_hash: str | None,
        source_name: str | None,
        imported_at: datetime,
    ) -> int:
        values: dict[str, Any] = {f: _clean(getattr(activity, f)) for f in _SUMMARY_FIELDS}
        values.update(
            athlete_id=athlete_id,
            start_time_utc=activity.start_time,
            utc_offset_s=_offset_s(activity.start_time),
            sport=activity.sport,
            source_format=activity.source_format,
            source_name=source_name,
            content_hash=content_hash,
            warnings=list(activity.warnings),
            extra=dict(activity.extra),
            imported_at=imported_at,
            lap_count=len(activity.laps),
            sample_count=0 if activity.samples is None else len(activity.samples),
        )
        activity_id = int(
            self.session.execute(
                sa.insert(ActivityRow).values(**values).returning(ActivityRow.id)
            ).scalar_one()
        )
        if activity.laps:
            self.session.execute(
                sa.insert(LapRow),
                [
                    {
                        "activity_id": activity_id,
                        "lap_index": i,
                        "start_time_utc": lap.start_time,
                        "utc_offset_s": _offset_s(lap.start_time),
                        **{f: _clean(getattr(lap, f)) for f in _LAP_FIELDS},
                    }
                    for i, lap in enumerate(activity.laps)
                ],
            )
        if activity.samples is not None:
            from runcoach.services.sample_codec import encode_samples

            self.session.execute(
                sa.insert(ActivitySamplesRow).values(
                    activity_id=activity_id,
                    point_count=len(activity.samples),
                    data=encode_samples(activity.samples),
                )
            )
        return activity_id

    def find_by_hash(self, athlete_id: int, content_hash: str) -> list[int]:
        return list(
            self.session.execute(
                sa.select(ActivityRow.id)
                .where(
                    ActivityRow.athlete_id == athlete_id, ActivityRow.content_hash == content_hash
                )
                .order_by(ActivityRow.leg_index)
            ).scalars()
        )

    def find_near(
        self, athlete_id: int, start_utc: datetime, window_s: float
    ) -> list[StoredActivity]:
        window = timedelta(seconds=window_s)
        return self._summaries(
            sa.and_(
                ActivityRow.athlete_id == athlete_id,
                ActivityRow.start_time_utc >= start_utc - window,
                ActivityRow.start_time_utc <= start_utc + window,
                ActivityRow.source_format != "manual",
            )
        )

    def list_range(
        self,
        athlete_id: int,
        start_utc: datetime | None,
        end_utc: datetime | None,
    ) -> list[StoredActivity]:
        conditions = [ActivityRow.athlete_id == athlete_id]
        if start_utc is not None:
            conditions.append(ActivityRow.start_time_utc >= start_utc)
        if end_utc is not None:
            conditions.append(ActivityRow.start_time_utc < end_utc)
        return self._summaries(sa.and_(*conditions))

    def get(self, athlete_id: int, activity_id: int) -> StoredActivity | None:
        found = self._summaries(
            sa.and_(ActivityRow.athlete_id == athlete_id, ActivityRow.id == activity_id)
        )
        if not found:
            return None
        from runcoach.domain.activity import Lap
        from runcoach.services.sample_codec import decode_samples

        stored = found[0]
        laps = tuple(
            Lap(
                start_time=_local(r.start_time_utc, r.utc_offset_s),
                **{f: getattr(r, f) for f in _LAP_FIELDS},
            )
            for r in self.session.execute(
                sa.select(LapRow)
                .where(LapRow.activity_id == activity_id)
                .order_by(LapRow.lap_index)
            ).scalars()
        )
        blob = self.session.execute(
            sa.select(ActivitySamplesRow.data).where(ActivitySamplesRow.activity_id == activity_id)
        ).scalar_one_or_none()
        samples = None if blob is None else decode_samples(bytes(blob))
        return replace(stored, activity=replace(stored.activity, laps=laps, samples=samples))

    def delete(self, athlete_id: int, activity_id: int) -> bool:
        result = self.session.execute(
            sa.delete(ActivityRow).where(
                ActivityRow.athlete_id == athlete_id, ActivityRow.id == activity_id
            )
        )
        return bool(getattr(result, "rowcount", 0))

    def ids(self, athlete_id: int) -> list[int]:
        return list(
            self.session.execute(
                sa.select(ActivityRow.id)
                .where(ActivityRow.athlete_id == athlete_id)
                .order_by(ActivityRow.start_time_utc, ActivityRow.id)
            ).scalars()
        )

    def _summaries(self, condition: sa.ColumnElement[bool]) -> list[StoredActivity]:
        rows = self.session.execute(
            sa.select(*_SUMMARY_COLUMNS)
            .where(condition)
            .order_by(ActivityRow.start_time_utc, ActivityRow.id)
        ).all()
        return [_stored(r) for r in rows]


def _stored(r: Any) -> StoredActivity:
    from runcoach.domain.activity import Activity

    activity = Activity(
        sport=cast("Sport", r.sport),
        start_time=_local(r.start_time_utc, r.utc_offset_s),
        source_format=r.source_format,
        warnings=tuple(r.warnings or ()),
        extra=dict(r.extra or {}),
        **{f: getattr(r, f) for f in _SUMMARY_FIELDS},
    )
    return StoredActivity(
        id=r.id,
        activity=activity,
        source=r.source_format,
        content_hash=r.content_hash,
        source_name=r.source_name,
        imported_at=r.imported_at,
        lap_count=r.lap_count,
        sample_count=r.sample_count,
    )


def _offset_s(moment: datetime) -> int:
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError(f"naive datetime {moment.isoformat()} cannot be stored; give an offset")
    return int(offset.total_seconds())


def _local(utc: datetime, offset_s: int) -> datetime:
    tz = UTC if offset_s == 0 else timezone(timedelta(seconds=offset_s))
    return utc.astimezone(tz)


def _clean(value: Any) -> Any:
    """NaN and infinities become NULL (the domain uses None for unknown)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
