"""Small builders of domain activities for store tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np

from runcoach.domain.activity import Activity, Lap, Samples

CET = timezone(timedelta(hours=1))


def samples(n: int, *, speed_m_s: float = 2.9, seed: int = 0) -> Samples:
    """``n`` one-second points of a run with heart rate, cadence, altitude and positions."""
    rng = np.random.default_rng(seed)
    t = np.arange(n, dtype=np.float64)
    hr = np.round(140 + 10 * np.sin(t / 300) + rng.normal(0, 2, n))
    hr[::97] = np.nan  # dropouts
    return Samples(
        time_s=t,
        distance_m=np.cumsum(np.full(n, speed_m_s)) + rng.normal(0, 0.01, n),
        heart_rate_bpm=hr,
        cadence_spm=np.round(170 + rng.normal(0, 3, n)),
        altitude_m=np.round(100 + np.cumsum(rng.normal(0, 0.2, n)), 1),
        speed_m_s=np.full(n, speed_m_s),
        lat_deg=48.1 + np.cumsum(rng.normal(0, 1e-5, n)),
        lon_deg=11.5 + np.cumsum(rng.normal(0, 1e-5, n)),
    )


def run(
    start: datetime = datetime(2027, 1, 5, 7, 30, tzinfo=CET),
    *,
    seconds: int = 1800,
    distance_m: float = 5220.0,
    source_format: str = "fit",
    with_samples: bool = True,
    laps: int = 3,
    **fields: object,
) -> Activity:
    """A run with ``laps`` equal laps and 1 Hz samples."""
    lap_s = seconds / max(laps, 1)
    return Activity(
        sport="running",
        start_time=start,
        elapsed_time_s=float(seconds),
        moving_time_s=float(seconds - 12),
        distance_m=distance_m,
        avg_hr_bpm=141.0,
        max_hr_bpm=171.0,
        device="Forerunner 255",
        name="Morning Run",
        source_format=source_format,  # type: ignore[arg-type]
        laps=tuple(
            Lap(
                start_time=start + timedelta(seconds=i * lap_s),
                elapsed_time_s=lap_s,
                distance_m=distance_m / laps,
                avg_hr_bpm=140.0 + i,
            )
            for i in range(laps)
        ),
        samples=samples(seconds) if with_samples else None,
        **fields,  # type: ignore[arg-type]
    )
