"""Two overreaching signs read from the log: Foster's monotony and single-run spikes.

Thin readings over :mod:`runcoach.domain.load` for one runner at one date. Units: metres,
seconds; session-RPE load in arbitrary units (RPE × minutes).

Sources: monotony > 2.0 — Foster 1998 (COACHING.md §5.3); a run > 110 % of the longest run of
the previous 30 days — Garmin-RUNSAFE 2025 (COACHING.md §5.1).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from runcoach.domain.activity import Activity
from runcoach.domain.plan.compliance import activity_date, is_race

#: Days of history the monotony reading needs (one week).
MONOTONY_DAYS = 7
#: Days back in which a spike still counts as recent.
SPIKE_RECENT_DAYS = 7


def monotony_last_week(activities: Sequence[Activity], today: date) -> float | None:
    """Foster monotony of the 7 days before ``today`` from session-RPE loads.

    None when a session of that week has no RPE (the load would be a guess) or nothing was
    logged. Seven identical days give ``inf`` (maximal monotony).
    Source: Foster 1998 via :func:`runcoach.domain.load.fitness.monotony_strain` (population SD).
    """
    import numpy as np

    from runcoach.domain.load.fitness import monotony_strain
    from runcoach.domain.load.impulse import session_rpe_load

    first = today - timedelta(days=MONOTONY_DAYS)
    week = [a for a in activities if first <= activity_date(a) < today]
    if not week or any(a.rpe is None for a in week):
        return None
    daily = np.zeros(MONOTONY_DAYS)
    loads = session_rpe_load([a.rpe or 0.0 for a in week], [a.duration_s for a in week])
    for a, load in zip(week, loads, strict=True):
        daily[(activity_date(a) - first).days] += float(load)
    value = float(monotony_strain(daily).monotony[-1])
    return None if np.isnan(value) else value


def recent_spike(activities: Sequence[Activity], today: date) -> tuple[Activity, float] | None:
    """The latest run of the last 7 days (races excluded) longer than 110 % of the longest run
    of the 30 days before it, with that reference distance in metres; None when there is none.

    Source: Garmin-RUNSAFE 2025 via :mod:`runcoach.domain.load.volume`.
    """
    import numpy as np

    from runcoach.domain.load.volume import (
        SPIKE_LOOKBACK_DAYS,
        SpikeCategory,
        longest_previous_runs,
        spike_category,
        spike_ratio,
    )

    first = today - timedelta(days=SPIKE_RECENT_DAYS + SPIKE_LOOKBACK_DAYS)
    runs = [
        a for a in activities if a.is_run and a.distance_m and first <= activity_date(a) <= today
    ]
    if not runs:
        return None
    n = (today - first).days + 1
    daily = np.zeros(n)
    for a in runs:
        i = (activity_date(a) - first).days
        daily[i] = max(daily[i], a.distance_m or 0.0)
    reference = longest_previous_runs(daily)
    recent_first = today - timedelta(days=SPIKE_RECENT_DAYS - 1)
    found: tuple[Activity, float] | None = None
    for a in sorted(runs, key=lambda r: r.start_time):
        day = activity_date(a)
        if day < recent_first or is_race(a):
            continue
        ref = float(reference[(day - first).days])
        if ref <= 0:
            continue
        code = int(spike_category(spike_ratio(a.distance_m or 0.0, ref)))
        if code > int(SpikeCategory.NONE):
            found = (a, ref)
    return found
