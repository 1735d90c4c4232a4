"""Jack Daniels' VDOT: fitness from a race, equivalent race times and training paces.

Source: Daniels & Gilbert, *Oxygen Power: Performance Tables for Distance Runners* (1979): the
oxygen-cost and sustainable-fraction equations (COACHING.md Part B §1.1–1.3).
Training paces are pinned to the **3rd edition** of *Daniels' Running Formula* (2014), tables
5.2/5.3: E is a range (fast end 73.5 %, slow end 63 % of VDOT), M is the marathon-equivalent race
pace, T 88 %, I 97.5 %, and R is 6 s per 400 m faster than I (8 s below VDOT 45, blended linearly
between 45 and 50 so that paces stay monotonic) — COACHING.md Part B §1.4.

Units: distances in metres, times in seconds, paces in seconds per kilometre.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from runcoach.domain.errors import InputError
from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M, RACE_DISTANCES_M, format_duration

#: The model is calibrated on races of about 3.5 minutes to a few hours.
MIN_RACE_S = 180.0
MIN_RACE_M = 1200.0
#: Faster than any human over 1200 m or more (the 400 m world record is ≈ 9.3 m/s).
MAX_SPEED_M_PER_S = 10.0
#: Daniels' tables span VDOT 30–85; the equations are used a little beyond that.
MIN_VDOT = 15.0
MAX_VDOT = 95.0

E_FAST_FRACTION = 0.735
E_SLOW_FRACTION = 0.63
T_FRACTION = 0.88
I_FRACTION = 0.975

#: Race distances shown as equivalents, in order (name -> metres).
EQUIVALENT_DISTANCES_M: dict[str, float] = {
    name: RACE_DISTANCES_M[name]
    for name in ("1500m", "mile", "5k", "10k", "15k", "half", "marathon")
}


def oxygen_cost(speed_m_per_min: float) -> float:
    """Oxygen cost of running at a speed in metres per minute, in mL/kg/min.

    Source: Daniels & Gilbert 1979: VO2 = −4.60 + 0.182258·v + 0.000104·v².
    """
    v = speed_m_per_min
    return -4.60 + 0.182258 * v + 0.000104 * v * v


def sustainable_fraction(minutes: float) -> float:
    """Fraction of VO2max that can be sustained for a race of ``minutes`` minutes.

    Source: Daniels & Gilbert 1979:
    %max = 0.8 + 0.1894393·e^(−0.012778·t) + 0.2989558·e^(−0.1932605·t).
    """
    t = minutes
    return 0.8 + 0.1894393 * math.exp(-0.012778 * t) + 0.2989558 * math.exp(-0.1932605 * t)


def speed_for_oxygen_cost(vo2: float) -> float:
    """Speed in metres per minute whose oxygen cost is ``vo2`` (exact inverse, positive root)."""
    a, b, c = 0.000104, 0.182258, -4.60 - vo2
    return (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)


def _vdot_raw(distance_m: float, time_s: float) -> float:
    minutes = time_s / 60.0
    return oxygen_cost(distance_m / minutes) / sustainable_fraction(minutes)


def vdot_from_race(distance_m: float, time_s: float) -> float:
    """VDOT from a race of ``distance_m`` metres run in ``time_s`` seconds.

    Source: Daniels & Gilbert 1979 (VDOT = VO2(d/t) / %max(t)). Races shorter than 3 minutes or
    1200 m, and results outside VDOT 15–95 (not a plausible race for a runner), are rejected.
    """
    if not (math.isfinite(distance_m) and math.isfinite(time_s)) or distance_m <= 0 or time_s <= 0:
        raise InputError("a race needs a positive distance and time.")
    if distance_m >= MIN_RACE_M and distance_m / time_s > MAX_SPEED_M_PER_S:
        raise InputError(
            f"{distance_m / 1000:g} km in {format_duration(time_s)} would be faster than the world "
            "record; check the time."
        )
    if distance_m < MIN_RACE_M or time_s < MIN_RACE_S:
        raise InputError(
            f"a {distance_m:g} m race in {time_s:g} s is too short for the VDOT model "
            "(it needs at least 1200 m and 3 minutes)."
        )
    value = _vdot_raw(distance_m, time_s)
    if value > MAX_VDOT:
        raise InputError(
            f"{distance_m / 1000:g} km in {format_duration(time_s)} would be faster than the world record "
            f"(VDOT {value:.0f}); check the time."
        )
    if value < MIN_VDOT:
        raise InputError(
            f"{distance_m / 1000:g} km in {format_duration(time_s)} is slower than walking pace for the "
            "VDOT model; log it as a run/walk instead of a race."
        )
    return value


def equivalent_time(vdot: float, distance_m: float) -> float:
    """Race time in seconds over ``distance_m`` metres for a runner of the given VDOT.

    Solves VO2(d/t)/%max(t) = VDOT by bisection over 1–1000 minutes; the left side decreases
    monotonically in t, so bisection always converges (COACHING.md §1.3).
    """
    lo, hi = 1.0, 1000.0
    for _ in range(100):
        mid = (lo + hi) / 2
        if _vdot_raw(distance_m, mid * 60) > vdot:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2 * 60


def pace_at_fraction(vdot: float, fraction: float) -> float:
    """Pace in seconds per km at ``fraction`` of VDOT (e.g. 0.88 for threshold)."""
    return 60000.0 / speed_for_oxygen_cost(vdot * fraction)


def repetition_offset_s_per_400(vdot: float) -> float:
    """Seconds per 400 m that R pace is faster than I pace.

    Source: Daniels' "6-second rule" (R400 = I400 − 6 s), 7–8 s for VDOT below 50; COACHING.md
    §1.4 and the 3rd-edition table (8 s at VDOT ≤ 45, 6 s at ≥ 50). Blended linearly between
    45 and 50 so that R pace gets faster whenever VDOT rises.
    """
    if vdot <= 45:
        return 8.0
    if vdot >= 50:
        return 6.0
    return 8.0 - 2.0 * (vdot - 45) / 5


@dataclass(frozen=True, slots=True)
class TrainingPaces:
    """Daniels training paces in seconds per kilometre (3rd edition)."""

    vdot: float
    easy_fast: float
    easy_slow: float
    marathon: float
    threshold: float
    interval: float
    repetition: float

    def as_dict(self) -> dict[str, float]:
        """The paces keyed as in the ``runcoach.plan/1`` contract (``paces_s_per_km``)."""
        return {
            "easy_fast": self.easy_fast,
            "easy_slow": self.easy_slow,
            "marathon": self.marathon,
            "threshold": self.threshold,
            "interval": self.interval,
            "repetition": self.repetition,
        }


def training_paces(vdot: float) -> TrainingPaces:
    """Training paces (s/km) for a VDOT, pinned to Daniels' Running Formula, 3rd edition.

    Source: COACHING.md §1.4: E 73.5–63 %, M = marathon-equivalent pace, T 88 %, I 97.5 %,
    R = I − 6 s/400 m (− 8 s below VDOT 45). Tolerance against the printed table: ±5 s/km.
    """
    if not (MIN_VDOT <= vdot <= MAX_VDOT):
        raise InputError(f"VDOT {vdot:g} is outside the model's range {MIN_VDOT:g}–{MAX_VDOT:g}.")
    interval = pace_at_fraction(vdot, I_FRACTION)
    repetition = interval - repetition_offset_s_per_400(vdot) * 2.5
    return TrainingPaces(
        vdot=vdot,
        easy_fast=pace_at_fraction(vdot, E_FAST_FRACTION),
        easy_slow=pace_at_fraction(vdot, E_SLOW_FRACTION),
        marathon=equivalent_time(vdot, MARATHON_M) / (MARATHON_M / 1000),
        threshold=pace_at_fraction(vdot, T_FRACTION),
        interval=interval,
        repetition=repetition,
    )


def equivalent_times(vdot: float) -> dict[str, float]:
    """Equivalent race times in seconds for the standard distances (1500 m to marathon)."""
    return {name: equivalent_time(vdot, metres) for name, metres in EQUIVALENT_DISTANCES_M.items()}


def marathon_equivalent(vdot: float) -> float:
    """Marathon-equivalent time in seconds for a VDOT."""
    return equivalent_time(vdot, MARATHON_M)


def half_equivalent(vdot: float) -> float:
    """Half-marathon-equivalent time in seconds for a VDOT."""
    return equivalent_time(vdot, HALF_MARATHON_M)


#: Days off that cost nothing, the daily loss and the floor (Daniels' V.O2 table, COACHING §1.6).
TIME_OFF_FREE_DAYS = 5
TIME_OFF_DAILY_LOSS = 0.003
TIME_OFF_DAILY_LOSS_CROSS_TRAINED = 0.0015
TIME_OFF_FLOOR = 0.80
TIME_OFF_FLOOR_CROSS_TRAINED = 0.90


def time_off_factor(days: float, cross_trained: bool = False) -> float:
    """Factor to multiply the pre-break VDOT by after ``days`` days without running.

    FVDOT-1 = max(0.80, 1 − 0.003·(days − 5)) without cross-training and FVDOT-2 =
    max(0.90, 1 − 0.0015·(days − 5)) with it; 1.0 for 5 days or fewer.
    Source: Daniels' V.O2 blog, "VDOT adjustments for time off" (2018), linear in days as checked
    against every printed row (COACHING.md Part B §1.6; its 42-day FVDOT-2 "0.994" is a typo for 0.944).
    """
    if not math.isfinite(days) or days < 0:
        raise InputError(f"days off {days:g} must be zero or more.")
    if days <= TIME_OFF_FREE_DAYS:
        return 1.0
    if cross_trained:
        loss, floor = TIME_OFF_DAILY_LOSS_CROSS_TRAINED, TIME_OFF_FLOOR_CROSS_TRAINED
    else:
        loss, floor = TIME_OFF_DAILY_LOSS, TIME_OFF_FLOOR
    return max(floor, 1.0 - loss * (days - TIME_OFF_FREE_DAYS))
