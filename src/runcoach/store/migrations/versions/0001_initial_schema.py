"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "athletes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("handle", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("age", sa.Integer(), nullable=True),
        sa.Column("sex", sa.String(length=1), nullable=True),
        sa.Column("units", sa.String(length=2), nullable=False),
        sa.Column("weekly_volume_m", sa.Double(), nullable=True),
        sa.Column("longest_run_m", sa.Double(), nullable=True),
        sa.Column("days_per_week", sa.Integer(), nullable=True),
        sa.Column("available_days", sa.String(length=32), nullable=False),
        sa.Column("long_run_day", sa.String(length=3), nullable=True),
        sa.Column("injury_prone", sa.Boolean(), nullable=False),
        sa.Column("beginner", sa.Boolean(), nullable=False),
        sa.Column("lifts_weights", sa.Boolean(), nullable=False),
        sa.Column("weight_kg", sa.Double(), nullable=True),
        sa.Column("hr_max_bpm", sa.Double(), nullable=True),
        sa.Column("hr_rest_bpm", sa.Double(), nullable=True),
        sa.Column("injuries", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("profile_saved_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_athletes")),
        sa.UniqueConstraint("handle", name=op.f("uq_athletes_handle")),
    )
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("start_time_utc", sa.DateTime(), nullable=False),
        sa.Column("utc_offset_s", sa.Integer(), nullable=False),
        sa.Column("sport", sa.String(length=20), nullable=False),
        sa.Column("sub_sport", sa.String(length=60), nullable=True),
        sa.Column("elapsed_time_s", sa.Double(), nullable=False),
        sa.Column("moving_time_s", sa.Double(), nullable=True),
        sa.Column("distance_m", sa.Double(), nullable=True),
        sa.Column("avg_hr_bpm", sa.Double(), nullable=True),
        sa.Column("max_hr_bpm", sa.Double(), nullable=True),
        sa.Column("avg_cadence_spm", sa.Double(), nullable=True),
        sa.Column("avg_power_w", sa.Double(), nullable=True),
        sa.Column("total_ascent_m", sa.Double(), nullable=True),
        sa.Column("total_descent_m", sa.Double(), nullable=True),
        sa.Column("calories_kcal", sa.Double(), nullable=True),
        sa.Column("device", sa.String(length=200), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("source_format", sa.String(length=16), nullable=False),
        sa.Column("source_name", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(length=128), nullable=True),
        sa.Column("partial", sa.Boolean(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("group_key", sa.String(length=200), nullable=True),
        sa.Column("leg_index", sa.Integer(), nullable=False),
        sa.Column("rpe", sa.Double(), nullable=True),
        sa.Column("pain", sa.Double(), nullable=True),
        sa.Column("pain_location", sa.String(length=200), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("lap_count", sa.Integer(), nullable=False),
        sa.Column("sample_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_activities_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
        sa.UniqueConstraint(
            "athlete_id",
            "content_hash",
            "leg_index",
            name=op.f("uq_activities_athlete_id_content_hash_leg_index"),
        ),
    )
    op.create_index(
        "ix_activities_athlete_id_start_time_utc",
        "activities",
        ["athlete_id", "start_time_utc"],
        unique=False,
    )

    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_plans_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
    )
    op.create_index(op.f("ix_plans_athlete_id"), "plans", ["athlete_id"], unique=False)

    op.create_table(
        "race_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("distance_m", sa.Double(), nullable=False),
        sa.Column("time_s", sa.Double(), nullable=False),
        sa.Column("race_date", sa.Date(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_race_results_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_race_results")),
    )
    op.create_index(
        op.f("ix_race_results_athlete_id"), "race_results", ["athlete_id"], unique=False
    )

    op.create_table(
        "activity_samples",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("point_count", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_samples_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("activity_id", name=op.f("pk_activity_samples")),
    )
    op.create_table(
        "laps",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("lap_index", sa.Integer(), nullable=False),
        sa.Column("start_time_utc", sa.DateTime(), nullable=False),
        sa.Column("utc_offset_s", sa.Integer(), nullable=False),
        sa.Column("elapsed_time_s", sa.Double(), nullable=False),
        sa.Column("distance_m", sa.Double(), nullable=True),
        sa.Column("moving_time_s", sa.Double(), nullable=True),
        sa.Column("avg_hr_bpm", sa.Double(), nullable=True),
        sa.Column("max_hr_bpm", sa.Double(), nullable=True),
        sa.Column("avg_cadence_spm", sa.Double(), nullable=True),
        sa.Column("avg_power_w", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_laps_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("activity_id", "lap_index", name=op.f("pk_laps")),
    )
    op.create_table(
        "plan_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("activated_at", sa.DateTime(), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("previous_current_id", sa.Integer(), nullable=True),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("diff", sa.JSON(), nullable=True),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('current', 'proposed', 'superseded', 'undone', 'rejected')",
            name=op.f("ck_plan_versions_status"),
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_plan_versions_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["plan_versions.id"],
            name=op.f("fk_plan_versions_parent_id_plan_versions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_plan_versions_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["previous_current_id"],
            ["plan_versions.id"],
            name=op.f("fk_plan_versions_previous_current_id_plan_versions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_versions")),
        sa.UniqueConstraint("plan_id", "version", name=op.f("uq_plan_versions_plan_id_version")),
    )
    op.create_index(
        "ix_plan_versions_athlete_id_status",
        "plan_versions",
        ["athlete_id", "status"],
        unique=False,
    )
    op.create_index(
        "uq_plan_versions_one_current",
        "plan_versions",
        ["athlete_id"],
        unique=True,
        sqlite_where=sa.text("status = 'current'"),
        postgresql_where=sa.text("status = 'current'"),
    )


def downgrade() -> None:
    op.drop_index(
        "uq_plan_versions_one_current",
        table_name="plan_versions",
        sqlite_where=sa.text("status = 'current'"),
        postgresql_where=sa.text("status = 'current'"),
    )
    op.drop_index("ix_plan_versions_athlete_id_status", table_name="plan_versions")

    op.drop_table("plan_versions")
    op.drop_table("laps")
    op.drop_table("activity_samples")
    op.drop_index(op.f("ix_race_results_athlete_id"), table_name="race_results")

    op.drop_table("race_results")
    op.drop_index(op.f("ix_plans_athlete_id"), table_name="plans")

    op.drop_table("plans")
    op.drop_index("ix_activities_athlete_id_start_time_utc", table_name="activities")

    op.drop_table("activities")
    op.drop_table("athletes")
