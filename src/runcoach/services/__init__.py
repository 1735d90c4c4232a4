"""Use cases over ports (repositories, unit of work, clock); the CLI and web call these.

Open them through the composition root::

    from runcoach.bootstrap import open_services

    with open_services() as svc:
        profile = svc.profiles.get()                 # AthleteProfile | None
        version = svc.plans.create(plan, reasons=[...])
        result = svc.activities.import_file(legs, content_hash, "run.fit")

``svc.profiles`` (:class:`~runcoach.services.profiles.ProfileService`), ``svc.plans``
(:class:`~runcoach.services.plans.PlanService`), ``svc.activities``
(:class:`~runcoach.services.activities.ActivityService`), ``svc.backup``
(:class:`~runcoach.services.backup.BackupService`) and ``svc.store`` (``info()`` for
``runcoach where``). docs/architecture.md ("Services API") lists every operation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from runcoach.services.activities import ActivityService
    from runcoach.services.backup import BackupService
    from runcoach.services.plans import PlanService
    from runcoach.services.ports import Clock, StoreInspector, UnitOfWorkFactory
    from runcoach.services.profiles import ProfileService


@dataclass(frozen=True, slots=True)
class Services:
    """Every use-case service for one athlete, sharing one store."""

    profiles: ProfileService
    plans: PlanService
    activities: ActivityService
    backup: BackupService
    store: StoreInspector
    athlete: str


def build_services(
    uow: UnitOfWorkFactory,
    clock: Clock,
    store: StoreInspector,
    athlete: str,
) -> Services:
    """Wire the services over a unit-of-work factory (the composition root calls this)."""
    from runcoach.services.activities import ActivityService
    from runcoach.services.backup import BackupService
    from runcoach.services.plans import PlanService
    from runcoach.services.profiles import ProfileService
    from runcoach.services.scope import AthleteScope

    scope = AthleteScope(athlete)
    return Services(
        profiles=ProfileService(uow, clock, scope),
        plans=PlanService(uow, clock, scope),
        activities=ActivityService(uow, clock, scope),
        backup=BackupService(uow, clock),
        store=store,
        athlete=athlete,
    )
