"""Sessions as columns: the compact input of the load metrics.

One element per session (run or cross-training); 1,000 runners × 10 years is a handful of numpy
arrays. Units: metres, seconds, beats per minute; RPE on Foster's CR-10 scale (0–10); pain 0–10.
Unknown values are NaN.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from runcoach.domain.activity import Activity
from runcoach.domain.errors import InputError
from runcoach.domain.load.series import BoolArray, FloatArray, IntArray


def _floats(values: npt.ArrayLike) -> FloatArray:
    return np.ascontiguousarray(values, dtype=np.float64)


@dataclass(frozen=True, slots=True, eq=False)
class SessionColumns:
    """Sessions as equal-length columns.

    ``day`` counts days from the series' first day (0); ``runner`` (optional) numbers runners
    0, 1, ... for batches. Sessions of a runner are best given in day order (any order works).
    """

    day: IntArray
    is_run: BoolArray
    distance_m: FloatArray
    duration_s: FloatArray
    avg_hr_bpm: FloatArray
    rpe: FloatArray
    pain: FloatArray
    runner: IntArray | None = None

    def __post_init__(self) -> None:
        n = self.day.shape[0]
        for name in ("is_run", "distance_m", "duration_s", "avg_hr_bpm", "rpe", "pain"):
            if getattr(self, name).shape != (n,):
                raise InputError(
                    f"session column {name} has {getattr(self, name).shape} values, not ({n},)."
                )
        if self.runner is not None and self.runner.shape != (n,):
            raise InputError(f"session column runner has {self.runner.shape} values, not ({n},).")
        _check_range("day", self.day.astype(np.float64), 0.0, np.inf, allow_nan=False)
        _check_range("distance_m", self.distance_m, 0.0, 1_000_000.0)
        _check_range("duration_s", self.duration_s, 0.0, 7 * 86_400.0, allow_nan=False)
        _check_range("avg_hr_bpm", self.avg_hr_bpm, 20.0, 260.0)
        _check_range("rpe", self.rpe, 0.0, 10.0)
        _check_range("pain", self.pain, 0.0, 10.0)
        if self.runner is not None:
            _check_range("runner", self.runner.astype(np.float64), 0.0, np.inf, allow_nan=False)

    def __len__(self) -> int:
        return int(self.day.shape[0])

    @classmethod
    def from_arrays(
        cls,
        *,
        day: npt.ArrayLike,
        is_run: npt.ArrayLike,
        distance_m: npt.ArrayLike,
        duration_s: npt.ArrayLike,
        avg_hr_bpm: npt.ArrayLike | None = None,
        rpe: npt.ArrayLike | None = None,
        pain: npt.ArrayLike | None = None,
        runner: npt.ArrayLike | None = None,
    ) -> SessionColumns:
        """Build from array-likes; missing optional columns are all NaN."""
        days = np.ascontiguousarray(day, dtype=np.int64)
        n = days.shape[0]
        nan = np.full(n, np.nan)
        return cls(
            day=days,
            is_run=np.ascontiguousarray(is_run, dtype=np.bool_),
            distance_m=_floats(distance_m),
            duration_s=_floats(duration_s),
            avg_hr_bpm=nan.copy() if avg_hr_bpm is None else _floats(avg_hr_bpm),
            rpe=nan.copy() if rpe is None else _floats(rpe),
            pain=nan.copy() if pain is None else _floats(pain),
            runner=None if runner is None else np.ascontiguousarray(runner, dtype=np.int64),
        )

    @classmethod
    def from_activities(cls, activities: Sequence[Activity], start: date) -> SessionColumns:
        """Columns for ``activities`` dated from ``start`` (day 0), in the order given.

        An activity's day is the calendar date of its start in its own time zone. Activities
        before ``start`` are an error (choose ``start`` as the first day of the series).
        """
        days = []
        for activity in activities:
            offset = (activity.start_time.date() - start).days
            if offset < 0:
                raise InputError(
                    f"activity of {activity.start_time.date().isoformat()} is before the first day "
                    f"of the series ({start.isoformat()})."
                )
            days.append(offset)

        def column(values: list[float | None]) -> FloatArray:
            return np.array([np.nan if v is None else v for v in values], dtype=np.float64)

        return cls.from_arrays(
            day=np.array(days, dtype=np.int64),
            is_run=np.array([a.is_run for a in activities], dtype=np.bool_),
            distance_m=column([a.distance_m for a in activities]),
            duration_s=column([a.duration_s for a in activities]),
            avg_hr_bpm=column([a.avg_hr_bpm for a in activities]),
            rpe=column([a.rpe for a in activities]),
            pain=column([a.pain for a in activities]),
        )


def _check_range(
    name: str, values: FloatArray, low: float, high: float, *, allow_nan: bool = True
) -> None:
    """Raise InputError naming the first value of ``name`` outside ``low``–``high``."""
    finite = np.isfinite(values)
    bad = (finite & ((values < low) | (values > high))) | (~finite & ~np.isnan(values))
    if not allow_nan:
        bad |= np.isnan(values)
    if np.any(bad):
        index = int(np.flatnonzero(bad)[0])
        raise InputError(
            f"session {index}: {name} {float(values[index]):g} is outside the plausible range "
            f"{low:g}–{high:g}."
        )
