"""Adaptive coaching, told as stories (issue 5 "Done when", STORIES.md 2–4).

Each story builds a plan with the real engine, lets the runner follow it (a synthetic log of the
planned sessions), then something happens and the runner reviews the plan on a given day. Every
revised plan is checked against the real history by ``Runner.reviews`` (DESIGN.md §5).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from runcoach.domain.advice import advise
from runcoach.domain.athlete import AthleteProfile
from runcoach.domain.plan.adaptation import Illness, ReviewInput
from runcoach.domain.plan.agenda import day_agenda
from runcoach.domain.plan.model import Week
from runcoach.domain.plan.signals import PainReport
from runcoach.domain.vdot import time_off_factor, training_paces, vdot_from_race
from tests.scenarios.story import Runner, logged_run

MONDAY = date(2027, 1, 4)


def rules_of(change: object) -> list[str]:
    return [f.rule for f in change.findings]  # type: ignore[attr-defined]


@pytest.fixture
def marathoner() -> Runner:
    """Runs 50 km a week on 5 days, half in 1:45, wants a 3:40 marathon 17 weeks from now."""
    runner = Runner.with_plan(
        start=MONDAY,
        race="marathon",
        race_date=MONDAY + timedelta(weeks=16, days=6),
        weekly="50km",
        longest="20km",
        days=5,
        recent_race=(21097.5, 105 * 60),
        goal_time_s=3 * 3600 + 40 * 60,
    )
    runner.runs_before_the_plan(6, 50000, 20000)
    return runner


def test_a_marathoner_misses_12_days_with_flu_in_week_6(marathoner: Runner) -> None:
    flu = marathoner.week(6).start_date + timedelta(days=2)
    marathoner.follows_plan(until=flu)
    back = flu + timedelta(days=12)  # a Monday: the first day back

    change = marathoner.reviews(
        ReviewInput(today=back, illness=Illness(flu, back - timedelta(days=1)))
    )

    assert change.changed
    assert {"ADAPT-TIME-OFF", "ADAPT-ILLNESS-LONG", "ADAPT-GOAL"} <= set(rules_of(change))
    # Fitness drops by Daniels' time-off factor for 12 days (COACHING.md §1.6: 0.979).
    before_vdot = marathoner.plan.vdot
    assert before_vdot is not None and change.plan.vdot is not None
    assert change.plan.vdot == pytest.approx(before_vdot * time_off_factor(12), abs=0.01)
    # The paces follow: easy runs are slower now.
    assert change.plan.paces_s_per_km["threshold"] > marathoner.plan.paces_s_per_km["threshold"]
    # The return: the first week back is an easy return week at about half the usual volume,
    # then more; no quality running in the first return week.
    first, second = [w for w in change.plan.weeks if w.start_date >= back][:2]
    usual = max(w.distance_m for w in marathoner.plan.weeks[2:5])
    assert first.phase == "return"
    assert 0.4 * usual <= first.distance_m <= 0.6 * usual
    assert first.distance_m < second.distance_m <= 0.8 * usual
    assert all(s.intensity == "easy" for s in first.sessions if s.is_run)
    # The goal is re-assessed and the plan says so.
    goal = next(f for f in change.findings if f.rule == "ADAPT-GOAL")
    assert "3:40:00" in goal.text
    # Nothing before the flu changes.
    assert all(d.start_date >= marathoner.week(8).start_date for d in change.diff)

    # Accepted, the same review proposes nothing new: the plan remembers the break.
    marathoner.accepts(change)
    again = marathoner.reviews(
        ReviewInput(today=back, illness=Illness(flu, back - timedelta(days=1)))
    )
    assert not again.changed


def test_an_achilles_pain_of_6_that_is_worse_the_next_morning(marathoner: Runner) -> None:
    day = marathoner.week(5).start_date + timedelta(days=3)
    marathoner.follows_plan(until=day)
    marathoner.logs(logged_run(day, 10000, 3300, rpe=5, pain=6, where="Achilles"))
    morning = day + timedelta(days=1)

    change = marathoner.reviews(
        ReviewInput(today=morning, pain_today=PainReport(morning, 7, "achilles", False))
    )

    assert {"ADAPT-PAIN-REDUCE", "ADAPT-RETURN-TO-RUN", "ADAPT-PAIN-PROFESSIONAL"} <= set(
        rules_of(change)
    )
    reduce = next(f for f in change.findings if f.rule == "ADAPT-PAIN-REDUCE")
    assert "worse the next morning" in reduce.text
    assert "not two months of rest" in reduce.text.lower()
    see = next(f for f in change.findings if f.rule == "ADAPT-PAIN-PROFESSIONAL")
    assert see.severity == "warning" and "physiotherapist" in see.text
    # Today and tomorrow: no running (pain-free cross-training instead).
    today = day_agenda(change, morning)
    assert today.adjusted
    assert all(not i.session.is_run for i in today.items)
    # Then a return phase that walks and runs, and it is weeks, not months.
    returned = [w for w in change.plan.weeks if w.phase == "return"]
    assert returned, "a return phase"
    assert any(s.kind == "run_walk" for w in returned for s in w.sessions)
    assert len(returned) <= 5
    back_to_training = next(
        w for w in change.plan.weeks if w.start_date > morning and w.phase != "return"
    )
    assert (back_to_training.start_date - morning).days <= 5 * 7


def test_pain_that_settles_is_acceptable_and_only_holds(marathoner: Runner) -> None:
    day = marathoner.week(5).start_date + timedelta(days=3)
    marathoner.follows_plan(until=day)
    marathoner.logs(logged_run(day, 10000, 3300, rpe=4, pain=4, where="calf"))
    morning = day + timedelta(days=1)
    change = marathoner.reviews(
        ReviewInput(today=morning, pain_today=PainReport(morning, 1, "calf", False))
    )
    assert "ADAPT-PAIN-ACCEPTABLE" in rules_of(change)
    assert "ADAPT-PAIN-REDUCE" not in rules_of(change)
    assert not any(s.kind == "run_walk" for s in change.plan.sessions)


def test_a_runner_who_runs_30_percent_more_than_planned_for_two_weeks(marathoner: Runner) -> None:
    marathoner.follows_plan(until=marathoner.week(3).start_date)
    marathoner.follows_plan(
        since=marathoner.week(3).start_date, until=marathoner.week(5).start_date, scale=1.3
    )
    review_day = marathoner.week(5).start_date

    change = marathoner.reviews(ReviewInput(today=review_day))

    assert "ADAPT-OVERSHOOT" in rules_of(change)
    overshoot = next(f for f in change.findings if f.rule == "ADAPT-OVERSHOOT")
    assert "30 %" in overshoot.text
    # The plan ramps from what was planned, never from the overshoot: no week from now on is
    # bigger than the original plan's week, and no long run longer.
    for old, new in zip(marathoner.plan.weeks[4:], change.plan.weeks[4:], strict=False):
        assert new.distance_m <= old.distance_m + 1.0
    # The 30 % longer long runs were spikes: the next down week comes now.
    if "ADAPT-OVERREACH" in rules_of(change):
        assert change.plan.weeks[4].is_down_week


def test_a_10k_personal_best_in_week_8_moves_vdot_and_paces_up(marathoner: Runner) -> None:
    race_day = marathoner.week(8).start_date + timedelta(days=5)
    marathoner.follows_plan(until=race_day)
    marathoner.logs(logged_run(race_day, 10000, 44 * 60, rpe=9, kind="race"))
    review_day = race_day + timedelta(days=2)

    change = marathoner.reviews(ReviewInput(today=review_day))

    assert "ADAPT-RACE-VDOT" in rules_of(change)
    new_vdot = vdot_from_race(10000, 44 * 60)
    assert change.plan.vdot == pytest.approx(new_vdot, abs=0.01)
    assert marathoner.plan.vdot is not None and new_vdot > marathoner.plan.vdot
    assert change.plan.paces_s_per_km["threshold"] == pytest.approx(
        training_paces(new_vdot).threshold, abs=0.1
    )
    text = next(f for f in change.findings if f.rule == "ADAPT-RACE-VDOT").text
    assert "up" in text and "threshold pace" in text and "was" in text
    # Workouts from now on carry the new, faster threshold pace.
    t_old = marathoner.plan.paces_s_per_km["threshold"]
    later_targets = [
        st.target.low
        for s in change.plan.sessions
        if s.date > review_day and s.kind in ("tempo", "threshold")
        for step in s.steps
        for st in step.flatten()
        if st.zone == "T" and st.target is not None
    ]
    assert later_targets and max(later_targets) < t_old


def test_a_race_moved_two_weeks_earlier(marathoner: Runner) -> None:
    marathoner.follows_plan(until=marathoner.week(4).start_date)
    assert marathoner.plan.race is not None
    new_date = marathoner.plan.race.date - timedelta(days=14)

    change = marathoner.reviews(
        ReviewInput(today=marathoner.week(4).start_date, race_date=new_date)
    )

    assert "ADAPT-REPLAN" in rules_of(change)
    assert change.plan.race is not None and change.plan.race.date == new_date
    races = [s for s in change.plan.sessions if s.kind == "race"]
    assert [s.date for s in races] == [new_date]
    assert change.plan.end_date == new_date
    assert len(change.plan.weeks) == len(marathoner.plan.weeks) - 2
    assert change.plan.weeks[-1].phase == "race"
    assert any(w.phase == "taper" for w in change.plan.weeks)
    assert sum(1 for d in change.diff if d.after is None) == 2  # two weeks fewer


def test_a_4_day_2_mile_run_walker_asks_when_to_increase() -> None:
    """Story 2: Charles run/walks 2 miles, 4 days a week, and logs effort and pain."""
    charles = AthleteProfile(name="Charles", age=62, beginner=True)
    today = date(2027, 4, 4)
    log = []
    for week in range(3):
        sunday = today - timedelta(weeks=week)
        for back in (6, 4, 2, 0):
            day = sunday - timedelta(days=back)
            log.append(logged_run(day, 3218.7, 40 * 60, rpe=4, pain=1, where="knee"))

    after_two_weeks = advise(
        [a for a in log if a.start_time.date() > today - timedelta(weeks=2)], today, charles
    )
    assert after_two_weeks.verdict == "hold"
    assert "3 weeks" in after_two_weeks.headline

    after_three_weeks = advise(log, today, charles, units="mi")
    assert after_three_weeks.verdict == "increase"
    assert after_three_weeks.run_walk
    assert "run segment" in after_three_weeks.next_step
    assert "8.0 mi" in after_three_weeks.headline  # 4 × 2 miles a week, in his units

    sore = advise(log, today, charles, pain_today=PainReport(today, 6, "knee", during_run=False))
    assert sore.verdict == "down"
    assert "walk/run" in sore.next_step
    assert "two months" in sore.next_step.lower()  # "Not two months of rest."


def test_a_50_year_old_returning_after_a_knee_injury() -> None:
    """Story 3: Paul, 50, injury-prone (torn meniscus), first marathon under 4 hours."""
    paul = Runner.with_plan(
        start=MONDAY,
        race="marathon",
        race_date=MONDAY + timedelta(weeks=19, days=6),
        weekly="40km",
        longest="16km",
        days=4,
        age=50,
        injury_prone=True,
        recent_race=(21097.5, 115 * 60),
        goal_time_s=4 * 3600 - 1,
    )
    paul.runs_before_the_plan(6, 40000, 16000)
    # The plan is gentler for him: a down week at least every 4th week.
    streak = 0
    for week in paul.plan.weeks:
        if week.phase in ("base", "build", "peak"):
            streak = 0 if week.is_down_week else streak + 1
            assert streak <= 3
    # Knee pain comes back in week 4; he stops running for five weeks.
    hurt = paul.week(4).start_date + timedelta(days=1)
    paul.follows_plan(until=hurt)
    paul.logs(logged_run(hurt, 8000, 3000, rpe=6, pain=7, where="knee"))
    back = hurt + timedelta(days=36)
    back -= timedelta(days=back.weekday())  # the Monday he returns

    change = paul.reviews(ReviewInput(today=back, pain_today=PainReport(back, 2, "knee", False)))

    found = set(rules_of(change))
    assert "ADAPT-REBUILD" in found  # more than 4 weeks off
    rebuild = next(f for f in change.findings if f.rule == "ADAPT-REBUILD")
    assert "33 %" in rebuild.text
    assert change.plan.vdot is not None and paul.plan.vdot is not None
    days_off = (back - hurt).days - 1
    assert days_off > 28
    assert change.plan.vdot == pytest.approx(paul.plan.vdot * time_off_factor(days_off), abs=0.01)
    returned = [w for w in change.plan.weeks if w.start_date >= back and w.phase == "return"]
    assert returned and returned[0].distance_m <= 0.4 * 40000
    # The rebuilt weeks keep his strength work and his gentle cadence.
    streak = 0
    for week in change.plan.weeks:
        if week.start_date < back:
            continue
        if week.phase in ("base", "build"):
            assert sum(1 for s in week.sessions if s.kind == "strength") >= 2
        if week.phase in ("base", "build", "peak"):
            streak = 0 if week.is_down_week else streak + 1
            assert streak <= 3
        else:
            streak = 0
    # The sub-4 goal is assessed honestly, never promised.
    assert any(f.rule == "ADAPT-GOAL" for f in change.findings)


def test_a_marathon_in_5_weeks_after_10_days_off_with_bursitis() -> None:
    """Story 4: Brittainy, 13 years of running, marathon in 5 weeks, 10 days off (hip bursitis)."""
    brittainy = Runner.with_plan(
        start=MONDAY,
        race="marathon",
        race_date=MONDAY + timedelta(weeks=17, days=6),
        weekly="80km",
        longest="30km",
        days=6,
        age=38,
        recent_race=(42195.0, 3 * 3600 + 25 * 60),
        goal_time_s=3 * 3600 + 20 * 60,
    )
    brittainy.runs_before_the_plan(6, 80000, 30000, days=5)
    assert brittainy.plan.race is not None
    hurt = brittainy.plan.race.date - timedelta(weeks=5)
    brittainy.follows_plan(until=hurt)
    brittainy.logs(logged_run(hurt - timedelta(days=1), 12000, 3900, rpe=5, pain=5, where="hip"))
    back = hurt + timedelta(days=10)

    change = brittainy.reviews(
        ReviewInput(today=back, pain_today=PainReport(back, 2, "hip", during_run=False))
    )

    assert change.changed
    assert {"ADAPT-TIME-OFF", "ADAPT-GOAL"} <= set(rules_of(change))
    # Paces drop by the time-off factor, and the kept taper sessions say so.
    assert brittainy.plan.vdot is not None and change.plan.vdot is not None
    assert change.plan.vdot == pytest.approx(brittainy.plan.vdot * time_off_factor(10), abs=0.01)
    assert any("Paces now (VDOT" in s.description for s in change.plan.sessions if s.date > back)
    # Eased back in: the week she returns is a lighter, easy return week.
    this_week = next(w for w in change.plan.weeks if w.start_date <= back <= w.end_date)
    old_week = next(w for w in brittainy.plan.weeks if w.start_date == this_week.start_date)
    assert this_week.phase == "return"
    assert this_week.distance_m < 0.8 * old_week.distance_m
    assert all(s.intensity == "easy" for s in this_week.sessions if s.is_run and s.date >= back)
    # The race stays; the goal is re-assessed honestly, with what to do instead.
    assert change.plan.race is not None and change.plan.race.date == brittainy.plan.race.date
    goal = next(f for f in change.findings if f.rule == "ADAPT-GOAL")
    assert "3:20:00" in goal.text and ("ambitious" in goal.text or "out of reach" in goal.text)
    assert goal.severity == "warning"


def test_a_22_mile_runner_back_after_5_weeks_off_climbs_the_return_ladder() -> None:
    """RETURN-LADDER (COACHING.md §7.2): a 4-day runner at 22 mi a week stops for 37 days. The
    ramp rules no longer hold the return to the break's empty weeks: the return weeks climb the
    33/50/75 % ladder of the volume before the break (lower only where SPIKE-30D holds each run
    to 10 % over the longest before it, restarting from 2 km), and the runner is back at that
    volume in the fifth week of the return, not five months later."""
    from runcoach.domain.athlete import AthleteProfile as Profile
    from runcoach.domain.plan.inputs import PlanInputs
    from runcoach.domain.plan.model import RaceGoal
    from runcoach.domain.plan.season import build_season
    from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M, parse_distance

    mile = 1609.344
    before = parse_distance("22mi")
    start = date(2026, 12, 14)
    inputs = PlanInputs(
        start=start,
        weekly_volume_m=before,
        longest_run_m=parse_distance("9mi"),
        days_per_week=4,
        vdot=vdot_from_race(10000.0, 52 * 60),
        age=38,
        sex="F",
        units="mi",
    )
    races = [
        RaceGoal(distance_m=HALF_MARATHON_M, date=date(2027, 4, 11), priority="B"),
        RaceGoal(distance_m=MARATHON_M, date=date(2027, 10, 10), priority="A"),
    ]
    runner = Runner(plan=build_season(inputs, races), profile=Profile(age=38))
    runner.logs(logged_run(date(2026, 12, 5), 5000, 21 * 60 + 30, rpe=7))
    today = date(2027, 1, 12)  # 37 days without running

    change = runner.reviews(ReviewInput(today=today, tired=True))  # checked against the log

    assert "ADAPT-REBUILD" in rules_of(change)
    weeks = {w.start_date: w for w in change.plan.weeks}
    ret = [weeks[date(2027, 1, 11) + timedelta(weeks=k)] for k in range(4)]
    assert [w.phase for w in ret] == ["return"] * 4
    volumes = [w.distance_m for w in ret]
    # The rungs: 33 %, 50 %, 75 % of the 22 mi before the break, then one step of at most
    # × 1.30 (97.5 %); the first week starts on Tuesday (today).
    for volume, share in zip(volumes, (0.33, 0.5, 0.75, 0.975), strict=True):
        assert volume <= share * before + 1
    assert volumes == sorted(volumes)
    assert volumes[1] >= 0.35 * before and volumes[2] >= 0.5 * before
    assert volumes[3] >= 0.75 * before
    for w in ret:
        assert all(s.kind == "easy" for s in w.sessions if s.is_run), "a return runs easy"
        ladder = [r.text for r in w.reasons if r.rule == "RETURN-LADDER"]
        assert ladder and "22.0 mi a week you ran before the break" in ladder[0]
    # Back at ≥ 95 % of the volume before the break within the fifth week of the return.
    after = [weeks[date(2027, 2, 8) + timedelta(weeks=k)].distance_m for k in range(2)]
    assert max(after) >= 0.95 * before
    assert not any("LONG-20MI" in w.rule for w in change.plan.warnings)
    assert max(s.distance_m for s in change.plan.sessions if s.kind != "race") >= 20 * mile
    # The season keeps its shape (SEASON-BASE): a base block with moderate long runs, then an
    # 18-week marathon cycle that aims no higher than the plan it revises, its 20-milers in the
    # last 10 weeks (LONG-WINDOW).
    cycle_start = date(2027, 10, 10) - timedelta(weeks=18) + timedelta(days=1)
    block = [w for w in change.plan.weeks if date(2027, 2, 8) <= w.start_date < cycle_start]
    assert any(r.rule == "SEASON-BASE" for w in block for r in w.reasons)
    assert all(s.distance_m <= 14 * mile for w in block for s in w.sessions if s.kind == "long")
    old_peak = max(w.distance_m for w in runner.plan.weeks if w.phase != "race")
    assert max(w.distance_m for w in change.plan.weeks if w.phase != "race") <= old_peak + 1
    twenties = [s.date for s in change.plan.sessions if s.kind == "long" and s.distance_m >= 32000]
    assert twenties and all((date(2027, 10, 10) - d).days <= 70 for d in twenties)


def test_a_two_marathon_season_is_reviewed_in_each_cycle() -> None:
    """A season with two A marathons: a review in the first cycle (6 days ill) rebuilds that
    cycle to its own race and keeps the second; a review in the second cycle rebuilds it to the
    peak the season planned for it (SEASON-BASE). (The recovery weeks after the last race are
    not rebuilt: the revised plan ends on race day.)"""
    from runcoach.domain.athlete import AthleteProfile as Profile
    from runcoach.domain.plan.inputs import PlanInputs
    from runcoach.domain.plan.model import RaceGoal
    from runcoach.domain.plan.season import build_season
    from runcoach.domain.units import MARATHON_M

    start = date(2026, 12, 14)
    first, last = date(2027, 5, 2), date(2027, 10, 31)
    inputs = PlanInputs(
        start=start, weekly_volume_m=50000.0, longest_run_m=18000.0, days_per_week=5, vdot=45.0
    )
    season = build_season(inputs, [RaceGoal(MARATHON_M, first), RaceGoal(MARATHON_M, last)])
    runner = Runner(plan=season, profile=Profile(age=40))
    runner.runs_before_the_plan(4, 50000.0, 18000.0)

    def peak(weeks: list[Week]) -> float:
        return max(w.distance_m for w in weeks if w.phase not in ("race", "recovery"))

    # Cycle 1: ill for six days.
    today = date(2027, 1, 12)
    runner.follows_plan(until=today)
    runner.log = [a for a in runner.log if not date(2027, 1, 6) <= a.start_time.date()]
    ill = runner.reviews(
        ReviewInput(today=today, illness=Illness(date(2027, 1, 6), date(2027, 1, 11)))
    )
    assert ill.changed and ill.plan.race == season.race and ill.plan.races == season.races
    assert len(ill.plan.weeks) == len(season.weeks)
    assert ill.plan.weeks[19].sessions[-1].kind == "race"  # the first marathon keeps its week
    after_first = [w.to_dict() for w in ill.plan.weeks if w.start_date > first]
    assert after_first == [w.to_dict() for w in season.weeks if w.start_date > first]

    # Cycle 2: too tired in June.
    runner.accepts(ill)
    today = date(2027, 6, 15)
    runner.log = [a for a in runner.log if a.start_time.date() < date(2027, 1, 6)]
    runner.follows_plan(since=date(2027, 1, 12), until=today)
    tired = runner.reviews(ReviewInput(today=today, tired=True))
    assert tired.changed and tired.plan.weeks[-1].sessions[-1].date == last
    second = [w for w in tired.plan.weeks if first < w.start_date <= last]
    planned = [w for w in season.weeks if first < w.start_date <= last]
    assert peak(second) >= 0.95 * peak(planned), "the second cycle keeps its planned growth"
    assert peak(second) <= peak(planned) + 1
