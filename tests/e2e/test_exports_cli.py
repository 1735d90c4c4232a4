"""Exports through the installed CLI, from the stored plan, log and metrics (and plan files)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import icalendar
import pytest
from garmin_fit_sdk import Decoder, Stream

from runcoach.domain.plan.model import Plan
from runcoach.exporters.fit_workout import is_structured
from runcoach.exporters.plan_csv import plan_from_csv
from tests.conftest import CliRunner
from tests.e2e.export_seed import seed_store, store_revision
from tests.unit.exporters.log_fixture import TODAY, build_log
from tests.unit.exporters.sample_plan import drop_session


def events(path: Path) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_calendar_follows_the_stored_plan_across_versions(
    cli: CliRunner, database_url: str, tmp_path: Path
) -> None:
    plan = seed_store(database_url, log=False)
    out = tmp_path / "plan.ics"
    first = cli("export", "ics", "--out", str(out), "--today", "2027-02-20")
    assert "51 new" in first.stderr
    before = events(out)
    assert len(before) == len(list(plan.sessions))
    # an adaptation drops the week-1 strength session: same lineage, new version
    strength_day = next(s.date for s in plan.weeks[0].sessions if s.kind == "strength")
    store_revision(database_url, drop_session(plan, strength_day, "strength"))
    again = tmp_path / "plan-v2.ics"  # another file name: the state is kept per plan lineage
    second = cli("export", "ics", "--out", str(again), "--json")
    summary = json.loads(second.stdout)
    assert summary["cancelled"] == 1 and summary["added"] == 0
    after = events(again)
    assert after.keys() == before.keys()
    cancelled = [e for e in after.values() if e["status"] == "CANCELLED"]
    assert len(cancelled) == 1 and int(cancelled[0]["sequence"]) == 1
    assert cancelled[0].decoded("dtstart") == strength_day
    # a brand-new plan is another lineage: new UIDs, and the old plan's events are cancelled
    seed_store(database_url, log=False)
    third = tmp_path / "new.ics"
    cli("export", "ics", "--out", str(third))
    new = events(third)
    confirmed = {u for u, e in new.items() if e["status"] == "CONFIRMED"}
    retired = {u for u, e in new.items() if e["status"] == "CANCELLED"}
    assert len(confirmed) == len(before) and not confirmed & set(after)
    assert retired == set(after) - {str(cancelled[0]["uid"])}  # the old plan's live events
    assert all(int(new[u]["sequence"]) == 1 for u in retired)


def test_calendar_to_stdout_with_a_time_and_zone_in_miles(
    cli: CliRunner, database_url: str
) -> None:
    seed_store(database_url, log=False)
    proc = cli("export", "ics", "--time", "06:30", "--tz", "America/New_York", "--units", "mi")
    cal = icalendar.Calendar.from_ical(proc.stdout.encode())
    timed = [e for e in cal.walk("VEVENT") if "Rest" not in str(e["summary"])]
    assert timed and all(e.decoded("dtstart").hour == 6 for e in timed)
    assert all(str(e.decoded("dtstart").tzinfo) == "America/New_York" for e in timed)
    long_run = next(e for e in timed if "long" in [str(c) for c in e["categories"].cats])
    assert str(long_run["summary"]) == "Long run · 6.2 mi"
    assert "8:24–9:14/mi" in str(long_run["description"])


def test_fit_workouts_of_a_week_and_the_whole_plan(
    cli: CliRunner, database_url: str, tmp_path: Path
) -> None:
    plan = seed_store(database_url, log=False)
    folder = tmp_path / "watch"
    cli("export", "fit", "--week", "3", "--out", str(folder))
    names = sorted(p.name for p in folder.iterdir())
    week3 = [s for s in plan.weeks[2].sessions if is_structured(s)]
    assert len(names) == len(week3)
    for path in folder.iterdir():
        messages, errors = Decoder(Stream.from_byte_array(bytearray(path.read_bytes()))).read()
        assert errors == [] and messages["file_id_mesgs"][0]["type"] == "workout"
    zpath = tmp_path / "all.zip"
    proc = cli("export", "fit", "--all", "--zip", "--out", str(zpath), "--json")
    listed = json.loads(proc.stdout)["files"]
    with zipfile.ZipFile(zpath) as zf:
        assert sorted(zf.namelist()) == sorted(listed)
        for name in zf.namelist():
            _, errors = Decoder(Stream.from_byte_array(bytearray(zf.read(name)))).read()
            assert errors == []
    assert len(listed) == sum(1 for s in plan.sessions if is_structured(s) and s.kind != "race")


def test_plan_log_and_metrics_as_csv_and_json(cli: CliRunner, database_url: str) -> None:
    plan = seed_store(database_url)
    doc = json.loads(cli("export", "json", "--what", "plan").stdout)
    assert Plan.from_dict(doc).to_dict() == plan.to_dict()
    back = plan_from_csv(cli("export", "csv", "--what", "plan").stdout, source="stdout")
    assert [(s.date, s.kind, round(s.distance_m)) for s in back.sessions] == [
        (s.date, s.kind, round(s.distance_m))
        for w in plan.weeks
        for s in sorted(w.sessions, key=lambda x: x.date)
    ]
    log = list(
        csv.DictReader(io.StringIO(cli("export", "csv", "--what", "log", "--units", "mi").stdout))
    )
    assert len(log) == len(build_log()) and "distance_mi" in log[0]
    records = json.loads(cli("export", "json", "--what", "log").stdout)
    assert len(records) == len(log) and records[0]["start_time"].startswith("2025-06-03")
    metrics = json.loads(
        cli("export", "json", "--what", "metrics", "--today", TODAY.isoformat()).stdout
    )
    assert metrics[-1]["date"] == TODAY.isoformat()
    assert metrics[0]["date"] == "2025-06-03"
    assert metrics[-1]["ctl"] > 10 and {"atl", "tsb", "load", "distance_m"} <= metrics[-1].keys()


def test_report_and_single_charts(cli: CliRunner, database_url: str, tmp_path: Path) -> None:
    seed_store(database_url)
    report = tmp_path / "report.html"
    cli("report", "--out", str(report), "--today", TODAY.isoformat())
    text = report.read_text()
    for name in ("volume", "longrun", "fitness", "progression"):
        assert f'data-chart="{name}"' in text
    assert "Progress report — Kris" in text and "Verdict:" in text
    for name, suffix in (
        ("volume", "svg"),
        ("longrun", "png"),
        ("fitness", "png"),
        ("progression", "svg"),
    ):
        out = tmp_path / f"{name}.{suffix}"
        cli("chart", name, "--out", str(out), "--today", TODAY.isoformat())
        data = out.read_bytes()
        assert data.startswith(b"\x89PNG") if suffix == "png" else b"<svg" in data


def test_exports_from_a_plan_file_without_a_store(cli: CliRunner, tmp_path: Path) -> None:
    sheet = tmp_path / "coach.csv"
    sheet.write_text(
        "date,kind,distance\n2027-01-05,easy,8km\n2027-01-07,tempo,10km\n2027-01-10,long,16km\n"
    )
    out = tmp_path / "coach.ics"
    cli("export", "ics", "--plan", str(sheet), "--out", str(out))
    assert len(events(out)) == 3
    doc = json.loads(cli("export", "json", "--plan", str(sheet)).stdout)
    assert doc["kind"] == "imported" and len(doc["weeks"]) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export", "ics"), "no current plan"),
        (("export", "csv", "--what", "everything"), "--what 'everything'"),
        (("export", "ics", "--tz", "Europe/Prague"), "--tz needs --time"),
        (("export", "ics", "--time", "25:99"), "--time '25:99'"),
        (("export", "fit", "--out", "x"), "--week N"),
        (("chart", "speed", "--out", "x.png"), "chart 'speed'"),
        (("chart", "volume", "--out", "x.gif"), "must end in .png or .svg"),
        (("export", "json", "--plan", "missing.json"), "does not exist"),
        (("export", "json", "--what", "metrics"), "nothing is logged"),
    ],
)
def test_bad_requests_fail_with_one_sentence(
    cli: CliRunner, args: tuple[str, ...], message: str
) -> None:
    proc = cli(*args, expect=1)
    assert message in proc.stderr and "Traceback" not in proc.stderr
