"""Coaching use cases: review the plan against the log, accept or undo, today, week, advice.

    from runcoach.bootstrap import open_services
    from runcoach.services.coaching import CoachingService

    with open_services() as svc:
        coach = CoachingService(svc)
        review = coach.review(ReviewInput(today=date(2027, 3, 10), tired=True))
        review.change.reasons, review.version      # stored as a proposal when it changes
        coach.accept()                             # the proposal becomes current
        coach.undo()                               # back to the version before

The domain does the thinking (:mod:`runcoach.domain.plan.adaptation`,
:mod:`runcoach.domain.plan.agenda`, :mod:`runcoach.domain.advice`); this module loads the
current plan, the log and the profile, and stores proposals through the plan service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from runcoach.errors import OperationError

if TYPE_CHECKING:
    from runcoach.domain.activity import Activity
    from runcoach.domain.advice import Advice
    from runcoach.domain.plan.adaptation import PlanChange, ReviewInput
    from runcoach.domain.plan.agenda import Agenda
    from runcoach.domain.plan.model import Plan
    from runcoach.domain.plan.signals import PainReport
    from runcoach.domain.units import Units
    from runcoach.services import Services
    from runcoach.services.ports import PlanVersion

#: Days of log before the plan start that a review reads (breaks, the 30-day longest run).
HISTORY_DAYS = 70


@dataclass(frozen=True, slots=True)
class Review:
    """A review: the proposed change, the version it was stored as (None when nothing changed
    or it was not stored), and the version it revises."""

    change: PlanChange
    version: PlanVersion | None
    current: PlanVersion


class CoachingService:
    """Review, accept, undo, today, week and advice for the athlete of ``services``."""

    def __init__(self, services: Services) -> None:
        self._svc = services

    # --- reading ---------------------------------------------------------------------------

    def _current(self) -> PlanVersion:
        current = self._svc.plans.current()
        if current is None:
            raise OperationError(
                "there is no current plan; make one with `runcoach plan new` "
                "(`runcoach advice` works without a plan)."
            )
        return current

    def _activities(self, since: date, until: date) -> list[Activity]:
        return [s.activity for s in self._svc.activities.summaries(since, until)]

    def _log_for(self, plan: Plan, today: date) -> list[Activity]:
        return self._activities(plan.start_date - timedelta(days=HISTORY_DAYS), today)

    # --- use cases -------------------------------------------------------------------------

    def review(self, request: ReviewInput, *, store: bool = True) -> Review:
        """Review the current plan on ``request.today``; store a changed plan as a proposal.

        Raises OperationError without a current plan, InputError for inputs that cannot apply.
        """
        from runcoach.domain.plan.adaptation import review_plan
        from runcoach.domain.plan.replan import RevisionError
        from runcoach.services.ports import reasons_json

        current = self._current()
        plan = current.plan
        try:
            change = review_plan(
                plan, self._log_for(plan, request.today), request, self._svc.profiles.get()
            )
        except RevisionError as exc:
            raise OperationError(
                f"runcoach could not build a revised plan for {request.today.isoformat()} that "
                "passes every safety check, so the plan is unchanged; please report it with the "
                f"command you ran ({exc})."
            ) from exc
        version = None
        if store and change.changed:
            version = self._svc.plans.propose(
                change.plan,
                reasons=reasons_json(change.reasons),
                diff=[d.to_dict() for d in change.diff],
                note=f"review of {request.today.isoformat()}",
            )
        return Review(change=change, version=version, current=current)

    def accept(self) -> PlanVersion:
        """Make the latest proposal current."""
        return self._svc.plans.accept()

    def undo(self) -> PlanVersion:
        """Go back to the plan version that was current before."""
        return self._svc.plans.undo()

    def history(self) -> list[PlanVersion]:
        """Every version of the current plan, oldest first."""
        return self._svc.plans.history()

    def pending(self) -> PlanVersion | None:
        """The proposal waiting for accept, if any."""
        return self._svc.plans.latest_proposed()

    def today(self, request: ReviewInput) -> tuple[Agenda, Review]:
        """Today's sessions from the plan as a review would adjust it (nothing is stored)."""
        from runcoach.domain.plan.agenda import day_agenda

        review = self.review(request, store=False)
        return day_agenda(review.change, request.today), review

    def week(self, request: ReviewInput) -> tuple[Agenda, Review]:
        """This week's sessions from the plan as a review would adjust it (nothing is stored)."""
        from runcoach.domain.plan.agenda import week_agenda

        review = self.review(request, store=False)
        return week_agenda(review.change, request.today), review

    def advice(
        self,
        today: date,
        *,
        tired: bool = False,
        pain_today: PainReport | None = None,
        units: Units = "km",
    ) -> Advice:
        """Increase, hold or down week, from the log of the last weeks (no plan needed)."""
        from runcoach.domain.advice import WEEKS_READ, advise

        since = today - timedelta(days=7 * WEEKS_READ + 37)
        return advise(
            self._activities(since, today),
            today,
            self._svc.profiles.get(),
            tired=tired,
            pain_today=pain_today,
            units=units,
        )
