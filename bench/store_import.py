"""Store side of a whole-history import: how fast activities with 1 Hz samples go into SQLite.

Run from the repository root:  .venv/bin/python bench/store_import.py [--files 520] [--hours 3000]

Builds synthetic runs in memory (device-like columns: whole-second time, float distance and
speed, integer heart rate and cadence, altitude in 0.2 m steps, semicircle-derived positions)
totalling about ``--hours`` run-hours over ``--files`` files, then imports each one through
``svc.activities.import_file`` (its own transaction, with the duplicate check) into a fresh
SQLite store. Decoding the files is not included (the importers have their own benchmark).
Prints the total, the median per file and per run-hour, and the database size (with
``--backup`` also the time of export all / import all); asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from runcoach.bootstrap import open_services
from runcoach.domain.activity import Activity, Lap, Samples


def synthetic_run(seconds: int, seed: int) -> tuple[Samples, float]:
    """One run at 1 Hz: columns as a watch records them. Returns samples and distance (m)."""
    rng = np.random.default_rng(seed)
    t = np.arange(seconds, dtype=np.float64)
    speed = np.round(np.clip(2.9 + 0.3 * np.sin(t / 600) + rng.normal(0, 0.08, seconds), 1, 6), 3)
    distance = np.round(np.cumsum(speed), 2)
    hr = np.round(135 + 15 * np.sin(t / 900) + rng.normal(0, 1.5, seconds))
    cadence = np.round(168 + rng.normal(0, 2, seconds))
    altitude = np.round((120 + np.cumsum(rng.normal(0, 0.15, seconds))) * 5) / 5
    semicircle = 180.0 / 2**31
    lat = np.round((48.1 + np.cumsum(rng.normal(0, 8e-6, seconds))) / semicircle) * semicircle
    lon = np.round((11.5 + np.cumsum(rng.normal(0, 8e-6, seconds))) / semicircle) * semicircle
    samples = Samples(
        time_s=t,
        distance_m=distance,
        heart_rate_bpm=hr,
        cadence_spm=cadence,
        altitude_m=altitude,
        speed_m_s=speed,
        lat_deg=lat,
        lon_deg=lon,
    )
    return samples, float(distance[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=520)
    parser.add_argument("--hours", type=float, default=3000.0)
    parser.add_argument(
        "--backup", action="store_true", help="also time export all / import all of the store"
    )
    args = parser.parse_args()

    mean_s = args.hours * 3600 / args.files
    # A pool of distinct runs (durations spread ±50 % around the mean), reused with new starts.
    pool = []
    for k in range(12):
        seconds = int(mean_s * (0.5 + k / 11))
        pool.append((seconds, *synthetic_run(seconds, seed=k)))
    start = datetime(2015, 1, 1, 6, 0, tzinfo=UTC)
    total_hours = 0.0
    per_file: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        began = time.perf_counter()
        with open_services(database_url=url) as svc:
            for i in range(args.files):
                seconds, samples, distance = pool[i % len(pool)]
                when = start + timedelta(days=i * 7 // 1, hours=i % 5)
                laps = tuple(
                    Lap(start_time=when + timedelta(seconds=j * 600), elapsed_time_s=600.0)
                    for j in range(seconds // 600)
                )
                activity = Activity(
                    sport="running",
                    start_time=when,
                    elapsed_time_s=float(seconds),
                    moving_time_s=float(seconds),
                    distance_m=distance,
                    avg_hr_bpm=float(np.nanmean(samples.heart_rate_bpm)),  # type: ignore[arg-type]
                    source_format="fit",
                    laps=laps,
                    samples=samples,
                )
                t0 = time.perf_counter()
                result = svc.activities.import_file([activity], f"hash-{i}", f"run-{i}.fit")
                per_file.append(time.perf_counter() - t0)
                assert result.imported
                total_hours += seconds / 3600
        total = time.perf_counter() - began
        size_mb = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 1e6
        if args.backup:
            backup = Path(tmp) / "backup.json"
            with open_services(database_url=url) as svc:
                t0 = time.perf_counter()
                svc.backup.write_export(backup)
                export_s = time.perf_counter() - t0
            with open_services(database_url=f"sqlite:///{Path(tmp) / 'restored.db'}") as svc:
                t0 = time.perf_counter()
                svc.backup.read_import(backup)
                import_s = time.perf_counter() - t0
            backup_mb = backup.stat().st_size / 1e6

    median_ms = statistics.median(per_file) * 1000
    print(f"files imported           {args.files}")
    print(f"run-hours (1 Hz)         {total_hours:,.0f}")
    print(f"total wall time          {total:.1f} s (target for the whole import: <= 60 s)")
    print(f"median per file          {median_ms:.1f} ms")
    print(f"per run-hour (total)     {total / total_hours * 1000:.1f} ms")
    if args.backup:
        print(f"export all               {export_s:.1f} s, file {backup_mb:.0f} MB")
        print(f"import all               {import_s:.1f} s")
    print(
        f"database size            {size_mb:.0f} MB ({size_mb * 1000 / total_hours:.0f} kB per hour)"
    )


if __name__ == "__main__":
    main()
