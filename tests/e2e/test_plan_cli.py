"""The installed ``runcoach`` makes, shows, explains and checks plans (issue 3).

Every test runs on each database backend of the ``cli`` fixture (SQLite, and PostgreSQL when
``RUNCOACH_TEST_DATABASE_URL`` is set).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from runcoach.domain.plan.checks import check_plan
from runcoach.domain.plan.model import SCHEMA, Plan
from tests.conftest import CliRunner

TODAY = "2027-06-01"
PROFILES = [
    # The README's first command: a first marathon from 40 km a week, no race result.
    [
        "--race", "marathon", "--race-date", "2027-10-10", "--start", "2027-06-07",
        "--weekly-volume", "40km", "--longest-run", "16km", "--days", "5",
    ],
    # Kris (story 1): 4 days, 22 miles, a half.
    [
        "--race", "half", "--race-date", "2027-09-26", "--weekly-volume", "22mi",
        "--longest-run", "9mi", "--days", "4", "--units", "mi", "--recent-race", "10k=52:00",
    ],
    # Paul (story 3): 50, injury-prone, first marathon, a half in 1:55.
    [
        "--race", "marathon", "--race-date", "2027-11-07", "--weekly-volume", "35km",
        "--longest-run", "16km", "--days", "4", "--available", "tue,thu,sat,sun",
        "--long-day", "sun", "--age", "50", "--injury-prone", "--recent-race", "half=1:55:00",
        "--goal-time", "3:59:59",
    ],
    # Charles (story 2): a beginner who run/walks.
    ["--race", "5k", "--race-date", "2027-09-05", "--weekly-volume", "8km",
     "--longest-run", "3km", "--days", "3", "--beginner"],
    # A base plan without a race.
    ["--weekly-volume", "30km", "--longest-run", "10km", "--days", "4", "--weeks", "8"],
]  # fmt: skip


def _plan(stdout: str) -> Plan:
    doc = json.loads(stdout)
    assert doc["schema"] == SCHEMA
    return Plan.from_dict(doc)


@pytest.mark.parametrize("flags", PROFILES, ids=["readme", "kris", "paul", "charles", "base"])
def test_plan_new_json_is_the_contract_and_safe(cli: CliRunner, flags: list[str]) -> None:
    proc = cli("plan", "new", *flags, "--json", "--today", TODAY)
    plan = _plan(proc.stdout)  # nothing but the JSON on stdout
    assert check_plan(plan) == []
    assert plan.weeks and all(w.reasons for w in plan.weeks)
    # The plan is saved: `plan show --json` gives it back.
    shown = json.loads(cli("plan", "show", "--json").stdout)
    assert shown == json.loads(proc.stdout)


def test_readme_first_command_is_the_readme_profile() -> None:
    """The README's first command is the profile tested above (run on a fresh home by every
    backend of the ``cli`` fixture)."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    first = next(line for line in readme.splitlines() if "bin/runcoach " in line)
    assert first.split("bin/runcoach ", 1)[1].split() == ["plan", "new", *PROFILES[0]]


def test_plan_new_prints_a_weekly_table_with_a_sparkline(cli: CliRunner) -> None:
    out = cli("plan", "new", *PROFILES[0], "--today", TODAY).stdout
    assert "Volume" in out and any(ch in out for ch in "▁▂▃▄▅▆▇█")
    assert "↓" in out, "down weeks are marked"
    assert "Saved as plan" not in out, "messages go to stderr"


def test_plan_new_reads_the_stored_profile_and_flags_override_it(cli: CliRunner) -> None:
    cli(
        "athlete", "init", "--weekly-volume", "30mi", "--longest-run", "12mi", "--days", "5",
        "--units", "mi", "--age", "41", "--sex", "M", "--recent-race", "marathon=4:50:00",
    )  # fmt: skip
    doc = json.loads(
        cli(
            "plan", "new", "--race", "marathon", "--race-date", "2027-10-10", "--days", "4",
            "--json", "--today", TODAY,
        ).stdout
    )  # fmt: skip
    athlete = doc["athlete"]
    assert athlete["units"] == "mi" and athlete["age"] == 41
    assert athlete["days_per_week"] == 4, "the flag wins over the profile"
    assert abs(athlete["weekly_volume_m"] - 30 * 1609.344) < 1
    assert doc["vdot"] is not None, "the stored race sets the paces"
    assert doc["start_date"] == "2027-06-07", "default start: the next Monday"


def test_a_plan_made_in_miles_sets_miles_for_every_command(cli: CliRunner) -> None:
    flags = [
        "--race", "half", "--race-date", "2027-09-26", "--weekly-volume", "22mi",
        "--longest-run", "9mi", "--days", "4", "--units", "mi", "--today", TODAY,
    ]  # fmt: skip
    made = cli("plan", "new", *flags)
    assert "units are now mi" in made.stderr
    calendar = cli("export", "ics", "--today", TODAY).stdout
    assert " mi" in calendar and " km" not in calendar, "the calendar speaks the plan's units"
    assert "Volume (mi)" in cli("plan", "show").stdout
    again = cli("plan", "new", *flags)
    assert "units are now" not in again.stderr, "said once"


def test_plan_why_explains_a_week_with_its_rules(cli: CliRunner) -> None:
    cli("plan", "new", *PROFILES[1], "--today", TODAY)
    doc = json.loads(cli("plan", "show", "--json").stdout)
    down = next(w["index"] for w in doc["weeks"] if w["is_down_week"])
    out = cli("plan", "why", str(down)).stdout
    assert "DOWN-CADENCE" in out and "DOWN-DROP-RUN" in out and "sleep" in out
    why = json.loads(cli("plan", "why", str(down), "--json").stdout)
    assert why["is_down_week"] and all(r["source"] for r in why["reasons"])
    bad = cli("plan", "why", "99", expect=1)
    assert "week 99 is not in the plan" in bad.stderr and "Traceback" not in bad.stderr


def test_plan_show_month_and_year_views(cli: CliRunner) -> None:
    cli("plan", "new", *PROFILES[0], "--today", TODAY)
    months = json.loads(cli("plan", "show", "--view", "month", "--json").stdout)["rows"]
    assert [r["period"] for r in months] == ["2027-06", "2027-07", "2027-08", "2027-09", "2027-10"]
    assert sum(r["weeks"] for r in months) == 18
    years = json.loads(cli("plan", "show", "--view", "year", "--json").stdout)["rows"]
    assert len(years) == 1 and years[0]["races"]
    text = cli("plan", "show", "--units", "mi").stdout
    assert "Volume (mi)" in text


def test_plan_check_passes_our_json_and_flags_a_coachs_40_percent_jump(
    cli: CliRunner, tmp_path: Path
) -> None:
    good = tmp_path / "plan.json"
    good.write_text(cli("plan", "new", *PROFILES[0], "--json", "--today", TODAY).stdout)
    ok = cli("plan", "check", str(good))
    assert "No safety rule is broken" in ok.stdout
    csv = tmp_path / "coach.csv"
    csv.write_text(
        "date,kind,distance\n"
        "2027-06-07,easy,8km\n2027-06-09,tempo,10km\n2027-06-13,long,16km\n"
        "2027-06-14,easy,12km\n2027-06-16,intervals,12km\n2027-06-20,long,17.5km\n"
    )
    bad = cli("plan", "check", str(csv), expect=1)
    assert "RAMP-WEEKLY (week 2)" in bad.stdout
    doc = json.loads(cli("plan", "check", str(csv), "--json", expect=1).stdout)
    assert doc["ok"] is False
    assert {v["rule"] for v in doc["violations"]} >= {"RAMP-WEEKLY"}


def test_plan_check_reports_bad_files_in_one_sentence(cli: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_text("date,kind,distance\n2027-06-07,easy,8km\n2027-13-01,easy,5km\n")
    proc = cli("plan", "check", str(broken), expect=1)
    assert "line 3" in proc.stderr and "'2027-13-01'" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    missing = cli("plan", "check", str(tmp_path / "nope.json"), expect=1)
    assert "no such file" in missing.stderr


def test_plan_new_bad_input_is_one_sentence(cli: CliRunner) -> None:
    for args, needle in [
        (["--race", "marathon", "--weekly-volume", "40km"], "--race needs --race-date"),
        (["--race", "ultra", "--race-date", "2027-10-10", "--weekly-volume", "40km"], "'ultra'"),
        (["--race", "5k", "--race-date", "2027-10-10", "--weekly-volume", "40km", "--days", "9"],
         "--days 9"),
        (["--race", "10k", "--race-date", "2027-06-10", "--weekly-volume", "40km"], "4 to 30 weeks"),
    ]:  # fmt: skip
        proc = cli("plan", "new", *args, "--today", TODAY, expect=1)
        assert needle in proc.stderr and "Traceback" not in proc.stderr


def test_season_new_plans_several_races_with_recovery_and_a_projection(cli: CliRunner) -> None:
    doc = json.loads(
        cli(
            "season", "new",
            "--race", "half@2027-09-19:B", "--race", "marathon@2027-10-17:A",
            "--race", "marathon@2028-10-15",
            "--weekly-volume", "50km", "--longest-run", "18km", "--days", "5",
            "--recent-race", "marathon=4:50:00", "--age", "41", "--sex", "M", "--bq",
            "--start", "2027-01-04", "--json", "--today", "2027-01-01",
        ).stdout
    )  # fmt: skip
    plan = Plan.from_dict(doc)
    assert plan.kind == "season" and check_plan(plan) == []
    assert [r.priority for r in plan.races] == ["B", "A", "A"]
    phases = [w.phase for w in plan.weeks]
    assert phases.count("recovery") == 6, "3 easy weeks after each marathon"
    cycles = doc["projection"]["cycles"]
    assert cycles[1]["peak_m"] > cycles[0]["peak_m"]
    far = doc["projection"]["far_goal"]
    assert far["verdict"] == "multi-cycle" and far["by_year"] and far["assumptions"]


def test_the_plan_group_holds_the_review_commands(cli: CliRunner) -> None:
    out = cli("plan", "--help").stdout
    for command in ("new", "show", "why", "check", "review", "accept", "undo"):
        assert command in out
