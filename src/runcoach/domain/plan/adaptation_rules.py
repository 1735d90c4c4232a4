"""The adaptation and advice rules: ids, numbers, sources and the sentence a runner reads.

Each id is used in the reasons of a revised plan (``PlanChange.reasons`` and the weeks it
rebuilt) and in ``runcoach advice``. The numbers live next to the code that applies them
(:mod:`runcoach.domain.plan.signals`, :mod:`runcoach.domain.plan.adaptation`,
:mod:`runcoach.domain.advice`); this table says what each rule is and where it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AdaptationRule:
    """One adaptation rule: id, the numbers in words, the source, and a plain sentence."""

    id: str
    numbers: str
    source: str
    sentence: str


ADAPT_CARRY_ON = "ADAPT-CARRY-ON"
ADAPT_TIME_OFF = "ADAPT-TIME-OFF"
ADAPT_REBUILD = "ADAPT-REBUILD"
ADAPT_GOAL = "ADAPT-GOAL"
ADAPT_ILLNESS_SHORT = "ADAPT-ILLNESS-SHORT"
ADAPT_ILLNESS_LONG = "ADAPT-ILLNESS-LONG"
ADAPT_PAIN_SAFE = "ADAPT-PAIN-SAFE"
ADAPT_PAIN_ACCEPTABLE = "ADAPT-PAIN-ACCEPTABLE"
ADAPT_PAIN_REDUCE = "ADAPT-PAIN-REDUCE"
ADAPT_PAIN_PROFESSIONAL = "ADAPT-PAIN-PROFESSIONAL"
ADAPT_RETURN_TO_RUN = "ADAPT-RETURN-TO-RUN"
ADAPT_OVERREACH = "ADAPT-OVERREACH"
ADAPT_OVERSHOOT = "ADAPT-OVERSHOOT"
ADAPT_RACE_VDOT = "ADAPT-RACE-VDOT"
ADAPT_REPLAN = "ADAPT-REPLAN"
ADAPT_RACE_CLOSE = "ADAPT-RACE-CLOSE"
ADAPT_BEHIND = "ADAPT-BEHIND"
ADVICE_INCREASE = "ADVICE-INCREASE"
ADVICE_HOLD = "ADVICE-HOLD"
ADVICE_DOWN = "ADVICE-DOWN"

ADAPTATION_RULES: dict[str, AdaptationRule] = {
    r.id: r
    for r in (
        AdaptationRule(
            ADAPT_CARRY_ON,
            "≤ 5 days missed: 100 % load, 100 % VDOT",
            "COACHING.md §1.6 (Daniels' V.O2 time-off table) and §7.2",
            "Nothing in the log calls for a change: carry on with the plan.",
        ),
        AdaptationRule(
            ADAPT_TIME_OFF,
            "6–28 days off: VDOT × FVDOT (1 − 0.003·(days − 5), ≥ 0.80; cross-trained "
            "1 − 0.0015·(days − 5), ≥ 0.90); return as long as the break, first half at 50 %, "
            "second half at 75 % of the previous weekly volume",
            "COACHING.md §1.6 (V.O2 'VDOT adjustments for time off', 2018) and §7.2 (Daniels "
            "Table 9.2 as transcribed)",
            "After a break of 6–28 days, fitness drops a little and the body needs a gradual "
            "return: about half the usual volume, then three quarters, then full training.",
        ),
        AdaptationRule(
            ADAPT_REBUILD,
            "> 28 days off: phases at 33 %, 50 %, 75 % of the previous weekly volume (one week "
            "each up to 8 weeks off, two beyond), VDOT × FVDOT (floor 0.80 / 0.90)",
            "COACHING.md §7.2 (Daniels Table 9.2 as transcribed) and §1.6",
            "After more than four weeks off, rebuild in phases from about a third of the old "
            "volume rather than resuming where you left off.",
        ),
        AdaptationRule(
            ADAPT_GOAL,
            "predicted time from the current VDOT vs the goal: ≤ 0 % stands, ≤ 5 % realistic, "
            "5–10 % ambitious, > 10 % out of reach this cycle",
            "COACHING.md §1.8 (goal feasibility heuristics)",
            "When fitness changes, the race goal is checked again and the plan says honestly "
            "whether it still stands.",
        ),
        AdaptationRule(
            ADAPT_ILLNESS_SHORT,
            "ill ≤ 3 days: easy running for 2 days after the symptoms are gone, then the plan",
            "COACHING.md §7.2 (illness heuristics, resilio-app transcription — unverified)",
            "A short illness costs little: no intensity until you are well, two easy days, then "
            "carry on.",
        ),
        AdaptationRule(
            ADAPT_ILLNESS_LONG,
            "ill > 3 days: no running while ill, no intensity for a week after; ≥ 6 days is "
            "time off (ADAPT-TIME-OFF / ADAPT-REBUILD)",
            "COACHING.md §7.2 (illness: 8+ days → 50 % → 75 % → 100 % over about 2 weeks)",
            "A longer illness is treated as time off: rest while ill, then a gradual, easy return.",
        ),
        AdaptationRule(
            ADAPT_PAIN_SAFE,
            "pain during running ≤ 3/10",
            "Silbernagel et al. 2007, Am J Sports Med (pain-monitoring model), COACHING.md §7.2",
            "Pain up to 3/10 is in the safe band: keep training and keep rating it.",
        ),
        AdaptationRule(
            ADAPT_PAIN_ACCEPTABLE,
            "pain ≤ 5/10 that settles by the next morning: hold the volume (no increase)",
            "Silbernagel et al. 2007, COACHING.md §7.2",
            "Pain up to 5/10 is acceptable if it has settled by the next morning; hold the load "
            "until it stays at 3/10 or less.",
        ),
        AdaptationRule(
            ADAPT_PAIN_REDUCE,
            "pain > 5/10, or worse the next morning: stop the provoking running 2–3 days, then "
            "a walk/run return phase",
            "Silbernagel et al. 2007, COACHING.md §7.2",
            "Pain above 5/10, or pain that is worse the next morning, means the load was too "
            "much: reduce or stop that activity, then come back gradually.",
        ),
        AdaptationRule(
            ADAPT_PAIN_PROFESSIONAL,
            "pain ≥ 7/10, or > 5/10 on 3+ days, or above 3/10 for 14 days: see a professional",
            "DESIGN.md §8 (no diagnosis: route to a professional); Yamato injury definition "
            "(≥ 7 days or 3 sessions restricted), COACHING.md §5.1",
            "Pain this high or this persistent needs a physiotherapist or sports doctor; "
            "runcoach does not diagnose.",
        ),
        AdaptationRule(
            ADAPT_RETURN_TO_RUN,
            "walk/run 4:1 → 1:4 → continuous, then volume 50 % → 75 % → 100 %, strides, "
            "then quality; each step only while pain stays ≤ 3/10 and settled next morning",
            "COACHING.md §7.2 (walk-run re-entry, coach convention; pain-monitoring model)",
            "The return phase walks and runs in alternation, lengthening the running as long as "
            "pain stays low, before normal training resumes.",
        ),
        AdaptationRule(
            ADAPT_OVERREACH,
            "≥ 3 sessions and ≥ half of rated sessions harder than planned in 14 days, monotony "
            "> 2.0, a run > 110 % of the 30-day longest, or 'too tired' → the next down week now",
            "Foster 1998 (monotony, COACHING.md §5.3); Garmin-RUNSAFE 2025 (spikes, §5.1); "
            "Foster et al. 2001 (session RPE)",
            "Signs of accumulated fatigue bring the next down week forward, so the body absorbs "
            "the training before the build goes on.",
        ),
        AdaptationRule(
            ADAPT_OVERSHOOT,
            "two completed weeks ≥ 110 % of plan: the ramp base stays min(done, planned)",
            "DESIGN.md §5 RAMP-WEEKLY/SPIKE-30D; Nielsen et al. 2014 (> 30 % in 2 weeks), "
            "COACHING.md §5.1",
            "Running more than planned does not raise the base the plan ramps from.",
        ),
        AdaptationRule(
            ADAPT_RACE_VDOT,
            "a race or time trial of ≥ 1.2 km and 3 min that moves VDOT by ≥ 0.5 replaces it",
            "Daniels & Gilbert 1979 (VDOT from a race), COACHING.md §1.2 and §1.4",
            "A race is the best measure of fitness: it sets the VDOT and every training pace, "
            "up or down.",
        ),
        AdaptationRule(
            ADAPT_REPLAN,
            "a moved race date, other running days, or a new goal: the remaining weeks are "
            "rebuilt from the current state",
            "DESIGN.md §2 (adaptation) and §5 (every revised plan passes the safety checks)",
            "When the race, the days or the goal change, the rest of the plan is rebuilt from "
            "where you are now.",
        ),
        AdaptationRule(
            ADAPT_BEHIND,
            "the current plan checked against the real history (min(done, planned) a week, "
            "the logged runs for SPIKE-30D) breaks a DESIGN §5 rule → rebuild from the log",
            "DESIGN.md §5 (every plan passes the checks; SPIKE-30D counts the runs logged)",
            "When you ran less than planned, the next weeks ramp from what you ran, not from "
            "what was planned.",
        ),
        AdaptationRule(
            ADAPT_RACE_CLOSE,
            "fewer weeks to the race than a training week + the taper + race week: no rebuild",
            "Bosquet et al. 2007 (taper, COACHING.md §7.1); DESIGN.md §5 TAPER",
            "Once the taper has begun the plan is not rebuilt: the review advises day by day.",
        ),
        AdaptationRule(
            ADVICE_INCREASE,
            "≥ 3 weeks at one level (±10 %), pain ≤ 3/10, no fatigue sign: add the smaller of "
            "1 mile per running day and 10 % (run/walkers: a longer run segment)",
            "COACHING.md §1.5 (Daniels) and §5.1 (10 % as a conservative default), §7.3 (C25K)",
            "You have held this level long enough and it feels under control: take the next "
            "small step.",
        ),
        AdaptationRule(
            ADVICE_HOLD,
            "< 3 weeks at this level, or pain 4–5/10, or too little log",
            "COACHING.md §1.5 ('stay with a set amount of mileage for at least three weeks')",
            "Stay at this level a little longer before the next step.",
        ),
        AdaptationRule(
            ADVICE_DOWN,
            "fatigue signs, or 4 building weeks in a row (3 for masters/injury-prone): 15–35 % "
            "lighter, or one run dropped at ≤ 4 days and ≤ 40 km",
            "DESIGN.md §5 DOWN-CADENCE; COACHING.md Part A §3 and §6.4",
            "Take a lighter week now: less running, more sleep, then build again.",
        ),
    )
}


def text(rule_id: str) -> str:
    """The plain sentence of a rule."""
    return ADAPTATION_RULES[rule_id].sentence
