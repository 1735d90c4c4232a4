"""A coach's ``date,kind,distance`` CSV read into a plan and judged by the same checks."""

from __future__ import annotations

from datetime import date

import pytest

from runcoach.domain.errors import InputError
from runcoach.domain.plan.checks import check_plan, context_from_plan
from runcoach.domain.plan.foreign import read_plan_csv

HEADER = "date,kind,distance\n"


def test_rows_become_monday_weeks_with_the_last_race_as_goal() -> None:
    plan = read_plan_csv(
        HEADER
        + "2027-06-09,Run,8km\n"  # a Wednesday: the plan starts on Monday 7 June
        + "2027-06-10,rest,\n"
        + "2027-06-13,long run,10mi\n"
        + "2027-06-15,interval,6000\n"
        + "2027-06-20,race,5k\n"
        + "2027-07-04,race,10k\n",
        source="coach.csv",
    )
    assert plan.kind == "imported"
    assert plan.start_date == date(2027, 6, 7)
    assert len(plan.weeks) == 4
    kinds = [s.kind for w in plan.weeks for s in w.sessions]
    assert kinds == ["easy", "rest", "long", "intervals", "race", "race"]
    assert plan.weeks[0].sessions[2].distance_m == pytest.approx(16093.44)
    assert plan.race is not None and plan.race.date == date(2027, 7, 4)
    assert [r.priority for r in plan.races] == ["B", "A"]
    assert [w.phase for w in plan.weeks] == ["build", "build", "taper", "race"]


def test_a_coachs_plan_with_a_40_percent_jump_is_flagged() -> None:
    plan = read_plan_csv(
        HEADER
        + "2027-06-07,easy,8km\n2027-06-09,tempo,10km\n2027-06-13,long,16km\n"
        + "2027-06-14,easy,12km\n2027-06-16,intervals,12km\n2027-06-20,long,17.5km\n"
    )
    rules = {v.rule for v in check_plan(plan)}
    assert "RAMP-WEEKLY" in rules
    # W0 given explicitly: a runner already at 50 km a week may take that second week.
    calm = check_plan(plan, context_from_plan(plan, weekly_volume_m=50000.0, longest_run_m=17000.0))
    assert "RAMP-WEEKLY" not in {v.rule for v in calm}


def test_a_sensible_coach_plan_is_clean() -> None:
    rows = []
    weeks = [
        (8, 6, 12, 6),
        (8, 7, 13, 6),
        (9, 7, 14, 6),
        (7, 5, 10, 5),  # a cut-back week
        (9, 7, 15, 6),
    ]
    for w, (a, b, long, c) in enumerate(weeks):
        base = date(2027, 6, 7).toordinal() + 7 * w
        rows.append(f"{date.fromordinal(base + 1).isoformat()},easy,{a}km")
        rows.append(f"{date.fromordinal(base + 3).isoformat()},fartlek,{b}km")
        rows.append(f"{date.fromordinal(base + 4).isoformat()},easy,{c}km")
        rows.append(f"{date.fromordinal(base + 6).isoformat()},long,{long}km")
    plan = read_plan_csv(HEADER + "\n".join(rows) + "\n")
    assert plan.weeks[3].is_down_week, "a week 15 % below the 3-week high counts as a down week"
    assert check_plan(plan) == []


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "the file is empty"),
        ("day,kind,km\n2027-06-07,easy,8km\n", "lacks date, distance"),
        (HEADER + "2027-06-07,easy,8km\n2027-02-30,easy,5km\n", "line 3: date '2027-02-30'"),
        (HEADER + "2027-06-07,jogging,8km\n", "line 2: kind 'jogging'"),
        (HEADER + "2027-06-07,easy,\n", "line 2: a easy run needs a distance"),
        (HEADER + "2027-06-07,easy,8 parsecs\n", "unknown unit"),
        (HEADER, "no session rows"),
    ],
)
def test_bad_csv_is_one_sentence_naming_the_line(text: str, needle: str) -> None:
    with pytest.raises(InputError) as err:
        read_plan_csv(text, source="coach.csv")
    assert needle in str(err.value)
    assert str(err.value).startswith("coach.csv")
