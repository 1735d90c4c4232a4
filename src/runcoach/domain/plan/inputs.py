"""What a plan is built from: the runner's inputs and the training state at the start.

:class:`PlanInputs` holds the fixed inputs of ``runcoach plan new`` (validated here, one sentence
per bad value). :class:`TrainingState` is where the runner stands when (re)planning starts — the
recent weekly volumes, the dated runs of the last 30 days, the quality running of recent weeks —
so that the same engine builds a plan from today's fitness, the next cycle of a season, or the
remaining weeks of an adapted plan (issue 5).

Units: metres, seconds, dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from runcoach.domain.athlete import WEEKDAYS, RaceResult, Sex, Weekday
from runcoach.domain.errors import InputError
from runcoach.domain.plan import rules
from runcoach.domain.plan.model import RaceGoal
from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M, Units, format_distance

RaceKind = Literal["5k", "10k", "half", "marathon"]
RACE_KINDS: tuple[RaceKind, ...] = ("5k", "10k", "half", "marathon")
RACE_DISTANCES_M: dict[RaceKind, float] = {
    "5k": 5000.0,
    "10k": 10000.0,
    "half": HALF_MARATHON_M,
    "marathon": MARATHON_M,
}
MIN_WEEKS = 4
MAX_WEEKS = 30
#: The most volume runcoach plans per running day on average (a sanity bound on the inputs).
MAX_VOLUME_PER_DAY_M = 30000.0
#: The longest run must be at least this share of the average run at the planned days: with a
#: shorter one, SPIKE-30D keeps every run so short that the weeks could not even hold a down week
#: measured against today's volume (DOWN-CADENCE), so the inputs contradict each other.
MIN_LONG_SHARE_OF_AVERAGE_RUN = 0.75


def race_kind(distance_m: float) -> RaceKind:
    """The race kind of a distance (the nearest of 5K, 10K, half and marathon)."""
    return min(RACE_KINDS, key=lambda k: abs(RACE_DISTANCES_M[k] - distance_m))


def parse_race_kind(text: str, *, what: str = "--race") -> RaceKind:
    """Parse ``5k``, ``10k``, ``half`` or ``marathon``."""
    t = text.strip().lower()
    aliases = {"5k": "5k", "10k": "10k", "half": "half", "hm": "half", "marathon": "marathon"}
    if t not in aliases:
        raise InputError(
            f"{what} {text!r} is not a race runcoach plans for: use 5k, 10k, half or marathon."
        )
    return aliases[t]  # type: ignore[return-value]


def next_monday(today: date) -> date:
    """The first Monday after ``today`` (the default plan start)."""
    return today + timedelta(days=7 - today.weekday())


@dataclass(frozen=True, slots=True)
class PlanInputs:
    """The inputs of a plan (the flags of ``runcoach plan new``, or the stored profile).

    ``weekly_volume_m`` is the average of the last 4 weeks (W0) and ``longest_run_m`` the longest
    run of the last 30 days (L0), both in metres; ``vdot`` comes from the best recent race (None:
    sessions are given by effort). ``weeks`` is the length of a base plan (no race).
    """

    start: date
    weekly_volume_m: float
    longest_run_m: float
    days_per_week: int
    race: RaceGoal | None = None
    weeks: int | None = None
    available_days: tuple[Weekday, ...] = ()
    long_run_day: Weekday | None = None
    vdot: float | None = None
    recent_races: tuple[RaceResult, ...] = ()
    age: int | None = None
    sex: Sex | None = None
    injury_prone: bool = False
    beginner: bool = False
    lifts_weights: bool = False
    units: Units = "km"

    @property
    def gentle(self) -> bool:
        """Masters (≥ 50) or injury-prone: MASTERS-RAMP and the 3-week down cadence."""
        return self.injury_prone or (self.age is not None and self.age >= rules.MASTERS_AGE)

    @property
    def volume_m(self) -> float:
        """W0 as the engine uses it (START-FLOOR applied)."""
        return max(self.weekly_volume_m, rules.START_FLOOR_VOLUME_M)

    @property
    def long_m(self) -> float:
        """L0 as the engine uses it (START-FLOOR applied)."""
        return max(self.longest_run_m, rules.START_FLOOR_LONG_M)

    @property
    def kind(self) -> RaceKind | None:
        """The race kind, or None for a base plan."""
        return None if self.race is None else race_kind(self.race.distance_m)

    @property
    def available(self) -> tuple[Weekday, ...]:
        """The days the runner can run (every day when none were given)."""
        return self.available_days or WEEKDAYS

    @property
    def n_weeks(self) -> int:
        """Number of plan weeks (the race week included)."""
        if self.race is None:
            return self.weeks or 12
        return (self.race.date - self.start).days // 7 + 1

    def validated(self) -> PlanInputs:
        """These inputs, checked: raises InputError with one sentence naming the bad value."""
        if not 3 <= self.days_per_week <= 7:
            raise InputError(f"--days {self.days_per_week} must be between 3 and 7 running days.")
        if len(self.available) < self.days_per_week:
            raise InputError(
                f"--available {','.join(self.available)} has {len(self.available)} days, fewer "
                f"than --days {self.days_per_week}."
            )
        if self.long_run_day is not None and self.long_run_day not in self.available:
            raise InputError(
                f"--long-day {self.long_run_day} is not one of the available days "
                f"({','.join(self.available)})."
            )
        if self.weekly_volume_m <= 0 or self.longest_run_m <= 0:
            raise InputError("--weekly-volume and --longest-run must be greater than zero.")
        per_day = self.weekly_volume_m / self.days_per_week
        if per_day > MAX_VOLUME_PER_DAY_M:
            raise InputError(
                f"--weekly-volume {format_distance(self.weekly_volume_m, self.units)} on "
                f"{self.days_per_week} days is {format_distance(per_day, self.units)} a run; "
                "give the days you really run (--days)."
            )
        if self.long_m < MIN_LONG_SHARE_OF_AVERAGE_RUN * self.volume_m / self.days_per_week:
            raise InputError(
                f"--longest-run {format_distance(self.longest_run_m, self.units)} is too short for "
                f"--weekly-volume {format_distance(self.weekly_volume_m, self.units)} on "
                f"{self.days_per_week} days (runs of "
                f"{format_distance(self.volume_m / self.days_per_week, self.units)} on average): "
                "give your real longest run of the last 30 days, or the volume you run now."
            )
        if self.longest_run_m > max(self.weekly_volume_m, 45000.0):
            raise InputError(
                f"--longest-run {format_distance(self.longest_run_m, self.units)} is longer than "
                f"the weekly volume {format_distance(self.weekly_volume_m, self.units)}: "
                "--weekly-volume is the average of the last 4 weeks."
            )
        if self.race is None:
            weeks = self.weeks or 12
            if not MIN_WEEKS <= weeks <= MAX_WEEKS:
                raise InputError(f"--weeks {weeks} must be between {MIN_WEEKS} and {MAX_WEEKS}.")
            return replace(self, weeks=weeks)
        days = (self.race.date - self.start).days
        if days < 0:
            raise InputError(
                f"--race-date {self.race.date.isoformat()} is before the plan start "
                f"{self.start.isoformat()}."
            )
        if not MIN_WEEKS <= self.n_weeks <= MAX_WEEKS:
            raise InputError(
                f"--race-date {self.race.date.isoformat()} is {self.n_weeks} week(s) from the "
                f"start {self.start.isoformat()}: runcoach plans {MIN_WEEKS} to {MAX_WEEKS} weeks "
                "(for a race further away, use `runcoach season new` or start later)."
            )
        return self


@dataclass(frozen=True, slots=True)
class TrainingState:
    """Where the runner stands on a given day, for the engine and the checks.

    ``weekly_volumes_m``: the weekly volumes before ``day``, oldest first (at least 8 weeks; goal
    races excluded). ``runs``: dated runs of the 30 days before (the longest recent run included).
    ``quality_m``: quality metres (M+T+I+R) of the most recent weeks, oldest first (may be empty:
    unknown). ``down_streak``: base/build/peak weeks since the last down week. ``strength_weeks``:
    weeks of strength training done (where the routine progression stands). ``race_days``: the
    days of goal races among ``runs`` (a race counts for SPIKE-30D like any run, but not as the
    longest *training* run of LONG-20MI).
    """

    day: date
    weekly_volumes_m: tuple[float, ...]
    runs: tuple[tuple[date, float], ...]
    quality_m: tuple[float, ...] = ()
    down_streak: int = 0
    strength_weeks: int = 0
    race_days: frozenset[date] = frozenset()

    @staticmethod
    def initial(start: date, weekly_volume_m: float, longest_run_m: float) -> TrainingState:
        """The state before a fresh plan: W0 every week, L0 run the day before the start."""
        return TrainingState(
            day=start,
            weekly_volumes_m=(weekly_volume_m,) * 8,
            runs=((start - timedelta(days=1), longest_run_m),),
        )

    @property
    def current_volume_m(self) -> float:
        """The mean of the last 4 weeks (the runner's current weekly volume)."""
        last = self.weekly_volumes_m[-4:]
        return sum(last) / len(last)

    def usable_longest_m(self, start: date) -> float:
        """The longest run (goal races included) that still counts for SPIKE-30D at the end of
        the week starting on ``start``: where a new cycle's long runs can build from (LONG-20MI
        for a season's later cycles)."""
        lo = start - timedelta(days=rules.SPIKE_WINDOW_DAYS - 6)
        return max((m for r, m in self.runs if lo <= r < start), default=0.0)

    def longest_recent_m(self, day: date | None = None, *, races: bool = False) -> float:
        """The longest training run of the 30 days before ``day`` (default: the state's day);
        with ``races``, goal races count too (as they do for SPIKE-30D)."""
        d = day or self.day
        lo = d - timedelta(days=rules.SPIKE_WINDOW_DAYS)
        return max(
            (m for r, m in self.runs if lo <= r < d and (races or r not in self.race_days)),
            default=0.0,
        )

    def advanced(
        self,
        week_start: date,
        volume_m: float,
        runs: Sequence[tuple[date, float]],
        quality_m: float,
        *,
        down: bool | None,
        strength: bool,
        race_days: Sequence[date] = (),
    ) -> TrainingState:
        """The state after one more week (``down`` None: a week outside base/build/peak).

        ``runs`` may include the week's goal races, named in ``race_days``."""
        day = week_start + timedelta(days=7)
        keep_from = day - timedelta(days=rules.SPIKE_WINDOW_DAYS + 7)
        kept = tuple(r for r in self.runs if r[0] >= keep_from) + tuple(runs)
        races = frozenset(d for d in (*self.race_days, *race_days) if d >= keep_from)
        streak = 0 if down is None or down else self.down_streak + 1
        return TrainingState(
            day=day,
            weekly_volumes_m=(*self.weekly_volumes_m[-11:], volume_m),
            runs=kept,
            quality_m=(*self.quality_m[-3:], quality_m),
            down_streak=streak,
            strength_weeks=self.strength_weeks + (1 if strength else 0),
            race_days=races,
        )
