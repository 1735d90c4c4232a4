"""``runcoach status`` through the installed command, on every database backend.

The log is built with ``runcoach log add`` (effort only, no profile), so every session's load is
its session RPE scaled to points (RPE × minutes × 100/420); the expected CTL/ATL/TSB and
monotony are recomputed here with plain loops from the pinned formulas.
"""

from __future__ import annotations

import json
import statistics
from datetime import date

import pytest

from tests.conftest import CliRunner

MONDAY = date(2027, 1, 4)
TODAY = "2027-01-20"  # the Wednesday of the third week

# date, distance, time, RPE, pain, sport
ENTRIES = [
    ("2027-01-04", "8km", "48:00", 3, None, None),
    ("2027-01-06", "10km", "1:00:00", 7, None, None),
    ("2027-01-07", None, "1:00:00", 5, None, "ride"),
    ("2027-01-09", "16km", "1:36:00", 5, None, None),
    ("2027-01-12", "12km", "1:12:00", 4, None, None),
    ("2027-01-14", "14km", "1:24:00", 4, None, None),
    ("2027-01-16", "18km", "1:48:00", 6, 3, None),  # +12.5 % on 16 km: small spike
    ("2027-01-17", "8km", "48:00", 3, None, None),
    ("2027-01-18", "24km", "2:24:00", 6, 4, None),  # +33 % on 18 km: moderate spike
    ("2027-01-25", "10km", "1:00:00", 4, None, None),  # after --today: ignored
]


def minutes(text: str) -> float:
    parts = [int(p) for p in text.split(":")]
    return parts[0] * 60 + parts[1] + parts[2] / 60 if len(parts) == 3 else parts[0] + parts[1] / 60


def daily_points(last: date) -> list[float]:
    points = [0.0] * ((last - MONDAY).days + 1)
    for day, _, time, rpe, _, _ in ENTRIES:
        offset = (date.fromisoformat(day) - MONDAY).days
        if offset < len(points):
            points[offset] += rpe * minutes(time) * 100 / 420
    return points


def pmc(points: list[float]) -> tuple[list[float], list[float], list[float]]:
    ctl, atl, tsb = [], [], []
    c = a = 0.0
    for load in points:
        tsb.append(c - a)
        c += (load - c) / 42
        a += (load - a) / 7
        ctl.append(c)
        atl.append(a)
    return ctl, atl, tsb


@pytest.fixture
def logged(cli: CliRunner) -> CliRunner:
    for day, distance, time, rpe, pain, sport in ENTRIES:
        args = ["log", "add", "--date", day, "--time", time, "--rpe", str(rpe)]
        if distance:
            args += ["--distance", distance]
        if pain is not None:
            args += ["--pain", str(pain)]
        if sport:
            args += ["--sport", sport]
        cli(*args)
    return cli


def test_empty_log_is_a_friendly_sentence(cli: CliRunner) -> None:
    proc = cli("status", "--today", TODAY)
    assert "No activities logged yet" in proc.stdout
    assert "runcoach log import" in proc.stdout
    doc = json.loads(cli("status", "--today", TODAY, "--json").stdout)
    assert doc["schema"] == "runcoach.status/1"
    assert doc["weeks"] == [] and doc["activities"] == 0


def test_status_json_weeks(logged: CliRunner) -> None:
    doc = json.loads(logged("status", "--today", TODAY, "--weeks", "3", "--json").stdout)
    assert doc["schema"] == "runcoach.status/1"
    assert doc["today"] == TODAY
    assert doc["activities"] == 9 and doc["runs"] == 8  # the 2027-01-25 run is after today
    assert doc["history_start"] == "2027-01-04"
    assert doc["load_sources"] == {"pace": 0, "heart_rate": 0, "effort": 9, "assumed": 0}
    weeks = doc["weeks"]
    assert [w["start_date"] for w in weeks] == ["2027-01-04", "2027-01-11", "2027-01-18"]
    assert [w["end_date"] for w in weeks] == ["2027-01-10", "2027-01-17", TODAY]
    assert [w["complete"] for w in weeks] == [True, True, False]
    assert [w["distance_m"] for w in weeks] == [34000.0, 52000.0, 24000.0]
    assert [w["longest_run_m"] for w in weeks] == [16000.0, 18000.0, 24000.0]
    assert [w["runs"] for w in weeks] == [3, 4, 1]
    assert [w["progression_flag"] for w in weeks] == [False, True, False]
    assert weeks[1]["progression_pct"] == pytest.approx(52 / 34 * 100 - 100, abs=0.05)
    assert [w["max_pain"] for w in weeks] == [None, 3.0, 4.0]
    assert weeks[0]["mean_rpe"] == pytest.approx(5.0)  # 3, 7, 5, 5 (the ride counts)

    points = daily_points(date.fromisoformat(TODAY))
    ctl, atl, tsb = pmc(points)
    for week in weeks:
        end = (date.fromisoformat(week["end_date"]) - MONDAY).days
        assert week["ctl"] == pytest.approx(ctl[end], abs=0.05)
        assert week["atl"] == pytest.approx(atl[end], abs=0.05)
        assert week["tsb"] == pytest.approx(tsb[end], abs=0.05)
        start = (date.fromisoformat(week["start_date"]) - MONDAY).days
        assert week["load"] == pytest.approx(sum(points[start : end + 1]), abs=0.05)
        window = [points[d] if d >= 0 else 0.0 for d in range(end - 6, end + 1)]
        assert week["load_7d"] == pytest.approx(sum(window), abs=0.05)
        expected = statistics.fmean(window) / statistics.pstdev(window)
        assert week["monotony"] == pytest.approx(expected, abs=0.0005)
        assert week["strain"] == pytest.approx(sum(window) * expected, abs=0.5)
        # Less than 28 days of history: ACWR is undefined, not zero.
        assert week["acwr_ewma"] is None and week["acwr_rolling_coupled"] is None

    spikes = [s for w in weeks for s in w["spikes"]]
    # The first runs of a log have a short reference: 10 km after 8 km is already +25 %.
    assert [(s["date"], s["category"]) for s in spikes] == [
        ("2027-01-06", "small"),
        ("2027-01-09", "moderate"),
        ("2027-01-16", "small"),
        ("2027-01-18", "moderate"),
    ]
    assert spikes[2]["reference_m"] == 16000.0
    assert spikes[2]["distance_m"] == 18000.0
    assert spikes[2]["increase_pct"] == pytest.approx(12.5)
    assert spikes[3]["increase_pct"] == pytest.approx(100 / 3, abs=0.05)
    assert any("does not predict injury" in note for note in doc["notes"])


def test_status_table(logged: CliRunner) -> None:
    out = logged("status", "--today", TODAY, "--weeks", "3").stdout
    for text in (
        "Week of",
        "(distances in km)",
        "CTL",
        "TSB",
        "ACWR",
        "Mono",
        "Strain",
        "Pain/RPE",
    ):
        assert text in out
    assert "2027-01-18 *" in out  # the week that is not over
    assert "small spike Sat +12 %" in out
    assert "moderate spike Mon +33 %" in out
    assert "▲ +53 %" in out
    words = " ".join(out.split())  # notes wrap at the terminal width
    assert "it does not predict injury in runners" in words
    assert "Distance" in out and "▁" in out  # sparklines
    miles = logged("status", "--today", TODAY, "--weeks", "2", "--units", "mi").stdout
    assert "(distances in mi)" in miles
    assert "32.3" in miles  # 52 km


def test_status_replays_an_earlier_today(logged: CliRunner) -> None:
    doc = json.loads(logged("status", "--today", "2027-01-08", "--weeks", "1", "--json").stdout)
    assert doc["activities"] == 3
    (week,) = doc["weeks"]
    assert week["end_date"] == "2027-01-08" and week["distance_m"] == 18000.0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--today", "2027-13-01"], "--today '2027-13-01' is not a date"),
        (["--weeks", "0"], "--weeks 0 is not between 1 and 520"),
        (["--units", "furlongs"], "furlongs"),
    ],
)
def test_bad_options_are_one_sentence(cli: CliRunner, args: list[str], message: str) -> None:
    proc = cli("status", *args, expect=1)
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
