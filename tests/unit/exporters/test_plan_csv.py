"""Plan CSV: written in the runner's units, read back to the same sessions; a coach's simple
``date,kind,distance`` sheet becomes a plan; bad rows are named in one sentence."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runcoach.domain.errors import InputError
from runcoach.domain.plan.model import SESSION_KINDS, Plan, Session, Week
from runcoach.exporters.plan_csv import plan_from_csv, plan_to_csv
from tests.unit.exporters.sample_plan import build_sample_plan


def flat(plan: Plan) -> list[tuple[object, ...]]:
    return [
        (
            w.index,
            w.start_date,
            w.phase,
            w.is_down_week,
            s.date,
            s.kind,
            s.title,
            s.intensity,
            round(s.distance_m),
            round(s.duration_s),
            {z: round(s.zone_m(z)) for z in "EMTIR" if s.zone_m(z)},
            s.tags,
            s.description,
        )
        for w in plan.weeks
        for s in sorted(w.sessions, key=lambda x: x.date)
    ]


@pytest.mark.parametrize("units", ["km", "mi"])
def test_the_sample_plan_round_trips(units: str) -> None:
    plan = build_sample_plan()
    text = plan_to_csv(plan, units)  # type: ignore[arg-type]
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(list(plan.sessions))
    assert f"distance_{units}" in rows[0] and f"I_{units}" in rows[0]
    back = plan_from_csv(text, source="plan.csv")
    assert flat(back) == flat(plan)
    assert back.race is not None and plan.race is not None
    assert back.race.date == plan.race.date and round(back.race.distance_m) == 21098
    assert back.kind == "imported" and back.start_date == plan.start_date


def test_csv_shows_the_runner_units() -> None:
    text = plan_to_csv(build_sample_plan(), "mi")
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["kind"] == "race")
    assert row["distance_mi"] == "13.1094" and row["duration"] == "1:45:00"
    assert row["date"] == "2027-04-25" and row["week"] == "8" and row["phase"] == "race"


def test_a_coach_sheet_with_units_in_the_values() -> None:
    text = (
        "Date,Kind,Distance\n"
        "2027-01-05,easy,8km\n"
        "2027-01-07,Tempo Run,10 km\n"
        "2027-01-10,long run,10mi\n"
        "2027-01-11,off,0\n"
        "\n"
        "2027-01-13,interval,12km\n"
        "2027-01-17,race,half\n"
    )
    plan = plan_from_csv(text, source="coach.csv")
    assert plan.start_date == date(2027, 1, 4)  # the Monday before the first session
    assert [len(w.sessions) for w in plan.weeks] == [3, 3]
    kinds = [s.kind for s in plan.sessions]
    assert kinds == ["easy", "tempo", "long", "rest", "intervals", "race"]
    long_run = next(s for s in plan.sessions if s.kind == "long")
    assert long_run.distance_m == pytest.approx(16093.44)
    assert long_run.zone_m("E") == pytest.approx(16093.44) and long_run.intensity == "moderate"
    assert plan.race is not None and plan.race.date == date(2027, 1, 17)
    assert plan.weeks[1].distance_m == pytest.approx(12000 + 21097.5)


def test_units_in_the_header() -> None:
    plan = plan_from_csv("date,kind,distance_mi\n2027-01-05,easy,5\n", source="c.csv")
    assert next(plan.sessions).distance_m == pytest.approx(5 * 1609.344)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty"),
        ("date,kind,distance\n", "no sessions"),
        ("day,what\n2027-01-01,easy\n", "must name at least the columns date, kind"),
        ("date,kind\n2027-01-01,easy\n", "no distance column"),
        ("date,kind,distance\n2027-01-05,easy,8\n", "row 2, distance '8' has no unit"),
        ("date,kind,distance\n05/01/2027,easy,8km\n", "row 2, date '05/01/2027' is not a date"),
        ("date,kind,distance\n2027-01-05,jogging,8km\n", "row 2, kind 'jogging' is not a session"),
        ("date,kind,distance_km\n2027-01-05,easy,-3\n", "row 2, distance_km '-3' must be zero"),
        (
            "date,kind,distance_km\n2027-01-05,easy,far\n",
            "row 2, distance_km 'far' is not a number",
        ),
        (
            "date,week,kind,distance_km\n2027-01-05,1,easy,5\n2027-01-06,1,easy,5\n2027-01-20,2,easy,5\n",
            "row 4, date 2027-01-20 is not in week 2",
        ),
        ("date,kind,distance_km,duration\n2027-01-05,easy,5,4500\n", "row 2, duration"),
    ],
)
def test_bad_sheets_are_named_in_one_sentence(text: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        plan_from_csv(text, source="coach.csv")
    assert str(info.value).startswith("coach.csv") and message in str(info.value)


sessions_strategy = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=120),  # day offset
        st.sampled_from(SESSION_KINDS),
        st.integers(min_value=0, max_value=45000),  # metres
        st.integers(min_value=0, max_value=20000),  # seconds
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(sessions_strategy, st.sampled_from(["km", "mi"]))
def test_any_flat_plan_round_trips(items: list[tuple[int, str, int, int]], units: str) -> None:
    start = date(2027, 1, 4)
    sessions = [
        Session(date=start + timedelta(days=d), kind=k, distance_m=float(m), duration_s=float(s))  # type: ignore[arg-type]
        for d, k, m, s in items
    ]
    by_week: dict[int, list[Session]] = {}
    for s in sessions:
        by_week.setdefault((s.date - start).days // 7 + 1, []).append(s)
    weeks = tuple(
        Week(i, start + timedelta(weeks=i - 1), "base", tuple(by_week.get(i, ())))
        for i in range(1, max(by_week) + 1)
    )
    first = min(s.date for s in sessions)
    plan = Plan({}, None, start, None, {}, weeks)
    back = plan_from_csv(plan_to_csv(plan, units), source="p.csv")  # type: ignore[arg-type]
    expected = sorted((s.date, s.kind, s.distance_m, round(s.duration_s)) for s in sessions)
    got = sorted((s.date, s.kind, round(s.distance_m), round(s.duration_s)) for s in back.sessions)
    assert [(d, k, round(m), t) for d, k, m, t in expected] == got
    assert back.start_date == first - timedelta(days=first.weekday())
