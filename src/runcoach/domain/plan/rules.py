"""Every plan rule, defined once: its id, its numbers, its source and the sentence reasons reuse.

The safety rules are the invariants of DESIGN.md §5 (``checks.py`` implements them as predicates);
the progression, workout, phase and season rules say how the generator builds a plan. A plan's
reasons cite these ids, ``runcoach plan why`` prints them with their source, and ``docs/rules.md``
is generated from this module (:func:`render_markdown`; a test keeps it current).

Units: metres, days, fractions (0.10 = 10 %).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

RuleKind = Literal["safety", "progression", "workout", "phase", "season", "warning", "adaptation"]

# --- numbers used by the checks and the generator (one definition each) -------------------------

#: RAMP-WEEKLY: growth over the highest of the previous 3 weeks.
RAMP_WEEKLY_FACTOR = 1.10
RAMP_PER_RUNNING_DAY_M = 1600.0
RAMP_HARD_CAP = 1.30
RAMP_LOOKBACK_WEEKS = 3
#: RAMP-BLOCK: mean of 4 weeks vs the 4 before.
RAMP_BLOCK_WEEKS = 4
RAMP_BLOCK_FACTOR = 1.25
#: RETURN-LADDER: the return after a break (COACHING.md §7.2, Daniels Table 9.2).
RETURN_MIN_DAYS = 6
RETURN_SHORT_MAX_DAYS = 28
RETURN_SHORT_LOADS = (0.5, 0.75)
RETURN_LONG_LOADS = (0.33, 0.5, 0.75)
RETURN_PHASE_MAX_WEEKS = 3
#: SPIKE-30D: a run vs the longest run of the 30 days before it.
SPIKE_WINDOW_DAYS = 30
SPIKE_FACTOR = 1.10
#: DOWN-CADENCE.
DOWN_MAX_STREAK = 4
DOWN_MAX_STREAK_GENTLE = 3
MASTERS_AGE = 50
DOWN_DEPTH_MIN = 0.15
DOWN_DEPTH_MAX = 0.35
DOWN_DROP_RUN_DEPTH_MAX = 0.45
DOWN_DROP_RUN_MAX_DAYS = 4
DOWN_DROP_RUN_MAX_VOLUME_M = 40000.0
DOWN_DEPTH_TARGET = 0.20
DOWN_DEPTH_HIGH_MILEAGE = 0.25
HIGH_MILEAGE_M = 100000.0
#: DOWN-COUNT.
DOWN_COUNT_MIN_WEEKS = 12
DOWN_COUNT_MIN = 2
#: LONG-20MI.
LONG_20MI_M = 32000.0
TWENTY_MILES_M = 32186.88
LONG_20MI_EARLIEST_DAYS = 49
LONG_20MI_LATEST_DAYS = 21
LONG_20MI_LONG_GROWTH = 1.10
LONG_20MI_VOLUME_GROWTH_PER_4_WEEKS = 1.20
LONG_20MI_VOLUME_M = 64000.0
#: LONG-MAX.
LONG_MAX_M = 35500.0
#: LONG-WINDOW: long runs over 18 miles only in the last 12 weeks before a marathon.
LONG_WINDOW_DAYS = 70
LONG_PRE_WINDOW_M = 28968.1
LONG_MAX_PEAK_WEEK_M = 80000.0
LONG_MAX_ABSOLUTE_M = 38700.0
#: TAPER.
TAPER_WINDOW_DAYS = 13
TAPER_MIN = 0.40
TAPER_MAX = 0.60
TAPER_QUALITY_DAYS = 14
TAPER_SHORT_DAYS = 7
TAPER_SHORT_MAX = 0.80
#: INTENSITY (zone metres).
INTENSITY_WEEK_SHARE = 0.20
INTENSITY_WEEK_EXTRA_M = 2000.0
INTENSITY_I_MAX_M = 10000.0
INTENSITY_I_SHARE = 0.08
INTENSITY_I_FLOOR_M = 3000.0
INTENSITY_R_MAX_M = 8000.0
INTENSITY_R_SHARE = 0.05
INTENSITY_R_FLOOR_M = 2000.0
INTENSITY_M_MAX_M = 29000.0
INTENSITY_M_SHARE = 0.25
INTENSITY_M_EXTRA_M = 2000.0
#: STRENGTH.
STRENGTH_BASE_BUILD = 2
STRENGTH_BEGINNER = 1
STRENGTH_PEAK = 1
STRENGTH_RACE_WEEK_MAX = 1
STRENGTH_NONE_DAYS_BEFORE_RACE = 2
#: Tolerance of the checks for rounding (the JSON rounds distances to 0.1 m).
TOLERANCE_M = 1.0
#: START-FLOOR: the smallest W0 and L0 the ramp rules start from.
START_FLOOR_VOLUME_M = 6000.0
START_FLOOR_LONG_M = 2000.0
#: LONG-SHARE: the long run as a share of the week.
LONG_SHARE_MAX = 0.50
LONG_SHARE_TYPICAL = 0.33
LONG_SHARE_20MI = 0.60
LONG_SHARE_BUILD_20MI = 0.55
LONG_SHARE_LAST_CHANCE = 0.65
#: MASTERS-RAMP: gentler growth for masters and injury-prone runners.
MASTERS_WEEKLY_FACTOR = 1.07
MASTERS_GROWTH_SCALE = 0.7
#: RUN-WALK-C25K: who starts with run/walk.
RUN_WALK_CONTINUOUS_M = 4000.0
#: TAPER-BOSQUET: target volumes as fractions of the peak week.
TAPER_TARGET_WINDOW = 0.50
#: TAPER-BOSQUET: 5K/10K: the last 7 days aim at this share of the peak week.
SHORT_TAPER_TARGET = 0.62
#: TAPER-BOSQUET: each taper week's first volume as a share of the peak week, by weeks before
#: race week (0 = race week), before the 13-day window is fitted (Pfitzinger 78/58/40 %).
TAPER_FRACTIONS: Mapping[str, Mapping[int, float]] = {
    "marathon": {2: 0.75, 1: 0.58, 0: 0.40},
    "half": {1: 0.62, 0: 0.40},
    "10k": {1: 0.82, 0: 0.55},
    "5k": {1: 0.82, 0: 0.55},
}
#: WORKOUT-LADDER: quality running (M+T+I+R) as a share of the week, by phase.
QUALITY_SHARE: Mapping[str, float] = {"base": 0.06, "build": 0.12, "peak": 0.15, "taper": 0.18}
QUALITY_SHARE_MARATHON_PEAK = 0.22
#: VOLUME-TARGET: peak week = today's volume × min(1 + growth × build weeks, max growth),
#: at least the race's floor, at most its ceiling and 28 km per running day.
VOLUME_GROWTH_PER_WEEK = 0.05
VOLUME_MAX_GROWTH = 1.75
VOLUME_MAX_GROWTH_GENTLE = 1.5
VOLUME_PER_DAY_CEILING_M = 28000.0
PEAK_FLOOR_M: Mapping[str, float] = {
    "5k": 20000.0,
    "10k": 25000.0,
    "half": 35000.0,
    "marathon": 50000.0,
    "base": 15000.0,
}
PEAK_CEILING_M: Mapping[str, float] = {
    "5k": 110000.0,
    "10k": 130000.0,
    "half": 150000.0,
    "marathon": 180000.0,
    "base": 150000.0,
}
#: SEASON-RECOVERY: easy weeks after a race, by distance (metres → weeks).
RECOVERY_WEEKS: Mapping[str, int] = {"marathon": 3, "half": 2, "10k": 1, "5k": 1}
#: SEASON-RECOVERY: recovery weeks as shares of the cycle's peak week (the last 1–3 are used).
RECOVERY_FRACTIONS = (0.40, 0.55, 0.70)
#: SEASON-RECOVERY: a recovery run is at most this long, and at most this share of the peak.
RECOVERY_RUN_MAX_M = 16000.0
RECOVERY_RUN_MAX_SHARE = 0.25


def recovery_run_max_m(peak_m: float) -> float:
    """SEASON-RECOVERY: the longest recovery run after a cycle that peaked at ``peak_m``."""
    return min(RECOVERY_RUN_MAX_M, RECOVERY_RUN_MAX_SHARE * peak_m)


#: SEASON-BASE: each new cycle aims for a peak at least this much above the last one.
SEASON_PEAK_GROWTH = 1.08
#: SEASON-BASE: ...and at most this much (patience: results come over seasons).
SEASON_PEAK_MAX_GROWTH = 1.15
#: SEASON-BASE: a base block between cycles aims at most this much above the last base.
SEASON_BASE_GROWTH = 1.10
#: SEASON-BASE: the usual cycle length before an A race (weeks, race week included); a longer
#: gap starts with a base block of at least SEASON_BASE_BLOCK_MIN_WEEKS.
SEASON_CYCLE_WEEKS: Mapping[str, int] = {"marathon": 18, "half": 14, "10k": 12, "5k": 10}
SEASON_BASE_BLOCK_MIN_WEEKS = 4


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: a stable id, a title, its numbers, its source and a plain sentence."""

    id: str
    kind: RuleKind
    title: str
    text: str
    source: str
    numbers: Mapping[str, float | int | str] = field(default_factory=dict)


_RULES: tuple[Rule, ...] = (
    # --- safety invariants (DESIGN.md §5) ---------------------------------------------------
    Rule(
        "RAMP-WEEKLY",
        "safety",
        "Weekly ramp",
        "A week may grow to 10 % over the highest of the previous 3 weeks, or 1.6 km per running "
        "day when that is more, but never more than 30 %.",
        "Daniels' Running Formula (+1 mile per session per step; COACHING.md §1.5); Nielsen et "
        "al. 2014, J Orthop Sports Phys Ther (> 30 % in 2 weeks: more distance-related injuries; "
        "§5.1).",
        {
            "factor": RAMP_WEEKLY_FACTOR,
            "per_running_day_m": RAMP_PER_RUNNING_DAY_M,
            "hard_cap": RAMP_HARD_CAP,
            "lookback_weeks": RAMP_LOOKBACK_WEEKS,
        },
    ),
    Rule(
        "RAMP-BLOCK",
        "safety",
        "Month-to-month ramp",
        "The mean of the last 4 weeks may be at most 25 % above the mean of the 4 weeks before.",
        "DESIGN.md §5 (month-to-month growth ≤ 25 %), from Nielsen et al. 2014 (COACHING.md §5.1).",
        {"block_weeks": RAMP_BLOCK_WEEKS, "factor": RAMP_BLOCK_FACTOR},
    ),
    Rule(
        "RETURN-LADDER",
        "safety",
        "Return after a break",
        "After a break of 6 days or more without running (W_pre: the mean of the 4 weeks before "
        "it), the ramp rules count the break's weeks, and the return weeks in proportion to the "
        "share of the planned week that was run, at W_pre: coming back to a volume already held is not new "
        "growth. The return follows a ladder instead. 6–28 days off: a return period as long as "
        "the break (whole weeks, at least 1), its first half at most 50 % of W_pre, its second "
        "half at most 75 % (a week across the halves: the blend; one week: 60 %). 29 days or "
        "more: 33 %, 50 % and 75 %, each for about a third of the return period (whole weeks, "
        "1 to 3). Then one exit week of at most 1.30 × the last rung (RAMP-WEEKLY's hard cap), "
        "and the normal rules. The return weeks ask no quality (easy running; strides allowed).",
        "COACHING.md §7.2 (Daniels' Running Formula, Table 9.2 as transcribed); exit step: "
        "Nielsen et al. 2014 (RAMP-WEEKLY hard cap, §5.1). Refines DESIGN.md §5 RAMP-WEEKLY and "
        "RAMP-BLOCK (docs/concepts/coming-back.md).",
        {
            "min_days": RETURN_MIN_DAYS,
            "short_max_days": RETURN_SHORT_MAX_DAYS,
            "short_first_half": RETURN_SHORT_LOADS[0],
            "short_second_half": RETURN_SHORT_LOADS[1],
            "long_phase_1": RETURN_LONG_LOADS[0],
            "long_phase_2": RETURN_LONG_LOADS[1],
            "long_phase_3": RETURN_LONG_LOADS[2],
            "phase_max_weeks": RETURN_PHASE_MAX_WEEKS,
            "exit_cap": RAMP_HARD_CAP,
            "before_weeks": 4,
        },
    ),
    Rule(
        "SPIKE-30D",
        "safety",
        "Single-run spike",
        "No run (but the goal race) may be more than 10 % longer than the longest run of the 30 "
        "days before it.",
        "Garmin-RUNSAFE, Br J Sports Med 2025 (5,205 runners: longer single runs raise injury "
        "risk, HRR 1.64; COACHING.md §5.1).",
        {"window_days": SPIKE_WINDOW_DAYS, "factor": SPIKE_FACTOR},
    ),
    Rule(
        "DOWN-CADENCE",
        "safety",
        "Down weeks on a cadence",
        "At most 4 weeks in a row without a down week (3 at 50 and over or when injury-prone); a "
        "down week runs 15–35 % less than the highest of the 3 weeks before it.",
        "Pfitzinger and Higdon plans (a cutback every 3rd to 5th week, COACHING.md §6.4); "
        "project principle, Part A §3.",
        {
            "max_streak": DOWN_MAX_STREAK,
            "max_streak_gentle": DOWN_MAX_STREAK_GENTLE,
            "masters_age": MASTERS_AGE,
            "depth_min": DOWN_DEPTH_MIN,
            "depth_max": DOWN_DEPTH_MAX,
        },
    ),
    Rule(
        "DOWN-DEPTH",
        "progression",
        "How deep a down week is",
        "A down week runs about 20 % less than the highest recent week (about 25 % from 100 km a "
        "week up); the long run and the workouts shrink with it.",
        "Coaches cut 15–20 %, rarely more than 30 % (COACHING.md §6.4); project principle: 25 % "
        "at 90 miles a week (Part A §3).",
        {
            "target": DOWN_DEPTH_TARGET,
            "high_mileage_target": DOWN_DEPTH_HIGH_MILEAGE,
            "high_mileage_m": HIGH_MILEAGE_M,
        },
    ),
    Rule(
        "DOWN-DROP-RUN",
        "progression",
        "Down week by dropping a run",
        "On 4 days a week or fewer and up to 40 km a week, the down week drops one run (15–45 % "
        "less) instead of shortening all of them: use the time to sleep.",
        "Project principle (Part A §3: 4 days and 20–25 miles a week, drop one run and sleep "
        "more); COACHING.md §6.4 oracle 22 → 17 miles.",
        {
            "max_days": DOWN_DROP_RUN_MAX_DAYS,
            "max_volume_m": DOWN_DROP_RUN_MAX_VOLUME_M,
            "depth_max": DOWN_DROP_RUN_DEPTH_MAX,
        },
    ),
    Rule(
        "DOWN-COUNT",
        "safety",
        "Enough down weeks in a marathon cycle",
        "A marathon plan of 12 weeks or more holds at least 2 down weeks before the taper.",
        "Project principle (Part A §3: one to two down weeks per marathon cycle, or more).",
        {"min_weeks": DOWN_COUNT_MIN_WEEKS, "min_down_weeks": DOWN_COUNT_MIN},
    ),
    Rule(
        "LONG-20MI",
        "safety",
        "The 20-miler",
        "A marathon plan reaches a run of at least 32 km 3–7 weeks before race day whenever that "
        "is reachable with 10 % long-run steps and 20 % volume growth a month; otherwise it says "
        "so and what to do instead.",
        "Project principle (Part A §5: at the bare minimum one 20-miler); Higdon and Pfitzinger "
        "plans (COACHING.md §6.1).",
        {
            "long_run_m": LONG_20MI_M,
            "earliest_days_before": LONG_20MI_EARLIEST_DAYS,
            "latest_days_before": LONG_20MI_LATEST_DAYS,
            "long_growth": LONG_20MI_LONG_GROWTH,
            "volume_growth_per_4_weeks": LONG_20MI_VOLUME_GROWTH_PER_4_WEEKS,
            "volume_m": LONG_20MI_VOLUME_M,
        },
    ),
    Rule(
        "LONG-WINDOW",
        "progression",
        "When the 20-milers come",
        "Before a marathon, long runs over 29 km (18 mi) come only in the last 10 weeks, every "
        "other week counted back from the last one; earlier the long run holds at 18 miles (or "
        "at the runner's usual long run, when longer), so a long build does not stack "
        "20-milers for months.",
        "Pfitzinger & Douglas 18/55: 20-milers in weeks 8, 11 and 15 of 18 (10, 7 and 3 weeks "
        "out); Higdon Novice: 18 mi 5 weeks out, 20 mi 3 weeks out (COACHING.md §6.1).",
        {"window_days": LONG_WINDOW_DAYS, "pre_window_max_m": LONG_PRE_WINDOW_M},
    ),
    Rule(
        "LONG-MAX",
        "safety",
        "Longest long run",
        "No training run over 35.5 km (22 mi) unless the peak week is at least 80 km, and none "
        "over 38.7 km (24 mi).",
        "Project principle (Part A §5: 20–22 miles; 24 is elite territory); Pfitzinger 18/85 "
        "(COACHING.md §6.1).",
        {
            "max_m": LONG_MAX_M,
            "peak_week_m": LONG_MAX_PEAK_WEEK_M,
            "absolute_max_m": LONG_MAX_ABSOLUTE_M,
        },
    ),
    Rule(
        "TAPER",
        "safety",
        "Taper",
        "Half and marathon: the 13 days before the race hold 40–60 % of two peak weeks, with a "
        "quality session in the last 14 days; 5K/10K: the last 7 days hold at most 80 % of the "
        "peak week.",
        "Bosquet et al. 2007, Med Sci Sports Exerc 39:1358 (2-week taper, volume −41–60 %, "
        "intensity kept; COACHING.md §7.1).",
        {
            "window_days": TAPER_WINDOW_DAYS,
            "min": TAPER_MIN,
            "max": TAPER_MAX,
            "quality_days": TAPER_QUALITY_DAYS,
            "short_days": TAPER_SHORT_DAYS,
            "short_max": TAPER_SHORT_MAX,
        },
    ),
    Rule(
        "INTENSITY",
        "safety",
        "Intensity caps",
        "Threshold, interval and repetition running stay within 20 % of the week plus 2 km; one "
        "session holds at most min(10 km, max(8 %, 3 km)) at I, min(8 km, max(5 %, 2 km)) at R "
        "and min(29 km, 25 % + 2 km) at M.",
        "Daniels' Running Formula session limits (COACHING.md §1.4, §6.1).",
        {
            "week_share": INTENSITY_WEEK_SHARE,
            "week_extra_m": INTENSITY_WEEK_EXTRA_M,
            "i_max_m": INTENSITY_I_MAX_M,
            "i_share": INTENSITY_I_SHARE,
            "i_floor_m": INTENSITY_I_FLOOR_M,
            "r_max_m": INTENSITY_R_MAX_M,
            "r_share": INTENSITY_R_SHARE,
            "r_floor_m": INTENSITY_R_FLOOR_M,
            "m_max_m": INTENSITY_M_MAX_M,
            "m_share": INTENSITY_M_SHARE,
            "m_extra_m": INTENSITY_M_EXTRA_M,
        },
    ),
    Rule(
        "LEVER-ONE",
        "safety",
        "One lever at a time",
        "Volume and intensity are never both raised in the same week: a week either sets a new "
        "volume high (over the last 3 weeks) or more quality running (M+T+I+R), not both.",
        "DESIGN.md §5 INTENSITY, last clause; project principle (Part A §7: balance intensity "
        "with mileage so fatigue does not accumulate).",
        {"lookback_weeks": RAMP_LOOKBACK_WEEKS},
    ),
    Rule(
        "HARD-DAYS",
        "safety",
        "No hard days back to back",
        "No two days in a row hold a hard session (long run, hills, tempo, threshold, intervals, "
        "repetitions, marathon pace or a race).",
        "Hard/easy principle (Daniels; Pfitzinger: recovery between quality sessions, COACHING.md "
        "§6.1).",
    ),
    Rule(
        "BASE-STIMULUS",
        "safety",
        "Base is never all easy",
        "From week 2, every base and build week holds strides, hill sprints, hills, a fartlek, a "
        "progression run or another quality session.",
        "Project principle (Part A §4); Daniels Phase I (E runs and strides) and Pfitzinger base "
        "plans (COACHING.md §6.3).",
    ),
    Rule(
        "DAYS",
        "safety",
        "Your days",
        "Runs fall only on the days you can run, never on more days than you asked for, and a "
        "week keeps a day without running unless you asked for 7.",
        "DESIGN.md §5.",
    ),
    Rule(
        "STRENGTH",
        "safety",
        "Strength dose",
        "Two strength sessions in base and build weeks (one for beginners), one in peak weeks, at "
        "most one in race week and none in the 2 days before the race; no heavy lower-body work "
        "the day before a hard day.",
        "Balsalobre-Fernández et al. 2016 (2–3 sessions a week improve economy); Rønnestad et al. "
        "2010 (one a week maintains; COACHING.md §9).",
        {
            "base_build": STRENGTH_BASE_BUILD,
            "beginner": STRENGTH_BEGINNER,
            "peak": STRENGTH_PEAK,
            "race_week_max": STRENGTH_RACE_WEEK_MAX,
            "none_days_before_race": STRENGTH_NONE_DAYS_BEFORE_RACE,
        },
    ),
    Rule(
        "REASONS",
        "safety",
        "Every week says why",
        "Every week carries at least one reason (a rule id and a sentence) and a down week cites "
        "its DOWN rule.",
        "DESIGN.md §1 and §5.",
    ),
    Rule(
        "SHAPE",
        "safety",
        "Shape of the plan",
        "Weeks follow each other from the start date, and the race is a race session on race day.",
        "DESIGN.md §5.",
    ),
    Rule(
        "DETERMINISM",
        "safety",
        "Same inputs, same plan",
        "The same inputs always give the same plan.",
        "DESIGN.md §4.",
    ),
    # --- progression -------------------------------------------------------------------------
    Rule(
        "START-FLOOR",
        "progression",
        "Starting point",
        "The ramp rules are relative, so a plan starts from at least 6 km a week and a 2 km "
        "longest run: about the size of Couch to 5K week 1.",
        "NHS Couch to 5K week 1: 3 × 20 min of 60 s run / 90 s walk (COACHING.md §7.3).",
        {"volume_m": START_FLOOR_VOLUME_M, "long_run_m": START_FLOOR_LONG_M},
    ),
    Rule(
        "VOLUME-TARGET",
        "progression",
        "Where the volume goes",
        "The cycle aims for a peak week that the race needs and the weeks allow: about 5 % more "
        "than today's volume per week of base, build and peak (at most 75 % more, 50 % for "
        "masters), at least the race's floor, never above its useful ceiling or 28 km per "
        "running day, and never above what the ramp rules can reach.",
        "Pfitzinger 18/55 (33 → 55 mi in 11 weeks) and Higdon Novice (15 → 40 mi; COACHING.md "
        "§6.1); Daniels' step rule (§1.5).",
        {
            "growth_per_week": VOLUME_GROWTH_PER_WEEK,
            "max_growth": VOLUME_MAX_GROWTH,
            "max_growth_gentle": VOLUME_MAX_GROWTH_GENTLE,
            "per_running_day_ceiling_m": VOLUME_PER_DAY_CEILING_M,
            **{f"floor_{k}_m": v for k, v in PEAK_FLOOR_M.items()},
            **{f"ceiling_{k}_m": v for k, v in PEAK_CEILING_M.items()},
        },
    ),
    Rule(
        "MILEAGE-FIRST",
        "progression",
        "Speed or mileage first?",
        "Mileage first while the volume is below what the race needs (half and marathon "
        "especially), then speed; a week that raises one holds the other.",
        "Project principle (Part A §4 and §7); Lydiard-style base before sharpening (Daniels "
        "phases I–IV, COACHING.md §6.3).",
    ),
    Rule(
        "MASTERS-RAMP",
        "progression",
        "Gentler ramp for masters and injury-prone runners",
        "At 50 and over or when injury-prone, a down week comes every 4th week and the volume "
        "grows at most 7 % a week toward a lower target, unless the 20-miler needs the full "
        "standard ramp.",
        "Masters guidance (Friel, Fast After 50; COACHING.md §6.4: no trial of 3:1 vs 2:1, a coach "
        "default); project principle Part A §10.",
        {"weekly_factor": MASTERS_WEEKLY_FACTOR, "growth_scale": MASTERS_GROWTH_SCALE},
    ),
    Rule(
        "LONG-STEP",
        "progression",
        "Long-run steps",
        "The long run grows in steps of at most 10 % over the longest run of the last 30 days "
        "(16 → 17.5 → 19 → 20 miles rather than jumps of 2 miles), and shrinks in down weeks.",
        "Garmin-RUNSAFE 2025 (COACHING.md §5.1: a runcoach build reaches 20 miles a little more "
        "gradually than published plans).",
        {"factor": SPIKE_FACTOR},
    ),
    Rule(
        "LONG-SHARE",
        "progression",
        "Long run as a share of the week",
        "The long run is about a third of the week and never more than half of it — except in a "
        "marathon build that needs every step to reach its 20-miler: up to 55 % on the way and 60 "
        "% for the 20-miler itself (65 % in the last week that can hold it, when uneven weeks "
        "before held the volume back).",
        "Higdon Novice peak week: 20 of 40 miles (COACHING.md §6.1); Daniels: long run ≤ 25–30 % "
        "of the week (§1.4).",
        {
            "max_share": LONG_SHARE_MAX,
            "typical_share": LONG_SHARE_TYPICAL,
            "build_to_20mi_share": LONG_SHARE_BUILD_20MI,
            "twenty_miler_share": LONG_SHARE_20MI,
            "last_chance_share": LONG_SHARE_LAST_CHANCE,
        },
    ),
    Rule(
        "TAPER-BOSQUET",
        "progression",
        "How the taper is built",
        "Volume falls over the last 2–3 weeks to about half of two peak weeks in the last 13 days "
        "while the workouts keep their pace and the runs their frequency.",
        "Bosquet et al. 2007 (COACHING.md §7.1); Pfitzinger 3-week taper 78/58/40 % (§6.1).",
        {
            "window_target": TAPER_TARGET_WINDOW,
            "short_race_week_target": SHORT_TAPER_TARGET,
            **{
                f"{kind}_weeks": " / ".join(f"{f:g}" for _, f in sorted(fr.items(), reverse=True))
                for kind, fr in TAPER_FRACTIONS.items()
            },
        },
    ),
    Rule(
        "RACE-WEEK",
        "progression",
        "Race week",
        "Race week keeps a short sharpener at race pace early in the week and easy running after "
        "it, with the day before the race easy or off.",
        "Bosquet et al. 2007 (keep intensity and frequency; COACHING.md §7.1).",
    ),
    # --- phases -------------------------------------------------------------------------------
    Rule(
        "PHASES",
        "phase",
        "Phases of a cycle",
        "A cycle runs base (easy volume with strides and hills), build (threshold, then "
        "intervals), peak (race-specific work), taper and race.",
        "Pfitzinger's four mesocycles (COACHING.md §6.1); Daniels phases I–IV (§6.3).",
    ),
    Rule(
        "RUN-WALK-C25K",
        "phase",
        "Run/walk first",
        "A beginner who cannot yet run 30 minutes without stopping starts with run/walk: the "
        "running bits grow week by week (60 s run / 90 s walk up to 30 minutes continuous).",
        "NHS Couch to 5K, 9 weeks, 3 sessions a week (COACHING.md §7.3).",
        {"continuous_m": RUN_WALK_CONTINUOUS_M, "stages": 9},
    ),
    # --- workouts -----------------------------------------------------------------------------
    Rule(
        "PACES-VDOT",
        "workout",
        "Paces from your fitness",
        "Paces come from your VDOT (your best recent race): easy, marathon, threshold, interval "
        "and repetition paces of Daniels' Running Formula, 3rd edition.",
        "Daniels & Gilbert 1979; Daniels' Running Formula 3rd ed. (COACHING.md §1.1–1.4).",
    ),
    Rule(
        "PACES-EFFORT",
        "workout",
        "Paces by effort",
        "Without a recent race the sessions are given by effort (talk test, RPE); race a 5K or "
        "give --recent-race to get paces.",
        "Daniels' intensity zones by %HRmax and feel (COACHING.md §1.4).",
    ),
    Rule(
        "WORKOUT-LADDER",
        "workout",
        "Workouts progress",
        "Workouts progress from strides to hill sprints, fartlek, tempo and threshold, intervals "
        "and then race-specific work; the quality running of a week (M+T+I+R) grows from about "
        "6 % of it in the base to 12 % in the build and 15 % in the peak (22 % for a marathon).",
        "Daniels phases I–IV; Pfitzinger mesocycles (COACHING.md §6.1, §6.3).",
        {f"{k}_share": v for k, v in QUALITY_SHARE.items()}
        | {"marathon_peak_share": QUALITY_SHARE_MARATHON_PEAK},
    ),
    Rule(
        "STRIDES",
        "workout",
        "Strides",
        "Strides are 20-second relaxed-fast runs (about mile race effort) with a full walk-back "
        "recovery: speed without fatigue.",
        "Daniels Phase I: E runs and strides; Pfitzinger 8–10 × 100 m strides (COACHING.md §6.1, "
        "§6.3).",
    ),
    Rule(
        "HILL-SPRINTS",
        "workout",
        "Hill sprints",
        "Hill sprints are 8–10 second all-out efforts up a steep hill, walking back down: "
        "strength and power with little fatigue.",
        "Pfitzinger half plans: 6 × 12 s uphill with strides (COACHING.md §6.3).",
    ),
    Rule(
        "QUALITY-CAPS",
        "workout",
        "Session size",
        "A session holds at most about 10 % of the week at threshold (or 3 km), 8 % at interval "
        "pace and 5 % at repetition pace, within the INTENSITY caps.",
        "Daniels' Running Formula session limits (COACHING.md §1.4).",
        {"t_share": 0.10, "t_floor_m": 3000.0},
    ),
    Rule(
        "RACE-SPECIFIC",
        "workout",
        "Race-specific work",
        "In the peak, the key workouts run at race pace: marathon pace for the marathon, "
        "threshold for the half, 10K and 5K pace intervals for the short races.",
        "Pfitzinger race-preparation mesocycle; Hansons marathon-pace runs (COACHING.md §6.1).",
    ),
    Rule(
        "STRENGTH-PROGRESSION",
        "workout",
        "Strength progresses",
        "Strength work progresses from bodyweight foundation (hips, core, calves, split squats) "
        "to single-leg strength toward pistol squats and plyometrics, heavy lifting only for "
        "runners who lift, and gets lighter in the peak and taper.",
        "Balsalobre-Fernández 2016; Eihara 2022 (heavy ≥ 80–90 % 1RM improves economy); "
        "Rønnestad 2010 (maintenance); COACHING.md §9.",
    ),
    Rule(
        "REST-DAY",
        "workout",
        "Rest days",
        "A day without running is part of training: sleep, walk, stretch or do mobility work.",
        "Project principle (Part A §3).",
    ),
    # --- seasons ------------------------------------------------------------------------------
    Rule(
        "SEASON-RECOVERY",
        "season",
        "Recovery after a race",
        "After a race come easy weeks with no hard sessions: 3 after a marathon, 2 after a half, "
        "1 after a 10K or 5K, at about 40 %, 55 % and 70 % of the peak week, in easy runs of at "
        "most 16 km (and a quarter of the peak week).",
        "Post-race recovery of 14–26 days after a marathon (Pfitzinger-style masters table, "
        "unverified, COACHING.md §6.4); project principle Part A §3.",
        {
            **RECOVERY_WEEKS,
            "shares_of_peak": " / ".join(f"{f:g}" for f in RECOVERY_FRACTIONS),
            "run_max_m": RECOVERY_RUN_MAX_M,
            "run_max_share_of_peak": RECOVERY_RUN_MAX_SHARE,
        },
    ),
    Rule(
        "SEASON-BASE",
        "season",
        "Each season starts higher",
        "Between races a transition block rebuilds the base, and each new cycle aims for a peak "
        "8–15 % above the last one's (its base about 10 % higher), within the ramp rules; a race "
        "further away than its "
        "usual cycle (18 weeks for a marathon, 14 a half, 12 a 10K, 10 a 5K) starts with a base "
        "block of easy volume and moderate long runs; when the gap between races is too short "
        "for the base to grow, the plan says so.",
        "Project principle (Part A §2: year to year, each season starts from a higher base; §5: "
        "not every weekend is a long-long run outside a marathon cycle).",
        {
            "peak_growth": SEASON_PEAK_GROWTH,
            "peak_max_growth": SEASON_PEAK_MAX_GROWTH,
            "base_growth": SEASON_BASE_GROWTH,
            **{f"cycle_weeks_{k}": v for k, v in SEASON_CYCLE_WEEKS.items()},
            "base_block_min_weeks": SEASON_BASE_BLOCK_MIN_WEEKS,
        },
    ),
    Rule(
        "SEASON-TUNE-UP",
        "season",
        "B races",
        "A B race is a tune-up: it takes the place of that week's long run, with easy days "
        "around it and no taper.",
        "Higdon Novice: a half in week 8 (COACHING.md §6.1); Pfitzinger tune-up races.",
    ),
    Rule(
        "SEASON-PROJECTION",
        "season",
        "Projection toward a far goal",
        "The far goal is projected as a range of cycles and years from today's fitness, with its "
        "assumptions: a projection, never a promise.",
        "COACHING.md §1.8 (per-cycle improvement heuristics and measured year-to-year changes).",
    ),
    # --- warnings -----------------------------------------------------------------------------
    Rule(
        "RACE-TOO-CLOSE",
        "warning",
        "Too little time",
        "The race is too close for a full build from today's volume: the plan is the safest one "
        "possible and says what it cannot reach.",
        "DESIGN.md §5 (honest infeasibility).",
    ),
    Rule(
        "RUN-WALK-RACE",
        "warning",
        "Run/walk the race",
        "When the race is longer than the training allows, run/walk it from the start with "
        "regular walk breaks.",
        "Galloway-style run/walk race strategy; NHS Couch to 5K (COACHING.md §7.3).",
    ),
    Rule(
        "GOAL-GAP",
        "warning",
        "Goal versus fitness",
        "The goal time is compared with the time your current fitness predicts; a big gap is a "
        "goal for several cycles.",
        "COACHING.md §1.8 (realistic ≤ 5 %, ambitious 5–10 %, multi-cycle > 10 %).",
    ),
    # --- adaptation (issue 5: domain/plan/adaptation.py, domain/advice.py) -------------------
    Rule(
        "ADAPT-CARRY-ON",
        "adaptation",
        "Carry on",
        "Nothing in the log calls for a change: carry on with the plan.",
        "≤ 5 days missed cost nothing: Daniels' V.O2 time-off table (COACHING.md §1.6, §7.2).",
        {"free_days": 5},
    ),
    Rule(
        "ADAPT-TIME-OFF",
        "adaptation",
        "Back after 6–28 days off",
        "After a break of 6–28 days fitness drops a little (VDOT × the time-off factor) and the "
        "return is gradual: about half the usual volume, then three quarters, then full training.",
        "V.O2 'VDOT adjustments for time off' 2018 (COACHING.md §1.6); Daniels Table 9.2 as "
        "transcribed (§7.2).",
        {
            "min_days": 6,
            "max_days": 28,
            "first_half_load": 0.5,
            "second_half_load": 0.75,
            "daily_loss": 0.003,
            "daily_loss_cross_trained": 0.0015,
        },
    ),
    Rule(
        "ADAPT-REBUILD",
        "adaptation",
        "Rebuild after more than 4 weeks off",
        "After more than four weeks off the volume is rebuilt in phases from about a third "
        "(33 %, 50 %, 75 %, each about a third of a return as long as the break), then a step "
        "of at most × 1.30: RETURN-LADDER.",
        "Daniels Table 9.2 as transcribed (COACHING.md §7.2); time-off factor §1.6.",
        {"phase_1": 0.33, "phase_2": 0.5, "phase_3": 0.75, "phase_max_weeks": 3},
    ),
    Rule(
        "ADAPT-GOAL",
        "adaptation",
        "The goal, re-assessed",
        "When fitness changes the race goal is assessed again (realistic ≤ 5 %, ambitious "
        "5–10 %, out of reach this cycle above), and the plan says so and what to do instead.",
        "COACHING.md §1.8 (goal feasibility), via runcoach.domain.goal.assess_goal.",
        {"realistic_max": 0.05, "ambitious_max": 0.10},
    ),
    Rule(
        "ADAPT-ILLNESS-SHORT",
        "adaptation",
        "A short illness",
        "Ill for up to 3 days: no intensity until you are well, two easy days, then carry on.",
        "Illness heuristics (COACHING.md §7.2, resilio-app transcription — unverified).",
        {"max_days": 3, "easy_days_after": 2},
    ),
    Rule(
        "ADAPT-ILLNESS-LONG",
        "adaptation",
        "A longer illness",
        "Ill for longer: no running while ill, no intensity for a week after the symptoms are "
        "gone, and 6 days or more count as time off.",
        "Illness heuristics: 8+ days → 50 % → 75 % → 100 % over about 2 weeks (COACHING.md §7.2).",
        {"easy_days_after": 7},
    ),
    Rule(
        "ADAPT-PAIN-SAFE",
        "adaptation",
        "Pain in the safe band",
        "Pain up to 3/10 while running is in the safe band: keep training and keep rating it.",
        "Pain-monitoring model, Silbernagel et al. 2007, Am J Sports Med (COACHING.md §7.2).",
        {"max_pain": 3},
    ),
    Rule(
        "ADAPT-PAIN-ACCEPTABLE",
        "adaptation",
        "Acceptable pain",
        "Pain up to 5/10 is acceptable if it has settled by the next morning: hold the load (no "
        "increase, no intensity) until it stays at 3/10 or less.",
        "Silbernagel et al. 2007 (COACHING.md §7.2).",
        {"max_pain": 5},
    ),
    Rule(
        "ADAPT-PAIN-REDUCE",
        "adaptation",
        "Pain that says: less",
        "Pain above 5/10, or worse the next morning: stop the running that provokes it for 2–3 "
        "days (pain-free cross-training), then come back through a walk/run return phase — "
        "never two months of rest.",
        "Silbernagel et al. 2007: continued, pain-guided loading did no harm (COACHING.md §7.2).",
        {"above_pain": 5, "rest_days": 2},
    ),
    Rule(
        "ADAPT-PAIN-PROFESSIONAL",
        "adaptation",
        "See a professional",
        "Pain of 7/10 or more, above 5/10 on 3 days or more, or above 3/10 for two weeks: see a "
        "physiotherapist or sports doctor; runcoach does not diagnose.",
        "DESIGN.md §8; injury definition of Yamato et al. (≥ 7 days or 3 sessions restricted), "
        "COACHING.md §5.1.",
        {"pain": 7, "high_days": 3, "persist_days": 14},
    ),
    Rule(
        "ADAPT-RETURN-TO-RUN",
        "adaptation",
        "Return to running",
        "The return phase walks and runs in alternation (Couch-to-5K stages), then runs easy at "
        "50 % and 75 % of the usual volume, then strides, before normal training resumes — each "
        "step only while pain stays at 3/10 or less and settled by the next morning.",
        "Walk-run re-entry (COACHING.md §7.2, coach convention); NHS Couch to 5K (§7.3).",
        {"walk_run_weeks": 1, "walk_run_weeks_injury": 2},
    ),
    Rule(
        "ADAPT-OVERREACH",
        "adaptation",
        "Signs of fatigue",
        "Efforts harder than planned on most sessions, training monotony above 2, a run more than "
        "10 % longer than the longest of the 30 days before, or feeling too tired: the next down "
        "week comes now.",
        "Foster 1998 (monotony, COACHING.md §5.3); Garmin-RUNSAFE 2025 (§5.1); Foster et al. 2001 "
        "(session RPE).",
        {"harder_sessions": 3, "harder_share": 0.5, "monotony": 2.0, "spike": 1.10},
    ),
    Rule(
        "ADAPT-OVERSHOOT",
        "adaptation",
        "More than planned",
        "Running more than planned does not raise the base the plan ramps from: each week counts "
        "at most what was planned.",
        "DESIGN.md §5 RAMP rules; Nielsen et al. 2014 (> 30 % in 2 weeks, COACHING.md §5.1).",
        {"overshoot": 1.10},
    ),
    Rule(
        "ADAPT-BEHIND",
        "adaptation",
        "Less than planned",
        "When the plan as it stands no longer fits what was really run (a ramp or long-run rule "
        "broken against the log), the remaining weeks ramp from the log.",
        "DESIGN.md §5 (every plan passes the checks; SPIKE-30D counts the runs logged).",
    ),
    Rule(
        "ADAPT-RACE-VDOT",
        "adaptation",
        "A race sets the paces",
        "A race or time trial is the best measure of fitness: it sets the VDOT and every "
        "training pace, up or down.",
        "Daniels & Gilbert 1979 (COACHING.md §1.2, §1.4).",
        {"min_vdot_change": 0.5},
    ),
    Rule(
        "ADAPT-REPLAN",
        "adaptation",
        "A new date, days or goal",
        "When the race moves, the running days change or the goal changes, the rest of the plan "
        "is rebuilt from where you are now.",
        "DESIGN.md §2 (adaptation) and §5.",
    ),
    Rule(
        "ADAPT-B-RACE",
        "adaptation",
        "A B race in the return",
        "A B race that falls in the return after a break, or in the two weeks after it, comes out "
        "of the plan: the return runs easy only, so skip the race or jog it as an easy run "
        "without racing.",
        "Return to running: easy running only until the ladder is climbed (COACHING.md §7.2).",
    ),
    Rule(
        "ADAPT-RACE-CLOSE",
        "adaptation",
        "In the taper",
        "Once the taper has begun the plan is not rebuilt: the review advises day by day.",
        "Bosquet et al. 2007 (taper, COACHING.md §7.1).",
    ),
    Rule(
        "ADVICE-INCREASE",
        "adaptation",
        "Increase",
        "Three steady weeks at this level with low pain and effort under control: add the "
        "smaller of 1 mile per running day and 10 % (run/walkers: a longer run segment).",
        "Daniels (COACHING.md §1.5); the 10 % rule as a conservative default (§5.1); Couch to 5K "
        "(§7.3).",
        {"hold_weeks": 3, "step_per_day_m": 1609.344, "max_share": 0.10},
    ),
    Rule(
        "ADVICE-HOLD",
        "adaptation",
        "Hold",
        "Stay at this level a little longer (at least 3 weeks at a level, or while pain is "
        "4–5/10) before the next step.",
        "Daniels: 'stay with a set amount of mileage for at least three weeks' (COACHING.md §1.5).",
        {"hold_weeks": 3},
    ),
    Rule(
        "ADVICE-DOWN",
        "adaptation",
        "Down week",
        "Take a lighter week now — 15–35 % less, or one run dropped at 4 days and 40 km a week "
        "or less — then build again.",
        "DESIGN.md §5 DOWN-CADENCE; project principle, COACHING.md Part A §3 and §6.4.",
        {"depth_min": 0.15, "depth_max": 0.35},
    ),
)

RULES: Mapping[str, Rule] = {r.id: r for r in _RULES}


def rule(rule_id: str) -> Rule:
    """The rule with this id (KeyError for an unknown id: ids are a closed set)."""
    return RULES[rule_id]


def render_markdown() -> str:
    """The rules reference (``docs/rules.md``), generated from this module."""
    titles = {
        "safety": "Safety invariants (DESIGN.md §5, checked by `runcoach plan check`)",
        "progression": "Progression rules",
        "phase": "Phases",
        "workout": "Workouts and strength",
        "season": "Seasons",
        "warning": "Warnings (honest infeasibility)",
        "adaptation": "Adaptation and advice (docs/concepts/adaptation.md)",
    }
    lines = [
        "# Plan rules",
        "",
        "Generated from `src/runcoach/domain/plan/rules.py` — do not edit by hand; regenerate with",
        "`python -c 'from runcoach.domain.plan.rules import render_markdown as r; print(r(), end=\"\")' > docs/rules.md`.",
        "Every reason in a plan cites one of these ids. Units: metres, days; fractions are shares",
        "(0.10 = 10 %).",
        "",
    ]
    for kind, title in titles.items():
        lines += [f"## {title}", ""]
        for r in _RULES:
            if r.kind != kind:
                continue
            lines += [f"### `{r.id}` — {r.title}", "", r.text, ""]
            if r.numbers:
                nums = ", ".join(f"`{k}` = {_fmt(v)}" for k, v in r.numbers.items())
                lines += [f"Numbers: {nums}.", ""]
            lines += [f"Source: {r.source}", ""]
    return "\n".join(lines).rstrip() + "\n"


def _fmt(value: float | int | str) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
