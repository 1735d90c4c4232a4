"""Running volume: weekly distance, longest runs, single-run spikes and weekly progression.

Distances in metres. Only runs count (walks, rides and strength work are cross-training).
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np
import numpy.typing as npt

from runcoach.domain.load.fitness import safe_ratio
from runcoach.domain.load.series import (
    FloatArray,
    Int8Array,
    rolling_max_previous,
    rolling_max_previous_days_major,
)

#: Days looked back for the reference longest run. Source: Garmin-RUNSAFE 2025.
SPIKE_LOOKBACK_DAYS = 30
#: Upper bounds (ratio to the 30-day longest run) of the reference band and the small and
#: moderate spike bands; above the last is a large spike. Source: Garmin-RUNSAFE 2025.
SPIKE_REFERENCE_MAX = 1.10
SPIKE_SMALL_MAX = 1.30
SPIKE_MODERATE_MAX = 2.00
#: Week-to-week growth above which a week is flagged (ratio). Source: Nielsen et al. 2014.
PROGRESSION_FLAG_RATIO = 1.30
#: Relative slack on band edges so that e.g. exactly 17.6 mi after 16 mi stays in the reference.
_EDGE = 1e-9


class SpikeCategory(IntEnum):
    """Garmin-RUNSAFE single-session categories against the longest run of the previous 30 days."""

    IGNORED = -3  # after the last day of the series
    NOT_A_RUN = -2
    NO_REFERENCE = -1  # no run in the previous 30 days
    NONE = 0  # at most +10 % (the reference band, regression included)
    SMALL = 1  # > 10 % to 30 %
    MODERATE = 2  # > 30 % to 100 %
    LARGE = 3  # > 100 %

    @property
    def label(self) -> str:
        """Lower-case name for display and JSON (``small``, ``no_reference``...)."""
        return self.name.lower()


def longest_previous_runs(daily_longest_m: npt.ArrayLike) -> FloatArray:
    """Longest single run in the 30 days before each day (the day itself excluded), metres.

    0 where there was no run in those days. Source: Garmin-RUNSAFE, Br J Sports Med 2025,
    doi:10.1136/bjsports-2024-109380 (COACHING.md Part B §5.1).
    """
    return rolling_max_previous(daily_longest_m, SPIKE_LOOKBACK_DAYS)


def longest_previous_runs_days_major(daily_longest_m: FloatArray) -> FloatArray:
    """:func:`longest_previous_runs` for a days × runners array (days along axis 0)."""
    return rolling_max_previous_days_major(daily_longest_m, SPIKE_LOOKBACK_DAYS)


def spike_ratio(distance_m: npt.ArrayLike, reference_m: npt.ArrayLike) -> FloatArray:
    """A run's distance over the longest run of the previous 30 days (NaN without reference)."""
    return safe_ratio(distance_m, reference_m)


def spike_category(ratio: npt.ArrayLike) -> Int8Array:
    """Category codes (:class:`SpikeCategory`) for ratios to the 30-day longest run.

    ≤ 1.10 none (the reference band), ≤ 1.30 small, ≤ 2.00 moderate, above large; NaN ratios
    are ``NO_REFERENCE``. Oracles: 16 mi reference → 17.6 none, 18 small (+12.5 %), 20 small,
    22 moderate (+37.5 %), 33 large (+106 %).
    Source: Garmin-RUNSAFE 2025 (HRR 1.64 small, 1.52 moderate, 2.28 large) — COACHING.md §5.1.
    """
    r = np.asarray(ratio, dtype=np.float64)
    code = np.greater(r, SPIKE_REFERENCE_MAX * (1 + _EDGE)).astype(np.int8)
    code += np.greater(r, SPIKE_SMALL_MAX * (1 + _EDGE))
    code += np.greater(r, SPIKE_MODERATE_MAX * (1 + _EDGE))
    code -= np.isnan(r)  # no reference: 0 − 1 = NO_REFERENCE
    return code


def weekly_progression(weekly_distance_m: npt.ArrayLike) -> FloatArray:
    """Week-over-week growth of running distance, V[w] / V[w−1] (NaN without a previous week).

    Source: Nielsen et al. 2014, J Orthop Sports Phys Ther 44:739 (COACHING.md Part B §5.1).
    """
    v = np.asarray(weekly_distance_m, dtype=np.float64)
    previous = np.zeros_like(v)
    previous[..., 1:] = v[..., :-1]
    return safe_ratio(v, previous)


def progression_flags(progression: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    """True for weeks more than 30 % above the week before (the two-week progression that
    Nielsen et al. 2014 associated with distance-related injuries in novices)."""
    p = np.asarray(progression, dtype=np.float64)
    return np.isfinite(p) & (p > PROGRESSION_FLAG_RATIO * (1 + _EDGE))
