"""Corpus test: every activity file of the shared corpus imported into a SQLite store.

The expected outcome of each file comes from ``shared/data/PROVENANCE.md``: files marked NOT AN
ACTIVITY / NOT A RECORDING must be refused as such, KNOWN-BAD files must fail cleanly, import as
partial, or be recognised as the same activity as a clean copy, and every other file must
import, matching the measured session summaries of the table (duration, distance, average heart
rate, laps, points). Skipped, with the reason printed, when ``../shared`` is absent.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from runcoach.bootstrap import open_services
from runcoach.services import Services
from runcoach.services.logbook import FileOutcome, import_paths

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"

#: Decisions where a note says ODD but the file holds no activity runcoach can log.
ODD_REFUSED = {
    "gpx/gpxpy__unicode_with_bom.gpx": "holds waypoints and no recorded track",
    "gpx/goldencheetah__MetadataOnly.gpx": "holds only metadata and no recorded track",
    # 5 of 296 points carry a time: the track cannot be dated as an activity
    "gpx/gpxpy__cerknicko-without-times.gpx": "cannot be logged as an activity",
}


@dataclass(frozen=True)
class Expected:
    relative: str
    note: str

    @property
    def refused_as_non_activity(self) -> bool:
        return "NOT AN ACTIVITY" in self.note or "NOT A RECORDING" in self.note

    @property
    def known_bad(self) -> bool:
        return "KNOWN-BAD" in self.note


def provenance_rows() -> list[Expected]:
    text = (SHARED / "PROVENANCE.md").read_text(encoding="utf-8")
    rows = []
    for match in re.finditer(r"^\| `((?:fit|gpx|tcx|csv)/[^`]+)` \|(.*)$", text, re.MULTILINE):
        rows.append(Expected(match.group(1), match.group(2)))
    return rows


@pytest.fixture(scope="module")
def corpus() -> Path:
    folder = (SHARED / "activities").resolve()
    if not folder.is_dir():
        reason = f"the shared corpus {folder} is absent"
        print(f"SKIPPED: {reason}")
        pytest.skip(reason)
    return folder


@pytest.fixture(scope="module")
def imported(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Services, dict[str, FileOutcome]]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'store.db'}"
    with open_services(database_url=url) as svc:
        paths = [
            corpus / "fit",
            corpus / "tcx",
            corpus / "gpx",
            corpus / "csv/strava-export-aldahshoury",
        ]
        report = import_paths(svc.activities, paths)
        by_file: dict[str, FileOutcome] = {}
        for outcome in report.outcomes:
            label = outcome.label
            if str(corpus) in label:
                by_file[Path(label).relative_to(corpus).as_posix()] = outcome
            else:
                by_file[label] = outcome
        for name, outcome in sorted(by_file.items()):
            print(f"{outcome.status:9s} {name}: {outcome.reason or '; '.join(outcome.warnings)}")
        yield svc, by_file


def test_every_listed_file_has_its_expected_outcome(
    imported: tuple[Services, dict[str, FileOutcome]],
) -> None:
    _, by_file = imported
    rows = [r for r in provenance_rows() if not r.relative.endswith(".csv")]
    assert len(rows) >= 50
    for row in rows:
        outcome = by_file[row.relative]
        assert "Traceback" not in outcome.reason
        if row.relative in ODD_REFUSED:
            assert outcome.status == "failed", row.relative
            assert ODD_REFUSED[row.relative] in outcome.reason
        elif row.refused_as_non_activity:
            assert outcome.status == "failed", row.relative
            assert (
                "not a recorded activity" in outcome.reason or "no recorded track" in outcome.reason
            )
        elif row.known_bad:
            clean = outcome.status == "failed" or outcome.partial
            same_as_clean_copy = outcome.status == "duplicate" and "start within" in outcome.reason
            assert clean or same_as_clean_copy, (row.relative, outcome)
            if outcome.status == "failed":
                assert row.relative.split("/")[-1] in outcome.reason
        else:
            assert outcome.status in ("imported", "duplicate"), (row.relative, outcome)
            assert not outcome.partial, row.relative


_SESSION = re.compile(
    r"(?P<sport>[a-z_/]+) (?:(?P<h>\d+)h)?(?:(?P<m>\d+)m)?(?:(?P<s>\d+)s)? "
    r"(?:(?P<km>[\d.]+) km|no dist)(?:, avgHR (?P<hr>\d+))?"
)


def test_fit_sessions_match_the_measured_summaries(
    imported: tuple[Services, dict[str, FileOutcome]],
) -> None:
    svc, by_file = imported
    checked = 0
    for row in provenance_rows():
        if not row.relative.startswith("fit/") or "sessions: none" in row.note:
            continue
        outcome = by_file[row.relative]
        if outcome.status != "imported" or outcome.partial:
            continue
        sessions = row.note.split("sessions: ", 1)[1].split("; laps")[0].split("; ")
        assert len(sessions) == len(outcome.activity_ids), row.relative
        for text, activity_id in zip(sessions, outcome.activity_ids, strict=True):
            match = _SESSION.match(text)
            assert match is not None, text
            a = svc.activities.get(activity_id).activity
            seconds = 3600 * int(match["h"] or 0) + 60 * int(match["m"] or 0) + int(match["s"] or 0)
            tolerance = 60 if match["h"] else 1
            assert abs(a.elapsed_time_s - seconds) <= tolerance, (row.relative, text)
            if match["km"]:
                assert a.distance_m == pytest.approx(float(match["km"]) * 1000, abs=5.01)
            if match["hr"] and int(match["hr"]) > 0:
                assert a.avg_hr_bpm == pytest.approx(int(match["hr"]), abs=0.5)
            checked += 1
    assert checked >= 25


def test_tcx_and_gpx_match_the_measured_summaries(
    imported: tuple[Services, dict[str, FileOutcome]],
) -> None:
    svc, by_file = imported
    tcx = re.compile(r"(\d+) laps, (?:(\d+)h)?(\d+)m(?:(\d+)s)?, ([\d.]+) km, (\d+) trackpoints")
    for row in provenance_rows():
        if row.relative.endswith(".csv"):
            continue
        outcome = by_file[row.relative]
        if row.relative.startswith("tcx/") and outcome.status == "imported":
            measured = tcx.findall(row.note)
            assert len(measured) == len(outcome.activity_ids)
            for (laps, h, m, s, km, points), activity_id in zip(
                measured, outcome.activity_ids, strict=True
            ):
                stored = svc.activities.get(activity_id)
                assert stored.lap_count == int(laps)
                assert stored.sample_count <= int(points)
                assert stored.activity.distance_m == pytest.approx(float(km) * 1000, abs=10)
                seconds = 3600 * int(h or 0) + 60 * int(m) + int(s or 0)
                assert abs(stored.activity.elapsed_time_s - seconds) <= (60 if h else 2)
        if row.relative.endswith(".gpx") and outcome.status == "imported":
            length = re.search(r"2D length ([\d.]+) km", row.note)
            assert length is not None
            a = svc.activities.get(outcome.activity_ids[0]).activity
            if "without a time were left out" not in " ".join(a.warnings):
                assert a.distance_m == pytest.approx(float(length.group(1)) * 1000, rel=0.01, abs=6)
            has_hr = "HR yes" in row.note
            assert (a.avg_hr_bpm is not None) == has_hr, row.relative


def test_strava_export_rows_without_files_become_summaries(
    imported: tuple[Services, dict[str, FileOutcome]],
) -> None:
    svc, by_file = imported
    rows = [o for name, o in by_file.items() if "activities.csv row" in name]
    assert len(rows) == 128 - 4
    assert all(o.status == "imported" for o in rows)
    runs = [
        s
        for s in svc.activities.summaries()
        if s.source == "gpx" and s.source_name and "strava-export" in s.source_name
    ]
    assert len(runs) == 4 and all(s.activity.sport == "running" for s in runs)


@pytest.mark.parametrize(
    ("csv_name", "rows"),
    [("strava-dillm94__activities.csv", 143), ("strava-jamesphare__activities.csv", 889)],
)
def test_strava_csvs_of_other_layouts(
    corpus: Path, tmp_path: Path, csv_name: str, rows: int
) -> None:
    export = tmp_path / "export"
    export.mkdir()
    shutil.copy(corpus / "csv" / csv_name, export / "activities.csv")
    with open_services(database_url=f"sqlite:///{tmp_path / 's.db'}") as svc:
        report = import_paths(svc.activities, [export])
        assert len(report.outcomes) == rows
        assert report.ok, [o.reason for o in report.outcomes if o.status == "failed"][:3]
        # rows identical in id, date, type, distance and time are one activity
        assert report.count("imported") + report.count("duplicate") == rows
        stored = svc.activities.summaries()
    assert all(s.activity.start_time.tzinfo is not None for s in stored)
    first = min(s.activity.start_time for s in stored)
    assert datetime(2010, 1, 1, tzinfo=UTC) < first < datetime.now(UTC) - timedelta(days=365)
    runs = [s.activity for s in stored if s.activity.is_run and s.activity.distance_m]
    assert runs and all(500 < (r.distance_m or 0) < 60_000 for r in runs)
