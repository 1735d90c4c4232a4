"""The progression engine: a race cycle (5K to marathon, 4–30 weeks) or a base plan, safe by
construction and explained week by week.

How a cycle is built (each step cites its rule in ``rules.py``):

1. Layout (``phases.py``): run/walk for beginners, base → build → peak → taper → race, down weeks
   on the DOWN-CADENCE (3 non-down weeks for masters and injury-prone runners).
2. Week by week, from a :class:`~runcoach.domain.plan.inputs.TrainingState` — so the same code
   builds a plan from today's fitness, the next cycle of a season, or the rest of an adapted plan:
   the volume follows the lever policy (MILEAGE-FIRST, LEVER-ONE) within RAMP-WEEKLY and RAMP-BLOCK,
   the long run LONG-STEP within SPIKE-30D, LONG-SHARE and LONG-MAX, the quality running the
   workout ladder within INTENSITY. A week raises the volume or the quality running, never both.
   The limits are the functions the checks use (``checks.py``), applied to the weeks as built.
3. Taper (TAPER-BOSQUET), sized by days so that the 13 (or 7) days before the race hold the
   target share of the peak whatever weekday the race falls on; race week keeps a sharpener.
4. Strength and rest days are placed once every run is known (STRENGTH, HARD-DAYS).
5. The finished plan is checked with :func:`~runcoach.domain.plan.checks.check_plan`; a violation
   is a bug and raises :class:`PlanGenerationError` — never a silently unsafe plan.

Pure and deterministic: dates are inputs. Units: metres, seconds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, ClassVar

from runcoach.domain.athlete import WEEKDAYS
from runcoach.domain.plan import rules
from runcoach.domain.plan import workouts as wk
from runcoach.domain.plan.checks import (
    QUALITY_KINDS,
    QUALITY_ZONES,
    STIMULUS_TAGS,
    CheckContext,
    block_limit,
    check_plan,
    down_depth_bounds,
    long_20mi_reachable,
    session_zone_limits,
    spike_limit,
    week_quality_limit,
    weekly_ramp_limit,
)
from runcoach.domain.plan.inputs import PlanInputs, RaceKind, TrainingState, race_kind
from runcoach.domain.plan.model import HARD_KINDS, Plan, RaceGoal, Reason, Session, Week
from runcoach.domain.plan.phases import WeekSlot, layout
from runcoach.domain.plan.run_walk import run_walk_session, stage_block, stage_running_minutes
from runcoach.domain.plan.scheduling import WeekTemplate, adjacent, make_template
from runcoach.domain.plan.strength import StrengthSpec, level_for, routine, strength_session
from runcoach.domain.units import METRES_PER_MILE, Units, metres_per_unit

#: Safety margin under the volume limits (rounding stays clear of it).
MARGIN = 0.995
#: Margin under the SPIKE-30D limit (metres): absolute and small, so that a build of 20
#: long-run steps keeps its full 10 % a step (distances are kept to 0.1 m, the JSON's precision).
SPIKE_MARGIN_M = 0.05
#: No training run longer than this (LONG-MAX allows 35.5 km below an 80 km peak week).
RUN_MAX_M = 22 * METRES_PER_MILE
QUALITY_SHARE = rules.QUALITY_SHARE
QUALITY_SHARE_MARATHON_PEAK = rules.QUALITY_SHARE_MARATHON_PEAK
PEAK_FLOOR_M = rules.PEAK_FLOOR_M
PEAK_CEILING_M = rules.PEAK_CEILING_M
TAPER_FRACTIONS = rules.TAPER_FRACTIONS
SHORT_TAPER_TARGET = rules.SHORT_TAPER_TARGET


class PlanGenerationError(RuntimeError):
    """The engine produced a plan that breaks a safety rule: a bug, never shown as a plan."""


def reason(rule_id: str, text: str | None = None) -> Reason:
    """A reason citing ``rule_id`` (the rule's own sentence when ``text`` is None)."""
    return Reason(rule_id, text if text is not None else rules.rule(rule_id).text)


@dataclass(slots=True)
class CycleResult:
    """What building a cycle returns: its weeks, its warnings and the state after it."""

    weeks: list[Week]
    warnings: list[Reason]
    state: TrainingState
    peak_m: float
    start_volume_m: float


@dataclass(slots=True)
class _Day:
    """The sessions of one day while a week is assembled."""

    day: date
    sessions: list[Session] = field(default_factory=list)

    @property
    def runs(self) -> list[Session]:
        return [s for s in self.sessions if s.is_run]


def _weekday_date(week_start: date, weekday: int) -> date:
    return week_start + timedelta(days=(weekday - week_start.weekday()) % 7)


def _floor_units(metres: float, units: Units, step: float = 0.1) -> float:
    """Round down to ``step`` of the runner's unit (0.1 km or 0.1 mi; 0.01 under 5 km)."""
    unit = metres_per_unit(units)
    if metres < 5000 and step == 0.1:
        step = 0.01
    return math.floor(metres / unit / step + 1e-9) * step * unit


def _quality_m(sessions: Sequence[Session]) -> float:
    """M+T+I+R metres of the training runs (goal races excluded)."""
    return sum(
        s.zone_m(z) for s in sessions if s.is_run and s.kind != "race" for z in QUALITY_ZONES
    )


def _volume(days: Sequence[_Day]) -> float:
    return sum(s.distance_m for d in days for s in d.runs if s.kind != "race")


class _Cycle:
    """Builds the weeks of one cycle from a training state (see the module docstring)."""

    def __init__(
        self,
        inputs: PlanInputs,
        state: TrainingState,
        start: date,
        n_weeks: int,
        race: RaceGoal | None,
        template: WeekTemplate,
        pb: wk.PaceBook,
        *,
        tune_ups: Sequence[RaceGoal] = (),
        peak_target_m: float | None = None,
        peak_ceiling_m: float | None = None,
        run_walk: bool = False,
        history_hard_days: Sequence[date] = (),
        post_race_runs: bool = False,
        reach_long_m: float | None = None,
    ) -> None:
        self.inputs = inputs
        self.peak_ceiling = peak_ceiling_m
        self.post_race_runs = post_race_runs
        self.state = state
        self.history = state.weekly_volumes_m
        self.strength_base = state.strength_weeks
        self.start = start
        self.n_weeks = n_weeks
        self.race = race
        self.kind: RaceKind | None = None if race is None else race_kind(race.distance_m)
        self.template = template
        self.pb = pb
        self.units = inputs.units
        self.days = inputs.days_per_week
        self.gentle = inputs.gentle
        self.max_streak = rules.DOWN_MAX_STREAK_GENTLE if self.gentle else rules.DOWN_MAX_STREAK
        self.tune_ups = {t.date: t for t in tune_ups if start <= t.date}
        self.goal_dates = sorted({*self.tune_ups, *([race.date] if race else [])})
        tune_weeks = frozenset(
            (d - start).days // 7 for d in self.tune_ups if (d - start).days // 7 < n_weeks
        )
        self.slots = layout(
            n_weeks,
            self.kind,
            max_streak=self.max_streak,
            run_walk=run_walk,
            streak_before=state.down_streak,
            fixed_downs=tune_weeks,
        )
        self.tune_weeks = tune_weeks
        self.start_volume = state.current_volume_m
        self.start_long = state.longest_recent_m(start)
        reach_long = self.start_long if reach_long_m is None else reach_long_m
        self.forced20 = bool(
            self.kind == "marathon"
            and race is not None
            and long_20mi_reachable(start, race.date, self.start_volume, reach_long)
        )
        # A tight build: the 20-miler is reachable, but not with 3 weeks to spare. It then follows
        # the criterion's own volume path, with shallow down weeks and a long run that keeps
        # progressing through them (LONG-20MI).
        self.tight20 = bool(
            self.forced20
            and race is not None
            and not long_20mi_reachable(
                start + timedelta(days=21), race.date, self.start_volume, reach_long
            )
        )
        self.peak_target = max(self._peak_target(), peak_target_m or 0.0)
        if not self.forced20:
            self.peak_target = max(
                min(self.peak_target, 0.92 * self._reachable()), self.start_volume
            )
        self.long_target = self._long_target()
        self.final_big_week = self._final_big_week()
        self.days_of: list[list[_Day]] = []
        self.quality_kind: dict[date, str] = {}
        self.hard_dates: set[date] = set(history_hard_days)
        self.peak_long = 0.0
        self.long_reached_at: int | None = None
        self.twenty_done = False
        self.warnings: list[Reason] = []
        self.weeks: list[Week] = []

    # --- targets -----------------------------------------------------------------------------

    def _growth_weeks(self) -> list[int]:
        return [
            j for j, s in enumerate(self.slots) if s.phase in ("base", "build") and not s.is_down
        ]

    def _peak_target(self) -> float:
        """VOLUME-TARGET: the peak week this cycle aims for (metres)."""
        key = self.kind or "base"
        w = self.start_volume
        rate = rules.VOLUME_GROWTH_PER_WEEK * (rules.MASTERS_GROWTH_SCALE if self.gentle else 1.0)
        n = sum(1 for s in self.slots if s.phase in ("base", "build", "peak") and not s.is_down)
        growth = min(
            1 + rate * n, rules.VOLUME_MAX_GROWTH_GENTLE if self.gentle else rules.VOLUME_MAX_GROWTH
        )
        ceiling = min(PEAK_CEILING_M[key], self.days * rules.VOLUME_PER_DAY_CEILING_M)
        target = min(max(w * growth, PEAK_FLOOR_M[key]), max(ceiling, w))
        if self.peak_ceiling is not None:
            # A season caps the growth from one cycle to the next (SEASON-BASE).
            target = min(target, max(self.peak_ceiling, w))
        if self.forced20:
            # Room for a full 20 miles at half the week once the margins are taken (LONG-SHARE).
            target = max(target, 2 * rules.TWENTY_MILES_M / MARGIN**2)
        return max(target, w)

    def _reachable(self) -> float:
        """The highest volume the ramp rules allow by the end of the build (greedy simulation)."""
        vols = list(self.state.weekly_volumes_m)
        best = max(vols[-4:])
        for j, slot in enumerate(self.slots):
            if slot.phase not in ("run_walk", "base", "build", "peak"):
                break
            if slot.is_down:
                vols.append(self.down_volume_from(vols))
            else:
                cap = self.caps_from(vols, self.days, j)
                if self.gentle:
                    cap = min(cap, rules.MASTERS_WEEKLY_FACTOR * max(vols[-3:]))
                vols.append(cap)
            best = max(best, vols[-1])
        return best

    def _long_target(self) -> float:
        """The cycle's longest long run (m): 20–22 miles for the marathon, less for the rest."""
        p = self.peak_target
        if self.kind == "marathon":
            if p >= 100000 and not self.gentle:
                return RUN_MAX_M
            if p >= 80000:
                return 21 * METRES_PER_MILE
            return rules.TWENTY_MILES_M
        share, lo, hi, minutes = {
            "half": (0.30, 16000.0, 25000.0, 150.0),
            "10k": (0.27, 12000.0, 20000.0, 120.0),
            "5k": (0.24, 10000.0, 18000.0, 100.0),
            None: (0.30, 8000.0, 24000.0, 120.0),
        }[self.kind]
        by_time = minutes * 60 / self.pb.paces.easy_slow * 1000
        return min(max(share * p, lo), hi, by_time)

    def week_start(self, i: int) -> date:
        return self.start + timedelta(days=7 * i)

    def _final_big_week(self) -> int | None:
        """The week of the last 20-miler: the last non-down training week whose long-run day is
        3–7 weeks before the marathon (LONG-20MI)."""
        if self.kind != "marathon" or self.race is None:
            return None
        best = None
        for i, slot in enumerate(self.slots):
            if slot.phase not in ("base", "build", "peak") or slot.is_down:
                continue
            days_before = (
                self.race.date - _weekday_date(self.week_start(i), self.template.long_day)
            ).days
            if rules.LONG_20MI_LATEST_DAYS <= days_before <= rules.LONG_20MI_EARLIEST_DAYS:
                best = i
        return best

    def schedule(self, i: int) -> float:
        """Where the volume should stand after week ``i``: from today's volume to the peak target
        by the end of the build, a little front-loaded (MILEAGE-FIRST)."""
        growth = self._growth_weeks()
        if not growth or i > growth[-1]:
            return self.peak_target
        k = sum(1 for j in growth if j <= i)
        w = self.start_volume
        return float(w + (self.peak_target - w) * (k / len(growth)) ** 0.9)

    # --- limits --------------------------------------------------------------------------------

    def previous_max(self) -> float:
        return max(self.state.weekly_volumes_m[-rules.RAMP_LOOKBACK_WEEKS :])

    def _next_is_down(self, i: int) -> bool:
        return i + 1 < len(self.slots) and self.slots[i + 1].is_down

    def caps_from(
        self, vols: Sequence[float], running_days: int, i: int, *, forced: bool = False
    ) -> float:
        """The most week ``i`` may run after ``vols`` (oldest first), with margin.

        RAMP-WEEKLY and RAMP-BLOCK for this week, and a volume the next three weeks can follow
        under RAMP-BLOCK: up weeks holding it (90 % in a LONG-20MI build), down weeks at their
        usual depth (35 % at most in a LONG-20MI build), taper and race weeks at their
        TAPER-BOSQUET share of the peak — so a jump never forces a collapse, an over-deep down
        week or a taper below its TAPER share later (Source: DESIGN.md §5 RAMP-BLOCK, TAPER).
        """
        m = max(vols[-rules.RAMP_LOOKBACK_WEEKS :])
        cap = weekly_ramp_limit(m, running_days)
        cap = min(cap, block_limit(sum(vols[-7:-3]) / 4, sum(vols[-3:])))
        up_floor, down_floor = (0.9, 1 - rules.DOWN_DEPTH_MAX + 0.01) if forced else (1.0, 0.78)
        future = [
            self.slots[j].is_down if j < len(self.slots) else False for j in range(i + 1, i + 4)
        ]
        tapering = [
            j < len(self.slots) and self.slots[j].phase in ("taper", "race")
            for j in range(i + 1, i + 4)
        ]

        def failures(v: float) -> set[int]:
            """The following weeks whose RAMP-BLOCK fails after this week at ``v``."""
            seq = [*vols, v]
            peak = max(seq[-4:])
            failed: set[int] = set()
            for j, down, taper in zip(range(i + 1, i + 4), future, tapering, strict=True):
                if taper:
                    # A taper week at its TAPER-BOSQUET share of the peak (before the window
                    # is fitted): the weeks before the race are judged by RAMP-BLOCK too.
                    assert self.kind is not None
                    nxt = peak * TAPER_FRACTIONS[self.kind].get(self.n_weeks - 1 - j, 0.75)
                else:
                    nxt = down_floor * max(seq[-3:]) if down else up_floor * v
                seq.append(nxt)
                if nxt > block_limit(sum(seq[-8:-4]) / 4, sum(seq[-4:-1])) + 1e-6:
                    failed.add(j)
            return failed

        # A week that fails even with nothing run now is the history's doing (a past jump that
        # no choice of this week undoes): it does not hold this week down to nothing.
        unavoidable = failures(0.0)

        def follows(v: float) -> bool:
            return failures(v) <= unavoidable

        if not follows(cap):
            lo, hi = 0.0, cap
            for _ in range(30):
                mid = (lo + hi) / 2
                lo, hi = (mid, hi) if follows(mid) else (lo, mid)
            cap = lo
        return max(cap * MARGIN, 0.0)

    def down_volume_from(self, vols: Sequence[float]) -> float:
        """A down week's volume after ``vols``: DOWN-DEPTH (shallow in a LONG-20MI build),
        within RAMP-BLOCK."""
        m = max(vols[-rules.RAMP_LOOKBACK_WEEKS :])
        depth = (
            rules.DOWN_DEPTH_HIGH_MILEAGE if m >= rules.HIGH_MILEAGE_M else rules.DOWN_DEPTH_TARGET
        )
        if self.tight20:
            depth = self.FORCED_DOWN_DEPTH
        block = block_limit(sum(vols[-7:-3]) / 4, sum(vols[-3:])) * MARGIN
        return min(m * (1 - depth), block)

    def volume_cap(
        self, running_days: int, i: int, *, gentle: bool = False, forced: bool = False
    ) -> float:
        """The most week ``i`` may run; MASTERS-RAMP adds a 7 % step cap."""
        cap = self.caps_from(self.state.weekly_volumes_m, running_days, i, forced=forced)
        if gentle:
            cap = min(cap, rules.MASTERS_WEEKLY_FACTOR * self.previous_max())
        return cap

    def run_cap(self, day: date, extra: Sequence[tuple[date, float]] = ()) -> float:
        """The longest run allowed on ``day``: SPIKE-30D over the state's runs and ``extra`` runs
        of the week being built, and LONG-MAX."""
        lo = day - timedelta(days=rules.SPIKE_WINDOW_DAYS)
        ref = max((m for d, m in (*self.state.runs, *extra) if lo <= d < day), default=0.0)
        return min(spike_limit(ref) - SPIKE_MARGIN_M, RUN_MAX_M)

    def _plan_run_cap(self, day: date) -> float:
        """Like :meth:`run_cap`, over every run built so far (for changes after the fact)."""
        runs = [(s.date, s.distance_m) for week in self.days_of for d in week for s in d.runs]
        lo = day - timedelta(days=rules.SPIKE_WINDOW_DAYS)
        ref = max((m for d, m in (*self.initial_runs, *runs) if lo <= d < day), default=0.0)
        return min(spike_limit(ref) - SPIKE_MARGIN_M, RUN_MAX_M)

    # --- the lever policy --------------------------------------------------------------------

    def _up_weeks_until_final(self, i: int) -> int:
        f = self.final_big_week
        assert f is not None
        return sum(1 for j in range(i, f + 1) if not self.slots[j].is_down)

    #: LONG-20MI build path: the criterion's 20 % a month, 1 % a week ahead of it.
    FORCED_RATE = rules.LONG_20MI_VOLUME_GROWTH_PER_4_WEEKS**0.25 * 1.01
    #: Down weeks of a LONG-20MI build are as shallow as DOWN-CADENCE allows (15.5 %): the
    #: steady growth of 20 % a month is only possible with them.
    FORCED_DOWN_DEPTH = 0.155

    def path(self, i: int) -> float:
        """The LONG-20MI volume path at week ``i`` (metres)."""
        return float(self.start_volume * self.FORCED_RATE ** (i + 1))

    def forced_growth(self, i: int) -> float | None:
        """LONG-20MI: the growth this week needs to stay on the 20-miler's volume path (None when
        the volume is on or above it: the week may hold and raise intensity instead)."""
        f = self.final_big_week
        if not self.tight20 or f is None or i > f:
            return None
        need = rules.LONG_20MI_M / rules.LONG_SHARE_20MI / 0.97
        m = self.previous_max()
        if m >= need or m >= self.path(i) * 0.995:
            return None
        return self.path(i) / max(m, 1.0)

    def quality_cap(self, phase: str, volume: float) -> float:
        """Quality running (M+T+I+R) a week of ``phase`` may hold (QUALITY-CAPS)."""
        share = QUALITY_SHARE.get(phase, 0.06)
        if phase == "peak" and self.kind == "marathon":
            share = QUALITY_SHARE_MARATHON_PEAK
        floor = wk.stride_metres(self.pb, 6) + wk.hill_sprint_metres(self.pb, 6)
        return max(share * volume, floor)

    def _q_prev(self) -> float | None:
        q = self.state.quality_m
        return max(q[-rules.RAMP_LOOKBACK_WEEKS :]) if q else None

    #: MILEAGE-FIRST: the lever pattern of non-down weeks by phase (V = volume, I = intensity).
    LEVER_PATTERN: ClassVar[dict[str, str]] = {"base": "VVI", "build": "VI", "peak": "IIV"}

    def choose_lever(self, i: int, slot: WeekSlot, q_prev: float | None) -> str:
        """MILEAGE-FIRST / LEVER-ONE: 'forced' (volume as fast as the 20-miler needs), 'volume'
        or 'intensity' for a non-down training week.

        Mileage first in the base (2 volume weeks for 1 intensity week), alternating in the build,
        intensity first in the peak; intensity only once the volume target is reached, volume
        only when the workouts are at their cap.
        """
        if self.forced_growth(i) is not None:
            return "forced"
        if q_prev is not None and q_prev < wk.stride_metres(self.pb, 4):
            return "intensity"  # strides come back first (after run/walk or a break)
        m = self.previous_max()
        if m >= self.peak_target * 0.985:
            return "intensity"
        if q_prev is not None and q_prev >= self.quality_cap(slot.phase, m) * 0.9:
            return "volume"
        if m < self.schedule(i) * 0.9:
            return "volume"
        pattern = self.LEVER_PATTERN[slot.phase]
        k = sum(
            1 for j in range(i) if self.slots[j].phase == slot.phase and not self.slots[j].is_down
        )
        return "volume" if pattern[k % len(pattern)] == "V" else "intensity"

    def _q_budget(self, slot: WeekSlot, lever: str, q_prev: float | None, volume: float) -> float:
        cap = self.quality_cap(slot.phase, volume)
        if q_prev is None:
            return cap
        if lever == "intensity":
            return min(cap, max(q_prev * 1.4, q_prev + 3000.0))
        return min(q_prev, cap)

    # --- building ------------------------------------------------------------------------------

    def build(self) -> CycleResult:
        self.initial_runs = self.state.runs
        initial_state = self.state
        for i, slot in enumerate(self.slots):
            if slot.phase == "run_walk":
                days = self._run_walk_week(i, slot)
            elif i in self.tune_weeks:
                days = self._tune_up_week(i)
            elif slot.phase in ("base", "build", "peak"):
                days = self._training_week(i, slot)
            else:
                days = self._taper_week(i, slot)
            self._commit(i, slot, days)
        if self.race is not None:
            self._fit_taper()
            if self.post_race_runs:
                self._add_post_race_runs()
        self._finish()
        peak = max((_volume(d) for d in self.days_of), default=0.0)
        # The state after the cycle, from the weeks as they finally are (the taper was fitted).
        state = initial_state
        for week, slot in zip(self.weeks, self.slots, strict=True):
            runs = [(s.date, s.distance_m) for s in week.sessions if s.is_run]
            race_days = [d for d, _ in runs if d in self.goal_dates]
            training = slot.phase in ("base", "build", "peak")
            state = state.advanced(
                week.start_date,
                sum(m for d, m in runs if d not in self.goal_dates),
                runs,
                _quality_m(week.sessions),
                down=slot.is_down if training else None,
                strength=True,
                race_days=race_days,
            )
        return CycleResult(self.weeks, self.warnings, state, peak, self.start_volume)

    def _day_list(self, i: int) -> list[_Day]:
        ws = self.week_start(i)
        return [_Day(ws + timedelta(days=k)) for k in range(7)]

    def _at(self, days: list[_Day], day: date) -> _Day:
        return days[(day - days[0].day).days]

    def _commit(self, i: int, slot: WeekSlot, days: list[_Day]) -> None:
        self.days_of.append(days)
        vol = _volume(days)
        runs = [(s.date, s.distance_m) for d in days for s in d.runs]
        race_days = [s.date for d in days for s in d.runs if s.date in self.goal_dates]
        q = _quality_m([s for d in days for s in d.sessions])
        for d in days:
            if any(s.kind in HARD_KINDS for s in d.sessions):
                self.hard_dates.add(d.day)
        if self.race is not None and not self.twenty_done:
            self.twenty_done = any(
                s.kind == "long"
                and s.distance_m >= rules.LONG_20MI_M
                and rules.LONG_20MI_LATEST_DAYS
                <= (self.race.date - s.date).days
                <= rules.LONG_20MI_EARLIEST_DAYS
                for d in days
                for s in d.runs
            )
        if slot.phase in ("base", "build", "peak") and not slot.is_down:
            longest = max(
                (s.distance_m for d in days for s in d.runs if s.kind == "long"), default=0.0
            )
            self.peak_long = max(self.peak_long, longest)
            if self.long_reached_at is None and longest >= 0.97 * self.long_target:
                self.long_reached_at = i
        training = slot.phase in ("base", "build", "peak")
        self.state = self.state.advanced(
            self.week_start(i),
            vol,
            runs,
            q,
            down=slot.is_down if training else None,
            strength=True,
            race_days=race_days,
        )

    # --- guards ----------------------------------------------------------------------------------

    def _is_free(self, day: date, days: list[_Day]) -> bool:
        """May ``day`` hold a hard session (HARD-DAYS): no hard session the day before or after,
        in this week or the weeks already built, and no goal race next to it."""
        for other in (day - timedelta(days=1), day + timedelta(days=1)):
            if other in self.hard_dates or other in self.goal_dates:
                return False
            if days[0].day <= other <= days[-1].day and any(
                s.kind in HARD_KINDS for s in self._at(days, other).sessions
            ):
                return False
        return True

    def _guard_hard_days(self, days: list[_Day]) -> None:
        """HARD-DAYS across weeks: a hard session next to another becomes an easy run."""
        for d in days:
            for s in list(d.sessions):
                if s.kind not in HARD_KINDS or s.kind == "race":
                    continue
                prev = d.day - timedelta(days=1)
                nxt = d.day + timedelta(days=1)
                clash = prev in self.hard_dates or prev in self.goal_dates or nxt in self.goal_dates
                if days[0].day <= prev and any(
                    o.kind in HARD_KINDS for o in self._at(days, prev).sessions
                ):
                    clash = True
                if clash:
                    d.sessions[d.sessions.index(s)] = self._soften(s)

    def _soften(self, s: Session) -> Session:
        """A hard session turned into an easy run of the same length: a workout keeps 4 strides
        of its stimulus, a long run keeps only the strides it had (no new quality: LEVER-ONE)."""
        why = [reason("HARD-DAYS", "No two hard days in a row: this day stays easy.")]
        keep = s.kind != "long" or "strides" in s.tags
        return wk.easy_run(s.date, s.distance_m, self.pb, why, strides=4 if keep else 0)

    # --- run/walk weeks --------------------------------------------------------------------------

    def _spread_days(self, n: int) -> list[int]:
        """``n`` of the template's running days, long day first, spread apart."""
        order = [self.template.long_day, *self.template.hard_days, *self.template.easy_days]
        chosen: list[int] = []
        for d in order:
            if len(chosen) < n and all(not adjacent(d, c) for c in chosen):
                chosen.append(d)
        for d in order:
            if len(chosen) < n and d not in chosen:
                chosen.append(d)
        return sorted(chosen)

    def _run_walk_week(self, i: int, slot: WeekSlot) -> list[_Day]:
        """RUN-WALK-C25K: 3–4 run/walk sessions of this week's stage, within the ramp rules."""
        days = self._day_list(i)
        run_days = self._spread_days(min(self.days, 4))
        n = len(run_days)
        m = self.previous_max()
        cap = self.volume_cap(n, i)
        if slot.is_down:
            target = self.down_volume_from(self.state.weekly_volumes_m)
        else:
            nominal = stage_block(slot.stage, self.pb).distance_m * n
            target = min(cap, max(nominal, min(m, cap)))
        extra: list[tuple[date, float]] = []
        why = [
            reason(
                "RUN-WALK-C25K",
                f"Run/walk stage {slot.stage} of 9: {stage_running_minutes(slot.stage)} min of "
                "running in a session, on the way to 30 minutes without stopping.",
            )
        ]
        if slot.is_down:
            why.append(reason("DOWN-DEPTH", "A lighter week: the same stage, a little less of it."))
        for wd in run_days:
            day = _weekday_date(self.week_start(i), wd)
            budget = min(target / n, self.run_cap(day, extra))
            s = run_walk_session(day, slot.stage, self.pb, why, budget_m=budget)
            if s.distance_m > budget:
                s = replace(
                    s,
                    distance_m=round(budget - 0.05, 1),
                    distance_by_zone_m={"E": round(budget - 0.05, 1)},
                )
            self._at(days, day).sessions.append(s)
            extra.append((day, s.distance_m))
        return days

    # --- training weeks --------------------------------------------------------------------------

    def _training_week(self, i: int, slot: WeekSlot) -> list[_Day]:
        m = self.previous_max()
        q_prev = self._q_prev()
        if slot.is_down:
            return self._down_week(i, slot, m, q_prev)
        lever = self.choose_lever(i, slot, q_prev)
        forced = self.tight20
        before_final = self.final_big_week is not None and i <= self.final_big_week
        cap = self.volume_cap(self.days, i, gentle=self.gentle and not forced, forced=forced)
        v_target = min(m, cap)
        if lever == "forced":
            v_target, lever = min(cap, self.path(i)), "volume"
        elif lever == "volume":
            step = rules.MASTERS_WEEKLY_FACTOR if self.gentle else rules.RAMP_WEEKLY_FACTOR
            v_target = min(self.peak_target, cap, m * step)
            if forced and before_final:
                v_target = min(v_target, max(self.path(i), m))
            if v_target <= m + rules.TOLERANCE_M:
                lever, v_target = "intensity", min(m, cap)
        q_budget = self._q_budget(slot, lever, q_prev, v_target)
        days = self._assemble(i, slot, v_target, q_budget, down=False)
        for _ in range(8):
            vol = _volume(days)
            running_days = sum(1 for d in days if d.runs)
            limit = self.volume_cap(running_days, i, forced=forced)
            q = _quality_m([s for d in days for s in d.sessions])
            raised_v = vol > m + rules.TOLERANCE_M
            raised_q = q_prev is not None and q > q_prev + rules.TOLERANCE_M
            if vol <= limit + 0.5 and not (raised_v and raised_q):
                break
            if raised_v and raised_q:
                if lever == "volume":
                    q_budget = min(q_budget, q_prev or 0.0) * 0.97
                else:
                    v_target = min(v_target, m) * 0.995
            if vol > limit + 0.5:
                v_target *= limit / vol * 0.99
            days = self._assemble(i, slot, v_target, q_budget, down=False)
        else:
            # Still both raised (small volumes move in whole runs): make it a volume week.
            if q_prev is not None:
                days = self._assemble(i, slot, v_target, min(q_budget, q_prev) * 0.9, down=False)
        return days

    def _down_week(self, i: int, slot: WeekSlot, m: float, q_prev: float | None) -> list[_Day]:
        """DOWN-DEPTH about 20 % less (25 % at high mileage), or DOWN-DROP-RUN: one run fewer."""
        _, high, drop_run = down_depth_bounds(m, self.days)
        # A runner who starts on ≤ 4 days and ≤ 40 km keeps taking the down week by dropping a run
        # (15–35 % once the weeks are over 40 km).
        if (
            self.days <= rules.DOWN_DROP_RUN_MAX_DAYS
            and self.start_volume <= rules.DOWN_DROP_RUN_MAX_VOLUME_M
        ):
            drop_run = True
        if m > rules.DOWN_DROP_RUN_MAX_VOLUME_M:
            high = rules.DOWN_DEPTH_MAX
        drop_run = drop_run and not self.tight20
        q_budget = 0.7 * (q_prev if q_prev is not None else self.quality_cap(slot.phase, m) * 0.5)
        target = self.down_volume_from(self.state.weekly_volumes_m)
        if drop_run:
            # The week as it would be (at about the usual volume), minus one easy run.
            for share in (1.0, 0.95, 1.05, 0.9, 0.85):
                days = self._assemble(i, slot, m * share, q_budget, down=True)
                if not self._drop_one_run(days, m):
                    break
                depth = 1 - _volume(days) / max(m, 1.0)
                vols = self.state.weekly_volumes_m
                block = block_limit(sum(vols[-7:-3]) / 4, sum(vols[-3:])) * MARGIN
                runs = sum(1 for d in days for s in d.runs if s.kind != "race")
                if (
                    0.18 <= depth <= min(high - 0.02, 0.40)
                    and _volume(days) <= block
                    and runs < self._recent_run_count(i)
                ):
                    return days
        days = self._assemble(i, slot, target, q_budget, down=True)
        if 1 - _volume(days) / max(m, 1.0) > rules.DOWN_DEPTH_MAX - 0.01:
            vols = self.state.weekly_volumes_m
            block = block_limit(sum(vols[-7:-3]) / 4, sum(vols[-3:])) * MARGIN
            days = self._assemble(i, slot, min(target * 1.06, block), q_budget, down=True)
        if 1 - _volume(days) / max(m, 1.0) > rules.DOWN_DEPTH_MAX - 0.01:
            # Short runs (SPIKE-30D) leave no room: keep the long run this down week.
            days = self._assemble(i, slot, min(target, block), q_budget, down=True, keep_long=True)
        return days

    def _recent_run_count(self, i: int) -> int:
        """The most runs (goal races aside) in one of the 3 weeks before week ``i``: a down week
        that drops a run has fewer (DOWN-CADENCE)."""
        ws = self.week_start(i)
        counts = []
        for k in range(1, rules.RAMP_LOOKBACK_WEEKS + 1):
            lo, hi = ws - timedelta(days=7 * k), ws - timedelta(days=7 * (k - 1))
            counts.append(
                sum(1 for d, _ in self.state.runs if lo <= d < hi and d not in self.state.race_days)
            )
        return max(counts, default=self.days)

    def _easy_total(self, days: list[_Day]) -> float:
        return sum(s.distance_m for d in days for s in d.runs if s.kind in ("easy", "long"))

    def _scale_easy(self, days: list[_Day], factor: float) -> None:
        factor = max(min(factor, 1.0), 0.3)
        for d in days:
            for s in list(d.sessions):
                if s.kind not in ("easy", "long"):
                    continue
                new = _floor_units(s.distance_m * factor, self.units)
                d.sessions[d.sessions.index(s)] = self._resized(s, new)

    def _resized(self, s: Session, length: float) -> Session:
        if s.kind == "run_walk":
            j = min((s.date - self.start).days // 7, len(self.slots) - 1)
            stage = max(self.slots[j].stage, 1) if self.slots[j].phase == "run_walk" else 9
            return run_walk_session(s.date, stage, self.pb, list(s.reasons), budget_m=length)
        strides = sum(
            st.count or 0 for st in s.steps if st.kind == "repeat" and "strides" in s.tags
        )
        hills = sum(
            st.count or 0
            for st in s.steps
            if st.kind == "repeat" and "hill_sprints" in s.tags and "strides" not in s.tags
        )
        if s.kind == "long":
            return wk.long_run(s.date, length, self.pb, list(s.reasons), m_finish_m=s.zone_m("M"))
        return wk.easy_run(
            s.date,
            length,
            self.pb,
            list(s.reasons),
            strides=strides,
            hill_sprints=hills,
            title=s.title or "Easy run",
        )

    def _drop_one_run(self, days: list[_Day], high_m: float) -> bool:
        """DOWN-DROP-RUN: remove one run (never the long run): the one that leaves the week
        closest to 25 % under the 3-week high ``high_m`` — an easy run without strides first,
        else the second quality session. True when a run was dropped."""
        vol = _volume(days)
        quality = [s for d in days for s in d.runs if s.kind in QUALITY_KINDS]
        candidates = []
        for d in days:
            for s in d.runs:
                if s.kind == "easy":
                    rank = 1 if STIMULUS_TAGS & set(s.tags) else 0
                elif s.kind in QUALITY_KINDS and len(quality) > 1:
                    rank = 2
                else:
                    continue
                depth = 1 - (vol - s.distance_m) / high_m if high_m > 0 else 0.0
                candidates.append((abs(depth - 0.25), rank, -d.day.toordinal(), d, s))
        if not candidates:
            return False
        candidates.sort(key=lambda c: c[:3])
        _, _, _, d, s = candidates[0]
        d.sessions.remove(s)
        if STIMULUS_TAGS & set(s.tags):
            self._move_strides(days)
        self._spike_within_week(days)
        d.sessions.append(
            wk.rest_day(
                d.day,
                [
                    reason(
                        "DOWN-DROP-RUN",
                        "Down week: this run is dropped — sleep an extra hour instead.",
                    )
                ],
                down_week=True,
            )
        )
        return True

    def _spike_within_week(self, days: list[_Day]) -> None:
        """SPIKE-30D after a run was removed: the later runs of the week may have leaned on it."""
        earlier: list[tuple[date, float]] = []
        for d in days:
            for s in list(d.runs):
                cap = self.run_cap(d.day, earlier)
                if s.distance_m > cap:
                    length = _floor_units(cap, self.units)
                    new = self._resized(s, length) if s.kind in ("easy", "long") else None
                    if new is None:
                        new = wk.easy_run(
                            d.day,
                            length,
                            self.pb,
                            [reason("SPIKE-30D", "Kept within 10 % of the longest recent run.")],
                            strides=4,
                        )
                    d.sessions[d.sessions.index(s)] = new
                    s = new
                earlier.append((d.day, s.distance_m))

    def _move_strides(self, days: list[_Day]) -> None:
        """BASE-STIMULUS: the strides of a dropped run go to another easy run (or the long run)."""
        for kind in ("easy", "long"):
            for d in days:
                for s in list(d.runs):
                    if s.kind != kind or STIMULUS_TAGS & set(s.tags):
                        continue
                    why = [*s.reasons, reason("STRIDES")]
                    if kind == "easy":
                        new = wk.easy_run(s.date, s.distance_m, self.pb, why, strides=4)
                    else:
                        new = wk.long_run(
                            s.date, s.distance_m, self.pb, why, m_finish_m=s.zone_m("M"), strides=4
                        )
                    d.sessions[d.sessions.index(s)] = new
                    return

    def _tune_up_week(self, i: int) -> list[_Day]:
        """SEASON-TUNE-UP: a B race takes the place of the long run; easy days around it; the
        week is a down week without the race (DOWN-CADENCE)."""
        race_day = next(d for d in self.tune_ups if (d - self.start).days // 7 == i)
        tune = self.tune_ups[race_day]
        target = self.down_volume_from(self.state.weekly_volumes_m)
        days = self._day_list(i)
        run_days = [
            _weekday_date(self.week_start(i), wd)
            for wd in self.template.run_days
            if abs((_weekday_date(self.week_start(i), wd) - race_day).days) >= 1
        ]
        room = max(self.days - 1, 1)
        run_days = sorted(run_days, key=lambda d: (abs((d - race_day).days) <= 1, d))[:room]
        extra: list[tuple[date, float]] = []
        per = target / max(len(run_days), 1)
        for k, day in enumerate(sorted(run_days)):
            length = _floor_units(min(per, self.run_cap(day, extra)), self.units)
            if length < 1500:
                continue
            why = [reason("SEASON-TUNE-UP", "Easy running around the tune-up race.")]
            s = wk.easy_run(day, length, self.pb, why, strides=4 if k == 0 else 0)
            self._at(days, day).sessions.append(s)
            extra.append((day, length))
        kind = race_kind(tune.distance_m)
        self._at(days, race_day).sessions.append(
            wk.race_session(
                race_day,
                tune.distance_m,
                kind,
                self.pb,
                [reason("SEASON-TUNE-UP")],
                goal_time_s=tune.goal_time_s,
                title="Tune-up race (B)",
            )
        )
        return days

    # --- assembling a training week ----------------------------------------------------------

    def _long_for(
        self, i: int, volume: float, down: bool, *, keep_long: bool = False
    ) -> tuple[float, bool]:
        """The week's long run (metres) and whether it is a 'big' one (LONG-STEP, LONG-SHARE)."""
        day = _weekday_date(self.week_start(i), self.template.long_day)
        cap = self.run_cap(day)
        # The required 20-miler may take up to 55 % of its week (LONG-SHARE), in any week of
        # the 3–7-week window until one is done.
        designated = bool(
            self.forced20
            and self.race is not None
            and rules.LONG_20MI_LATEST_DAYS
            <= (self.race.date - day).days
            <= rules.LONG_20MI_EARLIEST_DAYS
            and not self.twenty_done
        )
        share = rules.LONG_SHARE_MAX
        if designated:
            share = rules.LONG_SHARE_BUILD_20MI
        if self.tight20 and not self.twenty_done:
            # Every long-run step counts: the long run may run ahead of the volume (LONG-SHARE).
            share = rules.LONG_SHARE_20MI if designated else rules.LONG_SHARE_BUILD_20MI
            if designated and i == self.final_big_week:
                # The last week that can hold it: a history of uneven weeks (a season's race
                # and recovery) may have held the volume back under RAMP-BLOCK.
                share = rules.LONG_SHARE_LAST_CHANCE
        share_cap = share * volume
        target = min(self.long_target, self._window_cap(day))
        if down:
            if self.tight20 and self.final_big_week is not None and i < self.final_big_week:
                # The 20-miler needs every long-run step: the long run keeps progressing and the
                # rest of the down week shrinks (LONG-20MI, DOWN-DEPTH).
                return min(cap, share_cap, target), False
            recent = max(self.peak_long, self.state.longest_recent_m(day))
            cut = 1.0 if keep_long else 0.78
            return min(cap, share_cap, cut * recent, target), False
        f = self.final_big_week
        if target < self.long_target:
            # Before the window (LONG-WINDOW) the long run holds: no alternation yet.
            length = min(cap, share_cap, target)
            return length, False
        # In a marathon's 10-week window the 20-milers alternate with shorter long runs, counted
        # back from the last one (LONG-WINDOW), from the first week of the window on.
        windowed = (
            self.kind == "marathon"
            and self.race is not None
            and not self.tight20
            and f is not None
            and self.peak_long >= 0.97 * rules.LONG_PRE_WINDOW_M  # held, not still growing
        )
        if self.long_reached_at is not None or windowed:
            if f is not None and i <= f:
                if (f - i) % 2 == 1:
                    target *= 0.8
            elif self.long_reached_at is not None and (i - self.long_reached_at) % 2 == 1:
                target *= 0.82
        length = min(cap, share_cap, target)
        return length, length >= 0.97 * self.long_target

    def _window_cap(self, day: date) -> float:
        """LONG-WINDOW: before the last 10 weeks of a marathon build the long run holds at 18 mi
        (or the runner's usual long run, when longer) — Pfitzinger 18/55's first 20-miler comes
        10 weeks out. A tight build (every long-run step counts for LONG-20MI) is not held."""
        if self.kind != "marathon" or self.race is None or self.tight20:
            return float("inf")
        if (self.race.date - day).days <= rules.LONG_WINDOW_DAYS:
            return float("inf")
        return max(rules.LONG_PRE_WINDOW_M, min(self.start_long, self.long_target))

    def _assemble(
        self,
        i: int,
        slot: WeekSlot,
        volume: float,
        q_budget: float,
        *,
        down: bool,
        keep_long: bool = False,
    ) -> list[_Day]:
        """The sessions of a base/build/peak week of ``volume`` metres and ``q_budget`` metres of
        quality running (M+T+I+R)."""
        days = self._day_list(i)
        pb, t = self.pb, self.template
        long_date = _weekday_date(self.week_start(i), t.long_day)
        quality = self._quality_sessions(i, slot, days, volume, q_budget, down)
        q_dist = sum(s.distance_m for s in quality)
        left_q = max(q_budget - _quality_m(quality), 0.0)
        long_len, big = self._long_for(i, volume, down, keep_long=keep_long)
        long_len = max(min(long_len, volume - q_dist), 0.0)
        used = {s.date for s in quality} | {long_date}
        easy_dates = [
            d
            for d in (_weekday_date(self.week_start(i), wd) for wd in (*t.easy_days, *t.hard_days))
            if d not in used
        ]
        min_run = (
            1000.0
            if volume < 4000
            else 1500.0
            if volume < 8000
            else 2000.0
            if volume < 15000
            else 3000.0
        )
        rest = volume - long_len - q_dist
        n = len(easy_dates)
        while n > 0 and rest / n < min_run:
            n -= 1
        easy_dates = sorted(easy_dates[:n])
        if n == 0 and rest > 0:
            # A tiny week: the long run takes what is left, within SPIKE-30D.
            long_len = min(long_len + rest, self.run_cap(long_date))
            rest = volume - long_len - q_dist
        if n and rest / n > long_len:
            # Easy runs would outgrow the long run: lengthen the long run first, within its caps.
            bigger = min(
                self.run_cap(long_date), rules.LONG_SHARE_MAX * volume, (volume - q_dist) / (n + 1)
            )
            if bigger > long_len:
                long_len = bigger
                rest = volume - long_len - q_dist
        if self.tight20 and not down:
            # Every metre of each 10 % step counts (LONG-20MI): keep 0.1 m (the JSON's precision).
            long_len = math.floor(long_len * 10) / 10
        else:
            long_len = _floor_units(long_len, self.units)
        # Easy-run lengths: an even share each, within SPIKE-30D; a shortfall goes to the runs
        # with room left (easy runs first, then the long run).
        fixed = [(long_date, long_len), *((s.date, s.distance_m) for s in quality)]
        lengths: dict[date, float] = {}

        def cap_for(day: date) -> float:
            before = [(d, m) for d, m in fixed if d < day] + [
                (d, m) for d, m in lengths.items() if d < day
            ]
            return self.run_cap(day, before)

        per = rest / n if n else 0.0
        for day in easy_dates:
            lengths[day] = _floor_units(min(per, cap_for(day)), self.units)
        shortfall = rest - sum(lengths.values())
        for day in easy_dates:
            if shortfall <= 1:
                break
            new = _floor_units(min(cap_for(day), lengths[day] + shortfall), self.units)
            if new > lengths[day]:
                shortfall -= new - lengths[day]
                lengths[day] = new
        if shortfall > 1:
            room = min(self.run_cap(long_date), rules.LONG_SHARE_MAX * volume, RUN_MAX_M) - long_len
            if down:
                room = min(room, max(self.peak_long, self.start_long) - long_len)
            long_len += _floor_units(max(min(room, shortfall), 0.0), self.units)
        # Marathon-pace finish of the long run in marathon peak weeks (what the budget leaves).
        m_finish = 0.0
        stimulus_m = wk.stride_metres(pb, 6)
        if self.kind == "marathon" and slot.phase == "peak" and not big and not down:
            room_q = left_q - stimulus_m
            if room_q > 2000:
                m_cap = min(session_zone_limits(volume)["M"] * 0.9, long_len * 0.4)
                m_finish = _floor_units(min(m_cap, room_q), self.units, 0.5)
        left_q -= m_finish
        runs_easy = [(d, m) for d, m in sorted(lengths.items()) if m >= 1000]
        strides, hills = self._stimulus(slot, left_q, need=not quality)
        stride_on_long = 0
        if not runs_easy and not quality and slot.phase in ("base", "build"):
            stride_on_long = max(strides, 4)
        if long_len >= 1000:
            why = self._long_reasons(long_len, big, down, long_date)
            if stride_on_long:
                why.append(reason("STRIDES"))
            self._at(days, long_date).sessions.append(
                wk.long_run(
                    long_date, long_len, pb, why, m_finish_m=m_finish, strides=stride_on_long
                )
            )
        for s in quality:
            self._at(days, s.date).sessions.append(s)
        for k, (day, length) in enumerate(runs_easy):
            st = strides if k == 0 else 0
            hs = hills if k == 1 else 0
            if len(runs_easy) == 1:
                st, hs = strides, 0
            why = [reason("PHASES", self._easy_reason(slot, down))]
            if st:
                why.append(reason("STRIDES"))
            if hs:
                why.append(reason("HILL-SPRINTS"))
            self._at(days, day).sessions.append(
                wk.easy_run(day, length, pb, why, strides=st, hill_sprints=hs)
            )
        self._guard_hard_days(days)
        self._fit_intensity(days)
        return days

    def _fit_intensity(self, days: list[_Day]) -> None:
        """INTENSITY on the week as built: a session over its cap is rebuilt smaller (or eased)."""
        for _ in range(3):
            vol = _volume(days)
            caps = session_zone_limits(vol)
            tir_cap = week_quality_limit(vol)
            tir = sum(
                s.zone_m(z)
                for d in days
                for s in d.runs
                if s.kind != "race"
                for z in ("T", "I", "R")
            )
            changed = False
            for d in days:
                for s in list(d.sessions):
                    if not s.is_run or s.kind == "race":
                        continue
                    over = any(s.zone_m(z) > caps[z] * 0.99 for z in caps)
                    mine = sum(s.zone_m(z) for z in ("T", "I", "R"))
                    if not over and (
                        tir <= tir_cap * 0.99 or mine == 0 or s.kind in ("easy", "long")
                    ):
                        continue
                    smaller: Session | None = None
                    kind = self.quality_kind.get(s.date)
                    if s.kind == "long":
                        smaller = wk.long_run(
                            s.date,
                            s.distance_m,
                            self.pb,
                            list(s.reasons),
                            m_finish_m=min(s.zone_m("M"), caps["M"] * 0.9),
                        )
                    elif kind is not None:
                        budget = min(
                            *(caps[z] * 0.9 for z in caps),
                            max(mine - (tir - tir_cap * 0.9), 0.0)
                            if tir > tir_cap * 0.99
                            else math.inf,
                            _quality_m([s]) * 0.9,
                        )
                        smaller = self._make_quality(
                            kind,
                            s.date,
                            budget,
                            vol,
                            s.kind in HARD_KINDS,
                            caps,
                            tir_cap * 0.9,
                            WeekSlot("build", False, 0.0),
                            False,
                        )
                    d.sessions[d.sessions.index(s)] = (
                        smaller if smaller is not None else self._soften(s)
                    )
                    changed = True
                    tir = sum(
                        x.zone_m(z)
                        for dd in days
                        for x in dd.runs
                        if x.kind != "race"
                        for z in ("T", "I", "R")
                    )
            if not changed:
                return

    def _stimulus(self, slot: WeekSlot, budget: float, *, need: bool) -> tuple[int, int]:
        """(strides, hill sprints) within ``budget`` R metres (STRIDES, HILL-SPRINTS).

        Up to 6 strides, then 6–8 hill sprints in the base (from its first third, or from the
        start on 4+ days). With ``need`` (no quality session this week) at least 4 strides.
        """
        pb = self.pb
        strides = 0
        for n in (6, 5, 4, 3, 2, 1):
            if wk.stride_metres(pb, n) <= budget + 0.5:
                strides = n
                break
        if need and strides < 4:
            strides = 4
        left = budget - wk.stride_metres(pb, strides)
        hills = 0
        if slot.phase == "base" and (slot.progress >= 0.34 or self.days >= 4):
            for n in range(8 if slot.progress >= 0.67 else 6, 3, -1):
                if wk.hill_sprint_metres(pb, n) <= left + 0.5:
                    hills = n
                    break
        return strides, hills

    def _easy_reason(self, slot: WeekSlot, down: bool) -> str:
        if down:
            return "Down week: shorter easy running, so the training of the last weeks sinks in."
        return {
            "base": "Base: most running is easy — it builds the aerobic engine and resilient legs.",
            "build": "Easy days keep the hard days hard: recovery between quality sessions.",
            "peak": "Easy days carry the volume while the key sessions get race-specific.",
        }.get(slot.phase, "Easy running.")

    def _long_reasons(self, length: float, big: bool, down: bool, day: date) -> list[Reason]:
        ref = self.state.longest_recent_m(day)
        why = []
        if down:
            why.append(
                reason("DOWN-DEPTH", f"Down week: the long run is {self.pb.distance(length)}.")
            )
        elif ref > 0:
            why.append(
                reason(
                    "LONG-STEP",
                    f"{self.pb.distance(length)}: the longest run of the last 30 days was "
                    f"{self.pb.distance(ref)}; a run may be at most 10 % longer (SPIKE-30D).",
                )
            )
        if big and self.kind == "marathon" and length >= rules.LONG_20MI_M - 1:
            why.append(reason("LONG-20MI", "A 20-miler: the long run every marathon build needs."))
        elif not down and length >= 0.99 * self._window_cap(day) < self.long_target:
            why.append(
                reason(
                    "LONG-WINDOW",
                    f"The long run holds at {self.pb.distance(length)} until 10 weeks before the "
                    "race; the 20-milers come in the last 10 weeks.",
                )
            )
        return why

    def _quality_sessions(
        self, i: int, slot: WeekSlot, days: list[_Day], volume: float, q_budget: float, down: bool
    ) -> list[Session]:
        """The week's quality sessions (WORKOUT-LADDER, RACE-SPECIFIC, QUALITY-CAPS, INTENSITY).

        The key session gets about 60 % of the budget left after strides and hill sprints; what
        it does not use goes to the second session.
        """
        pb = self.pb
        kinds = self._ladder(slot)
        n_slots = 1 if self.days <= 3 or slot.phase == "base" else 2
        stimulus = wk.stride_metres(pb, 6) + (
            wk.hill_sprint_metres(pb, 6) if slot.phase == "base" else 0.0
        )
        left = max(q_budget - stimulus, 0.0)
        if self.kind == "marathon" and slot.phase == "peak" and not down:
            left *= 0.8  # room for the marathon-pace finish of the long run
        tir_left = week_quality_limit(volume) * 0.9
        zone_caps = session_zone_limits(volume)
        out: list[Session] = []
        slots = self.template.quality_days(n_slots)
        n = min(len(slots), len(kinds))
        for k in range(n):
            wd, may_hard = slots[k]
            day = _weekday_date(self.week_start(i), wd)
            budget = left * (0.6 if k == 0 and n > 1 else 1.0)
            hard_ok = may_hard and self._is_free(day, days)
            s = self._make_quality(
                kinds[k], day, budget, volume, hard_ok, zone_caps, tir_left, slot, down
            )
            if s is None:
                continue
            out.append(s)
            tir_left -= sum(s.zone_m(z) for z in ("T", "I", "R"))
            left -= _quality_m([s])
        return out

    def _ladder(self, slot: WeekSlot) -> list[str]:
        """WORKOUT-LADDER: strides → hill sprints → fartlek → tempo/threshold → intervals →
        race-specific (the week's main sessions, key session first)."""
        race = self.kind
        if slot.phase == "base":
            # Runners on 4+ days (not beginners) keep a weekly fartlek from the start (Part A §4:
            # base is never only easy); others add it in the last third of the base.
            early = self.days >= 4 and not self.inputs.beginner
            return ["fartlek"] if early or slot.progress >= 0.67 else []
        if slot.phase == "build":
            if slot.progress < 0.5:
                return ["tempo", "fartlek"]
            return {
                "5k": ["intervals", "repetition"],
                "10k": ["intervals", "threshold"],
            }.get(race or "", ["threshold", "intervals"])
        return {
            "marathon": ["marathon_pace", "threshold"],
            "half": ["threshold_half", "intervals"],
            "10k": ["intervals_10k", "threshold"],
            "5k": ["intervals_5k", "repetition"],
        }.get(race or "", ["threshold", "fartlek"])

    _FALLBACKS: ClassVar[dict[str, tuple[str, ...]]] = {
        "threshold_half": ("threshold", "tempo", "fartlek"),
        "threshold": ("tempo", "fartlek"),
        "tempo": ("fartlek",),
        "intervals_10k": ("intervals", "hills", "fartlek"),
        "intervals_5k": ("intervals", "hills", "fartlek"),
        "intervals": ("hills", "fartlek"),
        "hills": ("fartlek",),
        "repetition": ("fartlek",),
        "marathon_pace": ("progression",),
        "fartlek": (),
        "progression": (),
    }

    def _make_quality(
        self,
        kind: str,
        day: date,
        budget: float,
        volume: float,
        may_hard: bool,
        zone_caps: dict[str, float],
        tir_left: float,
        slot: WeekSlot,
        down: bool,
        run_cap: float | None = None,
    ) -> Session | None:
        """The first session of ``kind`` or its fallbacks that fits ``budget`` and the caps
        (``run_cap``: the longest run allowed that day, default from the training state)."""
        pb = self.pb
        rule_id = "RACE-SPECIFIC" if slot.phase in ("peak", "taper") else "WORKOUT-LADDER"
        why = [reason(rule_id, self._quality_reason(kind, down))]
        t_cap = max(0.10 * volume, 3000.0)
        cap = self.run_cap(day) if run_cap is None else run_cap
        for k in (kind, *self._FALLBACKS[kind]):
            if not may_hard and k not in ("fartlek", "progression"):
                continue
            s: Session | None = None
            if k == "fartlek":
                s = wk.fartlek(day, min(budget, t_cap, tir_left), pb, why, volume_m=volume)
            elif k == "tempo":
                s = wk.tempo(day, min(budget, t_cap, tir_left), pb, why, volume_m=volume)
            elif k in ("threshold", "threshold_half"):
                race = "half" if k == "threshold_half" else None
                s = wk.threshold(
                    day, min(budget, t_cap * 1.2, tir_left), pb, why, volume_m=volume, race=race
                )
            elif k == "hills":
                s = wk.hills(
                    day, min(budget, zone_caps["I"] * 0.95, tir_left), pb, why, volume_m=volume
                )
            elif k in ("intervals", "intervals_10k", "intervals_5k"):
                race = {"intervals_10k": "10k", "intervals_5k": "5k"}.get(k)
                s = wk.intervals(
                    day,
                    min(budget, zone_caps["I"] * 0.95, tir_left),
                    pb,
                    why,
                    volume_m=volume,
                    race=race,
                )
            elif k == "repetition":
                s = wk.repetitions(
                    day, min(budget, zone_caps["R"] * 0.95, tir_left), pb, why, volume_m=volume
                )
            elif k == "marathon_pace":
                s = wk.marathon_pace(
                    day, min(budget, zone_caps["M"] * 0.95), pb, why, volume_m=volume
                )
            elif k == "progression":
                dist = min(max(volume * 0.15, 6000.0), cap)
                s = wk.progression_run(day, dist, min(budget, zone_caps["M"] * 0.95), pb, why)
            if s is not None and s.distance_m <= cap:
                self.quality_kind[day] = k
                return s
        return None

    def _quality_reason(self, kind: str, down: bool) -> str:
        text = {
            "fartlek": "Fartlek: the first step up from strides — speed by feel.",
            "tempo": "Tempo: threshold work raises the pace you can hold for an hour.",
            "threshold": "Threshold repeats: more time at threshold for the same effort.",
            "threshold_half": "Half-marathon pace: race-specific rhythm for the half.",
            "hills": "Hills: strength and power as the faster work begins.",
            "intervals": "Intervals: VO2max work, the ceiling of the aerobic engine.",
            "intervals_10k": "10K-pace intervals: race-specific work for the 10K.",
            "intervals_5k": "5K-pace intervals: race-specific work for the 5K.",
            "repetition": "Repetitions: speed and economy, fast and relaxed.",
            "marathon_pace": "Marathon pace: race-specific rhythm, drinks and gels.",
            "progression": "Progression run: finish at marathon pace.",
        }[kind]
        return text + (" Smaller this down week." if down else "")

    # --- taper and race week -----------------------------------------------------------------

    def _training_peak(self) -> float:
        return max((_volume(d) for d in self.days_of), default=self.start_volume)

    def _taper_week(self, i: int, slot: WeekSlot) -> list[_Day]:
        """TAPER-BOSQUET: volume falls while intensity and frequency stay; RACE-WEEK last."""
        assert self.race is not None and self.kind is not None
        pb, t = self.pb, self.template
        days = self._day_list(i)
        race_day = self.race.date
        is_race_week = slot.phase == "race"
        peak = self._training_peak()
        k_from_end = self.n_weeks - 1 - i
        target = min(
            peak * TAPER_FRACTIONS[self.kind].get(k_from_end, 0.75),
            self.volume_cap(self.days, i, forced=True),
        )
        q_prev = self._q_prev() or 0.0
        extra: list[tuple[date, float]] = []
        key: Session | None = None
        candidates = [
            _weekday_date(self.week_start(i), wd) for wd in (*t.hard_days, *t.easy_days, t.long_day)
        ]
        for day in candidates:
            if day >= race_day - timedelta(days=2) or not self._is_free(day, days):
                continue
            if is_race_week:
                key = wk.sharpener(day, self.kind, pb, [reason("RACE-WEEK")], volume_m=target)
                if key.distance_m > self.run_cap(day):
                    key = None
            else:
                kind = {
                    "marathon": "marathon_pace",
                    "half": "threshold_half",
                    "10k": "intervals_10k",
                    "5k": "intervals_5k",
                }[self.kind]
                sizing = target * 0.7
                budget = min(q_prev * 0.75, self.quality_cap("taper", sizing))
                # Never the longest run of the taper (SPIKE-30D headroom when it shrinks).
                cap = min(self.run_cap(day), 0.9 * self.state.longest_recent_m(day))
                key = self._make_quality(
                    kind,
                    day,
                    budget,
                    sizing,
                    day.weekday() in t.hard_days,
                    session_zone_limits(sizing),
                    week_quality_limit(sizing) * 0.85,
                    WeekSlot("taper", False, 0.0),
                    False,
                    run_cap=cap,
                )
                if key is None and self.kind in ("half", "marathon"):
                    # Low volumes and effort-only runners still keep a touch of quality (TAPER).
                    for surges in (1600.0, 1300.0, 1000.0, 700.0):
                        key = wk.fartlek(
                            day, surges, pb, [reason("TAPER-BOSQUET")], volume_m=sizing
                        )
                        if key is not None and key.distance_m <= cap:
                            break
                        key = None
                    if key is None:
                        length = _floor_units(
                            min(cap, 0.8 * self.state.longest_recent_m(day)), self.units
                        )
                        key = wk.progression_run(
                            day,
                            length,
                            length * 0.3,
                            pb,
                            [reason("TAPER-BOSQUET")],
                            min_fast_m=300.0,
                        )
                if key is not None:
                    key = replace(
                        key,
                        reasons=(
                            reason(
                                "TAPER-BOSQUET",
                                "Taper: the workouts keep their pace; only the volume drops.",
                            ),
                            *key.reasons,
                        ),
                    )
            if key is not None:
                break
        sessions: list[Session] = [key] if key is not None else []
        for s in sessions:
            self._at(days, s.date).sessions.append(s)
            extra.append((s.date, s.distance_m))
        long_date = _weekday_date(self.week_start(i), t.long_day)
        long_len = 0.0
        if (
            not is_race_week
            and long_date <= race_day - timedelta(days=3)
            and self._is_free(long_date, days)
            and not self._at(days, long_date).runs
        ):
            frac = 0.72 if k_from_end >= 2 else 0.55
            long_len = min(
                max(self.peak_long, 1.0) * frac, self.run_cap(long_date, extra), target * 0.45
            )
            long_len = _floor_units(long_len, self.units)
            if long_len >= 1500:
                self._at(days, long_date).sessions.append(
                    wk.long_run(
                        long_date,
                        long_len,
                        pb,
                        [reason("TAPER-BOSQUET", "Taper: the long run shortens with the week.")],
                    )
                )
                extra.append((long_date, long_len))
            else:
                long_len = 0.0
        used = {s.date for s in sessions} | ({long_date} if long_len else set())
        easy = [_weekday_date(self.week_start(i), wd) for wd in t.run_days]
        easy = [
            d
            for d in easy
            if d not in used and d != race_day and not (is_race_week and d > race_day)
        ]
        if days[0].day <= race_day <= days[-1].day:
            room = self.days - 1 - len(used)
            if race_day.weekday() not in t.run_days or True:
                easy = sorted(easy, key=lambda d: (d == race_day - timedelta(days=1), d))[
                    : max(room, 0)
                ]
        rest = target - sum(m for _, m in extra)
        min_run = 2000.0 if target < 15000 else 3000.0
        n = len(easy)
        while n > 0 and rest / n < min_run:
            n -= 1
        easy = sorted(easy)[:n] if n else []
        per = rest / n if n else 0.0
        for k, day in enumerate(easy):
            length = per
            if (race_day - day).days == 1:
                length = min(per, 5000.0)
            length = _floor_units(min(length, self.run_cap(day, extra)), self.units)
            if length < 1500:
                continue
            why = [
                reason(
                    "TAPER-BOSQUET", "Taper: easy running keeps the rhythm while the legs freshen."
                )
            ]
            strides = 4 if k == 0 else 0
            if strides:
                why.append(reason("STRIDES"))
            self._at(days, day).sessions.append(wk.easy_run(day, length, pb, why, strides=strides))
            extra.append((day, length))
        if days[0].day <= race_day <= days[-1].day:
            self._place_race(days, race_day)
        self._guard_hard_days(days)
        return days

    #: Days after a race before an easy recovery run in race week, by race (no run after a
    #: marathon: its recovery weeks follow).
    POST_RACE_GAP_DAYS: ClassVar[dict[str, int]] = {"5k": 2, "10k": 2, "half": 3}

    def _add_post_race_runs(self) -> None:
        """SEASON-RECOVERY: after a 5K, 10K or half early in the week, easy recovery runs on the
        running days left in race week (a season goes on after the race)."""
        assert self.race is not None and self.kind is not None
        gap = self.POST_RACE_GAP_DAYS.get(self.kind)
        if gap is None:
            return
        days = self.days_of[-1]
        peak = self._training_peak()
        for d in days:
            if (d.day - self.race.date).days < gap or d.runs:
                continue
            if d.day.weekday() not in self.template.run_days:
                continue
            if sum(1 for x in days if x.runs) >= self.days:
                break
            length = min(
                0.15 * peak, rules.recovery_run_max_m(peak), self._plan_run_cap(d.day) * 0.9
            )
            length = _floor_units(length, self.units)
            if length < 1500:
                continue
            why = [reason("SEASON-RECOVERY", "After the race: an easy recovery run, no more.")]
            d.sessions.append(
                wk.easy_run(d.day, length, self.pb, why, kind="recovery", title="Recovery run")
            )

    def _place_race(self, days: list[_Day], race_day: date) -> None:
        assert self.race is not None and self.kind is not None
        run_walk = None
        if len(self.slots) >= 2 and self.slots[-2].phase == "run_walk":
            last_stage = max(s.stage for s in self.slots if s.phase == "run_walk")
            segs = stage_block(last_stage, self.pb).segments
            run_walk = (max(1, round(segs[0][0] / 60)), max(1, round(segs[0][1] / 60)))
        why = [reason("SHAPE", "Race day: the goal of the cycle.")]
        if run_walk:
            why.append(reason("RUN-WALK-RACE"))
        self._at(days, race_day).sessions.append(
            wk.race_session(
                race_day,
                self.race.distance_m,
                self.kind,
                self.pb,
                why,
                goal_time_s=self.race.goal_time_s,
                run_walk=run_walk,
            )
        )

    def _fit_taper(self) -> None:
        """TAPER: scale the easy runs and long runs of the last 13 (or 7) days to the target
        share of the peak week (up only within RAMP-WEEKLY and RAMP-BLOCK), then keep every
        session within INTENSITY."""
        assert self.race is not None and self.kind is not None
        race_day = self.race.date
        first_taper = next(i for i, s in enumerate(self.slots) if s.phase in ("taper", "race"))
        peak = max(_volume(d) for d in self.days_of)
        long_race = self.kind in ("half", "marathon")
        lo = race_day - timedelta(
            days=rules.TAPER_WINDOW_DAYS if long_race else rules.TAPER_SHORT_DAYS
        )
        target = rules.TAPER_TARGET_WINDOW * 2 * peak if long_race else SHORT_TAPER_TARGET * peak
        for _ in range(4):
            # The peak week may lie in the window (short plans): recompute it as runs change.
            peak = max(_volume(d) for d in self.days_of)
            target = (
                rules.TAPER_TARGET_WINDOW * 2 * peak if long_race else SHORT_TAPER_TARGET * peak
            )
            in_window = [
                (d, s)
                for week in self.days_of
                for d in week
                for s in d.runs
                if s.kind != "race" and lo <= s.date < race_day
            ]
            total = sum(s.distance_m for _, s in in_window)
            scalable = [(d, s) for d, s in in_window if s.kind in ("easy", "long", "run_walk")]
            fixed = total - sum(s.distance_m for _, s in scalable)
            if not scalable or abs(total - target) < 0.04 * peak:
                break
            factor = (target - fixed) / sum(s.distance_m for _, s in scalable)
            factor = min(max(factor, 0.6), 1.2)
            if factor > 1:
                # Lengthen only taper and race weeks (the weeks before keep their levers).
                start = self.week_start(first_taper)
                scalable = [(d, s) for d, s in scalable if s.date >= start]
            for d, s in scalable:
                length = _floor_units(
                    min(s.distance_m * factor, self._plan_run_cap(s.date)), self.units
                )
                length = max(length, min(s.distance_m, 1500.0))  # runs shrink, never vanish
                if length != s.distance_m:
                    d.sessions[d.sessions.index(s)] = self._resized(s, length)
            self._respect_week_limits(first_taper)
        peak = max(_volume(d) for d in self.days_of)
        target = rules.TAPER_TARGET_WINDOW * 2 * peak if long_race else SHORT_TAPER_TARGET * peak
        self._trim_taper_quality(lo, race_day, peak)
        self._add_taper_runs(lo, race_day, target, first_taper)
        self._respect_week_limits(first_taper)
        for week in self.days_of:
            if week[-1].day >= lo:
                self._fit_intensity(week)
        self._respect_spike(lo - timedelta(days=1))

    def _trim_taper_quality(self, lo: date, race_day: date, peak: float) -> None:
        """TAPER upper bound at tiny volumes, where the quality sessions alone overfill the
        window: drop quality sessions from the latest, keeping one in the last 14 days."""
        assert self.kind is not None
        limit = (
            (rules.TAPER_MAX - 0.03) * 2 * peak
            if self.kind in ("half", "marathon")
            else 0.75 * peak
        )
        q_lo = race_day - timedelta(days=rules.TAPER_QUALITY_DAYS)
        while True:
            window = [
                (d, s)
                for week in self.days_of
                for d in week
                for s in d.runs
                if s.kind != "race" and lo <= s.date < race_day
            ]
            total = sum(s.distance_m for _, s in window)
            quality = [(d, s) for d, s in window if s.kind in QUALITY_KINDS]
            in_last = [q for q in quality if q[1].date >= q_lo]
            if total <= limit:
                return
            droppable = [q for q in quality if len(in_last) > 1 or q not in in_last]
            if not droppable:
                # Then plain easy runs (never one carrying the week's strides or hill sprints).
                droppable = [
                    (d, s)
                    for d, s in window
                    if s.kind in ("easy", "run_walk") and not STIMULUS_TAGS & set(s.tags)
                ]
            if not droppable:
                # Then any easy or long run of the taper weeks (no stimulus rule applies there).
                taper_start = self.week_start(
                    next(i for i, x in enumerate(self.slots) if x.phase in ("taper", "race"))
                )
                droppable = [
                    (d, s)
                    for d, s in window
                    if s.kind in ("easy", "long", "run_walk") and s.date >= taper_start
                ]
            if not droppable:
                return
            d, s = max(droppable, key=lambda q: q[1].date)
            d.sessions.remove(s)

    def _add_taper_runs(self, lo: date, race_day: date, target: float, first_taper: int) -> None:
        """TAPER lower bound: when the window holds too little (tiny volumes), add easy runs on
        free running days of the window (DAYS and SPIKE-30D respected)."""
        assert self.kind is not None
        if self.kind not in ("half", "marathon"):
            return
        minimum = (rules.TAPER_MIN + 0.03) / rules.TAPER_TARGET_WINDOW * target
        day = lo
        while day < race_day - timedelta(days=1):
            total = sum(
                s.distance_m
                for week in self.days_of
                for d in week
                for s in d.runs
                if s.kind != "race" and lo <= s.date < race_day
            )
            if total >= minimum:
                return
            j = next((k for k, w in enumerate(self.days_of) if w[0].day <= day <= w[-1].day), None)
            week = self.days_of[j] if j is not None and j >= first_taper else None
            if week is not None and day.weekday() in self.template.run_days:
                d = self._at(week, day)
                running = sum(1 for x in week if x.runs)
                race_in_week = any(s.kind == "race" for x in week for s in x.sessions)
                if not d.runs and running < self.days - (1 if race_in_week else 0):
                    want = max(minimum - total, 1100.0)
                    room = self._week_limit(j) - _volume(week) if j is not None else 0.0
                    length = _floor_units(min(want, self._plan_run_cap(day), room), self.units)
                    if (
                        length >= 1000
                        and total + length
                        <= (rules.TAPER_MAX - 0.02) / rules.TAPER_TARGET_WINDOW * target
                    ):
                        why = [
                            reason(
                                "TAPER-BOSQUET",
                                "Taper: easy running keeps the rhythm while the legs freshen.",
                            )
                        ]
                        d.sessions.append(wk.easy_run(day, length, self.pb, why))
            day += timedelta(days=1)
        # Still short: lengthen the easy runs of the taper weeks within their limits.
        for j in range(first_taper, len(self.days_of)):
            week = self.days_of[j]
            total = sum(
                s.distance_m
                for w in self.days_of
                for d in w
                for s in d.runs
                if s.kind != "race" and lo <= s.date < race_day
            )
            if total >= minimum:
                return
            room = self._week_limit(j) - _volume(week)
            for d in week:
                for s in list(d.runs):
                    if (
                        s.kind != "easy"
                        or not lo <= s.date < race_day - timedelta(days=1)
                        or room <= 0
                    ):
                        continue
                    add = min(minimum - total, room, self._plan_run_cap(d.day) - s.distance_m)
                    length = _floor_units(s.distance_m + max(add, 0.0), self.units)
                    if length > s.distance_m:
                        room -= length - s.distance_m
                        total += length - s.distance_m
                        d.sessions[d.sessions.index(s)] = self._resized(s, length)

    def _week_limit(self, j: int) -> float:
        """RAMP-WEEKLY and RAMP-BLOCK for week ``j`` as built (and no new high in a taper)."""
        vols = list(self.history) + [_volume(d) for d in self.days_of[:j]]
        running = sum(1 for d in self.days_of[j] if any(s.kind != "race" for s in d.runs))
        limit = weekly_ramp_limit(max(vols[-3:]), max(running, 1))
        limit = min(limit, block_limit(sum(vols[-7:-3]) / 4, sum(vols[-3:])))
        if self.slots[j].phase in ("taper", "race"):
            limit = min(limit, max(vols[-3:]))
        return limit * MARGIN

    def _respect_spike(self, since: date) -> None:
        """SPIKE-30D after a change: each run from ``since`` on stays within 10 % of the longest
        run of the 30 days before it (in date order, so earlier changes are seen)."""
        for week in self.days_of:
            for d in week:
                if d.day < since:
                    continue
                for s in list(d.sessions):
                    if not s.is_run or s.kind == "race":
                        continue
                    cap = self._plan_run_cap(d.day)
                    if s.distance_m <= cap:
                        continue
                    length = _floor_units(cap, self.units)
                    kind = self.quality_kind.get(d.day)
                    smaller = None
                    if s.kind not in ("easy", "long") and kind is not None:
                        vol = _volume(week)
                        smaller = self._make_quality(
                            kind,
                            d.day,
                            _quality_m([s]) * 0.8,
                            vol,
                            s.kind in HARD_KINDS,
                            session_zone_limits(vol),
                            week_quality_limit(vol),
                            WeekSlot("taper", False, 0.0),
                            False,
                            run_cap=cap,
                        )
                    if smaller is not None:
                        d.sessions[d.sessions.index(s)] = smaller
                    elif s.kind in ("easy", "long"):
                        d.sessions[d.sessions.index(s)] = self._resized(s, length)
                    else:
                        d.sessions[d.sessions.index(s)] = wk.easy_run(
                            d.day,
                            length,
                            self.pb,
                            [
                                reason(
                                    "SPIKE-30D",
                                    "Kept within 10 % of the longest run of the last 30 days.",
                                )
                            ],
                            strides=4,
                        )

    def _respect_week_limits(self, first: int) -> None:
        """After a taper change: each week stays within RAMP-WEEKLY and RAMP-BLOCK."""
        vols = list(self.history) + [_volume(d) for d in self.days_of[:first]]
        for j in range(first, len(self.days_of)):
            days = self.days_of[j]
            running = sum(1 for d in days if any(s.kind != "race" for s in d.runs))
            limit = weekly_ramp_limit(max(vols[-3:]), running)
            limit = min(limit, block_limit(sum(vols[-7:-3]) / 4, sum(vols[-3:])))
            if self.slots[j].phase in ("taper", "race"):
                limit = min(limit, max(vols[-3:]))  # a taper never sets a new high (LEVER-ONE)
            vol = _volume(days)
            if vol > limit:
                scalable = [(d, s) for d in days for s in d.runs if s.kind in ("easy", "long")]
                total = sum(s.distance_m for _, s in scalable)
                if total > 0:
                    factor = max((total - (vol - limit)) / total, 0.0)
                    for d, s in scalable:
                        length = _floor_units(s.distance_m * factor, self.units)
                        if length < 1500:
                            d.sessions.remove(s)
                        else:
                            d.sessions[d.sessions.index(s)] = self._resized(s, length)
            vols.append(_volume(days))

    # --- finishing: strength, rest days, reasons ---------------------------------------------

    def _finish(self) -> None:
        hard = {
            s.date
            for week in self.days_of
            for d in week
            for s in d.sessions
            if s.kind in HARD_KINDS
        }
        hard |= set(self.goal_dates)
        strength_done = 0
        prev_vol = list(self.history)
        prev_q: list[float] = list(self.initial_quality)
        for i, (slot, days) in enumerate(zip(self.slots, self.days_of, strict=True)):
            vol = _volume(days)
            q = _quality_m([s for d in days for s in d.sessions])
            strength_done += self._place_strength(slot, days, hard, strength_done)
            for d in days:
                if not d.runs and not any(s.kind == "rest" for s in d.sessions):
                    post = any(0 < (d.day - g).days <= 3 for g in self.goal_dates)
                    d.sessions.append(
                        wk.rest_day(
                            d.day, [reason("REST-DAY")], down_week=slot.is_down, after_race=post
                        )
                    )
            sessions = tuple(
                s
                for d in days
                for s in sorted(d.sessions, key=lambda x: (x.kind == "rest", x.kind == "strength"))
            )
            m = max(prev_vol[-3:])
            lever = self._lever_label(slot, vol, q, m, prev_q)
            self.weeks.append(
                Week(
                    index=i + 1,
                    start_date=self.week_start(i),
                    phase=slot.phase,
                    sessions=sessions,
                    is_down_week=slot.is_down,
                    reasons=tuple(self._week_reasons(i, slot, vol, m, q, prev_q, lever, days)),
                    lever=lever,
                )
            )
            prev_vol.append(vol)
            prev_q.append(q)

    initial_quality: tuple[float, ...] = ()
    initial_runs: tuple[tuple[date, float], ...] = ()

    def _lever_label(
        self, slot: WeekSlot, vol: float, q: float, m: float, prev_q: list[float]
    ) -> str:
        if slot.is_down:
            return "down"
        if slot.phase == "run_walk":
            return "run_walk"
        if slot.phase in ("taper", "race"):
            return slot.phase
        if vol > m + rules.TOLERANCE_M:
            return "volume"
        if prev_q and q > max(prev_q[-3:]) + rules.TOLERANCE_M:
            return "intensity"
        return "hold"

    def _week_reasons(
        self,
        i: int,
        slot: WeekSlot,
        vol: float,
        m: float,
        q: float,
        prev_q: list[float],
        lever: str,
        days: list[_Day],
    ) -> list[Reason]:
        pb = self.pb
        out: list[Reason] = []
        phase_text = {
            "run_walk": f"Run/walk stage {slot.stage}: the running bits grow until you run 30 minutes without stopping.",
            "base": "Base: mostly easy running with strides and hills while the volume grows.",
            "build": "Build: threshold work first, then intervals, on top of the base.",
            "peak": "Peak: race-specific sessions at the highest volume of the cycle.",
            "taper": "Taper: less volume, same intensity — freshness for race day.",
            "race": "Race week: a short sharpener, easy running, then the race.",
        }[slot.phase]
        rule_id = {"run_walk": "RUN-WALK-C25K", "taper": "TAPER-BOSQUET", "race": "RACE-WEEK"}.get(
            slot.phase, "PHASES"
        )
        out.append(reason(rule_id, phase_text))
        if i in self.tune_weeks:
            out.append(reason("SEASON-TUNE-UP"))
        if slot.is_down:
            depth = (1 - vol / m) * 100 if m > 0 else 0.0
            every = (
                "every 4th week at 50 and over or when injury-prone"
                if self.gentle
                else "at least every 5th week"
            )
            out.append(
                reason(
                    "DOWN-CADENCE",
                    f"Down week ({every}): {pb.distance(vol)}, {depth:.0f} % below the 3-week high "
                    f"of {pb.distance(m)} — the body absorbs the training.",
                )
            )
            dropped = any(
                any(r.rule == "DOWN-DROP-RUN" for r in s.reasons) for d in days for s in d.sessions
            )
            if dropped:
                out.append(
                    reason(
                        "DOWN-DROP-RUN",
                        f"On {self.days} days a week, from a start of "
                        f"{pb.distance(min(self.start_volume, m))} a week, the down week drops "
                        f"one run (about {depth:.0f} % less): use the time to sleep.",
                    )
                )
            else:
                out.append(reason("DOWN-DEPTH"))
        elif lever == "volume":
            out.append(
                reason(
                    "RAMP-WEEKLY",
                    f"Volume {pb.distance(m)} → {pb.distance(vol)} "
                    f"(+{(vol / max(m, 1.0) - 1) * 100:.0f} %): "
                    "within 10 % of the 3-week high (or "
                    + ("1 mi" if pb.units == "mi" else "1.6 km")
                    + " per running day).",
                )
            )
            out.append(
                reason(
                    "LEVER-ONE",
                    "Lever: mileage. The volume goes up this week, so the workouts stay the same "
                    "size (mileage first while the volume is below what the race needs).",
                )
            )
        elif lever == "intensity":
            out.append(
                reason(
                    "LEVER-ONE",
                    f"Lever: intensity. The workouts grow (quality running "
                    f"{pb.distance(max(prev_q[-3:]))} → {pb.distance(q)}), so the volume holds "
                    f"at {pb.distance(vol)}.",
                )
            )
        elif lever == "hold":
            out.append(
                reason(
                    "LEVER-ONE",
                    f"Lever: none. A steady week at {pb.distance(vol)}: the last step sinks in "
                    "before the next.",
                )
            )
        elif lever == "taper":
            out.append(
                reason(
                    "TAPER-BOSQUET",
                    f"Taper: {pb.distance(vol)}, {100 * vol / max(self._training_peak(), 1):.0f} % "
                    "of the peak week.",
                )
            )
        elif lever == "run_walk":
            out.append(reason("RUN-WALK-C25K", f"{pb.distance(vol)} of run/walk this week."))
        if self.gentle and slot.phase in ("base", "build", "peak") and not slot.is_down:
            out.append(reason("MASTERS-RAMP"))
        longest = max((s.distance_m for d in days for s in d.runs if s.kind == "long"), default=0.0)
        if longest >= rules.LONG_20MI_M - 1 and self.kind == "marathon":
            out.append(reason("LONG-20MI", f"Long run {pb.distance(longest)}: a 20-miler."))
        return out

    def _place_strength(self, slot: WeekSlot, days: list[_Day], hard: set[date], done: int) -> int:
        """STRENGTH: 2 a week in base/build (1 for beginners), 1 in peak and taper, ≤ 1 in race
        week and none in the 2 days before a race; heavy work never the day before a hard day."""
        beginner = self.inputs.beginner
        count = {
            "run_walk": 1,
            "base": 1 if beginner else 2,
            "build": 1 if beginner else 2,
            "peak": 1,
            "taper": 1,
            "race": 1,
        }[slot.phase]
        level = level_for(
            slot.phase,
            slot.progress,
            beginner=beginner,
            lifts=self.inputs.lifts_weights,
            weeks_done=self.strength_base + done,
        )
        spec = StrengthSpec(level, week_in_level=done, down=slot.is_down)
        heavy = routine(spec, 0)[3]

        def allowed(d: _Day) -> bool:
            if any(s.kind in ("race", "long") for s in d.sessions):
                return False
            for g in self.goal_dates:
                if (
                    0 <= (g - d.day).days <= rules.STRENGTH_NONE_DAYS_BEFORE_RACE
                    or 0 < (d.day - g).days <= 2
                ):
                    return False
            return not (heavy and d.day + timedelta(days=1) in hard)

        def score(d: _Day) -> tuple[int, int]:
            nxt_hard = d.day + timedelta(days=1) in hard
            if any(s.kind in HARD_KINDS for s in d.sessions):
                rank = 3
            elif d.runs and not nxt_hard:
                rank = 2
            elif not nxt_hard:
                rank = 1
            else:
                rank = 0
            return rank, -d.day.toordinal()

        candidates = sorted((d for d in days if allowed(d)), key=score, reverse=True)
        chosen: list[_Day] = []
        for d in candidates:
            if len(chosen) < count and all(abs((d.day - c.day).days) > 1 for c in chosen):
                chosen.append(d)
        for d in candidates:
            if len(chosen) < count and d not in chosen:
                chosen.append(d)
        for k, d in enumerate(sorted(chosen, key=lambda x: x.day)):
            why = [reason("STRENGTH-PROGRESSION", _STRENGTH_WHY[level])]
            d.sessions.append(strength_session(d.day, spec, why, variant=k % 2))
        return 1 if chosen else 0


_STRENGTH_WHY = {
    "foundation": "Foundation strength: hips, core, calves and split squats protect the legs you run on.",
    "single_leg": "Single-leg strength: running is a single-leg sport; the squat ladder moves toward pistols.",
    "plyometric": "Plyometrics join the strength work in the build: stiffer, springier legs.",
    "heavy": "Heavy lifting (you already lift): near-maximal loads give the biggest economy gains.",
    "maintenance": "Peak: one session a week keeps the strength you built.",
    "light": "A light session: keep moving, nothing that leaves you sore.",
}


# --- public API ---------------------------------------------------------------------------------


def athlete_record(inputs: PlanInputs) -> dict[str, Any]:
    """The ``athlete`` object of the plan: the inputs used (SI units, START-FLOOR applied)."""
    template = make_template(inputs.days_per_week, inputs.available, inputs.long_run_day)
    return {
        "weekly_volume_m": round(inputs.volume_m, 1),
        "longest_run_m": round(inputs.long_m, 1),
        "days_per_week": inputs.days_per_week,
        "available_days": list(inputs.available),
        "long_run_day": WEEKDAYS[template.long_day],
        "age": inputs.age,
        "sex": inputs.sex,
        "injury_prone": inputs.injury_prone,
        "beginner": inputs.beginner,
        "lifts_weights": inputs.lifts_weights,
        "units": inputs.units,
        "masters": inputs.age is not None and inputs.age >= rules.MASTERS_AGE,
        "recent_races": [
            {
                "distance_m": r.distance_m,
                "time_s": r.time_s,
                "date": r.date.isoformat() if r.date else None,
            }
            for r in inputs.recent_races
        ],
    }


def needs_run_walk(inputs: PlanInputs) -> bool:
    """RUN-WALK-C25K: a beginner who cannot yet run 30 minutes continuously (L0 under 4 km)."""
    return inputs.beginner and inputs.longest_run_m < rules.RUN_WALK_CONTINUOUS_M


def build_cycle(
    inputs: PlanInputs,
    state: TrainingState,
    start: date,
    n_weeks: int,
    race: RaceGoal | None,
    *,
    template: WeekTemplate | None = None,
    tune_ups: Sequence[RaceGoal] = (),
    peak_target_m: float | None = None,
    peak_ceiling_m: float | None = None,
    run_walk: bool = False,
    history_hard_days: Sequence[date] = (),
    post_race_runs: bool = False,
    reach_long_m: float | None = None,
) -> CycleResult:
    """Build ``n_weeks`` weeks from ``state`` — a cycle to ``race``, or base weeks without one.

    Composable: a season builds cycle after cycle with it, and adaptation rebuilds the remaining
    weeks of a plan from the state on the day of the change. Week indexes start at 1.
    ``peak_target_m`` raises the cycle's peak target to at least that volume and
    ``peak_ceiling_m`` caps its own growth (never below today's volume; a reachable 20-miler
    still gets its room); both in metres a week. ``post_race_runs``: easy recovery runs after a
    5K, 10K or half in race week (a season goes on after the race). ``reach_long_m``: the
    longest run the LONG-20MI reachability starts from (default: the longest of the 30 days
    before ``start``; a season's later cycles pass the run that still counts after week 1).
    """
    pb = wk.PaceBook.create(inputs.vdot, inputs.units, beginner=inputs.beginner)
    tmpl = template or make_template(inputs.days_per_week, inputs.available, inputs.long_run_day)
    cycle = _Cycle(
        inputs,
        state,
        start,
        n_weeks,
        race,
        tmpl,
        pb,
        tune_ups=tune_ups,
        peak_target_m=peak_target_m,
        peak_ceiling_m=peak_ceiling_m,
        run_walk=run_walk,
        history_hard_days=history_hard_days,
        post_race_runs=post_race_runs,
        reach_long_m=reach_long_m,
    )
    cycle.initial_quality = state.quality_m
    return cycle.build()


def build_plan(inputs: PlanInputs) -> Plan:
    """A race-cycle plan (or a base plan) from the runner's inputs, checked against DESIGN.md §5.

    Raises InputError for bad inputs and PlanGenerationError if the engine breaks a rule (a bug).
    """
    from runcoach.domain.plan.feasibility import plan_warnings

    inputs = inputs.validated()
    state = TrainingState.initial(inputs.start, inputs.volume_m, inputs.long_m)
    result = build_cycle(
        inputs, state, inputs.start, inputs.n_weeks, inputs.race, run_walk=needs_run_walk(inputs)
    )
    pb = wk.PaceBook.create(inputs.vdot, inputs.units, beginner=inputs.beginner)
    plan = Plan(
        athlete=athlete_record(inputs),
        race=inputs.race,
        start_date=inputs.start,
        vdot=inputs.vdot,
        paces_s_per_km=pb.paces.as_dict() if inputs.vdot is not None else {},
        weeks=tuple(result.weeks),
        warnings=(*plan_warnings(inputs, result.weeks, pb), *result.warnings),
        races=(inputs.race,) if inputs.race else (),
        kind="cycle" if inputs.race else "base",
    )
    assert_safe(plan)
    return plan


def assert_safe(plan: Plan, context: CheckContext | None = None) -> None:
    """Raise PlanGenerationError when a generated plan breaks a DESIGN.md §5 rule."""
    violations = check_plan(plan, context)
    if violations:
        listed = "; ".join(f"{v.rule} (week {v.week}): {v.message}" for v in violations[:5])
        raise PlanGenerationError(
            f"the plan engine broke {len(violations)} safety rule(s): {listed} — please report "
            "this with the command you ran."
        )


__all__ = [
    "QUALITY_KINDS",
    "STIMULUS_TAGS",
    "CycleResult",
    "PlanGenerationError",
    "assert_safe",
    "athlete_record",
    "build_cycle",
    "build_plan",
    "needs_run_walk",
]
