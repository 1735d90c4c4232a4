"""The installed calculators: paces, predict, goal and race-day (tables, JSON, bad input)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import CliRunner


def test_paces_age_grade(cli: CliRunner) -> None:
    doc = json.loads(
        cli("paces", "--race", "half=1:55:00", "--age", "55", "--sex", "F", "--json").stdout
    )
    assert doc["age_grade"]["percent"] == 66.38  # COACHING oracle table E, 2025 tables
    assert doc["age_grade"]["level"] == "local class"
    text = cli("paces", "--race", "half=1:55:00", "--age", "55", "--sex", "F").stdout
    assert "Age grade: 66.4 % (local class)" in text


def test_predict_json(cli: CliRunner) -> None:
    doc = json.loads(
        cli("predict", "--race", "10k=45:00", "--weekly-volume", "50km", "--json").stdout
    )
    by_label = {p["label"]: p for p in doc["predictions"]}
    assert set(by_label) == {"5k", "10k", "half", "marathon"}
    marathon = by_label["marathon"]
    assert marathon["method"] == "recreational_marathon"
    assert marathon["low_seconds"] < marathon["seconds"] < marathon["high_seconds"]
    methods = {a["method"] for a in marathon["alternatives"]}
    assert methods == {"riegel", "cameron", "daniels_vdot"}
    assert by_label["10k"]["seconds"] == 2700.0
    assert doc["weekly_distance_m"] == 50000.0


def test_predict_table_in_miles(cli: CliRunner) -> None:
    out = cli(
        "predict",
        "--race",
        "half=1:30:00",
        "--distance",
        "marathon",
        "--weekly-volume",
        "60mi",
        "--training-pace",
        "7:45/mi",
        "--units",
        "mi",
    ).stdout
    assert "/mi" in out
    assert "Tanda" in out
    assert "80 % range" in out


def test_goal_bq_story(cli: CliRunner) -> None:
    # STORIES.md §5: Matt, 4:50 marathoner, 41, wants a BQ (3:05): ~36 % away, multi-year.
    args = ["goal", "--bq", "--age", "41", "--sex", "M", "--recent-race", "marathon=4:50:00"]
    doc = json.loads(cli(*args, "--today", "2026-01-10", "--json").stdout)
    assert doc["bq"]["standard_s"] == 3 * 3600 + 5 * 60
    assert doc["bq"]["boston_year"] == 2027
    assert doc["bq"]["with_last_cutoff_s"] == 3 * 3600 + 26
    assert doc["gap_pct"] == pytest.approx(36.2, abs=0.1)
    assert doc["verdict"] == "multi-cycle"
    assert doc["today"] == "2026-01-10"
    assert len(doc["projection"]) == 5
    assert doc["assumptions"]
    text = cli(*args, "--today", "2026-01-10").stdout
    assert "multi-cycle" in text and "Boston 2027" in text and "never a guarantee" in text


def test_goal_downhill_course(cli: CliRunner) -> None:
    doc = json.loads(
        cli(
            "goal",
            "--bq",
            "--birth-date",
            "1985-06-01",
            "--sex",
            "M",
            "--recent-race",
            "marathon=3:04:00",
            "--race-date",
            "2026-10-01",
            "--net-downhill-ft",
            "2000",
            "--today",
            "2026-01-10",
            "--json",
        ).stdout
    )
    bq = doc["bq"]
    assert bq["boston_year"] == 2028 and bq["standards_published"] is False
    assert bq["age_on_race_day"] == 42
    assert bq["net_downhill_allowance_s"] == 300
    assert bq["required_s"] == 3 * 3600
    assert doc["gap_pct"] > 0  # 3:04 on that course does not qualify


def test_goal_half_to_sub_four(cli: CliRunner) -> None:
    doc = json.loads(
        cli(
            "goal",
            "--race",
            "marathon",
            "--goal-time",
            "3:59:59",
            "--recent-race",
            "half=1:55:00",
            "--age",
            "50",
            "--race-date",
            "2026-10-11",
            "--today",
            "2026-05-01",
            "--json",
        ).stdout
    )
    assert doc["current"]["method"] == "recreational_marathon_no_volume"
    assert doc["verdict"] == "realistic"
    assert doc["weeks_to_race"] == 23
    assert doc["bq"] is None


def test_race_day_story(cli: CliRunner) -> None:
    # STORIES.md §6: pacing per mile/km and carbohydrate-loading grams for the last two days.
    args = ["race-day", "--race", "marathon", "--goal-time", "2:39:00", "--weight", "64kg"]
    doc = json.loads(cli(*args, "--json").stdout)
    assert doc["splits"][-1]["elapsed_s"] == 9540.0
    assert doc["fuelling"]["carb_load_g_per_day"] == [640.0, 768.0]
    out = cli(*args, "--split", "negative", "--units", "mi").stdout
    assert "/mi" in out and "640–768 g carbohydrate per day" in out and "negative" in out


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["predict", "--race", "10k=4500"], "'4500'"),
        (["paces", "--race", "10k=45:00", "--age", "-3", "--sex", "F"], "--age -3"),
        (["goal", "--bq", "--age", "-3", "--sex", "M", "--recent-race", "5k=25:00"], "--age -3"),
        (["predict", "--race", "marathon=2:00"], "faster than the world record"),
        (["race-day", "--race", "marathon", "--goal-time", "2:00"], "world record"),
        (
            [
                "goal",
                "--race",
                "marathon",
                "--goal-time",
                "3:00:00",
                "--recent-race",
                "10k=45:00",
                "--sex",
                "Q",
            ],
            "--sex 'Q'",
        ),
        (["race-day", "--race", "marathon", "--goal-time", "3:00:00", "--weight", "64"], "no unit"),
        (["goal", "--bq", "--sex", "M", "--recent-race", "5k=25:00"], "--bq needs --age"),
        (["predict", "--race", "10k=45:00", "--distance", "100km"], "outside what the predictors"),
    ],
)
def test_bad_input_is_one_sentence(cli: CliRunner, args: list[str], fragment: str) -> None:
    proc = cli(*args, expect=1)
    assert fragment in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1
