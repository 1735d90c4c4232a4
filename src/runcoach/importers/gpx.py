"""GPX tracks → one ``domain.Activity`` per file.

Every ``trk``/``trkseg``/``trkpt`` of the file is read in document order (several tracks and
segments make one activity; empty segments are skipped). Distance is the great-circle length
within segments (gaps between segments are not counted). Heart rate and cadence come from the
Garmin TrackPointExtension (``gpxtpx:hr``, ``gpxtpx:cad``) or the cluetrust GPXDATA extension
(``gpxdata:hr``, ``gpxdata:cadence``); power from a ``power`` extension. Cadence is written per
leg (strides per minute), as in FIT, and doubled to steps per minute for foot sports.

Points without a time between dated points get a time interpolated by position in the track;
points before the first or after the last dated point are left out (with a warning), and a
track where fewer than half the points can be dated is refused. A file
with routes, waypoints or metadata but no track point is not an activity; a track without any
time cannot be dated and is refused.

Source: GPX 1.0/1.1 schemas (topografix.com); Garmin TrackPointExtension v1/v2; cluetrust
GPXDATA 1.0.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from runcoach.domain.activity import Activity, FloatArray, Sport
from runcoach.importers.errors import FileImportError, NotAnActivityError
from runcoach.importers.fit import FOOT_SPORTS
from runcoach.importers.samples import (
    make_samples,
    max_positive,
    mean_positive,
    moving_time_s,
    track_distance_m,
)
from runcoach.importers.sports import sport_from_text
from runcoach.importers.timestamps import aware, parse_times
from runcoach.importers.xml_safe import local_name, parse_xml

if TYPE_CHECKING:
    import numpy.typing as npt
    from lxml.etree import _Element

    BoolArray = npt.NDArray[np.bool_]

#: Point fields by local tag name: -1 time; 0 elevation, 1 heart rate, 2 cadence, 3 power;
#: every other tag is skipped (-2).
_SLOTS = {
    "time": -1,
    "ele": 0,
    "hr": 1,
    "heartrate": 1,
    "cad": 2,
    "cadence": 2,
    "runcadence": 2,
    "power": 3,
}


def read_gpx(data: bytes, *, name: str, default_sport: Sport | None = None) -> list[Activity]:
    """Read a GPX file (bytes) into one activity; ``default_sport`` applies when the file's
    ``<type>`` is missing or unknown (otherwise the sport is ``other``, with a warning)."""
    root = parse_xml(data, name=name)
    if local_name(root.tag) != "gpx":
        raise FileImportError(f"{name} is XML but not GPX (its root element is <{root.tag}>).")

    columns = _Columns()
    lat, lon, ele, times = columns.lat, columns.lon, columns.ele, columns.times
    hr, cad, power, segment_start = columns.hr, columns.cad, columns.power, columns.segment_start
    track_type: str | None = None
    track_name: str | None = None
    routes = waypoints = 0
    slots: dict[object, int] = {}  # tag (with namespace) -> slot, filled as tags are met

    for child in root:
        tag = local_name(child.tag)
        if tag == "rte":
            routes += 1
            continue
        if tag == "wpt":
            waypoints += 1
            continue
        if tag != "trk":
            continue
        for part in child:
            part_tag = local_name(part.tag)
            if part_tag == "type" and track_type is None and part.text:
                track_type = part.text.strip()
            elif part_tag == "name" and track_name is None and part.text:
                track_name = part.text.strip()
            elif part_tag == "trkseg":
                _read_segment(part, slots, columns)

    if not times:
        what = (
            "a route"
            if routes
            else "waypoints"
            if waypoints
            else "only metadata"
            if len(root)
            else "nothing"
        )
        raise NotAnActivityError(f"{name} holds {what} and no recorded track, not an activity.")

    unix, offset = parse_times(times)
    lat_a = np.asarray(lat)
    lon_a = np.asarray(lon)
    starts = np.asarray(segment_start)
    step = _segment_steps(lat_a, lon_a, starts)
    warnings: list[str] = []
    keep = _date_points(unix)
    if not keep.any():
        raise FileImportError(f"{name} has a track without any time, so it cannot be dated.")
    dropped = int((~keep).sum())
    if dropped * 2 > keep.size:
        raise FileImportError(
            f"{name} has times on too few track points ({keep.size - dropped} of {keep.size} "
            "can be dated), so it cannot be logged as an activity."
        )
    if dropped:
        warnings.append(f"{dropped} track points without a time were left out")
    unix = _interpolate(unix, keep)

    sport = sport_from_text(track_type) or default_sport
    if sport is None:
        sport = "other"
        warnings.append("the file does not say which sport it is; logged as other")
    t0 = float(np.nanmin(unix[keep]))
    distance = np.cumsum(step)[keep]
    distance -= distance[0]
    time_s = unix[keep] - t0
    hr_a = np.asarray(hr)[keep]
    cad_a = np.asarray(cad)[keep] * (2.0 if sport in FOOT_SPORTS else 1.0)
    power_a = np.asarray(power)[keep]
    samples = make_samples(
        time_s,
        distance_m=distance,
        heart_rate_bpm=np.where(hr_a > 0, hr_a, np.nan),
        cadence_spm=cad_a,
        power_w=power_a,
        altitude_m=np.asarray(ele)[keep],
        lat_deg=lat_a[keep],
        lon_deg=lon_a[keep],
    )
    total = float(distance[-1]) if distance.size else None
    elapsed = float(np.nanmax(time_s)) if time_s.size else 0.0
    return [
        Activity(
            sport=sport,
            start_time=aware(t0, offset),
            elapsed_time_s=elapsed,
            moving_time_s=moving_time_s(time_s, distance),
            distance_m=total,
            avg_hr_bpm=mean_positive(hr_a),
            max_hr_bpm=max_positive(hr_a),
            avg_cadence_spm=mean_positive(cad_a),
            avg_power_w=mean_positive(power_a),
            device=_creator(root),
            name=track_name,
            source_format="gpx",
            samples=samples,
            warnings=tuple(warnings),
        )
    ]


class _Columns:
    """The point columns of a GPX file, filled segment by segment."""

    def __init__(self) -> None:
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.ele: list[float] = []
        self.times: list[str | None] = []
        self.hr: list[float] = []
        self.cad: list[float] = []
        self.power: list[float] = []
        self.segment_start: list[bool] = []

    def add(
        self, point: _Element | None, time: str | None, values: list[float], first: bool
    ) -> None:
        if point is None:
            return
        self.lat.append(_float(point.get("lat")))
        self.lon.append(_float(point.get("lon")))
        self.times.append(time)
        self.ele.append(values[0])
        self.hr.append(values[1])
        self.cad.append(values[2])
        self.power.append(values[3])
        self.segment_start.append(first)


#: Elements visited inside a segment (lxml filters the rest in C): the points and the fields.
_SEGMENT_TAGS = ("{*}trkpt", *(f"{{*}}{name}" for name in _SLOTS))


def _read_segment(segment: _Element, slots: dict[object, int], columns: _Columns) -> None:
    """Append the points of one ``trkseg``: one pass over the wanted elements, in document
    order (a point's fields follow the point element)."""
    nan = math.nan
    point: _Element | None = None
    values = [nan, nan, nan, nan]  # ele, hr, cad, power
    p_time: str | None = None
    first = True
    for el in segment.iter(*_SEGMENT_TAGS):
        tag = el.tag
        slot = slots.get(tag)
        if slot is None:
            local = local_name(tag)
            slot = -3 if local == "trkpt" else _SLOTS.get(local, -2)
            slots[tag] = slot
        if slot == -3:
            columns.add(point, p_time, values, first)
            first = first and point is None
            point, p_time, values = el, None, [nan, nan, nan, nan]
            continue
        text = el.text
        if not text or slot == -2:
            continue
        if slot == -1:
            p_time = text
        else:
            values[slot] = _float(text)
    columns.add(point, p_time, values, first)


def _float(text: str | None) -> float:
    if text is None:
        return math.nan
    try:
        return float(text)
    except ValueError:
        return math.nan


def _segment_steps(lat: FloatArray, lon: FloatArray, segment_start: BoolArray) -> FloatArray:
    """Distance from the previous point (metres), 0 at the first point of each segment."""
    cumulative = track_distance_m(lat, lon)
    step = np.diff(cumulative, prepend=0.0)
    step[segment_start] = 0.0
    return step


def _date_points(unix: FloatArray) -> BoolArray:
    """Points that can be dated: dated ones and undated ones between two dated points."""
    dated: BoolArray = np.isfinite(unix)
    if not dated.any():
        return dated
    idx = np.flatnonzero(dated)
    keep: BoolArray = np.zeros(unix.shape, dtype=np.bool_)
    keep[idx[0] : idx[-1] + 1] = True
    return keep


def _interpolate(unix: FloatArray, keep: BoolArray) -> FloatArray:
    dated = np.isfinite(unix)
    if dated.all():
        return unix
    positions = np.arange(unix.size, dtype=np.float64)
    out = unix.copy()
    missing = keep & ~dated
    out[missing] = np.interp(positions[missing], positions[dated], unix[dated])
    return out


def _creator(root: _Element) -> str | None:
    creator = root.get("creator")
    return creator.strip() or None if creator else None
