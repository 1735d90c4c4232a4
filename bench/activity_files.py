"""Synthesis of activity files for the import benchmarks (not a benchmark itself).

- :func:`shift_fit` moves every absolute time of a real FIT file by a number of seconds: it walks
  the message framing, adds the offset in place to each ``date_time`` field the definitions
  declare (``timestamp`` 253 in every message; ``time_created``, ``start_time``,
  ``local_timestamp`` where the profile has them), and rewrites the CRCs. The records are
  otherwise byte-identical, so decoding costs what the original costs.
- :func:`gpx_bytes` and :func:`tcx_bytes` write a decoded activity's points the way Garmin
  Connect exports them (TrackPointExtension heart rate and cadence; TCX with distance,
  altitude, heart rate, RunCadence and speed).

Source: Garmin FIT Protocol (header, record headers, definitions, CRC); GPX 1.1 and TCX v2.
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime

import numpy as np

from runcoach.domain.activity import Activity
from runcoach.importers.fit_frames import fit_crc

#: (global message number, field number) of date_time fields shifted besides timestamp (253).
TIME_FIELDS = {(0, 4), (18, 2), (19, 2), (34, 5), (21, 253)}
ABSOLUTE_MIN = 0x10000000
INVALID = 0xFFFFFFFF


def shift_fit(data: bytes, offset_s: int) -> bytes:
    """A copy of a single-sequence FIT file with every absolute time moved by ``offset_s``."""
    out = bytearray(data)
    header_size = out[0]
    (data_size,) = struct.unpack_from("<I", out, 4)
    pos, end = header_size, header_size + data_size
    layouts: dict[int, tuple[int, str, list[int]]] = {}
    while pos < end:
        head = out[pos]
        if head & 0x80:
            local = (head >> 5) & 0x03
        elif head & 0x40:
            local = head & 0x0F
            endian = ">" if out[pos + 2] == 1 else "<"
            (number,) = struct.unpack_from(endian + "H", out, pos + 3)
            n_fields = out[pos + 5]
            offsets, size, q = [], 0, pos + 6
            for i in range(n_fields):
                field, fsize = out[q + 3 * i], out[q + 3 * i + 1]
                if fsize == 4 and (field == 253 or (number, field) in TIME_FIELDS):
                    offsets.append(size)
                size += fsize
            q += 3 * n_fields
            if head & 0x20:
                n_dev = out[q]
                size += sum(out[q + 1 + 3 * i + 1] for i in range(n_dev))
                q += 1 + 3 * n_dev
            layouts[local] = (size, endian, offsets)
            pos = q
            continue
        else:
            local = head & 0x0F
        size, endian, offsets = layouts[local]
        for off in offsets:
            at = pos + 1 + off
            (value,) = struct.unpack_from(endian + "I", out, at)
            if ABSOLUTE_MIN <= value < INVALID:
                struct.pack_into(endian + "I", out, at, value + offset_s)
        pos += 1 + size
    if header_size == 14 and out[12:14] != b"\0\0":
        struct.pack_into("<H", out, 12, fit_crc(bytes(out[:12])))
    struct.pack_into("<H", out, end, fit_crc(bytes(out[:end])))
    return bytes(out[: end + 2])


def _iso(unix_s: float) -> str:
    return datetime.fromtimestamp(unix_s, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _points(activity: Activity, start_unix: float, n: int | None) -> list[tuple[float, ...]]:
    s = activity.samples
    assert s is not None
    cols = [
        s.time_s,
        s.lat_deg,
        s.lon_deg,
        s.altitude_m,
        s.heart_rate_bpm,
        s.cadence_spm,
        s.distance_m,
        s.speed_m_s,
    ]
    size = len(s) if n is None else min(n, len(s))
    nan = np.full(len(s), np.nan)
    arrays = [nan if c is None else c for c in cols]
    rows = []
    for i in range(size):
        t, lat, lon, ele, hr, cad, dist, speed = (float(a[i]) for a in arrays)
        rows.append((start_unix + t, lat, lon, ele, hr, cad, dist, speed))
    return rows


def gpx_bytes(activity: Activity, start_unix: float, n: int | None = None) -> bytes:
    """The first ``n`` points (all by default) as a Garmin-style GPX 1.1 run."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<gpx creator="Garmin Connect" version="1.1" '
        'xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n'
        "<metadata><time>" + _iso(start_unix) + "</time></metadata>\n"
        "<trk><name>Run</name><type>running</type><trkseg>\n"
    ]
    for t, lat, lon, ele, hr, cad, _dist, _speed in _points(activity, start_unix, n):
        if not (np.isfinite(lat) and np.isfinite(lon)):
            continue
        ext = ""
        if np.isfinite(hr):
            ext += f"<ns3:hr>{hr:.0f}</ns3:hr>"
        if np.isfinite(cad):
            ext += f"<ns3:cad>{cad / 2:.0f}</ns3:cad>"
        ele_el = f"<ele>{ele:.1f}</ele>" if np.isfinite(ele) else ""
        parts.append(
            f'<trkpt lat="{lat:.7f}" lon="{lon:.7f}">{ele_el}<time>{_iso(t)}</time>'
            f"<extensions><ns3:TrackPointExtension>{ext}</ns3:TrackPointExtension>"
            "</extensions></trkpt>\n"
        )
    parts.append("</trkseg></trk></gpx>\n")
    return "".join(parts).encode()


def tcx_bytes(activity: Activity, start_unix: float, n: int | None = None) -> bytes:
    """The first ``n`` points (all by default) as a Garmin-style TCX run in one lap."""
    rows = _points(activity, start_unix, n)
    total = rows[-1][0] - rows[0][0]
    dist = next((r[6] for r in reversed(rows) if np.isfinite(r[6])), 0.0)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase '
        'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" '
        'xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">\n'
        f'<Activities><Activity Sport="Running"><Id>{_iso(start_unix)}</Id>\n'
        f'<Lap StartTime="{_iso(start_unix)}"><TotalTimeSeconds>{total:.1f}</TotalTimeSeconds>'
        f"<DistanceMeters>{dist:.1f}</DistanceMeters><Intensity>Active</Intensity>"
        "<TriggerMethod>Manual</TriggerMethod><Track>\n"
    ]
    for t, lat, lon, ele, hr, cad, d, speed in rows:
        pos = (
            f"<Position><LatitudeDegrees>{lat:.7f}</LatitudeDegrees>"
            f"<LongitudeDegrees>{lon:.7f}</LongitudeDegrees></Position>"
            if np.isfinite(lat) and np.isfinite(lon)
            else ""
        )
        alt = f"<AltitudeMeters>{ele:.1f}</AltitudeMeters>" if np.isfinite(ele) else ""
        dist_el = f"<DistanceMeters>{d:.1f}</DistanceMeters>" if np.isfinite(d) else ""
        hr_el = f"<HeartRateBpm><Value>{hr:.0f}</Value></HeartRateBpm>" if np.isfinite(hr) else ""
        ext = ""
        if np.isfinite(speed):
            ext += f"<ns3:Speed>{speed:.3f}</ns3:Speed>"
        if np.isfinite(cad):
            ext += f"<ns3:RunCadence>{cad / 2:.0f}</ns3:RunCadence>"
        parts.append(
            f"<Trackpoint><Time>{_iso(t)}</Time>{pos}{alt}{dist_el}{hr_el}"
            f"<Extensions><ns3:TPX>{ext}</ns3:TPX></Extensions></Trackpoint>\n"
        )
    parts.append("</Track></Lap></Activity></Activities></TrainingCenterDatabase>\n")
    return "".join(parts).encode()
