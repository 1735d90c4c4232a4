"""RETURN-LADDER: the ladder's rungs and the check (COACHING.md §7.2, Daniels Table 9.2)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from runcoach.domain.plan import workouts as wk
from runcoach.domain.plan.checks import CheckContext, ReturnRung, check_plan
from runcoach.domain.plan.inputs import PlanInputs
from runcoach.domain.plan.model import Plan, Reason
from runcoach.domain.plan.progression import build_plan
from runcoach.domain.plan.return_ladder import ladder
from runcoach.domain.plan.return_weeks import ReturnWeekSpec, return_week

START = date(2027, 3, 1)
BEFORE_M = 40000.0
SHARES = (0.33, 0.5, 0.75, 0.975)


def test_the_ladder_follows_daniels_table() -> None:
    assert ladder(5) == ()  # ≤ 5 days: back at 100 %
    assert ladder(8) == (0.6, 0.78)  # one week blending 50 % and 75 %, then × 1.30
    assert ladder(14) == (0.5, 0.75, 0.975)  # first half 50 %, second half 75 %
    assert ladder(21) == (0.5, 0.625, 0.75, 0.975)  # the middle week straddles the halves
    assert ladder(37) == SHARES  # 33/50/75 %, one week each for a 5-week return
    assert ladder(45) == (0.33, 0.33, 0.5, 0.5, 0.75, 0.75, 0.975)  # two weeks each
    assert len(ladder(200)) == 10  # at most three weeks a phase


def _plan() -> Plan:
    return build_plan(
        PlanInputs(
            start=START,
            weekly_volume_m=BEFORE_M,
            longest_run_m=14000.0,
            days_per_week=4,
            weeks=12,
        )
    )


def _context(plan: Plan) -> CheckContext:
    """Five weeks off before the plan: the break weeks count at the 40 km held before it."""
    rungs = tuple(
        ReturnRung(START + timedelta(weeks=k), share, BEFORE_M, 37, k + 1, len(SHARES))
        for k, share in enumerate(SHARES)
    )
    return CheckContext(
        weekly_volume_m=BEFORE_M,
        longest_run_m=14000.0,
        days_per_week=4,
        history_volumes_m=(BEFORE_M,) * 8,
        history_runs=((START - timedelta(days=1), 14000.0),),
        return_rungs=rungs,
    )


def test_a_plan_back_at_full_volume_straight_after_5_weeks_off_is_flagged() -> None:
    plan = _plan()
    found = [v for v in check_plan(plan, _context(plan)) if v.rule == "RETURN-LADDER"]
    assert {v.week for v in found} >= {1, 2, 3}
    assert "week 1 of 4 of the return after 37 days without running" in found[0].message
    assert not [v for v in check_plan(plan, _context(plan)) if v.rule.startswith("RAMP")]


def test_a_plan_that_climbs_the_ladder_passes_it() -> None:
    plan = _plan()
    pb = wk.PaceBook.create(None, "km")
    why = (Reason("RETURN-LADDER", "Return after a break."),)
    weeks = list(plan.weeks)
    for k, share in enumerate(SHARES):
        weeks[k] = return_week(
            weeks[k],
            ReturnWeekSpec(fraction=share),
            BEFORE_M,
            [(START - timedelta(days=1), 14000.0)],
            [BEFORE_M] * 8,
            pb,
            why,
            cap_m=share * BEFORE_M,
        )
    climbed = replace(plan, weeks=tuple(weeks))
    found = check_plan(climbed, _context(climbed))
    assert not [v for v in found if v.rule == "RETURN-LADDER"]
    # The week after the ladder is judged against the volume held before the break (the later
    # weeks of the spliced base plan grow from 40 km, so only the return is asserted here).
    assert not [v for v in found if v.rule.startswith("RAMP") and (v.week or 0) <= 5]
    assert weeks[3].distance_m > 0.9 * BEFORE_M


def test_quality_in_a_return_week_is_flagged() -> None:
    plan = _plan()
    quality = next(w for w in plan.weeks[1:] if any(s.kind == "fartlek" for s in w.sessions))
    moved = replace(quality, start_date=START, index=1)
    ctx = replace(_context(plan), return_rungs=(ReturnRung(START, 1.0, 1e6, 37, 1, 4),))
    found = [
        v
        for v in check_plan(replace(plan, weeks=(moved, *plan.weeks[1:])), ctx)
        if v.rule == "RETURN-LADDER"
    ]
    assert found and "asks for quality" in found[0].message
