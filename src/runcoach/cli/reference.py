"""Generates the CLI reference (``docs/cli.md``) from the Typer app itself.

Run ``python -m runcoach.cli.reference > docs/cli.md``; a test checks the file is current, so the
reference can never drift from the code.
"""

from __future__ import annotations

import inspect
from typing import Any

import typer


def _command_tree(app: typer.Typer) -> Any:
    return typer.main.get_command(app)


def _param_line(param: Any) -> str:
    opts = ", ".join(f"`{o}`" for o in [*param.opts, *param.secondary_opts])
    if param.param_type_name == "argument":
        opts = f"`{getattr(param, 'human_readable_name', None) or str(param.name).upper()}`"
    help_text = " ".join((getattr(param, "help", None) or "").split())
    extras = []
    if getattr(param, "multiple", False) and "repeatable" not in help_text:
        extras.append("repeatable")
    default = getattr(param, "default", None)
    if (
        param.param_type_name == "option"
        and not getattr(param, "is_flag", False)
        and default not in (None, (), [], False)
        and not callable(default)
    ):
        extras.append(f"default: `{default}`")
    if getattr(param, "required", False):
        extras.append("required")
    suffix = f" ({'; '.join(extras)})" if extras else ""
    return f"- {opts}: {help_text}{suffix}".rstrip()


def _render(command: Any, path: list[str], out: list[str]) -> None:
    name = " ".join(path)
    level = "#" * min(len(path) + 1, 4)
    out.append(f"{level} `{name}`")
    out.append("")
    doc = inspect.cleandoc(command.help or "").strip()
    if doc:
        out.append(doc)
        out.append("")
    params = [
        p
        for p in command.params
        if not getattr(p, "hidden", False) and p.name not in ("help", "version")
    ]
    if params:
        for p in params:
            out.append(_param_line(p))
        out.append("")
    subcommands = getattr(command, "commands", None)
    if subcommands:
        for sub_name in sorted(subcommands):
            sub = subcommands[sub_name]
            if getattr(sub, "hidden", False):
                continue
            _render(sub, [*path, sub_name], out)


def render_reference() -> str:
    """The Markdown CLI reference of every ``runcoach`` command, option and argument."""
    from runcoach.cli.app import create_app

    root = _command_tree(create_app())
    out = [
        "# CLI reference",
        "",
        "Generated from the code by `python -m runcoach.cli.reference > docs/cli.md`; "
        "do not edit by hand.",
        "",
        "Conventions for every command (DESIGN.md §9): readable tables by default, `--json` prints "
        "only JSON on stdout (SI units, ISO 8601 dates); messages and progress go to stderr; exit "
        "code 0 on success, 1 for bad input or a failed operation (one sentence, no traceback), 2 "
        "for usage errors; `--debug` or `RUNCOACH_DEBUG=1` shows the traceback.",
        "",
    ]
    _render(root, ["runcoach"], out)
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover - exercised by the docs test through render_reference
    import sys

    sys.stdout.write(render_reference())
