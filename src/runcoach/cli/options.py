"""Option types shared by several commands (one definition, the same help everywhere)."""

from __future__ import annotations

from typing import Annotated

import typer

JsonOption = Annotated[
    bool,
    typer.Option("--json", help="Print JSON (SI units, ISO dates) on stdout instead of tables."),
]
UnitsOption = Annotated[
    str | None,
    typer.Option(
        "--units", help="Units to show distances and paces in: km or mi.", metavar="km|mi"
    ),
]
TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today", help="Use this date as today (YYYY-MM-DD), to replay a scenario.", metavar="DATE"
    ),
]
