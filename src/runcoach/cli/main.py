"""Entry point of the ``runcoach`` command: runs the Typer app and turns errors into one sentence.

Exit codes (DESIGN.md §9): 0 success, 1 bad input or a failed operation (one clear sentence on
stderr, no traceback), 2 usage errors (Typer's own). ``--debug`` or ``RUNCOACH_DEBUG=1`` shows the
traceback instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def _debug_requested(args: list[str]) -> bool:
    return "--debug" in args or os.environ.get("RUNCOACH_DEBUG", "") not in ("", "0", "false")


def main(argv: Sequence[str] | None = None) -> None:
    """Run ``runcoach`` with ``argv`` (default: the process arguments) and exit."""
    from runcoach.cli.app import create_app
    from runcoach.cli.output import error
    from runcoach.domain.errors import InputError
    from runcoach.errors import OperationError

    args = list(sys.argv[1:] if argv is None else argv)
    debug = _debug_requested(args)
    args = [a for a in args if a != "--debug"]
    app = create_app()
    try:
        # Standalone mode: Typer handles usage errors (exit 2), --help and Exit itself.
        app(args=args, prog_name="runcoach")
    except (InputError, OperationError) as exc:
        if debug:
            raise
        error(str(exc))
        sys.exit(1)
    except KeyboardInterrupt:
        error("interrupted.")
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (e.g. `runcoach ... | head`): not an error of ours.
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:
        if debug:
            raise
        error(
            f"unexpected {type(exc).__name__}: {exc}. "
            "Run again with --debug for the details and report it."
        )
        sys.exit(1)
    sys.exit(0)
