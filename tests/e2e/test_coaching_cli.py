"""Adaptive coaching through the installed command: import real files, review, accept, export,
undo — and advice for a run/walker without a plan (STORIES.md 2–4, issue 5)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from runcoach.bootstrap import open_services
from runcoach.domain.plan.inputs import PlanInputs
from runcoach.domain.plan.model import RaceGoal
from runcoach.domain.plan.progression import build_plan
from tests.conftest import DATA, CliRunner

FIT_2021 = DATA / "activities" / "fit" / "fitparse__strava-android-app-201.10-b1218918.fit"
TCX_2012 = DATA / "activities" / "tcx" / "tcxparser__no_hr.tcx"
START = date(2021, 9, 13)  # the Monday two weeks before the real FIT run of 2021-09-27


def store_plan(database_url: str) -> None:
    """A half-marathon plan from 2021-09-13 (``runcoach plan new`` builds the same engine plan)."""
    plan = build_plan(
        PlanInputs(
            start=START,
            weekly_volume_m=30000,
            longest_run_m=12000,
            days_per_week=4,
            race=RaceGoal(21097.5, START + timedelta(weeks=11, days=6), goal_time_s=6600),
            vdot=42.0,
            age=50,
        )
    )
    with open_services(database_url=database_url) as svc:
        svc.plans.create(plan, reasons=[{"rule": "PHASES", "text": "new plan"}])


def test_import_review_accept_export_undo(
    cli: CliRunner, database_url: str, tmp_path: Path
) -> None:
    store_plan(database_url)
    cli("log", "import", str(FIT_2021), str(TCX_2012))
    for day in ("2021-09-14", "2021-09-16", "2021-09-19", "2021-09-21", "2021-09-23"):
        cli("log", "add", "--date", day, "--time", "45:00", "--distance", "7km", "--rpe", "3")
    cli(
        "log",
        "add",
        "--date",
        "2021-10-04",
        "--time",
        "50:00",
        "--distance",
        "8km",
        "--rpe",
        "5",
        "--pain",
        "6",
        "--pain-location",
        "knee",
    )

    # The knee is worse this morning: the review proposes a change and says why.
    proc = cli(
        "plan",
        "review",
        "--today",
        "2021-10-05",
        "--pain",
        "7",
        "--pain-location",
        "knee",
        "--json",
    )
    doc = json.loads(proc.stdout)
    assert doc["changed"] is True
    assert doc["plan"]["schema"] == "runcoach.plan/1"
    rules = [r["rule"] for r in doc["reasons"]]
    assert "ADAPT-PAIN-REDUCE" in rules and "ADAPT-PAIN-PROFESSIONAL" in rules
    assert doc["diff"] and {"start_date", "before", "after", "changes", "sessions"} <= set(
        doc["diff"][0]
    )
    assert any(w["phase"] == "return" for w in doc["plan"]["weeks"])
    assert "proposed" in proc.stderr

    # Nothing is applied before accept; accept makes it current.
    today_before = json.loads(cli("today", "--today", "2021-10-05", "--json").stdout)
    assert today_before["review_proposes_change"] is True
    accepted = json.loads(cli("plan", "accept", "--json").stdout)
    assert accepted["status"] == "current"
    shown = json.loads(cli("today", "--today", "2021-10-05", "--json").stdout)
    assert all(s["session"]["kind"] not in ("easy", "long", "tempo") for s in shown["sessions"])

    # The accepted plan goes to the calendar.
    ics = tmp_path / "plan.ics"
    cli("export", "ics", "--out", str(ics))
    text = ics.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR")
    assert "Run/walk" in text or "Cross-training" in text

    # Undo returns to the version before; the history keeps all of them.
    undone = json.loads(cli("plan", "undo", "--json").stdout)
    assert undone["version"] == 1 and undone["status"] == "current"
    history = json.loads(cli("plan", "history", "--json").stdout)
    assert [v["status"] for v in history] == ["current", "undone"]
    readable = cli("plan", "history").stdout
    assert "ADAPT-PAIN-REDUCE" in readable


def test_review_without_plan_is_one_sentence(cli: CliRunner) -> None:
    proc = cli("plan", "review", "--today", "2027-03-01", expect=1)
    assert "no current plan" in proc.stderr and "Traceback" not in proc.stderr
    bad = cli("plan", "review", "--today", "2027-13-01", expect=1)
    assert "--today" in bad.stderr and "2027-13-01" in bad.stderr
    nothing = cli("plan", "accept", expect=1)
    assert "no proposed plan change" in nothing.stderr


def test_bad_review_inputs_name_the_flag(cli: CliRunner, database_url: str) -> None:
    store_plan(database_url)
    proc = cli("plan", "review", "--today", "2021-10-05", "--race-date", "2021-09-01", expect=1)
    assert "--race-date" in proc.stderr and "Traceback" not in proc.stderr
    proc = cli("plan", "review", "--today", "2021-10-05", "--pain", "11", expect=1)
    assert "--pain" in proc.stderr
    proc = cli("plan", "review", "--today", "2021-10-05", "--ill-until", "2021-10-01", expect=1)
    assert "--ill-since" in proc.stderr


def test_a_run_walker_asks_when_to_increase(cli: CliRunner) -> None:
    """Story 2: Charles run/walks 2 miles on 4 days a week and logs effort and pain."""
    cli("athlete", "init", "--age", "62", "--beginner", "--units", "mi")
    sunday = date(2027, 4, 4)
    days = [
        sunday - timedelta(days=d)
        for week in range(3)
        for d in (7 * week + 6, 7 * week + 4, 7 * week + 2, 7 * week)
    ]
    for day in sorted(days)[4:]:  # two weeks first
        cli(
            "log",
            "add",
            "--date",
            day.isoformat(),
            "--time",
            "40:00",
            "--distance",
            "2mi",
            "--rpe",
            "4",
            "--pain",
            "1",
            "--pain-location",
            "knee",
        )
    hold = json.loads(cli("advice", "--today", sunday.isoformat(), "--json").stdout)
    assert hold["verdict"] == "hold"
    for day in sorted(days)[:4]:  # the week before
        cli(
            "log",
            "add",
            "--date",
            day.isoformat(),
            "--time",
            "40:00",
            "--distance",
            "2mi",
            "--rpe",
            "4",
            "--pain",
            "1",
            "--pain-location",
            "knee",
        )
    doc = json.loads(cli("advice", "--today", sunday.isoformat(), "--json").stdout)
    assert doc["verdict"] == "increase"
    assert doc["run_walk"] is True
    assert [w["runs"] for w in doc["weeks"][-3:]] == [4, 4, 4]
    assert round(doc["weeks"][-1]["distance_m"]) == round(4 * 2 * 1609.344)
    assert doc["pain"]["level"] == "fine"
    readable = cli("advice", "--today", sunday.isoformat()).stdout
    assert "8.0 mi" in readable and "run segment" in readable
