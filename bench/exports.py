"""In-process time of the exports for a season-sized plan (3 years, 156 weeks) and a long log.

Run from the repository root:  .venv/bin/python bench/exports.py [--runs N]

The plan is the 8-week sample plan of the exporter tests repeated back to back (about 1,000
sessions, ~350 structured runs); the log is the tests' synthetic log (~300 runs). Prints the
median and min of N runs for each export and asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.unit.exporters.log_fixture import TODAY, build_log
from tests.unit.exporters.sample_plan import build_sample_plan

from runcoach.domain.plan.model import Plan, Week


def season_plan(blocks: int = 20) -> Plan:
    """The sample plan repeated ``blocks`` times (8 weeks each), dates shifted."""
    base = build_sample_plan()
    weeks: list[Week] = []
    for b in range(blocks):
        shift = timedelta(weeks=8 * b)
        for w in base.weeks:
            sessions = tuple(replace(s, date=s.date + shift) for s in w.sessions)
            weeks.append(
                replace(w, index=len(weeks) + 1, start_date=w.start_date + shift, sessions=sessions)
            )
    return base.with_weeks(weeks)


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    fn()
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return statistics.median(out), min(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    from runcoach.exporters.ics import export_ics
    from runcoach.exporters.plan_csv import plan_from_csv, plan_to_csv
    from runcoach.exporters.progress import monthly_points, run_days, weekly_points, yearly_points
    from runcoach.exporters.report import ReportData, render_report
    from runcoach.services.exports import fit_workouts

    plan = season_plan()
    sessions = sum(len(w.sessions) for w in plan.weeks)
    log = build_log()
    runs_log = run_days(log)
    now = datetime(2027, 2, 1, tzinfo=UTC)
    first = export_ics(plan, lineage="bench", generated_at=now)
    csv_text = plan_to_csv(plan)
    short = build_sample_plan()

    def report() -> str:
        return render_report(
            ReportData(
                today=TODAY,
                units="km",
                version="bench",
                athlete={"name": "bench"},
                plan=short,
                weeks=weekly_points(short, runs_log, TODAY),
                months=monthly_points(short, runs_log, TODAY),
                years=yearly_points(short, runs_log, TODAY),
            )
        )

    cases: list[tuple[str, Callable[[], object]]] = [
        ("ICS, first export", lambda: export_ics(plan, lineage="bench", generated_at=now)),
        (
            "ICS, re-export with state",
            lambda: export_ics(plan, lineage="bench", previous=first.state, generated_at=now),
        ),
        ("FIT, every structured run", lambda: fit_workouts(plan)),
        ("plan CSV write", lambda: plan_to_csv(plan)),
        ("plan CSV read", lambda: plan_from_csv(csv_text)),
        ("report, 8-week plan + log (no metrics)", report),
    ]
    print(f"plan: {len(plan.weeks)} weeks, {sessions} sessions; log: {len(log)} activities")
    print(f"{'case':45} {'median ms':>10} {'min ms':>10}")
    for name, fn in cases:
        med, low = timed(fn, runs)
        print(f"{name:45} {med:10.1f} {low:10.1f}")


if __name__ == "__main__":
    main()
