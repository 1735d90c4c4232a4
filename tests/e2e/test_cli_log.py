"""``runcoach log import/add/list`` through the installed command, on every database backend."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
from pathlib import Path

from tests.conftest import CliRunner, runcoach_executable

ACTIVITIES = Path(__file__).resolve().parents[1] / "data" / "activities"
RUN = ACTIVITIES / "fit" / "tormoder-fit__mornindew-broken.fit"
TRI = ACTIVITIES / "fit" / "fitparse__sample_mulitple_header.fit"
TCX = ACTIVITIES / "tcx" / "tcxparser__test.tcx"
MONITORING = ACTIVITIES / "fit" / "fitparse__MonitoringFile.fit"

LIST_FIELDS = {
    "id",
    "start_time",
    "sport",
    "distance_m",
    "moving_time_s",
    "elapsed_time_s",
    "avg_hr",
    "source",
    "partial",
}


def test_import_files_then_again(cli: CliRunner) -> None:
    first = cli("log", "import", str(RUN), str(TRI), str(TCX))
    assert "Import summary" in first.stdout
    assert first.stderr == ""  # piped: no progress bar, no messages
    report = json.loads(cli("log", "import", "--json", str(RUN), str(TRI), str(TCX)).stdout)
    assert (report["imported"], report["duplicates"], report["failed"]) == (0, 3, 0)
    assert [f["status"] for f in report["files"]] == ["duplicate"] * 3
    listed = json.loads(cli("log", "list", "--json").stdout)
    assert len(listed) == 1 + 5 + 1
    assert all(set(item) >= LIST_FIELDS for item in listed)
    run = next(i for i in listed if i["source_name"] == str(RUN))
    assert run["sport"] == "running"
    assert run["start_time"] == "2019-05-18T08:11:39-06:00"
    assert run["distance_m"] == 16773.3
    assert run["avg_hr"] == 147.0
    assert run["source"] == "fit" and run["partial"] is False
    legs = [i for i in listed if i["source_name"] == str(TRI)]
    assert [leg["sport"] for leg in legs] == [
        "swimming",
        "transition",
        "cycling",
        "transition",
        "running",
    ]


def test_a_failed_file_exits_1_with_its_reason(cli: CliRunner, tmp_path: Path) -> None:
    huge = tmp_path / "huge.fit"
    with huge.open("wb") as fh:
        fh.truncate(2 * 1024**3)
    proc = cli("log", "import", str(RUN), str(MONITORING), str(huge), expect=1)
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "monitoring_b file, not a recorded activity" in proc.stdout
    assert "limit" in proc.stdout
    report = json.loads(cli("log", "import", "--json", str(MONITORING), expect=1).stdout)
    [failed] = report["files"]
    assert failed["status"] == "failed"
    assert failed["reason"].startswith(str(MONITORING))
    # the good file was stored all the same
    assert len(json.loads(cli("log", "list", "--json").stdout)) == 1


def test_import_a_folder_and_a_missing_path(cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "watch"
    folder.mkdir()
    shutil.copy(RUN, folder / "a.FIT")
    shutil.copy(TCX, folder / "b.tcx")
    (folder / "notes.txt").write_text("ignored")
    proc = cli("log", "import", "--json", str(folder), str(tmp_path / "nope.gpx"), expect=1)
    report = json.loads(proc.stdout)
    assert [f["status"] for f in report["files"]] == ["imported", "imported", "failed"]
    assert "does not exist" in report["files"][2]["reason"]


def test_add_and_list_manual_entries(cli: CliRunner) -> None:
    added = cli(
        "log",
        "add",
        "--date",
        "2027-01-05",
        "--distance",
        "10km",
        "--time",
        "52:30",
        "--rpe",
        "4",
        "--pain",
        "2",
        "--pain-location",
        "left knee",
        "--notes",
        "windy",
    )
    assert "Logged #" in added.stdout and "10.0 km" in added.stdout and "5:15/km" in added.stdout
    cli("log", "add", "--date", "2027-01-07", "--time", "30:00", "--sport", "ride", "--json")
    listed = json.loads(cli("log", "list", "--json").stdout)
    assert [i["sport"] for i in listed] == ["running", "cycling"]
    entry = listed[0]
    assert entry["distance_m"] == 10000.0 and entry["moving_time_s"] == 3150.0
    assert entry["elapsed_time_s"] == 3150.0
    assert entry["rpe"] == 4 and entry["pain"] == 2 and entry["pain_location"] == "left knee"
    assert entry["notes"] == "windy" and entry["source"] == "manual"
    assert entry["start_time"].startswith("2027-01-05T12:00:00")
    assert entry["start_time"][19] in "+-"  # an offset, ISO 8601
    only_first = json.loads(
        cli("log", "list", "--json", "--since", "2027-01-05", "--until", "2027-01-06").stdout
    )
    assert [i["id"] for i in only_first] == [entry["id"]]
    table = cli("log", "list", "--units", "mi").stdout
    assert "6.2 mi" in table and "8:27/mi" in table and "left knee" in table
    assert entry["kind"] is None


def test_a_race_logged_by_hand_is_marked_as_one(cli: CliRunner) -> None:
    added = cli(
        "log", "add", "--date", "2027-01-09", "--distance", "5k", "--time", "21:30", "--race"
    )
    assert ", race" in added.stdout
    (entry,) = json.loads(cli("log", "list", "--json").stdout)
    assert entry["kind"] == "race"


def test_bad_manual_entries_are_one_sentence(cli: CliRunner) -> None:
    cases = [
        (["--date", "2027-01-05", "--time", "52:30", "--rpe", "11"], "--rpe 11 is out of range"),
        (["--date", "2027-13-05", "--time", "52:30"], "--date '2027-13-05' is not a date"),
        (["--date", "2027-01-05", "--time", "52:30", "--distance", "10"], "has no unit"),
        (["--date", "2027-01-05", "--time", "5230"], "is ambiguous"),
        (["--date", "2027-01-05", "--time", "52:30", "--sport", "chess"], "not a sport"),
        (["--date", "2027-01-05", "--time", "52:30", "--pain", "-1"], "--pain -1 is out of range"),
        (["--date", "2027-01-05", "--time", "21:30", "--race"], "--race needs --distance"),
    ]
    for args, expected in cases:
        proc = cli("log", "add", *args, expect=1)
        assert expected in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr
        assert proc.stdout == ""
    assert json.loads(cli("log", "list", "--json").stdout) == []
    bad_range = cli("log", "list", "--since", "2027-02-01", "--until", "2027-01-01", expect=1)
    assert "before --since" in bad_range.stderr


def test_progress_bar_on_a_terminal(cli: CliRunner, tmp_path: Path, database_url: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUNCOACH_")}
    env.update(
        RUNCOACH_HOME=str(tmp_path / "home"),
        RUNCOACH_DATABASE_URL=database_url,
        TERM="xterm-256color",
        COLUMNS="100",
    )
    env.pop("NO_COLOR", None)
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(
            [runcoach_executable(), "log", "import", str(RUN), str(TCX)],
            stdout=subprocess.PIPE,
            stderr=follower,
            env=env,
            timeout=300,
            check=False,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(leader)
    assert proc.returncode == 0
    shown = b"".join(chunks).decode(errors="replace")
    assert "Importing" in shown
    assert b"Import summary" in proc.stdout
