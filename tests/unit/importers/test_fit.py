"""FIT import on real files, checked against the device's own session and lap summaries.

The expected values come from the files themselves, read message by message with fitdecode
(the device's session/lap messages), and from python-fitparse's expected record CSVs (MIT),
not from runcoach's importer.
"""

from __future__ import annotations

import csv
import math
from datetime import UTC, datetime, timedelta, timezone

import fitdecode
import numpy as np
import pytest

from runcoach.importers.errors import FileImportError, NotAnActivityError
from runcoach.importers.fit import read_fit
from runcoach.importers.fit_decode import fitfast_available
from tests.unit.importers.conftest import ACTIVITIES, data_file

GOOD_RUNS = [
    "fit/fitparse__2013-02-06-12-11-14.fit",
    "fit/fitparse__activity-small-fenix2-run.fit",
    "fit/fitparse__compressed-speed-distance.fit",
    "fit/fitparse__garmin-fenix-5-run.fit",
    "fit/tormoder-fit__mornindew-broken.fit",
]


def device_messages(relative: str, kind: str) -> list[dict[str, object]]:
    """Every ``kind`` message of a file as written by the device (fitdecode, no runcoach code)."""
    out = []
    with fitdecode.FitReader(str(ACTIVITIES / relative)) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == kind:
                out.append({f.name: f.value for f in frame.fields if f.value is not None})
    return out


@pytest.mark.parametrize("relative", GOOD_RUNS)
@pytest.mark.parametrize("fast", [True, False], ids=["fast", "reference"])
def test_run_matches_the_device_session_summary(relative: str, fast: bool) -> None:
    [session] = device_messages(relative, "session")
    laps = device_messages(relative, "lap")
    [activity] = read_fit(data_file(relative), name=relative, fast=fast)

    assert activity.sport == "running"
    assert activity.source_format == "fit"
    assert not activity.partial
    assert activity.elapsed_time_s == pytest.approx(session["total_elapsed_time"])
    assert activity.moving_time_s == pytest.approx(session["total_timer_time"])
    if "total_distance" in session:
        assert activity.distance_m == pytest.approx(session["total_distance"])
    if "avg_heart_rate" in session:
        assert activity.avg_hr_bpm == pytest.approx(session["avg_heart_rate"])
    assert len(activity.laps) == len(laps)
    for lap, device_lap in zip(activity.laps, laps, strict=True):
        assert lap.elapsed_time_s == pytest.approx(device_lap["total_elapsed_time"])
        if "total_distance" in device_lap:
            assert lap.distance_m == pytest.approx(device_lap["total_distance"])
        if "avg_heart_rate" in device_lap:
            assert lap.avg_hr_bpm == pytest.approx(device_lap["avg_heart_rate"])
    start = session["start_time"]
    assert activity.start_time.tzinfo is not None
    if isinstance(start, datetime):
        assert activity.start_time == start
    else:  # seconds since the watch was switched on: dated by the local-time anchor
        assert isinstance(start, int) and start < 0x10000000
        assert any("time zone unknown" in w for w in activity.warnings)


def test_known_summaries_of_the_shared_provenance_table() -> None:
    # shared/data/PROVENANCE.md: "running 43m45s 4.84 km, avgHR 147; laps 5; records 590"
    [a] = read_fit(data_file("fit/fitparse__2013-02-06-12-11-14.fit"), name="x")
    assert a.elapsed_time_s == pytest.approx(43 * 60 + 45, abs=1)
    assert a.distance_m == pytest.approx(4840, abs=5)
    assert a.avg_hr_bpm == 147
    assert len(a.laps) == 5
    assert a.samples is not None and len(a.samples) == 590
    assert a.device == "garmin fr110"
    # "running 2h23m 16.77 km, avgHR 147; laps 11; records 6874" (tormoder/fit, FR920XT)
    [b] = read_fit(data_file("fit/tormoder-fit__mornindew-broken.fit"), name="y")
    assert b.elapsed_time_s == pytest.approx(2 * 3600 + 23 * 60 + 49, abs=30)
    assert b.distance_m == pytest.approx(16770, abs=5)
    assert len(b.laps) == 11
    assert b.samples is not None and len(b.samples) == 6874


def test_session_without_average_hr_uses_the_records() -> None:
    # The Fenix 2 run has HR in its records but no avg_heart_rate in session or laps.
    relative = "fit/fitparse__activity-small-fenix2-run.fit"
    [a] = read_fit(data_file(relative), name=relative)
    assert a.samples is not None and a.samples.heart_rate_bpm is not None
    hr = a.samples.heart_rate_bpm
    assert a.avg_hr_bpm == pytest.approx(float(np.nanmean(hr[hr > 0])))
    assert 100 < (a.avg_hr_bpm or 0) < 200


def test_local_offset_comes_from_the_activity_message() -> None:
    relative = "fit/fitparse__garmin-fenix-5-run.fit"
    [activity_msg] = device_messages(relative, "activity")
    [a] = read_fit(data_file(relative), name=relative)
    local = activity_msg["local_timestamp"]
    utc = activity_msg["timestamp"]
    assert isinstance(local, datetime) and isinstance(utc, datetime)
    offset = local.replace(tzinfo=UTC) - utc
    assert a.start_time.utcoffset() == offset == timedelta(hours=-7)
    # fitparse's CSV prints the first record as "Sun Jun 11 07:34:09 PDT 2017"
    assert a.start_time.replace(tzinfo=None) == datetime(2017, 6, 11, 7, 34, 9)
    assert a.start_time.tzinfo == timezone(timedelta(hours=-7))


def test_records_match_fitparse_expected_csv_fenix5() -> None:
    relative = "fit/fitparse__garmin-fenix-5-run.fit"
    [a] = read_fit(data_file(relative), name=relative)
    with (ACTIVITIES / "csv" / "fitparse__garmin-fenix-5-run-records.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    s = a.samples
    assert s is not None and len(s) == len(rows) == 21
    assert s.heart_rate_bpm is not None and s.speed_m_s is not None
    assert s.distance_m is not None and s.altitude_m is not None
    assert s.lat_deg is not None and s.cadence_spm is not None
    semicircle = 180 / 2**31
    for i, row in enumerate(rows):
        assert s.heart_rate_bpm[i] == float(row["heart_rate"])
        assert s.speed_m_s[i] == pytest.approx(float(row["speed"]))
        assert s.distance_m[i] == pytest.approx(float(row["distance"]))
        assert s.altitude_m[i] == pytest.approx(float(row["altitude"]), abs=1e-6)
        assert s.lat_deg[i] == pytest.approx(int(row["position_lat"]) * semicircle)
        # FIT running cadence is per leg; runcoach stores steps per minute (both feet).
        cadence = float(row["cadence"])
        if cadence > 0:
            assert s.cadence_spm[i] == pytest.approx(2 * cadence, abs=2)
        else:
            assert s.cadence_spm[i] == pytest.approx(0, abs=2)
    times = [datetime.strptime(r["timestamp"], "%a %b %d %H:%M:%S PDT %Y") for r in rows]
    elapsed = [(t - times[0]).total_seconds() for t in times]
    assert np.allclose(s.time_s, elapsed)


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "reference"])
def test_compressed_speed_distance_matches_fitparse_expected_csv(fast: bool) -> None:
    relative = "fit/fitparse__compressed-speed-distance.fit"
    [a] = read_fit(data_file(relative), name=relative, fast=fast)
    with (ACTIVITIES / "csv" / "fitparse__compressed-speed-distance-records.csv").open() as fh:
        reader = csv.reader(fh)
        next(reader)
        rows = [[None if v == "null" else float(v) for v in r] for r in reader]
    s = a.samples
    assert s is not None and s.distance_m is not None and s.speed_m_s is not None
    assert s.heart_rate_bpm is not None
    # runcoach keeps one more record than fitparse's CSV: a first record holding only a
    # timestamp (no heart rate, speed or distance) at the session start.
    skip = len(s) - len(rows)
    assert skip == 1
    assert math.isnan(s.heart_rate_bpm[0]) and math.isnan(s.distance_m[0])
    base = rows[0][0]
    assert base is not None
    for i, (stamp, hr, speed, dist, _cad) in enumerate(rows):
        j = i + skip
        assert stamp is not None
        assert s.time_s[j] - s.time_s[skip] == pytest.approx(stamp - base)
        assert s.heart_rate_bpm[j] == hr
        assert s.speed_m_s[j] == pytest.approx(speed)
        assert s.distance_m[j] == pytest.approx(dist)
    assert a.distance_m == pytest.approx(10248.67, abs=0.01)
    assert len(a.laps) == 11


def test_device_clock_times_are_anchored_with_a_warning() -> None:
    # ANT-FS dump of a Forerunner 70: every time is seconds since the watch was switched on;
    # only activity.local_timestamp (2012-02-13 12:21:03 local) dates it.
    [a] = read_fit(data_file("fit/fitparse__antfs-dump.63.fit"), name="antfs")
    assert a.start_time.year == 2012
    assert a.start_time.date().isoformat() == "2012-02-13"
    assert a.elapsed_time_s == pytest.approx(3426.898)
    assert a.distance_m is None  # no total_distance and no distance in the records
    assert a.avg_hr_bpm == 162
    assert any("time zone unknown" in w for w in a.warnings)


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "reference"])
def test_multisport_file_splits_into_legs(fast: bool) -> None:
    relative = "fit/fitparse__sample_mulitple_header.fit"
    sessions = device_messages(relative, "session")
    legs = read_fit(data_file(relative), name=relative, fast=fast)
    assert [leg.sport for leg in legs] == [
        "swimming",
        "transition",
        "cycling",
        "transition",
        "running",
    ]
    assert [leg.leg_index for leg in legs] == [0, 1, 2, 3, 4]
    assert len({leg.group_key for leg in legs}) == 1 and legs[0].group_key is not None
    for leg, session in zip(legs, sessions, strict=True):
        assert leg.elapsed_time_s == pytest.approx(session["total_elapsed_time"])
        assert leg.distance_m == pytest.approx(session["total_distance"])
        assert leg.avg_hr_bpm == pytest.approx(session["avg_heart_rate"])
        assert leg.start_time == session["start_time"]
    run = legs[-1]
    assert run.is_run and not legs[2].is_run
    assert run.sub_sport is None or isinstance(run.sub_sport, str)
    # the run leg's samples start at its own start and cover its own distance
    assert run.samples is not None and run.samples.distance_m is not None
    assert run.samples.time_s[0] >= 0
    assert float(np.nanmax(run.samples.distance_m)) == pytest.approx(9805.92, rel=0.01)
    assert legs[0].start_time.utcoffset() == timedelta(hours=2)


def test_running_cadence_is_doubled_and_cycling_cadence_is_not() -> None:
    legs = read_fit(data_file("fit/fitparse__sample_mulitple_header.fit"), name="tri")
    sessions = device_messages("fit/fitparse__sample_mulitple_header.fit", "session")
    run, run_session = legs[-1], sessions[-1]
    bike, bike_session = legs[2], sessions[2]
    per_leg = float(run_session["avg_running_cadence"]) + float(
        run_session.get("avg_fractional_cadence", 0.0)  # type: ignore[arg-type]
    )
    assert run.avg_cadence_spm == pytest.approx(2 * per_leg)
    assert 150 < (run.avg_cadence_spm or 0) < 200
    assert bike.avg_cadence_spm == pytest.approx(
        float(bike_session["avg_cadence"]) + float(bike_session.get("avg_fractional_cadence", 0.0))  # type: ignore[arg-type]
    )


def test_non_garmin_cycling_file_with_zero_session_hr() -> None:
    # Onelap indoor ride: the session writes avg HR 0, which means "no reading".
    [a] = read_fit(data_file("fit/tormoder-fit__0134902991.fit"), name="onelap")
    assert a.sport == "cycling"
    assert a.sub_sport == "indoor_cycling"
    assert a.avg_hr_bpm is None or a.avg_hr_bpm > 0
    assert a.distance_m == pytest.approx(7123.39, abs=0.01)
    assert a.samples is not None and a.samples.power_w is not None


@pytest.mark.parametrize(
    ("relative", "kind"),
    [
        ("fit/fitparse__MonitoringFile.fit", "monitoring_b"),
        ("fit/fitparse__WorkoutIndividualSteps.fit", "workout"),
    ],
)
def test_non_activity_files_are_refused_with_their_type(relative: str, kind: str) -> None:
    with pytest.raises(NotAnActivityError, match=rf"is a FIT {kind} file, not a recorded activity"):
        read_fit(data_file(relative), name=relative)


@pytest.mark.parametrize(
    "relative",
    [
        "fit/fitparse__activity-unexpected-eof.fit",
        "fit/fitparse__activity-filecrc.fit",
        "fit/fitparse__activity-settings-corruptheader.fit",
        "fit/fitparse__strava-android-app-201.10-b1218918.fit",
    ],
)
@pytest.mark.parametrize("fast", [True, False], ids=["fast", "reference"])
def test_damaged_files_with_a_readable_activity_import_as_partial(
    relative: str, fast: bool
) -> None:
    [a] = read_fit(data_file(relative), name=relative, fast=fast)
    assert a.partial
    assert a.warnings
    assert a.sport == "running"
    assert a.elapsed_time_s > 0


def test_partial_strava_app_file_keeps_its_session_totals() -> None:
    # "running 59m18s 11.27 km" — the session comes before the undefined local message.
    [a] = read_fit(data_file("fit/fitparse__strava-android-app-201.10-b1218918.fit"), name="s")
    assert a.partial
    assert a.elapsed_time_s == pytest.approx(3558)
    assert a.distance_m == pytest.approx(11274.04)
    assert any("local message 11" in w for w in a.warnings)


@pytest.mark.parametrize("cut", [0, 13, 40, 200])
def test_truncated_beyond_recovery_fails_with_one_sentence(cut: int) -> None:
    data = data_file("fit/fitparse__2013-02-06-12-11-14.fit")[:cut]
    with pytest.raises(FileImportError) as caught:
        read_fit(data, name="cut.fit")
    message = str(caught.value)
    assert message.startswith("cut.fit ")
    assert "\n" not in message


def test_truncated_in_the_records_imports_the_readable_part_as_partial() -> None:
    data = data_file("fit/tormoder-fit__mornindew-broken.fit")
    [a] = read_fit(data[: len(data) // 2], name="half.fit")
    assert a.partial
    assert any("the file has no session summary" in w for w in a.warnings)
    assert a.samples is not None and 2000 < len(a.samples) < 6874
    assert a.elapsed_time_s > 1800


def test_garbage_after_a_valid_header_fails_cleanly() -> None:
    header = data_file("fit/fitparse__Activity.fit")[:14]
    noise = bytes((i * 37 + 11) % 256 for i in range(5000))
    with pytest.raises(FileImportError):
        read_fit(header + noise, name="noise.fit")


@pytest.mark.skipif(not fitfast_available(), reason="fitfast (the fast extra) is not installed")
def test_fast_path_is_used_for_clean_modern_files() -> None:
    from runcoach.importers.fit import decode_fit

    content = decode_fit(data_file("fit/tormoder-fit__mornindew-broken.fit"))
    assert content.decoder == "fitfast"
    # fitfast 0.1.0 rejects 14-byte headers whose header CRC is 0 (a valid FIT file):
    # the reference decoder takes over and the result is not partial.
    content = decode_fit(data_file("fit/fitparse__2013-02-06-12-11-14.fit"))
    assert content.decoder == "fitdecode"
    assert content.problems == []
