"""The installed command: help, version, and the error conventions of DESIGN.md §9."""

from __future__ import annotations

import json

from tests.conftest import CliRunner


def test_help_lists_commands(cli: CliRunner) -> None:
    out = cli("--help").stdout
    assert "paces" in out


def test_paces_json_contract(cli: CliRunner) -> None:
    doc = json.loads(cli("paces", "--race", "10k=45:00", "--json").stdout)
    assert set(doc["paces_s_per_km"]) == {
        "easy_fast",
        "easy_slow",
        "marathon",
        "threshold",
        "interval",
        "repetition",
    }
    assert doc["vdot"] == 45.26
    assert doc["equivalents_s"]["10k"] == 2700.0


def test_bad_race_is_one_sentence_exit_1(cli: CliRunner) -> None:
    proc = cli("paces", "--race", "10k=4500", expect=1)
    assert "Traceback" not in proc.stderr
    assert "'4500'" in proc.stderr
    assert proc.stdout == ""


def test_usage_error_exits_2(cli: CliRunner) -> None:
    proc = cli("paces", "--no-such-flag", expect=2)
    assert "No such option" in proc.stderr
