"""Stories the wide property search found (issue 5): revisions after unusual histories.

Each story is a minimal case of an engine hole that the derandomized property test
(``test_adaptation_properties.py``) did not reach. ``Runner.reviews`` checks every revised plan
against the real history (DESIGN.md §5), so each story fails with the rule that was broken.
"""

from __future__ import annotations

from datetime import date, timedelta

from runcoach.domain.plan.adaptation import Illness, ReviewInput
from tests.scenarios.story import Runner

MONDAY = date(2027, 1, 4)


def test_a_runner_who_stopped_in_week_1_and_is_ill_reviews_ten_weeks_later() -> None:
    """RAMP-BLOCK after a low month: ten weeks of nothing, a flu that is still going, and a
    review on a Thursday. The return weeks must grow so slowly that the month after the
    nearly empty current week stays within 25 % of it — not only its first week."""
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
    # The return restarts from the floor and holds it while the low month is judged.
    assert all(w.distance_m <= 7000 for w in returned[:4])
    assert all(w.distance_m > 0 for w in ahead)
