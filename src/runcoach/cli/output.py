"""Console output shared by the commands: Rich on a terminal, JSON on stdout for scripts.

Messages, warnings and progress go to stderr; with ``--json`` stdout carries only the JSON
document. Colours follow Rich's handling of ``NO_COLOR``.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


@cache
def console() -> Console:
    """The stdout console (created on first use)."""
    from rich.console import Console

    return Console(highlight=False)


@cache
def err_console() -> Console:
    """The stderr console for messages and progress."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def error(message: str) -> None:
    """Print one error sentence to stderr."""
    err_console().print(f"[bold red]runcoach: error:[/] {message}", markup=True, soft_wrap=True)


def warn(message: str) -> None:
    """Print a warning to stderr."""
    err_console().print(f"[yellow]warning:[/] {message}", soft_wrap=True)


def info(message: str) -> None:
    """Print an informational message to stderr (never pollutes JSON on stdout)."""
    err_console().print(message, soft_wrap=True)


def print_json(document: Any) -> None:
    """Write ``document`` as JSON to stdout (UTF-8, two-space indent, trailing newline)."""
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False, default=_default))
    sys.stdout.write("\n")
    sys.stdout.flush()


def _default(value: Any) -> Any:
    import datetime as dt

    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


SPARK_CHARS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    """A one-line bar chart of ``values`` (empty for no values)."""
    finite = [v for v in values if v == v]
    if not finite:
        return ""
    lo, hi = min(finite), max(finite)
    span = hi - lo
    out = []
    for v in values:
        if v != v:
            out.append(" ")
        elif span == 0:
            out.append(SPARK_CHARS[len(SPARK_CHARS) // 2])
        else:
            out.append(SPARK_CHARS[round((v - lo) / span * (len(SPARK_CHARS) - 1))])
    return "".join(out)
