"""TCX (Garmin Training Center) → one ``domain.Activity`` per ``<Activity>`` element.

A file may hold several activities (each becomes its own) and ``MultiSportSession`` legs
(they share a ``group_key``). Laps keep the device's own lap summary (``TotalTimeSeconds`` is
timer time, ``DistanceMeters``, average and maximum heart rate). Track points without a position
(treadmill, GPS not yet fixed) are kept; points without a time are skipped. Cadence comes from
``<Cadence>`` or the ActivityExtension ``RunCadence`` (strides per minute), doubled to steps per
minute for foot sports; speed and power from ``Speed`` and ``Watts``.

Totals: distance is the sum of the laps' distances (else the last point's distance), moving time
the sum of the laps' timer times, elapsed time from the first lap start to the end of the last
lap or point, average heart rate the lap averages weighted by lap time (else the samples' mean).

Source: Garmin TrainingCenterDatabase v2 schema and ActivityExtension v2 schema.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from runcoach.domain.activity import Activity, Lap, Sport
from runcoach.importers.errors import FileImportError, NotAnActivityError
from runcoach.importers.fit import FOOT_SPORTS
from runcoach.importers.samples import (
    make_samples,
    max_positive,
    mean_positive,
    track_distance_m,
)
from runcoach.importers.sports import sport_from_text
from runcoach.importers.timestamps import aware, parse_time, parse_times
from runcoach.importers.xml_safe import local_name, parse_xml

if TYPE_CHECKING:
    from lxml.etree import _Element

#: Track point fields by local tag name (-1: the time; other tags are skipped).
_POINT_FIELDS = {
    "Time": -1,
    "LatitudeDegrees": 0,
    "LongitudeDegrees": 1,
    "AltitudeMeters": 2,
    "DistanceMeters": 3,
    "Value": 4,  # HeartRateBpm/Value: the only Value inside a Trackpoint
    "Cadence": 5,
    "RunCadence": 5,
    "Speed": 6,
    "Watts": 7,
}


def read_tcx(data: bytes, *, name: str, default_sport: Sport | None = None) -> list[Activity]:
    """Read a TCX file (bytes) into its activities, in file order."""
    root = parse_xml(data, name=name)
    if local_name(root.tag) != "TrainingCenterDatabase":
        raise FileImportError(f"{name} is XML but not TCX (its root element is <{root.tag}>).")
    activities: list[Activity] = []
    for container in root.iter("{*}Activities"):
        for child in container:
            tag = local_name(child.tag)
            if tag == "Activity":
                found = _activity(child, name=name, default_sport=default_sport)
                if found is not None:
                    activities.append(found)
            elif tag == "MultiSportSession":
                group_key = f"tcx:{_child_text(child, 'Id') or 'multisport'}"
                legs = list(child.iter("{*}Activity"))
                for index, leg in enumerate(legs):
                    found = _activity(leg, name=name, default_sport=default_sport)
                    if found is not None:
                        activities.append(replace(found, group_key=group_key, leg_index=index))
    if not activities:
        raise NotAnActivityError(f"{name} holds no recorded activity (no <Activity> with laps).")
    return activities


def _activity(element: _Element, *, name: str, default_sport: Sport | None) -> Activity | None:
    nan = math.nan
    rows: list[list[float]] = []
    times: list[str | None] = []
    laps_raw: list[tuple[float, int | None, dict[str, float]]] = []
    device = None
    activity_id = None
    slots: dict[object, int] = {}  # tag (with namespace) -> slot, filled as tags are met
    for child in element:
        tag = local_name(child.tag)
        if tag == "Id":
            activity_id = (child.text or "").strip() or None
        elif tag == "Creator":
            device = _child_text(child, "Name")
        elif tag == "Lap":
            start, offset = parse_time(child.get("StartTime"))
            laps_raw.append((start, offset, _lap_values(child)))
            for track in child.iterchildren("{*}Track"):
                _read_track(track, slots, times, rows)

    if not laps_raw and not rows:
        return None
    sport = sport_from_text(element.get("Sport")) or default_sport
    warnings: list[str] = []
    if sport is None:
        sport = "other"
        warnings.append("the file does not say which sport it is; logged as other")
    foot = sport in FOOT_SPORTS

    unix, offset = parse_times(times)
    table = np.asarray(rows, dtype=np.float64).reshape(-1, 8)
    dated = np.isfinite(unix)
    unix, table = unix[dated], table[dated]

    start = next((s for s, _, _ in laps_raw if math.isfinite(s)), math.nan)
    if not math.isfinite(start) and activity_id:
        start, _ = parse_time(activity_id)
    if not math.isfinite(start) and unix.size:
        start = float(unix[0])
    if not math.isfinite(start):
        raise FileImportError(f"{name} has an activity without any time, so it cannot be dated.")
    lap_offset = next((o for _, o, _ in laps_raw if o is not None), None)
    if lap_offset is not None and not times:
        offset = lap_offset

    lat, lon, alt, dist, hr, cad, speed, power = (table[:, i] for i in range(8))
    if not np.isfinite(dist).any() and np.isfinite(lat).any():
        dist = track_distance_m(lat, lon)
    cad = cad * (2.0 if foot else 1.0)
    hr = np.where(hr > 0, hr, np.nan)
    samples = make_samples(
        unix - start,
        distance_m=dist,
        heart_rate_bpm=hr,
        cadence_spm=cad,
        power_w=power,
        altitude_m=alt,
        speed_m_s=speed,
        lat_deg=lat,
        lon_deg=lon,
    )

    laps = tuple(_lap(s, values, offset, foot) for s, _, values in laps_raw if math.isfinite(s))
    lap_times = [v.get("TotalTimeSeconds", nan) for _, _, v in laps_raw]
    lap_dists = [v.get("DistanceMeters", nan) for _, _, v in laps_raw]
    ends = [s + t for (s, _, _), t in zip(laps_raw, lap_times, strict=True) if math.isfinite(s + t)]
    if unix.size:
        ends.append(float(unix[-1]))
    elapsed = max(ends) - start if ends else 0.0
    finite_dist = [d for d in lap_dists if math.isfinite(d)]
    total = sum(finite_dist) if finite_dist else None
    if total is None and np.isfinite(dist).any():
        total = float(np.nanmax(dist))
    finite_times = [t for t in lap_times if math.isfinite(t)]
    moving = sum(finite_times) if finite_times else None
    # lap start times are whole seconds: never report less elapsed than timer time
    elapsed = max(elapsed, moving or 0.0)
    calories = [v["Calories"] for _, _, v in laps_raw if "Calories" in v]
    return Activity(
        sport=sport,
        start_time=aware(start, offset),
        elapsed_time_s=float(max(elapsed, 0.0)),
        moving_time_s=moving,
        distance_m=total,
        avg_hr_bpm=_weighted_lap_mean(laps_raw, "AverageHeartRateBpm") or mean_positive(hr),
        max_hr_bpm=_lap_max(laps_raw, "MaximumHeartRateBpm") or max_positive(hr),
        avg_cadence_spm=mean_positive(cad),
        avg_power_w=mean_positive(power),
        calories_kcal=float(sum(calories)) if calories else None,
        device=device,
        source_format="tcx",
        laps=laps,
        samples=samples,
        warnings=tuple(warnings),
    )


#: Elements visited inside a Track (lxml filters the rest in C): the points and their fields.
_TRACK_TAGS = ("{*}Trackpoint", *(f"{{*}}{name}" for name in _POINT_FIELDS))


def _read_track(
    track: _Element, slots: dict[object, int], times: list[str | None], rows: list[list[float]]
) -> None:
    """Append the timed points of one ``Track``: one pass over the wanted elements in document
    order (a point's fields follow the Trackpoint element); points without a time are skipped."""
    nan = math.nan
    values: list[float] | None = None
    p_time: str | None = None
    for el in track.iter(*_TRACK_TAGS):
        tag = el.tag
        slot = slots.get(tag)
        if slot is None:
            local = local_name(tag)
            slot = -3 if local == "Trackpoint" else _POINT_FIELDS.get(local, -2)
            slots[tag] = slot
        if slot == -3:
            if values is not None and p_time:
                times.append(p_time)
                rows.append(values)
            values, p_time = [nan] * 8, None
            continue
        if values is None or slot == -2:
            continue
        text = el.text
        if slot == -1:
            p_time = text
        elif text:
            values[slot] = _float(text)
    if values is not None and p_time:
        times.append(p_time)
        rows.append(values)


def _lap_values(lap: _Element) -> dict[str, float]:
    out: dict[str, float] = {}
    for child in lap:
        tag = local_name(child.tag)
        if tag in ("TotalTimeSeconds", "DistanceMeters", "Calories", "Cadence"):
            value = _float(child.text)
        elif tag in ("AverageHeartRateBpm", "MaximumHeartRateBpm"):
            value = _float(_child_text(child, "Value"))
        elif tag == "Extensions":
            for el in child.iter():
                el_tag = local_name(el.tag)
                if el_tag in ("AvgRunCadence", "AvgWatts") and el.text:
                    number = _float(el.text)
                    if math.isfinite(number):
                        out[el_tag] = number
            continue
        else:
            continue
        if math.isfinite(value):
            out[tag] = value
    return out


def _lap(start: float, values: dict[str, float], offset: int, foot: bool) -> Lap:
    cadence = values.get("AvgRunCadence", values.get("Cadence"))
    if cadence is not None and foot:
        cadence *= 2.0
    return Lap(
        start_time=aware(start, offset),
        elapsed_time_s=values.get("TotalTimeSeconds", 0.0),
        distance_m=values.get("DistanceMeters"),
        moving_time_s=values.get("TotalTimeSeconds"),
        avg_hr_bpm=_positive(values.get("AverageHeartRateBpm")),
        max_hr_bpm=_positive(values.get("MaximumHeartRateBpm")),
        avg_cadence_spm=_positive(cadence),
        avg_power_w=_positive(values.get("AvgWatts")),
    )


def _weighted_lap_mean(
    laps: list[tuple[float, int | None, dict[str, float]]], key: str
) -> float | None:
    total = weight = 0.0
    for _, _, values in laps:
        value = values.get(key)
        seconds = values.get("TotalTimeSeconds", 0.0)
        if value is not None and value > 0 and seconds > 0:
            total += value * seconds
            weight += seconds
    return total / weight if weight > 0 else None


def _lap_max(laps: list[tuple[float, int | None, dict[str, float]]], key: str) -> float | None:
    found = [v[key] for _, _, v in laps if v.get(key, 0) > 0]
    return max(found) if found else None


def _positive(value: float | None) -> float | None:
    return value if value is not None and value > 0 else None


def _child_text(element: _Element, tag: str) -> str | None:
    for child in element:
        if local_name(child.tag) == tag:
            text = (child.text or "").strip()
            return text or None
    return None


def _float(text: str | None) -> float:
    if text is None:
        return math.nan
    try:
        return float(text)
    except ValueError:
        return math.nan
