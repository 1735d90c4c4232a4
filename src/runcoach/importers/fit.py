"""FIT files → ``domain.Activity`` (one per session: a multisport file gives one per leg).

Decoding: the columnar fast path (``fitfast``) when it is installed and accepts the file,
otherwise the reference decoder (``fitdecode``), which also reads damaged files as far as it can
(the result is then flagged ``partial`` with the problems as warnings). Both feed the same
builder below, so the two paths give the same activity for a clean file.

Conventions (see docs/importing.md):
- start time: the session's ``start_time`` (UTC) shown in the recording's local offset, taken
  from the ``activity`` message (``local_timestamp`` − ``timestamp``, rounded to 15 min);
- moving time: ``total_moving_time`` when present, otherwise the timer time (pauses excluded);
- cadence: FIT stores running and walking cadence per leg (strides per minute); runcoach keeps
  steps per minute (both feet), so it is doubled, fractional part included. Cycling cadence
  stays in revolutions per minute;
- heart rate, cadence or power of 0 mean "no reading" and are ignored in averages.

Source: Garmin FIT Profile (session, lap, record, activity, file_id messages; ``cadence`` in
rpm "strides" for running, ``fractional_cadence`` 1/128 rpm).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import numpy as np

from runcoach.domain.activity import Activity, FloatArray, Lap, Sport
from runcoach.importers.errors import FileImportError, NotAnActivityError
from runcoach.importers.fit_decode import (
    FIT_EPOCH_UNIX,
    FIT_RELATIVE_LIMIT,
    FastPathUnavailableError,
    FitContent,
    Message,
    decode_fast,
    decode_reference,
)
from runcoach.importers.samples import make_samples, max_positive, mean_positive
from runcoach.importers.sports import sport_from_fit

#: Sports whose FIT cadence is per leg (strides) and is doubled to steps per minute.
FOOT_SPORTS: frozenset[str] = frozenset(
    {"running", "trail_running", "treadmill", "walking", "hiking"}
)
#: A partly readable file without a session summary needs at least this much timed data.
MIN_PARTIAL_DURATION_S = 60.0
_ABSOLUTE_MIN = FIT_EPOCH_UNIX + FIT_RELATIVE_LIMIT
_MAX_OFFSET_S = 14 * 3600


def read_fit(data: bytes, *, name: str, fast: bool = True) -> list[Activity]:
    """Decode FIT ``data`` (the file called ``name``) into activities, one per session.

    ``fast=False`` forces the reference decoder. Raises :class:`NotAnActivityError` for FIT
    files that are not activities (monitoring, workouts, settings) and
    :class:`FileImportError` when nothing usable can be read.
    """
    return build_activities(decode_fit(data, fast=fast), name=name)


def decode_fit(data: bytes, *, fast: bool = True) -> FitContent:
    """The decoded content: the fast path when it accepts the file, else the reference."""
    if fast:
        try:
            return decode_fast(data)
        except FastPathUnavailableError:
            pass
    return decode_reference(data)


def build_activities(content: FitContent, *, name: str) -> list[Activity]:
    """Turn decoded FIT content into activities (see the module docstring for conventions)."""
    file_id = content.first("file_id") or {}
    file_type = file_id.get("type")
    if file_type is not None and file_type not in ("activity", 4):
        kind = file_type if isinstance(file_type, str) else f"type {file_type}"
        raise NotAnActivityError(f"{name} is a FIT {kind} file, not a recorded activity.")

    warnings = list(dict.fromkeys(content.problems))
    clock = _Clock.from_content(content)
    if clock.warning:
        warnings.append(clock.warning)

    ts = clock.absolute_array(content.records["timestamp"])
    keep = np.isfinite(ts)
    records = {k: v[keep] for k, v in content.records.items()}
    ts = ts[keep]

    sessions = [s for s in content.messages.get("session", []) if s]
    if not sessions:
        duration = float(ts[-1] - ts[0]) if ts.size else 0.0
        if content.problems and duration < MIN_PARTIAL_DURATION_S:
            raise FileImportError(
                f"{name} could not be read ({content.problems[0]}) and the readable part "
                "holds no activity."
            )
        sessions = [_session_from_records(content, ts, name=name)]
        warnings.append("the file has no session summary; totals come from the records")

    laps = [lap for lap in content.messages.get("lap", []) if lap]
    device = _device_name(file_id)
    group_key = _group_key(file_id, sessions, clock) if len(sessions) > 1 else None
    starts = [clock.absolute(s.get("start_time")) for s in sessions]
    activities = []
    for index, session in enumerate(sessions):
        start = starts[index]
        if start is None or not math.isfinite(start):
            start = float(ts[0]) if ts.size else None
        if start is None:
            raise FileImportError(f"{name} has a session without a start time and no records.")
        lower = start if index > 0 else -math.inf
        upper = math.inf
        for later in starts[index + 1 :]:
            if later is not None and math.isfinite(later):
                upper = later
                break
        mask = (ts >= lower) & (ts < upper)
        activities.append(
            _leg(
                session,
                start=start,
                ts=ts,
                records=records,
                mask=mask,
                laps=_laps_of(session, laps, lower, upper, clock),
                clock=clock,
                device=device,
                partial=bool(content.problems),
                warnings=tuple(warnings),
                group_key=group_key,
                leg_index=index,
            )
        )
    return activities


# --- time ------------------------------------------------------------------------------------


class _Clock:
    """Resolves FIT times to Unix seconds and knows the recording's UTC offset."""

    def __init__(self, shift_s: float | None, offset_s: int, warning: str | None) -> None:
        self.shift_s = shift_s  # added to relative (device-clock) times; None: cannot resolve
        self.offset_s = offset_s
        self.warning = warning

    @classmethod
    def from_content(cls, content: FitContent) -> _Clock:
        activity = content.first("activity") or {}
        stamp = activity.get("timestamp")
        local = activity.get("local_timestamp")
        if isinstance(stamp, float) and isinstance(local, float) and local >= _ABSOLUTE_MIN:
            if stamp >= _ABSOLUTE_MIN:
                offset = round((local - stamp) / 900.0) * 900
                if abs(offset) > _MAX_OFFSET_S:
                    offset = 0
                return cls(None, int(offset), None)
            # device-clock times with one local wall-clock anchor: no time zone is known
            return cls(
                local - stamp,
                0,
                "the file gives device-clock times and only a local time of day; "
                "the start is that local time, its time zone unknown (shown as UTC)",
            )
        return cls(None, 0, None)

    def absolute(self, value: Any) -> float | None:
        if not isinstance(value, int | float) or not math.isfinite(value):
            return None
        if value >= _ABSOLUTE_MIN:
            return float(value)
        return None if self.shift_s is None else float(value) + self.shift_s

    def absolute_array(self, values: FloatArray) -> FloatArray:
        relative = values < _ABSOLUTE_MIN
        if not relative.any():
            return values
        shifted = values + (self.shift_s if self.shift_s is not None else np.nan)
        return np.where(relative, shifted, values)

    def datetime(self, unix_s: float) -> datetime:
        tz = UTC if self.offset_s == 0 else timezone(timedelta(seconds=self.offset_s))
        return datetime.fromtimestamp(unix_s, tz)


def _session_from_records(content: FitContent, ts: FloatArray, *, name: str) -> Message:
    if ts.size == 0:
        raise FileImportError(f"{name} holds no session summary and no timed records.")
    sport_msg = content.first("sport") or {}
    first_lap = (content.messages.get("lap") or [{}])[0]
    sport = sport_msg.get("sport", first_lap.get("sport"))
    sub_sport = sport_msg.get("sub_sport", first_lap.get("sub_sport"))
    session: Message = {
        "start_time": float(ts[0]),
        "total_elapsed_time": float(ts[-1] - ts[0]),
    }
    if sport is not None:
        session["sport"] = sport
    if sub_sport is not None:
        session["sub_sport"] = sub_sport
    return session


# --- one leg ---------------------------------------------------------------------------------


def _leg(
    session: Message,
    *,
    start: float,
    ts: FloatArray,
    records: dict[str, FloatArray],
    mask: Any,
    laps: tuple[Lap, ...],
    clock: _Clock,
    device: str | None,
    partial: bool,
    warnings: tuple[str, ...],
    group_key: str | None,
    leg_index: int,
) -> Activity:
    sport: Sport = sport_from_fit(session.get("sport"), session.get("sub_sport"))
    foot = sport in FOOT_SPORTS
    leg_ts = ts[mask]
    time_s = leg_ts - start

    distance = records["distance"]
    before = distance[(ts < start) & np.isfinite(distance)] if leg_index > 0 else distance[:0]
    offset = float(before[-1]) if before.size else 0.0
    leg_distance = distance[mask] - offset
    heart_rate = _zero_is_missing(records["heart_rate"][mask])
    cadence = _cadence(records["cadence"][mask], records["fractional_cadence"][mask], foot)
    power = records["power"][mask]
    samples = make_samples(
        time_s,
        distance_m=leg_distance,
        heart_rate_bpm=heart_rate,
        cadence_spm=cadence,
        power_w=power,
        altitude_m=records["altitude"][mask],
        speed_m_s=records["speed"][mask],
        lat_deg=records["position_lat"][mask],
        lon_deg=records["position_long"][mask],
    )

    elapsed = _number(session.get("total_elapsed_time"))
    if elapsed is None:
        end = clock.absolute(session.get("timestamp"))
        elapsed = end - start if end is not None else float(time_s[-1]) if time_s.size else 0.0
    moving = _number(session.get("total_moving_time"))
    if moving is None:
        moving = _number(session.get("total_timer_time"))
    total = _number(session.get("total_distance"))
    if total is None:
        finite = leg_distance[np.isfinite(leg_distance)]
        total = float(finite.max()) if finite.size else None

    avg_hr = _positive(session.get("avg_heart_rate")) or mean_positive(heart_rate)
    max_hr = _positive(session.get("max_heart_rate")) or max_positive(heart_rate)
    avg_cad = _session_cadence(session, foot)
    if avg_cad is None:
        avg_cad = mean_positive(cadence)
    avg_power = _positive(session.get("avg_power")) or mean_positive(power)
    sub_sport = session.get("sub_sport")
    return Activity(
        sport=sport,
        sub_sport=sub_sport if isinstance(sub_sport, str) else None,
        start_time=clock.datetime(start),
        elapsed_time_s=float(elapsed),
        moving_time_s=moving,
        distance_m=total,
        avg_hr_bpm=avg_hr,
        max_hr_bpm=max_hr,
        avg_cadence_spm=avg_cad,
        avg_power_w=avg_power,
        total_ascent_m=_number(session.get("total_ascent")),
        total_descent_m=_number(session.get("total_descent")),
        calories_kcal=_number(session.get("total_calories")),
        device=device,
        source_format="fit",
        laps=laps,
        samples=samples,
        partial=partial,
        warnings=warnings,
        group_key=group_key,
        leg_index=leg_index,
    )


def _laps_of(
    session: Message, laps: list[Message], lower: float, upper: float, clock: _Clock
) -> tuple[Lap, ...]:
    first = session.get("first_lap_index")
    count = session.get("num_laps")
    if (
        isinstance(first, int)
        and isinstance(count, int)
        and first >= 0
        and first + count <= len(laps)
    ):
        chosen = laps[first : first + count]
    else:
        chosen = []
        for lap in laps:
            start = clock.absolute(lap.get("start_time"))
            if start is not None and lower <= start < upper:
                chosen.append(lap)
    foot = sport_from_fit(session.get("sport"), session.get("sub_sport")) in FOOT_SPORTS
    out = []
    for lap in chosen:
        start = clock.absolute(lap.get("start_time"))
        if start is None:
            continue
        moving = _number(lap.get("total_moving_time"))
        if moving is None:
            moving = _number(lap.get("total_timer_time"))
        out.append(
            Lap(
                start_time=clock.datetime(start),
                elapsed_time_s=_number(lap.get("total_elapsed_time")) or 0.0,
                distance_m=_number(lap.get("total_distance")),
                moving_time_s=moving,
                avg_hr_bpm=_positive(lap.get("avg_heart_rate")),
                max_hr_bpm=_positive(lap.get("max_heart_rate")),
                avg_cadence_spm=_session_cadence(lap, foot),
                avg_power_w=_positive(lap.get("avg_power")),
            )
        )
    return tuple(out)


# --- values ----------------------------------------------------------------------------------


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _positive(value: Any) -> float | None:
    number = _number(value)
    return number if number is not None and number > 0 else None


def _zero_is_missing(values: FloatArray) -> FloatArray:
    return np.where(values > 0, values, np.nan)


def _cadence(cadence: FloatArray, fractional: FloatArray, foot: bool) -> FloatArray:
    whole = np.where(np.isnan(fractional), cadence, cadence + fractional)
    return whole * 2.0 if foot else whole


def _session_cadence(message: Message, foot: bool) -> float | None:
    cadence = _positive(message.get("avg_cadence"))
    if cadence is None:
        return None
    cadence += _number(message.get("avg_fractional_cadence")) or 0.0
    return cadence * 2.0 if foot else cadence


_GARMIN_FAMILY = frozenset({"garmin", "dynastream", "dynastream_oem", "tacx"})


def _device_name(file_id: Message) -> str | None:
    maker = file_id.get("manufacturer")
    product = file_id.get("product")
    if maker is None and product is None:
        return None
    maker_text = maker if isinstance(maker, str) else f"manufacturer {maker}"
    if product is None:
        return maker_text
    product_text = str(product)
    if maker in _GARMIN_FAMILY and isinstance(product, int):
        product_text = _garmin_product_name(product) or product_text
    return f"{maker_text} {product_text}"


def _garmin_product_name(product: int) -> str | None:
    try:
        from fitdecode.profile import FIELD_TYPES
    except ImportError:  # pragma: no cover - fitdecode is a runtime dependency
        return None
    name = FIELD_TYPES["garmin_product"].enum.get(product)
    return str(name) if name is not None else None


def _group_key(file_id: Message, sessions: list[Message], clock: _Clock) -> str:
    created = clock.absolute(file_id.get("time_created"))
    if created is None:
        created = clock.absolute(sessions[0].get("start_time"))
    serial = file_id.get("serial_number")
    return f"fit:{serial if serial is not None else 'unknown'}:{int(created or 0)}"
