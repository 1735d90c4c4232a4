"""Each file is imported in one transaction: an exception or a kill mid-import leaves the store
exactly as before that file, and importing again finishes the job (DESIGN.md §6)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from runcoach.bootstrap import open_services
from runcoach.services import Services, sample_codec
from tests.integration.store.factories import run

REPO = Path(__file__).resolve().parents[3]
TABLES = ("athletes", "activities", "laps", "activity_samples")


def snapshot(database_url: str) -> dict[str, Any]:
    """Every row of the activity tables (and the athletes), to compare before and after."""
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as conn:
            return {
                t: sorted(map(tuple, conn.execute(sa.text(f"SELECT * FROM {t}")).all()), key=repr)
                for t in TABLES
            }
    finally:
        engine.dispose()


def two_legs() -> list[Any]:
    first = run()
    return [first, run(first.start_time + timedelta(hours=1), group_key="g", leg_index=1)]


def test_an_exception_mid_file_leaves_the_store_as_before(
    services: Services, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.activities.import_activity(run(run().start_time - timedelta(days=3)), "old", "old.fit")
    before = snapshot(database_url)
    real = sample_codec.encode_samples
    calls: list[int] = []

    def failing(samples: Any) -> bytes:
        calls.append(1)
        if len(calls) == 2:  # the second leg: the first one is already written in the transaction
            raise RuntimeError("disk on fire")
        return real(samples)

    monkeypatch.setattr(sample_codec, "encode_samples", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        services.activities.import_file(two_legs(), "new", "new.fit")
    assert calls == [1, 1]
    assert snapshot(database_url) == before

    monkeypatch.setattr(sample_codec, "encode_samples", real)
    result = services.activities.import_file(two_legs(), "new", "new.fit")
    assert result.imported and len(result.activity_ids) == 2
    assert len(services.activities.summaries()) == 3


def test_a_failed_first_import_does_not_leave_an_athlete(
    services: Services, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(samples: Any) -> bytes:
        raise RuntimeError("boom")

    monkeypatch.setattr(sample_codec, "encode_samples", failing)
    with pytest.raises(RuntimeError):
        services.activities.import_activity(run(), "h", "a.fit")
    assert snapshot(database_url) == {t: [] for t in TABLES}


CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from datetime import timedelta
    from runcoach.bootstrap import open_services
    from runcoach.services import sample_codec
    from tests.integration.store.factories import run

    url, marker = sys.argv[1], Path(sys.argv[2])
    real = sample_codec.encode_samples
    calls = []

    def stall(samples):
        calls.append(1)
        if len(calls) == 2:
            marker.write_text("inside the transaction")
            time.sleep(120)
        return real(samples)

    sample_codec.encode_samples = stall
    first = run()
    legs = [first, run(first.start_time + timedelta(hours=1), group_key="g", leg_index=1)]
    with open_services(database_url=url) as svc:
        svc.activities.import_file(legs, "new", "new.fit")
    """
)


def test_a_killed_import_leaves_the_store_as_before(
    services: Services, database_url: str, tmp_path: Path
) -> None:
    services.activities.import_activity(run(run().start_time - timedelta(days=3)), "old", "old.fit")
    before = snapshot(database_url)
    marker = tmp_path / "marker"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, database_url, str(marker)],
        cwd=REPO,
        env=env,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            if child.poll() is not None:
                pytest.fail(f"the import process ended early: {child.stderr.read().decode()}")  # type: ignore[union-attr]
            if time.monotonic() > deadline:
                pytest.fail("the import process never reached the middle of the file")
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
        if child.stderr is not None:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    assert snapshot(database_url) == before
    # Re-running the import finishes the job.
    with open_services(database_url=database_url) as svc:
        result = svc.activities.import_file(two_legs(), "new", "new.fit")
        assert result.imported and len(result.activity_ids) == 2
        assert len(svc.activities.summaries()) == 3
