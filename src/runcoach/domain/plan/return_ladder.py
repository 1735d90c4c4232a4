"""RETURN-LADDER: how fast a runner comes back to a weekly volume already held, after a break.

A break is a run of days without running (``signals.find_breaks``, 6 days or more). The ramp rules
(RAMP-WEEKLY, RAMP-BLOCK) measure *new* growth; a return to the volume held before the break
(``W_pre``, the mean of the 4 weeks before it) follows Daniels' Table 9.2 instead:

- 6–28 days off: a return period as long as the break (in whole weeks, at least one), its first
  half at 50 % of ``W_pre`` and its second half at 75 % (a week that straddles the halves holds
  the blend; a one-week return holds about 60 %);
- 29 days and more: phases at 33 %, 50 % and 75 %, each about a third of the return period
  (whole weeks, at least 1, at most 3);
- then one step to full volume of at most RAMP-WEEKLY's hard cap (× 1.30) over the last rung,
  the *exit rung*; after it the normal rules apply.

Every rung is an upper bound on the week's running (metres); rung weeks ask no quality (easy
running, strides allowed). Units: fractions of ``W_pre``.

Source: COACHING.md §7.2 (Daniels' Running Formula, Table 9.2 as transcribed); the exit step:
RAMP-WEEKLY's hard cap (Nielsen et al. 2014, DESIGN.md §5).
"""

from __future__ import annotations

from runcoach.domain.plan import rules


def ladder_shares(days: int) -> tuple[float, ...]:
    """The rungs of the return after ``days`` without running (oldest first), exit rung
    excluded; empty for a break of 5 days or less (nothing to come back from)."""
    if days < rules.RETURN_MIN_DAYS:
        return ()
    weeks = max(1, round(days / 7))
    if days <= rules.RETURN_SHORT_MAX_DAYS:
        first, second = rules.RETURN_SHORT_LOADS
        if weeks == 1:
            return (0.6,)  # 50 % early in the week, 75 % late
        half = weeks / 2
        out = []
        for i in range(weeks):
            share = max(0.0, min(1.0, half - i))  # share of week i in the first half
            out.append(round(first * share + second * (1 - share), 3))
        return tuple(out)
    per = min(max(weeks // 3, 1), rules.RETURN_PHASE_MAX_WEEKS)
    return tuple(f for f in rules.RETURN_LONG_LOADS for _ in range(per))


def exit_share(shares: tuple[float, ...]) -> float:
    """The exit rung after ``shares``: at most RAMP-WEEKLY's hard cap over the last rung."""
    return min(1.0, round(rules.RAMP_HARD_CAP * shares[-1], 3)) if shares else 1.0


def ladder(days: int) -> tuple[float, ...]:
    """Every rung of the return after ``days`` off, the exit rung last (empty: no return)."""
    shares = ladder_shares(days)
    return (*shares, exit_share(shares)) if shares else ()
