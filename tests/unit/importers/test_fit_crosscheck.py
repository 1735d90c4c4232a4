"""The columnar fast path (fitfast) against the reference decoder (fitdecode), field by field.

Run on every FIT file copied into tests/data and, as a corpus test, on every FIT file of the
shared corpus. Where the fast path declines a file, the test says why that is legitimate.
"""

from __future__ import annotations

import dataclasses
import struct
from pathlib import Path

import numpy as np
import pytest

from runcoach.domain.activity import Activity
from runcoach.importers.errors import FileImportError
from runcoach.importers.fit import build_activities
from runcoach.importers.fit_decode import (
    FastPathUnavailableError,
    FitContent,
    decode_fast,
    decode_reference,
    fitfast_available,
)
from runcoach.importers.fit_frames import extract_messages
from tests.unit.importers.conftest import ACTIVITIES

pytestmark = pytest.mark.skipif(
    not fitfast_available(), reason="fitfast (the fast extra) is not installed"
)

LOCAL_FIT = sorted((ACTIVITIES / "fit").glob("*.fit"))


def compare_content(fast: FitContent, ref: FitContent, name: str) -> None:
    """Every record column and every summary field the importer reads must agree."""
    assert fast.records.keys() == ref.records.keys(), name
    for column, values in fast.records.items():
        other = ref.records[column]
        assert values.shape == other.shape, f"{name}: {column} has {values.shape} vs {other.shape}"
        same = np.isclose(values, other, rtol=1e-9, atol=1e-6, equal_nan=True)
        assert same.all(), (
            f"{name}: {column} differs at {np.flatnonzero(~same)[:5]}: "
            f"{values[~same][:5]} vs {other[~same][:5]}"
        )
    for kind, messages in fast.messages.items():
        others = ref.messages[kind]
        assert len(messages) == len(others), f"{name}: {kind} count"
        for i, (a, b) in enumerate(zip(messages, others, strict=True)):
            assert a.keys() == b.keys(), f"{name}: {kind}[{i}] fields {set(a) ^ set(b)}"
            for key in a:
                if isinstance(a[key], float) or isinstance(b[key], float):
                    assert a[key] == pytest.approx(b[key], rel=1e-6), f"{name}: {kind}.{key}"
                else:
                    assert a[key] == b[key], f"{name}: {kind}[{i}].{key}"


def compare_activities(fast: list[Activity], ref: list[Activity], name: str) -> None:
    assert len(fast) == len(ref), name
    for a, b in zip(fast, ref, strict=True):
        for field in dataclasses.fields(Activity):
            if field.name in ("partial", "warnings"):
                continue
            assert getattr(a, field.name) == getattr(b, field.name), f"{name}: {field.name}"


def why_fast_path_declines(data: bytes) -> str:
    """The legitimate reasons runcoach knows for fitfast 0.1.0 not decoding a file."""
    if data[0] == 14 and data[12:14] == b"\x00\x00":
        return "14-byte header with header CRC 0 (fitfast miscomputes the file CRC)"
    try:
        record_fields = extract_messages(data).record_fields
    except Exception:
        return "framing the reference decoder reports as broken"
    if 8 in record_fields:
        return "compressed_speed_distance records (not expanded by fitfast)"
    return ""


def check_file(path: Path) -> str:
    data = path.read_bytes()
    ref = decode_reference(data)
    try:
        fast = decode_fast(data)
    except FastPathUnavailableError:
        reason = why_fast_path_declines(data) or ("; ".join(ref.problems) if ref.problems else "")
        assert reason, f"{path.name}: the fast path declined a file the reference reads cleanly"
        return f"reference only: {reason}"
    if not ref.problems:
        compare_content(fast, ref, path.name)
    try:
        fast_acts = build_activities(fast, name=path.name)
    except FileImportError as exc:
        with pytest.raises(FileImportError) as again:
            build_activities(ref, name=path.name)
        assert str(again.value) == str(exc)
        return "both refuse it"
    ref_acts = build_activities(ref, name=path.name)
    compare_activities(fast_acts, ref_acts, path.name)
    return "same"


@pytest.mark.parametrize("path", LOCAL_FIT, ids=[p.name for p in LOCAL_FIT])
def test_fast_and_reference_agree_on_test_files(path: Path) -> None:
    assert check_file(path)


@pytest.mark.corpus
def test_fast_and_reference_agree_on_the_shared_corpus(shared_activities: Path) -> None:
    files = sorted((shared_activities / "fit").glob("*.fit"))
    assert len(files) >= 30
    outcomes = {path.name: check_file(path) for path in files}
    same = [n for n, o in outcomes.items() if o == "same"]
    # Most files take the fast path and agree completely.
    assert len(same) >= 20, outcomes
    for name, outcome in sorted(outcomes.items()):
        print(f"{name}: {outcome}")


def test_extracted_summary_file_is_a_valid_fit_file() -> None:
    data = (ACTIVITIES / "fit" / "tormoder-fit__mornindew-broken.fit").read_bytes()
    extract = extract_messages(data)
    summary, record_fields = extract.summary, extract.record_fields
    assert extract.odd_field_sizes == 0
    assert summary[8:12] == b".FIT"
    (size,) = struct.unpack_from("<I", summary, 4)
    assert len(summary) == 12 + size + 2
    assert {0, 253} <= record_fields  # position_lat and timestamp are declared
    content = decode_reference(summary)
    assert content.problems == []
    assert len(content.messages["lap"]) == 11
    assert len(content.messages["session"]) == 1
    assert content.records["timestamp"].size == 0
