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

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from runcoach.domain.athlete import Sex
from runcoach.domain.load.fitness import (
    ACUTE_DAYS,
    CHRONIC_DAYS,
    MONOTONY_DAYS,
    fitness_days_major,
    foster_monotony,
    safe_ratio,
)
from runcoach.domain.load.impulse import (
    ASSUMED_INTENSITY_FACTOR,
    SRPE_AU_PER_100_POINTS,
    TRIMP_MEN,
    TRIMP_WOMEN,
    HeartRateZones,
    LoadSource,
    trimp_men_share,
)
from runcoach.domain.load.series import (
    BoolArray,
    FloatArray,
    Int8Array,
    IntArray,
    reduce_weeks_days_major,
    week_count,
    week_end_days,
)
from runcoach.domain.load.sessions import SessionColumns
from runcoach.domain.load.volume import (
    SpikeCategory,
    longest_previous_runs_days_major,
    progression_flags,
    spike_category,
)

#: A "longest run of the previous 30 days" at or below this (metres) is no reference.
SPIKE_MIN_REFERENCE_M = 1e-6
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
    source: Int8Array
    reference_m: FloatArray
    spike_ratio: FloatArray
    spike: Int8Array


@dataclass(frozen=True, slots=True, eq=False)
class DailyMetrics:
    """Daily series, shape (runners, days). Distances in metres, loads in points.

    ``longest_previous_30d_m`` is the longest run of the 30 days before each day; CTL/ATL/TSB
    follow the pinned TrainingPeaks recursion; ``acwr_ewma`` is Williams' EWMA ratio (NaN for
    the first 27 days).
    """

    distance_m: FloatArray
    longest_run_m: FloatArray
    longest_previous_30d_m: FloatArray
    load: FloatArray
    ctl: FloatArray
    atl: FloatArray
    tsb: FloatArray
    acwr_ewma: FloatArray


@dataclass(frozen=True, slots=True, eq=False)
class WeeklyMetrics:
    """ISO-week (Monday–Sunday) figures, shape (runners, weeks).

    ``end_day`` (weeks,) is the index of each week's last day in the series (the last day of
    the series for a week not yet over). Sums cover the week's days; CTL, ATL, TSB and the ACWRs
    are the values on ``end_day``; ``load_7d``, monotony and strain cover the 7 days ending on
    ``end_day`` (the ISO week itself once it is over). Distances in metres, loads in points.
    """

    end_day: IntArray
    distance_m: FloatArray
    longest_run_m: FloatArray
    runs: IntArray
    load: FloatArray
    ctl: FloatArray
    atl: FloatArray
    tsb: FloatArray
    acwr_ewma: FloatArray
    acwr_rolling_coupled: FloatArray
    acwr_rolling_uncoupled: FloatArray
    load_7d: FloatArray
    monotony: FloatArray
    strain: FloatArray
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


#: Sessions handled per step of the per-session stage (keeps the work in the CPU cache).
_SESSION_CHUNK = 1 << 15
#: Per-runner constant columns (see :func:`runner_constants`).
_TSS, _REST, _INV_RANGE, _A1, _B1, _A2, _B2, _HR_SCALE = range(8)


def runner_constants(
    parameters: LoadParameters | Sequence[LoadParameters], n_runners: int
) -> FloatArray:
    """Per-runner constants of the session formulas, shape (8, runners), NaN where unknown.

    Rows: the rTSS factor thr²·100/3.6e9 (so rTSS = distance²/duration · factor), HRrest,
    1/(HRmax − HRrest), the TRIMP curve weights a1, b1, a2, b2 (TRIMP weight
    a1·e^(b1·HRr) + a2·e^(b2·HRr): men 0.64, 1.92; women 0.86, 1.67; X/unknown half of each)
    and the TRIMP-to-points scale 100 / TRIMP(1 h at 85 % HRR).
    """
    params = (
        [parameters] * n_runners if isinstance(parameters, LoadParameters) else list(parameters)
    )
    if len(params) != n_runners:
        raise ValueError(f"{len(params)} parameter sets for {n_runners} runners")
    nan = np.nan
    threshold = np.array(
        [nan if p.threshold_pace_s_per_km is None else p.threshold_pace_s_per_km for p in params]
    )
    rest = np.array([nan if p.heart_rate is None else p.heart_rate.hr_rest_bpm for p in params])
    top = np.array([nan if p.heart_rate is None else p.heart_rate.hr_max_bpm for p in params])
    share = np.array([trimp_men_share(p.sex) for p in params])
    table = np.empty((8, n_runners))
    table[_TSS] = threshold * threshold * (100.0 / 3.6e9)
    table[_REST] = rest
    table[_INV_RANGE] = 1.0 / (top - rest)
    men_only, women_only = share == 1.0, share == 0.0
    table[_A1] = np.where(women_only, TRIMP_WOMEN[0], share * TRIMP_MEN[0])
    table[_B1] = np.where(women_only, TRIMP_WOMEN[1], TRIMP_MEN[1])
    table[_A2] = np.where(men_only | women_only, 0.0, (1.0 - share) * TRIMP_WOMEN[0])
    table[_B2] = TRIMP_WOMEN[1]
    at_threshold = (
        60.0
        * THRESHOLD_HRR
        * (
            share * TRIMP_MEN[0] * np.exp(TRIMP_MEN[1] * THRESHOLD_HRR)
            + (1.0 - share) * TRIMP_WOMEN[0] * np.exp(TRIMP_WOMEN[1] * THRESHOLD_HRR)
        )
    )
    table[_HR_SCALE] = np.where(np.isfinite(rest), 100.0 / at_threshold, nan)
    return table


@dataclass(frozen=True, slots=True, eq=False)
class _SessionPass:
    """What one cache-friendly pass over the sessions (in runner, day order) produces."""

    rtss: FloatArray
    trimp: FloatArray
    srpe: FloatArray
    points: FloatArray
    source: Int8Array
    distance: FloatArray  # (runners, days): daily running distance
    load: FloatArray  # (runners, days): daily load points
    longest: FloatArray  # (runners, days): the day's longest run
    week_distance: FloatArray  # (runners · weeks,) runner-major
    week_load: FloatArray
    week_runs: FloatArray
    week_rpe_sum: FloatArray
    week_rpe_count: FloatArray
    week_pain: FloatArray  # max pain + 1 (0: none reported)


def _in_runner_day_order(runner: IntArray, day: IntArray, n_days: int) -> bool:
    """True when sessions are sorted by runner, then day (checked chunk by chunk, in cache)."""
    n = day.size
    for lo in range(0, n, _SESSION_CHUNK):
        hi = min(n, lo + _SESSION_CHUNK + 1)  # one session of overlap joins the chunks
        k = runner[lo:hi] * n_days
        k += day[lo:hi]
        if bool(np.any(k[1:] < k[:-1])):
            return False
    return True


def _chunks(runner: IntArray) -> Iterator[tuple[int, int, int, IntArray]]:
    """Cache-sized chunks ``(lo, hi, first runner, sessions per runner from the first)`` of
    sessions in runner order."""
    n = runner.size
    for lo in range(0, n, _SESSION_CHUNK):
        hi = min(n, lo + _SESSION_CHUNK)
        first = int(runner[lo])
        yield lo, hi, first, np.bincount(runner[lo:hi] - first)


def _session_pass(
    sessions: SessionColumns,
    runner: IntArray,
    constants: FloatArray,
    n_days: int,
    start_weekday: int,
) -> _SessionPass:
    """Per-session loads (rTSS, TRIMP, session-RPE AU, the chosen points and their source) and
    the daily and weekly sums, for sessions in (runner, day) order.

    ``constants`` is the (8, runners) table of :func:`runner_constants`. The formulas are those
    of :mod:`~runcoach.domain.load.impulse`, written out with in-place arithmetic over
    cache-sized chunks (selections by arithmetic blends, not masks: masked copies are slow);
    per-runner constants are repeated over each runner's sessions.
    """
    n = len(sessions)
    n_runners = constants.shape[1]
    n_weeks = week_count(n_days, start_weekday)
    rtss, trimp, srpe, points = np.empty(n), np.empty(n), np.empty(n), np.empty(n)
    source = np.empty(n, dtype=np.int8)
    distance = np.zeros(n_days * n_runners)
    load = np.zeros(n_days * n_runners)
    longest = np.zeros(n_days * n_runners)
    week_distance = np.zeros(n_runners * n_weeks)
    week_load = np.zeros(n_runners * n_weeks)
    week_runs = np.zeros(n_runners * n_weeks)
    week_rpe_sum = np.zeros(n_runners * n_weeks)
    week_rpe_count = np.zeros(n_runners * n_weeks)
    week_of_day = (np.arange(n_days, dtype=np.int64) + start_weekday) // 7
    second_curve = bool(np.any(constants[_A2] > 0))
    # Only the constants the formulas use (the second TRIMP curve only for X runners);
    # an unknown threshold pace (NaN factor) makes rTSS NaN by itself.
    rows = [_TSS, _REST, _INV_RANGE, _A1, _B1, _HR_SCALE] + ([_A2, _B2] if second_curve else [])
    table = np.ascontiguousarray(constants[rows])
    col = {row: i for i, row in enumerate(rows)}
    nan_or_one = np.array([np.nan, 1.0])
    size = min(n, _SESSION_CHUNK)
    buffers = [np.empty(size) for _ in range(4)]
    flags = [np.empty(size, dtype=np.bool_) for _ in range(2)]
    codes = np.empty(size, dtype=np.int8)
    cell_buf = np.empty(size, dtype=np.int64)
    previous_cell = -1
    assumed_per_s = ASSUMED_INTENSITY_FACTOR**2 * 100.0 / 3600.0
    effort_scale = 100.0 / SRPE_AU_PER_100_POINTS
    for lo, hi, first, counts in _chunks(runner):
        m = hi - lo
        hrr, weight, tmp, run_distance = (b[:m] for b in buffers)
        ok, known = (f[:m] for f in flags)
        code, cell = codes[:m], cell_buf[:m]
        per_session = np.repeat(table[:, first : first + counts.size], counts, axis=1)
        c = {row: per_session[i] for row, i in col.items()}
        day, idx = sessions.day[lo:hi], runner[lo:hi]
        dist, dur = sessions.distance_m[lo:hi], sessions.duration_s[lo:hi]
        is_run, rpe = sessions.is_run[lo:hi], sessions.rpe[lo:hi]
        with np.errstate(divide="ignore", invalid="ignore"):
            # rTSS = hours · IF², IF = (distance/duration) / (1000/threshold pace); NaN unless a
            # run with a distance and a duration, of a runner with a threshold pace.
            np.greater(dist, 0.0, out=ok)
            ok &= is_run
            np.greater(dur, 0.0, out=known)
            ok &= known
            r = rtss[lo:hi]
            np.multiply(dist, dist, out=r)
            r /= dur
            r *= c[_TSS]
            r *= nan_or_one.take(ok.view(np.int8))
            # Banister TRIMP = minutes · HRr · (a1·e^(b1·HRr) + a2·e^(b2·HRr)), HRr clipped 0–1.
            np.subtract(sessions.avg_hr_bpm[lo:hi], c[_REST], out=hrr)
            hrr *= c[_INV_RANGE]
            np.clip(hrr, 0.0, 1.0, out=hrr)
            np.multiply(hrr, c[_B1], out=weight)
            np.exp(weight, out=weight)
            weight *= c[_A1]
            if second_curve:
                np.multiply(hrr, c[_B2], out=tmp)
                np.exp(tmp, out=tmp)
                tmp *= c[_A2]
                weight += tmp
            t = trimp[lo:hi]
            np.multiply(dur, 1.0 / 60.0, out=t)
            t *= hrr
            t *= weight
            # Foster session RPE = RPE × minutes.
            e = srpe[lo:hi]
            np.multiply(rpe, dur, out=e)
            e *= 1.0 / 60.0
        # Source by priority: pace (1) > heart rate (2) > effort (3) > assumed (4); none (0)
        # without a duration. Points blend the candidates with 0/1 weights (NaN turned to 0).
        pts, src = points[lo:hi], source[lo:hi]
        code.fill(LoadSource.ASSUMED)
        np.multiply(dur, assumed_per_s, out=pts)
        for value, scale, level in (
            (e, effort_scale, LoadSource.EFFORT),
            (t, c[_HR_SCALE], LoadSource.HEART_RATE),
            (r, 1.0, LoadSource.PACE),
        ):
            np.isfinite(value, out=known)
            np.multiply(value, scale, out=tmp)
            np.fmax(tmp, 0.0, out=tmp)  # NaN → 0 (loads are never negative)
            tmp -= pts
            tmp *= known
            pts += tmp
            # code = level where known: code −= known · (code − level)
            np.subtract(code, np.int8(level), out=src)
            src *= known
            code -= src
        np.greater(dur, 0.0, out=known)
        pts *= known
        np.multiply(code, known, out=src)

        # Daily sums and maxima, runner-major (cell = runner · days + day: ascending, so each
        # chunk fills one contiguous stretch of the arrays).
        np.isfinite(dist, out=ok)
        ok &= is_run
        np.multiply(dist, ok, out=tmp)
        np.fmax(tmp, 0.0, out=run_distance)  # not a run, or no distance: 0
        np.multiply(idx, n_days, out=cell)
        cell += day
        base, stretch = first * n_days, counts.size * n_days
        cell -= base
        days = slice(base, base + stretch)
        distance[days] += np.bincount(cell, weights=run_distance, minlength=stretch)
        load[days] += np.bincount(cell, weights=pts, minlength=stretch)
        # Longest run per day: one scatter, then the maximum over the (rare) repeated days;
        # sessions of one runner-day are adjacent; chunks meet inside a runner-day at most once.
        cell += base
        same = cell[1:] == cell[:-1]
        carried = float(longest[cell[0]]) if lo and cell[0] == previous_cell else 0.0
        longest[cell] = run_distance
        if bool(same.any()):
            repeated = np.flatnonzero(same)
            np.maximum.at(longest, cell[repeated], run_distance[repeated])
            np.maximum.at(longest, cell[repeated + 1], run_distance[repeated + 1])
        if carried > longest[cell[0]]:
            longest[cell[0]] = carried
        previous_cell = int(cell[-1])
        # Sums per runner-week (runner-major: runner · weeks + week).
        np.subtract(idx, first, out=cell)
        cell *= n_weeks
        cell += week_of_day.take(day)
        span = counts.size * n_weeks
        where = slice(first * n_weeks, first * n_weeks + span)
        week_distance[where] += np.bincount(cell, weights=run_distance, minlength=span)
        week_load[where] += np.bincount(cell, weights=pts, minlength=span)
        week_runs[where] += np.bincount(cell, weights=is_run, minlength=span)
        np.isfinite(rpe, out=known)
        week_rpe_count[where] += np.bincount(cell, weights=known, minlength=span)
        np.fmax(rpe, 0.0, out=tmp)  # NaN → 0
        week_rpe_sum[where] += np.bincount(cell, weights=tmp, minlength=span)
    # Pain is rare: the worst per runner-week, stored + 1 so that "no report" (0) differs from 0.
    week_pain = np.zeros(n_runners * n_weeks)
    pained = np.flatnonzero(np.isfinite(sessions.pain))
    np.maximum.at(
        week_pain,
        runner[pained] * n_weeks + week_of_day.take(sessions.day[pained]),
        sessions.pain[pained] + 1.0,
    )
    return _SessionPass(
        rtss=rtss,
        trimp=trimp,
        srpe=srpe,
        points=points,
        source=source,
        distance=distance.reshape(n_runners, n_days),
        load=load.reshape(n_runners, n_days),
        longest=longest.reshape(n_runners, n_days),
        week_distance=week_distance,
        week_load=week_load,
        week_runs=week_runs,
        week_rpe_sum=week_rpe_sum,
        week_rpe_count=week_rpe_count,
        week_pain=week_pain,
    )


def _spike_pass(
    sessions: SessionColumns, runner: IntArray, previous: FloatArray
) -> tuple[FloatArray, FloatArray, Int8Array]:
    """Per session: the longest run of the 30 days before its day (``previous`` is days-major,
    days × runners), the run's ratio to it and its spike category; chunk by chunk."""
    n = len(sessions)
    n_runners = previous.shape[1]
    flat = previous.reshape(-1)
    reference, ratio = np.empty(n), np.empty(n)
    spike = np.empty(n, dtype=np.int8)
    nan_or_one = np.array([np.nan, 1.0])
    for lo, hi, _, _ in _chunks(runner):
        dist = sessions.distance_m[lo:hi]
        run = np.isfinite(dist)
        run &= sessions.is_run[lo:hi]
        cell = sessions.day[lo:hi] * n_runners
        cell += runner[lo:hi]
        ref = reference[lo:hi]
        np.take(flat, cell, out=ref)
        ref *= nan_or_one.take(run.view(np.int8))
        rat = ratio[lo:hi]
        with np.errstate(divide="ignore", invalid="ignore"):
            np.divide(dist, ref, out=rat)
        rat *= nan_or_one.take(np.greater(ref, SPIKE_MIN_REFERENCE_M).view(np.int8))
        code = spike_category(rat)
        code *= run
        code -= (~run).view(np.int8) * np.int8(-SpikeCategory.NOT_A_RUN)
        spike[lo:hi] = code
    return reference, ratio, spike


def compute_load_metrics(
    sessions: SessionColumns,
    *,
    n_days: int,
    start_weekday: int = 0,
    parameters: LoadParameters | Sequence[LoadParameters] = LoadParameters(),
    n_runners: int | None = None,
) -> LoadMetrics:
    """Per-session loads and spikes, daily series and weekly summaries for ``n_days`` days.

    ``start_weekday`` is the weekday of day 0 (Monday = 0); sessions on days ≥ ``n_days`` (a
    replayed "today") or of runners ≥ ``n_runners`` are left out (spike code ``IGNORED``).
    ``parameters`` is one set for all runners or one per runner; ``n_runners`` defaults to
    1 + the largest runner index. Each formula's units and source are in
    :mod:`~runcoach.domain.load.fitness`, :mod:`~runcoach.domain.load.impulse` and
    :mod:`~runcoach.domain.load.volume`. Daily arrays may be non-contiguous views.
    """
    if n_days < 1:
        raise ValueError("n_days must be at least 1")
    if not 0 <= start_weekday <= 6:
        raise ValueError("start_weekday must be 0 (Monday) to 6 (Sunday)")
    runner = sessions.runner if sessions.runner is not None else np.zeros(len(sessions), np.int64)
    if n_runners is None:
        n_runners = int(runner.max()) + 1 if runner.size else 1
    constants = runner_constants(parameters, n_runners)
    inside = (sessions.day < n_days) & (runner < n_runners)
    if bool(np.all(inside)):
        return _compute(sessions, runner, constants, n_days, start_weekday)
    kept = np.flatnonzero(inside)
    subset = _take(sessions, runner, kept)
    part = _compute(subset, runner[kept], constants, n_days, start_weekday)
    return replace(part, sessions=_expand(part.sessions, kept, len(sessions)))


def _take(sessions: SessionColumns, runner: IntArray, index: IntArray) -> SessionColumns:
    """The sessions at ``index`` (in that order)."""
    return SessionColumns(
        day=sessions.day[index],
        is_run=sessions.is_run[index],
        distance_m=sessions.distance_m[index],
        duration_s=sessions.duration_s[index],
        avg_hr_bpm=sessions.avg_hr_bpm[index],
        rpe=sessions.rpe[index],
        pain=sessions.pain[index],
        runner=runner[index],
    )


def _expand(loads: SessionLoads, kept: IntArray, n: int) -> SessionLoads:
    """Per-session results for all ``n`` sessions from those of the ``kept`` ones."""

    def spread(values: npt.NDArray[Any], fill: float) -> npt.NDArray[Any]:
        out = np.full(n, fill, dtype=values.dtype)
        out[kept] = values
        return out

    return SessionLoads(
        rtss=spread(loads.rtss, np.nan),
        trimp=spread(loads.trimp, np.nan),
        srpe_au=spread(loads.srpe_au, np.nan),
        points=spread(loads.points, np.nan),
        source=spread(loads.source, int(LoadSource.NONE)),
        reference_m=spread(loads.reference_m, np.nan),
        spike_ratio=spread(loads.spike_ratio, np.nan),
        spike=spread(loads.spike, int(SpikeCategory.IGNORED)),
    )


def _compute(
    sessions: SessionColumns,
    runner: IntArray,
    constants: FloatArray,
    n_days: int,
    start_weekday: int,
) -> LoadMetrics:
    """The pipeline for sessions inside the series. Daily arrays are computed days-major
    (days, runners) — contiguous across runners for the recursions and rolling windows — and
    exposed transposed, as (runners, days) views."""
    n = n_days
    order: IntArray | None = None
    if not _in_runner_day_order(runner, sessions.day, n):
        order = np.argsort(runner * n + sessions.day, kind="stable")
        sessions = _take(sessions, runner, order)
        runner = runner[order]
    # Sessions are now in (runner, day) order: sessions of one runner-day are adjacent.
    p = _session_pass(sessions, runner, constants, n, start_weekday)
    # Days-major copies for the recursions and rolling windows.
    load = np.ascontiguousarray(p.load.T)
    longest = np.ascontiguousarray(p.longest.T)
    previous = longest_previous_runs_days_major(longest)
    reference, ratio, spike = _spike_pass(sessions, runner, previous)
    ctl, atl, tsb, acwr = fitness_days_major(load)
    daily = DailyMetrics(
        distance_m=p.distance,
        longest_run_m=p.longest,
        longest_previous_30d_m=previous.T,
        load=p.load,
        ctl=ctl.T,
        atl=atl.T,
        tsb=tsb.T,
        acwr_ewma=acwr.T,
    )
    weekly = _weekly(p, load, longest, ctl, atl, tsb, acwr, start_weekday)
    loads = SessionLoads(
        rtss=p.rtss,
        trimp=p.trimp,
        srpe_au=p.srpe,
        points=p.points,
        source=p.source,
        reference_m=reference,
        spike_ratio=ratio,
        spike=spike,
    )
    if order is not None:
        inverse = np.empty_like(order)
        inverse[order] = np.arange(order.size)
        loads = SessionLoads(
            **{name: getattr(loads, name)[inverse] for name in SessionLoads.__dataclass_fields__}
        )
    return LoadMetrics(
        n_days=n, start_weekday=start_weekday, sessions=loads, daily=daily, weekly=weekly
    )


def _weekly(
    p: _SessionPass,
    load: FloatArray,
    longest: FloatArray,
    ctl: FloatArray,
    atl: FloatArray,
    tsb: FloatArray,
    acwr: FloatArray,
    start_weekday: int,
) -> WeeklyMetrics:
    """ISO-week figures from the per-week sums of the session pass and the days-major (days,
    runners) daily series.

    Window sums on a Sunday are sums of whole ISO weeks (days before the series are rest), so
    the rolling ACWRs and the monotony windows of finished weeks come from the weekly sums and a
    reshaped view of the daily loads; only the week that is not over needs its own window.
    """
    n_days, n_runners = load.shape
    n_weeks = week_count(n_days, start_weekday)
    ends = week_end_days(n_days, start_weekday)
    week_load = np.ascontiguousarray(p.week_load.reshape(n_runners, n_weeks).T)
    week_distance = np.ascontiguousarray(p.week_distance.reshape(n_runners, n_weeks).T)
    week_longest = reduce_weeks_days_major(longest, start_weekday, "max")
    shape = (n_runners, n_weeks)
    rpe_count = p.week_rpe_count.reshape(shape)
    pain = p.week_pain.reshape(shape)

    # Seven-day windows ending on each week's end. Finished weeks: the week itself (the first,
    # partial week padded with rest days). A week not over: the last seven days.
    load_7d = week_load.copy()
    sq = np.zeros((n_weeks, n_runners))
    head = min(n_days, (7 - start_weekday) % 7)
    whole = (n_days - head) // 7
    first = 1 if head else 0
    if whole:
        days = load[head : head + 7 * whole].reshape(whole, 7, n_runners)
        mean = week_load[first : first + whole] / MONOTONY_DAYS
        dev = np.empty_like(mean)
        acc = sq[first : first + whole]
        for j in range(MONOTONY_DAYS):
            np.subtract(days[:, j, :], mean, out=dev)
            dev *= dev
            acc += dev
    for w in {0, n_weeks - 1}:
        if (w == 0 and head) or (w == n_weeks - 1 and head + 7 * whole < n_days):
            end = int(ends[w])
            window = np.zeros((MONOTONY_DAYS, n_runners))
            take = min(MONOTONY_DAYS, end + 1)
            window[MONOTONY_DAYS - take :] = load[end + 1 - take : end + 1]
            load_7d[w] = window.sum(axis=0)
            sq[w] = ((window - load_7d[w] / MONOTONY_DAYS) ** 2).sum(axis=0)
    monotony, strain = foster_monotony(load_7d, np.sqrt(sq / MONOTONY_DAYS))

    # Rolling ACWRs on week-end days: acute = the last 7 days, chronic = the last 28 (coupled)
    # or days −27..−7 (uncoupled). On a Sunday these are sums of ISO weeks.
    acute = load_7d / ACUTE_DAYS
    chronic = np.zeros((n_weeks, n_runners))
    earlier = np.zeros((n_weeks, n_runners))  # the 21 days before the acute week
    for lag in (1, 2, 3):
        earlier[lag:] += week_load[:-lag]
    if head + 7 * whole < n_days:  # the week not over: sum the days themselves
        end = int(ends[-1])
        earlier[-1] = load[max(0, end - 27) : max(0, end - 6)].sum(axis=0)
    np.add(earlier, load_7d, out=chronic)
    coupled = safe_ratio(acute, chronic / CHRONIC_DAYS)
    uncoupled = safe_ratio(acute, earlier / (CHRONIC_DAYS - ACUTE_DAYS))
    young = ends < CHRONIC_DAYS - 1
    coupled[young] = np.nan
    uncoupled[young] = np.nan

    # Week-over-week growth and the week-based ACWR of distance, weeks along axis 0.
    progression = np.full((n_weeks, n_runners), np.nan)
    progression[1:] = safe_ratio(week_distance[1:], week_distance[:-1])
    four_weeks = week_distance.copy()  # weeks w−3..w
    for lag in (1, 2, 3):
        four_weeks[lag:] += week_distance[:-lag]
    before = np.zeros((n_weeks, n_runners))  # weeks w−4..w−1
    before[1:] = four_weeks[:-1]
    distance_coupled = safe_ratio(week_distance, four_weeks / 4)
    distance_coupled[:3] = np.nan
    distance_uncoupled = safe_ratio(week_distance, before / 4)
    distance_uncoupled[:4] = np.nan
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_rpe = np.where(
            rpe_count > 0, p.week_rpe_sum.reshape(shape) / np.maximum(rpe_count, 1), np.nan
        )
    return WeeklyMetrics(
        end_day=ends,
        distance_m=week_distance.T,
        longest_run_m=week_longest.T,
        runs=p.week_runs.reshape(shape).astype(np.int64),
        load=week_load.T,
        ctl=ctl[ends].T,
        atl=atl[ends].T,
        tsb=tsb[ends].T,
        acwr_ewma=acwr[ends].T,
        acwr_rolling_coupled=coupled.T,
        acwr_rolling_uncoupled=uncoupled.T,
        load_7d=load_7d.T,
        monotony=monotony.T,
        strain=strain.T,
        progression=progression.T,
        progression_flag=progression_flags(progression).T,
        distance_acwr_coupled=distance_coupled.T,
        distance_acwr_uncoupled=distance_uncoupled.T,
        max_pain=np.where(pain > 0, pain - 1.0, np.nan),
        mean_rpe=mean_rpe,
    )
