"""Fitness and fatigue from a daily load series: CTL/ATL/TSB, ACWR, monotony and strain.

Every function takes daily loads along the last axis (one runner, or runners × days) in any load
unit and returns arrays of the same shape; ratios are unit-free. Undefined values are NaN, never a
division error (a monotony whose SD is zero is ``inf``: "maximal").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from runcoach.domain.load.series import (
    LOOP_MIN_SERIES,
    FloatArray,
    ewma,
    ewma_days_major,
    rolling_sum,
)

#: TrainingPeaks' time constants (days): chronic training load ("fitness") and acute ("fatigue").
CTL_DAYS = 42
ATL_DAYS = 7
#: ACWR windows (days): acute 7, chronic 28.
ACUTE_DAYS = 7
CHRONIC_DAYS = 28
#: Foster's monotony window (days).
MONOTONY_DAYS = 7
#: A standard deviation below this fraction of the mean counts as zero (seven equal days).
_ZERO_SD_RELATIVE = 1e-9
#: A chronic load (per day) at or below this is "no chronic load": the ratio is undefined.
_ZERO_LOAD = 1e-6


@dataclass(frozen=True, slots=True, eq=False)
class PerformanceChart:
    """CTL ("fitness"), ATL ("fatigue") and TSB ("form"), in load points per day."""

    ctl: FloatArray
    atl: FloatArray
    tsb: FloatArray


def performance_chart(
    daily_load: npt.ArrayLike, *, ctl0: float = 0.0, atl0: float = 0.0
) -> PerformanceChart:
    """TrainingPeaks' Performance Management Chart, exactly as pinned:

    ``CTL[t] = CTL[t−1] + (load[t] − CTL[t−1]) / 42``, ``ATL[t] = ATL[t−1] + (load[t] − ATL[t−1]) / 7``
    and ``TSB[t] = CTL[t−1] − ATL[t−1]`` (today's form is yesterday's fitness minus yesterday's
    fatigue; ``TSB[0] = ctl0 − atl0``), starting from ``ctl0``/``atl0`` (0 by default) on the day
    before the series. The exponential form ``1 − e^(−1/42)`` is not used.

    Source: TrainingPeaks help, "Form (TSB)" and "The Performance Manager Chart"; Banister et al.
    1975 (COACHING.md Part B §5.4).
    """
    load = np.asarray(daily_load, dtype=np.float64)
    ctl = ewma(load, 1.0 / CTL_DAYS, initial=ctl0)
    atl = ewma(load, 1.0 / ATL_DAYS, initial=atl0)
    tsb = np.empty_like(ctl)
    tsb[..., 0] = ctl0 - atl0
    np.subtract(ctl[..., :-1], atl[..., :-1], out=tsb[..., 1:])
    return PerformanceChart(ctl=ctl, atl=atl, tsb=tsb)


def fitness_days_major(
    daily_load: FloatArray,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """CTL, ATL, TSB and the EWMA ACWR of a days × runners load array, in one pass.

    The same recursions as :func:`performance_chart` and :func:`acwr_ewma` (and the same
    undefined values). With many runners the four EWMAs advance together, one day at a time
    across all runners, and only CTL, ATL and the ratio are stored.
    """
    load = np.asarray(daily_load, dtype=np.float64)
    n, m = load.shape
    alphas = (1.0 / CTL_DAYS, 1.0 / ATL_DAYS, ewma_lambda(ACUTE_DAYS), ewma_lambda(CHRONIC_DAYS))
    if m < LOOP_MIN_SERIES:
        stack = ewma_days_major(load, alphas, (0.0, 0.0, load[0], load[0]))
        ctl, atl = stack[:, 0, :], stack[:, 1, :]
        ratio = ewma_ratio(stack[:, 2, :], stack[:, 3, :])
    else:
        # Separate (days, runners) outputs: arrays of at most a few tens of MB are recycled by
        # the allocator, larger ones are fresh (zeroed) memory every time.
        ctl, atl = np.empty((n, m)), np.empty((n, m))
        ratio = np.empty((n, m))
        state = np.zeros((4, m))
        state[2:] = load[0]  # acute and chronic are seeded with the first day's load
        alpha = np.array(alphas)[:, None]
        step = np.empty((4, m))
        fitness, fatigue, acute, chronic = state
        with np.errstate(divide="ignore", invalid="ignore"):
            for t in range(n):
                np.subtract(load[t], state, out=step)
                step *= alpha
                state += step
                ctl[t] = fitness
                atl[t] = fatigue
                np.divide(acute, chronic, out=ratio[t])
    ratio[: CHRONIC_DAYS - 1] = np.nan
    tsb = np.empty((n, m))
    tsb[0] = 0.0
    np.subtract(ctl[:-1], atl[:-1], out=tsb[1:])
    return ctl, atl, tsb, ratio


def ewma_lambda(days: int) -> float:
    """Williams' EWMA decay λ = 2 / (N + 1): 0.25 for 7 days, 2/29 ≈ 0.0690 for 28.

    Source: Williams et al. 2017, BJSM 51:209 (COACHING.md Part B §5.2).
    """
    return 2.0 / (days + 1)


def ewma_ratio(acute: npt.ArrayLike, chronic: npt.ArrayLike) -> FloatArray:
    """acute / chronic EWMA: NaN only where the chronic EWMA is 0, i.e. where there never was
    any load (both EWMAs of the same non-negative loads are then 0; after a long break both
    decay, the acute one faster, and the ratio goes toward 0 as it should)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out: FloatArray = np.divide(
            np.asarray(acute, dtype=np.float64), np.asarray(chronic, dtype=np.float64)
        )
    return out


def safe_ratio(numerator: npt.ArrayLike, denominator: npt.ArrayLike) -> FloatArray:
    """numerator / denominator, NaN where the denominator is at most 1e-6 (no load) or NaN."""
    num = np.asarray(numerator, dtype=np.float64)
    den = np.asarray(denominator, dtype=np.float64)
    out = np.empty(np.broadcast_shapes(num.shape, den.shape))
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(num, den, out=out)
    out[~np.broadcast_to(den > _ZERO_LOAD, out.shape)] = np.nan
    return out


def _history_mask(n_days: int, needed: int) -> npt.NDArray[np.bool_]:
    """True on days with at least ``needed`` days of history (the day itself included)."""
    return np.arange(n_days) >= needed - 1


@dataclass(frozen=True, slots=True, eq=False)
class AcwrEwma:
    """Williams' EWMA acute and chronic loads (load units) and their ratio."""

    acute: FloatArray
    chronic: FloatArray
    ratio: FloatArray


def acwr_ewma(daily_load: npt.ArrayLike) -> AcwrEwma:
    """EWMA acute:chronic workload ratio, N = 7 and 28 (λ = 2/(N+1)).

    ``EWMA[t] = λ·load[t] + (1 − λ)·EWMA[t−1]``, seeded with the first day's load (``EWMA[0] =
    load[0]``). The ratio is NaN for the first 27 days (less than one chronic window of history)
    and where there never was any load (0/0). A description of recent loading, not an injury verdict:
    in runners ACWR showed no or an inverse association with injury (RUNSAFE 2025).

    Source: Williams et al. 2017, BJSM 51:209; criticism Impellizzeri et al. 2020, Lolli et al.
    2019 (COACHING.md Part B §5.2).
    """
    load = np.asarray(daily_load, dtype=np.float64)
    acute = ewma(load, ewma_lambda(ACUTE_DAYS), initial="first")
    chronic = ewma(load, ewma_lambda(CHRONIC_DAYS), initial="first")
    ratio = ewma_ratio(acute, chronic)
    ratio[..., ~_history_mask(load.shape[-1], CHRONIC_DAYS)] = np.nan
    return AcwrEwma(acute=acute, chronic=chronic, ratio=ratio)


def acwr_rolling(daily_load: npt.ArrayLike, *, coupled: bool) -> FloatArray:
    """Rolling-average ACWR: mean of the last 7 days over a 28-day chronic mean.

    Coupled: chronic = mean of days t−27..t (the acute week inside it). Uncoupled: chronic = mean
    of days t−27..t−7 (21 days, the acute week left out; Windt & Gabbett 2018). NaN for the first
    27 days and where the chronic load is zero.
    Source: COACHING.md Part B §5.2 (R package ACWR; Lolli et al. 2019 on coupling).
    """
    load = np.asarray(daily_load, dtype=np.float64)
    acute = rolling_sum(load, ACUTE_DAYS) / ACUTE_DAYS
    if coupled:
        chronic = rolling_sum(load, CHRONIC_DAYS) / CHRONIC_DAYS
    else:
        span = CHRONIC_DAYS - ACUTE_DAYS
        chronic = rolling_sum(load, span, lag=ACUTE_DAYS) / span
    ratio = safe_ratio(acute, chronic)
    ratio[..., ~_history_mask(load.shape[-1], CHRONIC_DAYS)] = np.nan
    return ratio


def acwr_weekly(weekly: npt.ArrayLike, *, coupled: bool) -> FloatArray:
    """Week-based ACWR: this week over the mean of 4 weeks.

    Coupled: chronic = mean of weeks w−3..w (this week included); uncoupled: mean of weeks
    w−4..w−1. NaN until enough weeks exist and where the chronic value is zero. Oracle: four
    40-mile weeks then 52 → 1.209 coupled, 1.300 uncoupled.
    Source: COACHING.md Part B §5.2.
    """
    v = np.asarray(weekly, dtype=np.float64)
    if coupled:
        chronic = rolling_sum(v, 4) / 4
        needed = 4
    else:
        chronic = rolling_sum(v, 4, lag=1) / 4
        needed = 5
    ratio = safe_ratio(v, chronic)
    ratio[..., ~_history_mask(v.shape[-1], needed)] = np.nan
    return ratio


@dataclass(frozen=True, slots=True, eq=False)
class MonotonyStrain:
    """Foster's 7-day load (load units), monotony (unit-free) and strain (load units)."""

    load_7d: FloatArray
    monotony: FloatArray
    strain: FloatArray


def foster_monotony(load_7d: FloatArray, sd: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Monotony (mean / population SD) and strain (7-day load × monotony) from a 7-day load and
    the population SD of its daily loads. SD 0 → ``inf`` ("maximal"); no load → NaN.

    An SD below 1e-9 of the mean counts as zero (seven equal days, up to rounding).
    Source: Foster 1998, Med Sci Sports Exerc 30:1164 (COACHING.md Part B §5.3).
    """
    mean = load_7d / MONOTONY_DAYS
    positive = mean > 0
    flat = sd <= _ZERO_SD_RELATIVE * np.abs(mean)
    monotony = np.full(mean.shape, np.nan)
    np.divide(mean, sd, out=monotony, where=positive & ~flat)
    monotony[positive & flat] = np.inf
    with np.errstate(invalid="ignore"):
        strain = load_7d * monotony
    return monotony, strain


def monotony_strain(daily_load: npt.ArrayLike) -> MonotonyStrain:
    """Foster's monotony and strain over the 7 days ending on each day.

    monotony = mean / SD of the 7 daily loads, with the **population** SD (divide by 7; the
    sample SD, divide by 6, is not used: 600, 200, 400, 500, 100, 650, 0 give 1.492 here and
    would give 1.382); strain = 7-day load × monotony. Seven equal loads (SD 0) give ``inf``
    ("maximal"), seven rest days NaN; the first 6 days (less than a week of history) are NaN.
    Source: Foster 1998, Med Sci Sports Exerc 30:1164 (COACHING.md Part B §5.3).
    """
    x = np.asarray(daily_load, dtype=np.float64)
    n = x.shape[-1]
    w = MONOTONY_DAYS
    out_shape = x.shape
    load_7d = np.full(out_shape, np.nan)
    monotony = np.full(out_shape, np.nan)
    strain = np.full(out_shape, np.nan)
    if n < w:
        return MonotonyStrain(load_7d=load_7d, monotony=monotony, strain=strain)
    # Exact two-pass sums over the seven shifted views (no cumulative-sum cancellation).
    total = x[..., w - 1 :].copy()
    for j in range(1, w):
        total += x[..., w - 1 - j : n - j]
    mean = total / w
    sq = np.zeros_like(mean)
    dev = np.empty_like(mean)
    for j in range(w):
        np.subtract(x[..., w - 1 - j : n - j], mean, out=dev)
        dev *= dev
        sq += dev
    mono, stress = foster_monotony(total, np.sqrt(sq / w))
    load_7d[..., w - 1 :] = total
    monotony[..., w - 1 :] = mono
    strain[..., w - 1 :] = stress
    return MonotonyStrain(load_7d=load_7d, monotony=monotony, strain=strain)
