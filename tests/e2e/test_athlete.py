"""`runcoach athlete init/show/race` and `runcoach where`, through the installed command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CliRunner

FULL_INIT = (
    "athlete", "init", "--name", "Ana", "--age", "52", "--sex", "F", "--units", "mi",
    "--weekly-volume", "30mi", "--longest-run", "16km", "--days", "5",
    "--available", "mon,tue,thu,sat,sun", "--long-day", "sun",
    "--recent-race", "10k=48:00", "--recent-race", "half=1:45:00",
    "--injury-prone", "--lifts-weights", "--weight", "64kg", "--hr-max", "178",
    "--hr-rest", "52", "--injury", "Achilles tendinopathy 2025",
)  # fmt: skip


def profile(cli: CliRunner) -> dict[str, object]:
    doc: dict[str, object] = json.loads(cli("athlete", "show", "--json").stdout)
    return doc


def test_init_stores_every_field_in_si_units(cli: CliRunner, tmp_path: Path) -> None:
    proc = cli(*FULL_INIT)
    assert "Saved the profile of Ana." in proc.stderr
    assert "Achilles tendinopathy 2025" in proc.stdout
    assert profile(cli) == {
        "name": "Ana",
        "age": 52,
        "sex": "F",
        "units": "mi",
        "weekly_volume_m": 48280.32,
        "longest_run_m": 16000.0,
        "days_per_week": 5,
        "available_days": ["mon", "tue", "thu", "sat", "sun"],
        "long_run_day": "sun",
        "races": [
            {"distance_m": 10000.0, "time_s": 2880.0, "date": None, "name": None, "label": "10k"},
            {"distance_m": 21097.5, "time_s": 6300.0, "date": None, "name": None, "label": "half"},
        ],
        "injury_prone": True,
        "beginner": False,
        "lifts_weights": True,
        "weight_kg": 64.0,
        "hr_max_bpm": 178.0,
        "hr_rest_bpm": 52.0,
        "injuries": ["Achilles tendinopathy 2025"],
    }
    # units go to config.toml too, so other commands know them without the database
    assert 'units = "mi"' in (tmp_path / "cli-home" / "config.toml").read_text()


def test_init_json_prints_only_json(cli: CliRunner) -> None:
    proc = cli("athlete", "init", "--name", "Bo", "--json")
    assert json.loads(proc.stdout)["name"] == "Bo"


def test_init_again_updates_only_the_given_flags_and_reset_starts_over(cli: CliRunner) -> None:
    cli(*FULL_INIT)
    cli(
        "athlete",
        "init",
        "--weekly-volume",
        "50km",
        "--not-injury-prone",
        "--recent-race",
        "5k=22:00",
    )
    doc = profile(cli)
    assert (doc["weekly_volume_m"], doc["injury_prone"], doc["age"]) == (50000.0, False, 52)
    assert [r["label"] for r in doc["races"]] == ["10k", "half", "5k"]  # type: ignore[attr-defined]
    cli("athlete", "init", "--reset", "--name", "Ana")
    doc = profile(cli)
    assert (doc["age"], doc["races"], doc["injuries"]) == (None, [], [])


def test_show_in_the_tables_uses_the_units(cli: CliRunner) -> None:
    cli(*FULL_INIT)
    out = cli("athlete", "show").stdout
    assert "30.0 mi" in out and "7:43/mi" in out
    assert "48.3 km" in cli("athlete", "show", "--units", "km").stdout


def test_race_adds_a_dated_result(cli: CliRunner) -> None:
    cli(*FULL_INIT)
    proc = cli(
        "athlete", "race", "5k=22:30", "--date", "2026-09-01", "--name", "Parkrun", "--json",
        "--today", "2026-09-02",
    )  # fmt: skip
    assert json.loads(proc.stdout)["date"] == "2026-09-01"
    races = profile(cli)["races"]
    assert races[0] == {  # type: ignore[index]
        "distance_m": 5000.0,
        "time_s": 1350.0,
        "date": "2026-09-01",
        "name": "Parkrun",
        "label": "5k",
    }


def test_race_without_profile_creates_one(cli: CliRunner) -> None:
    cli("athlete", "race", "10k=50:00")
    assert profile(cli)["name"] == "runner"


def test_show_without_profile_is_one_sentence(cli: CliRunner) -> None:
    proc = cli("athlete", "show", expect=1)
    assert "there is no athlete profile yet" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("athlete", "init", "--age", "-3"), "--age -3 is not a plausible age"),
        (("athlete", "init", "--sex", "Q"), "--sex 'Q' is not one of F, M or X"),
        (("athlete", "init", "--weight", "64"), "--weight '64' has no unit"),
        (("athlete", "init", "--days", "9"), "--days 9 is not a number of days"),
        (("athlete", "init", "--available", "mon,funday"), "'funday' is not a weekday"),
        (("athlete", "init", "--weekly-volume", "40"), "--weekly-volume '40' has no unit"),
        (("athlete", "init", "--recent-race", "10k=4800"), "'4800' is ambiguous"),
        (("athlete", "init", "--hr-rest", "90", "--hr-max", "85"), "--hr-max 85 is not plausible"),
        (
            ("athlete", "race", "10k=48:00", "--date", "2027-13-01"),
            "--date '2027-13-01' is not a date",
        ),
        (
            ("athlete", "race", "10k=48:00", "--date", "2027-02-01", "--today", "2027-01-01"),
            "--date 2027-02-01 is in the future",
        ),
    ],
)
def test_bad_input_is_one_sentence_and_changes_nothing(
    cli: CliRunner, args: tuple[str, ...], message: str
) -> None:
    cli(*FULL_INIT)
    before = profile(cli)
    proc = cli(*args, expect=1)
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert profile(cli) == before


def test_where_names_the_store_and_versions(cli: CliRunner, database_url: str) -> None:
    doc = json.loads(cli("where", "--json").stdout)
    assert doc["database"]["backend"] == database_url.split(":")[0].split("+")[0]
    assert doc["database"]["schema_revision"] == "0001"
    assert {"runcoach", "python", "sqlalchemy", "alembic"} <= set(doc["versions"])
    assert doc["data_dir"].endswith("cli-home")
    assert "Schema revision" in cli("where").stdout


def test_where_hides_the_password(cli: CliRunner) -> None:
    proc = cli(
        "where",
        extra_env={"RUNCOACH_DATABASE_URL": "postgresql+psycopg://bob:s3cret@127.0.0.1:1/x"},
        expect=1,
    )
    assert "bob:***@127.0.0.1:1/x" in proc.stderr
    assert "s3cret" not in proc.stderr + proc.stdout


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("nonsense", "is not a valid SQLAlchemy URL"),
        ("mysql://u@h/x", "runcoach supports sqlite and postgresql"),
    ],
)
def test_a_broken_database_url_is_one_sentence(cli: CliRunner, url: str, message: str) -> None:
    proc = cli("athlete", "show", extra_env={"RUNCOACH_DATABASE_URL": url}, expect=1)
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_a_database_file_that_is_not_sqlite_is_refused_and_kept(
    cli: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "photo.db"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(4096))
    proc = cli(
        "athlete", "init", "--name", "X", extra_env={"RUNCOACH_DATABASE_URL": f"sqlite:///{path}"},
        expect=1,
    )  # fmt: skip
    assert "is not a SQLite database" in proc.stderr
    assert path.read_bytes() == b"\x89PNG\r\n\x1a\n" + bytes(4096)
