"""Vectorised primitives over daily series.

The public functions take the day along the **last** axis (one runner: a 1-D series; a batch:
runners × days). Internally the computations run along axis 0 ("days-major", days × runners),
which makes the sequential EWMA recursion a short loop over days across all runners at once.
Days before the first element of a series count as rest (zero load, no run): a training log
starts on its first day.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Int8Array = npt.NDArray[np.int8]
BoolArray = npt.NDArray[np.bool_]

#: Powers of a decay factor below this are set to exactly zero: no subnormal numbers in the
#: matrix products (they are slow), and the terms dropped are negligible.
_TINY = 1e-200
#: With at least this many series side by side, the EWMA runs as a loop over days (each step a
#: vector over the series); below it, as block matrix products (few Python steps).
LOOP_MIN_SERIES = 48


def _decay_powers(decay: float, exponents: IntArray) -> FloatArray:
    """``decay ** exponents`` for non-negative integer exponents, tiny values flushed to zero."""
    if decay <= 0.0:
        zero_lag: FloatArray = (exponents == 0).astype(np.float64)
        return zero_lag
    with np.errstate(under="ignore"):
        out = np.exp(exponents.astype(np.float64) * math.log(decay))
    out[out < _TINY] = 0.0
    return out


def _lower_toeplitz(decay: float, size: int) -> FloatArray:
    """The matrix ``M[i, j] = decay ** (i − j)`` for ``i ≥ j`` and 0 above the diagonal."""
    idx = np.arange(size, dtype=np.int64)
    lag = idx[:, None] - idx[None, :]
    powers = _decay_powers(decay, np.maximum(lag, 0))
    powers[lag < 0] = 0.0
    return powers


def _scan_blocks(u: FloatArray, decay: float, seed: FloatArray) -> FloatArray:
    """``y[t] = decay · y[t−1] + u[t]`` along axis 0 of a 2-D ``u``, ``y[−1] = seed``.

    Closed form by blocks: inside each block of B days a product with the lower-triangular
    matrix of decay powers, then the value carried from block to block, again by a matrix
    product of block-decay powers. All powers are ≤ 1, so nothing overflows.
    """
    n, m = u.shape
    block = max(8, math.isqrt(n) + 1)
    n_blocks = -(-n // block)
    padded = np.zeros((n_blocks * block, m))
    padded[:n] = u
    blocks = padded.reshape(n_blocks, block, m)
    local = np.matmul(_lower_toeplitz(decay, block), blocks)  # (n_blocks, block, m)
    block_decay = decay**block
    ends = _lower_toeplitz(block_decay, n_blocks) @ local[:, -1, :]  # value at each block end
    ends += _decay_powers(block_decay, np.arange(1, n_blocks + 1, dtype=np.int64))[:, None] * seed
    carry_in = np.empty((n_blocks, m))
    carry_in[0] = seed
    carry_in[1:] = ends[:-1]
    local += (
        carry_in[:, None, :]
        * _decay_powers(decay, np.arange(1, block + 1, dtype=np.int64))[None, :, None]
    )
    result: FloatArray = local.reshape(n_blocks * block, m)[:n]
    return result


def ewma_days_major(
    values: FloatArray, alphas: Sequence[float], seeds: Sequence[FloatArray | float]
) -> FloatArray:
    """Several EWMAs of one days × series array, stacked: the result is (days, len(alphas), series).

    EWMA k: ``y[t] = y[t−1] + alphas[k] · (x[t] − y[t−1])`` with ``y[−1] = seeds[k]``.
    """
    x = np.asarray(values, dtype=np.float64)
    n, m = x.shape
    k = len(alphas)
    out = np.empty((n, k, m))
    if n == 0:
        return out
    if m >= LOOP_MIN_SERIES:
        alpha = np.array(alphas, dtype=np.float64)[:, None]
        previous = np.empty((k, m))
        for j, seed in enumerate(seeds):
            previous[j] = seed
        for t in range(n):
            row = out[t]
            np.subtract(x[t], previous, out=row)
            row *= alpha
            row += previous
            previous = row
        return out
    for j, (alpha_j, seed) in enumerate(zip(alphas, seeds, strict=True)):
        start = np.broadcast_to(np.asarray(seed, dtype=np.float64), (m,))
        out[:, j, :] = _scan_blocks(x * alpha_j, 1.0 - alpha_j, start)
    return out


def ewma(
    values: npt.ArrayLike,
    alpha: float,
    *,
    initial: float | npt.ArrayLike | Literal["first"] = 0.0,
) -> FloatArray:
    """Exponentially weighted moving average along the last axis.

    Pinned recursion: ``y[t] = y[t−1] + alpha · (x[t] − y[t−1])`` with ``y[−1] = initial``
    (a number, one number per leading row, or ``"first"`` for ``y[0] = x[0]``). The units are
    those of ``values``. Computed in closed form by blocks or as a loop over days across many
    series; equal to the recursion to rounding (about 1e-12 relative).

    Source: Williams et al. 2017, BJSM 51:209 (EWMA, λ = 2/(N+1)); TrainingPeaks PMC
    (CTL/ATL as EWMA with α = 1/42 and 1/7) — COACHING.md Part B §5.2, §5.4.
    """
    x = np.asarray(values, dtype=np.float64)
    if not 0.0 < alpha <= 1.0:
        raise ValueError(f"alpha must be in (0, 1], got {alpha}")
    if x.shape[-1] == 0:
        return x.copy()
    lead = x.shape[:-1]
    days = x.reshape(-1, x.shape[-1]).T  # (days, series)
    if isinstance(initial, str):
        seed = days[0].copy()  # y[0] = x[0] is the recursion started from y[−1] = x[0]
    else:
        seed = np.broadcast_to(np.asarray(initial, dtype=np.float64), lead).reshape(-1)
    y = ewma_days_major(np.ascontiguousarray(days), (alpha,), (seed,))[:, 0, :]
    return np.ascontiguousarray(y.T).reshape(x.shape)


def rolling_sum(values: npt.ArrayLike, window: int, *, lag: int = 0) -> FloatArray:
    """Sum of ``values`` over days ``t − lag − window + 1 .. t − lag`` for every day ``t``.

    Days before the start count as zero. ``lag`` = 0 ends the window on the day itself.
    """
    x = np.asarray(values, dtype=np.float64)
    n = x.shape[-1]
    c = np.cumsum(x, axis=-1)
    out = c.copy()
    if window < n:
        out[..., window:] -= c[..., : n - window]
    if lag:
        shifted = np.zeros_like(out)
        if lag < n:
            shifted[..., lag:] = out[..., : n - lag]
        out = shifted
    return out


def rolling_max_previous_days_major(values: FloatArray, window: int) -> FloatArray:
    """:func:`rolling_max_previous` along axis 0 of a days × series array.

    Van Herk / Gil–Werman: with the series shifted by ``window`` days into blocks of ``window``
    days, the maximum over days t − window .. t − 1 is the larger of a block suffix maximum and
    a block prefix maximum. Prefix and suffix maxima are built in place, one block row at a time.
    """
    x = np.asarray(values, dtype=np.float64)
    n = x.shape[0]
    rest = x.shape[1:]
    # padded[p] = x[p − window]: the result for day t is max(padded[t .. t + window − 1]).
    n_blocks = -(-(n + window) // window)
    prefix = np.zeros((n_blocks * window, *rest))
    prefix[window : window + n - 1] = x[: n - 1]
    suffix = prefix.copy()
    pre = prefix.reshape(n_blocks, window, *rest)
    suf = suffix.reshape(n_blocks, window, *rest)
    for i in range(1, window):
        np.maximum(pre[:, i - 1], pre[:, i], out=pre[:, i])
    for i in range(window - 2, -1, -1):
        np.maximum(suf[:, i + 1], suf[:, i], out=suf[:, i])
    out = suffix[:n]
    np.maximum(out, prefix[window - 1 : window - 1 + n], out=out)
    return out


def rolling_max_previous(values: npt.ArrayLike, window: int) -> FloatArray:
    """Maximum of ``values`` over the ``window`` days before each day (the day itself excluded).

    Days before the start count as 0 (so the first day's result is 0). Van Herk / Gil–Werman
    block prefix and suffix maxima: linear in the number of days, any leading axes.
    """
    x = np.asarray(values, dtype=np.float64)
    result = rolling_max_previous_days_major(np.moveaxis(x, -1, 0), window)
    return np.ascontiguousarray(np.moveaxis(result, 0, -1))


def week_count(n_days: int, start_weekday: int) -> int:
    """Number of ISO weeks (Monday–Sunday) touched by ``n_days`` days from ``start_weekday``."""
    return -(-(n_days + start_weekday) // 7)


def reduce_weeks(
    daily: npt.ArrayLike, start_weekday: int, how: Literal["sum", "max"]
) -> FloatArray:
    """Aggregate a daily series (days along the last axis) into ISO weeks (Monday to Sunday).

    ``start_weekday`` is the weekday of day 0 (Monday = 0). Week 0 is the ISO week holding day 0;
    days outside the series count as 0.
    """
    x = np.asarray(daily, dtype=np.float64)
    n = x.shape[-1]
    lead = x.shape[:-1]
    n_weeks = week_count(n, start_weekday)
    padded = np.zeros((*lead, n_weeks * 7))
    padded[..., start_weekday : start_weekday + n] = x
    weeks = padded.reshape(*lead, n_weeks, 7)
    out: FloatArray = weeks.sum(axis=-1) if how == "sum" else weeks.max(axis=-1)
    return out


def reduce_weeks_days_major(
    daily: FloatArray, start_weekday: int, how: Literal["sum", "max"]
) -> FloatArray:
    """:func:`reduce_weeks` for a days × series array: (weeks, series), without a padded copy
    (whole weeks are reduced through a reshaped view, the partial first and last weeks apart)."""
    n = daily.shape[0]
    n_weeks = week_count(n, start_weekday)
    out = np.zeros((n_weeks, *daily.shape[1:]))
    reduce = np.add.reduce if how == "sum" else np.maximum.reduce
    head = min(n, (7 - start_weekday) % 7)  # days before the first Monday
    whole = (n - head) // 7
    w = 0
    if head:
        out[0] = reduce(daily[:head], axis=0)
        w = 1
    if whole:
        middle = daily[head : head + 7 * whole].reshape(whole, 7, *daily.shape[1:])
        out[w : w + whole] = reduce(middle, axis=1)
    if head + 7 * whole < n:
        out[-1] = reduce(daily[head + 7 * whole :], axis=0)
    if how == "max":
        # Partial weeks hold days outside the series, which count as 0.
        if head:
            np.maximum(out[0], 0.0, out=out[0])
        if head + 7 * whole < n:
            np.maximum(out[-1], 0.0, out=out[-1])
    return out


def week_end_days(n_days: int, start_weekday: int) -> IntArray:
    """Index of the last day of each ISO week inside a series of ``n_days`` days (the last day
    of the series for a week that is not over)."""
    ends = np.arange(week_count(n_days, start_weekday), dtype=np.int64) * 7 + 6 - start_weekday
    return np.minimum(ends, n_days - 1)


def grouped_sum(keys: IntArray, values: FloatArray, size: int) -> FloatArray:
    """Sum of ``values`` per integer key in ``0 .. size−1`` (``np.bincount``)."""
    return np.bincount(keys, weights=values, minlength=size).astype(np.float64, copy=False)


def grouped_max(
    keys: IntArray, values: FloatArray, size: int, *, adjacent: bool = False
) -> FloatArray:
    """Maximum of ``values`` per key in ``0 .. size−1`` (0 where a key has none).

    One scatter for all keys, then ``np.maximum.at`` only over keys that occur more than once
    (several sessions on one day are rare). ``adjacent=True`` promises that equal keys are next
    to each other (sessions in runner and day order), which makes repeats cheap to find.
    """
    out = np.zeros(size)
    if keys.size == 0:
        return out
    out[keys] = values
    if adjacent or bool(np.all(keys[1:] >= keys[:-1])):
        same = keys[1:] == keys[:-1]
        if not bool(same.any()):
            return out
        repeated = np.concatenate((same, [False])) | np.concatenate(([False], same))
    else:
        repeated = np.bincount(keys, minlength=size)[keys] > 1
    np.maximum.at(out, keys[repeated], values[repeated])
    return out
