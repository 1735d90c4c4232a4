"""`runcoach export all` / `runcoach import all` through the installed command."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import CliRunner


def test_export_all_then_import_all_into_an_empty_store(cli: CliRunner, tmp_path: Path) -> None:
    cli(
        "athlete",
        "init",
        "--name",
        "Ana",
        "--age",
        "41",
        "--units",
        "mi",
        "--recent-race",
        "10k=48:00",
    )
    cli("athlete", "race", "half=1:45:00", "--date", "2026-10-04", "--today", "2026-11-01")
    backup = tmp_path / "backup.json.gz"
    counts = json.loads(cli("export", "all", str(backup), "--json").stdout)
    assert (counts["athletes"], counts["races"]) == (1, 2)

    target = {
        "RUNCOACH_DATABASE_URL": f"sqlite:///{tmp_path / 'other.db'}",
        "RUNCOACH_HOME": str(tmp_path / "other-home"),
    }
    proc = cli("import", "all", str(backup), "--json", extra_env=target)
    assert json.loads(proc.stdout)["races"] == 2
    original = json.loads(cli("athlete", "show", "--json").stdout)
    restored = json.loads(cli("athlete", "show", "--json", extra_env=target).stdout)
    assert restored == original
    assert 'units = "mi"' in (tmp_path / "other-home" / "config.toml").read_text()

    again = cli("import", "all", str(backup), extra_env=target, expect=1)
    assert "the store is not empty" in again.stderr


def test_export_all_refuses_to_overwrite(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "keep.json"
    path.write_text("precious")
    proc = cli("export", "all", str(path), expect=1)
    assert "already exists" in proc.stderr and path.read_text() == "precious"
    cli("export", "all", str(path), "--force")
    assert json.loads(path.read_text())["schema"] == "runcoach.export/1"


def test_import_all_of_a_file_that_is_not_a_backup(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps({"schema": "runcoach.plan/1"}))
    proc = cli("import", "all", str(path), expect=1)
    assert "it is not a runcoach export" in proc.stderr
    assert "Traceback" not in proc.stderr
