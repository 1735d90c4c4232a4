"""``import runcoach`` and ``runcoach --help`` stay light: heavy libraries load only when used.

Run from the repository root:  .venv/bin/python bench/import_light.py [--runs 15]

For each entry point, a fresh interpreter runs it and reports which heavy libraries ended up in
``sys.modules`` (numpy, lxml, fitdecode, fitfast, SQLAlchemy, Alembic, matplotlib,
rich.progress, the importers and the store); the wall time is the median of ``--runs`` fresh
processes. Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent
HEAVY = (
    "numpy",
    "lxml",
    "fitdecode",
    "fitfast",
    "sqlalchemy",
    "alembic",
    "matplotlib",
    "rich.progress",
    "runcoach.importers.fit",
    "runcoach.store",
)
PROBE = """
import sys
{body}
heavy = {heavy!r}
print(",".join(m for m in heavy if m in sys.modules) or "-")
"""
ENTRIES = {
    "import runcoach": "import runcoach",
    "runcoach --help": (
        "from runcoach.cli.main import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    ),
    "runcoach log --help": (
        "from runcoach.cli.main import main\ntry:\n    main(['log', '--help'])\n"
        "except SystemExit:\n    pass"
    ),
    "runcoach log import --help": (
        "from runcoach.cli.main import main\ntry:\n    main(['log', 'import', '--help'])\n"
        "except SystemExit:\n    pass"
    ),
}
COMMANDS = {
    "import runcoach": [sys.executable, "-c", "import runcoach"],
    "runcoach --help": [str(BIN / "runcoach"), "--help"],
    "runcoach log --help": [str(BIN / "runcoach"), "log", "--help"],
    "runcoach log import --help": [str(BIN / "runcoach"), "log", "import", "--help"],
}


def wall_ms(cmd: list[str], runs: int) -> float:
    subprocess.run(cmd, capture_output=True, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    floor = wall_ms([sys.executable, "-c", "pass"], args.runs)
    print(f"{'entry point':28s} {'median ms':>9s}  heavy modules loaded")
    print(f"{'python -c pass (floor)':28s} {floor:9.0f}")
    for label, body in ENTRIES.items():
        probe = PROBE.format(body=body, heavy=HEAVY)
        loaded = (
            subprocess.run(
                [sys.executable, "-c", probe], capture_output=True, text=True, check=True
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        print(f"{label:28s} {wall_ms(COMMANDS[label], args.runs):9.0f}  {loaded}")


if __name__ == "__main__":
    main()
