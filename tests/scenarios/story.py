"""A small vocabulary for scenario tests that read like stories.

    runner = Runner.with_plan(start=..., race="marathon", race_date=..., weekly="50km", ...)
    runner.follows_plan(until=runner.week(6).start_date + timedelta(days=2))
    change = runner.reviews(ReviewInput(today=..., illness=Illness(...)))  # checked for safety
    runner.accepts(change)

The log is synthesised from the plan: each planned run becomes a logged run of the planned
distance and time, with an RPE that fits its intensity (scaled by ``effort``), on the planned day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from runcoach.domain.activity import Activity
from runcoach.domain.athlete import AthleteProfile, RaceResult
from runcoach.domain.plan.adaptation import PlanChange, ReviewInput, review_plan
from runcoach.domain.plan.compliance import match_plan
from runcoach.domain.plan.history import revision_violations
from runcoach.domain.plan.inputs import PlanInputs
from runcoach.domain.plan.model import Plan, RaceGoal, Week
from runcoach.domain.plan.progression import build_plan
from runcoach.domain.units import parse_distance
from runcoach.domain.vdot import vdot_from_race

RPE_FOR = {"easy": 3.0, "moderate": 5.0, "hard": 7.0}


def logged_run(
    day: date,
    distance_m: float,
    duration_s: float,
    *,
    rpe: float | None = None,
    pain: float | None = None,
    where: str | None = None,
    kind: str | None = None,
) -> Activity:
    """One manual log entry (a run) at 07:00 UTC on ``day``."""
    return Activity(
        sport="running",
        start_time=datetime.combine(day, time(7, 0), tzinfo=UTC),
        elapsed_time_s=duration_s,
        moving_time_s=duration_s,
        distance_m=distance_m,
        rpe=rpe,
        pain=pain,
        pain_location=where,
        extra={"kind": kind} if kind else {},
    )


@dataclass
class Runner:
    """A runner with a plan and a log, who reviews the plan on given days."""

    plan: Plan
    profile: AthleteProfile
    log: list[Activity] = field(default_factory=list)

    @staticmethod
    def with_plan(
        *,
        start: date,
        race: str | None,
        race_date: date | None = None,
        weekly: str,
        longest: str,
        days: int = 5,
        recent_race: tuple[float, float] | None = None,
        goal_time_s: float | None = None,
        age: int | None = 40,
        injury_prone: bool = False,
        beginner: bool = False,
        weeks: int | None = None,
        available: tuple[str, ...] = (),
    ) -> Runner:
        from runcoach.domain.plan.inputs import RACE_DISTANCES_M

        goal = None
        if race is not None:
            assert race_date is not None
            goal = RaceGoal(
                distance_m=RACE_DISTANCES_M[race], date=race_date, goal_time_s=goal_time_s
            )  # type: ignore[index]
        vdot = None if recent_race is None else vdot_from_race(*recent_race)
        inputs = PlanInputs(
            start=start,
            weekly_volume_m=parse_distance(weekly),
            longest_run_m=parse_distance(longest),
            days_per_week=days,
            race=goal,
            weeks=weeks,
            vdot=vdot,
            age=age,
            injury_prone=injury_prone,
            beginner=beginner,
            available_days=available,  # type: ignore[arg-type]
            recent_races=() if recent_race is None else (RaceResult(*recent_race),),
        )
        plan = build_plan(inputs)
        profile = AthleteProfile(age=age, injury_prone=injury_prone, beginner=beginner)
        return Runner(plan=plan, profile=profile)

    def week(self, index: int) -> Week:
        """Plan week ``index`` (from 1)."""
        return self.plan.weeks[index - 1]

    def follows_plan(
        self,
        *,
        since: date | None = None,
        until: date,
        scale: float = 1.0,
        effort: float = 0.0,
        skip: tuple[date, ...] = (),
    ) -> None:
        """Logs every planned run from ``since`` (default: the plan start) to ``until`` (exclusive),
        its distance × ``scale``, its RPE shifted by ``effort``."""
        first = since or self.plan.start_date
        for s in self.plan.sessions:
            if not s.is_run or not first <= s.date < until or s.date in skip:
                continue
            if s.kind == "race":
                continue
            duration = s.duration_s or s.distance_m / 1000 * 360
            rpe = min(10.0, RPE_FOR[s.intensity] + effort)
            self.log.append(logged_run(s.date, s.distance_m * scale, duration * scale, rpe=rpe))

    def runs_before_the_plan(
        self, weeks: int, per_week_m: float, longest_m: float, days: int = 4
    ) -> None:
        """A steady history before the plan starts: ``days`` runs a week, the first the longest."""
        start = self.plan.start_date
        others = (per_week_m - longest_m) / (days - 1)
        for w in range(weeks, 0, -1):
            monday = start - timedelta(days=7 * w)
            for k, metres in enumerate([longest_m] + [others] * (days - 1)):
                day = monday + timedelta(days=2 * k)
                self.log.append(logged_run(day, metres, metres / 1000 * 360, rpe=3))

    def logs(self, activity: Activity) -> None:
        self.log.append(activity)

    def reviews(self, request: ReviewInput) -> PlanChange:
        """Reviews the plan; the change must be safe given the real history (and is returned)."""
        change = review_plan(self.plan, self.log, request, self.profile)
        assert_safe(change, self.log, request.today)
        return change

    def accepts(self, change: PlanChange) -> None:
        self.plan = change.plan


def assert_safe(change: PlanChange, log: list[Activity], today: date) -> None:
    """Every DESIGN §5 check passes on the revised plan, judged against the real history."""
    if not change.changed:
        return
    weeks = match_plan(change.plan, log, today)
    problems = revision_violations(change.plan, weeks, log, today)
    assert problems == [], "\n".join(f"{v.rule} w{v.week}: {v.message}" for v in problems)
