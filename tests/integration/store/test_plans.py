"""Plan versions: never overwritten; create, propose, accept, reject, undo, history."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runcoach.bootstrap import open_services
from runcoach.domain.plan.model import Plan, Reason
from runcoach.errors import OperationError
from runcoach.services import Services
from runcoach.services.ports import ConflictError
from tests.integration.store.conftest import FreshUrl


def plan_doc(weeks: int, start: str = "2027-01-04") -> dict[str, Any]:
    plan = Plan(
        athlete={"weekly_volume_m": 30000.0},
        race=None,
        start_date=date.fromisoformat(start),
        vdot=45.0,
        paces_s_per_km={"easy_fast": 330.0},
        weeks=(),
        kind="base",
    )
    doc = plan.to_dict()
    doc["weeks"] = []
    doc["note_weeks"] = weeks  # distinguishes documents in these tests
    return doc


def statuses(services: Services) -> list[tuple[int, str]]:
    return [(v.version, v.status) for v in services.plans.history()]


def test_no_plan_yet(services: Services) -> None:
    assert services.plans.current() is None
    assert services.plans.latest_proposed() is None
    assert services.plans.history() == []
    with pytest.raises(OperationError, match="nothing to undo"):
        services.plans.undo()
    with pytest.raises(OperationError, match="no current plan to revise"):
        services.plans.propose(plan_doc(1), reasons=[])
    with pytest.raises(OperationError, match="no proposed plan change to accept"):
        services.plans.accept()


def test_create_stores_a_domain_plan_and_reads_it_back(services: Services) -> None:
    plan = Plan(
        athlete={},
        race=None,
        start_date=date(2027, 1, 4),
        vdot=None,
        paces_s_per_km={},
        weeks=(),
        kind="base",
    )
    v1 = services.plans.create(plan, reasons=[Reason("BASE", "a base plan")], name="winter")
    current = services.plans.current()
    assert current == v1
    assert (v1.version, v1.status, v1.parent_id, v1.previous_current_id) == (
        1,
        "current",
        None,
        None,
    )
    assert v1.reasons == ({"rule": "BASE", "text": "a base plan"},)
    assert current is not None and current.plan == plan


def test_propose_accept_undo_keep_every_document(services: Services) -> None:
    v1 = services.plans.create(plan_doc(1), reasons=[{"rule": "NEW", "text": "new plan"}])
    p2 = services.plans.propose(
        plan_doc(2), reasons=[{"rule": "ILLNESS", "text": "3 days missed"}], diff={"weeks": [2]}
    )
    assert (p2.status, p2.parent_id, p2.diff) == ("proposed", v1.id, {"weeks": [2]})
    assert services.plans.current() == v1
    assert services.plans.latest_proposed() == p2

    accepted = services.plans.accept()
    assert (accepted.id, accepted.status, accepted.previous_current_id) == (p2.id, "current", v1.id)
    assert statuses(services) == [(1, "superseded"), (2, "current")]

    back = services.plans.undo()
    assert back.id == v1.id
    assert statuses(services) == [(1, "current"), (2, "undone")]
    assert [v.document["note_weeks"] for v in services.plans.history()] == [1, 2]
    with pytest.raises(OperationError, match="first plan"):
        services.plans.undo()


def test_a_newer_proposal_supersedes_the_pending_one_and_reject(services: Services) -> None:
    services.plans.create(plan_doc(1))
    services.plans.propose(plan_doc(2), reasons=[])
    p3 = services.plans.propose(plan_doc(3), reasons=[])
    assert statuses(services) == [(1, "current"), (2, "superseded"), (3, "proposed")]
    rejected = services.plans.reject()
    assert (rejected.id, rejected.status) == (p3.id, "rejected")
    assert services.plans.latest_proposed() is None
    with pytest.raises(OperationError, match="is superseded, not proposed"):
        services.plans.accept(p3.id - 1)


def test_new_plan_supersedes_the_old_one_and_undo_brings_it_back(services: Services) -> None:
    a = services.plans.create(plan_doc(1))
    b = services.plans.create(plan_doc(9))
    assert b.plan_id != a.plan_id and b.version == 1
    assert b.previous_current_id == a.id
    assert services.plans.history() == [b]
    assert [v.status for v in services.plans.history(all_plans=True)] == ["superseded", "current"]
    assert services.plans.undo().id == a.id
    assert services.plans.history(a.plan_id)[0].status == "current"


def test_make_current_and_repeated_undo_walk_back(services: Services) -> None:
    v1 = services.plans.create(plan_doc(1))
    v2 = services.plans.save_version(plan_doc(2), status="current", reasons=[])
    v3 = services.plans.save_version(plan_doc(3), status="current", reasons=[])
    assert [v.version for v in (v1, v2, v3)] == [1, 2, 3]
    assert services.plans.make_current(v1.id).previous_current_id == v3.id
    assert services.plans.undo().id == v3.id
    assert services.plans.undo().id == v2.id
    assert services.plans.undo().id == v1.id
    assert statuses(services) == [(1, "current"), (2, "undone"), (3, "undone")]


def test_get_unknown_version(services: Services) -> None:
    services.plans.create(plan_doc(1))
    with pytest.raises(OperationError, match="no plan version 999"):
        services.plans.get(999)


def test_the_database_allows_one_current_version_per_athlete(services: Services) -> None:
    services.plans.create(plan_doc(1))
    services.plans.create(plan_doc(2))
    db = services.store
    engine: sa.Engine = db.engine  # type: ignore[attr-defined]
    with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:
        conn.execute(sa.text("UPDATE plan_versions SET status = 'current'"))
    assert [v.status for v in services.plans.history(all_plans=True)] == ["superseded", "current"]


def test_conflict_error_is_an_operation_error() -> None:
    assert issubclass(ConflictError, OperationError)


OPS = ["create", "propose", "accept", "reject", "undo", "revise", "make_current"]


@given(ops=st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 20)), max_size=14))
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_sequence_keeps_documents_and_at_most_one_current(
    fresh_database_url: FreshUrl, ops: list[tuple[str, int]]
) -> None:
    seen: dict[int, dict[str, Any]] = {}
    with open_services(database_url=fresh_database_url()) as svc:
        for i, (op, pick) in enumerate(ops):
            try:
                if op == "create":
                    svc.plans.create(plan_doc(i))
                elif op == "propose":
                    svc.plans.propose(plan_doc(i), reasons=[{"rule": "R", "text": "t"}])
                elif op == "accept":
                    svc.plans.accept()
                elif op == "reject":
                    svc.plans.reject()
                elif op == "undo":
                    svc.plans.undo()
                elif op == "revise":
                    svc.plans.save_version(plan_doc(i), status="current", reasons=[])
                elif seen:
                    svc.plans.make_current(sorted(seen)[pick % len(seen)])
            except OperationError:
                pass
            versions = svc.plans.history(all_plans=True)
            for v in versions:
                assert seen.setdefault(v.id, dict(v.document)) == v.document  # never overwritten
            current = [v for v in versions if v.status == "current"]
            assert len(current) <= 1
            assert (svc.plans.current() is None) == (not current)
            assert len([v for v in versions if v.status == "proposed"]) <= 1
