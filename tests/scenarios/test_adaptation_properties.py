"""Properties of adaptation (issue 5): for random plans and random logged histories, every
adapted plan passes every DESIGN.md §5 check against the real history, and the same review
always gives the same plan.

Plans: any race (or none), 8–20 weeks, 3–7 days a week, 10 km a week up to 20 km per running
day. Histories are realistic, not adversarial: the runner trains in the first week, then each
week follows the plan at 50–130 % of its distances or misses the week, with efforts from easy to
hard; sometimes the runner stops for good weeks before the review; sometimes an illness of up to
four weeks (over or still going), pain during a run or this morning, a "too tired" flag. The
examples are derandomized (the same ones every run), so CI is stable; a wider random search
(thousands of examples, from 8 km a week) still finds rare degenerate cases at a few kilometres
a week — a 5K taper whose race week cannot stay under 80 % of a return-sized peak, a base week
left empty by a past jump — which are reported, not hidden here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runcoach.domain.plan.adaptation import Illness, ReviewInput, review_plan
from runcoach.domain.plan.compliance import match_plan
from runcoach.domain.plan.history import revision_violations
from runcoach.domain.plan.signals import PainReport
from tests.scenarios.story import Runner, logged_run

START = date(2027, 1, 4)


@dataclass(frozen=True)
class Story:
    """A random story, as plain numbers (so that a failing example prints short)."""

    race: str | None
    weeks: int
    days: int
    weekly_km: int
    longest_share: float
    age: int
    injury_prone: bool
    with_vdot: bool
    review_day: int
    week_modes: tuple[tuple[float, int], ...]  # (scale, effort); scale 0 = missed week
    illness: tuple[int, int | None] | None  # (days ago it began, days it lasted or None)
    pain_run: tuple[int, int] | None  # (days ago, pain)
    pain_now: int | None
    tired: bool
    stopped_after: int | None = None  # weeks from the start after which nothing is logged

    def build(self) -> tuple[Runner, ReviewInput]:
        race_date = START + timedelta(weeks=self.weeks - 1, days=6) if self.race else None
        longest_km = round(self.weekly_km * self.longest_share, 1)
        runner = Runner.with_plan(
            start=START,
            race=self.race,
            race_date=race_date,
            weekly=f"{self.weekly_km}km",
            longest=f"{longest_km}km",
            days=self.days,
            age=self.age,
            injury_prone=self.injury_prone,
            weeks=self.weeks if self.race is None else None,
            recent_race=(10000.0, max(1900.0, 3600.0 - 10 * self.weekly_km))
            if self.with_vdot
            else None,
        )
        runner.runs_before_the_plan(4, self.weekly_km * 1000, longest_km * 1000)
        plan_days = (runner.plan.end_date - START).days
        today = START + timedelta(days=min(self.review_day, max(2, plan_days - 25)))
        day, k = START, 0
        while day < today:
            until = min(day + timedelta(days=7), today)
            scale, effort = self.week_modes[k % len(self.week_modes)]
            if scale > 0:
                runner.follows_plan(since=day, until=until, scale=scale, effort=effort)
            day, k = until, k + 1
        if self.stopped_after is not None:
            stop = START + timedelta(weeks=self.stopped_after)
            runner.log = [a for a in runner.log if a.start_time.date() < stop]
        illness = None
        if self.illness is not None:
            ago, lasted = self.illness
            first = today - timedelta(days=ago)
            last = (
                None
                if lasted is None
                else min(today - timedelta(days=1), first + timedelta(days=lasted))
            )
            illness = Illness(first, last)
            end = last or today
            runner.log = [a for a in runner.log if not first <= a.start_time.date() <= end]
        if self.pain_run is not None:
            ago, pain = self.pain_run
            runner.logs(
                logged_run(today - timedelta(days=ago), 6000, 2100, rpe=5, pain=pain, where="knee")
            )
        pain_now = (
            None if self.pain_now is None else PainReport(today, self.pain_now, "knee", False)
        )
        request = ReviewInput(today=today, tired=self.tired, illness=illness, pain_today=pain_now)
        return runner, request


@st.composite
def stories(draw: st.DrawFn) -> Story:
    days = draw(st.integers(3, 7))
    return Story(
        race=draw(st.sampled_from(["5k", "10k", "half", "marathon", None])),
        weeks=draw(st.integers(8, 20)),
        days=days,
        weekly_km=draw(st.integers(10, 20 * days)),
        longest_share=draw(st.sampled_from([0.25, 0.3, 0.35, 0.4])),
        age=draw(st.sampled_from([28, 41, 55])),
        injury_prone=draw(st.booleans()),
        with_vdot=draw(st.booleans()),
        review_day=draw(st.integers(1, 140)),
        week_modes=(
            (draw(st.sampled_from([0.8, 1.0, 1.1, 1.3])), draw(st.sampled_from([0, 1, 3]))),
            *draw(
                st.lists(
                    st.tuples(
                        st.sampled_from([0.0, 0.5, 0.8, 1.0, 1.0, 1.1, 1.3]),
                        st.sampled_from([0, 0, 1, 3]),
                    ),
                    max_size=6,
                )
            ),
        ),
        illness=draw(st.none() | st.tuples(st.integers(1, 28), st.none() | st.integers(0, 20))),
        pain_run=draw(st.none() | st.tuples(st.integers(0, 4), st.sampled_from([2, 4, 6, 8]))),
        pain_now=draw(st.none() | st.sampled_from([1, 5, 7])),
        tired=draw(st.booleans()),
        stopped_after=draw(st.none() | st.integers(0, 12)),
    )


@settings(
    max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(stories())
def test_every_adapted_plan_is_safe_and_deterministic(story: Story) -> None:
    runner, request = story.build()
    change = review_plan(runner.plan, runner.log, request, runner.profile)
    again = review_plan(runner.plan, list(reversed(runner.log)), request, runner.profile)
    assert change.plan.to_dict() == again.plan.to_dict()
    assert [r.to_dict() for r in change.reasons] == [r.to_dict() for r in again.reasons]
    assert change.reasons, "a review always says why"
    if change.changed:
        compliance = match_plan(change.plan, runner.log, request.today)
        problems = revision_violations(change.plan, compliance, runner.log, request.today)
        assert problems == [], "\n".join(f"{v.rule} w{v.week}: {v.message}" for v in problems)
        # The past is never rewritten: weeks that ended before today are as they were.
        for old, new in zip(runner.plan.weeks, change.plan.weeks, strict=False):
            if old.end_date < request.today:
                assert old.to_dict() == new.to_dict()
        # The contract still holds: the revised plan reads back as itself.
        from runcoach.domain.plan.model import Plan

        assert Plan.from_dict(change.plan.to_dict()).to_dict() == change.plan.to_dict()
