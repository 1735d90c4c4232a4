"""Strava ``activities.csv`` layouts and how paths (files, folders, ZIPs, exports) expand.

The CSVs are written here in the three header layouts of real exports (the corpus copies have
no stated licence and are not copied); the activity files are permissive test files.
"""

from __future__ import annotations

import gzip
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from runcoach.importers.errors import FileImportError
from runcoach.importers.gpx import read_gpx
from runcoach.importers.sources import BrokenSource, SourceFile, SummaryRow, open_sources
from runcoach.importers.strava import (
    METRES_PER_KM,
    METRES_PER_MILE,
    infer_distance_unit,
    merge_row,
    read_strava_csv,
    row_hash,
    summary_activity,
)
from tests.unit.importers.conftest import data_file

# 2020+ layout: repeated columns and untranslated HTML headers (as in the DillM94 export).
SPAN = '"<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.{k}"">{v}</span>"'
NEW_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,"
    "Distance,Relative Effort,Commute,Activity Gear,Filename,Athlete Weight,Bike Weight,"
    "Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Max Heart Rate,"
    "Average Heart Rate,Calories,"
    + SPAN.format(k="type", v="Type")
    + ","
    + SPAN.format(k="start_time", v="Start Time")
)
OLD_HEADER = "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Commute,Moving Time"
EXPORT_2018_HEADER = "id,date,name,type,description,elapsed_time,distance,commute,gear,filename"


def new_row(act_id: str, date: str, kind: str, filename: str, km: str, m: str, hr: str) -> str:
    return (
        f'{act_id},"{date}",Morning {kind},{kind},,1509,{km},,FALSE,,{filename},63.4,,1509,1500,'
        f"{m},4.5,3.3,170,{hr},344,,"
    )


def test_new_layout_with_repeated_and_html_headers() -> None:
    csv_text = "\n".join(
        [
            NEW_HEADER,
            new_row(
                "1", "Jan 4, 2020, 2:57:37 PM", "Run", "activities/1.fit.gz", "5", "5005.2", "150"
            ),
            new_row("2", "Jan 6, 2020, 4:07:35 PM", "Ride", "", "20.5", "20512.5", ""),
            new_row("3", "Jan 8, 2020, 7:00:00 AM", "Workout", "", "", "", ""),
        ]
    )
    run, ride, workout = read_strava_csv(csv_text.encode(), name="activities.csv")
    assert run.activity_id == "1" and run.sport == "running" and run.name == "Morning Run"
    assert run.start_time == datetime(2020, 1, 4, 14, 57, 37, tzinfo=UTC)
    assert run.distance_m == 5005.2  # the second "Distance" column is in metres
    assert run.distance_display == 5.0
    assert run.elapsed_time_s == 1509 and run.moving_time_s == 1500
    assert run.avg_hr_bpm == 150 and run.max_hr_bpm == 170
    assert run.filename == "activities/1.fit.gz"
    assert ride.filename is None and ride.sport == "cycling" and ride.avg_hr_bpm is None
    summary = summary_activity(ride, csv_name="activities.csv", metres_per_unit=None)
    assert summary.source_format == "strava_csv"
    assert summary.distance_m == 20512.5 and summary.samples is None and not summary.laps
    assert summary.extra == {"strava_id": "2"}
    other = summary_activity(workout, csv_name="activities.csv", metres_per_unit=None)
    assert other.sport == "other" and other.distance_m is None


def test_old_layout_distance_unit_is_inferred_or_read_as_km() -> None:
    csv_text = (
        OLD_HEADER
        + '\n493704225,"Jul 17, 2015, 10:15:52 AM",Morning Run,Run,2349,5.56,false,2276\n'
    )
    [row] = read_strava_csv(csv_text.encode(), name="a.csv")
    assert row.distance_m is None and row.distance_display == 5.56
    as_km = summary_activity(row, csv_name="a.csv", metres_per_unit=None)
    assert as_km.distance_m == pytest.approx(5560)
    assert any("distance unit" in w for w in as_km.warnings)
    as_mi = summary_activity(row, csv_name="a.csv", metres_per_unit=METRES_PER_MILE)
    assert as_mi.distance_m == pytest.approx(5.56 * 1609.344)
    assert as_mi.moving_time_s == 2276 and as_mi.elapsed_time_s == 2349


def test_distance_unit_inference() -> None:
    assert infer_distance_unit([(5.0, 5005.0), (10.0, 10020.0)]) == METRES_PER_KM
    assert infer_distance_unit([(3.1, 4990.0), (6.2, 9975.0)]) == METRES_PER_MILE
    assert infer_distance_unit([(5.0, 7000.0)]) is None
    assert infer_distance_unit([]) is None


def test_2018_layout_is_in_metres() -> None:
    csv_text = (
        EXPORT_2018_HEADER
        + "\n193569569,2014-09-12 16:54:28,Evening Ride,Ride,,9462,43057.4,false,,activities/193569569.gpx\n"
    )
    [row] = read_strava_csv(csv_text.encode(), name="a.csv")
    assert row.distance_m == 43057.4
    assert row.start_time == datetime(2014, 9, 12, 16, 54, 28, tzinfo=UTC)
    assert row.moving_time_s is None


def test_row_hash_is_stable_and_content_sensitive() -> None:
    text = EXPORT_2018_HEADER + "\n1,2014-09-12 16:54:28,R,Run,,100,1000,false,,\n"
    [a] = read_strava_csv(text.encode(), name="a.csv")
    [b] = read_strava_csv(text.encode(), name="b.csv")
    [c] = read_strava_csv(text.replace(",1000,", ",1001,").encode(), name="a.csv")
    assert row_hash(a) == row_hash(b) != row_hash(c)


def test_not_a_strava_csv() -> None:
    with pytest.raises(FileImportError, match=r"not a Strava activities\.csv"):
        read_strava_csv(b"a,b,c\n1,2,3\n", name="x.csv")
    with pytest.raises(FileImportError, match="is empty"):
        read_strava_csv(b"", name="x.csv")


def test_csv_sport_wins_but_keeps_a_more_specific_run() -> None:
    [gpx_activity] = read_gpx(data_file("gpx/gpxpy__track-with-empty-segment.gpx"), name="g")
    assert gpx_activity.sport == "other"
    text = (
        EXPORT_2018_HEADER
        + "\n7,2013-07-06 17:26:26,Lunch Run,Run,,76,86,false,,activities/7.gpx\n"
    )
    [row] = read_strava_csv(text.encode(), name="a.csv")
    [merged] = merge_row((gpx_activity,), row)
    assert merged.sport == "running" and merged.name == "Lunch Run"
    assert not any("which sport" in w for w in merged.warnings)
    assert merged.extra["strava_id"] == "7"
    treadmill = replace(gpx_activity, sport="treadmill")
    [kept] = merge_row((treadmill,), row)
    assert kept.sport == "treadmill"


# --- expanding paths ------------------------------------------------------------------------


def make_export(folder: Path) -> None:
    """A small Strava export: 3 files (one gzipped FIT, one GPX, one gzipped TCX), a row whose
    file is missing and a row without a file name."""
    (folder / "activities").mkdir(parents=True)
    (folder / "activities" / "11.fit.gz").write_bytes(
        gzip.compress(data_file("fit/fitparse__garmin-fenix-5-run.fit"))
    )
    (folder / "activities" / "12.gpx").write_bytes(data_file("gpx/gpxpy__cerknicko-jezero.gpx"))
    (folder / "activities" / "13.tcx.gz").write_bytes(
        gzip.compress(data_file("tcx/tcxparser__test.tcx"))
    )
    rows = [
        new_row(
            "1", "Jun 11, 2017, 2:34:09 PM", "Run", "activities/11.fit.gz", "0.16", "157.6", "90"
        ),
        new_row("2", "Aug 5, 2010, 2:23:59 PM", "Hike", "activities/12.gpx", "4.58", "4575.0", ""),
        new_row(
            "3", "Dec 26, 2012, 9:29:53 PM", "Run", "activities/13.tcx.gz", "4.69", "4689.2", ""
        ),
        new_row("4", "Jan 6, 2020, 4:07:35 PM", "Run", "activities/404.fit.gz", "8", "8000", ""),
        new_row("5", "Jan 8, 2020, 4:07:35 PM", "Run", "", "10", "10000", ""),
    ]
    (folder / "activities.csv").write_text("\n".join([NEW_HEADER, *rows]) + "\n")
    (folder / "profile.csv").write_text("Athlete ID\n1\n")


def zip_folder(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, prefix + path.relative_to(folder).as_posix())
    return target


def _kinds(units: list[object]) -> list[str]:
    return [type(u).__name__ for u in units]


@pytest.mark.parametrize("layout", ["folder", "zip", "zip-with-top-folder", "csv-path"])
def test_strava_export_layouts(tmp_path: Path, layout: str) -> None:
    export = tmp_path / "export"
    make_export(export)
    target = {
        "folder": export,
        "zip": zip_folder(export, tmp_path / "export.zip"),
        "zip-with-top-folder": zip_folder(export, tmp_path / "export2.zip", "export_123/"),
        "csv-path": export / "activities.csv",
    }[layout]
    with open_sources([target]) as units:
        assert _kinds(units) == ["SourceFile"] * 3 + ["SummaryRow"] * 2
        files = [u for u in units if isinstance(u, SourceFile)]
        assert [u.strava_row.activity_id for u in files if u.strava_row] == ["1", "2", "3"]
        assert all(u.csv_name is not None for u in files)
        contents = [u.read() for u in files]
    assert contents[0][:2] == b"\x1f\x8b"
    summaries = [u for u in units if isinstance(u, SummaryRow)]
    assert [s.row.activity_id for s in summaries] == ["4", "5"]
    assert "row 4" in summaries[0].label and "id 4" in summaries[0].label


def test_folder_walk_detects_by_content_and_skips_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "run.dat").write_bytes(data_file("fit/fitparse__Activity.fit"))
    (tmp_path / "a" / "track.GPX").write_bytes(data_file("gpx/gpxpy__route.gpx"))
    (tmp_path / "a" / "notes.txt").write_text("not an activity")
    (tmp_path / "a" / ".hidden.fit").write_bytes(data_file("fit/fitparse__Activity.fit"))
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.fit").write_bytes(data_file("fit/fitparse__Activity.fit"))
    inner = tmp_path / "zipped"
    inner.mkdir()
    (inner / "ride.tcx").write_bytes(data_file("tcx/tcxparser__test.tcx"))
    (inner / "readme.md").write_text("hello")
    zip_folder(inner, tmp_path / "a" / "bundle.zip")
    for path in inner.iterdir():
        path.unlink()
    inner.rmdir()
    with open_sources([tmp_path]) as units:
        labels = sorted(u.label for u in units)
    assert labels == sorted(
        [
            str(tmp_path / "a" / "b" / "run.dat"),
            str(tmp_path / "a" / "track.GPX"),
            f"{tmp_path / 'a' / 'bundle.zip'}:ride.tcx",
        ]
    )


def test_damaged_zip_is_one_failed_unit(tmp_path: Path) -> None:
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    with open_sources([path]) as units:
        [unit] = units
    assert isinstance(unit, BrokenSource)
    assert "not a readable ZIP" in str(unit.error)


def test_csv_filename_cannot_escape_the_export(tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    secret = tmp_path / "secret.fit"
    secret.write_bytes(data_file("fit/fitparse__Activity.fit"))
    row = new_row("9", "Jan 8, 2020, 4:07:35 PM", "Run", "../secret.fit", "1", "1000", "")
    (export / "activities.csv").write_text(NEW_HEADER + "\n" + row + "\n")
    with open_sources([export]) as units:
        assert _kinds(units) == ["SummaryRow"]
