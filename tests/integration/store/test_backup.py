"""Export all / import all: the whole store round-trips through one JSON document."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runcoach.bootstrap import open_services
from runcoach.domain.activity import Activity
from runcoach.domain.athlete import AthleteProfile, RaceResult
from runcoach.domain.errors import InputError
from runcoach.errors import OperationError
from runcoach.services import Services
from tests.integration.store.conftest import FreshUrl, TickingClock
from tests.integration.store.factories import run


def without_stamp(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != "exported_at"}


def via_json(doc: dict[str, Any]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(json.dumps(doc, allow_nan=False))
    return loaded


profiles = st.builds(
    AthleteProfile,
    name=st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=20),
    age=st.none() | st.integers(10, 100),
    sex=st.sampled_from([None, "F", "M", "X"]),
    units=st.sampled_from(["km", "mi"]),
    weekly_volume_m=st.none() | st.floats(0, 200_000),
    races=st.lists(
        st.builds(
            RaceResult,
            distance_m=st.sampled_from([5000.0, 10000.0, 21097.5, 42195.0]),
            time_s=st.floats(600, 30000),
            date=st.none() | st.dates(date(2000, 1, 1), date(2030, 1, 1)),
            name=st.none() | st.text(max_size=10),
        ),
        max_size=3,
    ).map(lambda races: tuple(sorted(races, key=lambda r: (r.date is None, r.date or date.min)))),
    injuries=st.lists(st.text(max_size=15), max_size=2).map(tuple),
    injury_prone=st.booleans(),
)
plan_ops = st.lists(
    st.sampled_from(["create", "propose", "accept", "reject", "undo", "revise"]), max_size=8
)
activity_specs = st.lists(
    st.tuples(
        st.integers(0, 400),  # day offset
        st.integers(-12, 14),  # utc offset hours
        st.booleans(),  # manual entry
        st.integers(0, 120),  # samples (0 = none)
        st.integers(0, 3),  # laps
    ),
    max_size=5,
)


def fill(
    svc: Services,
    profile: AthleteProfile | None,
    ops: list[str],
    specs: list[tuple[int, int, bool, int, int]],
) -> None:
    if profile is not None:
        svc.profiles.save(profile)
    for i, op in enumerate(ops):
        doc = {"schema": "runcoach.plan/1", "weeks": [], "n": i}
        try:
            if op == "create":
                svc.plans.create(doc, reasons=[{"rule": "NEW", "text": f"plan {i}"}])
            elif op == "propose":
                svc.plans.propose(doc, reasons=[{"rule": "ADAPT", "text": "missed"}], diff={"i": i})
            elif op == "accept":
                svc.plans.accept()
            elif op == "reject":
                svc.plans.reject()
            elif op == "undo":
                svc.plans.undo()
            else:
                svc.plans.save_version(doc, status="current", reasons=[], diff=[i])
        except OperationError:
            pass  # e.g. undo without a plan: the store is unchanged
    for k, (day, hours, manual, n, laps) in enumerate(specs):
        start = datetime(2026, 1, 1, 6, 0, tzinfo=timezone(timedelta(hours=hours))) + timedelta(
            days=day, minutes=k * 7
        )
        if manual:
            svc.activities.add_manual(
                Activity(
                    sport="running", start_time=start, elapsed_time_s=1800.0, rpe=5.0, notes="ok"
                )
            )
        else:
            activity = run(
                start, seconds=max(n, 1), laps=laps, with_samples=n > 0, distance_m=1000.0 + k
            )
            svc.activities.import_activity(activity, f"hash-{k}", f"file-{k}.fit")


@given(profile=st.none() | profiles, ops=plan_ops, specs=activity_specs)
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_export_then_import_into_an_empty_store_round_trips(
    fresh_database_url: FreshUrl,
    profile: AthleteProfile | None,
    ops: list[str],
    specs: list[tuple[int, int, bool, int, int]],
) -> None:
    with open_services(database_url=fresh_database_url(), clock=TickingClock()) as source:
        fill(source, profile, ops, specs)
        exported = source.backup.export_all()
        expected_current = source.plans.current()
        expected_activities = [
            source.activities.get(s.id).activity for s in source.activities.summaries()
        ]
    with open_services(database_url=fresh_database_url()) as target:
        counts = target.backup.import_all(via_json(exported))
        assert counts["activities"] == len(specs)
        again = target.backup.export_all()
        assert without_stamp(again) == without_stamp(exported)
        assert target.profiles.get() == profile
        current = target.plans.current()
        assert (current is None) == (expected_current is None)
        if current is not None and expected_current is not None:
            assert (current.version, current.document) == (
                expected_current.version,
                expected_current.document,
            )
        loaded = [target.activities.get(s.id).activity for s in target.activities.summaries()]
        assert loaded == expected_activities


def test_import_refuses_a_store_that_is_not_empty(services: Services) -> None:
    services.profiles.save(AthleteProfile(name="A"))
    document = services.backup.export_all()
    with pytest.raises(OperationError, match="not empty"):
        services.backup.import_all(document)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(schema="other/1"), "not a runcoach export"),
        (
            lambda d: d["athletes"][0].update(created_at="yesterday"),
            r"athletes\[0\].created_at must be an ISO 8601",
        ),
        (
            lambda d: d["athletes"][0]["activities"][0].update(start_time="2027-01-05T07:30:00"),
            r"activities\[0\].start_time needs a UTC offset",
        ),
        (
            lambda d: d["athletes"][0]["plans"][0]["versions"][0].update(status="maybe"),
            r"versions\[0\].status must be one of",
        ),
        (lambda d: d["athletes"][0]["profile"].update(age=-3), r"profile is not valid: --age -3"),
        (
            lambda d: d["athletes"][0]["activities"][0]["samples"].update(data="UkNTMQ=="),
            r"samples.data is not a valid sample blob",
        ),
        (
            lambda d: d["athletes"][0]["activities"][0]["samples"].update(points=3),
            r"samples.points says 3, the blob holds 30",
        ),
    ],
)
def test_bad_documents_name_the_field_and_write_nothing(
    services: Services, fresh_database_url: FreshUrl, mutate: Any, message: str
) -> None:
    services.profiles.save(AthleteProfile(name="A", age=30))
    services.plans.create({"schema": "runcoach.plan/1", "weeks": []})
    services.activities.import_activity(run(seconds=30), "h", "a.fit")
    document = via_json(services.backup.export_all())
    mutate(document)
    with open_services(database_url=fresh_database_url()) as target:
        with pytest.raises(InputError, match=message):
            target.backup.import_all(document)
        assert target.backup.export_all()["athletes"] == []


def test_file_round_trip_with_gzip(
    services: Services, fresh_database_url: FreshUrl, tmp_path: Path
) -> None:
    services.profiles.save(AthleteProfile(name="A"))
    services.activities.import_activity(run(seconds=60), "h", "a.fit")
    services.plans.create({"schema": "runcoach.plan/1", "weeks": []})
    expected = without_stamp(services.backup.export_all())
    path = tmp_path / "backup.json.gz"
    counts = services.backup.write_export(path)
    assert counts == {"athletes": 1, "races": 0, "plans": 1, "plan_versions": 1, "activities": 1}
    assert path.read_bytes()[:2] == b"\x1f\x8b"
    assert not (tmp_path / "backup.json.gz.tmp").exists()
    plain = tmp_path / "backup.json"
    services.backup.write_export(plain)
    assert without_stamp(json.loads(plain.read_text())) == via_json(expected)
    with open_services(database_url=fresh_database_url()) as target:
        assert target.backup.read_import(path) == counts
        assert without_stamp(target.backup.export_all()) == expected


def test_number_columns_and_blob_samples_read_back_the_same() -> None:
    from runcoach.services.backup import activity_from_json, activity_to_json

    activity = run(seconds=120)
    as_columns = via_json(activity_to_json(activity))
    as_blob = via_json(activity_to_json(activity, samples="blob"))
    assert as_columns["samples"]["heart_rate_bpm"][:2] == [None, activity.samples.heart_rate_bpm[1]]  # type: ignore[union-attr]
    assert as_blob["samples"]["encoding"] == "rcs1+base64"
    assert activity_from_json(as_columns) == activity == activity_from_json(as_blob)


def test_unreadable_file_is_one_sentence(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "backup.json"
    path.write_text("{not json")
    with pytest.raises(InputError, match="is not a runcoach JSON export"):
        services.backup.read_import(path)
    with pytest.raises(InputError, match="does not exist"):
        services.backup.read_import(tmp_path / "missing.json")


def test_exported_times_are_iso_with_offsets(services: Services) -> None:
    services.activities.import_activity(run(seconds=10), "h", "a.fit")
    doc = services.backup.export_all()
    activity = doc["athletes"][0]["activities"][0]
    assert activity["start_time"] == "2027-01-05T07:30:00+01:00"
    assert datetime.fromisoformat(activity["imported_at"]).tzinfo == UTC
