"""GPX and TCX import on real files (gpxpy, Apache-2.0; python-tcxparser, BSD-2-Clause) and on
small documents written here for the cases the real files do not cover (heart-rate extensions,
TCX multi-activity files, points without GPS)."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta, timezone

import numpy as np
import pytest

from runcoach.importers.errors import FileImportError, NotAnActivityError
from runcoach.importers.gpx import read_gpx
from runcoach.importers.samples import track_distance_m
from runcoach.importers.tcx import read_tcx
from tests.unit.importers.conftest import data_file

# --- TCX ------------------------------------------------------------------------------------

# The three laps of tcxparser's test.tcx as the Forerunner 410 wrote them.
TEST_TCX_LAPS = [(608.47, 1609.34399414, 139, 189), (714.80, 1609.34399414, 172, 188),
                 (669.51, 1470.5546875, 167, 180)]  # fmt: skip


def test_tcx_totals_come_from_the_device_laps() -> None:
    [a] = read_tcx(data_file("tcx/tcxparser__test.tcx"), name="test.tcx")
    seconds = sum(t for t, _, _, _ in TEST_TCX_LAPS)
    assert a.sport == "running"
    assert a.source_format == "tcx"
    assert a.start_time == datetime(2012, 12, 26, 21, 29, 53, tzinfo=UTC)
    assert a.moving_time_s == pytest.approx(seconds)  # 33m12s
    assert a.distance_m == pytest.approx(sum(d for _, d, _, _ in TEST_TCX_LAPS))  # 4.69 km
    weighted = sum(t * hr for t, _, hr, _ in TEST_TCX_LAPS) / seconds
    assert a.avg_hr_bpm == pytest.approx(weighted)
    assert a.max_hr_bpm == 189
    assert len(a.laps) == 3
    for lap, (t, d, hr, mx) in zip(a.laps, TEST_TCX_LAPS, strict=True):
        assert (lap.elapsed_time_s, lap.distance_m, lap.avg_hr_bpm, lap.max_hr_bpm) == (
            t,
            d,
            hr,
            mx,
        )
    assert a.device is not None and a.device.startswith("Forerunner 410")
    # 384 trackpoints, 383 of them with heart rate (shared/data/PROVENANCE.md)
    assert a.samples is not None and len(a.samples) == 384
    assert a.samples.heart_rate_bpm is not None
    assert int(np.isfinite(a.samples.heart_rate_bpm).sum()) == 383
    assert a.elapsed_time_s >= seconds


def test_tcx_without_heart_rate() -> None:
    [a] = read_tcx(data_file("tcx/tcxparser__no_hr.tcx"), name="no_hr.tcx")
    assert a.avg_hr_bpm is None and a.max_hr_bpm is None
    assert a.samples is not None and a.samples.heart_rate_bpm is None
    assert a.distance_m == pytest.approx(4689.24267578)


def _tcx(activities: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"'
        ' xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">'
        f"<Activities>{activities}</Activities></TrainingCenterDatabase>"
    ).encode()


def _tcx_activity(sport: str, start: str, points: str, total: float, dist: float) -> str:
    return (
        f'<Activity Sport="{sport}"><Id>{start}</Id><Lap StartTime="{start}">'
        f"<TotalTimeSeconds>{total}</TotalTimeSeconds><DistanceMeters>{dist}</DistanceMeters>"
        f"<Track>{points}</Track></Lap></Activity>"
    )


def _trackpoint(time: str, dist: float | None, hr: int | None, run_cadence: int | None) -> str:
    parts = [f"<Time>{time}</Time>"]
    if dist is not None:
        parts.append(f"<DistanceMeters>{dist}</DistanceMeters>")
    if hr is not None:
        parts.append(f"<HeartRateBpm><Value>{hr}</Value></HeartRateBpm>")
    if run_cadence is not None:
        parts.append(
            f"<Extensions><ns3:TPX><ns3:RunCadence>{run_cadence}</ns3:RunCadence></ns3:TPX>"
            "</Extensions>"
        )
    return f"<Trackpoint>{''.join(parts)}</Trackpoint>"


def test_tcx_with_several_activities_and_points_without_gps() -> None:
    run_points = "".join(
        _trackpoint(f"2024-03-01T07:00:{s:02d}Z", s * 3.0, 140 + s, 85) for s in range(0, 60, 10)
    )
    ride_points = "".join(
        _trackpoint(f"2024-03-02T17:00:{s:02d}Z", s * 8.0, None, None) for s in range(0, 60, 20)
    )
    data = _tcx(
        _tcx_activity("Running", "2024-03-01T07:00:00Z", run_points, 50.0, 150.0)
        + _tcx_activity("Biking", "2024-03-02T17:00:00Z", ride_points, 40.0, 320.0)
    )
    run, ride = read_tcx(data, name="two.tcx")
    assert (run.sport, ride.sport) == ("running", "cycling")
    assert run.samples is not None and len(run.samples) == 6
    assert run.samples.lat_deg is None  # no GPS at all, points kept
    assert run.samples.distance_m is not None
    assert list(run.samples.distance_m) == [0.0, 30.0, 60.0, 90.0, 120.0, 150.0]
    assert run.samples.cadence_spm is not None
    assert set(run.samples.cadence_spm) == {170.0}  # RunCadence 85 strides/min, doubled
    assert run.avg_hr_bpm == pytest.approx(np.mean([140, 150, 160, 170, 180, 190]))
    assert run.distance_m == 150.0
    assert ride.distance_m == 320.0
    assert ride.group_key is None and run.group_key is None


def test_tcx_multisport_session_legs_share_a_group() -> None:
    leg = "<Activity Sport=\"{s}\"><Id>{t}</Id><Lap StartTime=\"{t}\"><TotalTimeSeconds>60</TotalTimeSeconds><DistanceMeters>100</DistanceMeters></Lap></Activity>"  # fmt: skip
    session = (
        "<MultiSportSession><Id>2024-03-01T07:00:00Z</Id>"
        f"<FirstSport>{leg.format(s='Biking', t='2024-03-01T07:00:00Z')}</FirstSport>"
        f"<NextSport>{leg.format(s='Running', t='2024-03-01T08:00:00Z')}</NextSport>"
        "</MultiSportSession>"
    )
    bike, run = read_tcx(_tcx(session), name="multi.tcx")
    assert (bike.leg_index, run.leg_index) == (0, 1)
    assert bike.group_key == run.group_key == "tcx:2024-03-01T07:00:00Z"
    assert run.samples is None  # laps only, no track
    assert run.distance_m == 100


def test_tcx_without_activities_is_not_an_activity() -> None:
    with pytest.raises(NotAnActivityError):
        read_tcx(_tcx(""), name="empty.tcx")


# --- GPX ------------------------------------------------------------------------------------


def test_gpx_multiple_tracks_make_one_activity() -> None:
    # GPSBabel file: 8 tracks, 296 points, 4.58 km by gpxpy's 2D length.
    [a] = read_gpx(data_file("gpx/gpxpy__cerknicko-jezero.gpx"), name="c.gpx")
    assert a.samples is not None and len(a.samples) == 296
    assert a.distance_m == pytest.approx(4580, rel=0.01)
    assert a.start_time == datetime(2010, 8, 5, 14, 23, 59, tzinfo=UTC)
    assert a.sport == "other"
    assert any("does not say which sport" in w for w in a.warnings)


def test_gpx_default_sport_applies_when_the_file_has_none() -> None:
    [a] = read_gpx(data_file("gpx/gpxpy__cerknicko-jezero.gpx"), name="c", default_sport="hiking")
    assert a.sport == "hiking"
    assert not a.warnings


def test_gpx_empty_segment_is_skipped() -> None:
    [a] = read_gpx(data_file("gpx/gpxpy__track-with-empty-segment.gpx"), name="e.gpx")
    assert a.samples is not None and len(a.samples) == 9
    assert a.elapsed_time_s == pytest.approx(76)  # gpxpy: duration 1m16s
    assert a.distance_m == pytest.approx(90, abs=5)  # gpxpy: 0.09 km


def test_gpx_offset_times_keep_the_offset() -> None:
    [a] = read_gpx(data_file("gpx/gpxpy__track-with-less-sec-time.gpx"), name="n.gpx")
    assert a.sport == "running"  # <type>run</type>
    assert a.start_time.utcoffset() == timedelta(hours=1)
    assert a.start_time == datetime(2015, 12, 11, 15, 43, 13, tzinfo=timezone(timedelta(hours=1)))
    assert a.elapsed_time_s == pytest.approx(0.994)


def test_gpx_with_partly_missing_times() -> None:
    [a] = read_gpx(data_file("gpx/gpxpy__korita-zbevnica.gpx"), name="k.gpx")
    assert a.samples is not None
    assert 0 < len(a.samples) < 871
    assert np.all(np.isfinite(a.samples.time_s))
    assert np.all(np.diff(a.samples.time_s) >= 0)
    assert any("without a time were left out" in w for w in a.warnings)


def test_gpx_without_times_is_refused() -> None:
    with pytest.raises(FileImportError, match="cannot be logged as an activity"):
        read_gpx(data_file("gpx/gpxpy__cerknicko-without-times.gpx"), name="w.gpx")


@pytest.mark.parametrize(
    ("relative", "what"),
    [("gpx/gpxpy__route.gpx", "a route"), ("gpx/gpxpy__unicode_with_bom.gpx", "waypoints")],
)
def test_gpx_routes_and_waypoints_are_not_activities(relative: str, what: str) -> None:
    with pytest.raises(NotAnActivityError, match=f"holds {what} and no recorded track"):
        read_gpx(data_file(relative), name=relative)


def test_gpx_metadata_only_is_not_an_activity() -> None:
    doc = b'<?xml version="1.0"?><gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1"><metadata><time>2023-07-07T16:10:57Z</time></metadata></gpx>'
    with pytest.raises(NotAnActivityError, match="only metadata"):
        read_gpx(doc, name="meta.gpx")


GARMIN_GPX = """\ufeff<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="Garmin Connect" version="1.1" xmlns="http://www.topografix.com/GPX/1/1"
 xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
 xmlns:gpxdata="http://www.cluetrust.com/XML/GPXDATA/1/0">
 <trk><name>Morning Run</name><type>running</type>
  <trkseg>{seg1}</trkseg><trkseg></trkseg><trkseg>{seg2}</trkseg>
 </trk>
</gpx>"""


def _gpx_point(lat: float, lon: float, when: str | None, hr: int, cad: int, tag: str) -> str:
    time = f"<time>{when}</time>" if when else ""
    if tag == "garmin":
        ext = f"<ns3:TrackPointExtension><ns3:hr>{hr}</ns3:hr><ns3:cad>{cad}</ns3:cad></ns3:TrackPointExtension>"
    else:
        ext = f"<gpxdata:hr>{hr}</gpxdata:hr><gpxdata:cadence>{cad}</gpxdata:cadence>"
    return (
        f'<trkpt lat="{lat}" lon="{lon}"><ele>10</ele>{time}<extensions>{ext}</extensions></trkpt>'
    )


def test_gpx_heart_rate_extensions_bom_and_segments() -> None:
    seg1 = "".join(
        _gpx_point(45.0 + i * 1e-4, 14.0, f"2024-05-01T06:00:{i * 2:02d}Z", 120 + i, 84, "garmin")
        for i in range(10)
    )
    # second segment after a pause, written with the GPXDATA extension; one point has no time
    seg2 = "".join(
        _gpx_point(
            45.01 + i * 1e-4,
            14.0,
            None if i == 3 else f"2024-05-01T06:05:{i * 2:02d}Z",
            150,
            90,
            "gpxdata",
        )
        for i in range(6)
    )
    data = GARMIN_GPX.format(seg1=seg1, seg2=seg2).encode("utf-8")
    [a] = read_gpx(data, name="garmin.gpx")
    assert a.sport == "running" and a.name == "Morning Run" and a.device == "Garmin Connect"
    assert a.samples is not None and len(a.samples) == 16
    assert a.samples.heart_rate_bpm is not None and a.samples.cadence_spm is not None
    assert list(a.samples.heart_rate_bpm[:3]) == [120, 121, 122]
    assert set(a.samples.cadence_spm[:10]) == {168.0} and set(a.samples.cadence_spm[10:]) == {180.0}
    # the point without a time is placed halfway between its neighbours
    assert a.samples.time_s[13] == pytest.approx((a.samples.time_s[12] + a.samples.time_s[14]) / 2)
    # distance is counted within segments only: not across the pause between them
    lat = np.array([45.0 + i * 1e-4 for i in range(10)])
    one = track_distance_m(lat, np.full(10, 14.0))[-1]
    lat2 = np.array([45.01 + i * 1e-4 for i in range(6)])
    two = track_distance_m(lat2, np.full(6, 14.0))[-1]
    assert a.distance_m == pytest.approx(one + two)
    assert a.elapsed_time_s == pytest.approx(5 * 60 + 10)
    assert a.avg_hr_bpm == pytest.approx(np.mean([*range(120, 130), *[150] * 6]))
    assert a.start_time == datetime(2024, 5, 1, 6, 0, tzinfo=UTC)


def test_gpx_points_without_position_are_kept() -> None:
    doc = (
        b'<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
        b'<trkpt lat="45" lon="14"><time>2024-01-01T00:00:00Z</time></trkpt>'
        b'<trkpt lat="" lon=""><time>2024-01-01T00:00:10Z</time></trkpt>'
        b'<trkpt lat="45.001" lon="14"><time>2024-01-01T00:00:20Z</time></trkpt>'
        b"</trkseg></trk></gpx>"
    )
    [a] = read_gpx(doc, name="nogps.gpx")
    assert a.samples is not None and len(a.samples) == 3
    assert a.samples.lat_deg is not None and math.isnan(a.samples.lat_deg[1])
    assert a.distance_m == pytest.approx(111.2, abs=0.5)


def test_haversine_distance_of_one_degree_of_latitude() -> None:
    # 1° of latitude on the IUGG mean sphere: 6,371,008.8 m × π / 180 = 111,195.08 m
    d = track_distance_m(np.array([0.0, 1.0]), np.array([0.0, 0.0]))
    assert d[-1] == pytest.approx(111_195.08, abs=0.01)


def test_utf16_gpx_is_read() -> None:
    doc = (
        '<?xml version="1.0" encoding="UTF-16"?><gpx xmlns="http://www.topografix.com/GPX/1/1">'
        '<trk><type>run</type><trkseg><trkpt lat="1" lon="1"><time>2024-01-01T00:00:00Z</time>'
        '</trkpt><trkpt lat="1.001" lon="1"><time>2024-01-01T00:01:00Z</time></trkpt>'
        "</trkseg></trk></gpx>"
    ).encode("utf-16")
    [a] = read_gpx(doc, name="u16.gpx")
    assert a.elapsed_time_s == 60 and a.sport == "running"
