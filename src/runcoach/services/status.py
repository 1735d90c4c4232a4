"""The ``runcoach status`` use case: load and fitness of the last weeks, from the training log.

Reads every logged activity up to "today" (CTL needs the whole history) and the profile, runs
:func:`runcoach.domain.load.compute_load_metrics`, and returns a :class:`StatusReport` of the
last N ISO weeks (Monday–Sunday), with plain-words notes. ``StatusReport.to_json()`` is the
``runcoach.status/1`` document (SI units, ISO dates; see docs/concepts/load-and-fitness.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from runcoach.domain.errors import InputError

if TYPE_CHECKING:
    from runcoach.domain.athlete import AthleteProfile, RaceResult
    from runcoach.domain.load.metrics import LoadMetrics
    from runcoach.domain.load.parameters import LoadProfile
    from runcoach.services import Services

SCHEMA = "runcoach.status/1"
DEFAULT_WEEKS = 8
MAX_WEEKS = 520

#: Foster's flag: a week with monotony above 2 has little difference between days.
MONOTONY_FLAG = 2.0
#: Logged pain at or above this (0–10) gets a note.
PAIN_NOTE = 4.0

ACWR_NOTE = (
    "ACWR (acute:chronic workload ratio) is shown as a description of the last week against the "
    "last four; it does not predict injury in runners (Garmin-RUNSAFE 2025; Impellizzeri et al. "
    "2020), so runcoach never uses it as a verdict."
)
SPIKE_NOTE = (
    "A spike is a run more than 10 % longer than your longest run of the previous 30 days: small "
    "> 10 %, moderate > 30 %, large > 100 % (Garmin-RUNSAFE 2025, the strongest single-run "
    "injury signal found in runners)."
)
PROGRESSION_NOTE = (
    "▲ marks a week more than 30 % above the week before: novices who grew that fast over two "
    "weeks had more distance-related injuries (Nielsen et al. 2014)."
)
MONOTONY_NOTE = (
    "Monotony above 2 (Foster 1998) means little difference between hard and easy days; "
    "'max' means every day carried the same load."
)
LOAD_NOTE = (
    "Load is in points (one hour at threshold = 100): from pace against your threshold pace "
    "when known, else heart rate (TRIMP), else your effort (RPE × minutes), else an easy "
    "session is assumed. CTL = fitness (42-day average), ATL = fatigue (7-day), "
    "TSB = yesterday's CTL − ATL (form)."
)


@dataclass(frozen=True, slots=True)
class SpikeFlag:
    """One run flagged as a spike against the longest run of the 30 days before it."""

    day: date
    distance_m: float
    reference_m: float
    increase_pct: float
    category: str  # small, moderate, large


@dataclass(frozen=True, slots=True)
class WeekStatus:
    """One ISO week. Sums cover the week's days; fitness values are those of ``end_date``
    (Sunday, or today for the week that is not over). Metres, load points, unit-free ratios."""

    start_date: date
    end_date: date
    complete: bool
    distance_m: float
    longest_run_m: float
    runs: int
    load: float
    ctl: float
    atl: float
    tsb: float
    acwr_ewma: float | None
    acwr_rolling_coupled: float | None
    acwr_rolling_uncoupled: float | None
    load_7d: float
    monotony: float | None
    monotony_maximal: bool
    strain: float | None
    progression_pct: float | None
    progression_flag: bool
    max_pain: float | None
    mean_rpe: float | None
    spikes: tuple[SpikeFlag, ...] = ()


@dataclass(frozen=True, slots=True)
class StatusReport:
    """Load and fitness over the last weeks, with what the figures rest on."""

    today: date
    weeks: tuple[WeekStatus, ...]
    activities: int
    runs: int
    history_start: date | None
    vdot: float | None
    threshold_pace_s_per_km: float | None
    threshold_race: RaceResult | None
    hr_max_bpm: float | None
    hr_rest_bpm: float | None
    hr_max_estimated: bool
    hr_rest_estimated: bool
    sex: str | None
    load_sources: dict[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """True when nothing is logged up to today."""
        return self.activities == 0

    def to_json(self) -> dict[str, Any]:
        """The ``runcoach.status/1`` document: SI units, ISO dates, null for undefined values."""
        race = self.threshold_race
        return {
            "schema": SCHEMA,
            "today": self.today.isoformat(),
            "activities": self.activities,
            "runs": self.runs,
            "history_start": None if self.history_start is None else self.history_start.isoformat(),
            "parameters": {
                "vdot": _round(self.vdot, 2),
                "threshold_pace_s_per_km": _round(self.threshold_pace_s_per_km, 1),
                "threshold_race": None
                if race is None
                else {
                    "distance_m": race.distance_m,
                    "time_s": race.time_s,
                    "date": None if race.date is None else race.date.isoformat(),
                },
                "hr_max_bpm": _round(self.hr_max_bpm, 1),
                "hr_max_estimated": self.hr_max_estimated,
                "hr_rest_bpm": _round(self.hr_rest_bpm, 1),
                "hr_rest_estimated": self.hr_rest_estimated,
                "sex": self.sex,
            },
            "load_sources": dict(self.load_sources),
            "weeks": [_week_json(w) for w in self.weeks],
            "notes": list(self.notes),
        }


def _round(value: float | None, digits: int) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(value, digits)


def _week_json(week: WeekStatus) -> dict[str, Any]:
    return {
        "start_date": week.start_date.isoformat(),
        "end_date": week.end_date.isoformat(),
        "complete": week.complete,
        "distance_m": _round(week.distance_m, 1),
        "longest_run_m": _round(week.longest_run_m, 1),
        "runs": week.runs,
        "load": _round(week.load, 1),
        "ctl": _round(week.ctl, 1),
        "atl": _round(week.atl, 1),
        "tsb": _round(week.tsb, 1),
        "acwr_ewma": _round(week.acwr_ewma, 3),
        "acwr_rolling_coupled": _round(week.acwr_rolling_coupled, 3),
        "acwr_rolling_uncoupled": _round(week.acwr_rolling_uncoupled, 3),
        "load_7d": _round(week.load_7d, 1),
        "monotony": _round(week.monotony, 3),
        "monotony_maximal": week.monotony_maximal,
        "strain": _round(week.strain, 1),
        "progression_pct": _round(week.progression_pct, 1),
        "progression_flag": week.progression_flag,
        "max_pain": week.max_pain,
        "mean_rpe": _round(week.mean_rpe, 1),
        "spikes": [
            {
                "date": s.day.isoformat(),
                "distance_m": _round(s.distance_m, 1),
                "reference_m": _round(s.reference_m, 1),
                "increase_pct": _round(s.increase_pct, 1),
                "category": s.category,
            }
            for s in week.spikes
        ],
    }


def monday_of(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def status_report(svc: Services, *, today: date, weeks: int = DEFAULT_WEEKS) -> StatusReport:
    """Load and fitness of the ``weeks`` ISO weeks ending with the week of ``today``.

    Every activity up to ``today`` (in its own local date) is read; later ones are ignored, so a
    replayed ``today`` sees the log as it was.
    """
    if not 1 <= weeks <= MAX_WEEKS:
        raise InputError(f"--weeks {weeks} is not between 1 and {MAX_WEEKS}.")
    from runcoach.domain.load.parameters import load_profile

    rows = svc.activities.summaries(until=today)
    activities = [row.activity for row in rows]
    profile = svc.profiles.get()
    provenance = load_profile(profile, today)
    if not activities:
        return _report(today, (), 0, 0, None, provenance, profile, {}, ())
    return build_status(activities, profile, provenance, today=today, weeks=weeks)


def build_status(
    activities: list[Any],
    profile: AthleteProfile | None,
    provenance: LoadProfile,
    *,
    today: date,
    weeks: int,
) -> StatusReport:
    """The report from domain activities (see :func:`status_report`); pure apart from numpy."""
    import numpy as np

    from runcoach.domain.load import LoadSource, SessionColumns, compute_load_metrics

    first_day = min(a.start_time.date() for a in activities)
    window_start = monday_of(today) - timedelta(days=7 * (weeks - 1))
    start = monday_of(min(first_day, window_start))
    n_days = (today - start).days + 1
    sessions = SessionColumns.from_activities(activities, start)
    metrics = compute_load_metrics(sessions, n_days=n_days, parameters=provenance.parameters)

    n_weeks = metrics.weekly.end_day.size
    shown = range(n_weeks - weeks, n_weeks)
    spikes = _spikes(metrics, sessions.day, start)
    week_rows = tuple(_week(metrics, w, start, spikes.get(w, ())) for w in shown)
    sources = np.bincount(metrics.sessions.source.astype(np.int64), minlength=len(LoadSource))
    load_sources = {
        code.name.lower(): int(sources[code]) for code in LoadSource if code != LoadSource.NONE
    }
    notes = _notes(week_rows, provenance, load_sources)
    runs = int(sessions.is_run.sum())
    return _report(
        today, week_rows, len(activities), runs, first_day, provenance, profile, load_sources, notes
    )


def _report(
    today: date,
    weeks: tuple[WeekStatus, ...],
    activities: int,
    runs: int,
    first_day: date | None,
    provenance: LoadProfile,
    profile: AthleteProfile | None,
    load_sources: dict[str, int],
    notes: tuple[str, ...],
) -> StatusReport:
    zones = provenance.heart_rate
    if not activities:
        notes = (
            "No activities logged yet: import watch files with `runcoach log import PATH` or add "
            "a run with `runcoach log add --date YYYY-MM-DD --distance 5km --time 30:00`.",
        )
    return StatusReport(
        today=today,
        weeks=weeks,
        activities=activities,
        runs=runs,
        history_start=first_day,
        vdot=provenance.vdot,
        threshold_pace_s_per_km=provenance.parameters.threshold_pace_s_per_km,
        threshold_race=provenance.race,
        hr_max_bpm=None if zones is None else zones.hr_max_bpm,
        hr_rest_bpm=None if zones is None else zones.hr_rest_bpm,
        hr_max_estimated=zones is not None and zones.hr_max_estimated,
        hr_rest_estimated=zones is not None and zones.hr_rest_estimated,
        sex=None if profile is None else profile.sex,
        load_sources=load_sources,
        notes=notes,
    )


def _number(value: Any) -> float | None:
    number = float(value)
    return number if math.isfinite(number) else None


def _week(metrics: LoadMetrics, w: int, start: date, spikes: tuple[SpikeFlag, ...]) -> WeekStatus:
    weekly = metrics.weekly
    monday = start + timedelta(days=7 * w)
    end = start + timedelta(days=int(weekly.end_day[w]))
    monotony = float(weekly.monotony[0, w])
    progression = _number(weekly.progression[0, w])
    return WeekStatus(
        start_date=monday,
        end_date=end,
        complete=end >= monday + timedelta(days=6),
        distance_m=float(weekly.distance_m[0, w]),
        longest_run_m=float(weekly.longest_run_m[0, w]),
        runs=int(weekly.runs[0, w]),
        load=float(weekly.load[0, w]),
        ctl=float(weekly.ctl[0, w]),
        atl=float(weekly.atl[0, w]),
        tsb=float(weekly.tsb[0, w]),
        acwr_ewma=_number(weekly.acwr_ewma[0, w]),
        acwr_rolling_coupled=_number(weekly.acwr_rolling_coupled[0, w]),
        acwr_rolling_uncoupled=_number(weekly.acwr_rolling_uncoupled[0, w]),
        load_7d=float(weekly.load_7d[0, w]),
        monotony=_number(monotony),
        monotony_maximal=math.isinf(monotony),
        strain=_number(weekly.strain[0, w]),
        progression_pct=None if progression is None else (progression - 1.0) * 100.0,
        progression_flag=bool(weekly.progression_flag[0, w]),
        max_pain=_number(weekly.max_pain[0, w]),
        mean_rpe=_number(weekly.mean_rpe[0, w]),
        spikes=spikes,
    )


def _spikes(
    metrics: LoadMetrics, session_day: Any, start: date
) -> dict[int, tuple[SpikeFlag, ...]]:
    """Spike flags (small and above) grouped by week index (weeks start on ``start``)."""
    import numpy as np

    from runcoach.domain.load import SpikeCategory

    loads = metrics.sessions
    out: dict[int, list[SpikeFlag]] = {}
    for i in np.flatnonzero(loads.spike >= SpikeCategory.SMALL):
        ratio = float(loads.spike_ratio[i])
        reference = float(loads.reference_m[i])
        offset = int(session_day[i])
        out.setdefault(offset // 7, []).append(
            SpikeFlag(
                day=start + timedelta(days=offset),
                distance_m=ratio * reference,
                reference_m=reference,
                increase_pct=(ratio - 1.0) * 100.0,
                category=SpikeCategory(int(loads.spike[i])).label,
            )
        )
    return {w: tuple(sorted(flags, key=lambda f: f.day)) for w, flags in out.items()}


def _notes(
    weeks: tuple[WeekStatus, ...], provenance: LoadProfile, load_sources: dict[str, int]
) -> tuple[str, ...]:
    """Plain-words notes on what the figures rest on and what the flags mean."""
    notes = [LOAD_NOTE, ACWR_NOTE]
    if any(w.spikes for w in weeks):
        notes.append(SPIKE_NOTE)
    if any(w.progression_flag for w in weeks):
        notes.append(PROGRESSION_NOTE)
    if any(w.monotony_maximal or (w.monotony or 0.0) > MONOTONY_FLAG for w in weeks):
        notes.append(MONOTONY_NOTE)
    race = provenance.race
    if race is None or provenance.vdot is None:
        notes.append(
            "No race result in your profile: runs are rated by heart rate or effort instead of "
            "pace; add one with `runcoach athlete race`."
        )
    else:
        when = "" if race.date is None else f" of {race.date.isoformat()}"
        notes.append(
            f"Pace-based load uses the threshold (T) pace of VDOT {provenance.vdot:.1f}, from "
            f"your {race.label}{when}."
        )
    zones = provenance.heart_rate
    if zones is None:
        notes.append(
            "No maximum heart rate or age in your profile: heart rate is not used for load; add "
            "them with `runcoach athlete init --age N --hr-max BPM`."
        )
    else:
        if zones.hr_max_estimated:
            notes.append(
                f"HRmax {zones.hr_max_bpm:.0f} bpm is estimated from your age (Tanaka 2001: "
                "208 − 0.7 × age); set yours with `runcoach athlete init --hr-max BPM`."
            )
        if zones.hr_rest_estimated:
            notes.append(
                f"HRrest {zones.hr_rest_bpm:.0f} bpm is assumed; set yours with "
                "`runcoach athlete init --hr-rest BPM`."
            )
    if load_sources.get("assumed", 0):
        notes.append(
            f"{load_sources['assumed']} session(s) had no pace, heart rate or effort and count "
            "as easy (56 points per hour); log the effort with --rpe to rate them."
        )
    for week in weeks:
        if week.max_pain is not None and week.max_pain >= PAIN_NOTE:
            notes.append(
                f"Pain {week.max_pain:g}/10 logged in the week of {week.start_date.isoformat()}: "
                "pain that lasts or changes how you run is a reason to rest and see a "
                "professional."
            )
    return tuple(notes)
