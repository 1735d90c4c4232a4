"""Builds the Typer application from the command modules."""

from __future__ import annotations

import typer

from runcoach import __version__


def _version(value: bool) -> None:
    if value:
        typer.echo(f"runcoach {__version__}")
        raise typer.Exit()


def create_app() -> typer.Typer:
    """The ``runcoach`` Typer app with every command registered."""
    from runcoach.cli import athlete, backup, calculators, coach, export, log, plan, status

    app = typer.Typer(
        name="runcoach",
        help=(
            "A running coach built on the principle of progression: paces, predictions, goals, "
            "plans that progress safely, a training log, and exports."
        ),
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode="markdown",
    )

    @app.callback()
    def _root(
        version: bool = typer.Option(
            False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
        debug: bool = typer.Option(
            False, "--debug", help="Show the full traceback when something fails."
        ),
    ) -> None:
        """runcoach: coaching by the principle of progression."""

    calculators.register(app)
    athlete.register(app)
    export.register(app)
    backup.register(app)  # adds `all` to the export group: after export.register
    log.register(app)
    coach.register(app)
    plan.register(app)  # the plan group also holds coach's review/accept/undo/history
    status.register(app)
    return app
