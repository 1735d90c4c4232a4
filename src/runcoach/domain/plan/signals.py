"""What the log says about the runner right now: time off, pain, race results, effort.

Pure readings of logged activities (and of what the runner reports at review time) that the
adaptation rules act on. Units: metres, seconds; days are calendar days.

Sources: time off and return — COACHING.md §1.6 and §7.2 (Daniels' V.O2 table and Table 9.2);
pain-monitoring model — Silbernagel et al. 2007, COACHING.md §7.2; injury definition (≥ 7 days
or 3 sessions restricted, or a consultation) — Yamato consensus, COACHING.md §5.1.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import Literal

from runcoach.domain.activity import Activity
from runcoach.domain.plan.compliance import activity_date, is_race

#: A break shorter than this many days needs nothing (COACHING.md §7.2: ≤ 5 days → 100 %).
TIME_OFF_MIN_DAYS = 6
#: Breaks of up to this many days get the 50 % → 75 % return; longer ones a phased rebuild.
TIME_OFF_SHORT_MAX_DAYS = 28
#: Pain bands of the pain-monitoring model (0–10 scale): ≤ 3 safe, ≤ 5 acceptable if it settles
#: by the next morning, > 5 high risk (Silbernagel et al. 2007; COACHING.md §7.2).
PAIN_SAFE_MAX = 3.0
PAIN_ACCEPTABLE_MAX = 5.0
#: Past these, the runner is told to see a professional: pain ≥ 7, pain > 5 on 3 or more days,
#: or pain above the safe band for 14 days (COACHING.md §5.1: injury = ≥ 7 days restricted or
#: 3 sessions; §7.2 pain model). An engine choice, stated in docs/concepts/coming-back.md.
PAIN_PROFESSIONAL = 7.0
PAIN_HIGH_DAYS = 3
PAIN_PERSIST_DAYS = 14
#: Pain reports older than this are history for the review.
PAIN_LOOKBACK_DAYS = 21

PainLevel = Literal["none", "fine", "acceptable", "reduce", "professional"]


@dataclass(frozen=True, slots=True)
class TimeOff:
    """A break from running: ``first_day``..``last_day`` without a logged run (inclusive).

    ``ongoing`` is True when no run has been logged since (the break reaches yesterday).
    ``cross_trained`` is True when other training (cycling, swimming...) was logged in it.
    """

    first_day: date
    last_day: date
    ongoing: bool
    cross_trained: bool

    @property
    def days(self) -> int:
        """Length of the break in days."""
        return (self.last_day - self.first_day).days + 1

    @property
    def key(self) -> str:
        """A stable name for this break, to remember that a plan already handled it."""
        return f"time_off:{self.first_day.isoformat()}:{self.days}"


@dataclass(frozen=True, slots=True)
class PainReport:
    """One pain rating (0–10) on a day, during a run or at another time (e.g. next morning)."""

    day: date
    pain: float
    location: str | None
    during_run: bool


@dataclass(frozen=True, slots=True)
class PainEpisode:
    """Recent pain in one place, read with the pain-monitoring model.

    ``level``: ``fine`` (≤ 3), ``acceptable`` (≤ 5 and settled by the next morning), ``reduce``
    (> 5, or worse the next morning), ``professional`` (≥ 7, > 5 on 3+ days, or above 3 for
    14 days). ``worse_next_morning`` names the first day it was worse than the day before.
    """

    location: str | None
    level: PainLevel
    peak: float
    latest: PainReport
    first_day: date
    high_days: int
    worse_next_morning: date | None
    settled: bool

    @property
    def key(self) -> str:
        """A stable name for this episode, to remember that a plan already handled it."""
        where = self.location or "unspecified"
        return f"pain:{where}:{self.first_day.isoformat()}:{self.level}"

    @property
    def span_days(self) -> int:
        """Days from the first to the latest report of the episode (inclusive)."""
        return (self.latest.day - self.first_day).days + 1


@dataclass(frozen=True, slots=True)
class RaceEffort:
    """A logged race or time trial: distance in metres, time in seconds."""

    day: date
    distance_m: float
    time_s: float
    name: str | None

    @property
    def key(self) -> str:
        """A stable name for this result."""
        return f"race:{self.day.isoformat()}:{round(self.distance_m)}:{round(self.time_s)}"


def run_days(activities: Iterable[Activity]) -> list[date]:
    """Distinct days with a logged run, in order."""
    return sorted({activity_date(a) for a in activities if a.is_run})


def find_time_off(
    activities: Sequence[Activity], today: date, *, since: date, min_days: int = TIME_OFF_MIN_DAYS
) -> TimeOff | None:
    """The most recent break of ``min_days`` or more that ended on or after ``since``.

    A break is the run of calendar days with no logged run, between two runs or between the last
    run and yesterday (today is not over). Returns None when nothing was ever logged before the
    break (no history to measure it against) or no break is long enough.

    Source: COACHING.md §7.2 (≤ 5 days missed → carry on).
    """
    days = [d for d in run_days(activities) if d < today]
    if not days:
        return None
    bounds: list[tuple[date, date, bool]] = []
    for before, after in pairwise(days):
        if (after - before).days - 1 >= min_days:
            bounds.append((before + timedelta(days=1), after - timedelta(days=1), False))
    last = days[-1]
    if (today - last).days - 1 >= min_days:
        bounds.append((last + timedelta(days=1), today - timedelta(days=1), True))
    bounds = [b for b in bounds if b[1] >= since]
    if not bounds:
        return None
    first_day, last_day, ongoing = bounds[-1]
    cross = any(
        not a.is_run and first_day <= activity_date(a) <= last_day and a.duration_s >= 20 * 60
        for a in activities
    )
    return TimeOff(first_day=first_day, last_day=last_day, ongoing=ongoing, cross_trained=cross)


def find_breaks(
    activities: Sequence[Activity],
    today: date,
    *,
    since: date,
    min_days: int = TIME_OFF_MIN_DAYS,
    max_days: int = TIME_OFF_SHORT_MAX_DAYS,
) -> list[TimeOff]:
    """Every break of ``min_days``–``max_days`` days that ended on or after ``since``, oldest
    first (breaks as in :func:`find_time_off`; an ongoing one reaches yesterday)."""
    days = [d for d in run_days(activities) if d < today]
    out: list[TimeOff] = []
    spans = [(a + timedelta(days=1), b - timedelta(days=1), False) for a, b in pairwise(days)]
    if days:
        spans.append((days[-1] + timedelta(days=1), today - timedelta(days=1), True))
    for first, last, ongoing in spans:
        length = (last - first).days + 1
        if min_days <= length <= max_days and last >= since:
            out.append(
                TimeOff(first_day=first, last_day=last, ongoing=ongoing, cross_trained=False)
            )
    return out


def pain_reports(
    activities: Iterable[Activity], extra: Iterable[PainReport] = ()
) -> list[PainReport]:
    """Every pain rating in the log (and ``extra`` reports), oldest first."""
    reports = [
        PainReport(
            day=activity_date(a),
            pain=float(a.pain),
            location=_place(a.pain_location),
            during_run=a.is_run,
        )
        for a in activities
        if a.pain is not None
    ]
    reports.extend(extra)
    return sorted(reports, key=lambda r: (r.day, not r.during_run, r.pain))


def _place(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    return text.strip().lower()


def read_pain(reports: Sequence[PainReport], today: date) -> list[PainEpisode]:
    """Recent pain episodes, one per location, most severe first.

    Reports of the last 21 days are grouped by location (a report without a location joins
    every location); an episode starts at the first report above the safe band (> 3) and lasts
    while reports stay above it. An episode is *settled* when its latest report is ≤ 3/10.

    Source: pain-monitoring model, Silbernagel et al. 2007 (COACHING.md §7.2): during activity
    ≤ 5/10 allowed if it subsides by the next morning; worse the next day → reduce the load.
    """
    recent = [r for r in reports if today - timedelta(days=PAIN_LOOKBACK_DAYS) < r.day <= today]
    places = sorted({r.location for r in recent if r.location is not None})
    groups: list[tuple[str | None, list[PainReport]]] = []
    if places:
        for place in places:
            groups.append((place, [r for r in recent if r.location in (place, None)]))
    elif recent:
        groups.append((None, recent))
    episodes = [ep for place, rs in groups if (ep := _episode(place, rs)) is not None]
    rank = {"professional": 0, "reduce": 1, "acceptable": 2, "fine": 3, "none": 4}
    episodes.sort(key=lambda e: (rank[e.level], -e.peak, e.location or ""))
    return episodes


def _episode(place: str | None, reports: list[PainReport]) -> PainEpisode | None:
    if not reports or max(r.pain for r in reports) <= 0:
        return None
    latest = reports[-1]
    # The episode starts at the last pain-free stretch before the latest report above 3/10.
    start_idx = 0
    for i, r in enumerate(reports):
        if r.pain <= PAIN_SAFE_MAX and i + 1 < len(reports) and reports[i + 1].pain > PAIN_SAFE_MAX:
            start_idx = i + 1
    episode = reports[start_idx:]
    peak = max(r.pain for r in episode)
    high_days = len({r.day for r in episode if r.pain > PAIN_ACCEPTABLE_MAX})
    worse: date | None = None
    by_day: dict[date, float] = {}
    for r in episode:
        prev = by_day.get(r.day - timedelta(days=1))
        if (
            worse is None
            and prev is not None
            and prev > 0
            and r.pain > prev
            and max(prev, r.pain) > PAIN_SAFE_MAX
        ):
            worse = r.day
        by_day[r.day] = max(by_day.get(r.day, 0.0), r.pain)
    above = [r.day for r in episode if r.pain > PAIN_SAFE_MAX]
    persisting = bool(above) and (above[-1] - above[0]).days + 1 >= PAIN_PERSIST_DAYS
    settled = latest.pain <= PAIN_SAFE_MAX
    level: PainLevel
    if peak >= PAIN_PROFESSIONAL or high_days >= PAIN_HIGH_DAYS or persisting:
        level = "professional"
    elif peak > PAIN_ACCEPTABLE_MAX or worse is not None:
        level = "reduce"
    elif peak > PAIN_SAFE_MAX:
        level = "acceptable"
    else:
        level = "fine"
    first = episode[0].day
    return PainEpisode(
        location=place,
        level=level,
        peak=peak,
        latest=latest,
        first_day=first,
        high_days=high_days,
        worse_next_morning=worse,
        settled=settled,
    )


def race_efforts(activities: Iterable[Activity], *, since: date, today: date) -> list[RaceEffort]:
    """Races and time trials logged from ``since`` to ``today`` (inclusive), oldest first.

    Only efforts of at least 1.2 km and 3 minutes count (the VDOT model's range).
    """
    out = []
    for a in activities:
        day = activity_date(a)
        if not (a.is_run and is_race(a) and since <= day <= today):
            continue
        if a.distance_m is None or a.distance_m < 1200 or a.duration_s < 180:
            continue
        out.append(RaceEffort(day=day, distance_m=a.distance_m, time_s=a.duration_s, name=a.name))
    return sorted(out, key=lambda r: (r.day, r.distance_m))
