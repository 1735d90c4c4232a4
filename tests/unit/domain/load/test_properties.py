"""Invariants of the load metrics (hypothesis) and the vectorised primitives against plain loops."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from runcoach.domain.load import (
    acwr_ewma,
    acwr_rolling,
    banister_trimp,
    ewma,
    monotony_strain,
    performance_chart,
    reduce_weeks,
    rolling_max_previous,
    rolling_sum,
    spike_category,
    spike_ratio,
)
from runcoach.domain.load.series import grouped_max

#: Daily loads: rest days and realistic sessions (no subnormal numbers).
loads = st.one_of(st.just(0.0), st.floats(min_value=0.01, max_value=500.0))


def daily(min_size: int = 1, max_size: int = 400) -> st.SearchStrategy[np.ndarray]:
    return st.integers(min_size, max_size).flatmap(lambda n: arrays(np.float64, n, elements=loads))


def ewma_loop(x: np.ndarray, alpha: float, initial: float) -> np.ndarray:
    out, y = [], initial
    for v in x:
        y = y + alpha * (v - y)
        out.append(y)
    return np.array(out)


@given(daily(), st.floats(0.001, 1.0), st.floats(0.0, 300.0))
def test_ewma_equals_the_recursion(x: np.ndarray, alpha: float, initial: float) -> None:
    expected = ewma_loop(x, alpha, initial)
    assert np.allclose(ewma(x, alpha, initial=initial), expected, rtol=1e-9, atol=1e-9)


@given(st.integers(1, 5), st.integers(1, 900), st.integers(0, 2**32 - 1))
@settings(max_examples=30)
def test_ewma_rows_are_independent(rows: int, n: int, seed: int) -> None:
    x = np.random.default_rng(seed).gamma(2.0, 40.0, (rows, n))
    seeds = np.arange(rows) * 10.0
    batch = ewma(x, 1 / 42, initial=seeds)
    for r in range(rows):
        assert np.allclose(batch[r], ewma_loop(x[r], 1 / 42, seeds[r]), rtol=1e-9, atol=1e-9)
    first = ewma(x, 0.25, initial="first")
    assert np.allclose(first[:, 0], x[:, 0])


def test_ewma_over_ten_years_keeps_precision() -> None:
    x = np.random.default_rng(7).gamma(2.0, 40.0, 3653)
    for alpha in (1 / 42, 1 / 7, 0.25, 2 / 29):
        assert np.allclose(ewma(x, alpha), ewma_loop(x, alpha, 0.0), rtol=1e-11, atol=1e-9)


@given(daily(), st.integers(1, 40))
def test_rolling_sum_and_max_equal_loops(x: np.ndarray, window: int) -> None:
    n = x.size
    sums = [x[max(0, t - window + 1) : t + 1].sum() for t in range(n)]
    maxima = [max([0.0, *x[max(0, t - window) : t]]) for t in range(n)]
    assert np.allclose(rolling_sum(x, window), sums, atol=1e-7)
    assert np.array_equal(rolling_max_previous(x, window), maxima)


@given(daily(), st.integers(0, 6))
def test_weeks_keep_the_total_and_the_maximum(x: np.ndarray, start_weekday: int) -> None:
    weekly_sum = reduce_weeks(x, start_weekday, "sum")
    assert weekly_sum.sum() == pytest.approx(x.sum(), abs=1e-6)
    assert reduce_weeks(x, start_weekday, "max").max() == pytest.approx(x.max())
    assert weekly_sum.shape[-1] == -(-(x.size + start_weekday) // 7)


@given(st.lists(st.tuples(st.integers(0, 20), st.floats(0.0, 50_000.0)), max_size=60))
def test_grouped_max_in_any_order(pairs: list[tuple[int, float]]) -> None:
    keys = np.array([k for k, _ in pairs], dtype=np.int64)
    values = np.array([v for _, v in pairs], dtype=np.float64)
    expected = np.zeros(21)
    for k, v in pairs:
        expected[k] = max(expected[k], v)
    assert np.array_equal(grouped_max(keys, values, 21), expected)


@given(daily())
def test_ctl_and_atl_stay_between_zero_and_the_largest_load(x: np.ndarray) -> None:
    chart = performance_chart(x)
    top = x.max()
    for series in (chart.ctl, chart.atl):
        assert np.all(series >= -1e-9)
        assert np.all(series <= top + 1e-9)


@given(daily(min_size=10), st.floats(1.0, 300.0))
def test_ctl_stays_between_min_and_max_once_seeded_inside(x: np.ndarray, seed: float) -> None:
    lo, hi = min(x.min(), seed), max(x.max(), seed)
    chart = performance_chart(x, ctl0=seed, atl0=seed)
    assert np.all((chart.ctl >= lo - 1e-9) & (chart.ctl <= hi + 1e-9))


@given(daily(), st.integers(1, 10))
def test_rest_days_never_raise_atl(x: np.ndarray, rest_days: int) -> None:
    before = performance_chart(x)
    after = performance_chart(np.concatenate([x, np.zeros(rest_days)]))
    assert np.all(np.diff(after.atl[x.size - 1 :]) <= 1e-12)
    assert after.atl[-1] <= before.atl[-1] + 1e-12


@given(daily(min_size=2), st.data())
def test_replacing_a_session_by_rest_never_raises_later_fatigue(
    x: np.ndarray, data: st.DataObject
) -> None:
    day = data.draw(st.integers(0, x.size - 1))
    rested = x.copy()
    rested[day] = 0.0
    assert np.all(performance_chart(rested).atl <= performance_chart(x).atl + 1e-9)


@given(daily(min_size=7), st.floats(0.01, 1000.0))
def test_monotony_is_invariant_to_scaling(x: np.ndarray, scale: float) -> None:
    base = monotony_strain(x)
    scaled = monotony_strain(x * scale)
    same_nan = np.isnan(base.monotony) == np.isnan(scaled.monotony)
    assert np.all(same_nan)
    finite = np.isfinite(base.monotony) & np.isfinite(scaled.monotony)
    assert np.allclose(base.monotony[finite], scaled.monotony[finite], rtol=1e-7)
    assert np.allclose(base.strain[finite] * scale, scaled.strain[finite], rtol=1e-7)


@given(daily(min_size=7))
def test_monotony_equals_mean_over_population_sd(x: np.ndarray) -> None:
    result = monotony_strain(x)
    for t in range(6, x.size):
        week = x[t - 6 : t + 1]
        mean, sd = week.mean(), week.std()
        if mean == 0:
            assert np.isnan(result.monotony[t])
        elif sd <= 1e-9 * mean:
            assert np.isinf(result.monotony[t])
        else:
            assert result.monotony[t] == pytest.approx(mean / sd, rel=1e-6)
            assert result.strain[t] == pytest.approx(week.sum() * mean / sd, rel=1e-6)


@given(daily(min_size=28), st.floats(0.01, 1000.0))
def test_acwr_is_invariant_to_scaling(x: np.ndarray, scale: float) -> None:
    for f in (
        lambda v: acwr_ewma(v).ratio,
        lambda v: acwr_rolling(v, coupled=True),
        lambda v: acwr_rolling(v, coupled=False),
    ):
        base, scaled = f(x), f(x * scale)
        both = np.isfinite(base) & np.isfinite(scaled)
        assert np.allclose(base[both], scaled[both], rtol=1e-6)


@given(st.floats(100.0, 100_000.0), st.floats(100.0, 100_000.0), st.floats(100.0, 100_000.0))
def test_spike_category_grows_with_distance(reference: float, a: float, b: float) -> None:
    short, long = sorted((a, b))
    assert spike_category(spike_ratio(short, reference)) <= spike_category(
        spike_ratio(long, reference)
    )


@given(st.floats(60, 20_000), st.floats(61, 200), st.floats(1, 40))
def test_trimp_grows_with_heart_rate_and_time(seconds: float, hr: float, extra: float) -> None:
    kwargs = {"hr_rest_bpm": 60.0, "hr_max_bpm": 200.0, "sex": "M"}
    base = float(banister_trimp(seconds, hr, **kwargs))  # type: ignore[arg-type]
    assert float(banister_trimp(seconds, hr + extra, **kwargs)) >= base  # type: ignore[arg-type]
    assert float(banister_trimp(seconds * 2, hr, **kwargs)) == pytest.approx(2 * base)  # type: ignore[arg-type]
