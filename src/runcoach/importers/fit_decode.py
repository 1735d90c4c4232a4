"""Two FIT decoders behind one result: the columnar fast path and the reference decoder.

Both return a :class:`FitContent` in the same normalised form, so that one builder turns either
into activities and a test can compare them field by field:

- ``decode_fast`` uses ``fitfast`` (Rust, numpy columns; optional at run time): one
  ``fitfast.records`` pass for the record messages and a parse of the few summary messages cut
  out by :mod:`runcoach.importers.fit_frames`. It raises :class:`FastPathUnavailableError` when the
  package is missing or the file is anything but a clean FIT file (decode errors, CRC errors,
  truncation), so the caller falls back.
- ``decode_reference`` uses ``fitdecode`` (pure Python, tolerant): it reads as far as it can and
  lists the problems it met, which makes the result ``partial``.

Normalised values: date_time fields are Unix seconds (floats); FIT times below 0x10000000
("system time" since the device was switched on) are kept as they come, FIT epoch added, and
resolved later. Enums are profile names (strings) or integers when unknown. Positions are
degrees. Sub-fields are stored under their parent's name (``avg_running_cadence`` as
``avg_cadence``, ``garmin_product`` as the number ``product``).

Source: Garmin FIT Protocol and FIT Profile (message and field names, scales, the FIT epoch
1989-12-31T00:00:00Z = Unix 631065600).
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from runcoach.domain.activity import FloatArray

FIT_EPOCH_UNIX = 631065600
#: FIT date_time values below this are relative (seconds since the device was switched on).
FIT_RELATIVE_LIMIT = 0x10000000
SEMICIRCLES_TO_DEG = 180.0 / 2**31
#: Record fields whose values fitfast 0.1.0 does not expand (``compressed_speed_distance``, 8):
#: files that use them go to the reference decoder.
FAST_PATH_UNSUPPORTED_FIELDS = frozenset({8})

#: Canonical record columns (names after normalisation).
RECORD_COLUMNS: tuple[str, ...] = (
    "timestamp",
    "position_lat",
    "position_long",
    "distance",
    "speed",
    "altitude",
    "heart_rate",
    "cadence",
    "fractional_cadence",
    "power",
)

#: Fields kept from each summary message.
SUMMARY_FIELDS: dict[str, frozenset[str]] = {
    "file_id": frozenset({"type", "manufacturer", "product", "serial_number", "time_created"}),
    "activity": frozenset({"timestamp", "local_timestamp", "num_sessions"}),
    "sport": frozenset({"sport", "sub_sport", "name"}),
    "session": frozenset(
        {
            "start_time",
            "timestamp",
            "total_elapsed_time",
            "total_timer_time",
            "total_moving_time",
            "total_distance",
            "avg_heart_rate",
            "max_heart_rate",
            "avg_cadence",
            "avg_fractional_cadence",
            "avg_power",
            "total_ascent",
            "total_descent",
            "total_calories",
            "sport",
            "sub_sport",
            "first_lap_index",
            "num_laps",
        }
    ),
    "lap": frozenset(
        {
            "start_time",
            "timestamp",
            "total_elapsed_time",
            "total_timer_time",
            "total_moving_time",
            "total_distance",
            "avg_heart_rate",
            "max_heart_rate",
            "avg_cadence",
            "avg_fractional_cadence",
            "avg_power",
            "sport",
            "sub_sport",
        }
    ),
}
TIME_FIELDS = frozenset({"timestamp", "start_time", "time_created", "local_timestamp"})

Message = dict[str, Any]


class FastPathUnavailableError(Exception):
    """The fast path cannot decode this file (or fitfast is not installed); use the reference."""


@dataclass(slots=True)
class FitContent:
    """What runcoach reads from a FIT file, in normalised form (see the module docstring)."""

    records: dict[str, FloatArray]
    messages: dict[str, list[Message]]
    decoder: str
    problems: list[str] = field(default_factory=list)

    def first(self, kind: str) -> Message | None:
        """The first message of ``kind``, or None."""
        found = self.messages.get(kind)
        return found[0] if found else None


# --- fast path -------------------------------------------------------------------------------


def fitfast_available() -> bool:
    """True when the optional ``fitfast`` package can be imported."""
    try:
        import fitfast  # noqa: F401
    except ImportError:
        return False
    return True


def decode_fast(data: bytes) -> FitContent:
    """Decode with ``fitfast``; raise :class:`FastPathUnavailableError` on anything unusual."""
    try:
        import fitfast
    except ImportError as exc:
        raise FastPathUnavailableError("fitfast is not installed") from exc
    from runcoach.importers.fit_frames import FitFramingError, extract_messages

    try:
        extract = extract_messages(data)
        if extract.record_fields & FAST_PATH_UNSUPPORTED_FIELDS:
            raise FastPathUnavailableError("the records use compressed speed and distance")
        raw = fitfast.records(data, "record")
        summary = fitfast.parse(extract.summary, enum_names=True, datetimes=False)
    except (fitfast.FitDecodeError, FitFramingError) as exc:
        raise FastPathUnavailableError(str(exc)) from exc
    n = len(next(iter(raw.values()))) if raw else 0
    messages: dict[str, list[Message]] = {}
    for kind, wanted in SUMMARY_FIELDS.items():
        messages[kind] = [_fast_message(m, wanted) for m in summary.get(kind, [])]
    problems = []
    if extract.odd_field_sizes:
        problems.append(
            f"{extract.odd_field_sizes} field definitions declare a size that does not fit "
            "their type; those fields may be missing or wrong"
        )
    return FitContent(
        records=_fast_columns(raw, n), messages=messages, decoder="fitfast", problems=problems
    )


def _fast_columns(raw: dict[str, Any], n: int) -> dict[str, FloatArray]:
    def pick(*names: str) -> FloatArray:
        out: FloatArray | None = None
        for name in names:
            col = raw.get(name)
            if col is None:
                continue
            col = np.asarray(col, dtype=np.float64)
            out = col.copy() if out is None else np.where(np.isnan(out), col, out)
        return out if out is not None else np.full(n, np.nan)

    return {
        "timestamp": pick("timestamp"),
        "position_lat": pick("position_lat"),
        "position_long": pick("position_long"),
        "distance": pick("distance"),
        "speed": pick("speed", "enhanced_speed"),
        "altitude": pick("altitude", "enhanced_altitude"),
        "heart_rate": pick("heart_rate"),
        "cadence": pick("cadence"),
        "fractional_cadence": pick("fractional_cadence"),
        "power": pick("power"),
    }


def _fast_message(message: dict[Any, Any], wanted: frozenset[str]) -> Message:
    out: Message = {}
    for key, value in message.items():
        if not isinstance(key, str):
            continue
        if key == "avg_running_cadence":
            key = "avg_cadence"
        if key in wanted and value is not None:
            out[key] = float(value) if key in TIME_FIELDS else value
    return out


# --- reference decoder ----------------------------------------------------------------------


def decode_reference(data: bytes) -> FitContent:
    """Decode with ``fitdecode``, reading as far as possible; problems are listed, not raised."""
    import fitdecode
    from fitdecode.types import DevField, SubField

    wanted = {**{name: name for name in RECORD_COLUMNS}, **_ENHANCED}
    rows: list[dict[str, float]] = []
    messages: dict[str, list[Message]] = {kind: [] for kind in SUMMARY_FIELDS}
    problems: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        reader = fitdecode.FitReader(
            io.BytesIO(data),
            check_crc=fitdecode.CrcCheck.WARN,
            error_handling=fitdecode.ErrorHandling.WARN,
        )
        try:
            for frame in reader:
                if not isinstance(frame, fitdecode.FitDataMessage):
                    continue
                name = frame.name
                if name == "record":
                    row: dict[str, float] = {}
                    for fd in frame.fields:
                        key = wanted.get(fd.name)
                        if key is None or fd.value is None or isinstance(fd.field, DevField):
                            continue
                        raw = fd.raw_value
                        if key == "timestamp" and isinstance(raw, int):
                            row[key] = float(raw) + FIT_EPOCH_UNIX
                        elif key in ("position_lat", "position_long") and isinstance(raw, int):
                            row[key] = float(raw) * SEMICIRCLES_TO_DEG
                        elif isinstance(fd.value, int | float) and not isinstance(fd.value, bool):
                            row[key] = float(fd.value)
                    rows.append(row)
                elif name in SUMMARY_FIELDS:
                    messages[name].append(_reference_message(frame, SUMMARY_FIELDS[name], SubField))
        except fitdecode.FitError as exc:
            problems.append(f"the decoder stopped: {_first_line(exc)}")
        except Exception as exc:  # fitdecode may fail in many ways on corrupt bytes
            problems.append(f"the decoder stopped: {type(exc).__name__}: {_first_line(exc)}")
        finally:
            reader.close()
    problems.extend(_first_line(w.message) for w in caught)

    nan = math.nan
    records = {
        name: np.fromiter((row.get(name, nan) for row in rows), np.float64, len(rows))
        for name in (*RECORD_COLUMNS, *_ENHANCED.values())
    }
    for enhanced in _ENHANCED.values():
        plain = enhanced.removeprefix("enhanced_")
        records[plain] = np.where(np.isnan(records[plain]), records.pop(enhanced), records[plain])
    return FitContent(records=records, messages=messages, decoder="fitdecode", problems=problems)


#: Enhanced (32-bit) variants; the plain field wins when both are present.
_ENHANCED = {"enhanced_speed": "enhanced_speed", "enhanced_altitude": "enhanced_altitude"}


def _reference_message(frame: Any, wanted: frozenset[str], sub_field_type: type) -> Message:
    out: Message = {}
    for fd in frame.fields:
        value = fd.value
        if value is None:
            continue
        key = fd.name
        if isinstance(fd.field, sub_field_type) and fd.parent_field is not None:
            key = fd.parent_field.name
            if isinstance(value, str):
                value = fd.raw_value
        if key not in wanted:
            continue
        if key in TIME_FIELDS:
            if not isinstance(fd.raw_value, int):
                continue
            value = float(fd.raw_value) + FIT_EPOCH_UNIX
        out[key] = value
    return out


def _first_line(obj: object) -> str:
    text = str(obj).strip()
    return text.splitlines()[0] if text else type(obj).__name__
