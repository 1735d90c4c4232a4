"""Use cases for building and judging plans: ``plan new``, ``season new``, ``plan show/why``,
``plan check FILE``.

The inputs of a plan come from the flags of the command, and what the flags leave out from the
stored athlete profile (flags override it). The plan is built by the pure engine
(``domain.plan.progression`` / ``domain.plan.season``) and stored as a new plan lineage through
``svc.plans`` (DESIGN.md §6: versions are never overwritten).

Units: metres, seconds, dates.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runcoach.domain.errors import InputError
from runcoach.errors import OperationError

if TYPE_CHECKING:
    from runcoach.domain.athlete import AthleteProfile, RaceResult, Sex, Weekday
    from runcoach.domain.plan.checks import Violation
    from runcoach.domain.plan.inputs import PlanInputs
    from runcoach.domain.plan.model import Plan, RaceGoal
    from runcoach.domain.plan.season import FarGoal
    from runcoach.domain.units import Units
    from runcoach.services import Services
    from runcoach.services.ports import PlanVersion

#: Recent races older than this do not set paces (VDOT): fitness has moved since.
RACE_RECENCY_DAYS = 365
#: Without a stored or given longest run, it is taken as this share of the weekly volume.
DEFAULT_LONG_SHARE = 0.3
DEFAULT_DAYS = 4
MAX_PLAN_FILE_BYTES = 20_000_000


@dataclass(frozen=True, slots=True)
class PlanRequest:
    """What ``runcoach plan new`` (or ``season new``) was asked, already parsed (SI units).

    None means "not given": the stored profile fills it in.
    """

    today: date
    race: RaceGoal | None = None
    weeks: int | None = None
    start: date | None = None
    weekly_volume_m: float | None = None
    longest_run_m: float | None = None
    days_per_week: int | None = None
    available_days: tuple[Weekday, ...] | None = None
    long_run_day: Weekday | None = None
    recent_races: tuple[RaceResult, ...] = ()
    age: int | None = None
    sex: Sex | None = None
    injury_prone: bool | None = None
    beginner: bool | None = None
    units: Units | None = None


@dataclass(frozen=True, slots=True)
class BuiltPlan:
    """A plan as built and stored, with notes on the inputs that were assumed."""

    plan: Plan
    version: PlanVersion | None
    notes: tuple[str, ...] = field(default=())


def best_vdot(races: Sequence[RaceResult], today: date) -> float | None:
    """The VDOT of the best recent race (dated within a year, or undated); None without one.

    Source: Daniels & Gilbert 1979 (COACHING.md §1.2); the best race sets the training paces.
    """
    from runcoach.domain.vdot import vdot_from_race

    best = None
    for r in races:
        if r.date is not None and (today - r.date).days > RACE_RECENCY_DAYS:
            continue
        value = vdot_from_race(r.distance_m, r.time_s)
        best = value if best is None else max(best, value)
    return best


def plan_inputs(
    request: PlanRequest, profile: AthleteProfile | None, default_units: Units
) -> tuple[PlanInputs, list[str]]:
    """Merge the request with the stored profile (the request wins) into engine inputs.

    Returns the inputs and notes on what was assumed. Raises InputError (one sentence) when a
    needed input is missing.
    """
    from runcoach.domain.athlete import AthleteProfile
    from runcoach.domain.plan.inputs import PlanInputs, next_monday
    from runcoach.domain.plan.rules import START_FLOOR_VOLUME_M

    p = profile or AthleteProfile()
    notes: list[str] = []
    beginner = request.beginner if request.beginner is not None else p.beginner
    volume = request.weekly_volume_m or p.weekly_volume_m
    if volume is None:
        if not beginner:
            raise InputError(
                "give your weekly volume with --weekly-volume (e.g. 40km, the average of the last "
                "4 weeks), or store it with `runcoach athlete init --weekly-volume ...`."
            )
        volume = START_FLOOR_VOLUME_M
        notes.append("Weekly volume not given: a beginner's start of 6 km a week is assumed.")
    days = request.days_per_week or p.days_per_week
    if days is None:
        days = DEFAULT_DAYS
        notes.append(f"Running days not given: {DEFAULT_DAYS} a week (--days N to change).")
    longest = request.longest_run_m or p.longest_run_m
    if longest is None:
        longest = DEFAULT_LONG_SHARE * volume
        notes.append(
            "Longest run of the last 30 days not given: taken as 30 % of the weekly volume "
            "(--longest-run to be exact)."
        )
    races = tuple(request.recent_races) or tuple(p.races)
    vdot = best_vdot(races, request.today)
    if races and vdot is None:
        notes.append("Your races are more than a year old: sessions are given by effort.")
    inputs = PlanInputs(
        start=request.start or next_monday(request.today),
        weekly_volume_m=volume,
        longest_run_m=longest,
        days_per_week=days,
        race=request.race,
        weeks=request.weeks,
        available_days=request.available_days
        if request.available_days is not None
        else p.available_days,
        long_run_day=request.long_run_day or p.long_run_day,
        vdot=vdot,
        recent_races=races,
        age=request.age if request.age is not None else p.age,
        sex=request.sex or p.sex,
        injury_prone=request.injury_prone if request.injury_prone is not None else p.injury_prone,
        beginner=beginner,
        lifts_weights=p.lifts_weights,
        units=request.units or (p.units if profile is not None else default_units),
    )
    if inputs.start < request.today:
        raise InputError(
            f"--start {inputs.start.isoformat()} is before today ({request.today.isoformat()})."
        )
    if inputs.race is not None and inputs.race.date <= request.today:
        raise InputError(
            f"--race-date {inputs.race.date.isoformat()} is not after today "
            f"({request.today.isoformat()})."
        )
    return inputs, notes


def new_plan(svc: Services, request: PlanRequest, default_units: Units) -> BuiltPlan:
    """Build a race-cycle or base plan from the request and the profile, and store it as a new
    plan lineage (the previous current plan is kept as ``superseded``)."""
    from runcoach.domain.plan.progression import build_plan

    inputs, notes = plan_inputs(request, svc.profiles.get(), default_units)
    plan = build_plan(inputs)
    version = svc.plans.create(plan, reasons=_creation_reasons(plan))
    return BuiltPlan(plan, version, tuple(notes))


def new_season(
    svc: Services,
    request: PlanRequest,
    races: Sequence[RaceGoal],
    default_units: Units,
    *,
    far_goal: tuple[float, float] | None = None,
    bq: bool = False,
) -> BuiltPlan:
    """Build a season (several races over 1–3 years) and store it as a new plan lineage.

    ``far_goal`` is (distance_m, time_s); ``bq`` makes a Boston qualifier the far goal (age on
    Boston race day after the season's last marathon, sex from the request or the profile).
    """
    from runcoach.domain.plan.season import build_season

    inputs, notes = plan_inputs(request, svc.profiles.get(), default_units)
    goal = _far_goal(inputs, races, far_goal, bq, notes)
    plan = build_season(inputs, races, far_goal=goal)
    version = svc.plans.create(plan, reasons=_creation_reasons(plan))
    return BuiltPlan(plan, version, tuple(notes))


def _far_goal(
    inputs: PlanInputs,
    races: Sequence[RaceGoal],
    far_goal: tuple[float, float] | None,
    bq: bool,
    notes: list[str],
) -> FarGoal | None:
    from runcoach.domain.plan.season import FarGoal
    from runcoach.domain.units import MARATHON_M

    if far_goal is None and not bq:
        return None
    if far_goal is not None and bq:
        raise InputError("give either --far-goal or --bq, not both.")
    results = tuple((r.distance_m, r.time_s) for r in inputs.recent_races)
    if not results:
        raise InputError(
            "a projection toward a far goal needs a recent race (--recent-race 10k=48:00) to "
            "start from."
        )
    if far_goal is not None:
        return FarGoal(far_goal[0], far_goal[1], results, inputs.age, inputs.sex)
    from runcoach.domain.standards import boston_edition_for_qualifier, bq_target

    if inputs.age is None or inputs.sex is None:
        raise InputError("--bq needs --age and --sex to find your Boston standard.")
    last = max((r.date for r in races), default=inputs.start)
    edition = boston_edition_for_qualifier(last)
    years_on = max(0, (edition.race_day - inputs.start).days // 365)
    target = bq_target(inputs.age + years_on, inputs.sex, edition_year=edition.year)
    notes.append(
        f"Boston {edition.year}: standard {_clock(target.standard_s)} for age "
        f"{target.age_on_race_day} on race day; the projection aims at it."
    )
    return FarGoal(MARATHON_M, float(target.required_s), results, inputs.age, inputs.sex, target)


def _clock(seconds: float) -> str:
    from runcoach.domain.units import format_duration

    return format_duration(seconds)


def _creation_reasons(plan: Plan) -> list[dict[str, str]]:
    first = plan.weeks[0].reasons[0] if plan.weeks and plan.weeks[0].reasons else None
    out = [{"rule": "PHASES", "text": f"New {plan.kind} plan of {len(plan.weeks)} weeks."}]
    if first is not None:
        out.append(first.to_dict())
    return out


def current_plan(svc: Services) -> Plan:
    """The current plan; OperationError when there is none yet."""
    version = svc.plans.current()
    if version is None:
        raise OperationError("there is no plan yet; make one with `runcoach plan new`.")
    return version.plan


def week_reasons(plan: Plan, week: int) -> list[dict[str, Any]]:
    """``plan why WEEK``: the reasons of that week with each rule's title and source."""
    from runcoach.domain.plan.rules import RULES

    if not 1 <= week <= len(plan.weeks):
        raise InputError(f"week {week} is not in the plan: it has weeks 1 to {len(plan.weeks)}.")
    w = plan.weeks[week - 1]
    out = []
    for r in w.reasons:
        rule = RULES.get(r.rule)
        out.append(
            {
                "rule": r.rule,
                "text": r.text,
                "title": rule.title if rule else None,
                "explanation": rule.text if rule else None,
                "source": rule.source if rule else None,
            }
        )
    return out


@dataclass(frozen=True, slots=True)
class CheckOverrides:
    """What ``plan check`` may be told about the runner (None: from the file or inferred)."""

    weekly_volume_m: float | None = None
    longest_run_m: float | None = None
    days_per_week: int | None = None
    age: int | None = None
    injury_prone: bool | None = None


def read_plan_file(path: Path) -> Plan:
    """Read a plan file: our ``runcoach.plan/1`` JSON, runcoach's own plan CSV (``export csv
    --what plan``: its ``week``, ``phase``, ``down_week`` and zone columns are used as written),
    or a coach's ``date,kind,distance`` CSV (weeks, phases, down weeks inferred:
    ``domain.plan.foreign``).

    Raises OperationError for a file that cannot be read and InputError for bad content.
    """
    from runcoach.domain.plan.foreign import read_plan_csv
    from runcoach.domain.plan.model import Plan

    try:
        size = path.stat().st_size
        if size > MAX_PLAN_FILE_BYTES:
            raise OperationError(f"{path}: {size} bytes is too big for a plan file.")
        data = path.read_bytes()
    except FileNotFoundError:
        raise OperationError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise OperationError(f"{path}: is a folder, not a plan file.") from None
    except OSError as exc:
        raise OperationError(f"{path}: cannot be read ({exc.strerror}).") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: is not a text file (UTF-8): expected JSON or CSV.") from None
    if text.lstrip().startswith(("{", "[")):
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: is not valid JSON ({exc.msg}, line {exc.lineno}).") from None
        return Plan.from_dict(doc, source=str(path))
    first_line = text.lstrip().split("\n", 1)[0].lower()
    header = {h.strip() for h in first_line.split(",")}
    if {"week", "phase"} <= header:
        from runcoach.exporters.plan_csv import plan_from_csv

        return plan_from_csv(text, source=str(path))
    return read_plan_csv(text, source=str(path))


def check_plan_file(path: Path, overrides: CheckOverrides) -> tuple[Plan, list[Violation]]:
    """``plan check FILE``: every safety rule of DESIGN.md §5 on a plan file."""
    from runcoach.domain.plan.checks import check_plan, context_from_plan

    plan = read_plan_file(path)
    if not plan.weeks:
        raise InputError(f"{path}: the plan has no weeks.")
    context = context_from_plan(
        plan,
        weekly_volume_m=overrides.weekly_volume_m,
        longest_run_m=overrides.longest_run_m,
        days_per_week=overrides.days_per_week,
        age=overrides.age,
        injury_prone=overrides.injury_prone,
    )
    return plan, check_plan(plan, context)


def plan_end(plan: Plan) -> date:
    """The last day of a plan."""
    return plan.start_date + timedelta(days=7 * len(plan.weeks) - 1)
