"""The safety invariants of DESIGN.md §5 as predicates that return violations.

Used by the property tests, by ``runcoach plan check FILE`` (any plan, including a coach's CSV),
by the generator (which asserts that its plan is clean) and by adaptation (issue 5). The limit
functions (:func:`weekly_ramp_limit`, :func:`block_limit`, ...) are the single definition of each
number: the generator builds with them, the checks verify with them.

Definitions (DESIGN.md §5; numbers in ``rules.py``): units metres; ``V[w]`` is the sum of the run
distances of week ``w`` without the goal races; ``W0`` is the runner's weekly volume before the
plan (every week before the plan counts as ``W0`` unless a history is given) and ``L0`` the longest
run of the 30 days before it. The goal races are the plan's ``race`` and ``races`` (for a plan
without them, every session of kind ``race``); they are left out of ``V`` and exempt from
SPIKE-30D, INTENSITY and the run-day rule of DAYS, and the peak week is the largest ``V``.
Distances compare with a tolerance of 1 m (the JSON rounds to 0.1 m).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from runcoach.domain.plan import rules
from runcoach.domain.plan.model import HARD_KINDS, Plan, Session, Week
from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M

#: Kinds that count as a quality session (TAPER, BASE-STIMULUS).
QUALITY_KINDS: frozenset[str] = frozenset(
    {
        "hills",
        "fartlek",
        "tempo",
        "threshold",
        "intervals",
        "repetition",
        "marathon_pace",
        "progression",
    }
)
STIMULUS_TAGS: frozenset[str] = frozenset({"strides", "hill_sprints"})
#: Zones that count as quality running for LEVER-ONE.
QUALITY_ZONES: tuple[str, ...] = ("M", "T", "I", "R")
_TRAINING_PHASES = frozenset({"base", "build", "peak"})
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule: its id, the plan week (1-based) and date where it happens, and why."""

    rule: str
    week: int | None
    date: date | None
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "week": self.week,
            "date": None if self.date is None else self.date.isoformat(),
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class ReturnRung:
    """One week of a return after a break (RETURN-LADDER): the plan week starting
    ``week_start`` holds at most ``share`` × ``before_m`` (the mean weekly volume of the 4 weeks
    before the break) and no quality. ``rung`` is its place in the ladder (1-based) of ``rungs``
    (the last one the exit step); ``break_days`` the length of the break."""

    week_start: date
    share: float
    before_m: float
    break_days: int
    rung: int
    rungs: int

    @property
    def cap_m(self) -> float:
        """The most this week may run (m)."""
        return self.share * self.before_m

    def counted_m(self, volume_m: float, done: float = 1.0) -> float:
        """What this week counts for the ramp rules: ``before_m`` (a return is judged against
        what the runner held), in proportion to the share ``done`` of the planned week that was
        run (running less than planned lowers the base), never less than ``volume_m``."""
        return max(volume_m, self.before_m * max(0.0, min(done, 1.0)))


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What the checks need to know about the runner besides the plan itself.

    ``history_volumes_m`` are the weekly volumes before the plan, oldest first (default: ``W0``
    for every week); ``history_runs`` are dated runs before the plan (for SPIKE-30D; ``L0`` always
    counts as a run the day before the start); ``history_quality_m`` the quality metres of the
    weeks before (unknown by default); ``down_streak`` the weeks without a down week just before
    the plan. ``days_per_week`` None means "infer from the plan" (a coach's file).
    ``return_rungs`` are the plan weeks of a return after a break (RETURN-LADDER; the history
    volumes then already count such weeks as :meth:`ReturnRung.counted_m`).
    """

    weekly_volume_m: float
    longest_run_m: float
    days_per_week: int | None = None
    available_days: tuple[str, ...] = ()
    age: int | None = None
    injury_prone: bool = False
    beginner: bool = False
    history_volumes_m: tuple[float, ...] = ()
    history_runs: tuple[tuple[date, float], ...] = ()
    history_quality_m: tuple[float, ...] = ()
    down_streak: int = 0
    return_rungs: tuple[ReturnRung, ...] = ()
    check_reasons: bool = True
    check_strength: bool = True

    @property
    def gentle(self) -> bool:
        """Masters (≥ 50) or injury-prone: the shorter down-week cadence."""
        return self.injury_prone or (self.age is not None and self.age >= rules.MASTERS_AGE)

    @property
    def max_streak(self) -> int:
        """Most consecutive non-down weeks allowed (DOWN-CADENCE)."""
        return rules.DOWN_MAX_STREAK_GENTLE if self.gentle else rules.DOWN_MAX_STREAK


# --- limits shared with the generator -----------------------------------------------------------


def weekly_ramp_limit(previous_max_m: float, running_days: int) -> float:
    """RAMP-WEEKLY: the largest volume (m) a week may have after a 3-week high of ``previous_max_m``.

    Source: DESIGN.md §5 — max(1.10 × M, M + 1.6 km per running day), never above 1.30 × M
    (Daniels' Running Formula §1.5; Nielsen et al. 2014).
    """
    m = previous_max_m
    grown = max(rules.RAMP_WEEKLY_FACTOR * m, m + rules.RAMP_PER_RUNNING_DAY_M * running_days)
    return min(rules.RAMP_HARD_CAP * m, grown)


def block_limit(previous_block_mean_m: float, last_three_sum_m: float) -> float:
    """RAMP-BLOCK: the largest volume (m) this week may have given the 3 weeks before it.

    mean(V[w−3..w]) ≤ 1.25 × mean(V[w−7..w−4]) ⇔ V[w] ≤ 4 × 1.25 × previous mean − last three.
    Source: DESIGN.md §5 (month-to-month growth ≤ 25 %).
    """
    return (
        rules.RAMP_BLOCK_WEEKS * rules.RAMP_BLOCK_FACTOR * previous_block_mean_m - last_three_sum_m
    )


def spike_limit(reference_m: float) -> float:
    """SPIKE-30D: the longest run (m) allowed after a 30-day longest run of ``reference_m``.

    Source: Garmin-RUNSAFE, Br J Sports Med 2025 (COACHING.md §5.1).
    """
    return rules.SPIKE_FACTOR * reference_m


def week_quality_limit(volume_m: float) -> float:
    """INTENSITY: the most T+I+R metres a week of ``volume_m`` may hold (20 % + 2 km)."""
    return rules.INTENSITY_WEEK_SHARE * volume_m + rules.INTENSITY_WEEK_EXTRA_M


def session_zone_limits(volume_m: float) -> dict[str, float]:
    """INTENSITY: the most metres one session may hold at I, R and M in a week of ``volume_m``.

    Source: Daniels' Running Formula session limits (COACHING.md §1.4): I ≤ min(10 km, max(8 %,
    3 km)), R ≤ min(8 km, max(5 %, 2 km)), M ≤ min(29 km, 25 % + 2 km).
    """
    v = volume_m
    return {
        "I": min(
            rules.INTENSITY_I_MAX_M, max(rules.INTENSITY_I_SHARE * v, rules.INTENSITY_I_FLOOR_M)
        ),
        "R": min(
            rules.INTENSITY_R_MAX_M, max(rules.INTENSITY_R_SHARE * v, rules.INTENSITY_R_FLOOR_M)
        ),
        "M": min(rules.INTENSITY_M_MAX_M, rules.INTENSITY_M_SHARE * v + rules.INTENSITY_M_EXTRA_M),
    }


def down_depth_bounds(previous_max_m: float, days_per_week: int) -> tuple[float, float, bool]:
    """DOWN-CADENCE: (lowest, highest) depth of a down week, and whether it may drop a run.

    A down week is 15–35 % below the highest of the previous 3 weeks; a runner on ≤ 4 days and
    ≤ 40 km/week may drop one run instead, 15–45 % below. Source: DESIGN.md §5; COACHING.md §6.4.
    """
    drop_run = (
        days_per_week <= rules.DOWN_DROP_RUN_MAX_DAYS
        and previous_max_m <= rules.DOWN_DROP_RUN_MAX_VOLUME_M + rules.TOLERANCE_M
    )
    high = rules.DOWN_DROP_RUN_DEPTH_MAX if drop_run else rules.DOWN_DEPTH_MAX
    return rules.DOWN_DEPTH_MIN, high, drop_run


def long_20mi_weeks(segment_start: date, race_date: date) -> tuple[int, int]:
    """LONG-20MI: (n, s) — whole weeks from the start to 21 days before the race, and long-run steps.

    s = n − ceil(n/5) (one step lost to a down week in every 5). Source: DESIGN.md §5.
    """
    days = (race_date - timedelta(days=rules.LONG_20MI_LATEST_DAYS) - segment_start).days
    n = max(0, days // 7)
    return n, n - math.ceil(n / 5)


def long_20mi_reachable(
    segment_start: date, race_date: date, weekly_volume_m: float, longest_run_m: float
) -> bool:
    """LONG-20MI: is a 32 km run reachable, i.e. L0 × 1.1^s ≥ 32 km and W0 × 1.2^(n/4) ≥ 64 km?

    Source: DESIGN.md §5 (the plan must then hold one 3–7 weeks before race day).
    """
    n, s = long_20mi_weeks(segment_start, race_date)
    if n <= 0:
        return False
    long_ok = longest_run_m * rules.LONG_20MI_LONG_GROWTH**s >= rules.LONG_20MI_M
    volume_ok = (
        weekly_volume_m * rules.LONG_20MI_VOLUME_GROWTH_PER_4_WEEKS ** (n / 4)
        >= rules.LONG_20MI_VOLUME_M
    )
    return long_ok and volume_ok


def is_long_race(distance_m: float) -> bool:
    """Half marathon and longer use the 13-day TAPER rule; shorter races the 7-day one."""
    return distance_m >= HALF_MARATHON_M - 100.0


def is_marathon(distance_m: float) -> bool:
    """True for a marathon (LONG-20MI, DOWN-COUNT)."""
    return abs(distance_m - MARATHON_M) < 200.0


# --- the plan as the checks see it --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoalRace:
    """A goal race of the plan: its date, distance and priority."""

    date: date
    distance_m: float
    priority: str = "A"


@dataclass(slots=True)
class _View:
    plan: Plan
    ctx: CheckContext
    goals: tuple[GoalRace, ...]
    goal_dates: frozenset[date]
    volumes: list[float] = field(default_factory=list)
    quality: list[float] = field(default_factory=list)
    running_days: list[int] = field(default_factory=list)
    run_counts: list[int] = field(default_factory=list)
    prior_volumes: list[float] = field(default_factory=list)
    counted: list[float] = field(default_factory=list)

    def is_goal(self, s: Session) -> bool:
        return s.kind == "race" and s.date in self.goal_dates

    def training_runs(self, week: Week) -> list[Session]:
        return [s for s in week.sessions if s.is_run and not self.is_goal(s)]

    def v_before(self, i: int, k: int) -> float:
        """V of the week k weeks before plan week i (0-based), history or W0 before the plan.

        A week of a return (RETURN-LADDER) counts as :meth:`ReturnRung.counted_m` when it is
        before week i (k ≥ 1), as the history does."""
        j = i - k
        if j >= 0:
            return self.volumes[j] if k == 0 else self.counted[j]
        h = len(self.prior_volumes) + j
        return self.prior_volumes[h] if h >= 0 else self.ctx.weekly_volume_m

    def previous_max(self, i: int) -> float:
        return max(self.v_before(i, k) for k in range(1, rules.RAMP_LOOKBACK_WEEKS + 1))


def goal_races(plan: Plan) -> tuple[GoalRace, ...]:
    """The plan's goal races (its ``race`` and ``races``; else every race session), by date."""
    found: dict[date, GoalRace] = {}
    for r in (plan.race, *plan.races):
        if r is not None:
            found[r.date] = GoalRace(r.date, r.distance_m, r.priority)
    if not found:
        for s in plan.sessions:
            if s.kind == "race":
                found[s.date] = GoalRace(s.date, s.distance_m, "A")
    return tuple(found[d] for d in sorted(found))


def _view(plan: Plan, ctx: CheckContext) -> _View:
    goals = goal_races(plan)
    v = _View(plan, ctx, goals, frozenset(g.date for g in goals))
    v.prior_volumes = list(ctx.history_volumes_m)
    rungs = {r.week_start: r for r in ctx.return_rungs}
    for week in plan.weeks:
        runs = v.training_runs(week)
        v.volumes.append(sum(s.distance_m for s in runs))
        rung = rungs.get(week.start_date)
        v.counted.append(v.volumes[-1] if rung is None else rung.counted_m(v.volumes[-1]))
        v.quality.append(sum(s.zone_m(z) for s in runs for z in QUALITY_ZONES))
        v.running_days.append(len({s.date for s in runs}))
        v.run_counts.append(len(runs))
    return v


# --- the checks ---------------------------------------------------------------------------------


def check_ramp_weekly(v: _View) -> list[Violation]:
    """RAMP-WEEKLY: V[w] ≤ min(1.30 M, max(1.10 M, M + 1.6 km × running days))."""
    out = []
    for i, week in enumerate(v.plan.weeks):
        m = v.previous_max(i)
        limit = weekly_ramp_limit(m, v.running_days[i])
        if v.volumes[i] > limit + rules.TOLERANCE_M:
            out.append(
                Violation(
                    "RAMP-WEEKLY",
                    week.index,
                    week.start_date,
                    f"week {week.index} runs {_km(v.volumes[i])}, more than the {_km(limit)} "
                    f"allowed after a 3-week high of {_km(m)} "
                    f"(+{_pct(v.volumes[i], m)}).",
                )
            )
    return out


def check_ramp_block(v: _View) -> list[Violation]:
    """RAMP-BLOCK: mean(V[w−3..w]) ≤ 1.25 × mean(V[w−7..w−4])."""
    out = []
    n = rules.RAMP_BLOCK_WEEKS
    for i, week in enumerate(v.plan.weeks):
        last = [v.v_before(i, k) for k in range(0, n)]
        prev = [v.v_before(i, k) for k in range(n, 2 * n)]
        last_mean, prev_mean = sum(last) / n, sum(prev) / n
        if last_mean > rules.RAMP_BLOCK_FACTOR * prev_mean + rules.TOLERANCE_M:
            out.append(
                Violation(
                    "RAMP-BLOCK",
                    week.index,
                    week.start_date,
                    f"the 4 weeks to week {week.index} average {_km(last_mean)}, "
                    f"{_pct(last_mean, prev_mean)} above the 4 weeks before ({_km(prev_mean)}); "
                    "the limit is 25 %.",
                )
            )
    return out


def check_return_ladder(v: _View) -> list[Violation]:
    """RETURN-LADDER: a return week holds at most its rung's share of the volume before the
    break, and no quality (easy running; strides allowed)."""
    out = []
    rungs = {r.week_start: r for r in v.ctx.return_rungs}
    for i, week in enumerate(v.plan.weeks):
        rung = rungs.get(week.start_date)
        if rung is None:
            continue
        where = (
            f"week {week.index} is week {rung.rung} of {rung.rungs} of the return after "
            f"{rung.break_days} days without running"
        )
        if v.volumes[i] > rung.cap_m + rules.TOLERANCE_M:
            out.append(
                Violation(
                    "RETURN-LADDER",
                    week.index,
                    week.start_date,
                    f"{where}: it runs {_km(v.volumes[i])}, more than {_km(rung.cap_m)} "
                    f"({rung.share * 100:.0f} % of the {_km(rung.before_m)} a week before it).",
                )
            )
        quality = [
            s
            for s in v.training_runs(week)
            if s.kind in QUALITY_KINDS
            or any(s.zone_m(z) > rules.TOLERANCE_M for z in ("M", "T", "I"))
            or (s.zone_m("R") > rules.TOLERANCE_M and "strides" not in s.tags)
        ]
        if quality:
            out.append(
                Violation(
                    "RETURN-LADDER",
                    week.index,
                    quality[0].date,
                    f"{where}: it asks for quality ({quality[0].kind} on "
                    f"{quality[0].date.isoformat()}); a return runs easy (strides allowed).",
                )
            )
    return out


def _dated_runs(v: _View) -> list[tuple[date, float, Session | None]]:
    runs: list[tuple[date, float, Session | None]] = [(d, m, None) for d, m in v.ctx.history_runs]
    runs.append((v.plan.start_date - timedelta(days=1), v.ctx.longest_run_m, None))
    for s in v.plan.sessions:
        if s.is_run:
            runs.append((s.date, s.distance_m, s))
    runs.sort(key=lambda r: r[0])
    return runs


def longest_before(runs: Sequence[tuple[date, float]], day: date) -> float:
    """The longest run (m) dated in the 30 days before ``day`` (``day`` itself excluded)."""
    lo = day - timedelta(days=rules.SPIKE_WINDOW_DAYS)
    return max((m for d, m in runs if lo <= d < day), default=0.0)


def check_spike(v: _View) -> list[Violation]:
    """SPIKE-30D: no run but the goal race > 110 % of the longest run of the 30 days before it."""
    out = []
    runs = _dated_runs(v)
    plain = [(d, m) for d, m, _ in runs]
    for d, m, s in runs:
        if s is None or v.is_goal(s):
            continue
        ref = longest_before(plain, d)
        if m > spike_limit(ref) + rules.TOLERANCE_M:
            week = v.plan.week_of(d)
            out.append(
                Violation(
                    "SPIKE-30D",
                    week.index if week else None,
                    d,
                    f"the {_km(m)} run on {d.isoformat()} is {_pct(m, ref)} longer than the "
                    f"longest run of the 30 days before it ({_km(ref)}); the limit is 10 %.",
                )
            )
    return out


def check_down_cadence(v: _View) -> list[Violation]:
    """DOWN-CADENCE: ≤ 4 (3) non-down weeks in a row in base/build/peak; down weeks 15–35 % below.

    A runner on ≤ 4 days and ≤ 40 km/week may take the down week by dropping a run (15–45 %
    below the highest of the 3 weeks before); either form is accepted.
    """
    out = []
    streak = v.ctx.down_streak
    days = v.ctx.days_per_week or max(v.running_days, default=0)
    for i, week in enumerate(v.plan.weeks):
        if week.is_down_week:
            m = v.previous_max(i)
            low, high, drop_run = down_depth_bounds(m, days)
            depth = 1 - v.volumes[i] / m if m > 0 else 0.0
            ok_depth = low - 1e-9 <= depth <= rules.DOWN_DEPTH_MAX + 1e-9
            prev_runs = max((v.run_counts[j] for j in range(max(0, i - 3), i)), default=days)
            if drop_run and not ok_depth:
                ok_depth = low - 1e-9 <= depth <= high + 1e-9 and v.run_counts[i] < prev_runs
            if not ok_depth:
                out.append(
                    Violation(
                        "DOWN-CADENCE",
                        week.index,
                        week.start_date,
                        f"down week {week.index} runs {_km(v.volumes[i])}, "
                        f"{depth * 100:.0f} % below the 3-week high of {_km(m)}; a down week is "
                        f"{low * 100:.0f}–{rules.DOWN_DEPTH_MAX * 100:.0f} % below"
                        + (f" ({high * 100:.0f} % when it drops one run)." if drop_run else "."),
                    )
                )
        if week.phase in _TRAINING_PHASES:
            if week.is_down_week:
                streak = 0
            else:
                streak += 1
                if streak > v.ctx.max_streak:
                    out.append(
                        Violation(
                            "DOWN-CADENCE",
                            week.index,
                            week.start_date,
                            f"week {week.index} is the {_ordinal(streak)} week in a row without "
                            f"a down week; the limit is {v.ctx.max_streak}"
                            + (" at 50 and over or when injury-prone." if v.ctx.gentle else "."),
                        )
                    )
        else:
            streak = 0
    return out


@dataclass(frozen=True, slots=True)
class Segment:
    """The part of a plan that prepares one goal race: from its start to the race week."""

    race: GoalRace
    start_index: int  # 0-based index of the first week of the segment
    race_index: int  # 0-based index of the week holding the race

    def start_date(self, plan: Plan) -> date:
        return plan.weeks[self.start_index].start_date


def segments(plan: Plan, goals: Sequence[GoalRace] | None = None) -> list[Segment]:
    """Split the plan into one segment per A race.

    A segment starts at the plan start, or after the previous A race at the first week that is
    neither its race week nor a recovery week (DESIGN.md §5 applies per race cycle).
    """
    goals = goal_races(plan) if goals is None else goals
    out: list[Segment] = []
    next_start = 0
    for g in goals:
        if g.priority != "A":
            continue
        week = plan.week_of(g.date)
        if week is None:
            continue
        race_index = week.index - 1
        out.append(Segment(g, min(next_start, race_index), race_index))
        j = race_index + 1
        while j < len(plan.weeks) and plan.weeks[j].phase == "recovery":
            j += 1
        next_start = j
    return out


def segment_start_state(v: _View, seg: Segment) -> tuple[float, float]:
    """(W, L) at a segment start: mean V of the 4 weeks before it, and the longest non-race run of
    the 30 days before it (W0 and L0 at the plan start).

    A later segment of a season starts after a race and its recovery: there L is the longest run
    (the race included) that still counts for SPIKE-30D at the end of the segment's first week —
    what its long runs can really build from (a run 4 weeks back has expired by then).
    """
    i = seg.start_index
    w = sum(v.v_before(i, k) for k in range(1, 5)) / 4
    start = seg.start_date(v.plan)
    if i > 0:
        lo = start - timedelta(days=rules.SPIKE_WINDOW_DAYS - 6)
        usable = [m for d, m, _ in _dated_runs(v) if lo <= d < start]
        return w, max(usable, default=0.0)
    runs = [(d, m) for d, m, s in _dated_runs(v) if s is None or not v.is_goal(s)]
    return w, longest_before(runs, start)


def check_down_count(v: _View) -> list[Violation]:
    """DOWN-COUNT: a marathon plan (segment) of ≥ 12 weeks has ≥ 2 down weeks before its taper."""
    out = []
    for seg in segments(v.plan, v.goals):
        if not is_marathon(seg.race.distance_m):
            continue
        weeks = v.plan.weeks[seg.start_index : seg.race_index + 1]
        if len(weeks) < rules.DOWN_COUNT_MIN_WEEKS:
            continue
        downs = 0
        for w in weeks:
            if w.phase in ("taper", "race"):
                break
            downs += w.is_down_week
        if downs < rules.DOWN_COUNT_MIN:
            out.append(
                Violation(
                    "DOWN-COUNT",
                    weeks[0].index,
                    weeks[0].start_date,
                    f"the {len(weeks)}-week marathon build to {seg.race.date.isoformat()} has "
                    f"{downs} down week(s) before the taper; it needs at least "
                    f"{rules.DOWN_COUNT_MIN}.",
                )
            )
    return out


def check_long_20mi(v: _View) -> list[Violation]:
    """LONG-20MI: a ≥ 32 km run 3–7 weeks before a marathon whenever reachable, else a warning."""
    out = []
    for seg in segments(v.plan, v.goals):
        if not is_marathon(seg.race.distance_m):
            continue
        start = seg.start_date(v.plan)
        w, lng = segment_start_state(v, seg)
        race_day = seg.race.date
        if long_20mi_reachable(start, race_day, w, lng):
            lo = race_day - timedelta(days=rules.LONG_20MI_EARLIEST_DAYS)
            hi = race_day - timedelta(days=rules.LONG_20MI_LATEST_DAYS)
            found = any(
                s.is_run
                and not v.is_goal(s)
                and lo <= s.date <= hi
                and s.distance_m >= rules.LONG_20MI_M - rules.TOLERANCE_M
                for s in v.plan.sessions
            )
            if not found:
                out.append(
                    Violation(
                        "LONG-20MI",
                        None,
                        race_day,
                        f"no run of 32 km or more between {lo.isoformat()} and "
                        f"{hi.isoformat()} (3–7 weeks before the marathon), although one is "
                        f"reachable from {_km(w)} a week and a {_km(lng)} longest run.",
                    )
                )
        elif not any("LONG" in w_.rule for w_ in v.plan.warnings):
            out.append(
                Violation(
                    "LONG-20MI",
                    None,
                    race_day,
                    "a 32 km run is not reachable before this marathon and the plan does not "
                    "warn about it (a warning whose rule contains LONG).",
                )
            )
    return out


def check_long_max(v: _View) -> list[Violation]:
    """LONG-MAX: no run but the race > 35.5 km unless the peak week ≥ 80 km; none > 38.7 km."""
    out = []
    peak = max(v.volumes, default=0.0)
    for week in v.plan.weeks:
        for s in v.training_runs(week):
            limit = rules.LONG_MAX_ABSOLUTE_M
            if peak < rules.LONG_MAX_PEAK_WEEK_M - rules.TOLERANCE_M:
                limit = rules.LONG_MAX_M
            if s.distance_m > limit + rules.TOLERANCE_M:
                out.append(
                    Violation(
                        "LONG-MAX",
                        week.index,
                        s.date,
                        f"the {_km(s.distance_m)} run on {s.date.isoformat()} is longer than "
                        f"{_km(limit)}"
                        + (
                            f" (the peak week is {_km(peak)}, under 80 km)."
                            if limit == rules.LONG_MAX_M
                            else "."
                        ),
                    )
                )
    return out


def check_taper(v: _View) -> list[Violation]:
    """TAPER: 13 days before a half/marathon hold 40–60 % of two peak weeks, with a quality
    session in the last 14 days; before a 5K/10K the last 7 days hold ≤ 80 % of the peak."""
    out = []
    for seg in segments(v.plan, v.goals):
        race_day = seg.race.date
        peak = max(v.volumes[seg.start_index : seg.race_index + 1], default=0.0)
        if peak <= 0:
            continue
        runs = [s for s in v.plan.sessions if s.is_run and not v.is_goal(s)]
        week = seg.race_index + 1
        if is_long_race(seg.race.distance_m):
            lo = race_day - timedelta(days=rules.TAPER_WINDOW_DAYS)
            total = sum(s.distance_m for s in runs if lo <= s.date < race_day)
            share = total / (2 * peak)
            if not rules.TAPER_MIN - 1e-9 <= share <= rules.TAPER_MAX + 1e-9:
                out.append(
                    Violation(
                        "TAPER",
                        week,
                        race_day,
                        f"the 13 days before the race on {race_day.isoformat()} hold "
                        f"{_km(total)}, {share * 100:.0f} % of two peak weeks ({_km(2 * peak)}); "
                        "a taper holds 40–60 %.",
                    )
                )
            q_lo = race_day - timedelta(days=rules.TAPER_QUALITY_DAYS)
            if not any(
                q_lo <= s.date < race_day and s.kind in QUALITY_KINDS for s in v.plan.sessions
            ):
                out.append(
                    Violation(
                        "TAPER",
                        week,
                        race_day,
                        f"no quality session in the 14 days before the race on "
                        f"{race_day.isoformat()}; a taper keeps intensity.",
                    )
                )
        else:
            lo = race_day - timedelta(days=rules.TAPER_SHORT_DAYS)
            total = sum(s.distance_m for s in runs if lo <= s.date < race_day)
            if total > rules.TAPER_SHORT_MAX * peak + rules.TOLERANCE_M:
                out.append(
                    Violation(
                        "TAPER",
                        week,
                        race_day,
                        f"the 7 days before the race on {race_day.isoformat()} hold "
                        f"{_km(total)}, more than 80 % of the peak week ({_km(peak)}).",
                    )
                )
    return out


def check_intensity(v: _View) -> list[Violation]:
    """INTENSITY: T+I+R ≤ 20 % of V + 2 km a week; per-session caps at I, R and M."""
    out = []
    for i, week in enumerate(v.plan.weeks):
        vol = v.volumes[i]
        runs = v.training_runs(week)
        tir = sum(s.zone_m(z) for s in runs for z in ("T", "I", "R"))
        if tir > week_quality_limit(vol) + rules.TOLERANCE_M:
            out.append(
                Violation(
                    "INTENSITY",
                    week.index,
                    week.start_date,
                    f"week {week.index} holds {_km(tir)} at T, I and R pace, more than 20 % of "
                    f"{_km(vol)} + 2 km ({_km(week_quality_limit(vol))}).",
                )
            )
        caps = session_zone_limits(vol)
        for s in runs:
            for zone, cap in caps.items():
                if s.zone_m(zone) > cap + rules.TOLERANCE_M:
                    out.append(
                        Violation(
                            "INTENSITY",
                            week.index,
                            s.date,
                            f"the {s.kind} on {s.date.isoformat()} holds {_km(s.zone_m(zone))} "
                            f"at {zone} pace; one session may hold {_km(cap)} in a "
                            f"{_km(vol)} week.",
                        )
                    )
    return out


def check_lever_one(v: _View) -> list[Violation]:
    """LEVER-ONE (INTENSITY's last clause): volume and quality are not both raised in one week.

    Raised = above the highest of the previous 3 weeks (by more than 1 m). Quality = metres at
    M, T, I and R without the goal race; before the plan it is unknown unless given, so the first
    week is never "raised" in intensity.
    """
    out = []
    prior_q = list(v.ctx.history_quality_m)
    for i, week in enumerate(v.plan.weeks):
        vol_raised = v.volumes[i] > v.previous_max(i) + rules.TOLERANCE_M
        prev_q = [
            v.quality[i - k] if i - k >= 0 else prior_q[len(prior_q) + i - k]
            for k in range(1, rules.RAMP_LOOKBACK_WEEKS + 1)
            if i - k >= 0 or len(prior_q) + i - k >= 0
        ]
        q_raised = bool(prev_q) and v.quality[i] > max(prev_q) + rules.TOLERANCE_M
        if vol_raised and q_raised:
            out.append(
                Violation(
                    "LEVER-ONE",
                    week.index,
                    week.start_date,
                    f"week {week.index} raises both volume ({_km(v.volumes[i])} over a 3-week "
                    f"high of {_km(v.previous_max(i))}) and quality running ({_km(v.quality[i])} "
                    f"over {_km(max(prev_q))}).",
                )
            )
    return out


def check_hard_days(v: _View) -> list[Violation]:
    """HARD-DAYS: no two consecutive days with a hard session."""
    hard = sorted({s.date for s in v.plan.sessions if s.kind in HARD_KINDS})
    out = []
    for a, b in pairwise(hard):
        if (b - a).days == 1:
            week = v.plan.week_of(b)
            out.append(
                Violation(
                    "HARD-DAYS",
                    week.index if week else None,
                    b,
                    f"hard sessions on {a.isoformat()} and {b.isoformat()}, two days in a row.",
                )
            )
    return out


def check_base_stimulus(v: _View) -> list[Violation]:
    """BASE-STIMULUS: from week 2 every base/build week holds a stimulus (strides, hills...)."""
    out = []
    for week in v.plan.weeks:
        if week.index < 2 or week.phase not in ("base", "build"):
            continue
        if not any(
            s.kind in QUALITY_KINDS or s.kind == "race" or STIMULUS_TAGS & set(s.tags)
            for s in week.sessions
        ):
            out.append(
                Violation(
                    "BASE-STIMULUS",
                    week.index,
                    week.start_date,
                    f"{week.phase} week {week.index} is all easy: it needs strides, hill "
                    "sprints, hills, a fartlek, a progression run or a quality session.",
                )
            )
    return out


def check_days(v: _View) -> list[Violation]:
    """DAYS: runs only on available days, no more running days than asked, one day off."""
    out = []
    available = set(v.ctx.available_days)
    requested = v.ctx.days_per_week
    for week in v.plan.weeks:
        run_days = sorted({s.date for s in week.sessions if s.is_run})
        if available:
            for s in week.sessions:
                if s.is_run and not v.is_goal(s) and _WEEKDAYS[s.date.weekday()] not in available:
                    out.append(
                        Violation(
                            "DAYS",
                            week.index,
                            s.date,
                            f"a run on {_WEEKDAYS[s.date.weekday()]} {s.date.isoformat()}, "
                            "which is not one of the available days.",
                        )
                    )
        if requested is not None and len(run_days) > requested:
            out.append(
                Violation(
                    "DAYS",
                    week.index,
                    week.start_date,
                    f"week {week.index} runs on {len(run_days)} days; {requested} were asked for.",
                )
            )
        if requested is not None and requested < 7 and len(run_days) >= 7:
            out.append(
                Violation(
                    "DAYS",
                    week.index,
                    week.start_date,
                    f"week {week.index} has no day without running.",
                )
            )
    return out


def check_strength(v: _View) -> list[Violation]:
    """STRENGTH: 2 sessions in base/build weeks (1 for beginners), 1 in peak, ≤ 1 in race week,
    none in the 2 days before a goal race, no heavy lower-body work the day before a hard day."""
    out = []
    hard_days = {s.date for s in v.plan.sessions if s.kind in HARD_KINDS}
    minimum = {
        "base": rules.STRENGTH_BEGINNER if v.ctx.beginner else rules.STRENGTH_BASE_BUILD,
        "build": rules.STRENGTH_BEGINNER if v.ctx.beginner else rules.STRENGTH_BASE_BUILD,
        "peak": rules.STRENGTH_PEAK,
    }
    for week in v.plan.weeks:
        strength = [s for s in week.sessions if s.kind == "strength"]
        need = minimum.get(week.phase, 0) if v.ctx.check_strength else 0
        if len(strength) < need:
            out.append(
                Violation(
                    "STRENGTH",
                    week.index,
                    week.start_date,
                    f"{week.phase} week {week.index} has {len(strength)} strength session(s); "
                    f"it needs {need}.",
                )
            )
        if week.phase == "race" and len(strength) > rules.STRENGTH_RACE_WEEK_MAX:
            out.append(
                Violation(
                    "STRENGTH",
                    week.index,
                    week.start_date,
                    f"race week {week.index} has {len(strength)} strength sessions; at most 1.",
                )
            )
        for s in strength:
            for g in v.goals:
                if 0 < (g.date - s.date).days <= rules.STRENGTH_NONE_DAYS_BEFORE_RACE:
                    out.append(
                        Violation(
                            "STRENGTH",
                            week.index,
                            s.date,
                            f"strength on {s.date.isoformat()}, within 2 days of the race on "
                            f"{g.date.isoformat()}.",
                        )
                    )
            if "heavy" in s.tags and s.date + timedelta(days=1) in hard_days:
                out.append(
                    Violation(
                        "STRENGTH",
                        week.index,
                        s.date,
                        f"heavy strength on {s.date.isoformat()}, the day before a hard session.",
                    )
                )
    return out


def check_reasons(v: _View) -> list[Violation]:
    """REASONS: every week has a reason; a down week cites its DOWN rule; adapted sessions too."""
    if not v.ctx.check_reasons:
        return []
    out = []
    for week in v.plan.weeks:
        if not week.reasons:
            out.append(
                Violation("REASONS", week.index, week.start_date, f"week {week.index} says no why.")
            )
        if week.is_down_week and not any(r.rule.startswith("DOWN") for r in week.reasons):
            out.append(
                Violation(
                    "REASONS",
                    week.index,
                    week.start_date,
                    f"down week {week.index} does not cite its DOWN rule.",
                )
            )
        for s in week.sessions:
            if "adapted" in s.tags and not s.reasons:
                out.append(
                    Violation(
                        "REASONS",
                        week.index,
                        s.date,
                        f"the adapted {s.kind} on {s.date.isoformat()} does not say why.",
                    )
                )
    return out


def check_shape(v: _View) -> list[Violation]:
    """SHAPE: weeks contiguous from the start date; each goal race is a race session on its day."""
    out = []
    plan = v.plan
    for i, week in enumerate(plan.weeks):
        expected = plan.start_date + timedelta(days=7 * i)
        if week.index != i + 1 or week.start_date != expected:
            out.append(
                Violation(
                    "SHAPE",
                    week.index,
                    week.start_date,
                    f"week {i + 1} should be numbered {i + 1} and start on {expected.isoformat()}.",
                )
            )
        for s in week.sessions:
            if not week.start_date <= s.date <= week.end_date:
                out.append(
                    Violation(
                        "SHAPE",
                        week.index,
                        s.date,
                        f"a session dated {s.date.isoformat()} sits in week {week.index} "
                        f"({week.start_date.isoformat()}–{week.end_date.isoformat()}).",
                    )
                )
    for g in v.goals:
        if not any(s.kind == "race" and s.date == g.date for s in plan.sessions):
            out.append(
                Violation(
                    "SHAPE", None, g.date, f"no race session on race day {g.date.isoformat()}."
                )
            )
    return out


CHECKS: tuple[Callable[[_View], list[Violation]], ...] = (
    check_shape,
    check_ramp_weekly,
    check_ramp_block,
    check_return_ladder,
    check_spike,
    check_down_cadence,
    check_down_count,
    check_long_20mi,
    check_long_max,
    check_taper,
    check_intensity,
    check_lever_one,
    check_hard_days,
    check_base_stimulus,
    check_days,
    check_strength,
    check_reasons,
)


def check_plan(plan: Plan, context: CheckContext | None = None) -> list[Violation]:
    """Every DESIGN.md §5 invariant on ``plan``; an empty list means the plan is safe.

    ``context`` defaults to :func:`context_from_plan` (the inputs recorded in the plan).
    Violations come in rule order, then by week.
    """
    ctx = context or context_from_plan(plan)
    view = _view(plan, ctx)
    out: list[Violation] = []
    for check in CHECKS:
        out.extend(check(view))
    return out


def check_determinism(build: Callable[[], Plan]) -> list[Violation]:
    """DETERMINISM: building twice from the same inputs gives the same plan."""
    first, second = build().to_dict(), build().to_dict()
    if first == second:
        return []
    return [Violation("DETERMINISM", None, None, "two builds from the same inputs differ.")]


def context_from_plan(plan: Plan, **overrides: Any) -> CheckContext:
    """The check context recorded in a plan's ``athlete`` (the inputs used), with overrides.

    Keys read: ``weekly_volume_m``, ``longest_run_m``, ``days_per_week``, ``available_days``,
    ``age``, ``injury_prone``, ``beginner``. A missing volume or longest run is inferred from the
    first weeks (:func:`infer_start`).
    """
    a: Mapping[str, Any] = plan.athlete
    w0, l0 = infer_start(plan)
    values: dict[str, Any] = {
        "weekly_volume_m": _num(a.get("weekly_volume_m"), w0),
        "longest_run_m": _num(a.get("longest_run_m"), l0),
        "days_per_week": a.get("days_per_week")
        if isinstance(a.get("days_per_week"), int)
        else None,
        "available_days": tuple(str(d) for d in a.get("available_days") or ()),
        "age": a.get("age") if isinstance(a.get("age"), int) else None,
        "injury_prone": bool(a.get("injury_prone", False)),
        "beginner": bool(a.get("beginner", False)),
        "check_reasons": plan.kind != "imported",
        "check_strength": plan.kind != "imported"
        or any(s.kind == "strength" for s in plan.sessions),
    }
    values.update({k: v for k, v in overrides.items() if v is not None})
    return CheckContext(**values)


def infer_start(plan: Plan) -> tuple[float, float]:
    """W0 and L0 inferred from a plan without them: the first week's volume and longest run.

    A coach's plan starts from where the runner is, so its first week is taken as the current
    weekly volume and its longest run as the longest run of the last 30 days.
    """
    goals = {g.date for g in goal_races(plan)}
    if not plan.weeks:
        return rules.START_FLOOR_VOLUME_M, rules.START_FLOOR_LONG_M
    first = [s for s in plan.weeks[0].sessions if s.is_run and s.date not in goals]
    volume = sum(s.distance_m for s in first)
    longest = max((s.distance_m for s in first), default=0.0)
    return max(volume, rules.START_FLOOR_VOLUME_M), max(longest, rules.START_FLOOR_LONG_M)


def _num(value: Any, default: float) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    return default


def _km(metres: float) -> str:
    return f"{metres / 1000:.1f} km"


def _pct(value: float, reference: float) -> str:
    if reference <= 0:
        return "∞ %"
    return f"{(value / reference - 1) * 100:.0f} %"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def summarize(violations: Iterable[Violation]) -> dict[str, int]:
    """Violations counted by rule id (for reports)."""
    counts: dict[str, int] = {}
    for v in violations:
        counts[v.rule] = counts.get(v.rule, 0) + 1
    return counts
