"""SQLAlchemy 2 tables (typed declarative models). Units: metres, seconds, bpm, kg.

Tables (every one carries ``athlete_id``, directly or through its parent, so coach accounts can
come later):

- ``athletes``: one row per athlete, the profile fields of ``domain.athlete.AthleteProfile``;
  ``profile_saved_at`` is NULL until a profile was saved (a bare athlete is created on first use).
- ``race_results``: the athlete's races.
- ``plans`` (lineages) and ``plan_versions``: versions are append-only JSON documents
  (``runcoach.plan/1``) with status, reasons, diff and links; a partial unique index allows one
  ``current`` version per athlete.
- ``activities``: the summary of ``domain.activity.Activity`` (and the manual-log fields), the
  file's ``content_hash`` (unique per athlete and leg), source name and format, ``partial`` and
  warnings; the start is stored as UTC plus the recording's offset in seconds.
- ``laps``: one row per lap.
- ``activity_samples``: the per-second samples of one activity as one compressed blob
  (see :mod:`runcoach.services.sample_codec`).

Changing a model needs a new Alembic migration in ``store/migrations/versions``; a test fails
when the models and the migrations differ.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from runcoach.store.types import UtcDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

PLAN_STATUS_VALUES = ("current", "proposed", "superseded", "undone", "rejected")


class Base(DeclarativeBase):
    """Declarative base with a naming convention, so migrations name constraints the same way
    on every backend."""

    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime(),
        dict[str, Any]: sa.JSON(),
        list[Any]: sa.JSON(),
    }


class AthleteRow(Base):
    """One athlete and the profile fields (``AthleteProfile``)."""

    __tablename__ = "athletes"

    id: Mapped[int] = mapped_column(primary_key=True)
    handle: Mapped[str] = mapped_column(sa.String(100), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    age: Mapped[int | None]
    sex: Mapped[str | None] = mapped_column(sa.String(1))
    units: Mapped[str] = mapped_column(sa.String(2))
    weekly_volume_m: Mapped[float | None]
    longest_run_m: Mapped[float | None]
    days_per_week: Mapped[int | None]
    available_days: Mapped[str] = mapped_column(sa.String(32))  # "mon,wed,sun"; "" = any day
    long_run_day: Mapped[str | None] = mapped_column(sa.String(3))
    injury_prone: Mapped[bool]
    beginner: Mapped[bool]
    lifts_weights: Mapped[bool]
    weight_kg: Mapped[float | None]
    hr_max_bpm: Mapped[float | None]
    hr_rest_bpm: Mapped[float | None]
    injuries: Mapped[list[Any]]
    created_at: Mapped[datetime]
    profile_saved_at: Mapped[datetime | None]


class RaceResultRow(Base):
    """A race the athlete ran."""

    __tablename__ = "race_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        sa.ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    distance_m: Mapped[float]
    time_s: Mapped[float]
    race_date: Mapped[date | None]
    name: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[datetime]


class PlanRow(Base):
    """A plan lineage: the versions of one plan."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        sa.ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[datetime]


class PlanVersionRow(Base):
    """One version of a plan: the full document, never changed once written."""

    __tablename__ = "plan_versions"
    __table_args__ = (
        sa.UniqueConstraint("plan_id", "version"),
        sa.CheckConstraint(
            "status IN ('current', 'proposed', 'superseded', 'undone', 'rejected')",
            name="status",
        ),
        sa.Index(
            "uq_plan_versions_one_current",
            "athlete_id",
            unique=True,
            sqlite_where=sa.text("status = 'current'"),
            postgresql_where=sa.text("status = 'current'"),
        ),
        sa.Index("ix_plan_versions_athlete_id_status", "athlete_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("plans.id", ondelete="CASCADE"))
    athlete_id: Mapped[int] = mapped_column(sa.ForeignKey("athletes.id", ondelete="CASCADE"))
    version: Mapped[int]
    status: Mapped[str] = mapped_column(sa.String(12))
    created_at: Mapped[datetime]
    activated_at: Mapped[datetime | None]
    parent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("plan_versions.id", ondelete="SET NULL")
    )
    previous_current_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("plan_versions.id", ondelete="SET NULL")
    )
    reasons: Mapped[list[Any]]
    diff: Mapped[Any | None] = mapped_column(sa.JSON())
    document: Mapped[dict[str, Any]]
    note: Mapped[str | None] = mapped_column(sa.Text())


class ActivityRow(Base):
    """The summary of one activity (or one leg of a multisport file, or a manual entry)."""

    __tablename__ = "activities"
    __table_args__ = (
        sa.UniqueConstraint("athlete_id", "content_hash", "leg_index"),
        sa.Index("ix_activities_athlete_id_start_time_utc", "athlete_id", "start_time_utc"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    athlete_id: Mapped[int] = mapped_column(sa.ForeignKey("athletes.id", ondelete="CASCADE"))
    start_time_utc: Mapped[datetime]
    utc_offset_s: Mapped[int]
    sport: Mapped[str] = mapped_column(sa.String(20))
    sub_sport: Mapped[str | None] = mapped_column(sa.String(60))
    elapsed_time_s: Mapped[float]
    moving_time_s: Mapped[float | None]
    distance_m: Mapped[float | None]
    avg_hr_bpm: Mapped[float | None]
    max_hr_bpm: Mapped[float | None]
    avg_cadence_spm: Mapped[float | None]
    avg_power_w: Mapped[float | None]
    total_ascent_m: Mapped[float | None]
    total_descent_m: Mapped[float | None]
    calories_kcal: Mapped[float | None]
    device: Mapped[str | None] = mapped_column(sa.String(200))
    name: Mapped[str | None] = mapped_column(sa.Text())
    source_format: Mapped[str] = mapped_column(sa.String(16))
    source_name: Mapped[str | None] = mapped_column(sa.Text())
    content_hash: Mapped[str | None] = mapped_column(sa.String(128))
    partial: Mapped[bool]
    warnings: Mapped[list[Any]]
    group_key: Mapped[str | None] = mapped_column(sa.String(200))
    leg_index: Mapped[int]
    rpe: Mapped[float | None]
    pain: Mapped[float | None]
    pain_location: Mapped[str | None] = mapped_column(sa.String(200))
    notes: Mapped[str | None] = mapped_column(sa.Text())
    extra: Mapped[dict[str, Any]]
    imported_at: Mapped[datetime]
    lap_count: Mapped[int]
    sample_count: Mapped[int]


class LapRow(Base):
    """One lap of an activity."""

    __tablename__ = "laps"

    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    lap_index: Mapped[int] = mapped_column(primary_key=True)
    start_time_utc: Mapped[datetime]
    utc_offset_s: Mapped[int]
    elapsed_time_s: Mapped[float]
    distance_m: Mapped[float | None]
    moving_time_s: Mapped[float | None]
    avg_hr_bpm: Mapped[float | None]
    max_hr_bpm: Mapped[float | None]
    avg_cadence_spm: Mapped[float | None]
    avg_power_w: Mapped[float | None]


class ActivitySamplesRow(Base):
    """The per-second samples of one activity as one blob (``runcoach.services.sample_codec`` format, RCS1)."""

    __tablename__ = "activity_samples"

    activity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    point_count: Mapped[int]
    data: Mapped[bytes] = mapped_column(sa.LargeBinary())
