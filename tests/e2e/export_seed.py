"""Seed a store with the sample plan, a profile and the synthetic log, through the services."""

from __future__ import annotations

from datetime import date

from runcoach.bootstrap import open_services
from runcoach.domain.athlete import AthleteProfile, RaceResult
from runcoach.domain.plan.model import Plan
from tests.unit.exporters.log_fixture import build_log
from tests.unit.exporters.sample_plan import build_sample_plan


def seed_store(database_url: str, *, log: bool = True, plan: Plan | None = None) -> Plan:
    """Store a profile, the plan (version 1 of a new lineage) and, with ``log``, the log."""
    plan = plan or build_sample_plan()
    with open_services(database_url=database_url) as svc:
        svc.profiles.save(
            AthleteProfile(
                name="Kris",
                age=38,
                sex="F",
                weekly_volume_m=35000.0,
                longest_run_m=14000.0,
                days_per_week=4,
                races=(RaceResult(10000.0, 2760.0, date(2027, 1, 20)),),
            )
        )
        svc.plans.create(plan)
        if log:
            for activity in build_log():
                svc.activities.add_manual(activity)
    return plan


def store_revision(database_url: str, plan: Plan) -> None:
    """Store ``plan`` as a new current version of the current lineage (an adaptation)."""
    with open_services(database_url=database_url) as svc:
        svc.plans.save_version(plan, status="current", reasons=[{"rule": "T", "text": "test"}])
