"""Load and fitness (pure, numpy): session loads, CTL/ATL/TSB, ACWR, monotony/strain, spikes.

The modules, each citing its sources (COACHING.md Part B §5):

- :mod:`~runcoach.domain.load.series` — vectorised daily-series primitives (EWMA, rolling sums
  and maxima, ISO-week reductions);
- :mod:`~runcoach.domain.load.impulse` — one session's load: session RPE, Banister TRIMP, rTSS;
- :mod:`~runcoach.domain.load.fitness` — CTL/ATL/TSB, ACWR (EWMA, rolling, weekly),
  Foster monotony and strain;
- :mod:`~runcoach.domain.load.volume` — weekly distance, longest runs, single-run spikes,
  weekly progression;
- :mod:`~runcoach.domain.load.sessions` — the columnar input;
- :mod:`~runcoach.domain.load.metrics` — everything at once for one runner or a batch.
"""

from __future__ import annotations

from runcoach.domain.load.fitness import (
    ACUTE_DAYS,
    ATL_DAYS,
    CHRONIC_DAYS,
    CTL_DAYS,
    AcwrEwma,
    MonotonyStrain,
    PerformanceChart,
    acwr_ewma,
    acwr_rolling,
    acwr_weekly,
    ewma_lambda,
    monotony_strain,
    performance_chart,
)
from runcoach.domain.load.impulse import (
    HeartRateZones,
    LoadSource,
    banister_trimp,
    heart_rate_reserve_fraction,
    heart_rate_zones,
    running_intensity_factor,
    running_tss,
    session_rpe_load,
    srpe_points,
    tanaka_hr_max,
    training_stress_score,
)
from runcoach.domain.load.metrics import (
    DailyMetrics,
    LoadMetrics,
    LoadParameters,
    SessionLoads,
    WeeklyMetrics,
    compute_load_metrics,
)
from runcoach.domain.load.series import ewma, reduce_weeks, rolling_max_previous, rolling_sum
from runcoach.domain.load.sessions import SessionColumns
from runcoach.domain.load.volume import (
    SpikeCategory,
    longest_previous_runs,
    progression_flags,
    spike_category,
    spike_ratio,
    weekly_progression,
)

__all__ = [
    "ACUTE_DAYS",
    "ATL_DAYS",
    "CHRONIC_DAYS",
    "CTL_DAYS",
    "AcwrEwma",
    "DailyMetrics",
    "HeartRateZones",
    "LoadMetrics",
    "LoadParameters",
    "LoadSource",
    "MonotonyStrain",
    "PerformanceChart",
    "SessionColumns",
    "SessionLoads",
    "SpikeCategory",
    "WeeklyMetrics",
    "acwr_ewma",
    "acwr_rolling",
    "acwr_weekly",
    "banister_trimp",
    "compute_load_metrics",
    "ewma",
    "ewma_lambda",
    "heart_rate_reserve_fraction",
    "heart_rate_zones",
    "longest_previous_runs",
    "monotony_strain",
    "performance_chart",
    "progression_flags",
    "reduce_weeks",
    "rolling_max_previous",
    "rolling_sum",
    "running_intensity_factor",
    "running_tss",
    "session_rpe_load",
    "spike_category",
    "spike_ratio",
    "srpe_points",
    "tanaka_hr_max",
    "training_stress_score",
    "weekly_progression",
]
