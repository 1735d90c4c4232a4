"""``services.logbook.import_paths`` into a real store (SQLite, and PostgreSQL when configured):
real files, Strava exports, duplicates, idempotence, the store round trip, and interruption."""

from __future__ import annotations

import gzip
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from runcoach.bootstrap import open_services
from runcoach.domain.activity import Activity
from runcoach.importers.files import read_activity_file
from runcoach.services import Services
from runcoach.services.logbook import ImportReport, import_paths
from tests.conftest import runcoach_executable
from tests.integration.store.conftest import fresh_database_url  # noqa: F401 (a fixture)
from tests.unit.importers.conftest import ACTIVITIES, data_file
from tests.unit.importers.test_strava_sources import make_export, zip_folder

REPO = Path(__file__).resolve().parents[2]


class Clock:
    def __init__(self) -> None:
        self.current = datetime(2027, 1, 1, tzinfo=UTC)

    def now(self) -> datetime:
        self.current += timedelta(seconds=1)
        return self.current


@pytest.fixture
def services(database_url: str) -> Iterator[Services]:
    with open_services(database_url=database_url, clock=Clock()) as svc:
        yield svc


def outcomes(report: ImportReport) -> dict[str, str]:
    return {Path(o.label.split(":")[-1]).name: o.status for o in report.outcomes}


def stored_state(svc: Services) -> list[tuple[Any, ...]]:
    return sorted(
        (
            s.content_hash,
            s.activity.start_time,
            s.activity.sport,
            s.activity.distance_m,
            s.lap_count,
            s.sample_count,
        )
        for s in svc.activities.summaries()
    )


#: The test files that are not activities or cannot be dated: they fail with a reason.
REFUSED = {
    "fitparse__MonitoringFile.fit": "monitoring_b file, not a recorded activity",
    "fitparse__WorkoutIndividualSteps.fit": "workout file, not a recorded activity",
    "gpxpy__route.gpx": "holds a route and no recorded track",
    "gpxpy__unicode_with_bom.gpx": "holds waypoints and no recorded track",
    "gpxpy__cerknicko-without-times.gpx": "cannot be logged as an activity",
}
#: The same run as a file imported before it: damaged copies of the FIT SDK's Activity.fit,
#: and tcxparser's test.tcx, which is no_hr.tcx with heart rate (no_hr.tcx comes first).
DUPLICATES = {
    "fitparse__activity-filecrc.fit",
    "fitparse__activity-unexpected-eof.fit",
    "fitparse__activity-settings-corruptheader.fit",
    "tcxparser__test.tcx",
}


def test_import_the_test_files_then_again(services: Services) -> None:
    folder = ACTIVITIES
    first = import_paths(services.activities, [folder])
    status = outcomes(first)
    for name, reason in REFUSED.items():
        assert status[name] == "failed", name
        [outcome] = [o for o in first.outcomes if o.label.endswith(name)]
        assert reason in outcome.reason and name in outcome.reason
    assert {n for n, s in status.items() if s == "duplicate"} == DUPLICATES
    imported = {n for n, s in status.items() if s == "imported"}
    assert "fitparse__Activity.fit" in imported
    assert len(imported) == len(status) - len(REFUSED) - len(DUPLICATES)
    assert not first.ok
    partial = {Path(o.label).name for o in first.outcomes if o.partial and o.status == "imported"}
    assert partial == {"fitparse__strava-android-app-201.10-b1218918.fit"}
    multisport = [o for o in first.outcomes if o.label.endswith("sample_mulitple_header.fit")]
    assert len(multisport[0].activity_ids) == 5
    before = stored_state(services)
    assert len(before) == sum(len(o.activity_ids) for o in first.outcomes)

    second = import_paths(services.activities, [folder])
    again = outcomes(second)
    assert {n for n, s in again.items() if s == "imported"} == set()
    assert {n for n, s in again.items() if s == "failed"} == set(REFUSED)
    assert stored_state(services) == before


@pytest.mark.parametrize(
    "relative",
    [
        "fit/tormoder-fit__mornindew-broken.fit",
        "fit/fitparse__sample_mulitple_header.fit",
        "fit/fitparse__2013-02-06-12-11-14.fit",
        "fit/fitparse__strava-android-app-201.10-b1218918.fit",
        "tcx/tcxparser__test.tcx",
        "gpx/gpxpy__korita-zbevnica.gpx",
    ],
)
def test_store_round_trip_keeps_every_field(services: Services, relative: str) -> None:
    decoded = read_activity_file(data_file(relative), name=relative)
    result = services.activities.import_file(decoded.activities, decoded.content_hash, relative)
    assert result.imported
    for activity_id, original in zip(result.activity_ids, decoded.activities, strict=True):
        back = services.activities.get(activity_id).activity
        assert_same_activity(back, original)


def assert_same_activity(back: Activity, original: Activity) -> None:
    for field in fields(Activity):
        a, b = getattr(back, field.name), getattr(original, field.name)
        if field.name == "samples":
            assert (a is None) == (b is None)
            if a is not None:
                ca, cb = a.columns(), b.columns()
                assert ca.keys() == cb.keys()
                for key in ca:
                    assert np.allclose(ca[key], cb[key], equal_nan=True, rtol=0, atol=1e-9), key
        elif field.name == "laps":
            assert len(a) == len(b)
            for la, lb in zip(a, b, strict=True):
                assert la == lb
        else:
            assert a == b, field.name
    assert back.start_time.utcoffset() == original.start_time.utcoffset()


def _gpx_from(activity: Activity, shift_s: float) -> bytes:
    """A GPX rendering of an activity's track (the same run exported in another format)."""
    s = activity.samples
    assert s is not None and s.lat_deg is not None and s.lon_deg is not None
    start = activity.start_time.timestamp() + shift_s
    points = []
    for t, lat, lon in zip(s.time_s, s.lat_deg, s.lon_deg, strict=True):
        if np.isfinite(lat) and np.isfinite(lon):
            when = datetime.fromtimestamp(start + float(t), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            points.append(f'<trkpt lat="{lat:.7f}" lon="{lon:.7f}"><time>{when}</time></trkpt>')
    return (
        '<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
        + "".join(points)
        + "</trkseg></trk></gpx>"
    ).encode()


def test_the_same_run_in_another_format_is_a_duplicate(services: Services, tmp_path: Path) -> None:
    relative = "fit/tormoder-fit__mornindew-broken.fit"
    [fit_run] = read_activity_file(data_file(relative), name="x").activities
    (tmp_path / "run.fit").write_bytes(data_file(relative))
    (tmp_path / "same-run.gpx").write_bytes(_gpx_from(fit_run, shift_s=30))
    (tmp_path / "later.gpx").write_bytes(_gpx_from(fit_run, shift_s=6 * 3600))
    report = import_paths(services.activities, [tmp_path / "run.fit", tmp_path])
    status = [(Path(o.label).name, o.status) for o in report.outcomes]
    assert status == [
        ("run.fit", "imported"),
        ("later.gpx", "imported"),
        ("run.fit", "duplicate"),
        ("same-run.gpx", "duplicate"),
    ]
    dup = report.outcomes[3]
    assert "start within 2 min" in dup.reason
    assert dup.duplicate_of == report.outcomes[0].activity_ids
    assert report.ok


@pytest.mark.parametrize("as_zip", [False, True], ids=["folder", "zip"])
def test_strava_export(services: Services, tmp_path: Path, as_zip: bool) -> None:
    export = tmp_path / "export"
    make_export(export)
    target = zip_folder(export, tmp_path / "export.zip") if as_zip else export
    report = import_paths(services.activities, [target])
    assert [o.status for o in report.outcomes] == ["imported"] * 5
    assert report.ok
    rows = {s.activity.extra.get("strava_id"): s for s in services.activities.summaries()}
    assert set(rows) == {"1", "2", "3", "4", "5"}
    assert rows["2"].activity.sport == "hiking"  # from the CSV: the GPX says nothing
    assert rows["1"].activity.source_format == "fit" and rows["1"].sample_count == 21
    summary_only = rows["4"].activity
    assert summary_only.source_format == "strava_csv" and rows["4"].sample_count == 0
    assert summary_only.distance_m == 8000.0
    assert summary_only.start_time == datetime(2020, 1, 6, 16, 7, 35, tzinfo=UTC)

    again = import_paths(services.activities, [target])
    assert [o.status for o in again.outcomes] == ["duplicate"] * 5
    # the FIT inside the export, imported on its own, is the same content
    (tmp_path / "loose.fit").write_bytes(
        gzip.decompress((export / "activities/11.fit.gz").read_bytes())
    )
    alone = import_paths(services.activities, [tmp_path / "loose.fit"])
    assert alone.outcomes[0].status == "duplicate"
    assert alone.outcomes[0].reason == "the same file was imported before"


# --- interruption ---------------------------------------------------------------------------

GOOD = [
    "fit/fitparse__2013-02-06-12-11-14.fit",
    "fit/fitparse__sample_mulitple_header.fit",
    "tcx/tcxparser__test.tcx",
]


def _good_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "good"
    folder.mkdir()
    for i, relative in enumerate(GOOD):
        shutil.copy(ACTIVITIES / relative, folder / f"{i}-{Path(relative).name}")
    return folder


def test_an_exception_mid_import_keeps_whole_files_only(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from runcoach.services import sample_codec as sample_blob

    folder = _good_folder(tmp_path)
    real = sample_blob.encode_samples
    calls: list[int] = []

    def failing(samples: Any) -> bytes:
        calls.append(1)
        if len(calls) == 4:  # the third leg of the multisport file (the second file)
            raise RuntimeError("disk on fire")
        return real(samples)

    monkeypatch.setattr(sample_blob, "encode_samples", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        import_paths(services.activities, [folder])
    state = stored_state(services)
    assert len(state) == 1  # the first file only; nothing of the multisport file
    monkeypatch.setattr(sample_blob, "encode_samples", real)

    report = import_paths(services.activities, [folder])
    assert [o.status for o in report.outcomes] == ["duplicate", "imported", "imported"]
    assert len(stored_state(services)) == 1 + 5 + 1


CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from runcoach.services import sample_codec as sample_blob

    marker = Path(sys.argv[1])
    real = sample_blob.encode_samples
    calls = []

    def stall(samples):
        calls.append(1)
        if len(calls) == 4:  # inside the transaction of the multisport file
            marker.write_text("stalled")
            time.sleep(120)
        return real(samples)

    sample_blob.encode_samples = stall
    from runcoach.cli.main import main
    main(["log", "import", sys.argv[2]])
    """
)


def test_a_killed_import_keeps_whole_files_and_a_rerun_finishes(
    database_url: str, tmp_path: Path
) -> None:
    folder = _good_folder(tmp_path)
    marker = tmp_path / "marker"
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("RUNCOACH_")},
        "RUNCOACH_HOME": str(home),
        "RUNCOACH_DATABASE_URL": database_url,
        "PYTHONPATH": str(REPO),
    }
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(marker), str(folder)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            if child.poll() is not None:
                pytest.fail(f"the import ended early: {child.stderr.read().decode()}")  # type: ignore[union-attr]
            if time.monotonic() > deadline:
                pytest.fail("the import never reached the multisport file")
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
        if child.stderr is not None:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    with open_services(database_url=database_url) as svc:
        assert len(stored_state(svc)) == 1  # the first file, nothing of the second
    proc = subprocess.run(
        [runcoach_executable(), "log", "import", "--json", str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    with open_services(database_url=database_url) as svc:
        state = stored_state(svc)
    assert len(state) == 1 + 5 + 1
    assert all(lap_count > 0 and samples > 0 for *_, lap_count, samples in state)


def test_decoding_in_worker_processes_gives_the_same_import(
    database_url: str,
    fresh_database_url: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    export = tmp_path / "export"
    make_export(export)
    paths = [ACTIVITIES, zip_folder(export, tmp_path / "export.zip")]
    results = []
    for url, workers in ((database_url, 0), (fresh_database_url(), 2)):
        with open_services(database_url=url, clock=Clock()) as svc:
            report = import_paths(svc.activities, paths, workers=workers)
            outcomes = [
                (o.label, o.status, o.reason, o.partial, o.warnings, o.sports)
                for o in report.outcomes
            ]
            stored = [
                (s.content_hash, s.source_name, s.activity.start_time, s.activity.distance_m)
                for s in svc.activities.summaries()
            ]
            samples = [
                svc.activities.get(s.id).activity.samples for s in svc.activities.summaries()
            ]
            results.append((outcomes, stored, samples))
    (serial, serial_stored, serial_samples), (parallel, par_stored, par_samples) = results
    assert parallel == serial
    assert par_stored == serial_stored
    assert par_samples == serial_samples
    assert any(status == "failed" for _, status, *_ in serial)
