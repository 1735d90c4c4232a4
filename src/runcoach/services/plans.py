"""Use cases for plans: versioned, never overwritten (DESIGN.md §6).

A *lineage* (``plan_id``) holds the versions of one plan; each version is a full
``runcoach.plan/1`` document with its reasons and diff, and a status:

- ``create(plan)`` starts a new lineage whose version 1 is current (the previous current plan,
  if any, becomes ``superseded``; pending proposals too);
- ``propose(plan, reasons=..., diff=...)`` adds a ``proposed`` version to the current lineage
  (an older pending proposal becomes ``superseded``);
- ``accept()`` makes the latest proposal current; ``reject()`` turns it down;
- ``make_current(version_id)`` makes any version current (the old current becomes superseded);
- ``undo()`` goes back to the version that was current before the current one (the undone one
  is marked ``undone``); repeated undo walks further back;
- ``current()``, ``latest_proposed()``, ``get(version_id)``, ``history()`` read.

Exactly one version per athlete is ``current`` (a partial unique index enforces it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from runcoach.errors import OperationError
from runcoach.services.ports import (
    Clock,
    NewPlanVersion,
    PlanStatus,
    PlanVersion,
    UnitOfWork,
    UnitOfWorkFactory,
    as_document,
    reasons_json,
)
from runcoach.services.scope import AthleteScope

if TYPE_CHECKING:
    from runcoach.domain.plan.model import Plan


class PlanService:
    """Save, read, propose, accept and undo plan versions for the athlete."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, scope: AthleteScope) -> None:
        self._uow = uow
        self._clock = clock
        self._scope = scope

    # --- writing ---------------------------------------------------------------------------

    def create(
        self,
        plan: Plan | Mapping[str, Any],
        *,
        reasons: Sequence[Any] = (),
        name: str | None = None,
        note: str | None = None,
    ) -> PlanVersion:
        """Store a new plan as version 1 of a new lineage and make it current.

        ``reasons`` are ``Reason`` values or ``{"rule", "text"}`` objects. The plan that was
        current before becomes ``superseded`` (``undo`` brings it back).
        """
        document = as_document(plan)
        with self._uow() as uow:
            athlete_id = self._scope.ensure(uow, self._clock)
            now = self._clock.now()
            old = _one(uow.plans.find_status(athlete_id, "current"))
            self._supersede_proposals(uow, athlete_id)
            if old is not None:
                uow.plans.set_status(old.id, "superseded")
            plan_id = uow.plans.create_lineage(athlete_id, now, name)
            version = uow.plans.add_version(
                athlete_id,
                plan_id,
                NewPlanVersion(
                    document=document,
                    status="current",
                    created_at=now,
                    reasons=reasons_json(reasons),
                    previous_current_id=None if old is None else old.id,
                    activated_at=now,
                    note=note,
                ),
            )
            uow.commit()
        return version

    def propose(
        self,
        plan: Plan | Mapping[str, Any],
        *,
        reasons: Sequence[Any],
        diff: Any = None,
        note: str | None = None,
    ) -> PlanVersion:
        """Add a proposed revision of the current plan (same lineage), waiting for ``accept``.

        ``diff`` is any JSON value describing the change. Raises OperationError when there is
        no current plan to revise.
        """
        document = as_document(plan)
        with self._uow() as uow:
            athlete_id = self._scope.find(uow)
            current = (
                None if athlete_id is None else _one(uow.plans.find_status(athlete_id, "current"))
            )
            if athlete_id is None or current is None:
                raise OperationError(
                    "there is no current plan to revise; make one first with `runcoach plan new`."
                )
            self._supersede_proposals(uow, athlete_id)
            version = uow.plans.add_version(
                athlete_id,
                current.plan_id,
                NewPlanVersion(
                    document=document,
                    status="proposed",
                    created_at=self._clock.now(),
                    reasons=reasons_json(reasons),
                    diff=diff,
                    parent_id=current.id,
                    note=note,
                ),
            )
            uow.commit()
        return version

    def save_version(
        self,
        plan: Plan | Mapping[str, Any],
        *,
        status: PlanStatus = "current",
        reasons: Sequence[Any] = (),
        diff: Any = None,
        new_lineage: bool = False,
        note: str | None = None,
    ) -> PlanVersion:
        """Store a version with ``status`` ``current`` or ``proposed``.

        With ``new_lineage`` (or when there is no plan yet) this is :meth:`create`; otherwise
        the version joins the current lineage: ``proposed`` is :meth:`propose`, ``current``
        proposes and accepts in one transaction (the change is applied at once).
        """
        if status not in ("current", "proposed"):
            raise OperationError(f"a new plan version cannot start as {status!r}.")
        if new_lineage or self.current() is None:
            if status == "proposed" and not new_lineage:
                return self.propose(plan, reasons=reasons, diff=diff, note=note)
            return self.create(plan, reasons=reasons, note=note)
        if status == "proposed":
            return self.propose(plan, reasons=reasons, diff=diff, note=note)
        document = as_document(plan)
        with self._uow() as uow:
            athlete_id = self._scope.ensure(uow, self._clock)
            current = _one(uow.plans.find_status(athlete_id, "current"))
            assert current is not None
            now = self._clock.now()
            self._supersede_proposals(uow, athlete_id)
            uow.plans.set_status(current.id, "superseded")
            version = uow.plans.add_version(
                athlete_id,
                current.plan_id,
                NewPlanVersion(
                    document=document,
                    status="current",
                    created_at=now,
                    reasons=reasons_json(reasons),
                    diff=diff,
                    parent_id=current.id,
                    previous_current_id=current.id,
                    activated_at=now,
                    note=note,
                ),
            )
            uow.commit()
        return version

    def accept(self, version_id: int | None = None) -> PlanVersion:
        """Make the latest proposal (or proposal ``version_id``) current; return it."""
        with self._uow() as uow:
            athlete_id = self._scope.find(uow)
            proposal = None
            if athlete_id is not None:
                if version_id is None:
                    proposal = _first(uow.plans.find_status(athlete_id, "proposed"))
                else:
                    proposal = uow.plans.get(athlete_id, version_id)
            if athlete_id is None or proposal is None:
                what = (
                    "no proposed plan change"
                    if version_id is None
                    else f"no plan version {version_id}"
                )
                raise OperationError(
                    f"there is {what} to accept; `runcoach plan review` proposes one."
                )
            if proposal.status != "proposed":
                raise OperationError(
                    f"plan version {proposal.id} is {proposal.status}, not proposed; "
                    "only a proposed change can be accepted."
                )
            accepted = self._activate(uow, athlete_id, proposal)
            uow.commit()
        return accepted

    def reject(self, version_id: int | None = None) -> PlanVersion:
        """Turn down the latest proposal (or proposal ``version_id``); return it."""
        with self._uow() as uow:
            athlete_id = self._scope.find(uow)
            proposal = None
            if athlete_id is not None:
                if version_id is None:
                    proposal = _first(uow.plans.find_status(athlete_id, "proposed"))
                else:
                    proposal = uow.plans.get(athlete_id, version_id)
            if athlete_id is None or proposal is None or proposal.status != "proposed":
                raise OperationError("there is no proposed plan change to reject.")
            uow.plans.set_status(proposal.id, "rejected")
            rejected = uow.plans.get(athlete_id, proposal.id)
            uow.commit()
        assert rejected is not None
        return rejected

    def make_current(self, version_id: int) -> PlanVersion:
        """Make any stored version current (the old current becomes superseded); return it."""
        with self._uow() as uow:
            athlete_id = self._scope.find(uow)
            version = None if athlete_id is None else uow.plans.get(athlete_id, version_id)
            if athlete_id is None or version is None:
                raise OperationError(f"there is no plan version {version_id}.")
            if version.status == "current":
                return version
            activated = self._activate(uow, athlete_id, version)
            uow.commit()
        return activated

    def undo(self) -> PlanVersion:
        """Go back to the version that was current before the current one; return it.

        The undone version keeps its document and is marked ``undone``. Raises OperationError
        when there is no plan or nothing earlier to go back to.
        """
        with self._uow() as uow:
            athlete_id = self._scope.find(uow)
            current = (
                None if athlete_id is None else _one(uow.plans.find_status(athlete_id, "current"))
            )
            if athlete_id is None or current is None:
                raise OperationError("there is no current plan, so there is nothing to undo.")
            if current.previous_current_id is None:
                raise OperationError(
                    f"plan version {current.version} (id {current.id}) is the first plan; "
                    "there is nothing earlier to go back to."
                )
            uow.plans.set_status(current.id, "undone")
            uow.plans.set_status(current.previous_current_id, "current")
            restored = uow.plans.get(athlete_id, current.previous_current_id)
            uow.commit()
        assert restored is not None
        return restored

    # --- reading ---------------------------------------------------------------------------

    def current(self) -> PlanVersion | None:
        """The plan the runner follows now, or None."""
        with self._uow() as uow:
            athlete_id = self._scope.find(uow)
            if athlete_id is None:
                return None
            return _one(uow.plans.find_status(athlete_id, "current"))

    def latest_proposed(self) -> PlanVersion | None:
        """The newest proposal waiting for accept or reject, or None."""
        with self._uow() as uow:
            athlete_id = self._scope.find(uow)
            if athlete_id is None:
                return None
            return _first(uow.plans.find_status(athlete_id, "proposed"))

    def get(self, version_id: int) -> PlanVersion:
        """One version by id; OperationError when there is none."""
        with self._uow() as uow:
            athlete_id = self._scope.find(uow)
            version = None if athlete_id is None else uow.plans.get(athlete_id, version_id)
        if version is None:
            raise OperationError(f"there is no plan version {version_id}.")
        return version

    def history(self, plan_id: int | None = None, *, all_plans: bool = False) -> list[PlanVersion]:
        """Versions oldest first: of lineage ``plan_id``, of every lineage (``all_plans``), or
        by default of the current plan's lineage (the newest lineage if none is current)."""
        with self._uow() as uow:
            athlete_id = self._scope.find(uow)
            if athlete_id is None:
                return []
            if all_plans:
                return uow.plans.list_versions(athlete_id)
            if plan_id is None:
                current = _one(uow.plans.find_status(athlete_id, "current"))
                if current is not None:
                    plan_id = current.plan_id
                else:
                    lineages = uow.plans.lineages(athlete_id)
                    if not lineages:
                        return []
                    plan_id = lineages[-1][0]
            return uow.plans.list_versions(athlete_id, plan_id)

    # --- helpers ---------------------------------------------------------------------------

    def _activate(self, uow: UnitOfWork, athlete_id: int, version: PlanVersion) -> PlanVersion:
        old = _one(uow.plans.find_status(athlete_id, "current"))
        if old is not None:
            uow.plans.set_status(old.id, "superseded")
        uow.plans.set_status(
            version.id,
            "current",
            activated_at=self._clock.now(),
            previous_current_id=None if old is None else old.id,
        )
        activated = uow.plans.get(athlete_id, version.id)
        assert activated is not None
        return activated

    def _supersede_proposals(self, uow: UnitOfWork, athlete_id: int) -> None:
        for pending in uow.plans.find_status(athlete_id, "proposed"):
            uow.plans.set_status(pending.id, "superseded")


def _one(versions: list[PlanVersion]) -> PlanVersion | None:
    return versions[0] if versions else None


_first = _one
