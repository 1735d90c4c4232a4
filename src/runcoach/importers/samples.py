"""Helpers that turn decoded columns into ``domain.Samples`` and summary numbers.

Source: great-circle distance by the haversine formula on a sphere of radius 6,371,008.8 m
(the IUGG mean Earth radius), as GPS watches and Strava compute track length.
"""

from __future__ import annotations

import numpy as np

from runcoach.domain.activity import FloatArray, Samples

EARTH_RADIUS_M = 6_371_008.8
#: Slowest speed that counts as moving (1.8 km/h, slower than any walk).
MOVING_SPEED_M_S = 0.5


def as_column(values: FloatArray | None) -> FloatArray | None:
    """``values`` as float64, or None when it is missing or has no finite value."""
    if values is None:
        return None
    arr = np.asarray(values, dtype=np.float64)
    if arr.size == 0 or not np.isfinite(arr).any():
        return None
    return arr


def make_samples(
    time_s: FloatArray,
    *,
    distance_m: FloatArray | None = None,
    heart_rate_bpm: FloatArray | None = None,
    cadence_spm: FloatArray | None = None,
    power_w: FloatArray | None = None,
    altitude_m: FloatArray | None = None,
    speed_m_s: FloatArray | None = None,
    lat_deg: FloatArray | None = None,
    lon_deg: FloatArray | None = None,
) -> Samples | None:
    """Samples with every column that holds at least one finite value; None without points."""
    if time_s.size == 0:
        return None
    return Samples(
        time_s=np.asarray(time_s, dtype=np.float64),
        distance_m=as_column(distance_m),
        heart_rate_bpm=as_column(heart_rate_bpm),
        cadence_spm=as_column(cadence_spm),
        power_w=as_column(power_w),
        altitude_m=as_column(altitude_m),
        speed_m_s=as_column(speed_m_s),
        lat_deg=as_column(lat_deg),
        lon_deg=as_column(lon_deg),
    )


def mean_positive(values: FloatArray | None) -> float | None:
    """Mean of the finite values above zero (zero means "no reading" for HR, cadence, power)."""
    if values is None:
        return None
    ok = values[np.isfinite(values) & (values > 0)]
    return float(ok.mean()) if ok.size else None


def max_positive(values: FloatArray | None) -> float | None:
    """Largest finite value above zero, or None."""
    if values is None:
        return None
    ok = values[np.isfinite(values) & (values > 0)]
    return float(ok.max()) if ok.size else None


def track_distance_m(lat_deg: FloatArray, lon_deg: FloatArray) -> FloatArray:
    """Cumulative great-circle distance along a track (metres), NaN-safe.

    Points without a position add nothing and carry the distance so far forward.
    """
    n = lat_deg.shape[0]
    out = np.zeros(n, dtype=np.float64)
    if n < 2:
        return out
    ok = np.isfinite(lat_deg) & np.isfinite(lon_deg)
    idx = np.flatnonzero(ok)
    if idx.size < 2:
        return out
    lat = np.radians(lat_deg[idx])
    lon = np.radians(lon_deg[idx])
    dlat = np.diff(lat)
    dlon = np.diff(lon)
    a = np.sin(dlat / 2) ** 2 + np.cos(lat[:-1]) * np.cos(lat[1:]) * np.sin(dlon / 2) ** 2
    step = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    at_fix = np.concatenate(([0.0], np.cumsum(step)))
    out[idx] = at_fix
    # carry the distance forward over points without a position (0 before the first fix)
    last_fix = np.maximum.accumulate(np.where(ok, np.arange(n), -1))
    return np.where(last_fix >= 0, out[np.maximum(last_fix, 0)], 0.0)


def moving_time_s(time_s: FloatArray, distance_m: FloatArray | None) -> float | None:
    """Time spent moving: the sum of the intervals covered at 0.5 m/s or more (seconds).

    A pause (auto-pause, a stop at a crossing) adds time but little distance, so it falls below
    the threshold; a gap in GPS reception while running keeps its average speed and counts.

    Source: runcoach convention, close to Strava's "moving time" (time with speed over a small
    threshold); FIT files carry the device's own timer time instead.
    """
    if distance_m is None or time_s.size < 2:
        return None
    ok = np.isfinite(time_s) & np.isfinite(distance_m)
    t = time_s[ok]
    d = distance_m[ok]
    if t.size < 2:
        return None
    dt = np.diff(t)
    dd = np.diff(d)
    with np.errstate(divide="ignore", invalid="ignore"):
        speed = np.where(dt > 0, dd / dt, 0.0)
    moving = (dt > 0) & (speed >= MOVING_SPEED_M_S)
    return float(dt[moving].sum())
