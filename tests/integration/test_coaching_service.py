"""Coaching use cases over a real store (every backend): review → proposal, accept, undo, history,
today/week/advice — and accept/undo round-trips (hypothesis)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runcoach.bootstrap import open_services
from runcoach.domain.activity import Activity
from runcoach.domain.plan.adaptation import Illness, ReviewInput
from runcoach.domain.plan.inputs import PlanInputs
from runcoach.domain.plan.model import Plan, RaceGoal
from runcoach.domain.plan.progression import build_plan
from runcoach.errors import OperationError
from runcoach.services import Services
from runcoach.services.coaching import CoachingService

START = date(2027, 1, 4)


@pytest.fixture
def svc(database_url: str) -> Iterator[Services]:
    with open_services(database_url=database_url) as services:
        yield services


def half_plan() -> Plan:
    return build_plan(
        PlanInputs(
            start=START,
            weekly_volume_m=35000,
            longest_run_m=14000,
            days_per_week=4,
            race=RaceGoal(21097.5, START + timedelta(weeks=11, days=6), goal_time_s=6300),
            vdot=45.0,
        )
    )


def manual_runs(plan: Plan, until: date, skip: tuple[date, date] | None = None) -> list[Activity]:
    """The planned runs before ``until`` as manual log entries (none inside ``skip``)."""
    out = []
    for s in plan.sessions:
        if not s.is_run or s.date >= until or s.kind == "race":
            continue
        if skip is not None and skip[0] <= s.date <= skip[1]:
            continue
        out.append(
            Activity(
                sport="running",
                start_time=datetime.combine(s.date, time(7), tzinfo=UTC),
                elapsed_time_s=s.duration_s or s.distance_m * 0.36,
                distance_m=s.distance_m,
                rpe=3.0 if s.intensity == "easy" else 7.0,
                source_format="manual",
            )
        )
    return out


def test_review_proposes_accept_makes_current_undo_goes_back(svc: Services) -> None:
    plan = half_plan()
    first = svc.plans.create(plan, reasons=[{"rule": "PHASES", "text": "new plan"}])
    ill = (START + timedelta(days=30), START + timedelta(days=40))
    for activity in manual_runs(plan, START + timedelta(days=42), skip=ill):
        svc.activities.add_manual(activity)
    coach = CoachingService(svc)
    request = ReviewInput(today=START + timedelta(days=42), illness=Illness(*ill))

    review = coach.review(request)

    assert review.change.changed
    assert review.version is not None and review.version.status == "proposed"
    assert [r["rule"] for r in review.version.reasons][:1] == ["ADAPT-TIME-OFF"]
    assert review.version.diff and all("start_date" in d for d in review.version.diff)
    assert (
        svc.plans.current() is not None and svc.plans.current().id == first.id
    )  # nothing applied yet

    accepted = coach.accept()
    assert accepted.status == "current" and accepted.id == review.version.id
    assert accepted.plan.to_dict() == review.change.plan.to_dict()

    # The accepted plan remembers the break: reviewing it again proposes nothing.
    again = coach.review(request)
    assert not again.change.changed and again.version is None

    back = coach.undo()
    assert back.id == first.id
    assert back.plan.to_dict() == plan.to_dict()
    statuses = [v.status for v in coach.history()]
    assert statuses == ["current", "undone"]


def test_today_week_and_advice_read_the_store(svc: Services) -> None:
    plan = half_plan()
    svc.plans.create(plan)
    for activity in manual_runs(plan, START + timedelta(days=23)):
        svc.activities.add_manual(activity)
    coach = CoachingService(svc)
    day = START + timedelta(days=23)
    agenda, _ = coach.today(ReviewInput(today=day))
    assert agenda.week is not None and agenda.week.index == 4
    assert [i.session.date for i in agenda.items] == [
        s.date for s in plan.sessions if s.date == day
    ]
    week, _ = coach.week(ReviewInput(today=day))
    assert week.first_day == START + timedelta(weeks=3)
    assert week.done_m > 0
    advice = coach.advice(day)
    assert advice.verdict in ("increase", "hold", "down")
    assert advice.weeks[-1].runs > 0


def test_without_a_plan_review_is_one_sentence_and_advice_still_works(svc: Services) -> None:
    coach = CoachingService(svc)
    with pytest.raises(OperationError, match="no current plan"):
        coach.review(ReviewInput(today=START))
    with pytest.raises(OperationError, match="accept"):
        coach.accept()
    assert coach.advice(START).verdict == "hold"


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(["review", "accept", "undo"]), st.integers(20, 70), st.booleans()
        ),
        min_size=1,
        max_size=6,
    )
)
def test_accept_and_undo_round_trip(database_url: str, steps: list[tuple[str, int, bool]]) -> None:
    """Accepting a proposal then undoing always gives back exactly the plan that was current,
    and there is always exactly one current plan."""
    import uuid

    plan = half_plan()
    # A new athlete per example: examples share the database, never each other's plans.
    with open_services(database_url=database_url, athlete=f"rt-{uuid.uuid4().hex[:10]}") as svc:
        svc.plans.create(plan)
        for activity in manual_runs(
            plan,
            START + timedelta(days=70),
            skip=(START + timedelta(days=25), START + timedelta(days=35)),
        ):
            svc.activities.add_manual(activity)
        coach = CoachingService(svc)
        for action, day, tired in steps:
            before = svc.plans.current()
            assert before is not None
            if action == "review":
                coach.review(ReviewInput(today=START + timedelta(days=day), tired=tired))
            elif action == "accept":
                if svc.plans.latest_proposed() is None:
                    continue
                accepted = coach.accept()
                undone = coach.undo()
                assert undone.id == before.id
                assert undone.plan.to_dict() == before.plan.to_dict()
                redo = svc.plans.make_current(accepted.id)
                assert redo.plan.to_dict() == accepted.plan.to_dict()
            elif before.previous_current_id is not None:
                restored = coach.undo()
                assert restored.id == before.previous_current_id
            currents = [v for v in svc.plans.history(all_plans=True) if v.status == "current"]
            assert len(currents) == 1


def test_a_plan_without_any_log_is_not_rebuilt(svc: Services) -> None:
    """A runner who has not logged anything yet gets a note, not a plan rebuilt from zero."""
    svc.plans.create(half_plan())
    review = CoachingService(svc).review(ReviewInput(today=START + timedelta(days=20)))
    assert not review.change.changed and review.version is None
    assert "No runs are logged" in review.change.reasons[0].text
