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
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def measure(cmd: list[str], runs: int, env: dict[str, str]) -> tuple[float, float, float]:
    """Median and min wall time, and median CPU time (user + system), in ms of fresh processes.

    CPU time is shown because it moves less than wall time when the machine is busy.
    """
    subprocess.run(cmd, env=env, capture_output=True, check=True)  # warm caches, write bytecode
    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, check=True)
        wall.append((time.perf_counter() - start) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return statistics.median(wall), min(wall), statistics.median(cpu)


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
    print(f"load average (1 min): {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"{'command':40s} {'wall med':>9s} {'wall min':>9s} {'cpu med':>9s}")
    for name, cmd in cases:
        median, low, cpu = measure(cmd, args.runs, env)
        print(f"{name:40s} {median:9.1f} {low:9.1f} {cpu:9.1f}")
    print(f"numpy imported by `runcoach paces`: {numpy_imported(env)}")
    print("target: `runcoach paces --race 10k=45:00` under 150 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
