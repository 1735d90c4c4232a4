"""Export use cases: the current plan, the log and the metrics to calendar, watch, CSV/JSON and
the progress report.

    from runcoach.bootstrap import open_services
    from runcoach.services import exports

    with open_services() as svc:
        source = exports.current_plan(svc)                       # plan + lineage id
        ics = exports.export_calendar(source, state_dir=..., options=..., now=...)
        files = exports.fit_workouts(source.plan, weeks={3})     # [(name, bytes)]
        html = exports.progress_report(svc, today=..., units="km")

The calendar keeps the state of its last export (UID → sequence, content hash) per plan lineage
in ``<data dir>/exports/ics/<lineage>.json`` (:func:`calendar_state_path`), so re-exporting
after the plan changed updates and cancels events instead of duplicating them — whatever file
name the calendar is written to.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from runcoach.domain.errors import InputError
from runcoach.errors import OperationError

if TYPE_CHECKING:
    from runcoach.domain.activity import Activity
    from runcoach.domain.athlete import AthleteProfile
    from runcoach.domain.plan.model import Plan, Target
    from runcoach.domain.units import Units
    from runcoach.exporters.ics import CalendarState, IcsExport, IcsOptions
    from runcoach.exporters.report import GoalSummary, ReportData
    from runcoach.exporters.tables import MetricsSeries
    from runcoach.services import Services

#: Days of daily metrics the report's fitness chart shows (up to today).
FITNESS_WINDOW_DAYS = 182
#: Days of log before the metrics window that warm up CTL (42-day time constant × 3).
WARM_UP_DAYS = 126
#: Largest plan file read for export (a 3-year season is well under 5 MB).
MAX_PLAN_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class PlanSource:
    """A plan to export and the id of its lineage (stable across its versions)."""

    plan: Plan
    lineage: str
    description: str
    #: The store's athlete handle for stored plans (None for plan files).
    athlete: str | None = None


def current_plan(svc: Services) -> PlanSource:
    """The current stored plan and its lineage id; OperationError when there is none."""
    version = svc.plans.current()
    if version is None:
        raise OperationError(
            "there is no current plan to export: create one with `runcoach plan new` "
            "(or export a plan file with --plan FILE)."
        )
    history = svc.plans.history(version.plan_id)
    first = history[0] if history else version
    salt = hashlib.sha256(
        f"{svc.athlete}|{version.plan_id}|{first.created_at.isoformat()}".encode()
    ).hexdigest()[:8]
    return PlanSource(
        plan=version.plan,
        lineage=f"plan{version.plan_id}-{salt}",
        description=f"plan {version.plan_id} version {version.version}",
        athlete=svc.athlete,
    )


def plan_from_file(path: Path) -> PlanSource:
    """A plan read from a ``runcoach.plan/1`` JSON file or a plan CSV (by content)."""
    from runcoach.domain.plan.model import Plan
    from runcoach.exporters.ics import plan_lineage
    from runcoach.exporters.plan_csv import plan_from_csv

    try:
        size = path.stat().st_size
        if size > MAX_PLAN_FILE_BYTES:
            raise InputError(f"plan file {path} is {size // 1_048_576} MB; the limit is 20 MB.")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"plan file {path} does not exist.") from None
    except IsADirectoryError:
        raise InputError(f"plan file {path} is a folder, not a file.") from None
    except OSError as exc:
        raise InputError(f"cannot read plan file {path}: {exc.strerror}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            f"plan file {path} is not text (UTF-8): give a runcoach.plan/1 JSON or a CSV."
        ) from None
    if text.lstrip().startswith("{"):
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"plan file {path} is not valid JSON (line {exc.lineno}: {exc.msg})."
            ) from None
        plan = Plan.from_dict(doc, source=str(path))
    else:
        plan = plan_from_csv(text, source=str(path))
    return PlanSource(plan=plan, lineage=plan_lineage(plan), description=str(path))


# --- calendar ------------------------------------------------------------------------------


def calendar_state_path(data_dir: Path, lineage: str, athlete: str | None = None) -> Path:
    """Where the calendar state of one plan lineage is kept (per athlete for stored plans)."""
    folder = data_dir / "exports" / "ics"
    if athlete is not None:
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in athlete)
        folder = folder / f"athlete-{safe}"
    return folder / f"{lineage}.json"


def export_calendar(
    source: PlanSource, *, state_dir: Path, options: IcsOptions, now: datetime
) -> IcsExport:
    """The plan as an iCalendar file, updated from (and recorded in) the lineage's state.

    For a stored plan, the calendars of the athlete's other (replaced) plans are retired: their
    events from this plan's start on are cancelled in this file, so a new plan replaces the
    old one in the calendar. The states are written only after the calendar was built; the
    caller writes the calendar.
    """
    from runcoach.exporters.ics import export_ics, load_calendar_state, save_calendar_state

    path = calendar_state_path(state_dir, source.lineage, source.athlete)
    previous = load_calendar_state(path)
    others: list[tuple[Path, CalendarState]] = []
    if source.athlete is not None and path.parent.is_dir():
        for other in sorted(path.parent.glob("*.json")):
            if other != path:
                state = load_calendar_state(other)
                if state is not None:
                    others.append((other, state))
    result = export_ics(
        source.plan,
        lineage=source.lineage,
        previous=previous,
        options=options,
        generated_at=now,
        retire=[state for _, state in others],
    )
    save_calendar_state(path, result.state)
    for (other_path, _), retired in zip(others, result.retired, strict=True):
        save_calendar_state(other_path, retired)
    return result


# --- watch workouts ------------------------------------------------------------------------


def easy_target(plan: Plan) -> Target | None:
    """The plan's easy pace range as a step target (None without paces)."""
    from runcoach.domain.plan.model import Target

    paces = plan.paces_s_per_km
    if "easy_fast" in paces and "easy_slow" in paces:
        return Target("pace", paces["easy_fast"], paces["easy_slow"])
    return None


def fit_workouts(
    plan: Plan, *, weeks: Iterable[int] | None = None, all_runs: bool = False
) -> list[tuple[str, bytes]]:
    """FIT workout files ``(file name, bytes)`` of the structured runs (every run with
    ``all_runs``) of the given plan weeks (all weeks when None)."""
    from runcoach.exporters.fit_workout import is_structured, session_workout, workout_filename

    wanted = None if weeks is None else set(weeks)
    known = {w.index for w in plan.weeks}
    if wanted is not None and not wanted <= known:
        missing = sorted(wanted - known)
        raise InputError(
            f"--week {missing[0]} is not in the plan: it has weeks 1 to {max(known, default=0)}."
        )
    from runcoach.exporters.targets import inference_paces

    easy = easy_target(plan)
    paces = inference_paces(plan)
    out: list[tuple[str, bytes]] = []
    for week in plan.weeks:
        if wanted is not None and week.index not in wanted:
            continue
        per_day: dict[date, int] = {}
        for session in sorted(week.sessions, key=lambda s: s.date):
            if not session.is_run or not (all_runs or is_structured(session)):
                continue
            if session.kind == "race" and not session.steps:
                continue  # a race is run by feel and the race-day pacing plan
            n = per_day.get(session.date, 0) + 1
            per_day[session.date] = n
            data = session_workout(session, week, easy_pace=easy, paces=paces)
            out.append((workout_filename(session, week, n), data))
    return out


def write_fit_files(files: Sequence[tuple[str, bytes]], out: Path, *, as_zip: bool) -> Path:
    """Write the workouts into folder ``out`` (created), or as one ZIP file at ``out``."""
    try:
        if as_zip:
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
                for name, data in files:
                    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    zf.writestr(info, data)
            _atomic_write(out, buf.getvalue())
            return out
        out.mkdir(parents=True, exist_ok=True)
        for name, data in files:
            _atomic_write(out / name, data)
        return out
    except OSError as exc:
        raise OperationError(f"cannot write the workouts to {out}: {exc.strerror}.") from None


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def write_output(path: Path, data: bytes) -> None:
    """Write an export file atomically (a half-written file never replaces a good one)."""
    try:
        if path.parent and not path.parent.exists():
            raise OperationError(f"cannot write {path}: the folder {path.parent} does not exist.")
        _atomic_write(path, data)
    except IsADirectoryError:
        raise OperationError(f"cannot write {path}: it is a folder.") from None
    except OSError as exc:
        raise OperationError(f"cannot write {path}: {exc.strerror}.") from None


# --- log and metrics -----------------------------------------------------------------------


def _profile_dict(profile: AthleteProfile | None) -> dict[str, object]:
    if profile is None:
        return {}
    return {
        "name": profile.name,
        "age": profile.age,
        "sex": profile.sex,
        "weekly_volume_m": profile.weekly_volume_m,
        "longest_run_m": profile.longest_run_m,
        "days_per_week": profile.days_per_week,
        "races": [
            {
                "distance_m": r.distance_m,
                "time_s": r.time_s,
                "date": r.date.isoformat() if r.date else None,
            }
            for r in profile.races
        ],
    }


def daily_metrics(
    activities: Sequence[Activity],
    *,
    start: date,
    end: date,
    profile: AthleteProfile | None,
    plan: Plan | None,
) -> MetricsSeries:
    """Daily distance, load and CTL/ATL/TSB from ``start`` to ``end`` (inclusive).

    Each activity's load comes from :func:`runcoach.domain.load.compute_load_metrics` with the
    same parameters as ``runcoach status`` (:func:`runcoach.domain.load.parameters.load_profile`:
    threshold pace from the runner's best recent race, heart-rate anchors from the profile); the
    plan's threshold pace is used only when the profile has no race.
    """
    from dataclasses import replace

    from runcoach.domain.load import SessionColumns, compute_load_metrics
    from runcoach.domain.load.parameters import load_profile
    from runcoach.exporters.tables import MetricsSeries

    if end < start:
        raise InputError(f"the metrics window ends ({end}) before it starts ({start}).")
    n_days = (end - start).days + 1
    rows = [a for a in activities if start <= a.start_time.date() <= end]
    columns = SessionColumns.from_activities(rows, start)
    parameters = load_profile(profile, end).parameters
    if parameters.threshold_pace_s_per_km is None and plan is not None:
        threshold = plan.paces_s_per_km.get("threshold")
        parameters = replace(parameters, threshold_pace_s_per_km=threshold)
    metrics = compute_load_metrics(
        columns, n_days=n_days, start_weekday=start.weekday(), parameters=parameters
    )
    d = metrics.daily
    days = [start + timedelta(days=i) for i in range(n_days)]
    return MetricsSeries(
        days=days,
        columns={
            "distance_m": d.distance_m[0].tolist(),
            "load": d.load[0].tolist(),
            "ctl": d.ctl[0].tolist(),
            "atl": d.atl[0].tolist(),
            "tsb": d.tsb[0].tolist(),
        },
    )


def logged(svc: Services) -> list[tuple[int, Activity, str]]:
    """Every stored activity as ``(id, activity, source)``, oldest first (no samples)."""
    return [(s.id, s.activity, s.source) for s in svc.activities.summaries()]


def metrics_window(
    svc: Services,
    *,
    today: date,
    since: date | None = None,
    plan: Plan | None = None,
) -> MetricsSeries | None:
    """Daily metrics from ``since`` (default: the first logged activity) to ``today``.

    CTL needs history: up to :data:`WARM_UP_DAYS` days of log before ``since`` are computed and
    cut off. None when nothing is logged.
    """
    from runcoach.exporters.tables import MetricsSeries

    activities = [s.activity for s in svc.activities.summaries(until=today)]
    if not activities:
        return None
    first = min(a.start_time.date() for a in activities)
    if first > today:
        return None
    start = max(since or first, first)
    warm = max(first, start - timedelta(days=WARM_UP_DAYS))
    series = daily_metrics(activities, start=warm, end=today, profile=svc.profiles.get(), plan=plan)
    cut = (start - warm).days
    return MetricsSeries(
        days=series.days[cut:],
        columns={k: list(v)[cut:] for k, v in series.columns.items()},
    )


# --- the report ----------------------------------------------------------------------------


def _known_races(plan: Plan, profile: AthleteProfile | None) -> list[tuple[float, float]]:
    """Race results as (metres, seconds): the profile's, else those the plan was built from."""
    if profile is not None and profile.races:
        return [(r.distance_m, r.time_s) for r in profile.races]
    out = []
    for race in plan.athlete.get("recent_races") or ():
        try:
            out.append((float(race["distance_m"]), float(race["time_s"])))
        except (KeyError, TypeError, ValueError):
            continue
    return out


def goal_summary(plan: Plan | None, profile: AthleteProfile | None) -> GoalSummary | None:
    """The goal race's feasibility (:func:`runcoach.domain.goal.assess_goal`) for the report;
    without a goal time, today's prediction for the race (:func:`runcoach.domain.prediction.
    predict_time`) with its 80 % range.

    None without a goal race or without a race result to predict from.
    """
    if plan is None or plan.race is None:
        return None
    races = _known_races(plan, profile)
    if not races:
        return None
    from runcoach.domain.units import format_duration
    from runcoach.exporters.report import GoalSummary

    peak = max((w.distance_m for w in plan.weeks if w.phase != "race"), default=None)
    if not plan.race.goal_time_s:
        from runcoach.domain.prediction import predict_time

        try:
            predicted = predict_time(races, plan.race.distance_m, peak or None)
        except InputError:
            return None
        return GoalSummary(
            headline=(
                f"No goal time set. Today's prediction for this race: "
                f"{format_duration(predicted.seconds)} ({predicted.method})."
            ),
            verdict="prediction only",
            range_text=(
                f"{format_duration(predicted.low_seconds)} – "
                f"{format_duration(predicted.high_seconds)} today (80 % range)"
            ),
            details=(
                "Set a goal with `runcoach plan new --goal-time H:MM:SS` to see how realistic "
                "it is and how long it may take.",
            ),
        )
    from runcoach.domain.goal import assess_goal

    try:
        assessment = assess_goal(
            races,
            plan.race.distance_m,
            plan.race.goal_time_s,
            age=profile.age if profile is not None else plan.athlete.get("age"),
            sex=profile.sex if profile is not None else plan.athlete.get("sex"),
            weekly_distance_m=peak or None,
        )
    except InputError:
        return None
    current = assessment.current
    gap = assessment.gap_pct
    if abs(gap) < 0.05:
        relation = "the same as"
    elif gap > 0:
        relation = f"{gap:.1f} % faster than"
    else:
        relation = f"{-gap:.1f} % slower than"
    headline = (
        f"Goal {format_duration(assessment.goal_time_s)}: {relation} today's predicted "
        f"{format_duration(current.seconds)}."
    )
    return GoalSummary(
        headline=headline,
        verdict=assessment.verdict,
        range_text=(
            f"{format_duration(current.low_seconds)} – {format_duration(current.high_seconds)} "
            "today (80 % range)"
        ),
        details=tuple(assessment.assumptions),
    )


def report_data(
    svc: Services,
    *,
    today: date,
    units: Units,
    source: PlanSource | None,
    version: str,
) -> ReportData:
    """Everything the progress report shows, from the store (and ``source`` for the plan)."""
    from runcoach.exporters.progress import monthly_points, run_days, weekly_points, yearly_points
    from runcoach.exporters.report import ReportData

    plan = source.plan if source is not None else None
    profile = svc.profiles.get()
    stored = svc.activities.summaries(until=today)
    activities = [s.activity for s in stored]
    runs = run_days(activities)
    athlete = _profile_dict(profile) or dict(plan.athlete if plan is not None else {})
    metrics = metrics_window(
        svc, today=today, since=today - timedelta(days=FITNESS_WINDOW_DAYS), plan=plan
    )
    return ReportData(
        today=today,
        units=units,
        version=version,
        athlete=athlete,
        plan=plan,
        weeks=weekly_points(plan, runs, today) if plan is not None else (),
        months=monthly_points(plan, runs, today),
        years=yearly_points(plan, runs, today),
        metrics=metrics,
        goal=goal_summary(plan, profile),
        logged_runs=len(runs),
    )


ChartName = Literal["volume", "longrun", "fitness", "progression"]


def chart(data: ReportData, name: ChartName, fmt: Literal["svg", "png"]) -> bytes:
    """One chart of the report as SVG or PNG bytes; OperationError when it has no data."""
    from runcoach.exporters import charts

    if name in ("volume", "longrun"):
        if data.plan is None or not data.weeks:
            raise OperationError(
                f"the {name} chart shows a plan: create one with `runcoach plan new` "
                "(or give --plan FILE)."
            )
        builder = charts.volume_chart if name == "volume" else charts.longrun_chart
        return charts.render(builder(data.weeks, data.units, data.today), fmt)
    if name == "fitness":
        if data.metrics is None:
            raise OperationError(
                "the fitness chart needs logged training: import activities with "
                "`runcoach log import` first."
            )
        return charts.render(charts.fitness_chart(data.metrics), fmt)
    return charts.render(charts.progression_chart(data.months, data.years, data.units), fmt)
