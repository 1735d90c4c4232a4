"""The whole load picture of one runner or a batch of runners, from sessions to weekly figures.

:func:`compute_load_metrics` turns :class:`SessionColumns` into per-session loads and spike
flags, daily series (volume, load, CTL/ATL/TSB, ACWR, monotony/strain) and ISO-week summaries.
Daily and weekly arrays have shape (runners, days) and (runners, weeks); one runner is a batch of
one.

The single daily load ("load points", TSS-like: one hour at threshold = 100) takes each session's
best available measurement, in this order:

1. **pace** — running TSS from the average pace against the VDOT threshold (T) pace, for runs with
   a distance when the threshold pace is known;
2. **heart rate** — Banister TRIMP scaled so that one hour at the threshold heart rate (85 % of
   the heart-rate reserve) is 100 points (as intervals.icu's HRSS does);
3. **effort** — session RPE × minutes (Foster AU) scaled so that one hour at RPE 7 is 100 points;
4. **assumed** — only a duration is known: counted as an easy session (IF 0.75, 56 points/hour).

The raw rTSS, TRIMP and session-RPE values are kept per session as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from runcoach.domain.athlete import Sex
from runcoach.domain.load.fitness import (
    acwr_ewma,
    acwr_rolling,
    acwr_weekly,
    monotony_strain,
    performance_chart,
)
from runcoach.domain.load.impulse import (
    ASSUMED_INTENSITY_FACTOR,
    HeartRateZones,
    LoadSource,
    banister_trimp,
    running_tss,
    session_rpe_load,
    srpe_points,
    training_stress_score,
    trimp_men_share,
)
from runcoach.domain.load.series import (
    BoolArray,
    FloatArray,
    IntArray,
    grouped_max,
    grouped_sum,
    reduce_weeks,
    week_end_days,
)
from runcoach.domain.load.sessions import SessionColumns
from runcoach.domain.load.volume import (
    longest_previous_runs,
    progression_flags,
    spike_category,
    spike_ratio,
    weekly_progression,
)

#: Heart-rate reserve fraction taken as the threshold heart rate for scaling TRIMP to points.
THRESHOLD_HRR = 0.85


@dataclass(frozen=True, slots=True)
class LoadParameters:
    """What the load formulas need to know about a runner.

    ``threshold_pace_s_per_km`` is the VDOT T pace (None: no rTSS); ``heart_rate`` the TRIMP
    anchors (None: no TRIMP); ``sex`` chooses the TRIMP curve (X/None: the mean of both).
    """

    threshold_pace_s_per_km: float | None = None
    heart_rate: HeartRateZones | None = None
    sex: Sex | None = None


@dataclass(frozen=True, slots=True, eq=False)
class SessionLoads:
    """Per-session results, in the order of the input sessions.

    rtss and points are load points, trimp Banister units, srpe_au Foster AU (NaN where not
    computable); ``source`` holds :class:`LoadSource` codes; spikes compare a run with the longest
    run of the 30 days before its day (``reference_m``; ``spike`` holds SpikeCategory codes).
    """

    rtss: FloatArray
    trimp: FloatArray
    srpe_au: FloatArray
    points: FloatArray
    source: IntArray
    reference_m: FloatArray
    spike_ratio: FloatArray
    spike: IntArray


@dataclass(frozen=True, slots=True, eq=False)
class DailyMetrics:
    """Daily series, shape (runners, days). Distances in metres, loads in points."""

    distance_m: FloatArray
    longest_run_m: FloatArray
    longest_previous_30d_m: FloatArray
    load: FloatArray
    ctl: FloatArray
    atl: FloatArray
    tsb: FloatArray
    acute_ewma: FloatArray
    chronic_ewma: FloatArray
    acwr_ewma: FloatArray
    acwr_rolling_coupled: FloatArray
    acwr_rolling_uncoupled: FloatArray
    load_7d: FloatArray
    monotony: FloatArray
    strain: FloatArray


@dataclass(frozen=True, slots=True, eq=False)
class WeeklyMetrics:
    """ISO-week (Monday–Sunday) figures, shape (runners, weeks); ``end_day`` (weeks,) is the
    index of each week's last day inside the series (the last day for a week not yet over)."""

    end_day: IntArray
    distance_m: FloatArray
    longest_run_m: FloatArray
    runs: IntArray
    load: FloatArray
    progression: FloatArray
    progression_flag: BoolArray
    distance_acwr_coupled: FloatArray
    distance_acwr_uncoupled: FloatArray
    max_pain: FloatArray
    mean_rpe: FloatArray


@dataclass(frozen=True, slots=True, eq=False)
class LoadMetrics:
    """Everything :func:`compute_load_metrics` returns."""

    n_days: int
    start_weekday: int
    sessions: SessionLoads
    daily: DailyMetrics
    weekly: WeeklyMetrics


def _per_runner(
    parameters: LoadParameters | Sequence[LoadParameters], n_runners: int
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Per-runner arrays: threshold pace, HR max, HR rest (NaN when unknown) and men's share."""
    params = (
        [parameters] * n_runners if isinstance(parameters, LoadParameters) else list(parameters)
    )
    if len(params) != n_runners:
        raise ValueError(f"{len(params)} parameter sets for {n_runners} runners")
    nan = np.nan
    threshold = np.array(
        [nan if p.threshold_pace_s_per_km is None else p.threshold_pace_s_per_km for p in params]
    )
    hr_max = np.array([nan if p.heart_rate is None else p.heart_rate.hr_max_bpm for p in params])
    hr_rest = np.array([nan if p.heart_rate is None else p.heart_rate.hr_rest_bpm for p in params])
    share = np.array([trimp_men_share(p.sex) for p in params])
    return threshold, hr_max, hr_rest, share


def session_points(
    sessions: SessionColumns,
    runner: IntArray,
    parameters: LoadParameters | Sequence[LoadParameters],
    n_runners: int,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, IntArray]:
    """rTSS, TRIMP, session-RPE AU, the chosen load points and their source, per session."""
    threshold_r, hr_max_r, hr_rest_r, share_r = _per_runner(parameters, n_runners)
    duration = sessions.duration_s
    threshold = threshold_r[runner]
    with np.errstate(divide="ignore", invalid="ignore"):
        pace_ok = (
            sessions.is_run & (sessions.distance_m > 0) & (duration > 0) & np.isfinite(threshold)
        )
        rtss = np.full(len(sessions), np.nan)
        rtss[pace_ok] = running_tss(
            sessions.distance_m[pace_ok], duration[pace_ok], threshold[pace_ok]
        )
        hr_ok = np.isfinite(sessions.avg_hr_bpm) & np.isfinite(hr_max_r[runner])
        trimp = np.full(len(sessions), np.nan)
        share = share_r[runner][hr_ok]
        hr_max = hr_max_r[runner][hr_ok]
        hr_rest = hr_rest_r[runner][hr_ok]
        trimp[hr_ok] = banister_trimp(
            duration[hr_ok],
            sessions.avg_hr_bpm[hr_ok],
            hr_rest_bpm=hr_rest,
            hr_max_bpm=hr_max,
            men_share=share,
        )
        trimp_threshold = banister_trimp(
            3600.0,
            hr_rest + THRESHOLD_HRR * (hr_max - hr_rest),
            hr_rest_bpm=hr_rest,
            hr_max_bpm=hr_max,
            men_share=share,
        )
    srpe = session_rpe_load(sessions.rpe, duration)
    points = training_stress_score(duration, ASSUMED_INTENSITY_FACTOR)
    source = np.full(len(sessions), int(LoadSource.ASSUMED), dtype=np.int64)
    effort_ok = np.isfinite(srpe)
    points[effort_ok] = srpe_points(srpe[effort_ok])
    source[effort_ok] = LoadSource.EFFORT
    hr_only = hr_ok & ~pace_ok
    points[hr_only] = trimp[hr_only] * (100.0 / trimp_threshold[hr_only[hr_ok]])
    source[hr_only] = LoadSource.HEART_RATE
    points[pace_ok] = rtss[pace_ok]
    source[pace_ok] = LoadSource.PACE
    none = duration <= 0
    points[none] = 0.0
    source[none] = LoadSource.NONE
    return rtss, trimp, srpe, points, source


def compute_load_metrics(
    sessions: SessionColumns,
    *,
    n_days: int,
    start_weekday: int = 0,
    parameters: LoadParameters | Sequence[LoadParameters] = LoadParameters(),
    n_runners: int | None = None,
) -> LoadMetrics:
    """Per-session loads and spikes, daily series and weekly summaries for ``n_days`` days.

    ``start_weekday`` is the weekday of day 0 (Monday = 0); sessions on days ≥ ``n_days`` are
    ignored (a replayed "today"). ``parameters`` is one set for all runners or one per runner;
    ``n_runners`` defaults to 1 + the largest runner index. Each metric's formula, units and
    source are in :mod:`runcoach.domain.load.fitness`, :mod:`~runcoach.domain.load.impulse` and
    :mod:`~runcoach.domain.load.volume`.
    """
    if n_days < 1:
        raise ValueError("n_days must be at least 1")
    if not 0 <= start_weekday <= 6:
        raise ValueError("start_weekday must be 0 (Monday) to 6 (Sunday)")
    runner = sessions.runner if sessions.runner is not None else np.zeros(len(sessions), np.int64)
    if n_runners is None:
        n_runners = int(runner.max()) + 1 if runner.size else 1
    inside = (sessions.day < n_days) & (runner < n_runners)

    rtss, trimp, srpe, points, source = session_points(sessions, runner, parameters, n_runners)
    size = n_runners * n_days
    key = runner * n_days + np.minimum(sessions.day, n_days - 1)
    runs = inside & sessions.is_run & np.isfinite(sessions.distance_m)

    shape = (n_runners, n_days)
    distance = grouped_sum(key[runs], sessions.distance_m[runs], size).reshape(shape)
    longest = grouped_max(key[runs], sessions.distance_m[runs], size).reshape(shape)
    load = grouped_sum(key[inside], points[inside], size).reshape(shape)

    previous = longest_previous_runs(longest)
    reference = np.full(len(sessions), np.nan)
    reference[runs] = previous.reshape(-1)[key[runs]]
    ratio = spike_ratio(sessions.distance_m, reference)
    spike = spike_category(ratio)
    spike[~runs] = -2  # SpikeCategory.NOT_A_RUN

    chart = performance_chart(load)
    acwr = acwr_ewma(load)
    mono = monotony_strain(load)
    daily = DailyMetrics(
        distance_m=distance,
        longest_run_m=longest,
        longest_previous_30d_m=previous,
        load=load,
        ctl=chart.ctl,
        atl=chart.atl,
        tsb=chart.tsb,
        acute_ewma=acwr.acute,
        chronic_ewma=acwr.chronic,
        acwr_ewma=acwr.ratio,
        acwr_rolling_coupled=acwr_rolling(load, coupled=True),
        acwr_rolling_uncoupled=acwr_rolling(load, coupled=False),
        load_7d=mono.load_7d,
        monotony=mono.monotony,
        strain=mono.strain,
    )

    weekly_distance = reduce_weeks(distance, start_weekday, "sum")
    run_count = grouped_sum(key[runs], np.ones(int(runs.sum())), size).reshape(shape)
    pain_ok = inside & np.isfinite(sessions.pain)
    rpe_ok = inside & np.isfinite(sessions.rpe)
    rpe_sum = reduce_weeks(
        grouped_sum(key[rpe_ok], sessions.rpe[rpe_ok], size).reshape(shape), start_weekday, "sum"
    )
    rpe_n = reduce_weeks(
        grouped_sum(key[rpe_ok], np.ones(int(rpe_ok.sum())), size).reshape(shape),
        start_weekday,
        "sum",
    )
    pain_max = reduce_weeks(
        grouped_max(key[pain_ok], sessions.pain[pain_ok] + 1.0, size).reshape(shape),
        start_weekday,
        "max",
    )
    progression = weekly_progression(weekly_distance)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_rpe = np.where(rpe_n > 0, rpe_sum / np.where(rpe_n > 0, rpe_n, 1.0), np.nan)
    weekly = WeeklyMetrics(
        end_day=week_end_days(n_days, start_weekday),
        distance_m=weekly_distance,
        longest_run_m=reduce_weeks(longest, start_weekday, "max"),
        runs=reduce_weeks(run_count, start_weekday, "sum").astype(np.int64),
        load=reduce_weeks(load, start_weekday, "sum"),
        progression=progression,
        progression_flag=progression_flags(progression),
        distance_acwr_coupled=acwr_weekly(weekly_distance, coupled=True),
        distance_acwr_uncoupled=acwr_weekly(weekly_distance, coupled=False),
        # Pain is stored shifted by one so that "no report" (0) differs from a reported 0.
        max_pain=np.where(pain_max > 0, pain_max - 1.0, np.nan),
        mean_rpe=mean_rpe,
    )
    return LoadMetrics(
        n_days=n_days,
        start_weekday=start_weekday,
        sessions=SessionLoads(
            rtss=rtss,
            trimp=trimp,
            srpe_au=srpe,
            points=points,
            source=source,
            reference_m=reference,
            spike_ratio=ratio,
            spike=spike,
        ),
        daily=daily,
        weekly=weekly,
    )
