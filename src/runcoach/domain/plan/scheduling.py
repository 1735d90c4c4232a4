"""Which weekday holds what: running days, the long run, quality days and strength days.

The template is chosen once per plan and repeats every week (weeks are contiguous, so Sunday's long
run and Monday's session are neighbours: adjacency is cyclic). It respects DAYS (only available
days, exactly the requested number of running days, one day off unless 7) and HARD-DAYS (quality
days that may hold a hard session are never next to the long run or to each other); when no such
day exists, the second quality session is a soft kind (fartlek, progression), which HARD-DAYS
does not count.

Source: DESIGN.md §5 (DAYS, HARD-DAYS, STRENGTH); hard/easy principle (Daniels, Pfitzinger).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from runcoach.domain.athlete import WEEKDAYS, Weekday


def adjacent(a: int, b: int) -> bool:
    """True when weekdays ``a`` and ``b`` (0 = Monday) are next to each other, cyclically."""
    return (a - b) % 7 in (1, 6)


def _distance(a: int, b: int) -> int:
    d = (a - b) % 7
    return min(d, 7 - d)


@dataclass(frozen=True, slots=True)
class WeekTemplate:
    """The weekly pattern: running weekdays, long-run day, hard-capable quality days, the rest.

    Weekdays are 0 (Monday) … 6 (Sunday). ``hard_days`` are ordered by preference for the key
    session; ``easy_days`` are ordered so that the first ones are dropped last.
    """

    run_days: tuple[int, ...]
    long_day: int
    hard_days: tuple[int, ...]
    easy_days: tuple[int, ...]

    def quality_days(self, count: int) -> list[tuple[int, bool]]:
        """Up to ``count`` quality days as (weekday, may_be_hard), hard-capable ones first."""
        out = [(d, True) for d in self.hard_days[:count]]
        if len(out) < count:
            for d in self.easy_days:
                if len(out) >= count:
                    break
                if all(d != o for o, _ in out):
                    out.append((d, False))
        return out


def _adjacent_pairs(days: Sequence[int]) -> int:
    return sum(1 for a, b in combinations(days, 2) if adjacent(a, b))


def _hard_choice(run_days: Sequence[int], long_day: int) -> tuple[int, ...]:
    candidates = [d for d in run_days if d != long_day and not adjacent(d, long_day)]
    best: tuple[int, ...] = ()
    best_key: tuple[int, ...] = (-1,)
    for size in (2, 1):
        for combo in combinations(candidates, size):
            if any(adjacent(a, b) for a, b in combinations(combo, 2)):
                continue
            spread = min(_distance(d, long_day) for d in combo)
            apart = min((_distance(a, b) for a, b in combinations(combo, 2)), default=7)
            key = (size, min(spread, apart), spread, -combo[0])
            if key > best_key:
                best, best_key = combo, key
        if best:
            break
    # Key session first: the one furthest from the long run (mid-week), then by weekday.
    return tuple(sorted(best, key=lambda d: (-_distance(d, long_day), d)))


def make_template(
    days_per_week: int, available: Iterable[Weekday], long_day: Weekday | None
) -> WeekTemplate:
    """Choose the weekly pattern for ``days_per_week`` running days among ``available`` days.

    The long run goes on ``long_day`` (default Sunday, else Saturday, else the last available
    day); the other running days are spread to avoid back-to-back days, and up to two quality days
    are chosen away from the long run and from each other.
    """
    avail = sorted({WEEKDAYS.index(d) for d in available})
    if long_day is not None:
        ld = WEEKDAYS.index(long_day)
    elif 6 in avail:
        ld = 6
    elif 5 in avail:
        ld = 5
    else:
        ld = avail[-1]
    others = [d for d in avail if d != ld]
    best: tuple[int, ...] = ()
    best_key: tuple[int, ...] | None = None
    for combo in combinations(others, days_per_week - 1):
        run_days = tuple(sorted((*combo, ld)))
        hard = _hard_choice(run_days, ld)
        rest_after_long = (ld + 1) % 7 not in run_days
        key = (len(hard), -_adjacent_pairs(run_days), rest_after_long, *(-d for d in run_days))
        if best_key is None or key > best_key:
            best, best_key = run_days, key
    hard = _hard_choice(best, ld)
    rest = [d for d in best if d != ld and d not in hard]
    # Easy days: those next to the long run are dropped first (kept last).
    easy = tuple(sorted(rest, key=lambda d: (adjacent(d, ld), _distance(d, ld) * -1, d)))
    return WeekTemplate(best, ld, hard, easy)
