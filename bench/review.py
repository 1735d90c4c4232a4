"""In-process time of a plan review (adaptation), for the stories of issue 5.

Run from the repository root:  .venv/bin/python bench/review.py [--runs N]

Builds an 18-week marathon plan with the engine, synthesises a log that follows it, and times
``review_plan`` (median of N runs after one warm-up) for: a week with nothing to change, a
12-day flu in week 6 (return weeks + engine rebuild + checks), a "too tired" flag (down week now)
and a race moved two weeks earlier; plus ``advise`` on six weeks of log. Prints a table; asserts
nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock

from runcoach.domain.activity import Activity
from runcoach.domain.advice import advise
from runcoach.domain.plan.adaptation import Illness, ReviewInput, review_plan
from runcoach.domain.plan.inputs import PlanInputs
from runcoach.domain.plan.model import Plan, RaceGoal
from runcoach.domain.plan.progression import build_plan

START = date(2027, 1, 4)


def plan() -> Plan:
    return build_plan(
        PlanInputs(
            start=START,
            weekly_volume_m=50000,
            longest_run_m=20000,
            days_per_week=5,
            race=RaceGoal(42195.0, START + timedelta(weeks=17, days=6), goal_time_s=13200),
            vdot=45.0,
        )
    )


def log(p: Plan, until: date, skip: tuple[date, date] | None = None) -> list[Activity]:
    out = []
    for s in p.sessions:
        if not s.is_run or s.kind == "race" or s.date >= until:
            continue
        if skip is not None and skip[0] <= s.date <= skip[1]:
            continue
        out.append(
            Activity(
                sport="running",
                start_time=datetime.combine(s.date, clock(7), tzinfo=UTC),
                elapsed_time_s=s.duration_s or s.distance_m * 0.36,
                distance_m=s.distance_m,
                rpe=3.0 if s.intensity == "easy" else 7.0,
            )
        )
    return out


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    p = plan()
    week6 = START + timedelta(weeks=5, days=2)
    back = week6 + timedelta(days=12)
    steady = log(p, START + timedelta(weeks=7))
    flu = log(p, back, skip=(week6, back - timedelta(days=1)))
    assert p.race is not None
    cases: list[tuple[str, Callable[[], object]]] = [
        (
            "review, nothing to change",
            lambda: review_plan(p, steady, ReviewInput(START + timedelta(weeks=7))),
        ),
        (
            "review, 12 days of flu in week 6",
            lambda: review_plan(
                p, flu, ReviewInput(back, illness=Illness(week6, back - timedelta(days=1)))
            ),
        ),
        (
            "review, too tired",
            lambda: review_plan(p, steady, ReviewInput(START + timedelta(weeks=7), tired=True)),
        ),
        (
            "review, race two weeks earlier",
            lambda: review_plan(
                p,
                steady,
                ReviewInput(START + timedelta(weeks=7), race_date=p.race.date - timedelta(days=14)),  # type: ignore[union-attr]
            ),
        ),
        ("advice, six weeks of log", lambda: advise(steady, START + timedelta(weeks=7))),
    ]
    print(
        f"Python {sys.version.split()[0]}; 18-week marathon plan; median of {args.runs} runs (ms)"
    )
    for name, fn in cases:
        result = fn()
        changed = getattr(result, "changed", None)
        note = "" if changed is None else ("  (proposes a change)" if changed else "  (no change)")
        print(f"{name:40s} {median_ms(fn, args.runs):8.1f}{note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
