"""Adaptation: hold the plan against the log and the runner's news, and propose a safe revision.

:func:`review_plan` reads what happened (compliance, breaks, illness, pain, effort, races) and
what the runner says (tired, ill, a new race date, other days, a new goal), decides which rules
apply, and rebuilds the remaining weeks through the progression engine
(:mod:`runcoach.domain.plan.replan`). The result is a :class:`PlanChange`: the revised plan, the
reasons (rule id + sentence) and a week-by-week diff. A review is computed for a date
(``today``); the same inputs always give the same change.

Rules and their numbers are defined once in :mod:`runcoach.domain.plan.rules` (ids ``ADAPT-*``);
the sources are COACHING.md §1.6 (time off), §7.2 (return, illness, pain), §5.1 (spikes, ramp),
§5.3 (monotony) and §1.8 (goal feasibility).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Literal

from runcoach.domain.activity import Activity
from runcoach.domain.athlete import AthleteProfile, Weekday
from runcoach.domain.errors import InputError
from runcoach.domain.plan import adaptation_rules as rules
from runcoach.domain.plan.compliance import (
    WeekCompliance,
    activity_date,
    activity_order,
    match_plan,
)
from runcoach.domain.plan.diff import WeekDiff, diff_plans
from runcoach.domain.plan.model import Plan, Reason
from runcoach.domain.plan.return_ladder import ladder_shares
from runcoach.domain.plan.signals import (
    TIME_OFF_SHORT_MAX_DAYS,
    PainEpisode,
    PainReport,
    RaceEffort,
    TimeOff,
    find_time_off,
    pain_reports,
    race_efforts,
    read_pain,
)
from runcoach.domain.units import Units, format_distance, format_duration, format_pace
from runcoach.domain.vdot import (
    MAX_VDOT,
    MIN_VDOT,
    equivalent_time,
    time_off_factor,
    training_paces,
    vdot_from_race,
)

#: Where a plan remembers what reviews already acted on (inside the ``athlete`` inputs object).
MEMORY_KEY = "adaptation"
#: A race result changes the plan's VDOT only when it moves it by at least this much.
VDOT_CHANGE_MIN = 0.5
#: Two completed weeks at or above this share of the plan count as running more than planned.
OVERSHOOT_RATIO = 1.10
#: Efforts harder than planned on at least this many sessions, and at least this share of the
#: rated sessions, in the last 14 days → overreaching (an engine choice; Foster 2001 CR-10).
HARDER_SESSIONS_MIN = 3
HARDER_SHARE_MIN = 0.5
#: Foster's monotony flag (COACHING.md §5.3).
MONOTONY_FLAG = 2.0
#: Illness of up to this many days is short (COACHING.md §7.2: mild 1–3 days).
ILLNESS_SHORT_MAX_DAYS = 3


@dataclass(frozen=True, slots=True)
class Illness:
    """An illness from ``first_day``; ``last_day`` is the last day with symptoms (None: still ill)."""

    first_day: date
    last_day: date | None = None

    def days(self, today: date) -> int:
        """Days of illness so far (to ``last_day``, or to yesterday while still ill)."""
        end = self.last_day if self.last_day is not None else today - timedelta(days=1)
        return max(1, (end - self.first_day).days + 1)

    def ongoing(self, today: date) -> bool:
        """True while symptoms are not gone (no last day, or one in the future)."""
        return self.last_day is None or self.last_day >= today


@dataclass(frozen=True, slots=True)
class ReviewInput:
    """What the runner tells a review, beyond the log.

    ``race_date``, ``available_days``/``days_per_week`` and ``goal_time_s`` (seconds) replan the
    remaining weeks; ``tired`` is the runner's "too tired" flag; ``illness`` an illness period;
    ``cross_trained`` says the runner cross-trained during a break (a smaller VDOT loss);
    ``pain_today`` a pain rating given now (e.g. "worse this morning"); ``units`` are the
    runner's, for the sentences.
    """

    today: date
    tired: bool = False
    illness: Illness | None = None
    race_date: date | None = None
    available_days: tuple[Weekday, ...] | None = None
    days_per_week: int | None = None
    goal_time_s: float | None = None
    cross_trained: bool = False
    pain_today: PainReport | None = None
    units: Units = "km"


@dataclass(frozen=True, slots=True)
class Prescription:
    """What the rebuilt remaining weeks must do (filled in by the rules, read by the rebuild).

    Volumes in metres. ``load_fractions`` are shares of ``base_m`` for the first weeks (return
    or rebuild), ``walk_run_weeks`` of them are walk/run (``return`` phase); ``rest_until`` and
    ``easy_until`` are the last days with no running and with no intensity.
    """

    base_m: float
    longest_m: float
    recent_m: tuple[float, ...]
    vdot: float | None
    load_fractions: tuple[float, ...] = ()
    walk_run_weeks: int = 0
    rest_until: date | None = None
    easy_until: date | None = None
    down_week_first: bool = False
    race_date: date | None = None
    available_days: tuple[Weekday, ...] | None = None
    days_per_week: int | None = None
    goal_time_s: float | None = None
    avoid: str | None = None
    replan: bool = False
    keep_down_next: bool = False

    @property
    def changes_weeks(self) -> bool:
        """True when the remaining weeks must be rebuilt."""
        return bool(
            self.load_fractions
            or self.rest_until
            or self.easy_until
            or self.down_week_first
            or self.replan
        )


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule that applied: its id, the sentence the runner reads, and what it acted on."""

    rule: str
    text: str
    key: str | None = None
    severity: Literal["info", "change", "warning"] = "change"

    def reason(self) -> Reason:
        """As a plan reason."""
        return Reason(rule=self.rule, text=self.text)


@dataclass(frozen=True, slots=True)
class PlanChange:
    """A proposed revision: the plan before and after, the reasons and the week-by-week diff."""

    before: Plan
    plan: Plan
    reasons: tuple[Reason, ...]
    diff: tuple[WeekDiff, ...]
    today: date
    findings: tuple[Finding, ...] = ()
    compliance: tuple[WeekCompliance, ...] = field(default=(), compare=False)

    @property
    def changed(self) -> bool:
        """True when the revised plan differs from the current one."""
        return bool(self.diff) or self.plan.to_dict() != self.before.to_dict()

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Findings the runner must not miss (see a professional, goal out of reach...)."""
        return tuple(f for f in self.findings if f.severity == "warning")

    def to_dict(self, units: Units = "km") -> dict[str, Any]:
        """The ``plan review --json`` document: ``plan`` (``runcoach.plan/1``), ``reasons``,
        ``diff`` and ``changed``."""
        return {
            "today": self.today.isoformat(),
            "changed": self.changed,
            "plan": self.plan.to_dict(),
            "reasons": [r.to_dict() for r in self.reasons],
            "diff": [d.to_dict(units) for d in self.diff],
        }


# --- memory of what earlier reviews handled ------------------------------------------------


def handled_keys(plan: Plan) -> frozenset[str]:
    """Events (breaks, pain episodes, races...) an accepted review already built into the plan."""
    memory = plan.athlete.get(MEMORY_KEY)
    if not isinstance(memory, dict):
        return frozenset()
    keys = memory.get("handled")
    return frozenset(str(k) for k in keys) if isinstance(keys, list) else frozenset()


def _remember(
    plan: Plan,
    today: date,
    keys: Sequence[str],
    rebuilt_from: date | None,
) -> Plan:
    memory = plan.athlete.get(MEMORY_KEY)
    old = list(memory.get("handled", [])) if isinstance(memory, dict) else []
    merged = old + [k for k in keys if k not in old]
    athlete = dict(plan.athlete)
    athlete[MEMORY_KEY] = {
        "reviewed_on": today.isoformat(),
        "handled": merged,
        "rebuilt_from": None if rebuilt_from is None else rebuilt_from.isoformat(),
    }
    return replace(plan, athlete=athlete)


# --- the review -------------------------------------------------------------------------------


def review_plan(
    plan: Plan,
    activities: Sequence[Activity],
    request: ReviewInput,
    profile: AthleteProfile | None = None,
) -> PlanChange:
    """Review ``plan`` on ``request.today`` against the logged ``activities``.

    Returns a :class:`PlanChange`; when nothing calls for a change its plan is ``plan`` itself
    and its reasons say why the runner can carry on. Raises InputError for inputs that cannot
    apply (a race date in the past, a plan that has already ended).

    Source: the ``ADAPT-*`` rules of :mod:`runcoach.domain.plan.rules`.
    """
    from runcoach.domain.plan.replan import RaceTooCloseError, rebuild

    today = request.today
    _check_request(plan, request)
    # One canonical order for the log, so that every step below sees the same sequence whatever
    # order the store or a file gave (DETERMINISM).
    activities = sorted(activities, key=activity_order)
    handled = handled_keys(plan)
    weeks = match_plan(plan, activities, today)
    if not _has_log(plan, activities, today) and _only_log_news(request):
        finding = Finding(
            rules.ADAPT_CARRY_ON,
            "No runs are logged since the plan began (or in the weeks before it), so there is "
            "nothing to hold the plan against yet: log your runs (`runcoach log add` or `runcoach "
            "log import`) and review again.",
            severity="info",
        )
        return PlanChange(
            before=plan,
            plan=plan,
            reasons=(finding.reason(),),
            diff=(),
            today=today,
            findings=(finding,),
            compliance=weeks,
        )
    state = _state(plan, weeks, activities, today)
    findings: list[Finding] = []
    rx = Prescription(
        base_m=state.base_m,
        longest_m=state.longest_m,
        recent_m=state.recent_m,
        vdot=plan.vdot,
    )

    rx = _replan_inputs(plan, request, rx, findings)
    rx = _races(plan, activities, profile, today, handled, rx, findings, request.units)
    rx = _time_off(plan, activities, request, handled, state, rx, findings)
    rx = _illness(request, handled, rx, findings)
    rx = _pain(activities, request, handled, profile, rx, findings)
    rx = _overreaching(plan, weeks, activities, request, rx, findings)
    _overshoot(weeks, findings, request.units)
    if rx.vdot != plan.vdot or rx.goal_time_s is not None or rx.load_fractions:
        _reassess_goal(plan, rx, profile, findings)

    if not (rx.changes_weeks or rx.vdot != plan.vdot):
        rx = _behind(plan, weeks, activities, today, rx, findings)
    if not findings:
        findings.append(
            Finding(rules.ADAPT_CARRY_ON, rules.text(rules.ADAPT_CARRY_ON), severity="info")
        )
    keys = [f.key for f in findings if f.key is not None]
    revised = plan
    build_start: date | None = None
    if rx.changes_weeks or rx.vdot != plan.vdot:
        why = tuple(f.reason() for f in findings if f.severity != "info") or tuple(
            f.reason() for f in findings
        )
        try:
            revised, build_start = rebuild(plan, activities, rx, today, profile, why)
        except RaceTooCloseError as close:
            findings.append(_race_close(close.race_day, activities, today, request.units))
            return PlanChange(
                before=plan,
                plan=plan,
                reasons=tuple(f.reason() for f in findings),
                diff=(),
                today=today,
                findings=tuple(findings),
                compliance=weeks,
            )
    if any(f.rule == rules.ADAPT_GOAL for f in findings):
        # ADAPT-GOAL (the goal assessment of runcoach goal) replaces the engine's quick
        # VDOT-equivalent comparison, so the runner reads one verdict, not two.
        revised = replace(
            revised, warnings=tuple(w for w in revised.warnings if w.rule != "GOAL-GAP")
        )
    warnings = [f.reason() for f in findings if f.severity == "warning"]
    if warnings:
        kept = [w for w in revised.warnings if w not in warnings]
        revised = replace(revised, warnings=(*kept, *warnings))
    if revised is not plan:
        revised = _remember(revised, today, keys, build_start)
    return PlanChange(
        before=plan,
        plan=revised,
        reasons=tuple(f.reason() for f in findings),
        diff=diff_plans(plan, revised),
        today=today,
        findings=tuple(findings),
        compliance=weeks,
    )


def _has_log(plan: Plan, activities: Sequence[Activity], today: date) -> bool:
    """True when any run is logged from 5 weeks before the plan start to today."""
    first = plan.start_date - timedelta(days=35)
    return any(a.is_run and first <= activity_date(a) <= today for a in activities)


def _only_log_news(request: ReviewInput) -> bool:
    """True when the runner told the review nothing (no illness, pain, tiredness or replan)."""
    return not (
        request.tired
        or request.illness
        or request.pain_today
        or request.race_date
        or request.available_days
        or request.days_per_week
        or request.goal_time_s
    )


def _check_request(plan: Plan, request: ReviewInput) -> None:
    today = request.today
    if not plan.weeks:
        raise InputError("the plan has no weeks to review.")
    if today > plan.end_date:
        raise InputError(
            f"the plan ended on {plan.end_date.isoformat()}; make a new one with "
            "`runcoach plan new` (or `runcoach advice` for what to do next)."
        )
    if request.race_date is not None and request.race_date <= today:
        raise InputError(
            f"--race-date {request.race_date.isoformat()} is not after today "
            f"({today.isoformat()}): give the new date of the race."
        )
    ill = request.illness
    if ill is not None:
        if ill.first_day > today:
            raise InputError(
                f"--ill-since {ill.first_day.isoformat()} is after today ({today.isoformat()})."
            )
        if ill.last_day is not None and ill.last_day < ill.first_day:
            raise InputError(
                f"--ill-until {ill.last_day.isoformat()} is before --ill-since "
                f"{ill.first_day.isoformat()}."
            )


@dataclass(frozen=True, slots=True)
class _State:
    """Safe ramp base (metres) read from the completed weeks: done, capped at planned."""

    base_m: float
    longest_m: float
    recent_m: tuple[float, ...]


def _state(
    plan: Plan, weeks: Sequence[WeekCompliance], activities: Sequence[Activity], today: date
) -> _State:
    """The ramp base: each completed week counts min(done, planned) — never the overshoot —
    and the longest run of the last 30 days counts min(logged, planned) (SPIKE-30D)."""
    done = [w for w in weeks if w.complete]
    recent = tuple(min(w.done_m, w.planned_m) for w in done[-4:])
    w0 = _athlete_number(plan, "weekly_volume_m")
    base = max(recent[-3:]) if recent else w0
    window_start = today - timedelta(days=30)
    logged_long = max(
        (
            a.distance_m or 0.0
            for a in activities
            if a.is_run and window_start <= activity_date(a) < today
        ),
        default=0.0,
    )
    planned_long = max(
        (
            s.distance_m
            for s in plan.sessions
            if s.is_run and window_start <= s.date < today and s.kind != "race"
        ),
        default=0.0,
    )
    l0 = _athlete_number(plan, "longest_run_m")
    if planned_long <= 0:
        planned_long = l0
    longest = min(logged_long, planned_long) if logged_long > 0 else 0.0
    if not any(a.is_run for a in activities) and today <= plan.start_date + timedelta(days=30):
        longest = l0  # nothing logged yet: the plan's own inputs stand
    return _State(base_m=base, longest_m=longest, recent_m=recent)


def _athlete_number(plan: Plan, key: str) -> float:
    value = plan.athlete.get(key)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


# --- rules ------------------------------------------------------------------------------------


def _replan_inputs(
    plan: Plan, request: ReviewInput, rx: Prescription, findings: list[Finding]
) -> Prescription:
    """ADAPT-REPLAN: a moved race, other days or a new goal rebuild the remaining weeks."""
    parts: list[str] = []
    race_date = goal = None
    if request.race_date is not None and (plan.race is None or request.race_date != plan.race.date):
        if plan.race is None:
            raise InputError("--race-date needs a plan with a goal race; this is a base plan.")
        moved = (request.race_date - plan.race.date).days
        race_date = request.race_date
        weeks_moved, days_moved = divmod(abs(moved), 7)
        span = f"{weeks_moved} week(s)" + (f" and {days_moved} day(s)" if days_moved else "")
        parts.append(
            f"the race moved {span} {'earlier' if moved < 0 else 'later'}, to "
            f"{race_date.isoformat()}"
        )
    if request.goal_time_s is not None and (
        plan.race is None or request.goal_time_s != plan.race.goal_time_s
    ):
        if plan.race is None:
            raise InputError("--goal-time needs a plan with a goal race; this is a base plan.")
        goal = request.goal_time_s
        parts.append(f"the goal is now {format_duration(goal)}")
    days = request.available_days
    if days is not None and tuple(plan.athlete.get("available_days") or ()) == days:
        days = None
    if days is not None:
        parts.append(f"running days are now {','.join(days)}")
    per_week = request.days_per_week
    if per_week is not None and plan.athlete.get("days_per_week") == per_week:
        per_week = None
    if per_week is not None:
        parts.append(f"{per_week} running days a week")
    if not parts:
        return rx
    findings.append(
        Finding(
            rules.ADAPT_REPLAN,
            f"{'; '.join(parts).capitalize()}: the remaining weeks are rebuilt from your current "
            "training, with the same safety rules.",
            key=None,
        )
    )
    return replace(
        rx,
        race_date=race_date,
        goal_time_s=goal,
        available_days=days,
        days_per_week=per_week,
        replan=True,
    )


def _races(
    plan: Plan,
    activities: Sequence[Activity],
    profile: AthleteProfile | None,
    today: date,
    handled: frozenset[str],
    rx: Prescription,
    findings: list[Finding],
    units: Units,
) -> Prescription:
    """ADAPT-RACE-VDOT: the latest race or time trial — logged as such, or a dated race result
    of the profile (``runcoach athlete race``) — sets VDOT and paces, up or down."""
    since = plan.start_date
    efforts = race_efforts(activities, since=since, today=today)
    for r in profile.races if profile is not None else ():
        if r.date is not None and since <= r.date <= today:
            efforts.append(
                RaceEffort(day=r.date, distance_m=r.distance_m, time_s=r.time_s, name=r.name)
            )
    efforts = sorted(
        {e.key: e for e in efforts if e.key not in handled}.values(),
        key=lambda e: (e.day, e.distance_m),
    )
    if plan.race is not None:
        efforts = [r for r in efforts if r.day != plan.race.date]
    if not efforts:
        return rx
    latest: RaceEffort = efforts[-1]
    try:
        new = vdot_from_race(latest.distance_m, latest.time_s)
    except InputError:
        return rx
    old = rx.vdot
    if old is not None and abs(new - old) < VDOT_CHANGE_MIN:
        findings.append(
            Finding(
                rules.ADAPT_RACE_VDOT,
                f"Your {format_distance(latest.distance_m, units)} in {format_duration(latest.time_s)} "
                f"(VDOT {new:.1f}) confirms the plan's VDOT {old:.1f}: paces stay as they are.",
                key=latest.key,
                severity="info",
            )
        )
        return rx
    if old is None:
        change = f"sets your VDOT at {new:.1f}"
    else:
        change = f"moves your VDOT {'up' if new > old else 'down'} from {old:.1f} to {new:.1f}"
    t_old = "" if old is None else f" (was {format_pace(training_paces(old).threshold, units)})"
    findings.append(
        Finding(
            rules.ADAPT_RACE_VDOT,
            f"Your {format_distance(latest.distance_m, units)} in {format_duration(latest.time_s)} on "
            f"{latest.day.isoformat()} {change}: threshold pace is now "
            f"{format_pace(training_paces(new).threshold, units)}{t_old}, and every workout pace follows.",
            key=latest.key,
        )
    )
    return replace(rx, vdot=new, replan=True)


def _time_off(
    plan: Plan,
    activities: Sequence[Activity],
    request: ReviewInput,
    handled: frozenset[str],
    state: _State,
    rx: Prescription,
    findings: list[Finding],
) -> Prescription:
    """ADAPT-TIME-OFF / ADAPT-REBUILD: a break of 6+ days costs VDOT and a gradual return."""
    today = request.today
    since = plan.start_date - timedelta(days=7)
    gap = find_time_off(activities, today, since=since)
    ill = request.illness
    if gap is None and ill is not None and ill.days(today) > ILLNESS_SHORT_MAX_DAYS:
        return rx  # the illness rule handles it as a break of its own
    if gap is None or gap.key in handled:
        return rx
    if (today - gap.last_day).days > max(14, gap.days):
        return rx  # back for longer than the break lasted: the return is over
    cross = gap.cross_trained or request.cross_trained
    cause = "without running"
    if (
        ill is not None
        and ill.first_day <= gap.last_day
        and (ill.last_day or today) >= gap.first_day
    ):
        cause = "ill, without running"
    return _return_from_break(
        plan, gap, cross, state, rx, findings, cause=cause, units=request.units
    )


def _return_from_break(
    plan: Plan,
    gap: TimeOff,
    cross: bool,
    state: _State,
    rx: Prescription,
    findings: list[Finding],
    *,
    cause: str = "without running",
    units: Units = "km",
) -> Prescription:
    days = gap.days
    factor = time_off_factor(days, cross)
    vdot = None if rx.vdot is None else max(MIN_VDOT, min(MAX_VDOT, rx.vdot * factor))
    base = _pre_break_base(plan, gap, state)
    vdot_text = (
        ""
        if rx.vdot is None or vdot is None
        else f" Your VDOT goes from {rx.vdot:.1f} to {vdot:.1f} (× {factor:.3f}"
        f"{', cross-trained' if cross else ''}), so paces are a little slower for now."
    )
    if days <= TIME_OFF_SHORT_MAX_DAYS:
        fractions = _return_fractions(days)
        text = (
            f"{days} days {cause} ({gap.first_day.isoformat()} to {gap.last_day.isoformat()}): "
            f"come back gradually — {' then '.join(f'{round(f * 100)} %' for f in fractions)} of "
            f"your usual {format_distance(base, units)} a week — before full training." + vdot_text
        )
        rule = rules.ADAPT_TIME_OFF
    else:
        fractions = _rebuild_fractions(days)
        text = (
            f"{days} days {cause}: rebuild in phases from about a third of your previous "
            f"{format_distance(base, units)} a week "
            f"({' → '.join(f'{round(f * 100)} %' for f in fractions)}), easy running only at first."
            + vdot_text
        )
        rule = rules.ADAPT_REBUILD
    findings.append(Finding(rule, text, key=gap.key))
    easy_until = max(rx.easy_until or gap.last_day, gap.last_day + timedelta(days=7))
    return replace(
        rx,
        vdot=vdot,
        base_m=base,
        load_fractions=fractions,
        easy_until=easy_until,
        replan=True,
    )


def _pre_break_base(plan: Plan, gap: TimeOff, state: _State) -> float:
    """The weekly volume before the break: the plan's own weeks before it (capped at what was
    planned), else the runner's starting volume."""
    before = [w for w in plan.weeks if w.end_date < gap.first_day]
    planned = [w.distance_m for w in before[-3:] if w.distance_m > 0]
    w0 = _athlete_number(plan, "weekly_volume_m")
    candidates = [v for v in (*planned, *state.recent_m) if v > 0]
    if planned:
        return min(max(planned), max(candidates))
    return w0 if w0 > 0 else max(candidates, default=0.0)


def _return_fractions(days: int) -> tuple[float, ...]:
    """Return loads for a 6–28-day break: the RETURN-LADDER rungs (the first half of the return
    at 50 %, the second at 75 %, Daniels Table 9.2 via COACHING.md §7.2)."""
    return ladder_shares(days)


def _rebuild_fractions(days: int) -> tuple[float, ...]:
    """Phased rebuild after more than 4 weeks off: the RETURN-LADDER rungs 33 %, 50 %, 75 %
    (COACHING.md §7.2), each about a third of the return period (1 to 3 weeks)."""
    return ladder_shares(days)


def _illness(
    request: ReviewInput,
    handled: frozenset[str],
    rx: Prescription,
    findings: list[Finding],
) -> Prescription:
    """ADAPT-ILLNESS-SHORT / -LONG: no intensity until symptoms are gone."""
    ill = request.illness
    today = request.today
    if ill is None:
        return rx
    days = ill.days(today)
    ongoing = ill.ongoing(today)
    key = f"illness:{ill.first_day.isoformat()}:{days}:{'ongoing' if ongoing else 'over'}"
    if key in handled:
        return rx
    if ongoing:
        rest_until = today + timedelta(days=2)
        findings.append(
            Finding(
                rules.ADAPT_ILLNESS_LONG
                if days > ILLNESS_SHORT_MAX_DAYS
                else rules.ADAPT_ILLNESS_SHORT,
                f"Ill since {ill.first_day.isoformat()} and not better yet: no running until the "
                "symptoms are gone (the next days are rest), no intensity for a week after that; "
                "run `runcoach plan review --ill-since "
                f"{ill.first_day.isoformat()} --ill-until DATE` once you are well.",
                key=key,
            )
        )
        easy = rest_until + timedelta(days=7)
        return replace(
            rx,
            rest_until=max(rx.rest_until or rest_until, rest_until),
            easy_until=max(rx.easy_until or easy, easy),
            replan=True,
        )
    assert ill.last_day is not None
    if days <= ILLNESS_SHORT_MAX_DAYS:
        easy = ill.last_day + timedelta(days=2)
        findings.append(
            Finding(
                rules.ADAPT_ILLNESS_SHORT,
                f"{days} day(s) ill, now over: easy running for two days, then carry on with the "
                "plan; no intensity until you feel fully well.",
                key=key,
            )
        )
        if easy < today:
            return rx
        return replace(rx, easy_until=max(rx.easy_until or easy, easy), replan=True)
    gap = TimeOff(
        first_day=ill.first_day, last_day=ill.last_day, ongoing=False, cross_trained=False
    )
    if rx.load_fractions:
        findings.append(
            Finding(
                rules.ADAPT_ILLNESS_LONG,
                f"{days} days ill: no intensity until the symptoms have been gone for a week — "
                "the first return week is easy running only.",
                key=key,
            )
        )
        return rx  # the break rule already prescribed the return
    findings.append(
        Finding(
            rules.ADAPT_ILLNESS_LONG,
            f"{days} days ill: treat it as time off — the return below starts easy, with no "
            "intensity for the first week.",
            key=key,
        )
    )
    state = _State(base_m=rx.base_m, longest_m=rx.longest_m, recent_m=rx.recent_m)
    if days < 6:
        easy = ill.last_day + timedelta(days=7)
        return replace(rx, easy_until=max(rx.easy_until or easy, easy), replan=True)
    return _return_from_break_plain(gap, request.cross_trained, state, rx, findings, request.units)


def _return_from_break_plain(
    gap: TimeOff,
    cross: bool,
    state: _State,
    rx: Prescription,
    findings: list[Finding],
    units: Units,
) -> Prescription:
    """The time-off return for a break known from an illness report (no plan weeks needed)."""
    factor = time_off_factor(gap.days, cross)
    vdot = None if rx.vdot is None else max(MIN_VDOT, rx.vdot * factor)
    fractions = (
        _return_fractions(gap.days)
        if gap.days <= TIME_OFF_SHORT_MAX_DAYS
        else _rebuild_fractions(gap.days)
    )
    rule = rules.ADAPT_TIME_OFF if gap.days <= TIME_OFF_SHORT_MAX_DAYS else rules.ADAPT_REBUILD
    vdot_text = "" if rx.vdot is None or vdot is None else f"; VDOT {rx.vdot:.1f} → {vdot:.1f}"
    findings.append(
        Finding(
            rule,
            f"Return at {' → '.join(f'{round(f * 100)} %' for f in fractions)} of "
            f"{format_distance(state.base_m, units)} a week before full training{vdot_text}.",
            key=gap.key,
        )
    )
    easy = gap.last_day + timedelta(days=7)
    return replace(
        rx,
        vdot=vdot,
        load_fractions=fractions,
        easy_until=max(rx.easy_until or easy, easy),
        replan=True,
    )


def _pain(
    activities: Sequence[Activity],
    request: ReviewInput,
    handled: frozenset[str],
    profile: AthleteProfile | None,
    rx: Prescription,
    findings: list[Finding],
) -> Prescription:
    """ADAPT-PAIN-*: the pain-monitoring model (Silbernagel et al. 2007)."""
    today = request.today
    extra = () if request.pain_today is None else (request.pain_today,)
    episodes = read_pain(pain_reports(activities, extra), today)
    if not episodes:
        return rx
    ep: PainEpisode = episodes[0]
    where = f" ({ep.location})" if ep.location else ""
    if ep.key in handled:
        return rx
    if ep.level == "fine":
        findings.append(
            Finding(
                rules.ADAPT_PAIN_SAFE,
                f"Pain{where} up to {ep.peak:g}/10 is in the safe band (≤ 3/10): keep training, "
                "and keep rating it.",
                key=None,
                severity="info",
            )
        )
        return rx
    if ep.level == "acceptable":
        findings.append(
            Finding(
                rules.ADAPT_PAIN_ACCEPTABLE,
                f"Pain{where} of {ep.peak:g}/10 is acceptable (≤ 5/10) as long as it has settled by "
                "the next morning; the volume holds this week and goes up again only when it stays "
                "at 3/10 or less.",
                key=ep.key,
                severity="info",
            )
        )
        return replace(
            rx, easy_until=max(rx.easy_until or today, today + timedelta(days=6)), replan=True
        )
    why = (
        f"worse the next morning ({ep.worse_next_morning.isoformat()})"
        if ep.worse_next_morning is not None
        else f"{ep.peak:g}/10, above 5/10"
    )
    rest_days = 3 if ep.level == "professional" else 2
    if ep.settled:
        rest_days = 0
    rest_until = today + timedelta(days=rest_days - 1) if rest_days else None
    walk_weeks = (
        2 if ep.level == "professional" or (profile is not None and profile.injury_prone) else 1
    )
    findings.append(
        Finding(
            rules.ADAPT_PAIN_REDUCE,
            f"Pain{where} {why}: stop the running that provokes it"
            + (f" for {rest_days} days (cross-train if that is pain-free)" if rest_days else "")
            + ", then come back through a walk/run return phase; keep pain during running at "
            "3/10 or less and settled by the next morning before each step up. This is not two "
            "months of rest: staying active keeps the tissue loading.",
            key=ep.key,
        )
    )
    findings.append(
        Finding(
            rules.ADAPT_RETURN_TO_RUN,
            rules.text(rules.ADAPT_RETURN_TO_RUN),
            key=None,
        )
    )
    if ep.level == "professional":
        reasons = []
        if ep.peak >= 7:
            reasons.append(f"pain reached {ep.peak:g}/10")
        if ep.high_days >= 3:
            reasons.append(f"pain above 5/10 on {ep.high_days} days")
        if ep.span_days >= 14:
            reasons.append(f"it has lasted {ep.span_days} days")
        findings.append(
            Finding(
                rules.ADAPT_PAIN_PROFESSIONAL,
                f"See a physiotherapist or sports doctor about the {ep.location or 'pain'}: "
                f"{', '.join(reasons) or 'it keeps coming back'}. runcoach does not diagnose; "
                "the return phase below is a default to agree with them.",
                key=None,
                severity="warning",
            )
        )
    base = rx.base_m
    fractions = rx.load_fractions or ((0.5, 0.75) if walk_weeks == 1 else (0.33, 0.5, 0.75))
    easy = (rest_until or today) + timedelta(days=7 * max(walk_weeks, 1))
    return replace(
        rx,
        rest_until=rest_until
        if rx.rest_until is None or rest_until is None
        else max(rx.rest_until, rest_until),
        easy_until=max(rx.easy_until or easy, easy),
        load_fractions=fractions,
        walk_run_weeks=max(rx.walk_run_weeks, walk_weeks),
        base_m=base,
        avoid=ep.location,
        replan=True,
    )


def _overreaching(
    plan: Plan,
    weeks: Sequence[WeekCompliance],
    activities: Sequence[Activity],
    request: ReviewInput,
    rx: Prescription,
    findings: list[Finding],
) -> Prescription:
    """ADAPT-OVERREACH: harder efforts than planned, monotony > 2, a single-run spike or the
    runner's "too tired" → the next down week comes now."""
    from runcoach.domain.plan.strain import monotony_last_week, recent_spike

    today = request.today
    units = request.units
    if rx.load_fractions or rx.rest_until:
        return rx  # already coming back at reduced load
    signs: list[str] = []
    recent = [
        m for w in weeks for m in w.matches if today - timedelta(days=14) <= m.session.date < today
    ]
    harder = sum(1 for m in recent if m.effort == "harder")
    rated = sum(1 for m in recent if m.effort is not None)
    if harder >= HARDER_SESSIONS_MIN and harder >= HARDER_SHARE_MIN * rated:
        signs.append(f"{harder} of {rated} rated sessions in two weeks felt harder than planned")
    mono = monotony_last_week(activities, today)
    if mono is not None and mono > MONOTONY_FLAG:
        signs.append(f"training monotony {mono:.1f} (above 2.0) over the last 7 days")
    spike = recent_spike(activities, today)
    if spike is not None:
        run, reference = spike
        signs.append(
            f"a {format_distance(run.distance_m or 0.0, units)} run on {activity_date(run).isoformat()} "
            f"was {((run.distance_m or 0.0) / reference - 1) * 100:.0f} % longer than your longest run of the "
            f"30 days before ({format_distance(reference, units)})"
        )
    if request.tired:
        signs.append("you said you are too tired")
    if not signs:
        return rx
    upcoming = [w for w in plan.weeks if w.end_date >= today]
    current = upcoming[0] if upcoming else None
    nxt = upcoming[1] if len(upcoming) > 1 else None
    if any(w is not None and w.phase == "run_walk" for w in (current, nxt)):
        findings.append(
            Finding(
                rules.ADAPT_OVERREACH,
                f"{'; '.join(signs).capitalize()}: repeat this week's run/walk stage next time "
                "instead of moving on — any week of the run/walk progression can be repeated "
                "— and take an extra rest day.",
                key=None,
                severity="info",
            )
        )
        return rx
    if any(
        w is not None and (w.is_down_week or w.phase in ("taper", "race", "recovery", "return"))
        for w in (current, nxt)
    ):
        findings.append(
            Finding(
                rules.ADAPT_OVERREACH,
                f"{'; '.join(signs).capitalize()}: a lighter week is already next in the plan — "
                "keep it easy and sleep more.",
                key=None,
                severity="info",
            )
        )
        return replace(rx, keep_down_next=True)
    findings.append(
        Finding(
            rules.ADAPT_OVERREACH,
            f"{'; '.join(signs).capitalize()}: the next down week comes now, to absorb the "
            "training before building again.",
            key=f"overreach:{today.isoformat()}",
        )
    )
    return replace(rx, down_week_first=True, replan=True)


def _race_close(
    race_day: date, activities: Sequence[Activity], today: date, units: Units
) -> Finding:
    """ADAPT-RACE-CLOSE: in the taper the plan is not rebuilt; the review advises day by day,
    with the longest run SPIKE-30D allows from the runs logged."""
    window = today - timedelta(days=30)
    longest = max(
        (
            a.distance_m or 0.0
            for a in activities
            if a.is_run and window <= activity_date(a) < today
        ),
        default=0.0,
    )
    cap = (
        f" Keep every run under {format_distance(1.1 * longest, units)} (110 % of your longest "
        "run of the last 30 days)."
        if longest > 0
        else ""
    )
    days = (race_day - today).days
    return Finding(
        rules.ADAPT_RACE_CLOSE,
        f"The race is {days} days away: the plan is not rebuilt in the taper. Follow the advice "
        "above day by day — no running while ill or in pain above 5/10, easy running otherwise, "
        f"nothing hard in the last days — and race at the pace your fitness supports today.{cap}",
        severity="warning",
    )


def _behind(
    plan: Plan,
    weeks: Sequence[WeekCompliance],
    activities: Sequence[Activity],
    today: date,
    rx: Prescription,
    findings: list[Finding],
) -> Prescription:
    """ADAPT-BEHIND: the plan as it stands breaks a safety rule against what was really run
    (less volume or shorter long runs than planned) → the remaining weeks ramp from the log."""
    from runcoach.domain.plan.history import SEGMENT_RULES, revision_violations

    problems = [
        v
        for v in revision_violations(plan, weeks, activities, today)
        if v.rule not in SEGMENT_RULES
    ]
    problems += [
        v
        for v in revision_violations(plan, weeks, activities, today)
        if v.rule in SEGMENT_RULES and v.rule != "TAPER"
    ]
    if not problems:
        return rx
    first = problems[0]
    findings.append(
        Finding(
            rules.ADAPT_BEHIND,
            "The plan as it stands no longer fits what you actually ran: it would break "
            f"{first.rule} ({first.message.rstrip('.')}). The remaining weeks are rebuilt from "
            "your log.",
            key=None,
        )
    )
    return replace(rx, replan=True)


def _overshoot(weeks: Sequence[WeekCompliance], findings: list[Finding], units: Units) -> None:
    """ADAPT-OVERSHOOT: running more than planned does not raise the ramp base."""
    done = [w for w in weeks if w.complete and w.planned_m > 0]
    if len(done) < 2:
        return
    last = done[-2:]
    if all(w.done_m >= OVERSHOOT_RATIO * w.planned_m for w in last):
        over = sum(w.done_m for w in last) / sum(w.planned_m for w in last) - 1
        findings.append(
            Finding(
                rules.ADAPT_OVERSHOOT,
                f"You ran {over * 100:.0f} % more than planned over the last two weeks "
                f"({' and '.join(format_distance(w.done_m, units) for w in last)} against "
                f"{' and '.join(format_distance(w.planned_m, units) for w in last)}): the plan keeps "
                "ramping from the planned volume, not from the overshoot. Run the plan's "
                "distances; more now raises the injury risk without a later pay-off.",
                key=None,
                severity="info",
            )
        )


def _reassess_goal(
    plan: Plan, rx: Prescription, profile: AthleteProfile | None, findings: list[Finding]
) -> None:
    """ADAPT-GOAL: after a change of fitness, say honestly whether the race goal still stands.

    The goal is assessed with :func:`runcoach.domain.goal.assess_goal` from the 10K equivalent of
    the current VDOT (COACHING.md §1.8: realistic ≤ 5 %, ambitious 5–10 %, multi-cycle > 10 %).
    """
    from runcoach.domain.goal import assess_goal

    race = plan.race
    if race is None or rx.vdot is None:
        return
    goal = rx.goal_time_s if rx.goal_time_s is not None else race.goal_time_s
    ten_k = equivalent_time(rx.vdot, 10000.0)
    age = plan.athlete.get("age")
    sex = plan.athlete.get("sex")
    if goal is None:
        predicted = equivalent_time(rx.vdot, race.distance_m)
        findings.append(
            Finding(
                rules.ADAPT_GOAL,
                f"At VDOT {rx.vdot:.1f} the race is now worth about {format_duration(predicted)} "
                "(an equivalent time, not a promise); pace it from there.",
                severity="info",
            )
        )
        return
    try:
        assessment = assess_goal(
            [(10000.0, ten_k)],
            race.distance_m,
            goal,
            age=age if isinstance(age, int) else (profile.age if profile else None),
            sex=sex if sex in ("F", "M", "X") else None,
        )
    except InputError:
        return
    predicted = assessment.current.seconds
    gap = assessment.gap_pct
    head = (
        f"Current fitness (VDOT {rx.vdot:.1f}) is worth about {format_duration(predicted)} for "
        f"this race; the goal is {format_duration(goal)}"
    )
    severity: Literal["info", "change", "warning"]
    if gap <= 0:
        text = f"{head}: the goal still stands."
        severity = "info"
    elif assessment.verdict == "realistic":
        text = (
            f"{head}, {gap:.1f} % faster: still realistic — the weeks left can close a gap "
            "that small."
        )
        severity = "info"
    elif assessment.verdict == "ambitious":
        text = (
            f"{head}, {gap:.1f} % faster: now ambitious. Keep the race, start at "
            f"{format_duration(predicted)} pace and decide in the second half."
        )
        severity = "warning"
    else:
        text = (
            f"{head}, {gap:.1f} % faster: out of reach this time. Keep the race at about "
            f"{format_duration(predicted)}, or choose a later race, a shorter one (the half), or "
            "a run/walk strategy."
        )
        severity = "warning"
    findings.append(Finding(rules.ADAPT_GOAL, text, severity=severity))
