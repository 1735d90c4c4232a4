"""In-process time of the progression engine (issue 3).

Run from the repository root:  .venv/bin/python bench/plan_engine.py [--runs N]

Times (median of N runs after one warm-up, default 25):

* an 18-week marathon plan (50 km/week, 20 km long run, 5 days, VDOT 45) — target < 20 ms;
* a 3-year season: three A marathons a year apart with two B races (a half and a 10K) and a
  far-goal projection — target < 150 ms;
* the DESIGN.md §5 checks of the 18-week plan (what ``plan check`` adds).

Prints a table with the median and the fastest run; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta

from runcoach.domain.plan.checks import check_plan
from runcoach.domain.plan.inputs import PlanInputs
from runcoach.domain.plan.model import RaceGoal
from runcoach.domain.plan.progression import build_plan
from runcoach.domain.plan.season import FarGoal, build_season, parse_season_race

START = date(2027, 1, 4)


def marathon_inputs() -> PlanInputs:
    return PlanInputs(
        start=START,
        weekly_volume_m=50000,
        longest_run_m=20000,
        days_per_week=5,
        race=RaceGoal(42195.0, START + timedelta(weeks=17, days=6)),
        vdot=45.0,
        age=38,
    )


def season_args() -> tuple[PlanInputs, list[RaceGoal], FarGoal]:
    inputs = PlanInputs(
        start=START,
        weekly_volume_m=40000,
        longest_run_m=16000,
        days_per_week=5,
        vdot=42.0,
        age=38,
        sex="F",
    )
    races = [
        parse_season_race(text)
        for text in (
            "half@2027-03-21:B",
            "marathon@2027-05-02:A",
            "10k@2027-09-12:B",
            "marathon@2028-04-16:A",
            "marathon@2029-04-15:A",
        )
    ]
    far = FarGoal(42195.0, 3 * 3600 + 35 * 60, races=((10000.0, 48 * 60.0),), age=38, sex="F")
    return inputs, races, far


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args()
    runs = max(20, args.runs)
    inputs = marathon_inputs()
    plan = build_plan(inputs)
    s_inputs, races, far = season_args()
    season = build_season(s_inputs, races, far_goal=far)
    cases = [
        (f"18-week marathon plan ({len(plan.weeks)} weeks)", lambda: build_plan(inputs), 20.0),
        (
            f"3-year season ({len(season.weeks)} weeks, 3 A + 2 B races)",
            lambda: build_season(s_inputs, races, far_goal=far),
            150.0,
        ),
        ("checks of the 18-week plan", lambda: check_plan(plan), None),
    ]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"runs per case: {runs}; machine load (1 min): {load:.2f}")
    print(f"{'case':<52} {'median ms':>10} {'min ms':>8} {'target':>8}")
    for name, fn, target in cases:
        median, fastest = timed(fn, runs)
        goal = f"< {target:.0f}" if target else "-"
        print(f"{name:<52} {median:>10.2f} {fastest:>8.2f} {goal:>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
