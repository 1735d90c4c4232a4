"""Decode time of one activity file to the neutral Activity (targets: FIT 1 h ≤ 15 ms, GPX ≤ 35 ms
and TCX ≤ 50 ms per hour of 1 Hz points).

Run from the repository root:  .venv/bin/python bench/import_decode.py [--runs 30]

FIT: modern runs of the shared corpus (read from ../shared, not copied; Forerunner 955 2024,
Stryd 2017) and a one-hour file written here with fit-tool (3,600 records at 1 Hz). Each is
decoded by runcoach (fast path, and the fitdecode reference path), and for comparison by
fitfast alone (``records`` only, no summary), by fitdecode (iterating every frame) and by the
Garmin FIT SDK (``Decoder.read``). GPX and TCX: the first 3,600 points of a real 2.4-hour run
(tormoder/fit, tests/data) written as Garmin Connect writes them. Prints medians (and the
median scaled to one hour of recording); asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from activity_files import gpx_bytes, tcx_bytes  # noqa: E402
from runcoach.importers.fit import read_fit  # noqa: E402
from runcoach.importers.gpx import read_gpx  # noqa: E402
from runcoach.importers.tcx import read_tcx  # noqa: E402

SHARED_FIT = ROOT / ".." / "shared" / "data" / "activities" / "fit"
LOCAL_FIT = ROOT / "tests" / "data" / "activities" / "fit"


CPU: list[tuple[str, float]] = []


def median_ms(fn: Callable[[], object], runs: int, label: str = "") -> float:
    """Median wall time (ms); the median CPU time is kept in ``CPU`` (it moves less when the
    machine is busy with other work)."""
    fn()  # warm up (imports, caches)
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    if label:
        CPU.append((label, statistics.median(cpu)))
    return statistics.median(wall)


def one_hour_fit() -> bytes:
    """A one-hour run at 1 Hz (position, distance, speed, altitude, HR, cadence, power)."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.activity_message import ActivityMessage
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.lap_message import LapMessage
    from fit_tool.profile.messages.record_message import RecordMessage
    from fit_tool.profile.messages.session_message import SessionMessage
    from fit_tool.profile.profile_type import FileType, Manufacturer, Sport

    start_s = int(datetime(2024, 7, 9, 14, 0, tzinfo=UTC).timestamp())
    start = start_s * 1000
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.GARMIN.value
    file_id.product = 4024
    file_id.time_created = start
    file_id.serial_number = 1
    builder.add(file_id)
    records = []
    for i in range(3600):
        r = RecordMessage()
        r.timestamp = start + i * 1000
        r.position_lat = 38.7 + i * 2.7e-5
        r.position_long = -9.39 + (i % 600) * 1e-5
        r.distance = i * 2.95
        r.enhanced_speed = 2.95 + (i % 7) * 0.01
        r.enhanced_altitude = 50.0 + (i % 300) * 0.2
        r.heart_rate = 130 + i % 30
        r.cadence = 84 + i % 4
        r.power = 240 + i % 20
        records.append(r)
    builder.add_all(records)
    session = SessionMessage()
    session.sport = Sport.RUNNING
    for message in (LapMessage(), session):
        message.start_time = start
        message.timestamp = start + 3_599_000
        message.total_elapsed_time = 3599
        message.total_timer_time = 3599
        message.total_distance = 3599 * 2.95
        builder.add(message)
    activity = ActivityMessage()
    activity.timestamp = start + 3_599_000
    activity.local_timestamp = start_s + 3599 + 3600 - 631065600
    activity.num_sessions = 1
    builder.add(activity)
    return builder.build().to_bytes()


def fitdecode_all(data: bytes) -> None:
    import io

    import fitdecode

    with fitdecode.FitReader(io.BytesIO(data)) as reader:
        for _ in reader:
            pass


def garmin_sdk(data: bytes) -> None:
    from garmin_fit_sdk import Decoder, Stream

    Decoder(Stream.from_byte_array(bytearray(data))).read()


def fitfast_records(data: bytes) -> None:
    import fitfast

    fitfast.records(data, "record")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    runs = args.runs

    fit_files: list[tuple[str, bytes, float]] = []
    for name in ("goldencheetah__Fr955v19.28andStryd.fit", "goldencheetah__HRV-Data.fit"):
        path = SHARED_FIT / name
        if path.exists():
            data = path.read_bytes()
            [a] = read_fit(data, name=name)
            fit_files.append((name.split("__")[1], data, a.elapsed_time_s))
        else:
            print(f"(skipping {name}: ../shared is absent)")
    synthetic = one_hour_fit()
    fit_files.append(("synthetic 1 h @ 1 Hz (fit-tool)", synthetic, 3599.0))

    print(f"FIT decode to the neutral Activity, median of {runs} runs (ms; per hour in brackets)")
    header = f"{'file':36s} {'minutes':>7s} {'runcoach':>16s} {'fitfast raw':>16s} {'rc reference':>16s} {'fitdecode':>16s} {'garmin sdk':>16s}"
    print(header)
    for label, data, seconds in fit_files:
        scale = 3600 / seconds

        def cell(ms: float, scale: float = scale) -> str:
            return f"{ms:7.1f} ({ms * scale:6.1f})"

        ours = median_ms(lambda data=data: read_fit(data, name="x"), runs, f"runcoach {label}")
        raw = median_ms(lambda data=data: fitfast_records(data), runs, f"fitfast raw {label}")
        slow_runs = max(3, runs // 10)
        ref = median_ms(lambda data=data: read_fit(data, name="x", fast=False), slow_runs)
        fd = median_ms(lambda data=data: fitdecode_all(data), slow_runs)
        sdk = median_ms(lambda data=data: garmin_sdk(data), slow_runs)
        print(
            f"{label:36s} {seconds / 60:7.1f} {cell(ours):>16s} {cell(raw):>16s} {cell(ref):>16s} "
            f"{cell(fd):>16s} {cell(sdk):>16s}"
        )

    run = (LOCAL_FIT / "tormoder-fit__mornindew-broken.fit").read_bytes()
    [activity] = read_fit(run, name="run")
    start = datetime(2024, 1, 1, 7, 0, tzinfo=UTC).timestamp()
    gpx = gpx_bytes(activity, start, 3600)
    tcx = tcx_bytes(activity, start, 3600)
    [g] = read_gpx(gpx, name="g")
    [t] = read_tcx(tcx, name="t")
    assert g.samples is not None and t.samples is not None
    print()
    print(f"GPX/TCX, 3,600 points (one hour at 1 Hz), median of {runs} runs")
    print(f"{'format':8s} {'size':>9s} {'points':>7s} {'ms':>8s}")
    for label, data, fn, n in (
        ("GPX", gpx, lambda: read_gpx(gpx, name="g"), len(g.samples)),
        ("TCX", tcx, lambda: read_tcx(tcx, name="t"), len(t.samples)),
    ):
        print(f"{label:8s} {len(data) / 1e6:7.2f}MB {n:7d} {median_ms(fn, runs, label):8.1f}")
    print()
    print("Median CPU time of the same runs (ms):")
    for label, ms in CPU:
        print(f"  {label:48s} {ms:7.1f}")
    print(f"Load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
