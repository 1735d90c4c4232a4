"""Property tests: any recorded track written as GPX or TCX reads back to the same points, the
activity read survives the store round trip field by field, and importing the same files a
second time (in any order) changes nothing."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runcoach.bootstrap import open_services
from runcoach.importers.files import read_activity_file
from runcoach.importers.samples import track_distance_m
from runcoach.services.logbook import import_paths
from tests.integration.test_log_import import assert_same_activity, stored_state


@dataclass(frozen=True)
class Track:
    start: datetime
    steps_s: list[int]
    lat: list[float]
    lon: list[float]
    hr: list[int | None]
    strides: list[int]
    sport: str

    @property
    def times(self) -> list[datetime]:
        out, t = [], self.start
        for step in self.steps_s:
            t += timedelta(seconds=step)
            out.append(t)
        return out


@st.composite
def tracks(draw: st.DrawFn) -> Track:
    n = draw(st.integers(2, 120))
    start = draw(
        st.datetimes(datetime(2000, 1, 1), datetime(2030, 1, 1), timezones=st.just(UTC))
    ).replace(microsecond=0)
    steps = draw(st.lists(st.integers(1, 10), min_size=n, max_size=n))
    lat0 = draw(st.floats(-60, 60))
    lon0 = draw(st.floats(-170, 170))
    dlat = draw(st.lists(st.integers(-30, 30), min_size=n, max_size=n))
    dlon = draw(st.lists(st.integers(-30, 30), min_size=n, max_size=n))
    lat = list(np.round(lat0 + np.cumsum(dlat) * 1e-5, 7))
    lon = list(np.round(lon0 + np.cumsum(dlon) * 1e-5, 7))
    hr = draw(st.lists(st.one_of(st.none(), st.integers(60, 200)), min_size=n, max_size=n))
    strides = draw(st.lists(st.integers(50, 100), min_size=n, max_size=n))
    sport = draw(st.sampled_from(["running", "cycling", "walking"]))
    return Track(start, steps, lat, lon, hr, strides, sport)


def iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def as_gpx(track: Track) -> bytes:
    points = []
    for t, la, lo, hr, cad in zip(
        track.times, track.lat, track.lon, track.hr, track.strides, strict=True
    ):
        hr_el = f"<g:hr>{hr}</g:hr>" if hr is not None else ""
        points.append(
            f'<trkpt lat="{la:.7f}" lon="{lo:.7f}"><time>{iso(t)}</time><extensions>'
            f"<g:TrackPointExtension>{hr_el}<g:cad>{cad}</g:cad></g:TrackPointExtension>"
            "</extensions></trkpt>"
        )
    return (
        '<gpx xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:g="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        f"<trk><type>{track.sport}</type><trkseg>{''.join(points)}</trkseg></trk></gpx>"
    ).encode()


def as_tcx(track: Track) -> bytes:
    sport = {"running": "Running", "cycling": "Biking", "walking": "Other"}[track.sport]
    points = []
    for t, la, lo, hr in zip(track.times, track.lat, track.lon, track.hr, strict=True):
        hr_el = f"<HeartRateBpm><Value>{hr}</Value></HeartRateBpm>" if hr is not None else ""
        points.append(
            f"<Trackpoint><Time>{iso(t)}</Time><Position><LatitudeDegrees>{la:.7f}"
            f"</LatitudeDegrees><LongitudeDegrees>{lo:.7f}</LongitudeDegrees></Position>"
            f"{hr_el}</Trackpoint>"
        )
    total = sum(track.steps_s[1:])
    return (
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f'<Activities><Activity Sport="{sport}"><Id>{iso(track.times[0])}</Id>'
        f'<Lap StartTime="{iso(track.times[0])}"><TotalTimeSeconds>{total}</TotalTimeSeconds>'
        f"<Track>{''.join(points)}</Track></Lap></Activity></Activities>"
        "</TrainingCenterDatabase>"
    ).encode()


def check_points(track: Track, data: bytes, name: str) -> None:
    [a] = read_activity_file(data, name=name).activities
    s = a.samples
    assert s is not None and len(s) == len(track.steps_s)
    times = track.times
    assert a.start_time == times[0]
    expected_t = [(t - times[0]).total_seconds() for t in times]
    assert np.array_equal(s.time_s, expected_t)
    assert a.elapsed_time_s == expected_t[-1]
    assert s.lat_deg is not None and s.lon_deg is not None
    assert np.allclose(s.lat_deg, track.lat, atol=1e-9)
    assert np.allclose(s.lon_deg, track.lon, atol=1e-9)
    hr = np.array([np.nan if h is None else h for h in track.hr], dtype=float)
    if np.isfinite(hr).any():
        assert s.heart_rate_bpm is not None
        assert np.array_equal(s.heart_rate_bpm, hr, equal_nan=True)
    else:
        assert s.heart_rate_bpm is None
    distance = track_distance_m(np.array(track.lat), np.array(track.lon))
    assert s.distance_m is not None
    assert np.allclose(s.distance_m, distance, atol=1e-6)
    if name.endswith(".gpx"):
        assert s.cadence_spm is not None
        factor = 1.0 if track.sport == "cycling" else 2.0
        assert np.array_equal(s.cadence_spm, np.array(track.strides) * factor)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(track=tracks())
def test_gpx_and_tcx_read_back_the_points_written(track: Track) -> None:
    check_points(track, as_gpx(track), "t.gpx")
    check_points(track, as_tcx(track), "t.tcx")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    batch=st.lists(tracks(), min_size=1, max_size=4),
    order=st.randoms(use_true_random=False),
)
def test_store_round_trip_and_second_import_changes_nothing(
    batch: list[Track], order: object
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "files"
        folder.mkdir()
        for i, track in enumerate(batch):
            (folder / f"{i}.gpx").write_bytes(as_gpx(track))
            (folder / f"{i}.tcx").write_bytes(as_tcx(track))
        with open_services(database_url=f"sqlite:///{Path(tmp) / 's.db'}") as svc:
            first = import_paths(svc.activities, [folder])
            assert first.ok
            for outcome in first.outcomes:
                if outcome.status != "imported":
                    continue
                path = Path(outcome.label)
                [read] = read_activity_file(path.read_bytes(), name=str(path)).activities
                [stored_id] = outcome.activity_ids
                assert_same_activity(svc.activities.get(stored_id).activity, read)
            before = stored_state(svc)
            # the same run as GPX and as TCX is stored once
            assert len(before) <= len(batch)
            files = sorted(folder.iterdir())
            order.shuffle(files)  # type: ignore[attr-defined]
            second = import_paths(svc.activities, files)
            assert [o.status for o in second.outcomes] == ["duplicate"] * len(files)
            assert stored_state(svc) == before
