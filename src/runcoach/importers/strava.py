"""Strava bulk export: ``activities.csv`` rows, and summary-only activities for rows without a file.

Three layouts of ``activities.csv`` exist in the wild, and the reader accepts all of them:

- the 2018 export: lower-case ``id,date,name,type,description,elapsed_time,distance,...,filename``
  with the distance in metres;
- the older "Activity ID, Activity Date, ..." export with one ``Distance`` column in the
  athlete's display unit (km or miles) and ``Moving Time``;
- the 2020+ export with 70-80 columns, some repeated (``Elapsed Time``, ``Distance``: the second
  ``Distance`` is in metres) and some headers still wrapped in untranslated HTML
  (``<span class="translation_missing" ...>Start Time</span>``).

Header names are normalised (HTML removed, lower case, ``_`` between words). "Activity Date" is
UTC. When only a display-unit distance exists, its unit is inferred from the rows whose files
were imported (the ratio to the file's own distance is 1000 for km, 1609.344 for miles);
without such rows it is read as kilometres, with a warning.

Source: Strava support, "Exporting your Data and Bulk Export"; the three sample exports in the
corpus (see tests/data/PROVENANCE.md and shared/data/PROVENANCE.md).
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from runcoach.domain.activity import RUNNING_SPORTS, Activity, Sport
from runcoach.importers.errors import FileImportError
from runcoach.importers.sports import sport_from_text

METRES_PER_KM = 1000.0
METRES_PER_MILE = 1609.344
_TAG = re.compile(r"<[^>]*>")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_DATE_FORMATS = ("%b %d, %Y, %I:%M:%S %p", "%b %d, %Y %I:%M:%S %p", "%Y-%m-%d %H:%M:%S")


@dataclass(frozen=True, slots=True)
class StravaRow:
    """One row of ``activities.csv`` (SI units; ``distance_display`` in km or miles)."""

    row_number: int
    activity_id: str | None
    start_time: datetime | None
    name: str | None
    type_text: str | None
    sport: Sport | None
    filename: str | None
    elapsed_time_s: float | None
    moving_time_s: float | None
    distance_m: float | None
    distance_display: float | None
    avg_hr_bpm: float | None
    max_hr_bpm: float | None
    calories_kcal: float | None

    def label(self, csv_name: str) -> str:
        """How the row is named in messages: ``activities.csv row 12 (id 123, Morning Run)``."""
        parts = [
            p for p in (f"id {self.activity_id}" if self.activity_id else None, self.name) if p
        ]
        detail = f" ({', '.join(parts)})" if parts else ""
        return f"{csv_name} row {self.row_number}{detail}"


def read_strava_csv(data: bytes, *, name: str) -> list[StravaRow]:
    """Parse a Strava ``activities.csv``; raise :class:`FileImportError` when it is not one."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise FileImportError(f"{name} is empty.") from None
    except csv.Error as exc:
        raise FileImportError(f"{name} is not a readable CSV file ({exc}).") from exc
    columns = _columns(header)
    old_format = bool(header) and header[0].strip() == "id"
    if not ({"activity_id", "id"} & columns.keys() and {"activity_date", "date"} & columns.keys()):
        raise FileImportError(
            f"{name} is not a Strava activities.csv (no activity id and date columns)."
        )
    rows = []
    try:
        for number, record in enumerate(reader, start=1):
            if not any(cell.strip() for cell in record):
                continue
            rows.append(_row(number, record, columns, old_format))
    except csv.Error as exc:
        raise FileImportError(f"{name} is not a readable CSV file ({exc}).") from exc
    return rows


def _columns(header: Sequence[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for index, raw in enumerate(header):
        plain = html.unescape(_TAG.sub("", raw)).strip().lower()
        key = _NON_WORD.sub("_", plain).strip("_")
        out.setdefault(key, []).append(index)
    return out


def _row(
    number: int, record: Sequence[str], columns: dict[str, list[int]], old_format: bool
) -> StravaRow:
    def cell(*keys: str, occurrence: int = 0) -> str | None:
        for key in keys:
            found = columns.get(key)
            if found and len(found) > occurrence and found[occurrence] < len(record):
                value = record[found[occurrence]].strip()
                if value:
                    return value
        return None

    def number_of(*keys: str, occurrence: int = 0) -> float | None:
        text = cell(*keys, occurrence=occurrence)
        if text is None:
            return None
        try:
            value = float(text.replace(",", ""))
        except ValueError:
            return None
        return value if math.isfinite(value) else None

    distance_m: float | None = None
    distance_display: float | None = None
    if old_format:
        distance_m = number_of("distance")
    elif len(columns.get("distance", [])) > 1:
        distance_m = number_of("distance", occurrence=1)
        distance_display = number_of("distance")
    else:
        distance_display = number_of("distance")
    type_text = cell("activity_type", "type")
    return StravaRow(
        row_number=number,
        activity_id=cell("activity_id", "id"),
        start_time=_date(cell("activity_date", "date")),
        name=cell("activity_name", "name"),
        type_text=type_text,
        sport=sport_from_text(type_text),
        filename=cell("filename"),
        elapsed_time_s=number_of("elapsed_time"),
        moving_time_s=number_of("moving_time"),
        distance_m=distance_m,
        distance_display=distance_display,
        avg_hr_bpm=_positive(number_of("average_heart_rate")),
        max_hr_bpm=_positive(number_of("max_heart_rate")),
        calories_kcal=number_of("calories"),
    )


def _date(text: str | None) -> datetime | None:
    if not text:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _positive(value: float | None) -> float | None:
    return value if value is not None and value > 0 else None


def infer_distance_unit(pairs: Sequence[tuple[float, float]]) -> float | None:
    """Metres per display unit from (CSV display distance, file distance in metres) pairs.

    Returns 1000 (km) or 1609.344 (miles) when the median ratio is within 3 % of one of them,
    otherwise None.
    """
    ratios = [metres / shown for shown, metres in pairs if shown > 0 and metres > 0]
    if not ratios:
        return None
    middle = statistics.median(ratios)
    for unit in (METRES_PER_KM, METRES_PER_MILE):
        if abs(middle / unit - 1.0) <= 0.03:
            return unit
    return None


def row_distance_m(row: StravaRow, metres_per_unit: float | None) -> float | None:
    """The row's distance in metres (display units converted with ``metres_per_unit``)."""
    if row.distance_m is not None:
        return row.distance_m
    if row.distance_display is None:
        return None
    return row.distance_display * (metres_per_unit or METRES_PER_KM)


def summary_activity(row: StravaRow, *, csv_name: str, metres_per_unit: float | None) -> Activity:
    """A summary-only activity (no laps, no samples) from a row whose file is missing.

    Raises :class:`FileImportError` when the row has no usable date.
    """
    label = row.label(csv_name)
    if row.start_time is None:
        raise FileImportError(f"{label} has no readable Activity Date.")
    warnings = ["summary only: the activity file is not in the export"]
    if row.distance_m is None and row.distance_display is not None and metres_per_unit is None:
        warnings.append("activities.csv does not say its distance unit; read as kilometres")
    sport = row.sport
    if sport is None:
        sport = "other"
        warnings.append(f"unknown Strava activity type {row.type_text!r}; logged as other")
    elapsed = row.elapsed_time_s
    if elapsed is None:
        elapsed = row.moving_time_s or 0.0
    return Activity(
        sport=sport,
        start_time=row.start_time,
        elapsed_time_s=elapsed,
        moving_time_s=row.moving_time_s,
        distance_m=row_distance_m(row, metres_per_unit),
        avg_hr_bpm=row.avg_hr_bpm,
        max_hr_bpm=row.max_hr_bpm,
        calories_kcal=row.calories_kcal,
        name=row.name,
        source_format="strava_csv",
        warnings=tuple(warnings),
        extra={"strava_id": row.activity_id} if row.activity_id else {},
    )


def row_hash(row: StravaRow) -> str:
    """A content hash for a summary-only row (same row, same hash; any change, new hash)."""
    fields = (
        row.activity_id,
        row.start_time.isoformat() if row.start_time else None,
        row.type_text,
        row.distance_m,
        row.distance_display,
        row.elapsed_time_s,
        row.moving_time_s,
    )
    text = "strava-csv-row\n" + "\n".join("" if f is None else str(f) for f in fields)
    return hashlib.sha256(text.encode()).hexdigest()


def merge_row(activities: Sequence[Activity], row: StravaRow) -> tuple[Activity, ...]:
    """The file's activities with the CSV's name and sport: for a single-activity file Strava's
    own name and type win (the athlete may have corrected them there), except that a run stays
    the more specific run the file says (treadmill, trail)."""
    if len(activities) != 1:
        return tuple(activities)
    activity = activities[0]
    changes: dict[str, object] = {}
    if row.name and row.name != activity.name:
        changes["name"] = row.name
    both_runs = activity.sport in RUNNING_SPORTS and row.sport in RUNNING_SPORTS
    if row.sport is not None and row.sport != activity.sport and not both_runs:
        changes["sport"] = row.sport
        changes["warnings"] = tuple(
            w for w in activity.warnings if "does not say which sport" not in w
        )
    if row.activity_id:
        changes["extra"] = {**activity.extra, "strava_id": row.activity_id}
    return (replace(activity, **changes),) if changes else (activity,)  # type: ignore[arg-type]
