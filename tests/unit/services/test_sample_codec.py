"""The RCS1 sample blob: lossless round trip, compact, and refuses foreign bytes."""

from __future__ import annotations

import zlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from runcoach.domain.activity import SAMPLE_COLUMNS, Samples
from runcoach.services.sample_codec import SampleBlobError, decode_samples, encode_samples
from tests.integration.store.factories import samples as run_samples

floats = st.floats(allow_nan=True, allow_infinity=True, width=64)


@st.composite
def sample_sets(draw: st.DrawFn) -> Samples:
    n = draw(st.integers(0, 300))
    present = draw(st.sets(st.sampled_from(SAMPLE_COLUMNS)))
    columns = {name: draw(arrays(np.float64, n, elements=floats)) for name in present}
    return Samples(time_s=draw(arrays(np.float64, n, elements=floats)), **columns)


@given(sample_sets())
@settings(max_examples=200)
def test_round_trip_is_exact(samples: Samples) -> None:
    decoded = decode_samples(encode_samples(samples))
    assert decoded == samples
    for name, column in decoded.columns().items():
        assert column.dtype == np.float64
        # bit-exact, not just equal (keeps -0.0 and NaN payload-free comparisons honest)
        assert column.tobytes() == np.ascontiguousarray(samples.columns()[name]).tobytes()


def test_an_hour_at_one_hertz_is_compact() -> None:
    samples = run_samples(3600)
    blob = encode_samples(samples)
    raw = 3600 * 8 * len(samples.columns())
    assert len(blob) < raw / 2
    assert decode_samples(blob) == samples


@pytest.mark.parametrize(
    "blob",
    [b"", b"XXXX" + bytes(20), b"RCS1" + (10).to_bytes(4, "little") + bytes([1, 0, 8]) + b"junk"],
)
def test_foreign_bytes_are_refused(blob: bytes) -> None:
    with pytest.raises(SampleBlobError):
        decode_samples(blob)


def test_wrong_length_is_refused() -> None:
    header = b"RCS1" + (10).to_bytes(4, "little") + bytes([1, 0, 8])
    with pytest.raises(SampleBlobError, match="wrong number of bytes"):
        decode_samples(header + zlib.compress(bytes(79)))
