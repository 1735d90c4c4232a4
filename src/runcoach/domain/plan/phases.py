"""The shape of a cycle: which week is run/walk, base, build, peak, taper or race, and which weeks
are down weeks (PHASES, DOWN-CADENCE, DOWN-COUNT, TAPER-BOSQUET, RUN-WALK-C25K).

Down weeks are spread evenly so that no more than ``max_streak`` training weeks (base, build, peak)
come in a row, the week before the taper is never a down week, and a marathon cycle of 12 weeks or
more holds at least two (in the run/walk weeks if there are no training weeks to hold them).

Source: Pfitzinger's mesocycles and down weeks every 4–5 weeks, Higdon every 3rd (COACHING.md
§6.1, §6.4); Bosquet et al. 2007 (taper, §7.1); NHS Couch to 5K (§7.3).
"""

from __future__ import annotations

from dataclasses import dataclass

from runcoach.domain.plan import rules
from runcoach.domain.plan.model import Phase

#: Taper weeks before race week, by race (Pfitzinger 3-week marathon taper; 2 weeks for the half
#: counting race week; one lighter week before a 5K/10K race week).
TAPER_WEEKS = {"marathon": 2, "half": 1, "10k": 1, "5k": 1}
RUN_WALK_STAGES = 9


@dataclass(frozen=True, slots=True)
class WeekSlot:
    """One week of the layout: phase, down week or not, and where it sits in its phase (0–1)."""

    phase: Phase
    is_down: bool
    progress: float
    stage: int = 0  # run/walk stage (1–9) for run_walk weeks


def _split(b: int, race: str | None) -> tuple[int, int, int]:
    """(base, build, peak) weeks out of ``b`` training weeks."""
    if race is None:
        return b, 0, 0
    if b <= 0:
        return 0, 0, 0
    if b == 1:
        return 0, 0, 1
    if b == 2:
        return 0, 1, 1
    if b == 3:
        return 1, 1, 1
    peak = min(4, max(1, round(b * 0.2)))
    build_share = 0.5 if race in ("5k", "10k") else 0.45
    build = max(1, round((b - peak) * build_share))
    return b - peak - build, build, peak


def _down_positions(
    weeks: int, max_streak: int, required: int, streak_before: int = 0, *, end_free: bool = False
) -> list[int]:
    """0-based positions of down weeks among ``weeks`` training weeks, evenly spread.

    Streaks of non-down weeks are at most ``max_streak`` long (the first one at most
    ``max_streak − streak_before``), the fewest down weeks that allow it (at least ``required``),
    and the last week is never a down week unless a fixed down week follows (``end_free``).
    """
    first_cap = max(max_streak - streak_before, 0)
    # First try with at least one training week before the first down week; when the streak
    # before leaves no room for that (e.g. a B race early in the next cycle), a down week may
    # come first.
    # ``end_free``: a fixed down week follows the stretch, so its last week may be one too.
    attempts = [(0 if first_cap == 0 else 1, 1), (0, 1)] + ([(0, 0)] if end_free else [])
    for first_floor, last_floor in attempts:
        positions = _spread_downs(weeks, max_streak, required, first_cap, first_floor, last_floor)
        if positions is not None:
            return positions
    return []


def _spread_downs(
    weeks: int, max_streak: int, required: int, first_cap: int, first_floor: int, last_floor: int
) -> list[int] | None:
    for k in range(0, weeks + 1):
        if k < required and k < (weeks - 1) // 2:
            continue
        up = weeks - k
        caps = [first_cap] + [max_streak] * k
        if sum(caps) < up:
            continue
        floors = [first_floor] + [1] * k
        if k:
            floors[-1] = last_floor
        if sum(floors) > up:
            continue
        streaks = [min(c, max(f, up // (k + 1))) for c, f in zip(caps, floors, strict=True)]
        i = 0
        while sum(streaks) < up:
            if streaks[i % (k + 1)] < caps[i % (k + 1)]:
                streaks[i % (k + 1)] += 1
            i += 1
        while sum(streaks) > up:
            j = max(range(k + 1), key=lambda x: (streaks[x] - floors[x], x))
            streaks[j] -= 1
        positions, pos = [], 0
        for s in streaks[:-1]:
            pos += s
            positions.append(pos)
            pos += 1
        return positions
    return None


def layout(
    n_weeks: int,
    race: str | None,
    *,
    max_streak: int,
    run_walk: bool,
    start_stage: int = 1,
    streak_before: int = 0,
    fixed_downs: frozenset[int] = frozenset(),
) -> list[WeekSlot]:
    """The weeks of a cycle of ``n_weeks`` (race week included when ``race`` is given).

    ``run_walk``: start with run/walk stages from ``start_stage`` (RUN-WALK-C25K). When the stages
    do not fit before the taper, every week but the race is run/walk (the race is run/walked).
    ``streak_before``: training weeks without a down week just before this cycle.
    ``fixed_downs``: 0-based week indexes that must be down weeks (weeks of a B race).
    """
    taper = TAPER_WEEKS[race] if race else 0
    tail = taper + (1 if race else 0)
    rw = 0
    if run_walk:
        rw = min(RUN_WALK_STAGES - start_stage + 1, max(n_weeks - tail, 0))
    b = max(n_weeks - tail - rw, 0)
    base, build, peak = _split(b, race)
    required = (
        rules.DOWN_COUNT_MIN if race == "marathon" and n_weeks >= rules.DOWN_COUNT_MIN_WEEKS else 0
    )
    fixed = sorted(p - rw for p in fixed_downs if rw <= p < rw + b)
    downs = set(fixed)
    # Spread the other down weeks in the stretches between the fixed ones.
    bounds = [-1, *fixed, b]
    for k in range(len(bounds) - 1):
        lo, hi = bounds[k] + 1, bounds[k + 1]
        before = streak_before if k == 0 else 0
        need = max(required - len(downs), 0) if k == len(bounds) - 2 else 0
        end_free = k < len(bounds) - 2  # a fixed down week (a B race) follows
        downs |= {
            lo + p for p in _down_positions(hi - lo, max_streak, need, before, end_free=end_free)
        }
    missing = required - len(downs)
    slots: list[WeekSlot] = []
    rw_downs: set[int] = set()
    if missing > 0 and rw >= 4:
        step = rw // (missing + 1)
        rw_downs = {step * (j + 1) for j in range(missing) if step * (j + 1) > 1}
    stage = start_stage
    for i in range(rw):
        is_down = i in rw_downs
        slots.append(WeekSlot("run_walk", is_down, i / max(rw - 1, 1), stage))
        if not is_down:
            stage += 1
    base_phase: list[Phase] = ["base"]
    build_phase: list[Phase] = ["build"]
    peak_phase: list[Phase] = ["peak"]
    phases: list[Phase] = base_phase * base + build_phase * build + peak_phase * peak
    counts = {"base": base, "build": build, "peak": peak}
    seen = {"base": 0, "build": 0, "peak": 0}
    for j, ph in enumerate(phases):
        progress = seen[ph] / max(counts[ph] - 1, 1)
        seen[ph] += 1
        slots.append(WeekSlot(ph, j in downs, progress))
    for j in range(taper):
        slots.append(WeekSlot("taper", False, j / max(taper - 1, 1)))
    if race:
        slots.append(WeekSlot("race", False, 1.0))
    if not race and rw and len(slots) < n_weeks:
        slots += [WeekSlot("base", False, 1.0)] * (n_weeks - len(slots))
    return slots[:n_weeks] if race is None else slots
