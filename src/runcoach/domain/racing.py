"""Race-day arithmetic: pacing tables (even or negative split) and fuelling by body mass.

Units: distances in metres, times in seconds, paces in seconds per kilometre, body mass in kg,
carbohydrate in grams, fluid in millilitres.
Source: COACHING.md Part B §8 (Burke, Hawley, Wong & Jeukendrup 2011; GSSI 2022; Jeukendrup,
GSSI SSE 108; ACSM position stand, Sawka et al. 2007).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from runcoach.domain.errors import InputError
from runcoach.domain.units import Units, metres_per_unit

Split = Literal["even", "negative"]
SPLITS: tuple[Split, ...] = ("even", "negative")

KG_PER_LB = 0.45359237
MIN_MASS_KG = 25.0
MAX_MASS_KG = 250.0

#: Default negative split: the second half this % faster than the first (a coaching convention,
#: not a published number; the user may change it).
DEFAULT_NEGATIVE_SPLIT_PCT = 1.0
MAX_NEGATIVE_SPLIT_PCT = 10.0

# Fuelling numbers, COACHING.md §8.
CARB_LOAD_G_PER_KG_DAY = (10.0, 12.0)
CARB_LOAD_HOURS = (36.0, 48.0)
CARB_LOAD_FROM_S = 90 * 60
PRE_RACE_G_PER_KG = (1.0, 4.0)
PRE_RACE_HOURS_BEFORE = (1.0, 4.0)
PRE_RACE_FROM_S = 60 * 60
IN_RACE_G_PER_H_MODERATE = (30.0, 60.0)
IN_RACE_G_PER_H_LONG = (60.0, 90.0)
IN_RACE_FROM_S = 60 * 60
IN_RACE_LONG_FROM_S = 2 * 3600
MAX_BODY_MASS_LOSS = 0.02
PRE_HYDRATION_ML_PER_KG = (5.0, 7.0)
GEL_G = 25.0

_MASS = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(kg|kgs|kilos?|kilograms?|lb|lbs|pounds?)\s*$", re.I)


def parse_mass(text: str, *, what: str = "--weight") -> float:
    """Parse a body mass such as ``64kg`` or ``141lb``; return kilograms (25–250 kg)."""
    m = _MASS.match(text)
    if m is None:
        if re.fullmatch(r"\s*\d+(?:[.,]\d+)?\s*", text):
            raise InputError(
                f"{what} {text!r} has no unit: write it as {text.strip()}kg or {text.strip()}lb."
            )
        raise InputError(f"{what} {text!r} is not a body mass: write it as 64kg or 141lb.")
    value = float(m.group(1).replace(",", "."))
    kg = value * (KG_PER_LB if m.group(2).lower().startswith(("lb", "pound")) else 1.0)
    if not MIN_MASS_KG <= kg <= MAX_MASS_KG:
        raise InputError(
            f"{what} {text!r} is not a plausible body mass (give 25–250 kg or 55–550 lb)."
        )
    return kg


@dataclass(frozen=True, slots=True)
class SplitMark:
    """One line of a pacing table: the mark (metres from the start), the elapsed time at it and
    the pace of the segment that ends there (s/km)."""

    distance_m: float
    elapsed_s: float
    pace_s_per_km: float


def half_paces(
    distance_m: float, goal_time_s: float, split: Split, negative_split_pct: float
) -> tuple[float, float]:
    """Paces (s/km) of the first and second half for an even or negative split.

    Negative: the second half is ``negative_split_pct`` % faster per km than the first, and the
    two halves add up to the goal time: p1 = 2T / (D (2 − x)), p2 = p1 (1 − x), x = pct / 100.
    """
    if split not in SPLITS:
        raise InputError(f"--split {split!r} is not one of even or negative.")
    km = distance_m / 1000.0
    if split == "even":
        pace = goal_time_s / km
        return pace, pace
    if not 0 < negative_split_pct <= MAX_NEGATIVE_SPLIT_PCT:
        raise InputError(
            f"negative split {negative_split_pct:g} % must be above 0 and at most "
            f"{MAX_NEGATIVE_SPLIT_PCT:g} %."
        )
    x = negative_split_pct / 100.0
    first = 2 * goal_time_s / (km * (2 - x))
    return first, first * (1 - x)


def pacing_table(
    distance_m: float,
    goal_time_s: float,
    *,
    units: Units = "km",
    split: Split = "even",
    negative_split_pct: float = DEFAULT_NEGATIVE_SPLIT_PCT,
) -> list[SplitMark]:
    """Elapsed time at every kilometre or mile and at the finish, for an even or negative split.

    The halfway mark is included. Source: arithmetic (the goal time spread over the distance);
    the size of a negative split is a coaching convention (default 1 %), not a published rule.
    """
    if not math.isfinite(distance_m) or distance_m <= 0:
        raise InputError("the race distance must be longer than zero.")
    if not math.isfinite(goal_time_s) or goal_time_s <= 0:
        raise InputError("the goal time must be longer than zero.")
    first, second = half_paces(distance_m, goal_time_s, split, negative_split_pct)
    half = distance_m / 2

    def elapsed(at_m: float) -> float:
        if at_m <= half:
            return at_m / 1000.0 * first
        return half / 1000.0 * first + (at_m - half) / 1000.0 * second

    step = metres_per_unit(units)
    marks = [step * i for i in range(1, int(distance_m / step + 1e-9) + 1)]
    marks = [m for m in marks if m < distance_m - 0.5]
    if all(abs(m - half) > 0.5 for m in marks):
        marks.append(half)
    marks.append(distance_m)
    marks.sort()
    out = []
    previous_m, previous_s = 0.0, 0.0
    for mark in marks:
        t = elapsed(mark)
        out.append(
            SplitMark(
                distance_m=mark,
                elapsed_s=t,
                pace_s_per_km=(t - previous_s) / ((mark - previous_m) / 1000.0),
            )
        )
        previous_m, previous_s = mark, t
    return out


@dataclass(frozen=True, slots=True)
class Fuelling:
    """Carbohydrate and fluid guidance for one race, in grams, grams per hour and millilitres.

    A ``None`` range means the guidance does not apply to a race of this duration.
    """

    body_mass_kg: float
    race_time_s: float
    carb_load_g_per_day: tuple[float, float] | None
    carb_load_total_g: tuple[float, float] | None
    pre_race_meal_g: tuple[float, float] | None
    in_race_g_per_hour: tuple[float, float] | None
    in_race_total_g: tuple[float, float] | None
    gels_25g: tuple[int, int] | None
    max_fluid_loss_kg: float
    pre_hydration_ml: tuple[float, float]
    advice: tuple[str, ...]


def fuelling(body_mass_kg: float, race_time_s: float) -> Fuelling:
    """Carbohydrate loading, pre-race meal, in-race carbohydrate and fluid for a race.

    - Loading: 10–12 g/kg/day for the last 36–48 h before races over 90 min (Burke et al. 2011).
    - Pre-race meal: 1–4 g/kg, 1–4 h before races over 60 min (GSSI 2022).
    - In race: 30–60 g/h for 1–2 h; 60–90 g/h from 2 h, the upper end only as glucose+fructose
      (~2:1) practised in training (GSSI 2022; Jeukendrup, GSSI SSE 108).
    - Fluid: drink to keep body-mass loss under 2 % and never gain weight; 5–7 mL/kg about 4 h
      before; sodium-containing drinks when over 1 h (ACSM, Sawka et al. 2007).
    Source: COACHING.md Part B §8.
    """
    if not MIN_MASS_KG <= body_mass_kg <= MAX_MASS_KG:
        raise InputError(f"body mass {body_mass_kg:g} kg is outside 25–250 kg.")
    if not math.isfinite(race_time_s) or race_time_s <= 0:
        raise InputError("the race time must be longer than zero.")
    hours = race_time_s / 3600.0
    advice: list[str] = []
    load_day = load_total = None
    if race_time_s > CARB_LOAD_FROM_S:
        load_day = (
            CARB_LOAD_G_PER_KG_DAY[0] * body_mass_kg,
            CARB_LOAD_G_PER_KG_DAY[1] * body_mass_kg,
        )
        load_total = (
            load_day[0] * CARB_LOAD_HOURS[0] / 24.0,
            load_day[1] * CARB_LOAD_HOURS[1] / 24.0,
        )
        advice.append(
            "Carbohydrate loading: eat 10–12 g per kg per day for the last 36–48 hours, with "
            "training reduced; most runners eat too little (Burke et al. 2011)."
        )
    else:
        advice.append(
            "No carbohydrate loading needed for a race under 90 minutes: eat your usual "
            "carbohydrate-rich meals the day before."
        )
    pre = None
    if race_time_s > PRE_RACE_FROM_S:
        pre = (PRE_RACE_G_PER_KG[0] * body_mass_kg, PRE_RACE_G_PER_KG[1] * body_mass_kg)
        advice.append(
            "Pre-race meal: 1–4 g carbohydrate per kg, 1–4 hours before the start (less food the "
            "closer to the start), foods you have tried in training (GSSI 2022)."
        )
    rate = total = gels = None
    if race_time_s >= IN_RACE_FROM_S:
        rate = (
            IN_RACE_G_PER_H_LONG if race_time_s >= IN_RACE_LONG_FROM_S else IN_RACE_G_PER_H_MODERATE
        )
        total = (rate[0] * hours, rate[1] * hours)
        gels = (math.ceil(total[0] / GEL_G), math.ceil(total[1] / GEL_G))
        if race_time_s >= IN_RACE_LONG_FROM_S:
            advice.append(
                "In the race: 60–90 g carbohydrate per hour from the start; above 60 g/h only as a "
                "glucose+fructose mix (about 2:1) that you have practised in long runs "
                "(Jeukendrup, GSSI SSE 108)."
            )
        else:
            advice.append(
                "In the race: 30–60 g carbohydrate per hour, any glucose-based source (GSSI 2022)."
            )
    else:
        advice.append("Under an hour the sources make no in-race carbohydrate recommendation.")
    advice += [
        f"Fluid: drink to lose no more than 2 % of body mass ({MAX_BODY_MASS_LOSS * body_mass_kg:.1f} kg) "
        "and never so much that you gain weight; learn your sweat rate by weighing yourself before "
        "and after a long run (ACSM 2007).",
        "About 4 hours before: 5–7 mL of fluid per kg; in races over an hour prefer drinks with "
        "sodium — plain water in excess risks hyponatraemia.",
    ]
    return Fuelling(
        body_mass_kg=body_mass_kg,
        race_time_s=race_time_s,
        carb_load_g_per_day=load_day,
        carb_load_total_g=load_total,
        pre_race_meal_g=pre,
        in_race_g_per_hour=rate,
        in_race_total_g=total,
        gels_25g=gels,
        max_fluid_loss_kg=MAX_BODY_MASS_LOSS * body_mass_kg,
        pre_hydration_ml=(
            PRE_HYDRATION_ML_PER_KG[0] * body_mass_kg,
            PRE_HYDRATION_ML_PER_KG[1] * body_mass_kg,
        ),
        advice=tuple(advice),
    )


def sweat_rate_l_per_h(
    mass_before_kg: float, mass_after_kg: float, drunk_l: float, duration_s: float
) -> float:
    """Sweat rate in litres per hour from weighing before and after a run.

    (mass before − mass after + fluid drunk) / hours, 1 kg of mass ≈ 1 L of sweat.
    Source: ACSM position stand, Sawka et al. 2007 (COACHING.md §8).
    """
    if duration_s <= 0 or drunk_l < 0:
        raise InputError("the run needs a positive duration and a fluid intake of zero or more.")
    return (mass_before_kg - mass_after_kg + drunk_l) / (duration_s / 3600.0)
