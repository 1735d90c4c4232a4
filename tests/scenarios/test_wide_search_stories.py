"""Stories the wide property search found (issue 5): revisions after unusual histories.

Each story is a minimal case of an engine hole that the derandomized property test
(``test_adaptation_properties.py``) did not reach. ``Runner.reviews`` checks every revised plan
against the real history (DESIGN.md §5), so each story fails with the rule that was broken.
"""

from __future__ import annotations

from datetime import date, timedelta

from runcoach.domain.plan.adaptation import Illness, ReviewInput
from tests.scenarios.story import Runner
from tests.scenarios.test_adaptation_properties import Story

MONDAY = date(2027, 1, 4)


def test_a_runner_who_stopped_in_week_1_and_is_ill_reviews_ten_weeks_later() -> None:
    """RAMP-BLOCK after a low month: ten weeks of nothing, a flu that is still going, and a
    review on a Thursday. The break's weeks count at the volume held before it, and the return
    climbs RETURN-LADDER (it used to restart from the floor under the ramp rules)."""
    runner = Runner.with_plan(
        start=MONDAY,
        race=None,
        weekly="60km",
        longest="18km",
        days=3,
        weeks=19,
    )
    runner.runs_before_the_plan(4, 60000, 18000)
    today = MONDAY + timedelta(weeks=10, days=3)  # a Thursday
    ill = Illness(today - timedelta(days=8))

    change = runner.reviews(ReviewInput(today=today, illness=ill))

    assert change.changed
    ahead = [w for w in change.plan.weeks if w.start_date > today]
    returned = [w for w in ahead if w.phase == "return"]
    assert returned, "a return phase"
    # The return climbs RETURN-LADDER from the 60 km held before the break (33 % for the first
    # three weeks after 73 days off), each run within SPIKE-30D of the runs before it.
    assert all(w.distance_m <= 0.33 * 60000 + 1 for w in returned[:4])
    assert all(w.distance_m > 0 for w in ahead)


def test_a_10k_runner_who_skipped_a_month_and_jumped_back_into_the_plan() -> None:
    """RAMP-BLOCK that the past alone breaks: weeks 3–6 without a run, then weeks 7 and 8 run
    in full. Reviewed on Wednesday of week 9, the month to next week is already far above the
    floor month before it whatever is planned; the revision is not blamed for that, and what it
    plans stays within the rules."""
    runner = Runner.with_plan(
        start=MONDAY,
        race="10k",
        race_date=MONDAY + timedelta(weeks=13, days=6),
        weekly="40km",
        longest="14km",
        days=5,
    )
    runner.runs_before_the_plan(4, 40000, 14000)
    runner.follows_plan(until=runner.week(3).start_date)
    runner.follows_plan(since=runner.week(7).start_date, until=runner.week(9).start_date)
    today = runner.week(9).start_date + timedelta(days=2)

    change = runner.reviews(ReviewInput(today=today))

    assert change.changed
    ahead = [w for w in change.plan.weeks if w.start_date > today]
    # The weeks after the jump are held well below it, and none is empty.
    assert all(0 < w.distance_m < runner.week(8).distance_m for w in ahead)


def test_a_10k_runner_back_from_a_short_illness_keeps_the_taper_within_the_month_ramp() -> None:
    """RAMP-BLOCK up to race week: the engine's peak week leaves room for the taper and the
    race week at their TAPER-BOSQUET shares (a minimal case of the wide search: a 55-year-old
    on 79 km, an uneven month and a three-day illness three weeks before the review)."""
    story = Story(
        race="10k",
        weeks=15,
        days=5,
        weekly_km=79,
        longest_share=0.35,
        age=55,
        injury_prone=False,
        with_vdot=True,
        review_day=139,
        week_modes=((1.3, 0), (0.5, 0), (0.5, 1), (1.3, 1), (0.0, 1), (0.8, 3)),
        illness=(25, 3),
        pain_run=(4, 2),
        pain_now=None,
        tired=False,
    )
    runner, request = story.build()

    change = runner.reviews(request)

    assert change.changed
    assert change.plan.race is not None
