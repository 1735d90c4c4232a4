"""JSON and CSV of the plan, the log and the metrics, parsed back."""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pytest

from runcoach.domain.activity import Activity
from runcoach.domain.plan.model import Plan
from runcoach.domain.units import parse_duration
from runcoach.exporters.tables import (
    MetricsSeries,
    log_csv,
    log_json,
    metrics_csv,
    metrics_json,
    plan_json,
)
from tests.unit.exporters.sample_plan import build_sample_plan


@dataclass(frozen=True)
class Logged:
    id: int
    activity: Activity
    source: str


CET = timezone(timedelta(hours=1))
LOG = [
    Logged(
        1,
        Activity(
            sport="running",
            start_time=datetime(2027, 3, 2, 6, 30, tzinfo=CET),
            elapsed_time_s=2700.0,
            moving_time_s=2640.0,
            distance_m=8000.0,
            avg_hr_bpm=142.0,
            rpe=4.0,
            source_format="fit",
        ),
        "fit",
    ),
    Logged(
        2,
        Activity(
            sport="cycling",
            start_time=datetime(2027, 3, 3, 18, 0, tzinfo=CET),
            elapsed_time_s=3600.0,
            distance_m=None,
            notes='spin class, "hard"',
            pain=2.0,
            pain_location="left knee",
        ),
        "manual",
    ),
]


def test_plan_json_is_the_contract_and_round_trips() -> None:
    plan = build_sample_plan()
    doc = json.loads(plan_json(plan))
    assert doc["schema"] == "runcoach.plan/1"
    back = Plan.from_dict(doc, source="plan.json")
    assert back.to_dict() == plan.to_dict()


def test_log_json_has_si_fields_and_iso_times() -> None:
    rows = json.loads(log_json(LOG))
    assert [r["id"] for r in rows] == [1, 2]
    first = rows[0]
    assert first["start_time"] == "2027-03-02T06:30:00+01:00"
    assert first["distance_m"] == 8000.0 and first["moving_time_s"] == 2640.0
    assert first["avg_hr"] == 142.0 and first["source"] == "fit" and first["partial"] is False
    assert rows[1]["distance_m"] is None and rows[1]["pain_location"] == "left knee"


@pytest.mark.parametrize("units", ["km", "mi"])
def test_log_csv_round_trips(units: str) -> None:
    rows = list(csv.DictReader(io.StringIO(log_csv(LOG, units))))  # type: ignore[arg-type]
    assert len(rows) == 2
    run = rows[0]
    factor = 1000 if units == "km" else 1609.344
    assert float(run[f"distance_{units}"]) * factor == pytest.approx(8000, abs=1)
    assert parse_duration(run["moving_time"]) == 2640
    assert datetime.fromisoformat(run["start_time"]) == LOG[0].activity.start_time
    pace = parse_duration(run[f"pace_per_{units}"])
    assert pace == pytest.approx(2640 / 8000 * factor, abs=0.5)
    assert rows[1]["notes"] == 'spin class, "hard"' and rows[1][f"distance_{units}"] == ""
    assert rows[1][f"pace_per_{units}"] == ""


def test_metrics_csv_and_json_round_trip() -> None:
    days = [date(2027, 3, 1) + timedelta(days=i) for i in range(3)]
    series = MetricsSeries(
        days=days,
        columns={
            "load_au": [50.0, 0.0, 80.0],
            "ctl": [1.19, 1.16, 3.04],
            "tsb": [math.nan, 1.2, -5.5],
        },
    )
    records = json.loads(metrics_json(series))
    assert records[0] == {"date": "2027-03-01", "load_au": 50.0, "ctl": 1.19, "tsb": None}
    rows = list(csv.DictReader(io.StringIO(metrics_csv(series))))
    assert [r["date"] for r in rows] == [d.isoformat() for d in days]
    assert [r["ctl"] for r in rows] == ["1.19", "1.16", "3.04"]
    assert rows[0]["tsb"] == "" and float(rows[2]["tsb"]) == -5.5
