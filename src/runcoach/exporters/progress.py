"""The numbers behind the progression charts: planned and actual volume per week, month, year.

Pure arithmetic over the plan and the logged runs (metres, calendar days in each activity's own
local time); the charts and the report draw these. Planned figures count run sessions only (the
goal race included, as in ``Week.distance_m``); actual figures count running activities.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from runcoach.domain.activity import Activity
from runcoach.domain.plan.model import Plan


@dataclass(frozen=True, slots=True)
class WeekPoint:
    """One plan week: planned and (once it has started) actual distance and longest run."""

    index: int
    start: date
    phase: str
    is_down_week: bool
    planned_m: float
    planned_long_m: float
    actual_m: float | None
    actual_long_m: float | None
    has_race: bool


@dataclass(frozen=True, slots=True)
class PeriodPoint:
    """A calendar month or year: planned and actual running distance and the longest run."""

    start: date
    label: str
    planned_m: float
    actual_m: float
    actual_long_m: float
    weeks: float
    planned_weeks: float = 0.0

    @property
    def actual_per_week_m(self) -> float:
        """Average actual distance per week over the period's elapsed weeks."""
        return self.actual_m / self.weeks if self.weeks > 0 else 0.0

    @property
    def planned_per_week_m(self) -> float:
        """Average planned distance per week over the weeks of the period the plan covers."""
        return self.planned_m / self.planned_weeks if self.planned_weeks > 0 else 0.0


def run_days(activities: Iterable[Activity]) -> list[tuple[date, float]]:
    """``(local date, distance in metres)`` of every running activity with a distance."""
    return [
        (a.start_time.date(), float(a.distance_m))
        for a in activities
        if a.is_run and a.distance_m is not None and a.distance_m > 0
    ]


def weekly_points(plan: Plan, runs: Sequence[tuple[date, float]], today: date) -> list[WeekPoint]:
    """Planned vs actual per plan week; actual is None for weeks that have not started, and
    for every week when nothing is logged at all."""
    totals: dict[int, float] = defaultdict(float)
    longest: dict[int, float] = defaultdict(float)
    first = plan.weeks[0].start_date if plan.weeks else today
    for day, metres in runs:
        offset = (day - first).days
        if offset < 0:
            continue
        index = offset // 7 + 1
        totals[index] += metres
        longest[index] = max(longest[index], metres)
    out = []
    for week in plan.weeks:
        started = week.start_date <= today and bool(runs)
        out.append(
            WeekPoint(
                index=week.index,
                start=week.start_date,
                phase=week.phase,
                is_down_week=week.is_down_week,
                planned_m=week.distance_m,
                planned_long_m=week.long_run_m,
                actual_m=totals.get(week.index, 0.0) if started else None,
                actual_long_m=longest.get(week.index, 0.0) if started else None,
                has_race=any(s.kind == "race" for s in week.sessions),
            )
        )
    return out


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


def _elapsed_weeks(start: date, end: date, today: date) -> float:
    """Weeks of the period [start, end) that have passed by ``today`` (inclusive)."""
    stop = min(end, today + timedelta(days=1))
    return max(0.0, (stop - start).days / 7)


def monthly_points(
    plan: Plan | None, runs: Sequence[tuple[date, float]], today: date, *, months: int = 24
) -> list[PeriodPoint]:
    """Month by month: actual running distance (logged) and planned distance (plan sessions).

    Covers the months from the first month with a logged run or a planned session within the
    last ``months`` months to the plan's (or the log's) last month; empty when nothing is that
    recent.
    """
    planned: dict[date, float] = defaultdict(float)
    if plan is not None:
        for s in plan.sessions:
            if s.is_run:
                planned[_month_start(s.date)] += s.distance_m
    actual: dict[date, float] = defaultdict(float)
    longest: dict[date, float] = defaultdict(float)
    for day, metres in runs:
        key = _month_start(day)
        actual[key] += metres
        longest[key] = max(longest[key], metres)
    keys = set(planned) | set(actual)
    if not keys:
        return []
    earliest = _month_start(today)
    for _ in range(months - 1):
        earliest = _month_start(earliest - timedelta(days=1))
    recent = [k for k in keys if k >= earliest]
    if not recent:
        return []
    first = min(recent)
    last = max(recent)
    out = []
    cursor = first
    while cursor <= last:
        end = _next_month(cursor)
        label = f"{_MONTHS[cursor.month - 1]} {cursor.year}"
        out.append(
            PeriodPoint(
                start=cursor,
                label=label,
                planned_m=planned.get(cursor, 0.0),
                actual_m=actual.get(cursor, 0.0),
                actual_long_m=longest.get(cursor, 0.0),
                weeks=_elapsed_weeks(cursor, end, today),
            )
        )
        cursor = end
    return out


def yearly_points(
    plan: Plan | None, runs: Sequence[tuple[date, float]], today: date, *, max_years: int = 10
) -> list[PeriodPoint]:
    """Year by year (the last ``max_years`` years with a plan or a run): actual total, planned
    total, longest run and average per elapsed week."""
    planned: dict[int, float] = defaultdict(float)
    plan_days: dict[int, int] = defaultdict(int)
    if plan is not None:
        for s in plan.sessions:
            if s.is_run:
                planned[s.date.year] += s.distance_m
        day = plan.start_date
        while day <= plan.end_date:
            plan_days[day.year] += 1
            day += timedelta(days=1)
    actual: dict[int, float] = defaultdict(float)
    longest: dict[int, float] = defaultdict(float)
    first_run: dict[int, date] = {}
    for day, metres in runs:
        actual[day.year] += metres
        longest[day.year] = max(longest[day.year], metres)
        first_run[day.year] = min(first_run.get(day.year, day), day)
    years = sorted(set(planned) | set(actual))
    if not years:
        return []
    first_year = max(years[0], years[-1] - (max_years - 1))
    out = []
    for year in range(first_year, years[-1] + 1):
        # the first logged year counts from its first run, not from 1 January
        start = first_run.get(year, date(year, 1, 1)) if year == years[0] else date(year, 1, 1)
        out.append(
            PeriodPoint(
                start=date(year, 1, 1),
                label=str(year),
                planned_m=planned.get(year, 0.0),
                actual_m=actual.get(year, 0.0),
                actual_long_m=longest.get(year, 0.0),
                weeks=_elapsed_weeks(start, date(year + 1, 1, 1), today),
                planned_weeks=plan_days.get(year, 0) / 7,
            )
        )
    return out
