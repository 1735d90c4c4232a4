"""Option types shared by several commands (one definition, the same help everywhere)."""

from __future__ import annotations

from datetime import date
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


def resolve_today(text: str | None) -> date:
    """The date to use as today: ``--today`` when given (replays a scenario), else the clock."""
    if text is None:
        return date.today()
    from runcoach.domain.units import parse_date

    return parse_date(text, what="--today")
