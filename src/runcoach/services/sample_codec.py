"""The compact, lossless storage form of an activity's samples: one blob per activity.

Layout (little-endian)::

    b"RCS1"                      magic and format version
    uint32  n                    points per column
    uint8   k                    number of columns
    k × (uint8 column, uint8 itemsize)
                                 column: index in COLUMN_ORDER; itemsize: 4 (float32) or 8 (float64)
    zlib stream                  the columns one after the other, each byte-shuffled

Each column is stored as float32 when that is exact (heart rate, cadence, power, whole-second
times...) and as float64 otherwise, so decoding gives back exactly the float64 values (NaN
included). Byte shuffling (all first bytes, then all second bytes...) lets zlib find the
repetition in slowly changing values. A one-hour run at 1 Hz with eight columns takes about
60–120 kB. Decoding returns float64 arrays.
"""

from __future__ import annotations

import struct
import zlib
from typing import TYPE_CHECKING

from runcoach.domain.activity import SAMPLE_COLUMNS

if TYPE_CHECKING:
    from runcoach.domain.activity import FloatArray, Samples

MAGIC = b"RCS1"
COLUMN_ORDER: tuple[str, ...] = ("time_s", *SAMPLE_COLUMNS)
_HEAD = struct.Struct("<4sIB")
_COL = struct.Struct("<BB")
ZLIB_LEVEL = 1


class SampleBlobError(ValueError):
    """The blob is not in the ``RCS1`` format (corrupted or written by something else)."""


def encode_samples(samples: Samples) -> bytes:
    """Encode ``samples`` losslessly into one compressed blob."""
    import numpy as np

    columns = samples.columns()
    n = len(samples)
    header = [_HEAD.pack(MAGIC, n, len(columns))]
    body = []
    for name, values in columns.items():
        col = np.ascontiguousarray(values, dtype=np.float64)
        with np.errstate(over="ignore", invalid="ignore"):
            narrow = col.astype(np.float32)
        # Bit-exact check: float32 only when it gives back the very same float64 bits.
        if np.array_equal(narrow.astype(np.float64).view(np.uint64), col.view(np.uint64)):
            data: FloatArray | np.ndarray = narrow
        else:
            data = col
        itemsize = data.dtype.itemsize
        header.append(_COL.pack(COLUMN_ORDER.index(name), itemsize))
        body.append(data.view(np.uint8).reshape(n, itemsize).T.tobytes())
    return b"".join(header) + zlib.compress(b"".join(body), ZLIB_LEVEL)


def decode_samples(blob: bytes) -> Samples:
    """Decode a blob written by :func:`encode_samples` back to float64 columns."""
    import numpy as np

    from runcoach.domain.activity import Samples

    if len(blob) < _HEAD.size or blob[:4] != MAGIC:
        raise SampleBlobError("sample blob does not start with the RCS1 header")
    _, n, k = _HEAD.unpack_from(blob, 0)
    offset = _HEAD.size
    layout = []
    for _ in range(k):
        index, itemsize = _COL.unpack_from(blob, offset)
        offset += _COL.size
        if index >= len(COLUMN_ORDER) or itemsize not in (4, 8):
            raise SampleBlobError(f"sample blob names an unknown column {index}/{itemsize}")
        layout.append((COLUMN_ORDER[index], itemsize))
    try:
        raw = zlib.decompress(blob[offset:])
    except zlib.error as exc:
        raise SampleBlobError(f"sample blob is corrupted ({exc})") from exc
    if len(raw) != n * sum(size for _, size in layout):
        raise SampleBlobError("sample blob has the wrong number of bytes for its header")
    columns: dict[str, FloatArray] = {}
    pos = 0
    for name, itemsize in layout:
        chunk = np.frombuffer(raw, dtype=np.uint8, count=n * itemsize, offset=pos)
        pos += n * itemsize
        dtype = np.float32 if itemsize == 4 else np.float64
        values = chunk.reshape(itemsize, n).T.copy().view(dtype).reshape(n)
        columns[name] = values.astype(np.float64)
    if "time_s" not in columns:
        raise SampleBlobError("sample blob has no time_s column")
    return Samples(**columns)
