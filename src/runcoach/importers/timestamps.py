"""ISO 8601 times of GPX and TCX files → Unix seconds.

GPX 1.1 and TCX times are UTC (``Z``); some writers add an offset (``+01:00``) or omit the zone.
A time without a zone is taken as UTC, as both schemas specify. The offset of the first dated
point is kept so the start can be shown in the recording's local time when the file gives it.

Source: GPX 1.1 schema (``xsd:dateTime``, "Date and time in are in Univeral Coordinated Time
(UTC), not local time"); TCX v2 schema (``xsd:dateTime``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone

import numpy as np

from runcoach.domain.activity import FloatArray


def parse_time(text: str | None) -> tuple[float, int | None]:
    """(Unix seconds, UTC offset in seconds or None when the text had no zone); NaN if invalid."""
    if not text:
        return math.nan, None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return math.nan, None
    offset = moment.utcoffset()
    if offset is None:
        return moment.replace(tzinfo=UTC).timestamp(), None
    return moment.timestamp(), int(offset.total_seconds())


def parse_times(texts: Sequence[str | None]) -> tuple[FloatArray, int]:
    """Unix seconds for each text (NaN when missing or invalid) and the first offset seen."""
    out = np.full(len(texts), np.nan)
    first_offset: int | None = None
    fromiso = datetime.fromisoformat
    for i, text in enumerate(texts):
        if not text:
            continue
        try:
            moment = fromiso(text)
        except ValueError:
            try:
                moment = fromiso(text.strip())
            except ValueError:
                continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        elif first_offset is None:
            first_offset = int(moment.utcoffset().total_seconds())  # type: ignore[union-attr]
        out[i] = moment.timestamp()
    return out, first_offset or 0


def aware(unix_s: float, offset_s: int) -> datetime:
    """A timezone-aware datetime at ``unix_s`` shown with ``offset_s`` (UTC when 0)."""
    tz = UTC if offset_s == 0 else timezone(timedelta(seconds=offset_s))
    return datetime.fromtimestamp(unix_s, tz)
