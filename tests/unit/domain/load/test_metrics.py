"""The whole pipeline: sessions → per-session loads, daily series and ISO weeks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import numpy as np
import pytest

from runcoach.domain.activity import Activity
from runcoach.domain.errors import InputError
from runcoach.domain.load import (
    LoadParameters,
    LoadSource,
    SessionColumns,
    SessionLoads,
    SpikeCategory,
    WeeklyMetrics,
    acwr_ewma,
    acwr_rolling,
    acwr_weekly,
    banister_trimp,
    compute_load_metrics,
    heart_rate_zones,
    monotony_strain,
    performance_chart,
    reduce_weeks,
    running_tss,
    weekly_progression,
)
from runcoach.domain.units import METRES_PER_MILE

ZONES = heart_rate_zones(age=None, hr_max_bpm=190.0, hr_rest_bpm=60.0)


def sessions(**columns: object) -> SessionColumns:
    return SessionColumns.from_arrays(**columns)  # type: ignore[arg-type]


def test_heart_rate_zones_say_what_was_estimated() -> None:
    given = heart_rate_zones(age=40, hr_max_bpm=185.0, hr_rest_bpm=48.0)
    assert given is not None
    assert (given.hr_max_estimated, given.hr_rest_estimated) == (False, False)
    estimated = heart_rate_zones(age=40, hr_max_bpm=None, hr_rest_bpm=None)
    assert estimated is not None
    assert estimated.hr_max_bpm == pytest.approx(180.0)  # Tanaka: 208 − 0.7 · 40
    assert estimated.hr_rest_bpm == 60.0
    assert (estimated.hr_max_estimated, estimated.hr_rest_estimated) == (True, True)
    assert heart_rate_zones(age=None, hr_max_bpm=None, hr_rest_bpm=50.0) is None


def test_implausible_heart_rates_are_one_sentence() -> None:
    with pytest.raises(InputError, match="rest 190 bpm and max 150 bpm"):
        heart_rate_zones(age=None, hr_max_bpm=150.0, hr_rest_bpm=190.0)


def test_load_source_follows_availability() -> None:
    s = sessions(
        day=[0, 0, 1, 2, 3, 4, 5],
        is_run=[True, True, False, True, True, True, True],
        distance_m=[15000, 15000, 0, np.nan, 10000, 8000, 5000],
        duration_s=[3600, 3600, 3600, 3600, 3000, 2700, 0],
        avg_hr_bpm=[170.5, np.nan, 170.5, np.nan, np.nan, 170.5, np.nan],
        rpe=[np.nan, np.nan, np.nan, 7, np.nan, 5, np.nan],
    )
    with_pace = LoadParameters(threshold_pace_s_per_km=240.0, heart_rate=ZONES, sex="M")
    m = compute_load_metrics(s, n_days=7, parameters=with_pace)
    assert m.sessions.source.tolist() == [
        LoadSource.PACE,
        LoadSource.PACE,
        LoadSource.HEART_RATE,  # a ride with heart rate
        LoadSource.EFFORT,  # a treadmill run without distance, with RPE 7 for an hour
        LoadSource.PACE,
        LoadSource.PACE,
        LoadSource.NONE,
    ]
    points = m.sessions.points
    assert points[0] == pytest.approx(100.0)  # one hour at threshold pace
    assert points[2] == pytest.approx(100.0)  # one hour at 85 % of the heart-rate reserve
    assert points[3] == pytest.approx(100.0)  # one hour at RPE 7
    assert points[6] == 0.0
    assert m.sessions.srpe_au[3] == pytest.approx(420.0)
    assert np.isfinite(m.sessions.trimp[0]) and np.isnan(m.sessions.trimp[1])

    without_pace = LoadParameters(heart_rate=ZONES, sex="M")
    m2 = compute_load_metrics(s, n_days=7, parameters=without_pace)
    assert m2.sessions.source[0] == LoadSource.HEART_RATE
    assert m2.sessions.source[1] == LoadSource.ASSUMED
    assert m2.sessions.points[1] == pytest.approx(56.25)  # an easy hour: IF 0.75
    assert m2.sessions.source[5] == LoadSource.HEART_RATE  # HR preferred to RPE
    assert np.all(np.isnan(m2.sessions.rtss))


def test_daily_load_sums_sessions_and_feeds_the_pmc() -> None:
    s = sessions(day=[0, 0, 2], is_run=[True] * 3, distance_m=[15000] * 3, duration_s=[3600] * 3)
    m = compute_load_metrics(s, n_days=4, parameters=LoadParameters(threshold_pace_s_per_km=240.0))
    assert m.daily.load[0].tolist() == pytest.approx([200.0, 0.0, 100.0, 0.0])
    chart = performance_chart([200.0, 0.0, 100.0, 0.0])
    assert np.allclose(m.daily.ctl[0], chart.ctl) and np.allclose(m.daily.tsb[0], chart.tsb)
    assert m.daily.distance_m[0].tolist() == [30000.0, 0.0, 15000.0, 0.0]
    assert m.daily.longest_run_m[0].tolist() == [15000.0, 0.0, 15000.0, 0.0]


def test_spikes_against_the_previous_30_days() -> None:
    mi = METRES_PER_MILE
    s = sessions(
        day=[0, 7, 7, 14, 50, 51],
        is_run=[True, True, True, False, True, True],
        distance_m=[16 * mi, 18 * mi, 22 * mi, 80 * mi, 5 * mi, 10 * mi],
        duration_s=[9000, 10000, 12000, 14000, 2400, 4800],
    )
    m = compute_load_metrics(s, n_days=60)
    assert m.sessions.spike.tolist() == [
        SpikeCategory.NO_REFERENCE,  # nothing before
        SpikeCategory.SMALL,  # 18 vs 16: +12.5 %
        SpikeCategory.MODERATE,  # 22 vs 16 (the same-day 18 does not count): +37.5 %
        SpikeCategory.NOT_A_RUN,  # the long ride is cross-training
        SpikeCategory.NO_REFERENCE,  # the last run was 43 days before
        SpikeCategory.MODERATE,  # 10 vs 5 mi the day before: exactly +100 %, the top of moderate
    ]
    assert m.sessions.reference_m[2] == pytest.approx(16 * mi)
    assert m.daily.longest_previous_30d_m[0, 37] == pytest.approx(
        22 * mi
    )  # day 7 is 30 days before
    assert m.daily.longest_previous_30d_m[0, 38] == 0.0


def test_weekly_figures_follow_iso_weeks() -> None:
    # Day 0 is a Wednesday: week 0 holds days 0–4 (Wed–Sun), week 1 days 5–11.
    s = sessions(
        day=[0, 4, 5, 6, 11, 12],
        is_run=[True, True, True, False, True, True],
        distance_m=[5000, 12000, 8000, 30000, 16000, 6000],
        duration_s=[1800, 4000, 2600, 3600, 5400, 2000],
        rpe=[3, 4, np.nan, 2, 5, 4],
        pain=[np.nan, 0, np.nan, np.nan, 3, np.nan],
    )
    m = compute_load_metrics(s, n_days=14, start_weekday=2)
    w = m.weekly
    assert w.end_day.tolist() == [4, 11, 13]
    assert w.distance_m[0].tolist() == [17000.0, 24000.0, 6000.0]
    assert w.longest_run_m[0].tolist() == [12000.0, 16000.0, 6000.0]
    assert w.runs[0].tolist() == [2, 2, 1]
    assert w.mean_rpe[0].tolist() == pytest.approx([3.5, 3.5, 4.0])
    assert w.max_pain[0, 0] == 0.0 and w.max_pain[0, 1] == 3.0 and np.isnan(w.max_pain[0, 2])
    assert w.progression[0, 1] == pytest.approx(24 / 17)
    assert w.progression_flag[0].tolist() == [False, True, False]
    assert w.load[0].sum() == pytest.approx(m.daily.load[0].sum())


def test_sessions_after_the_last_day_are_ignored() -> None:
    s = sessions(day=[0, 3, 9], is_run=[True] * 3, distance_m=[5000] * 3, duration_s=[1800] * 3)
    m = compute_load_metrics(s, n_days=5)
    assert m.daily.distance_m.sum() == 10000.0
    assert m.sessions.spike[2] == SpikeCategory.IGNORED
    assert np.isnan(m.sessions.points[2])


PARAMETER_SETS = [
    LoadParameters(threshold_pace_s_per_km=250.0, heart_rate=ZONES, sex="F"),
    LoadParameters(heart_rate=heart_rate_zones(age=55, hr_max_bpm=None, hr_rest_bpm=None), sex="X"),
    LoadParameters(),
    LoadParameters(threshold_pace_s_per_km=300.0, heart_rate=ZONES, sex="M"),
]

DAILY_FIELDS = (
    "distance_m",
    "longest_run_m",
    "longest_previous_30d_m",
    "load",
    "ctl",
    "atl",
    "tsb",
    "acwr_ewma",
)
WEEKLY_FIELDS = tuple(name for name in WeeklyMetrics.__dataclass_fields__ if name != "end_day")


def random_log(rng: np.random.Generator, n_days: int, count: int) -> dict[str, np.ndarray]:
    return {
        "day": np.sort(rng.integers(0, n_days, count)),
        "is_run": rng.random(count) < 0.8,
        "distance_m": np.where(rng.random(count) < 0.95, rng.uniform(3000, 30000, count), np.nan),
        "duration_s": rng.uniform(1200, 9000, count),
        "avg_hr_bpm": np.where(rng.random(count) < 0.7, rng.uniform(110, 175, count), np.nan),
        "rpe": np.where(rng.random(count) < 0.3, rng.integers(1, 10, count), np.nan),
        "pain": np.where(rng.random(count) < 0.1, rng.integers(0, 6, count), np.nan),
    }


@pytest.mark.parametrize("n_runners", [3, 60])  # both EWMA strategies (blocks, loop over days)
def test_a_batch_equals_each_runner_alone(n_runners: int) -> None:
    rng = np.random.default_rng(n_runners)
    n_days = 400
    logs = [random_log(rng, n_days, int(rng.integers(0, 300))) for _ in range(n_runners)]
    params = [PARAMETER_SETS[r % len(PARAMETER_SETS)] for r in range(n_runners)]
    batch = sessions(
        **{k: np.concatenate([log[k] for log in logs]) for k in logs[0]},
        runner=np.concatenate([np.full(log["day"].size, r) for r, log in enumerate(logs)]),
    )
    together = compute_load_metrics(batch, n_days=n_days, start_weekday=5, parameters=params)
    offset = 0
    for r, log in enumerate(logs):
        alone = compute_load_metrics(
            sessions(**log), n_days=n_days, start_weekday=5, parameters=params[r]
        )
        for name in DAILY_FIELDS:
            assert np.allclose(
                getattr(together.daily, name)[r], getattr(alone.daily, name)[0], equal_nan=True
            ), name
        for name in WEEKLY_FIELDS:
            assert np.allclose(
                getattr(together.weekly, name)[r], getattr(alone.weekly, name)[0], equal_nan=True
            ), name
        part = slice(offset, offset + log["day"].size)
        offset += log["day"].size
        for name in SessionLoads.__dataclass_fields__:
            assert np.allclose(
                getattr(together.sessions, name)[part],
                getattr(alone.sessions, name),
                equal_nan=True,
            ), name


@pytest.mark.parametrize(("n_days", "start_weekday"), [(400, 0), (400, 3), (37, 6), (5, 2), (1, 0)])
def test_weekly_values_equal_the_daily_primitives_on_week_ends(
    n_days: int, start_weekday: int
) -> None:
    rng = np.random.default_rng(n_days + start_weekday)
    log = random_log(rng, n_days, max(1, n_days * 3 // 4))
    params = PARAMETER_SETS[0]
    m = compute_load_metrics(
        sessions(**log), n_days=n_days, start_weekday=start_weekday, parameters=params
    )
    load = m.daily.load[0]
    ends = m.weekly.end_day
    chart = performance_chart(load)
    ewma_ratio = acwr_ewma(load).ratio
    assert np.allclose(m.daily.ctl[0], chart.ctl) and np.allclose(m.daily.atl[0], chart.atl)
    assert np.allclose(m.daily.tsb[0], chart.tsb)
    assert np.allclose(m.daily.acwr_ewma[0], ewma_ratio, equal_nan=True)
    assert np.allclose(m.weekly.ctl[0], chart.ctl[ends])
    assert np.allclose(m.weekly.tsb[0], chart.tsb[ends])
    padded = np.concatenate([np.zeros(6), load])  # days before the series are rest
    rolling = monotony_strain(padded)
    assert np.allclose(m.weekly.load_7d[0], rolling.load_7d[ends + 6])
    assert np.allclose(m.weekly.monotony[0], rolling.monotony[ends + 6], equal_nan=True)
    assert np.allclose(m.weekly.strain[0], rolling.strain[ends + 6], equal_nan=True)
    for coupled, field in ((True, "acwr_rolling_coupled"), (False, "acwr_rolling_uncoupled")):
        expected = acwr_rolling(load, coupled=coupled)[ends]
        assert np.allclose(getattr(m.weekly, field)[0], expected, equal_nan=True)
    assert np.allclose(m.weekly.load[0], reduce_weeks(load, start_weekday, "sum"))
    distance = reduce_weeks(m.daily.distance_m[0], start_weekday, "sum")
    assert np.allclose(m.weekly.distance_m[0], distance)
    assert np.allclose(m.weekly.progression[0], weekly_progression(distance), equal_nan=True)
    for coupled, field in ((True, "distance_acwr_coupled"), (False, "distance_acwr_uncoupled")):
        expected = acwr_weekly(distance, coupled=coupled)
        assert np.allclose(getattr(m.weekly, field)[0], expected, equal_nan=True)


def test_session_order_does_not_matter() -> None:
    rng = np.random.default_rng(11)
    log = random_log(rng, 200, 150)
    shuffle = rng.permutation(150)
    ordered = compute_load_metrics(sessions(**log), n_days=200, parameters=PARAMETER_SETS[3])
    shuffled = compute_load_metrics(
        sessions(**{k: v[shuffle] for k, v in log.items()}),
        n_days=200,
        parameters=PARAMETER_SETS[3],
    )
    for name in DAILY_FIELDS:
        assert np.allclose(
            getattr(ordered.daily, name), getattr(shuffled.daily, name), equal_nan=True
        )
    for name in SessionLoads.__dataclass_fields__:
        assert np.allclose(
            getattr(ordered.sessions, name)[shuffle],
            getattr(shuffled.sessions, name),
            equal_nan=True,
        ), name


def test_session_trimp_and_rtss_are_the_published_formulas() -> None:
    rng = np.random.default_rng(5)
    log = random_log(rng, 100, 80)
    for params in PARAMETER_SETS:
        m = compute_load_metrics(sessions(**log), n_days=100, parameters=params)
        if params.heart_rate is not None:
            expected = banister_trimp(
                log["duration_s"],
                log["avg_hr_bpm"],
                hr_rest_bpm=params.heart_rate.hr_rest_bpm,
                hr_max_bpm=params.heart_rate.hr_max_bpm,
                sex=params.sex,
            )
            assert np.allclose(m.sessions.trimp, expected, equal_nan=True)
        if params.threshold_pace_s_per_km is not None:
            runs = log["is_run"] & np.isfinite(log["distance_m"])
            expected = running_tss(
                log["distance_m"], log["duration_s"], params.threshold_pace_s_per_km
            )
            assert np.allclose(m.sessions.rtss[runs], expected[runs])
            assert np.all(np.isnan(m.sessions.rtss[~runs]))
        rated = np.isfinite(log["rpe"])
        assert np.allclose(
            m.sessions.srpe_au[rated], log["rpe"][rated] * log["duration_s"][rated] / 60
        )


def test_from_activities_uses_the_local_start_date() -> None:
    east = timezone(timedelta(hours=10))
    acts = [
        Activity(
            sport="running",
            start_time=datetime(2027, 1, 4, 23, 30, tzinfo=UTC),
            elapsed_time_s=1800,
            distance_m=5000,
        ),
        Activity(
            sport="cycling",
            start_time=datetime(2027, 1, 6, 6, 0, tzinfo=east),
            elapsed_time_s=3600,
            moving_time_s=3500,
            avg_hr_bpm=130,
        ),
        Activity(
            sport="running",
            start_time=datetime(2027, 1, 7, 7, 0, tzinfo=UTC),
            elapsed_time_s=3000,
            distance_m=10000,
            rpe=4,
            pain=2,
        ),
    ]
    s = SessionColumns.from_activities(acts, date(2027, 1, 4))
    assert s.day.tolist() == [0, 2, 3]
    assert s.is_run.tolist() == [True, False, True]
    assert s.duration_s.tolist() == [1800.0, 3500.0, 3000.0]
    assert np.isnan(s.distance_m[1]) and s.avg_hr_bpm[1] == 130.0
    assert s.rpe[2] == 4.0 and s.pain[2] == 2.0
    with pytest.raises(InputError, match="before the first day"):
        SessionColumns.from_activities(acts, date(2027, 1, 5))


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("distance_m", -5.0, "distance_m -5 is outside"),
        ("rpe", 11.0, "rpe 11 is outside"),
        ("avg_hr_bpm", 400.0, "avg_hr_bpm 400 is outside"),
        ("duration_s", np.nan, "duration_s nan is outside"),
        ("day", -1, "day -1 is outside"),
    ],
)
def test_bad_session_values_name_the_field(column: str, value: float, message: str) -> None:
    base: dict[str, object] = {
        "day": [0, 1],
        "is_run": [True, True],
        "distance_m": [5000.0, 6000.0],
        "duration_s": [1800.0, 2000.0],
        "avg_hr_bpm": [140.0, 150.0],
        "rpe": [3.0, 4.0],
    }
    column_values = list(base[column])  # type: ignore[call-overload]
    column_values[1] = value
    base[column] = column_values
    with pytest.raises(InputError, match=f"session 1: {message}"):
        sessions(**base)


@pytest.mark.parametrize("chunk", [1, 2, 7, 64])
def test_chunk_boundaries_do_not_change_results(
    monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """Sessions are processed in cache-sized chunks; a runner-day split between two chunks
    (several runs on one day) must give the same sums, longest runs and spikes."""
    from runcoach.domain.load import metrics

    rng = np.random.default_rng(chunk)
    logs = [random_log(rng, 120, 90) for _ in range(3)]
    for log in logs:  # many runs on the same days
        log["day"] = np.sort(rng.integers(0, 40, log["day"].size))
    columns = sessions(
        **{k: np.concatenate([log[k] for log in logs]) for k in logs[0]},
        runner=np.concatenate([np.full(log["day"].size, r) for r, log in enumerate(logs)]),
    )
    params = PARAMETER_SETS[:3]
    whole = compute_load_metrics(columns, n_days=120, parameters=params)
    monkeypatch.setattr(metrics, "_SESSION_CHUNK", chunk)
    chunked = compute_load_metrics(columns, n_days=120, parameters=params)
    for name in DAILY_FIELDS:
        assert np.allclose(
            getattr(whole.daily, name), getattr(chunked.daily, name), equal_nan=True
        ), name
    for name in WEEKLY_FIELDS:
        assert np.allclose(
            getattr(whole.weekly, name), getattr(chunked.weekly, name), equal_nan=True
        ), name
    for name in SessionLoads.__dataclass_fields__:
        assert np.allclose(
            getattr(whole.sessions, name), getattr(chunked.sessions, name), equal_nan=True
        ), name
    # And the longest run per day is the true maximum of that day's runs.
    for r, log in enumerate(logs):
        runs = log["is_run"] & np.isfinite(log["distance_m"])
        for d in range(40):
            on_day = runs & (log["day"] == d)
            expected = log["distance_m"][on_day].max() if on_day.any() else 0.0
            assert chunked.daily.longest_run_m[r, d] == expected
