"""A whole training history imported with ``runcoach log import`` (target: ≤ 60 s for ≥ 500 files,
about 3,000 run-hours, into SQLite, with the progress bar on).

Run from the repository root:  .venv/bin/python bench/import_history.py [--hours 3000]

How the history is made: real runs of the shared corpus (FIT files from Garmin, Stryd, Suunto
and IpBike devices, read from ../shared; the MIT tormoder/fit run from tests/data) are repeated
with every absolute time shifted by a different number of days (``activity_files.shift_fit``
patches each ``date_time`` field in place and rewrites the CRCs, so the records are the
original bytes), until the run-hours reach ``--hours``. One file in ten is written instead as
GPX and one in ten as TCX, from the same decoded run (Garmin Connect style, with heart rate
and cadence). Every file therefore has a new content hash and a new start time: nothing is a
duplicate. The files are written to a temporary folder; then the installed ``runcoach log
import FOLDER`` runs in a fresh process with its stderr on a pseudo-terminal, so the Rich
progress bar is drawn as a user would see it, into a fresh SQLite store. Prints the wall time
of that process, files, run-hours, points and the database size; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import pty
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from activity_files import gpx_bytes, shift_fit, tcx_bytes  # noqa: E402
from runcoach.importers.fit import read_fit  # noqa: E402

SHARED_FIT = ROOT / ".." / "shared" / "data" / "activities" / "fit"
RUNS = [
    SHARED_FIT / "goldencheetah__Fr955v19.28andStryd.fit",
    SHARED_FIT / "goldencheetah__HRV-Data.fit",
    SHARED_FIT / "goldencheetah__3386684871.fit",
    SHARED_FIT / "goldencheetah__Garmin920_withFirstbeat.fit",
    SHARED_FIT / "goldencheetah__IpBike-HRV-Data.fit",
    SHARED_FIT / "goldencheetah__Move_2020_01_15_19_27_16_Running.fit",
    SHARED_FIT / "fitparse__activity-small-fenix2-run.fit",
    SHARED_FIT / "fitparse__developer-types-sample.fit",
    ROOT / "tests" / "data" / "activities" / "fit" / "tormoder-fit__mornindew-broken.fit",
]
DAY = 86_400


def make_file(job: tuple[int, str, str, int]) -> tuple[int, float]:
    """Write file number ``index`` (a shifted copy of ``source`` as FIT, GPX or TCX)."""
    index, source, folder, offset = job
    data = shift_fit(Path(source).read_bytes(), offset)
    kind = "fit" if index % 10 not in (3, 7) else ("gpx" if index % 10 == 3 else "tcx")
    if kind != "fit":
        [activity] = read_fit(data, name=source)
        start = activity.start_time.timestamp()
        data = (gpx_bytes if kind == "gpx" else tcx_bytes)(activity, start)
    path = Path(folder) / f"{index:05d}.{kind}"
    path.write_bytes(data)
    return len(data), 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=3000.0)
    parser.add_argument("--min-files", type=int, default=500)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    pool = [p for p in RUNS if p.exists()]
    if len(pool) < len(RUNS):
        print(f"(../shared is absent or incomplete: using {len(pool)} of {len(RUNS)} runs)")
    hours = {}
    for path in pool:
        [activity] = read_fit(path.read_bytes(), name=path.name)
        hours[path] = activity.elapsed_time_s / 3600

    jobs, total_h, i = [], 0.0, 0
    tmp = Path(tempfile.mkdtemp(prefix="runcoach-history-"))
    folder = tmp / "history"
    folder.mkdir()
    while total_h < args.hours or len(jobs) < args.min_files:
        source = pool[i % len(pool)]
        # a new day for every file, and a few minutes more each time: never a duplicate
        offset = -(i + 1) * DAY - (i % 97) * 300
        jobs.append((i, str(source), str(folder), offset))
        total_h += hours[source]
        i += 1
    started = time.perf_counter()
    with ProcessPoolExecutor() as executor:
        sizes = [size for size, _ in executor.map(make_file, jobs, chunksize=16)]
    print(
        f"synthesised {len(jobs)} files ({sum(sizes) / 1e6:.0f} MB, {total_h:.0f} run-hours) "
        f"in {time.perf_counter() - started:.0f} s"
    )

    home = tmp / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUNCOACH_")}
    env.update(RUNCOACH_HOME=str(home), TERM="xterm-256color", COLUMNS="100")
    exe = shutil.which("runcoach", path=str(Path(sys.executable).parent)) or "runcoach"
    leader, follower = pty.openpty()
    drawn = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                return
            if not chunk:
                return
            drawn.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(
        [exe, "log", "import", str(folder)],
        stdout=subprocess.PIPE,
        stderr=follower,
        env=env,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    os.close(follower)
    reader.join(timeout=5)
    os.close(leader)
    db = home / "runcoach.db"
    print(proc.stdout.decode().strip().splitlines()[-2] if proc.stdout else "")
    print(f"exit code                {proc.returncode}")
    print(f"progress bar drawn       {'yes' if b'Importing' in drawn else 'no'}")
    print(f"files                    {len(jobs)}")
    print(f"run-hours                {total_h:,.0f}")
    print(f"wall time of the import  {wall:.1f} s (target <= 60 s)")
    print(f"CPU time of the import   {cpu:.1f} s (user + system; steadier on a busy machine)")
    print(
        f"per file / per run-hour  {wall / len(jobs) * 1000:.1f} ms / {wall / total_h * 1000:.1f} ms"
    )
    print(f"database size            {db.stat().st_size / 1e6:.0f} MB")
    print(f"load average             {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.keep:
        print(f"kept {tmp}")
    else:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
