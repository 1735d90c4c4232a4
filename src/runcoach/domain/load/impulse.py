"""Training impulse of one session: session-RPE load, Banister TRIMP and running TSS.

All functions are vectorised: give numbers or numpy arrays of equal shape. Units: durations in
seconds, distances in metres, heart rates in beats per minute, paces in seconds per kilometre.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np
import numpy.typing as npt

from runcoach.domain.athlete import Sex
from runcoach.domain.errors import InputError
from runcoach.domain.load.series import FloatArray

#: Banister's weighting constants (a, b) in a·e^(b·HRr). Source: COACHING.md Part B §5.5.
TRIMP_MEN = (0.64, 1.92)
TRIMP_WOMEN = (0.86, 1.67)

#: Resting heart rate assumed when the profile has none (bpm) — a typical adult value.
DEFAULT_HR_REST_BPM = 60.0

#: Session-RPE load (Foster AU) that equals 100 load points: one hour at RPE 7 ("very hard",
#: about one-hour race effort, i.e. threshold) — the engine's choice, like 1 h at threshold = 100 TSS.
SRPE_AU_PER_100_POINTS = 7.0 * 60.0

#: Intensity factor assumed for a session with no pace, heart rate or effort (an easy run).
ASSUMED_INTENSITY_FACTOR = 0.75


def session_rpe_load(rpe: npt.ArrayLike, duration_s: npt.ArrayLike) -> FloatArray:
    """Foster session-RPE load in arbitrary units (AU): RPE on the CR-10 scale × minutes.

    Source: Foster et al. 2001, J Strength Cond Res 15:109–115 (COACHING.md Part B §5.3).
    """
    return np.asarray(rpe, dtype=np.float64) * (np.asarray(duration_s, dtype=np.float64) / 60.0)


def heart_rate_reserve_fraction(
    avg_hr_bpm: npt.ArrayLike, hr_rest_bpm: npt.ArrayLike, hr_max_bpm: npt.ArrayLike
) -> FloatArray:
    """HRr = (HR_avg − HR_rest) / (HR_max − HR_rest), clipped to 0–1.

    Clipping keeps an average below the resting rate (a strap drop-out) at zero impulse and an
    average above an estimated maximum (the estimate was too low) at the maximum.
    Source: Karvonen heart-rate reserve as used by Banister's TRIMP (COACHING.md Part B §5.5).
    """
    hr = np.asarray(avg_hr_bpm, dtype=np.float64)
    rest = np.asarray(hr_rest_bpm, dtype=np.float64)
    top = np.asarray(hr_max_bpm, dtype=np.float64)
    return np.clip((hr - rest) / (top - rest), 0.0, 1.0)


def trimp_men_share(sex: Sex | None) -> float:
    """Weight of the men's TRIMP curve: 1 for M, 0 for F, 0.5 (the mean of both) for X/unknown."""
    if sex == "M":
        return 1.0
    if sex == "F":
        return 0.0
    return 0.5


def banister_trimp(
    duration_s: npt.ArrayLike,
    avg_hr_bpm: npt.ArrayLike,
    *,
    hr_rest_bpm: npt.ArrayLike,
    hr_max_bpm: npt.ArrayLike,
    sex: Sex | None = None,
    men_share: npt.ArrayLike | None = None,
) -> FloatArray:
    """Banister's exponential TRIMP (arbitrary units): minutes · HRr · y(HRr).

    y = 0.64·e^(1.92·HRr) for men, 0.86·e^(1.67·HRr) for women; for ``X`` (non-binary) or an
    unknown sex runcoach uses the mean of the two curves (an engine choice: the published weights
    exist only for men and women). ``men_share`` (0–1, e.g. one value per session of a batch of
    runners) overrides ``sex``. A NaN heart rate gives NaN.

    Source: Morton, Fitz-Clarke & Banister 1990, J Appl Physiol 69:1171 (COACHING.md Part B §5.5).
    """
    minutes = np.asarray(duration_s, dtype=np.float64) / 60.0
    hrr = heart_rate_reserve_fraction(avg_hr_bpm, hr_rest_bpm, hr_max_bpm)
    share = np.asarray(trimp_men_share(sex) if men_share is None else men_share, dtype=np.float64)
    weight = np.zeros(np.broadcast_shapes(hrr.shape, share.shape))
    if np.any(share > 0):
        weight += share * (TRIMP_MEN[0] * np.exp(TRIMP_MEN[1] * hrr))
    if np.any(share < 1):
        weight += (1.0 - share) * (TRIMP_WOMEN[0] * np.exp(TRIMP_WOMEN[1] * hrr))
    result: FloatArray = minutes * hrr * weight
    return result


def running_intensity_factor(
    distance_m: npt.ArrayLike, duration_s: npt.ArrayLike, threshold_pace_s_per_km: npt.ArrayLike
) -> FloatArray:
    """Intensity factor of a run: average speed / threshold speed (= threshold pace / pace).

    runcoach uses the average speed over the moving time, without grade adjustment (the log keeps
    summaries; Normalized Graded Pace needs per-second altitude), so hilly and interval sessions
    are under-rated a little.
    Source: rTSS (TrainingPeaks; Friel) with threshold = VDOT T pace (COACHING.md Part B §5.5).
    """
    speed = np.asarray(distance_m, dtype=np.float64) / np.asarray(duration_s, dtype=np.float64)
    threshold_speed = 1000.0 / np.asarray(threshold_pace_s_per_km, dtype=np.float64)
    return speed / threshold_speed


def training_stress_score(duration_s: npt.ArrayLike, intensity_factor: npt.ArrayLike) -> FloatArray:
    """TSS = hours · IF² · 100 (one hour at threshold = 100 points).

    Source: Friel, "What is TSS?" (TSS = s·NP·IF / (FTP·3600) · 100) — COACHING.md Part B §5.5.
    """
    hours = np.asarray(duration_s, dtype=np.float64) / 3600.0
    factor = np.asarray(intensity_factor, dtype=np.float64)
    return hours * factor * factor * 100.0


def running_tss(
    distance_m: npt.ArrayLike, duration_s: npt.ArrayLike, threshold_pace_s_per_km: npt.ArrayLike
) -> FloatArray:
    """Running TSS (points) from average pace against the threshold pace (see the two above)."""
    factor = running_intensity_factor(distance_m, duration_s, threshold_pace_s_per_km)
    return training_stress_score(duration_s, factor)


def tanaka_hr_max(age_years: float) -> float:
    """Estimated maximal heart rate: 208 − 0.7 · age (bpm).

    Source: Tanaka, Monahan & Seals 2001, J Am Coll Cardiol 37:153–156.
    """
    return 208.0 - 0.7 * age_years


@dataclass(frozen=True, slots=True)
class HeartRateZones:
    """Heart-rate anchors for TRIMP, with whether each was estimated rather than given."""

    hr_max_bpm: float
    hr_rest_bpm: float
    hr_max_estimated: bool
    hr_rest_estimated: bool


def heart_rate_zones(
    *, age: int | None, hr_max_bpm: float | None, hr_rest_bpm: float | None
) -> HeartRateZones | None:
    """Heart-rate anchors from the profile, estimating what is missing (and saying so).

    HRmax: the profile's value, else Tanaka's 208 − 0.7·age, else unknown (``None``: TRIMP is
    then not computed). HRrest: the profile's value, else 60 bpm.
    """
    if hr_max_bpm is None and age is None:
        return None
    top = hr_max_bpm if hr_max_bpm is not None else tanaka_hr_max(age or 0)
    rest = hr_rest_bpm if hr_rest_bpm is not None else DEFAULT_HR_REST_BPM
    if not (25.0 <= rest < top <= 250.0):
        raise InputError(
            f"heart rates rest {rest:g} bpm and max {top:g} bpm are not plausible: "
            "the resting rate must be at least 25 and below the maximum, the maximum at most 250."
        )
    return HeartRateZones(
        hr_max_bpm=top,
        hr_rest_bpm=rest,
        hr_max_estimated=hr_max_bpm is None,
        hr_rest_estimated=hr_rest_bpm is None,
    )


class LoadSource(IntEnum):
    """Which measurement a session's load came from (in order of preference)."""

    NONE = 0  # no duration: no load
    PACE = 1  # running TSS from pace vs threshold pace
    HEART_RATE = 2  # Banister TRIMP
    EFFORT = 3  # session RPE, scaled to points
    ASSUMED = 4  # nothing known but the duration: counted as an easy session


def srpe_points(srpe_au: npt.ArrayLike) -> FloatArray:
    """Session-RPE load (AU) converted to load points: 420 AU (1 h at RPE 7) = 100 points."""
    return np.asarray(srpe_au, dtype=np.float64) * (100.0 / SRPE_AU_PER_100_POINTS)
