"""Fixtures for the importer tests: the real files copied into tests/data/activities."""

from __future__ import annotations

from pathlib import Path

import pytest

ACTIVITIES = Path(__file__).resolve().parents[2] / "data" / "activities"
#: The shared corpus (only corpus tests read it; they skip when it is absent).
SHARED_ACTIVITIES = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "activities"


def data_file(relative: str) -> bytes:
    """The bytes of a file under tests/data/activities."""
    return (ACTIVITIES / relative).read_bytes()


@pytest.fixture
def shared_activities() -> Path:
    """The shared corpus folder, or a skip with the reason when it is absent."""
    folder = SHARED_ACTIVITIES.resolve()
    if not folder.is_dir():
        reason = f"the shared corpus {folder} is absent"
        print(f"SKIPPED: {reason}")
        pytest.skip(reason)
    return folder
