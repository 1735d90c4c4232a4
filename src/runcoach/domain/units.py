"""Parsing and formatting of distances, durations, paces and race results.

Inside runcoach every quantity is SI: distances in metres, durations in seconds, paces in seconds
per kilometre. The user's unit system (``"km"`` or ``"mi"``) is only used to format values for
display. Every parser raises :class:`~runcoach.domain.errors.InputError` with one sentence that
names the bad value and says what is expected.

Source: international mile = 1609.344 m; half marathon = 21097.5 m; marathon = 42195 m
(World Athletics road-race distances; COACHING.md Part B, "Distances used everywhere").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from runcoach.domain.errors import InputError

Units = Literal["km", "mi"]
UNITS: tuple[Units, ...] = ("km", "mi")

METRES_PER_MILE = 1609.344
METRES_PER_KM = 1000.0
HALF_MARATHON_M = 21097.5
MARATHON_M = 42195.0

#: Named race distances in metres. Keys are the canonical names used in JSON output.
RACE_DISTANCES_M: dict[str, float] = {
    "1500m": 1500.0,
    "mile": METRES_PER_MILE,
    "3k": 3000.0,
    "2mi": 2 * METRES_PER_MILE,
    "5k": 5000.0,
    "8k": 8000.0,
    "5mi": 5 * METRES_PER_MILE,
    "10k": 10000.0,
    "15k": 15000.0,
    "10mi": 10 * METRES_PER_MILE,
    "20k": 20000.0,
    "half": HALF_MARATHON_M,
    "25k": 25000.0,
    "30k": 30000.0,
    "marathon": MARATHON_M,
}

_DISTANCE_ALIASES: dict[str, str] = {
    "half": "half",
    "halfmarathon": "half",
    "half-marathon": "half",
    "half_marathon": "half",
    "hm": "half",
    "21k": "half",
    "marathon": "marathon",
    "full": "marathon",
    "42k": "marathon",
    "mile": "mile",
    "1mi": "mile",
}

_UNIT_FACTORS_M: dict[str, float] = {
    "m": 1.0,
    "meter": 1.0,
    "meters": 1.0,
    "metre": 1.0,
    "metres": 1.0,
    "k": METRES_PER_KM,
    "km": METRES_PER_KM,
    "kms": METRES_PER_KM,
    "kilometer": METRES_PER_KM,
    "kilometers": METRES_PER_KM,
    "kilometre": METRES_PER_KM,
    "kilometres": METRES_PER_KM,
    "mi": METRES_PER_MILE,
    "mile": METRES_PER_MILE,
    "miles": METRES_PER_MILE,
}

_NUMBER_UNIT = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-z]+)\s*$")
_CLOCK = re.compile(r"^\s*(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)\s*$")
_HMS = re.compile(
    r"^\s*(?:(\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*"
    r"(?:(\d+(?:\.\d+)?)\s*m(?:in(?:utes?|s)?)?)?\s*"
    r"(?:(\d+(?:\.\d+)?)\s*s(?:ec(?:onds?|s)?)?)?\s*$"
)
_PACE = re.compile(r"^\s*(.+?)\s*(?:min)?\s*/\s*(km|k|mi|mile)\s*$")


def _clean(text: str) -> str:
    return text.strip().lower().replace(",", ".")


def parse_distance(text: str, *, what: str = "distance") -> float:
    """Parse a distance such as ``5k``, ``half``, ``5mi``, ``21.0975km`` or ``400m``; return metres.

    A bare number is rejected because its unit would be a guess. ``what`` names the input in the
    error message (for example ``"--weekly-volume"``).
    """
    raw = text
    t = _clean(text).replace(" ", "")
    if not t:
        raise InputError(f"{what} is empty: give a distance such as 10k, 5mi, 400m or half.")
    if t in _DISTANCE_ALIASES:
        return RACE_DISTANCES_M[_DISTANCE_ALIASES[t]]
    if t in RACE_DISTANCES_M:
        return RACE_DISTANCES_M[t]
    m = _NUMBER_UNIT.match(t)
    if m is None:
        if re.fullmatch(r"\d+(\.\d*)?", t):
            raise InputError(f"{what} {raw!r} has no unit: write it as {t}km, {t}mi or {t}m.")
        raise InputError(
            f"{what} {raw!r} is not a distance: use a number with km, mi or m "
            "(e.g. 10k, 5mi, 400m) or a race name (half, marathon)."
        )
    value = float(m.group(1))
    unit = m.group(2)
    factor = _UNIT_FACTORS_M.get(unit)
    if factor is None:
        raise InputError(f"{what} {raw!r} has an unknown unit {unit!r}: use km, mi or m.")
    metres = value * factor
    if not math.isfinite(metres) or metres <= 0:
        raise InputError(f"{what} {raw!r} must be greater than zero.")
    return metres


def parse_duration(text: str, *, what: str = "time") -> float:
    """Parse a duration such as ``45:00``, ``1:45:00``, ``3h05m`` or ``90s``; return seconds.

    ``mm:ss`` and ``h:mm:ss`` need seconds (and minutes after hours) below 60. A bare number such
    as ``4500`` is rejected: it could be seconds, minutes or a mistyped ``45:00``.
    """
    raw = text
    t = _clean(text)
    if not t:
        raise InputError(f"{what} is empty: give a time such as 45:00, 1:45:00 or 3h05m.")
    clock = _CLOCK.match(t)
    if clock is not None:
        hours_s, minutes_s, seconds_s = clock.groups()
        minutes, seconds = int(minutes_s), float(seconds_s)
        if seconds >= 60:
            raise InputError(f"{what} {raw!r} has {seconds:g} seconds; seconds must be below 60.")
        if hours_s is not None and minutes >= 60:
            raise InputError(f"{what} {raw!r} has {minutes} minutes; minutes must be below 60.")
        total = (int(hours_s) if hours_s else 0) * 3600 + minutes * 60 + seconds
    elif re.fullmatch(r"\d+(\.\d*)?", t):
        raise InputError(
            f"{what} {raw!r} is ambiguous: write it as mm:ss or h:mm:ss "
            "(e.g. 45:00 or 1:15:00), or with units (3h05m, 90s)."
        )
    else:
        hms = _HMS.match(t.replace(" ", ""))
        if hms is None or not any(hms.groups()):
            raise InputError(f"{what} {raw!r} is not a time: use mm:ss, h:mm:ss or 3h05m.")
        h, mnt, s = (float(g) if g else 0.0 for g in hms.groups())
        total = h * 3600 + mnt * 60 + s
    if total <= 0:
        raise InputError(f"{what} {raw!r} must be longer than zero.")
    return total


def parse_pace(text: str, *, what: str = "pace") -> float:
    """Parse a pace such as ``4:30/km`` or ``7:15/mi``; return seconds per kilometre."""
    raw = text
    m = _PACE.match(_clean(text))
    if m is None:
        raise InputError(f"{what} {raw!r} is not a pace: write it as 4:30/km or 7:15/mi.")
    seconds = parse_duration(m.group(1), what=what)
    unit = m.group(2)
    per_m = METRES_PER_MILE if unit in ("mi", "mile") else METRES_PER_KM
    return seconds * METRES_PER_KM / per_m


@dataclass(frozen=True, slots=True)
class RaceTime:
    """A race distance and the time it took. Metres and seconds."""

    distance_m: float
    time_s: float
    label: str

    @property
    def speed_m_per_s(self) -> float:
        """Average speed in metres per second."""
        return self.distance_m / self.time_s


def race_label(distance_m: float) -> str:
    """Canonical name of a race distance (``5k``, ``half``, ...) or ``'<km>km'`` if unnamed."""
    for name, metres in RACE_DISTANCES_M.items():
        if abs(metres - distance_m) < 0.5:
            return name
    return f"{distance_m / 1000:g}km"


def parse_race(text: str, *, what: str = "race") -> RaceTime:
    """Parse a race result such as ``10k=45:00`` or ``half=1:45:00``."""
    raw = text
    if "=" not in text:
        raise InputError(
            f"{what} {raw!r} needs a distance and a time joined by '=', e.g. 10k=45:00."
        )
    dist_text, time_text = text.split("=", 1)
    distance_m = parse_distance(dist_text, what=f"{what} distance in {raw!r}:")
    time_s = parse_duration(time_text, what=f"{what} time in {raw!r}:")
    return RaceTime(distance_m=distance_m, time_s=time_s, label=race_label(distance_m))


def parse_units(text: str, *, what: str = "--units") -> Units:
    """Parse a unit system: ``km`` or ``mi`` (``miles``, ``metric``, ``imperial`` accepted)."""
    t = _clean(text)
    if t in ("km", "metric", "k", "kilometres", "kilometers"):
        return "km"
    if t in ("mi", "mile", "miles", "imperial"):
        return "mi"
    raise InputError(f"{what} {text!r} is not a unit system: use km or mi.")


def metres_per_unit(units: Units) -> float:
    """Metres in one display unit (1000 for km, 1609.344 for mi)."""
    return METRES_PER_MILE if units == "mi" else METRES_PER_KM


def format_duration(seconds: float, *, decimals: int = 0) -> str:
    """Format seconds as ``h:mm:ss`` (or ``m:ss`` under an hour), rounding to ``decimals``."""
    if not math.isfinite(seconds):
        return "—"
    sign = "-" if seconds < 0 else ""
    scale = 10**decimals
    total = round(abs(seconds) * scale) / scale
    hours = int(total // 3600)
    minutes = int((total - hours * 3600) // 60)
    secs = total - hours * 3600 - minutes * 60
    sec_text = f"{secs:0{3 + decimals}.{decimals}f}" if decimals else f"{round(secs):02d}"
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{sec_text}"
    return f"{sign}{minutes}:{sec_text}"


def format_pace(seconds_per_km: float, units: Units = "km") -> str:
    """Format a pace given in seconds per km as ``4:30/km`` or ``7:15/mi``."""
    per_unit = seconds_per_km * metres_per_unit(units) / METRES_PER_KM
    return f"{format_duration(per_unit)}/{units}"


def format_distance(metres: float, units: Units = "km", *, decimals: int = 1) -> str:
    """Format metres as ``12.5 km`` or ``7.8 mi``."""
    return f"{metres / metres_per_unit(units):.{decimals}f} {units}"


def to_units(metres: float, units: Units) -> float:
    """Convert metres to the display unit (km or mi)."""
    return metres / metres_per_unit(units)


def parse_date(text: str, *, what: str = "date") -> date:
    """Parse an ISO calendar date ``YYYY-MM-DD`` (the only format runcoach accepts: unambiguous)."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{what} {text!r} is not a date: write it as YYYY-MM-DD.") from None
