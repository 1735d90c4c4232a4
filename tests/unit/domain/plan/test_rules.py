"""The rules registry: every id defined once, docs/rules.md generated from it and current, and
every rule a generated plan cites (reasons, warnings) defined there."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings

from runcoach.domain.plan.inputs import PlanInputs
from runcoach.domain.plan.progression import build_plan
from runcoach.domain.plan.rules import _RULES, RULES, render_markdown
from tests.unit.domain.plan.strategies import plan_inputs

ROOT = Path(__file__).resolve().parents[4]

#: The ids the issue names (DESIGN.md §5 and the progression rules).
REQUIRED = {
    "RAMP-WEEKLY",
    "RAMP-BLOCK",
    "SPIKE-30D",
    "DOWN-CADENCE",
    "DOWN-COUNT",
    "LONG-20MI",
    "LONG-MAX",
    "TAPER",
    "INTENSITY",
    "HARD-DAYS",
    "BASE-STIMULUS",
    "DAYS",
    "STRENGTH",
    "REASONS",
    "SHAPE",
    "DETERMINISM",
    "LEVER-ONE",
    "TAPER-BOSQUET",
    "RUN-WALK-C25K",
    "STRENGTH-PROGRESSION",
    "MASTERS-RAMP",
}


def test_ids_are_unique_and_complete() -> None:
    ids = [r.id for r in _RULES]
    assert len(ids) == len(set(ids))
    assert set(RULES) >= REQUIRED
    for r in _RULES:
        assert r.title and r.text and r.source, r.id
        assert r.text.rstrip().endswith("."), f"{r.id}: the explanation is a sentence"


def test_docs_rules_md_is_current() -> None:
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == render_markdown(), (
        "docs/rules.md is stale: regenerate it (command at the top of the file)"
    )


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(plan_inputs())
def test_every_cited_rule_is_defined(inputs: PlanInputs) -> None:
    plan = build_plan(inputs)
    cited = {w.rule for w in plan.warnings}
    for week in plan.weeks:
        cited |= {r.rule for r in week.reasons}
        for session in week.sessions:
            cited |= {r.rule for r in session.reasons}
    assert cited <= set(RULES), cited - set(RULES)
