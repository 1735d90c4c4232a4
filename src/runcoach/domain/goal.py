"""Goal feasibility: how far a goal is from today's fitness, and how long it may take.

:func:`assess_goal` compares a goal time with the runner's current equivalent over the goal
distance (for a marathon: the recreational marathon prediction, not the plain 5K VDOT) and
answers in three ways, never with a guarantee:

1. the gap in % and in VDOT, with the coaching verdict for one training cycle: realistic
   (≤ 5 %), ambitious (5–10 %), multi-cycle (> 10 %) — COACHING.md Part B §1.8;
2. the best case of consistent, progressive training: 5–10 % per 16–20-week cycle (coaching
   heuristics, low evidence, §1.8), as a number of cycles and years;
3. population odds from real runners who raced again (``data/races/IMPROVEMENT.md`` §6.1,
   validated on held-out runners: 80 % ranges cover 79–80 %): the chance of reaching the goal in a
   single race 1–5 years from now, and the median and 80 % range of the time by then.

:func:`project_times` gives the year-by-year projection alone (for season plans).

Units: distances in metres, times in seconds, improvements in %.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from runcoach.domain.athlete import Sex
from runcoach.domain.errors import InputError
from runcoach.domain.prediction import METHOD_LABELS, Prediction, nearest_race, predict_time
from runcoach.domain.standards import BQTarget, age_grade
from runcoach.domain.vdot import vdot_from_race

Verdict = Literal["realistic", "ambitious", "multi-cycle"]
OddsLabel = Literal["realistic", "ambitious", "stretch", "long shot", "very unlikely"]

#: One-cycle verdict limits on the improvement needed, % (COACHING.md §1.8).
REALISTIC_MAX_PCT = 5.0
AMBITIOUS_MAX_PCT = 10.0
#: Best-case improvement per training cycle with consistent progressive training, % (§1.8).
BEST_CASE_CYCLE_PCT = (5.0, 10.0)
DEFAULT_CYCLES_PER_YEAR = 2
#: Horizons the population model was validated for (years).
HORIZONS_YEARS = (1, 2, 3, 4, 5)

# --- IMPROVEMENT.md §6.1: two-piece location-scale model of y = 100·ln(T_now / T_later) ---------
MODEL_INTERCEPT = -0.19
MODEL_DRIFT_PER_YEAR = -0.58
MODEL_AGE_DRIFT_PER_DECADE = -0.49
MODEL_AGE_DRIFT_FROM = 40.0
MODEL_LEVEL_PER_AG_POINT = 0.39
MODEL_LEVEL_FROM_AG = 55.0
MODEL_UP = (1.564, 0.270, 0.037)
MODEL_DOWN = (1.724, 0.218, 0.022)
MARATHON_SCALE_UP = 1.48
MARATHON_SCALE_DOWN = 1.37
MODEL_AG_RANGE = (35.0, 80.0)
#: Age grade assumed when age or sex is unknown (the median of the Cherry Blossom data, §1).
DEFAULT_AGE_GRADE = 55.0
DEFAULT_AGE = 40
#: Targets this long use the marathon scale multipliers (metres).
MARATHON_SCALE_FROM_M = 30_000.0
#: Empirical survival S(z) of the standardised upper residual (IMPROVEMENT.md §6.1).
SURVIVAL_Z = (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0)
SURVIVAL_S = (1.0, 0.615, 0.326, 0.152, 0.073, 0.037, 0.018, 0.0073, 0.0043, 0.0023, 0.0009)
#: z of the 10 % tail (one side of an 80 % range).
TAIL_10 = 0.10

POPULATION_NOTE = (
    "The odds are population figures for recreational runners who raced again (Cherry Blossom "
    "10-miler 2000–2006, Boston 2015–2019), not for runners who follow a structured progression; "
    "the best case describes what consistent, progressive training can do at most."
)


def survival(z: float) -> float:
    """S(z): share of standardised upper residuals above z (log-linear interpolation)."""
    if z <= 0:
        return 1.0
    if z >= SURVIVAL_Z[-1]:
        return SURVIVAL_S[-1] * math.exp(
            (z - SURVIVAL_Z[-1]) * math.log(SURVIVAL_S[-1] / SURVIVAL_S[-2]) / 0.5
        )
    for i in range(len(SURVIVAL_Z) - 1):
        z0, z1 = SURVIVAL_Z[i], SURVIVAL_Z[i + 1]
        if z0 <= z <= z1:
            u = (z - z0) / (z1 - z0)
            return math.exp(math.log(SURVIVAL_S[i]) * (1 - u) + math.log(SURVIVAL_S[i + 1]) * u)
    return SURVIVAL_S[-1]  # pragma: no cover - the loop covers every z in range


def survival_inverse(p: float) -> float:
    """The z with S(z) = p, for 0 < p ≤ 1 (inverse of :func:`survival`)."""
    if not 0 < p <= 1:
        raise ValueError("p must be in (0, 1]")
    lo, hi = 0.0, 20.0
    for _ in range(100):
        mid = (lo + hi) / 2
        if survival(mid) > p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


@dataclass(frozen=True, slots=True)
class ChangeModel:
    """Median and spreads of the log-% change y after ``years`` (positive y = faster)."""

    years: float
    median: float
    scale_up: float
    scale_down: float

    def probability_at_least(self, improvement_log_pct: float) -> float:
        """Chance that one race ``years`` from now improves by at least this log-%."""
        y = improvement_log_pct
        if y >= self.median:
            return 0.5 * survival((y - self.median) / self.scale_up)
        return 1.0 - 0.5 * survival((self.median - y) / self.scale_down)

    def quantile(self, p_faster: float) -> float:
        """The log-% change exceeded with probability ``p_faster``."""
        if p_faster <= 0.5:
            return self.median + self.scale_up * survival_inverse(2 * p_faster)
        return self.median - self.scale_down * survival_inverse(2 * (1 - p_faster))


def change_model(years: float, age: float, age_grade_pct: float, marathon: bool) -> ChangeModel:
    """The fitted year-to-year change model for a runner.

    median m = −0.19 − 0.58·k − 0.49·k·max(A − 40, 0)/10 + 0.39·max(55 − G, 0);
    s_up = exp(1.564 + 0.270·ln k + 0.037·(60 − G))·M; s_dn = exp(1.724 + 0.218·ln k +
    0.022·(60 − G))·M′, M = 1.48 and M′ = 1.37 for the marathon, 1 otherwise; G clipped to 35–80.
    ``years`` (k) is validated for 1–5, ``age`` (A) is the age at the baseline race and
    ``age_grade_pct`` (G) the WMA 2025 age grade of a recent representative race.
    Source: data/races/IMPROVEMENT.md §6.1 (fitted on Cherry Blossom pairs, marathon multipliers
    from Boston repeaters).
    """
    if years <= 0:
        raise InputError(f"years {years:g} must be positive.")
    g = min(max(age_grade_pct, MODEL_AG_RANGE[0]), MODEL_AG_RANGE[1])
    k = years
    median = (
        MODEL_INTERCEPT
        + MODEL_DRIFT_PER_YEAR * k
        + MODEL_AGE_DRIFT_PER_DECADE * k * max(age - MODEL_AGE_DRIFT_FROM, 0.0) / 10
        + MODEL_LEVEL_PER_AG_POINT * max(MODEL_LEVEL_FROM_AG - g, 0.0)
    )
    a, b, c = MODEL_UP
    up = math.exp(a + b * math.log(k) + c * (60 - g)) * (MARATHON_SCALE_UP if marathon else 1.0)
    a, b, c = MODEL_DOWN
    down = math.exp(a + b * math.log(k) + c * (60 - g)) * (MARATHON_SCALE_DOWN if marathon else 1.0)
    return ChangeModel(years=k, median=median, scale_up=up, scale_down=down)


def improvement_pct(from_s: float, to_s: float) -> float:
    """Improvement needed to go from ``from_s`` to ``to_s`` seconds, in % of the current time."""
    return 100.0 * (1.0 - to_s / from_s)


def log_pct(from_s: float, to_s: float) -> float:
    """The same change in log-% (100·ln(from/to)), the scale of the population model."""
    return 100.0 * math.log(from_s / to_s)


def time_after(current_s: float, change_log_pct: float) -> float:
    """The time in seconds after a change of ``change_log_pct`` log-% (positive = faster)."""
    return current_s * math.exp(-change_log_pct / 100.0)


def verdict_for(gap_pct: float) -> Verdict:
    """One-cycle verdict: realistic ≤ 5 %, ambitious 5–10 %, multi-cycle > 10 % (COACHING §1.8)."""
    if gap_pct <= REALISTIC_MAX_PCT:
        return "realistic"
    if gap_pct <= AMBITIOUS_MAX_PCT:
        return "ambitious"
    return "multi-cycle"


def odds_label_for(probability: float) -> OddsLabel:
    """Wording for the chance of a goal in one race (IMPROVEMENT.md §6.3): realistic ≥ 50 %,
    ambitious 25–50 %, stretch 10–25 %, long shot 2–10 %, very unlikely < 2 %."""
    if probability >= 0.5:
        return "realistic"
    if probability >= 0.25:
        return "ambitious"
    if probability >= 0.10:
        return "stretch"
    if probability >= 0.02:
        return "long shot"
    return "very unlikely"


@dataclass(frozen=True, slots=True)
class YearProjection:
    """Population projection ``years`` ahead: median time, 80 % range, chance of the goal."""

    years: int
    median_s: float
    fast_s: float
    slow_s: float
    goal_probability: float | None


def project_times(
    current_s: float,
    *,
    age: int,
    age_grade_pct: float,
    marathon: bool,
    goal_s: float | None = None,
    horizons: Sequence[int] = HORIZONS_YEARS,
) -> list[YearProjection]:
    """Year-by-year projection of a race time from the population model (IMPROVEMENT.md §6.1).

    ``fast_s``..``slow_s`` is the 80 % range (10 % chance of being faster, 10 % slower) of a single
    race ``years`` from now; ``goal_probability`` the chance that it meets ``goal_s``.
    """
    out = []
    for k in horizons:
        model = change_model(k, age, age_grade_pct, marathon)
        p = None if goal_s is None else model.probability_at_least(log_pct(current_s, goal_s))
        out.append(
            YearProjection(
                years=k,
                median_s=time_after(current_s, model.median),
                fast_s=time_after(current_s, model.quantile(TAIL_10)),
                slow_s=time_after(current_s, model.quantile(1 - TAIL_10)),
                goal_probability=p,
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class GoalAssessment:
    """How far a goal is and how long it may take. Times in seconds, gaps in % and VDOT points.

    ``current`` is today's predicted equivalent over the goal distance (point and 80 % range).
    ``gap_pct`` is the improvement needed (100·(1 − goal/current)); ``verdict`` the one-cycle
    coaching verdict; ``best_case_cycles`` the cycles needed at 10 % and at 5 % per cycle;
    ``projection`` the population odds by year; ``years_*`` the first year with at least a
    50 % / 25 % / 10 % chance (None: not within 5 years).
    """

    target_distance_m: float
    goal_time_s: float
    current: Prediction
    current_vdot: float
    goal_vdot: float
    gap_pct: float
    gap_vdot: float
    verdict: Verdict
    odds_label: OddsLabel
    best_case_cycles: tuple[int, int]
    best_case_years: tuple[float, float]
    cycles_per_year: int
    projection: tuple[YearProjection, ...]
    years_even_odds: int | None
    years_one_in_four: int | None
    years_one_in_ten: int | None
    age: int
    age_grade_pct: float
    age_grade_race: tuple[float, float]
    assumptions: tuple[str, ...]
    bq: BQTarget | None = None
    gap_to_recommended_pct: float | None = None
    notes: tuple[str, ...] = field(default=())


def best_case_cycles(gap_pct: float) -> tuple[int, int]:
    """Cycles needed if every cycle brings 10 % (fewest) or 5 % (most); 1 when already there."""
    if gap_pct <= 0:
        return 1, 1
    need = -math.log(1 - gap_pct / 100.0)
    fast, slow = (-math.log(1 - p / 100.0) for p in reversed(BEST_CASE_CYCLE_PCT))
    return max(1, math.ceil(need / fast - 1e-9)), max(1, math.ceil(need / slow - 1e-9))


def assess_goal(
    races: Sequence[tuple[float, float]],
    target_distance_m: float,
    goal_time_s: float,
    *,
    age: int | None = None,
    sex: Sex | None = None,
    weekly_distance_m: float | None = None,
    cycles_per_year: int = DEFAULT_CYCLES_PER_YEAR,
    bq: BQTarget | None = None,
) -> GoalAssessment:
    """Assess a goal time over ``target_distance_m`` metres from recent races.

    ``races`` are (distance_m, time_s) pairs of recent representative races; ``age`` is the age
    today (years) and ``sex`` F/M/X, used for the age grade that sets the population odds (without
    them an age grade of 55 % and age 40 are assumed, and said). ``weekly_distance_m`` is the peak
    weekly training distance for the marathon correction. ``bq`` attaches a Boston target whose
    ``required_s`` should be ``goal_time_s``. Never a guarantee: the result states its assumptions.
    Source: COACHING.md §1.8 and data/races/IMPROVEMENT.md §6 (see the module docstring).
    """
    if not math.isfinite(goal_time_s) or goal_time_s <= 0:
        raise InputError("the goal time must be longer than zero.")
    if cycles_per_year < 1 or cycles_per_year > 4:
        raise InputError(f"cycles per year {cycles_per_year} must be between 1 and 4.")
    race_list = list(races)
    current = predict_time(race_list, target_distance_m, weekly_distance_m)
    goal_vdot = vdot_from_race(target_distance_m, goal_time_s)
    current_vdot = vdot_from_race(target_distance_m, current.seconds)
    gap = improvement_pct(current.seconds, goal_time_s)

    assumptions: list[str] = [
        f"Today's equivalent comes from your race nearest the goal distance "
        f"({METHOD_LABELS[current.method]}); "
        "it assumes the race was a representative all-out effort on a normal course.",
    ]
    if weekly_distance_m is None and current.method.startswith("recreational"):
        assumptions.append(
            "Weekly volume unknown: the marathon correction uses the average runner of the data "
            "(give your peak weekly distance for a sharper estimate)."
        )
    base_race = nearest_race(race_list, target_distance_m)
    if age is not None and sex is not None:
        grade = age_grade(base_race[0], base_race[1], age, sex).percent
        model_age = age
    else:
        grade = DEFAULT_AGE_GRADE
        model_age = age if age is not None else DEFAULT_AGE
        assumptions.append(
            f"Age and sex not both given: the odds assume an age grade of {DEFAULT_AGE_GRADE:.0f} % "
            + ("" if age is not None else f"and age {DEFAULT_AGE} ")
            + "(typical of the data)."
        )
    marathon = target_distance_m >= MARATHON_SCALE_FROM_M
    projection = project_times(
        current.seconds,
        age=model_age,
        age_grade_pct=grade,
        marathon=marathon,
        goal_s=goal_time_s,
    )
    cycles = best_case_cycles(gap)
    years = (cycles[0] / cycles_per_year, cycles[1] / cycles_per_year)
    assumptions += [
        "Best case: every 16–20-week cycle brings 5–10 % (coaching heuristics for runners "
        f"still improving; low evidence), {cycles_per_year} cycle(s) a year, no injury or break.",
        POPULATION_NOTE,
        "Odds are for a single race k years from now; with one goal race a year the chance that "
        "some race reaches the goal within 3–5 years is about 2–3 times higher (IMPROVEMENT.md §6.1).",
    ]

    def first_year(p: float) -> int | None:
        for row in projection:
            if row.goal_probability is not None and row.goal_probability >= p:
                return row.years
        return None

    one_year = projection[0].goal_probability or 0.0
    notes: list[str] = []
    if gap <= 0:
        notes.append("Your current equivalent already meets the goal: race it well.")
    buffered = None
    if bq is not None:
        buffered = improvement_pct(current.seconds, bq.recommended_s)
    return GoalAssessment(
        target_distance_m=target_distance_m,
        goal_time_s=goal_time_s,
        current=current,
        current_vdot=current_vdot,
        goal_vdot=goal_vdot,
        gap_pct=gap,
        gap_vdot=goal_vdot - current_vdot,
        verdict=verdict_for(gap),
        odds_label=odds_label_for(one_year),
        best_case_cycles=cycles,
        best_case_years=years,
        cycles_per_year=cycles_per_year,
        projection=tuple(projection),
        years_even_odds=first_year(0.5),
        years_one_in_four=first_year(0.25),
        years_one_in_ten=first_year(0.10),
        age=model_age,
        age_grade_pct=grade,
        age_grade_race=base_race,
        assumptions=tuple(assumptions),
        bq=bq,
        gap_to_recommended_pct=buffered,
        notes=tuple(notes),
    )
