"""``runcoach export all FILE`` and ``runcoach import all FILE``: the whole store as one JSON file.

``register(app)`` must run after the ``export`` group exists (``cli/export.py``): it adds ``all``
to that group and creates the ``import`` group.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from runcoach.cli.options import JsonOption

FileArgument = Annotated[
    Path,
    typer.Argument(
        help="The backup file (JSON; a name ending in .gz is compressed).", metavar="FILE"
    ),
]


def register(app: typer.Typer) -> None:
    """Add ``export all`` (to the existing ``export`` group) and ``import all``."""
    export_app = _group(app, "export")
    if export_app is None:
        export_app = typer.Typer(
            name="export", help="Export plans, the log and the whole store.", no_args_is_help=True
        )
        app.add_typer(export_app)
    export_app.command("all")(export_all)
    import_app = typer.Typer(
        name="import",
        help="Load a whole-store backup written by `runcoach export all`.",
        no_args_is_help=True,
    )
    import_app.command("all")(import_all)
    app.add_typer(import_app)


def _group(app: typer.Typer, name: str) -> typer.Typer | None:
    for info in app.registered_groups:
        instance = info.typer_instance
        if instance is not None and (info.name or instance.info.name) == name:
            return instance
    return None


def export_all(
    file: FileArgument,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    json_out: JsonOption = False,
) -> None:
    """Write the whole store to one JSON file, a backup for `runcoach import all`.

    It holds the profile, races, every plan version and every activity with laps and samples.
    """
    from runcoach.bootstrap import open_services
    from runcoach.cli.output import info, print_json
    from runcoach.domain.errors import InputError

    if file.exists() and not force:
        raise InputError(f"{file} already exists; choose another name or pass --force.")
    if file.parent and not file.parent.is_dir():
        raise InputError(f"folder {file.parent} does not exist.")
    with open_services() as svc:
        counts = svc.backup.write_export(file)
    info(
        f"Exported {counts['athletes']} athlete(s), {counts['plan_versions']} plan version(s) and "
        f"{counts['activities']} activities to {file}."
    )
    if json_out:
        print_json({"file": str(file), **counts})


def import_all(file: FileArgument, json_out: JsonOption = False) -> None:
    """Load a backup written by `runcoach export all` into an empty store."""
    from runcoach.bootstrap import open_services
    from runcoach.cli.output import info, print_json
    from runcoach.config import write_config_value

    with open_services() as svc:
        counts = svc.backup.read_import(file)
        profile = svc.profiles.get()
    if profile is not None:
        write_config_value("units", profile.units)
    info(
        f"Imported {counts['athletes']} athlete(s), {counts['plan_versions']} plan version(s) and "
        f"{counts['activities']} activities from {file}."
    )
    if json_out:
        print_json({"file": str(file), **counts})
