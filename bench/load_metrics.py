"""Benchmark (c) of issue 4: load metrics for 1 runner × 10 years and 1,000 runners × 10 years.

Run from the repository root:  .venv/bin/python bench/load_metrics.py [--repeat N]

Synthesises a realistic training log with a seeded RNG: 4–6 runs a week (easy runs, one long run,
one quality session), a cross-training session now and then, down weeks every fourth week, a
break of a few weeks each year; heart rate on ~80 % of sessions, RPE on ~25 %, pain now and then.
Times :func:`runcoach.domain.load.compute_load_metrics` — per-session loads (rTSS, TRIMP,
session RPE), daily volume and load, CTL/ATL/TSB, ACWR (EWMA, rolling coupled and uncoupled),
monotony and strain, the 30-day longest run and spikes, ISO-week summaries — from prebuilt
session columns. Prints medians; asserts nothing (targets: ≤ 5 ms and ≤ 0.3 s).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

import numpy as np

from runcoach.domain.load import (
    LoadParameters,
    SessionColumns,
    compute_load_metrics,
    heart_rate_zones,
)

YEARS = 10
N_DAYS = 3653  # ten years, two leap days
SEED = 20270104


def synthesise(n_runners: int, seed: int = SEED) -> tuple[SessionColumns, list[LoadParameters]]:
    """A plausible ten-year log per runner, as session columns ordered by runner and day."""
    rng = np.random.default_rng(seed)
    day_index = np.arange(N_DAYS)
    week = day_index // 7
    weekday = day_index % 7
    cols: dict[str, list[np.ndarray]] = {
        k: []
        for k in (
            "day",
            "is_run",
            "distance_m",
            "duration_s",
            "avg_hr_bpm",
            "rpe",
            "pain",
            "runner",
        )
    }
    params = []
    for r in range(n_runners):
        threshold = rng.uniform(210.0, 330.0)  # T pace 3:30–5:30 /km
        weekly_km = rng.uniform(20.0, 90.0)
        runs_per_week = int(rng.integers(4, 7))
        run_days = np.sort(rng.choice(7, runs_per_week, replace=False))
        long_day = run_days[-1]
        on = np.isin(weekday, run_days)
        down = (week % 4) == 3
        # One break of 2–5 weeks a year.
        breaks = np.zeros(N_DAYS, dtype=bool)
        for year in range(YEARS):
            start = year * 365 + int(rng.integers(0, 330))
            breaks[start : start + int(rng.integers(14, 36))] = True
        run_mask = on & ~breaks & (rng.random(N_DAYS) > 0.08)
        days = day_index[run_mask]
        n = days.size
        per_run_km = weekly_km / runs_per_week
        km = rng.gamma(9.0, per_run_km / 9.0, n)
        km[weekday[days] == long_day] *= 1.8
        km[down[days]] *= 0.75
        km = np.clip(km, 2.0, 42.2)
        pace = threshold * rng.uniform(1.08, 1.40, n)  # s/km: mostly easy
        quality = rng.random(n) < 0.18
        pace[quality] = threshold * rng.uniform(0.93, 1.03, quality.sum())
        duration = km * pace
        # Cross-training: ~1 session every 10 days.
        cross_days = day_index[~on & ~breaks & (rng.random(N_DAYS) < 0.15)]
        m = cross_days.size
        all_days = np.concatenate([days, cross_days])
        order = np.argsort(all_days, kind="stable")
        is_run = np.concatenate([np.ones(n, bool), np.zeros(m, bool)])[order]
        dist = np.concatenate([km * 1000.0, np.full(m, np.nan)])[order]
        dur = np.concatenate([duration, rng.uniform(1800, 5400, m)])[order]
        total = n + m
        hr = np.where(rng.random(total) < 0.8, rng.uniform(120, 172, total), np.nan)
        rpe = np.where(rng.random(total) < 0.25, rng.integers(2, 9, total).astype(float), np.nan)
        pain = np.where(rng.random(total) < 0.03, rng.integers(0, 5, total).astype(float), np.nan)
        for key, values in (
            ("day", all_days[order]),
            ("is_run", is_run),
            ("distance_m", dist),
            ("duration_s", dur),
            ("avg_hr_bpm", hr),
            ("rpe", rpe),
            ("pain", pain),
            ("runner", np.full(total, r)),
        ):
            cols[key].append(values)
        age = int(rng.integers(20, 70))
        params.append(
            LoadParameters(
                threshold_pace_s_per_km=threshold,
                heart_rate=heart_rate_zones(age=age, hr_max_bpm=None, hr_rest_bpm=None),
                sex="M" if rng.random() < 0.6 else "F",
            )
        )
    joined = {k: np.concatenate(v) for k, v in cols.items()}
    return SessionColumns.from_arrays(**joined), params


def medians(fn: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """Median wall time, minimum wall time and median CPU time of ``repeat`` runs (seconds)."""
    fn()  # warm-up
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), min(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per case (median)")
    parser.add_argument("--runners", type=int, default=1000)
    parser.add_argument(
        "--stages", action="store_true", help="also time the stages of the batch pipeline"
    )
    args = parser.parse_args()

    one, one_params = synthesise(1)
    many, many_params = synthesise(args.runners)
    print(f"1 runner: {len(one):,} sessions over {N_DAYS:,} days")
    print(
        f"{args.runners:,} runners: {len(many):,} sessions, {args.runners * N_DAYS:,} runner-days"
    )
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start")

    cases = (
        (
            f"1 runner × {YEARS} years",
            lambda: compute_load_metrics(one, n_days=N_DAYS, parameters=one_params[0]),
            max(args.repeat, 50),
            "≤ 5 ms",
        ),
        (
            f"{args.runners:,} runners × {YEARS} years",
            lambda: compute_load_metrics(
                many, n_days=N_DAYS, parameters=many_params, n_runners=args.runners
            ),
            args.repeat,
            "≤ 300 ms",
        ),
    )
    for label, fn, repeat, target in cases:
        wall, best, cpu = medians(fn, repeat)
        print(
            f"load metrics, {label}: median {wall * 1e3:8.2f} ms wall (min {best * 1e3:.2f}), "
            f"median {cpu * 1e3:8.2f} ms CPU (target {target})"
        )
    if args.stages:
        stages(many, many_params, args.runners, args.repeat)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")


def stages(
    sessions: SessionColumns, params: list[LoadParameters], runners: int, repeat: int
) -> None:
    """Median CPU time of each stage of the batch pipeline (internal functions)."""
    import numpy as np

    from runcoach.domain.load import fitness, metrics, volume

    runner = sessions.runner
    assert runner is not None
    constants = metrics.runner_constants(params, runners)
    done = metrics._session_pass(sessions, runner, constants, N_DAYS, 0)
    load = np.ascontiguousarray(done.load.T)
    longest = np.ascontiguousarray(done.longest.T)
    previous = volume.longest_previous_runs_days_major(longest)
    ctl, atl, tsb, acwr = fitness.fitness_days_major(load)
    steps = (
        (
            "sessions: loads, daily and weekly sums",
            lambda: metrics._session_pass(sessions, runner, constants, N_DAYS, 0),
        ),
        (
            "days-major copies of load and longest",
            lambda: (np.ascontiguousarray(done.load.T), np.ascontiguousarray(done.longest.T)),
        ),
        (
            "longest run of the previous 30 days",
            lambda: volume.longest_previous_runs_days_major(longest),
        ),
        ("spikes", lambda: metrics._spike_pass(sessions, runner, previous)),
        ("CTL/ATL/TSB and EWMA ACWR", lambda: fitness.fitness_days_major(load)),
        ("weekly figures", lambda: metrics._weekly(done, load, longest, ctl, atl, tsb, acwr, 0)),
    )
    for label, fn in steps:
        _, _, cpu = medians(fn, repeat)
        print(f"  stage {label:42s} {cpu * 1e3:8.2f} ms CPU")


if __name__ == "__main__":
    main()
