"""Vectorised primitives over daily series: the last axis is the day, any leading axes are runners.

Every function here works on a 1-D series (one runner) or a 2-D array (runners × days) alike, in
numpy only. Days before the first element of a series count as rest (zero load, no run), which is
what a training log that starts on its first day means.
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: Powers of a decay factor below this are set to exactly zero (no denormals in matrix products).
_TINY = 1e-300


def _decay_powers(decay: float, exponents: IntArray) -> FloatArray:
    """``decay ** exponents`` for non-negative integer exponents, tiny values flushed to zero."""
    with np.errstate(under="ignore"):
        out = (
            np.exp(exponents.astype(np.float64) * math.log(decay))
            if decay > 0
            else ((exponents == 0).astype(np.float64))
        )
    out[out < _TINY] = 0.0
    return out


def _lower_toeplitz(decay: float, size: int) -> FloatArray:
    """The matrix ``M[i, j] = decay ** (i − j)`` for ``i ≥ j`` and 0 above the diagonal."""
    idx = np.arange(size, dtype=np.int64)
    lag = idx[:, None] - idx[None, :]
    powers = _decay_powers(decay, np.maximum(lag, 0))
    powers[lag < 0] = 0.0
    return powers


def ewma(
    values: npt.ArrayLike,
    alpha: float,
    *,
    initial: float | npt.ArrayLike | Literal["first"] = 0.0,
) -> FloatArray:
    """Exponentially weighted moving average along the last axis.

    Pinned recursion: ``y[t] = y[t−1] + alpha · (x[t] − y[t−1])`` with ``y[−1] = initial``
    (a number, one number per leading row, or ``"first"`` for ``y[0] = x[0]``). The units are
    those of ``values``.

    Computed in closed form by blocks (a two-level scan with matrix products of decay powers),
    so that ten years of days cost a few small matrix products instead of a Python loop; the
    result equals the recursion to rounding (about 1e-12 relative).

    Source: Williams et al. 2017, BJSM 51:209 (EWMA, λ = 2/(N+1)); TrainingPeaks PMC
    (CTL/ATL as EWMA with α = 1/42 and 1/7) — COACHING.md Part B §5.2, §5.4.
    """
    x = np.asarray(values, dtype=np.float64)
    if not 0.0 < alpha <= 1.0:
        raise ValueError(f"alpha must be in (0, 1], got {alpha}")
    n = x.shape[-1]
    lead = x.shape[:-1]
    if n == 0:
        return x.copy()
    if isinstance(initial, str):
        # y[0] = x[0] is the recursion started from y[−1] = x[0].
        seed = np.array(x[..., 0], dtype=np.float64)
    else:
        seed = np.broadcast_to(np.asarray(initial, dtype=np.float64), lead)
    decay = 1.0 - alpha
    block = max(8, math.isqrt(n) + 1)
    n_blocks = -(-n // block)
    padded = np.zeros((*lead, n_blocks * block))
    np.multiply(x, alpha, out=padded[..., :n])
    blocks = padded.reshape(*lead, n_blocks, block)
    # Within each block, from a zero start: local[k, i] = Σ_{j ≤ i} decay^(i−j) · α·x[k, j].
    local = blocks @ _lower_toeplitz(decay, block).T
    # Value at the end of each block, carried across blocks: c[k] = Σ_{j ≤ k} d^(B(k−j)) e[j].
    block_decay = decay**block if decay > 0 else 0.0
    ends = local[..., -1] @ _lower_toeplitz(block_decay, n_blocks).T
    seed_decay = _decay_powers(block_decay, np.arange(1, n_blocks + 1, dtype=np.int64))
    ends = ends + seed[..., None] * seed_decay
    carry_in = np.concatenate([seed[..., None], ends[..., :-1]], axis=-1)
    within = _decay_powers(decay, np.arange(1, block + 1, dtype=np.int64))
    local += carry_in[..., None] * within
    return np.ascontiguousarray(local.reshape(*lead, n_blocks * block)[..., :n])


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


def rolling_max_previous(values: npt.ArrayLike, window: int) -> FloatArray:
    """Maximum of ``values`` over the ``window`` days before each day (the day itself excluded).

    Days before the start count as 0 (so the first day's result is 0). Van Herk / Gil–Werman
    block prefix and suffix maxima: linear in the number of days, any leading axes.
    """
    x = np.asarray(values, dtype=np.float64)
    n = x.shape[-1]
    lead = x.shape[:-1]
    # Shift right by one day (the day itself is excluded), then take a trailing window max.
    total = n + window  # window−1 leading zeros, the shifted series, padded to whole blocks
    n_blocks = -(-total // window)
    padded = np.zeros((*lead, n_blocks * window))
    padded[..., window : window + n - 1] = x[..., : n - 1] if n > 1 else x[..., :0]
    # padded[p] holds x[p − window]; the result for day t is max(padded[t .. t+window−1]).
    blocks = padded.reshape(*lead, n_blocks, window)
    prefix = np.maximum.accumulate(blocks, axis=-1).reshape(*lead, -1)
    suffix = np.flip(np.maximum.accumulate(np.flip(blocks, -1), axis=-1), -1).reshape(*lead, -1)
    t = np.arange(n)
    return np.maximum(suffix[..., t], prefix[..., t + window - 1])


def reduce_weeks(
    daily: npt.ArrayLike, start_weekday: int, how: Literal["sum", "max"]
) -> FloatArray:
    """Aggregate a daily series into ISO weeks (Monday to Sunday).

    ``start_weekday`` is the weekday of day 0 (Monday = 0). Week 0 is the ISO week holding day 0;
    days outside the series count as 0.
    """
    x = np.asarray(daily, dtype=np.float64)
    n = x.shape[-1]
    lead = x.shape[:-1]
    n_weeks = -(-(n + start_weekday) // 7)
    padded = np.zeros((*lead, n_weeks * 7))
    padded[..., start_weekday : start_weekday + n] = x
    weeks = padded.reshape(*lead, n_weeks, 7)
    out: FloatArray = weeks.sum(axis=-1) if how == "sum" else weeks.max(axis=-1)
    return out


def week_end_days(n_days: int, start_weekday: int) -> IntArray:
    """Index of the last day of each ISO week inside a series of ``n_days`` (the last day for a
    week that is not over)."""
    n_weeks = -(-(n_days + start_weekday) // 7)
    ends = np.arange(n_weeks, dtype=np.int64) * 7 + 6 - start_weekday
    return np.minimum(ends, n_days - 1)


def grouped_sum(keys: IntArray, values: FloatArray, size: int) -> FloatArray:
    """Sum of ``values`` per integer key in ``0 .. size−1`` (``np.bincount``)."""
    return np.bincount(keys, weights=values, minlength=size).astype(np.float64, copy=False)


def grouped_max(keys: IntArray, values: FloatArray, size: int) -> FloatArray:
    """Maximum of ``values`` per key in ``0 .. size−1`` (0 where a key has no value).

    Fast path for keys in ascending order (``np.maximum.reduceat``); any order is accepted.
    """
    out = np.zeros(size)
    if keys.size == 0:
        return out
    if np.any(keys[1:] < keys[:-1]):
        order = np.argsort(keys, kind="stable")
        keys, values = keys[order], values[order]
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    out[keys[starts]] = np.maximum.reduceat(values, starts)
    return out
