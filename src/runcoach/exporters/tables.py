"""CSV and JSON of the plan, the training log and the daily metrics.

JSON is for programs: SI units (metres, seconds), ISO 8601 dates, ``null`` for unknown values;
the plan's JSON is its public contract ``runcoach.plan/1``. CSV is for spreadsheets: distances
in the runner's unit named in the header (``distance_km``), times as ``h:mm:ss``.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from runcoach.domain.activity import Activity
from runcoach.domain.plan.model import Plan
from runcoach.domain.units import Units, format_duration, format_pace, metres_per_unit


class LoggedActivity(Protocol):
    """A stored activity: its id, the domain activity and where it came from."""

    @property
    def id(self) -> int: ...

    @property
    def activity(self) -> Activity: ...

    @property
    def source(self) -> str: ...


@dataclass(frozen=True, slots=True)
class MetricsSeries:
    """Daily metrics: one value per day in each named column (NaN = unknown).

    Column names carry their unit (``load_au``, ``ctl``, ``atl``, ``tsb``, ``distance_m``).
    """

    days: Sequence[date]
    columns: Mapping[str, Sequence[float]]


def to_json(document: Any) -> str:
    """JSON text with two-space indent, UTF-8 characters kept, a trailing newline."""
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def plan_json(plan: Plan) -> str:
    """The plan as its ``runcoach.plan/1`` JSON document."""
    return to_json(plan.to_dict())


def _clean(value: float | None) -> float | None:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    return value


def activity_record(item: LoggedActivity) -> dict[str, Any]:
    """One log entry as a JSON object (SI units; the fields of ``runcoach log list --json``)."""
    a = item.activity
    return {
        "id": item.id,
        "start_time": a.start_time.isoformat(),
        "sport": a.sport,
        "distance_m": _clean(a.distance_m),
        "moving_time_s": _clean(a.moving_time_s),
        "elapsed_time_s": _clean(a.elapsed_time_s),
        "avg_hr": _clean(a.avg_hr_bpm),
        "max_hr": _clean(a.max_hr_bpm),
        "avg_cadence_spm": _clean(a.avg_cadence_spm),
        "total_ascent_m": _clean(a.total_ascent_m),
        "rpe": _clean(a.rpe),
        "pain": _clean(a.pain),
        "pain_location": a.pain_location,
        "notes": a.notes,
        "name": a.name,
        "device": a.device,
        "source": item.source,
        "partial": a.partial,
    }


def log_json(items: Sequence[LoggedActivity]) -> str:
    """The training log as a JSON array, oldest first."""
    return to_json([activity_record(i) for i in items])


def _fmt(value: float | None, digits: int = 1) -> str:
    value = _clean(value)
    return "" if value is None else f"{value:.{digits}f}"


def log_csv(items: Sequence[LoggedActivity], units: Units = "km") -> str:
    """The training log as CSV, one row per activity, distances and paces in ``units``."""
    per = metres_per_unit(units)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(
        [
            "id",
            "date",
            "start_time",
            "sport",
            f"distance_{units}",
            "moving_time",
            "elapsed_time",
            f"pace_per_{units}",
            "avg_hr",
            "max_hr",
            "ascent_m",
            "rpe",
            "pain",
            "pain_location",
            "notes",
            "name",
            "source",
        ]
    )
    for item in items:
        a = item.activity
        distance = _clean(a.distance_m)
        pace = ""
        if distance and a.duration_s > 0 and a.is_run:
            pace = format_pace(a.duration_s / distance * 1000, units).split("/")[0]
        w.writerow(
            [
                item.id,
                a.start_time.date().isoformat(),
                a.start_time.isoformat(),
                a.sport,
                "" if distance is None else f"{distance / per:.3f}",
                "" if a.moving_time_s is None else format_duration(a.moving_time_s),
                format_duration(a.elapsed_time_s),
                pace,
                _fmt(a.avg_hr_bpm, 0),
                _fmt(a.max_hr_bpm, 0),
                _fmt(a.total_ascent_m, 0),
                _fmt(a.rpe, 1),
                _fmt(a.pain, 1),
                a.pain_location or "",
                a.notes or "",
                a.name or "",
                item.source,
            ]
        )
    return out.getvalue()


def metrics_records(series: MetricsSeries) -> list[dict[str, Any]]:
    """One JSON object per day: ``date`` and each column (null where unknown)."""
    names = list(series.columns)
    out = []
    for i, day in enumerate(series.days):
        row: dict[str, Any] = {"date": day.isoformat()}
        for name in names:
            value = _clean(float(series.columns[name][i]))
            row[name] = None if value is None else round(value, 3)
        out.append(row)
    return out


def metrics_json(series: MetricsSeries) -> str:
    """The daily metrics as a JSON array of per-day objects."""
    return to_json(metrics_records(series))


def metrics_csv(series: MetricsSeries) -> str:
    """The daily metrics as CSV: ``date`` then one column per metric (empty where unknown)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    names = list(series.columns)
    w.writerow(["date", *names])
    for i, day in enumerate(series.days):
        w.writerow([day.isoformat(), *(_fmt(float(series.columns[n][i]), 2) for n in names)])
    return out.getvalue()
