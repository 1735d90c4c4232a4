"""The training log: imports, duplicates, multisport legs, manual entries, ranges, deletion."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
import sqlalchemy as sa

from runcoach.domain.activity import Activity
from runcoach.domain.errors import InputError
from runcoach.errors import OperationError
from runcoach.services import Services
from runcoach.services.activities import same_activity
from tests.integration.store.factories import CET, run


def count(services: Services, table: str) -> int:
    engine: sa.Engine = services.store.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        return int(conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_import_then_load_round_trips_summary_laps_and_samples(services: Services) -> None:
    activity = run(partial=True, warnings=("record 1200 skipped",), extra={"file_id": "42"})
    result = services.activities.import_activity(activity, "sha-1", "morning.fit")
    assert result.imported and len(result.activity_ids) == 1
    stored = services.activities.get(result.activity_ids[0])
    assert stored.activity == activity  # laps, samples (NaN included), offset, flags
    assert stored.activity.start_time.utcoffset() == timedelta(hours=1)
    assert (stored.source, stored.content_hash, stored.source_name) == (
        "fit",
        "sha-1",
        "morning.fit",
    )
    assert (stored.lap_count, stored.sample_count) == (3, 1800)


def test_summaries_have_no_laps_or_samples(services: Services) -> None:
    services.activities.import_activity(run(), "h1", "a.fit")
    (summary,) = services.activities.summaries()
    assert summary.activity.laps == () and summary.activity.samples is None
    assert summary.lap_count == 3 and summary.sample_count == 1800
    assert summary.activity == replace(run(), laps=(), samples=None)


def test_same_file_twice_is_a_duplicate_and_changes_nothing(services: Services) -> None:
    first = services.activities.import_activity(run(), "h1", "a.fit")
    again = services.activities.import_activity(run(), "h1", "a-copy.fit")
    assert again.status == "duplicate" and again.duplicate_of == first.activity_ids
    assert "same file" in again.reason
    assert count(services, "activities") == 1 and count(services, "laps") == 3


@pytest.mark.parametrize(
    ("shift_s", "distance_m", "duplicate"),
    [
        (90, 5220.0 * 1.029, True),
        (-119, 5220.0 * 0.975, True),
        (125, 5220.0, False),
        (30, 5220.0 * 1.04, False),
    ],
)
def test_same_run_in_another_format(
    services: Services, shift_s: int, distance_m: float, duplicate: bool
) -> None:
    services.activities.import_activity(run(), "h-fit", "a.fit")
    other = run(
        run().start_time + timedelta(seconds=shift_s), distance_m=distance_m, source_format="gpx"
    )
    result = services.activities.import_activity(other, "h-gpx", "a.gpx")
    assert (result.status == "duplicate") is duplicate


def test_same_activity_without_distance_compares_elapsed_time() -> None:
    a = replace(run(with_samples=False), distance_m=None)
    assert same_activity(a, replace(a, elapsed_time_s=a.elapsed_time_s * 1.02))
    assert not same_activity(a, replace(a, elapsed_time_s=a.elapsed_time_s * 1.05))


def test_manual_entry_is_not_a_duplicate_target(services: Services) -> None:
    manual = Activity(
        sport="running",
        start_time=run().start_time,
        elapsed_time_s=1800.0,
        distance_m=5220.0,
        rpe=4.0,
        pain=2.0,
        pain_location="left knee",
        notes="felt fine",
    )
    manual_id = services.activities.add_manual(manual)
    assert services.activities.get(manual_id).activity == manual
    assert services.activities.import_activity(run(), "h1", "a.fit").imported


def test_manual_entry_must_say_manual(services: Services) -> None:
    with pytest.raises(InputError, match="source_format 'manual'"):
        services.activities.add_manual(run())


def test_multisport_legs_are_stored_together(services: Services) -> None:
    start = datetime(2027, 5, 1, 9, 0, tzinfo=UTC)
    legs = [
        run(start, group_key="tri-1", leg_index=0),
        replace(
            run(
                start + timedelta(minutes=31),
                seconds=3600,
                distance_m=30000.0,
                group_key="tri-1",
                leg_index=1,
            ),
            sport="cycling",
        ),
    ]
    result = services.activities.import_file(legs, "tri-hash", "tri.fit")
    assert len(result.activity_ids) == 2
    loaded = [services.activities.get(i).activity for i in result.activity_ids]
    assert [a.sport for a in loaded] == ["running", "cycling"]
    assert {a.group_key for a in loaded} == {"tri-1"}
    assert services.activities.summaries(runs_only=True)[0].activity.sport == "running"
    again = services.activities.import_file(legs, "tri-hash", "tri.fit")
    assert again.duplicate_of == result.activity_ids


def test_date_ranges_use_each_activity_local_day(services: Services) -> None:
    tokyo = timezone(timedelta(hours=9))
    # 23:30 in Tokyo on Jan 5 is 14:30 UTC on Jan 5; 00:30 on Jan 6 in Tokyo is Jan 5 UTC.
    services.activities.import_activity(run(datetime(2027, 1, 5, 23, 30, tzinfo=tokyo)), "a", "a")
    services.activities.import_activity(run(datetime(2027, 1, 6, 0, 30, tzinfo=tokyo)), "b", "b")
    services.activities.import_activity(run(datetime(2027, 1, 7, 6, 0, tzinfo=CET)), "c", "c")
    on_5th = services.activities.summaries(date(2027, 1, 5), date(2027, 1, 5))
    assert [s.content_hash for s in on_5th] == ["a"]
    assert [s.content_hash for s in services.activities.summaries(date(2027, 1, 6))] == ["b", "c"]
    instant = datetime(2027, 1, 5, 15, 0, tzinfo=UTC)
    assert [s.content_hash for s in services.activities.summaries(until=instant)] == ["a"]
    assert [s.content_hash for s in services.activities.summaries(since=instant)] == ["b", "c"]
    with pytest.raises(InputError, match="needs a timezone"):
        services.activities.summaries(since=datetime(2027, 1, 1))


def test_delete_removes_laps_and_samples(services: Services) -> None:
    kept = services.activities.import_activity(run(), "h1", "a.fit").activity_ids[0]
    gone = services.activities.import_activity(
        run(run().start_time + timedelta(days=1)), "h2", "b.fit"
    )
    services.activities.delete(gone.activity_ids[0])
    assert [s.id for s in services.activities.summaries()] == [kept]
    assert count(services, "laps") == 3 and count(services, "activity_samples") == 1
    with pytest.raises(OperationError, match="no activity with id"):
        services.activities.delete(gone.activity_ids[0])
    with pytest.raises(OperationError, match="no activity with id"):
        services.activities.get(gone.activity_ids[0])


def test_reading_never_creates_the_athlete(services: Services) -> None:
    assert services.activities.summaries() == []
    assert services.profiles.get() is None
    assert count(services, "athletes") == 0


@pytest.mark.parametrize(
    ("activity", "message"),
    [
        (run(datetime(2027, 1, 5, 7, 0)), "has no timezone"),
        (run(distance_m=-5.0), "distance -5.0 m is not valid"),
        (replace(run(), elapsed_time_s=float("nan")), "elapsed time nan"),
    ],
)
def test_bad_activities_are_refused(services: Services, activity: Activity, message: str) -> None:
    with pytest.raises(InputError, match=message):
        services.activities.import_activity(activity, "h", "bad.fit")
    assert count(services, "activities") == 0


def test_mismatched_sample_columns_are_refused(services: Services) -> None:
    activity = run()
    assert activity.samples is not None
    broken = replace(activity, samples=replace(activity.samples, power_w=np.zeros(5)))
    with pytest.raises(InputError, match="sample column power_w has 5 points"):
        services.activities.import_activity(broken, "h", "bad.fit")


def test_athletes_do_not_see_each_other(services: Services, database_url: str) -> None:
    from runcoach.bootstrap import open_services

    services.activities.import_activity(run(), "h1", "a.fit")
    with open_services(database_url=database_url, athlete="coach-client-2") as other:
        assert other.activities.summaries() == []
        assert other.activities.import_activity(run(), "h1", "a.fit").imported
        assert other.profiles.get() is None
    assert len(services.activities.summaries()) == 1


def test_a_file_stored_by_another_process_meanwhile_is_a_duplicate(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The unique (athlete, content hash, leg) index catches the race between the duplicate
    check and the insert; the service reports a duplicate instead of failing."""
    from runcoach.store.repositories import SqlActivityRepository

    first = services.activities.import_activity(run(), "same", "a.fit")
    real = SqlActivityRepository.find_by_hash
    calls: list[str] = []

    def blind_once(self: SqlActivityRepository, athlete_id: int, content_hash: str) -> list[int]:
        calls.append(content_hash)
        return [] if len(calls) == 1 else real(self, athlete_id, content_hash)

    monkeypatch.setattr(SqlActivityRepository, "find_by_hash", blind_once)
    moved = run(run().start_time + timedelta(days=2))  # not caught by the start-time rule either
    result = services.activities.import_activity(moved, "same", "a.fit")
    assert result.status == "duplicate" and result.duplicate_of == first.activity_ids
    assert "another process" in result.reason
    assert count(services, "activities") == 1


def test_a_sqlite_folder_that_cannot_be_created_is_one_sentence(tmp_path: Path) -> None:
    from runcoach.store.database import Database

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OperationError, match="cannot create the folder"):
        Database(f"sqlite:///{blocker / 'sub' / 'runcoach.db'}")


def test_a_recording_replaces_the_summary_only_strava_row_of_the_same_run(
    services: Services,
) -> None:
    summary = replace(
        run(source_format="strava_csv", with_samples=False, laps=0), name="Tempo Tuesday", rpe=6.0
    )
    assert services.activities.import_activity(summary, "csv-row-1").imported
    recording = replace(run(start=summary.start_time + timedelta(seconds=40)), name=None)
    result = services.activities.import_activity(recording, "fit-1", "tempo.fit")
    assert result.imported and "summary-only" in result.reason
    (stored,) = services.activities.summaries()
    assert stored.source == "fit" and stored.content_hash == "fit-1"
    assert stored.sample_count == 1800 and stored.lap_count == 3
    # The runner's own fields of the CSV row survive the replacement.
    assert (stored.activity.name, stored.activity.rpe) == ("Tempo Tuesday", 6.0)
    again = services.activities.import_activity(recording, "fit-1", "tempo.fit")
    assert again.status == "duplicate"


def test_a_summary_only_row_after_the_recording_is_a_duplicate(services: Services) -> None:
    services.activities.import_activity(run(), "fit-1", "a.fit")
    summary = run(source_format="strava_csv", with_samples=False, laps=0)
    result = services.activities.import_activity(summary, "csv-row-1")
    assert result.status == "duplicate"
    assert count(services, "activities") == 1
