"""The neutral activity every importer returns: summary, laps and per-second samples as columns.

Samples are numpy arrays of equal length (one element per recorded point), not a dict per point:
a one-hour run at 1 Hz is 3,600 rows in a handful of float64 columns. Missing values are NaN.

Units: metres, seconds, beats per minute, steps per minute (both feet), watts, degrees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

#: Sports runcoach distinguishes. Runs count as running volume; the rest is cross-training.
Sport = Literal[
    "running",
    "trail_running",
    "treadmill",
    "walking",
    "hiking",
    "cycling",
    "swimming",
    "transition",
    "strength",
    "other",
]
RUNNING_SPORTS: frozenset[str] = frozenset({"running", "trail_running", "treadmill"})

SourceFormat = Literal["fit", "gpx", "tcx", "strava_csv", "manual"]

#: Names of the optional sample columns, in storage order.
SAMPLE_COLUMNS: tuple[str, ...] = (
    "distance_m",
    "heart_rate_bpm",
    "cadence_spm",
    "power_w",
    "altitude_m",
    "speed_m_s",
    "lat_deg",
    "lon_deg",
)


@dataclass(frozen=True, slots=True, eq=False)
class Samples:
    """Per-point recordings as columns. ``time_s`` is seconds since the activity start."""

    time_s: FloatArray
    distance_m: FloatArray | None = None
    heart_rate_bpm: FloatArray | None = None
    cadence_spm: FloatArray | None = None
    power_w: FloatArray | None = None
    altitude_m: FloatArray | None = None
    speed_m_s: FloatArray | None = None
    lat_deg: FloatArray | None = None
    lon_deg: FloatArray | None = None

    def __len__(self) -> int:
        return int(self.time_s.shape[0])

    def columns(self) -> dict[str, FloatArray]:
        """All present columns, ``time_s`` first."""
        out: dict[str, FloatArray] = {"time_s": self.time_s}
        for name in SAMPLE_COLUMNS:
            col = getattr(self, name)
            if col is not None:
                out[name] = col
        return out

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Samples):
            return NotImplemented
        a, b = self.columns(), other.columns()
        return a.keys() == b.keys() and all(np.array_equal(a[k], b[k], equal_nan=True) for k in a)

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Lap:
    """One lap: start, elapsed and moving time in seconds, distance in metres, heart rate."""

    start_time: datetime
    elapsed_time_s: float
    distance_m: float | None = None
    moving_time_s: float | None = None
    avg_hr_bpm: float | None = None
    max_hr_bpm: float | None = None
    avg_cadence_spm: float | None = None
    avg_power_w: float | None = None


@dataclass(frozen=True, slots=True)
class Activity:
    """One recorded (or manually logged) activity.

    ``start_time`` is timezone-aware (the recording's local offset when the file gives one,
    otherwise UTC). ``partial`` is set when only part of the file could be read; ``warnings``
    say what was skipped. A multisport file yields one Activity per leg, sharing ``group_key``
    with ``leg_index`` 0, 1, ...
    """

    sport: Sport
    start_time: datetime
    elapsed_time_s: float
    moving_time_s: float | None = None
    distance_m: float | None = None
    sub_sport: str | None = None
    avg_hr_bpm: float | None = None
    max_hr_bpm: float | None = None
    avg_cadence_spm: float | None = None
    avg_power_w: float | None = None
    total_ascent_m: float | None = None
    total_descent_m: float | None = None
    calories_kcal: float | None = None
    device: str | None = None
    name: str | None = None
    source_format: SourceFormat = "manual"
    laps: tuple[Lap, ...] = ()
    samples: Samples | None = None
    partial: bool = False
    warnings: tuple[str, ...] = ()
    group_key: str | None = None
    leg_index: int = 0
    # Manual-log fields (session RPE on the CR-10 scale, pain 0–10 with location).
    rpe: float | None = None
    pain: float | None = None
    pain_location: str | None = None
    notes: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def is_run(self) -> bool:
        """True when the activity counts as running volume."""
        return self.sport in RUNNING_SPORTS

    @property
    def duration_s(self) -> float:
        """Moving time when known, otherwise elapsed time (seconds)."""
        return self.moving_time_s if self.moving_time_s is not None else self.elapsed_time_s
