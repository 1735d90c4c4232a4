"""Whole-process start-up time of the calculators (target: `runcoach paces` under 150 ms).

Run from the repository root:  .venv/bin/python bench/startup.py [--runs N]

Measures, on this machine, the wall time of fresh processes (median of N runs after one warm-up):
`python -c pass` (the floor), `python -c "import runcoach"`, `runcoach --help` and
`runcoach paces --race 10k=45:00`. It also reports whether numpy was imported on the paces path.
It prints a table and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def measure(cmd: list[str], runs: int, env: dict[str, str]) -> tuple[float, float, float]:
    """Median, min and max wall time in milliseconds of ``runs`` fresh processes."""
    subprocess.run(cmd, env=env, capture_output=True, check=True)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), max(times)


def numpy_imported(env: dict[str, str]) -> bool:
    probe = (
        "import sys; from runcoach.cli.main import main\n"
        "sys.argv = ['runcoach', 'paces', '--race', '10k=45:00', '--json']\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        main()\n    except SystemExit:\n        pass\n"
        "print('numpy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip().endswith("True")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="runcoach-bench-")
    # Measure a normal install: bytecode is cached (the warm-up run writes it).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(RUNCOACH_HOME=home, NO_COLOR="1")
    runcoach = str(BIN / "runcoach")
    cases = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ('python -c "import runcoach"', [sys.executable, "-c", "import runcoach"]),
        ("runcoach --help", [runcoach, "--help"]),
        ("runcoach paces --race 10k=45:00", [runcoach, "paces", "--race", "10k=45:00"]),
        (
            "runcoach predict --race 10k=45:00",
            [runcoach, "predict", "--race", "10k=45:00", "--json"],
        ),
    ]
    print(f"Python {sys.version.split()[0]} on {sys.platform}; {args.runs} runs each (ms)")
    print(f"{'command':40s} {'median':>8s} {'min':>8s} {'max':>8s}")
    for name, cmd in cases:
        median, low, high = measure(cmd, args.runs, env)
        print(f"{name:40s} {median:8.1f} {low:8.1f} {high:8.1f}")
    print(f"numpy imported by `runcoach paces`: {numpy_imported(env)}")
    print("target: `runcoach paces --race 10k=45:00` under 150 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
