"""The ids of the adaptation and advice rules, as names for the code that applies them.

The rules themselves — numbers, sources and the sentence a runner reads — are defined once in
:mod:`runcoach.domain.plan.rules` (kind ``adaptation``); this module only names their ids.
"""

from __future__ import annotations

from runcoach.domain.plan.rules import rule

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
ADAPT_BEHIND = "ADAPT-BEHIND"
ADAPT_RACE_VDOT = "ADAPT-RACE-VDOT"
ADAPT_REPLAN = "ADAPT-REPLAN"
ADAPT_RACE_CLOSE = "ADAPT-RACE-CLOSE"
ADAPT_B_RACE = "ADAPT-B-RACE"
ADVICE_INCREASE = "ADVICE-INCREASE"
ADVICE_HOLD = "ADVICE-HOLD"
ADVICE_DOWN = "ADVICE-DOWN"

ALL: tuple[str, ...] = (
    ADAPT_CARRY_ON,
    ADAPT_TIME_OFF,
    ADAPT_REBUILD,
    ADAPT_GOAL,
    ADAPT_ILLNESS_SHORT,
    ADAPT_ILLNESS_LONG,
    ADAPT_PAIN_SAFE,
    ADAPT_PAIN_ACCEPTABLE,
    ADAPT_PAIN_REDUCE,
    ADAPT_PAIN_PROFESSIONAL,
    ADAPT_RETURN_TO_RUN,
    ADAPT_OVERREACH,
    ADAPT_OVERSHOOT,
    ADAPT_BEHIND,
    ADAPT_RACE_VDOT,
    ADAPT_REPLAN,
    ADAPT_RACE_CLOSE,
    ADVICE_INCREASE,
    ADVICE_HOLD,
    ADVICE_DOWN,
)


def text(rule_id: str) -> str:
    """The plain sentence of a rule (from ``rules.py``)."""
    return rule(rule_id).text
