"""A synthetic but plausible training log for the report and chart tests: two years of three runs
a week growing slowly, then the sample plan followed with some misses, up to ``TODAY``."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from runcoach.domain.activity import Activity
from tests.unit.exporters.sample_plan import build_sample_plan

TODAY = date(2027, 3, 31)
HISTORY_START = date(2025, 6, 2)


def _run(day: date, metres: float, pace_s_per_km: float = 330.0, **extra: object) -> Activity:
    return Activity(
        sport="running",
        start_time=datetime(day.year, day.month, day.day, 7, 0, tzinfo=UTC),
        elapsed_time_s=metres / 1000 * pace_s_per_km + 60,
        moving_time_s=metres / 1000 * pace_s_per_km,
        distance_m=metres,
        source_format="manual",
        **extra,  # type: ignore[arg-type]
    )


def build_log() -> list[Activity]:
    """The log, oldest first (deterministic)."""
    plan = build_sample_plan()
    out = []
    day = HISTORY_START
    while day < plan.start_date:
        if day.weekday() in (1, 3, 6):
            base = 6000 + (day - HISTORY_START).days * 8
            out.append(_run(day, base * (1.6 if day.weekday() == 6 else 1.0), avg_hr_bpm=140.0))
        day += timedelta(days=1)
    for i, session in enumerate(s for s in plan.sessions if s.is_run and s.date <= TODAY):
        if i % 7 == 3:
            continue  # a missed run now and then
        out.append(_run(session.date, session.distance_m * (0.92 + (i % 3) * 0.04), rpe=4.0))
    return out
