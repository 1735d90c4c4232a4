"""Race-time prediction: Riegel, Cameron, Daniels VDOT, Tanda and a recreational marathon model.

Every prediction is a :class:`Prediction`: a point (the median expectation) and an 80 % prediction
interval (``low_seconds``..``high_seconds``) calibrated on real recreational runners, so that about
8 in 10 real results fall inside it. The calibration and the held-out errors are in
``docs/prediction-report.md``; the fitting code is ``bench/fit_marathon_model.py``.

The recreational marathon model corrects the Daniels equivalent for the fact that recreational
runners run marathons slower than their 5K/10K suggests, less so the more they train:

    T = T_daniels · (42195 / D_race) ^ (alpha + beta · ln(V / 80 km))

with V the peak weekly training distance (clipped to the data's 5th–95th percentiles).

Units: distances in metres, times in seconds, paces in seconds per kilometre.
Source: COACHING.md Part B §2 (Riegel 1977/1981, Cameron 1998, Tanda 2011, Vickers & Vertosick
2016); coefficients fitted here on the Vickers & Vertosick survey data (CC BY).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from runcoach.domain.errors import InputError
from runcoach.domain.units import MARATHON_M, format_distance
from runcoach.domain.vdot import equivalent_time, vdot_from_race

#: Riegel's fatigue exponent (Riegel 1981).
RIEGEL_EXPONENT = 1.06

#: Targets this long or longer get the recreational marathon correction (metres).
MARATHON_CORRECTION_FROM_M = 40_000.0
MIN_TARGET_M = 1500.0
MAX_TARGET_M = MARATHON_M * 1.001
MAX_WEEKLY_M = 400_000.0

# --- Recreational marathon model (bench/fit_marathon_model.py; docs/prediction-report.md) -------
# Vickers & Vertosick 2016 survey: 270 runners (296 race rows) with a recent 5K and/or 10K, their
# marathon time and their peak weekly distance. Median (LAD) regression on all rows.
#: Extra exponent of the distance ratio at the reference volume (dimensionless).
REC_ALPHA = 0.03741
#: Change of that exponent per unit of ln(volume / 80 km) (dimensionless).
REC_BETA = -0.04645
#: Reference peak weekly distance (metres): the median of the data.
REC_VOLUME_REF_M = 80_000.0
#: Peak weekly distances outside the data's 5th–95th percentiles are clipped (metres).
REC_VOLUME_MIN_M = 48_300.0
REC_VOLUME_MAX_M = 160_900.0
#: The same model without volume (used when the weekly distance is unknown).
REC_ALPHA_NO_VOLUME = 0.0305

# --- 80 % interval calibration: 10th and 90th percentiles of ln(actual / predicted) ---------------
#: Recreational model, out-of-fold residuals of 5-fold cross-validation by runner.
REC_INTERVAL = (-0.0833, 0.0935)
REC_INTERVAL_NO_VOLUME = (-0.0757, 0.1169)
#: Plain formulas between 5K and 10K (710 predictions, both directions; distance ratio 2).
SHORT_INTERVALS: dict[str, tuple[float, float]] = {
    "riegel": (-0.0876, 0.0876),
    "cameron": (-0.0884, 0.0884),
    "daniels_vdot": (-0.0888, 0.0890),
}
SHORT_CALIBRATION_RATIO = 2.0
#: Plain formulas from a 5K/10K to the marathon (296 predictions; ratios 4.2–8.4).
MARATHON_INTERVALS: dict[str, tuple[float, float]] = {
    "riegel": (-0.0186, 0.1726),
    "cameron": (-0.0364, 0.1547),
    "daniels_vdot": (-0.0167, 0.1751),
}
MARATHON_CALIBRATION_RATIO = MARATHON_M / 5000.0
#: Tanda 2011 on the Prague 2017 marathon (61 runners; the model was fitted elsewhere).
TANDA_INTERVAL = (-0.0875, 0.0725)

METHOD_LABELS: dict[str, str] = {
    "riegel": "Riegel",
    "cameron": "Cameron",
    "daniels_vdot": "Daniels VDOT",
    "recreational_marathon": "Recreational marathon (VDOT + volume)",
    "recreational_marathon_no_volume": "Recreational marathon (VDOT, volume unknown)",
    "tanda": "Tanda (volume + training pace)",
}


@dataclass(frozen=True, slots=True)
class Prediction:
    """A predicted race time in seconds with its 80 % prediction interval and the method used."""

    seconds: float
    low_seconds: float
    high_seconds: float
    method: str


# --- point formulas ----------------------------------------------------------------------------


def riegel(time_s: float, from_m: float, to_m: float, exponent: float = RIEGEL_EXPONENT) -> float:
    """Riegel's prediction in seconds: T2 = T1 · (D2 / D1)^exponent.

    Source: Riegel, Runner's World 1977 and American Scientist 1981 (COACHING.md §2.1); 1.07–1.15
    fits recreational half → marathon better (§2.2).
    """
    return time_s * math.pow(to_m / from_m, exponent)


def _cameron_factor(metres: float) -> float:
    return 13.49681 - 0.000030363 * metres + 835.7114 / math.pow(metres, 0.7905)


def cameron(time_s: float, from_m: float, to_m: float) -> float:
    """Cameron's prediction in seconds: T2 = T1/D1 · D2 · a(D1)/a(D2).

    Source: Dave Cameron 1998, a(x) = 13.49681 − 0.000030363·x + 835.7114 / x^0.7905, x in
    metres (COACHING.md §2.3).
    """
    return time_s / from_m * to_m * _cameron_factor(from_m) / _cameron_factor(to_m)


def daniels(time_s: float, from_m: float, to_m: float) -> float:
    """Daniels–Gilbert equivalent time in seconds (the race's VDOT run over ``to_m`` metres).

    Source: Daniels & Gilbert 1979 (COACHING.md §1.2–1.3).
    """
    return equivalent_time(vdot_from_race(from_m, time_s), to_m)


def recreational_exponent(weekly_distance_m: float | None) -> float:
    """Extra distance-ratio exponent of recreational marathoners for a peak weekly distance (m).

    Source: fitted on Vickers & Vertosick 2016 (docs/prediction-report.md).
    """
    if weekly_distance_m is None:
        return REC_ALPHA_NO_VOLUME
    volume = min(max(weekly_distance_m, REC_VOLUME_MIN_M), REC_VOLUME_MAX_M)
    return REC_ALPHA + REC_BETA * math.log(volume / REC_VOLUME_REF_M)


def recreational_marathon(
    time_s: float, from_m: float, weekly_distance_m: float | None = None
) -> float:
    """Marathon time in seconds for a recreational runner, from a shorter race and weekly volume.

    T = T_daniels · (42195 / D)^(alpha + beta·ln(V / 80 km)); a race of marathon length or longer
    gets no correction. ``weekly_distance_m`` is the peak weekly training distance in metres
    (the data's measure); a lower current average gives a more cautious prediction.
    Source: fitted on Vickers & Vertosick 2016 (docs/prediction-report.md).
    """
    base = daniels(time_s, from_m, MARATHON_M)
    ratio = max(MARATHON_M / from_m, 1.0)
    return base * math.pow(ratio, recreational_exponent(weekly_distance_m))


def tanda_marathon(weekly_distance_m: float, training_pace_s_per_km: float) -> float:
    """Tanda's marathon time in seconds from 8 weeks of training.

    Pm [s/km] = 17.1 + 140.0·exp(−0.0053·K) + 0.55·P, with K the mean weekly distance in km and P
    the mean training pace in s/km. Source: Tanda 2011, J Hum Sport Exerc 6(3),
    doi:10.4100/jhse.2011.63.05 (COACHING.md §2.2).
    """
    _check_weekly(weekly_distance_m)
    if not 150.0 <= training_pace_s_per_km <= 900.0:
        raise InputError(
            f"training pace {training_pace_s_per_km:.0f} s/km is outside 2:30–15:00 per km."
        )
    km = weekly_distance_m / 1000.0
    pace = 17.1 + 140.0 * math.exp(-0.0053 * km) + 0.55 * training_pace_s_per_km
    return pace * MARATHON_M / 1000.0


# --- predictions with ranges ---------------------------------------------------------------------


def _interval(point: float, bounds: tuple[float, float], scale: float, method: str) -> Prediction:
    low, high = bounds
    return Prediction(
        seconds=point,
        low_seconds=point * math.exp(low * scale),
        high_seconds=point * math.exp(high * scale),
        method=method,
    )


def _scale(from_m: float, to_m: float, calibration_ratio: float) -> float:
    """Widen the interval (square-root law) beyond the distance ratios it was calibrated on."""
    log_ratio = abs(math.log(to_m / from_m))
    return math.sqrt(max(1.0, log_ratio / math.log(calibration_ratio)))


def _formula_prediction(method: str, point: float, from_m: float, to_m: float) -> Prediction:
    if to_m >= MARATHON_CORRECTION_FROM_M and from_m < to_m:
        scale = _scale(from_m, to_m, MARATHON_CALIBRATION_RATIO)
        return _interval(point, MARATHON_INTERVALS[method], scale, method)
    scale = _scale(from_m, to_m, SHORT_CALIBRATION_RATIO)
    return _interval(point, SHORT_INTERVALS[method], scale, method)


def predict_riegel(
    time_s: float, from_m: float, to_m: float, exponent: float = RIEGEL_EXPONENT
) -> Prediction:
    """Riegel's point with an 80 % interval (the interval is calibrated for exponent 1.06)."""
    _check_race(from_m, time_s)
    _check_target(to_m)
    return _formula_prediction("riegel", riegel(time_s, from_m, to_m, exponent), from_m, to_m)


def predict_cameron(time_s: float, from_m: float, to_m: float) -> Prediction:
    """Cameron's point with a calibrated 80 % interval."""
    _check_race(from_m, time_s)
    _check_target(to_m)
    return _formula_prediction("cameron", cameron(time_s, from_m, to_m), from_m, to_m)


def predict_daniels(time_s: float, from_m: float, to_m: float) -> Prediction:
    """The Daniels VDOT equivalent with a calibrated 80 % interval."""
    _check_race(from_m, time_s)
    _check_target(to_m)
    return _formula_prediction("daniels_vdot", daniels(time_s, from_m, to_m), from_m, to_m)


def predict_recreational_marathon(
    time_s: float, from_m: float, weekly_distance_m: float | None = None
) -> Prediction:
    """The recreational marathon model's point with its cross-validated 80 % interval."""
    _check_race(from_m, time_s)
    if weekly_distance_m is not None:
        _check_weekly(weekly_distance_m)
    point = recreational_marathon(time_s, from_m, weekly_distance_m)
    scale = _scale(from_m, MARATHON_M, MARATHON_CALIBRATION_RATIO)
    if weekly_distance_m is None:
        return _interval(point, REC_INTERVAL_NO_VOLUME, scale, "recreational_marathon_no_volume")
    return _interval(point, REC_INTERVAL, scale, "recreational_marathon")


def predict_tanda(weekly_distance_m: float, training_pace_s_per_km: float) -> Prediction:
    """Tanda's marathon point with an 80 % interval calibrated on the Prague 2017 marathon."""
    point = tanda_marathon(weekly_distance_m, training_pace_s_per_km)
    return _interval(point, TANDA_INTERVAL, 1.0, "tanda")


def nearest_race(
    races: Sequence[tuple[float, float]], target_distance_m: float
) -> tuple[float, float]:
    """The race closest to the target in log distance; among equals, the one with higher VDOT."""
    if not races:
        raise InputError("give at least one recent race (distance and time) to predict from.")
    for distance_m, time_s in races:
        _check_race(distance_m, time_s)
    return min(
        races,
        key=lambda r: (
            round(abs(math.log(target_distance_m / r[0])), 9),
            -vdot_from_race(r[0], r[1]),
        ),
    )


def predict_time(
    races: list[tuple[float, float]],
    target_distance_m: float,
    weekly_distance_m: float | None = None,
) -> Prediction:
    """Predict the time over ``target_distance_m`` metres from recent races.

    ``races`` are ``(distance_m, time_s)`` pairs; the race nearest the target (in log distance) is
    used. Marathon targets (≥ 40 km) from a shorter race use the recreational marathon model, with
    ``weekly_distance_m`` (peak weekly training distance in metres) when given; other targets use
    the Daniels VDOT equivalent, which is well calibrated up to the half marathon (Vickers &
    Vertosick 2016). The result holds the median prediction and an 80 % prediction interval.
    Source: COACHING.md §1.3 and §2; docs/prediction-report.md.
    """
    _check_target(target_distance_m)
    if weekly_distance_m is not None:
        _check_weekly(weekly_distance_m)
    from_m, time_s = nearest_race(races, target_distance_m)
    if target_distance_m >= MARATHON_CORRECTION_FROM_M:
        marathon = predict_recreational_marathon(time_s, from_m, weekly_distance_m)
        if abs(target_distance_m - MARATHON_M) < 1.0:
            return marathon
        factor = daniels(time_s, from_m, target_distance_m) / daniels(time_s, from_m, MARATHON_M)
        return Prediction(
            seconds=marathon.seconds * factor,
            low_seconds=marathon.low_seconds * factor,
            high_seconds=marathon.high_seconds * factor,
            method=marathon.method,
        )
    return predict_daniels(time_s, from_m, target_distance_m)


def compare_predictors(
    races: list[tuple[float, float]],
    target_distance_m: float,
    weekly_distance_m: float | None = None,
    *,
    riegel_exponent: float = RIEGEL_EXPONENT,
    training_pace_s_per_km: float | None = None,
) -> list[Prediction]:
    """Every applicable predictor for the target, from the race nearest to it.

    Riegel, Cameron and Daniels always; the recreational marathon model for marathon targets; Tanda
    for the marathon when the weekly distance and the training pace are both known.
    """
    _check_target(target_distance_m)
    from_m, time_s = nearest_race(races, target_distance_m)
    out = [
        predict_riegel(time_s, from_m, target_distance_m, riegel_exponent),
        predict_cameron(time_s, from_m, target_distance_m),
        predict_daniels(time_s, from_m, target_distance_m),
    ]
    if target_distance_m >= MARATHON_CORRECTION_FROM_M:
        out.append(predict_time(races, target_distance_m, weekly_distance_m))
        if (
            weekly_distance_m is not None
            and training_pace_s_per_km is not None
            and abs(target_distance_m - MARATHON_M) < 1.0
        ):
            out.append(predict_tanda(weekly_distance_m, training_pace_s_per_km))
    return out


# --- validation ----------------------------------------------------------------------------------


def _check_race(distance_m: float, time_s: float) -> None:
    vdot_from_race(distance_m, time_s)


def _check_target(distance_m: float) -> None:
    if not math.isfinite(distance_m) or not MIN_TARGET_M <= distance_m <= MAX_TARGET_M:
        raise InputError(
            f"target distance {format_distance(distance_m, decimals=3)} is outside what the "
            "predictors cover (1500 m to the marathon)."
        )


def _check_weekly(weekly_distance_m: float) -> None:
    if not math.isfinite(weekly_distance_m) or not 0 < weekly_distance_m <= MAX_WEEKLY_M:
        raise InputError(
            f"weekly distance {format_distance(weekly_distance_m)} is not plausible: "
            "give a weekly running distance between 0 and 400 km."
        )
