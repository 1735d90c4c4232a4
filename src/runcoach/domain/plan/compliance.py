"""Plan versus what really happened: match planned sessions to logged activities, week by week.

Matching (deterministic): a planned run matches a logged run on the same day, or one day early or
late (``MATCH_WINDOW_DAYS``); when several pairings are possible the closest day wins, then the
closest distance (or duration), then the earlier session. Each activity matches at most one
session; logged runs that match nothing are *extra* runs. Strength and cross-training sessions
match activities of those sports the same way. Planned sessions after ``today`` are *upcoming*,
and today's session is upcoming until it is logged (the day is not over).

Effort compares the session RPE (Foster's CR-10 scale) with the planned intensity: an easy run
logged at RPE ≥ 6, a moderate one at ≥ 8, or an easy run faster than marathon pace counts as
*harder than planned*.

Units: metres, seconds, seconds per kilometre; dates are the activity's local calendar date.

Source: session RPE and CR-10 — Foster et al. 2001, COACHING.md §5.3; the one-day matching window
follows the issue ("a run logged a day early or late still matches").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from runcoach.domain.activity import Activity
from runcoach.domain.plan.model import Plan, Session, Week

#: A run logged this many days before or after the planned day still matches it.
MATCH_WINDOW_DAYS = 1
#: A matched run shorter than this fraction of the planned distance (or duration) is *partial*.
PARTIAL_FRACTION = 0.6
#: Highest session RPE (CR-10) that still fits each planned intensity (Foster et al. 2001:
#: 1–2 very easy, 3–4 moderate-easy, 5–6 hard, 7–8 very hard, 9–10 maximal).
EXPECTED_RPE_MAX: dict[str, float] = {"easy": 4.0, "moderate": 6.0, "hard": 8.0}
#: How far above the expected maximum an RPE must be to count as harder than planned.
HARDER_RPE_MARGIN = 2.0

Status = Literal["done", "partial", "missed", "upcoming"]
Effort = Literal["harder", "as_planned", "easier"]

_RACE_WORDS = ("race", "time_trial", "time-trial", "tt")


def is_race(activity: Activity) -> bool:
    """True when the activity was logged as a race or a time trial.

    Manual entries and importers mark it with ``extra["kind"]`` (``race`` or ``time_trial``).
    """
    return activity.extra.get("kind", "").strip().lower() in _RACE_WORDS


def activity_order(activity: Activity) -> tuple[object, ...]:
    """A total order on logged activities (start, then every summary field), so that two entries
    at the same time and distance are matched the same way whatever order the log comes in
    (DESIGN.md §5 DETERMINISM)."""
    a = activity

    def num(value: float | None) -> float:
        return -1.0 if value is None else float(value)

    return (
        a.start_time,
        num(a.distance_m),
        a.duration_s,
        num(a.elapsed_time_s),
        num(a.moving_time_s),
        a.sport,
        num(a.rpe),
        num(a.pain),
        num(a.avg_hr_bpm),
        a.pain_location or "",
        a.name or "",
        a.notes or "",
        sorted(a.extra.items()),
        a.source_format,
        a.leg_index,
    )


def activity_date(activity: Activity) -> date:
    """The local calendar day of an activity (its start time in its own offset)."""
    return activity.start_time.date()


@dataclass(frozen=True, slots=True)
class SessionMatch:
    """One planned session and what was logged for it.

    ``day_offset`` is the logged day minus the planned day (−1, 0 or +1) when matched.
    ``effort`` is None when neither an RPE nor a pace says anything about it.
    """

    session: Session
    activity: Activity | None
    status: Status
    day_offset: int = 0
    effort: Effort | None = None

    @property
    def done_m(self) -> float:
        """Logged distance in metres (0 when missed or upcoming)."""
        if self.activity is None or not self.activity.is_run:
            return 0.0
        return self.activity.distance_m or 0.0


@dataclass(frozen=True, slots=True)
class WeekCompliance:
    """A plan week held against the log.

    Distances are in metres and count runs only. ``planned_to_date_m`` is the planned distance of
    the sessions already due (dated before ``today``, or logged); ``planned_m`` is the whole week.
    """

    week: Week
    matches: tuple[SessionMatch, ...]
    extra: tuple[Activity, ...]
    complete: bool

    @property
    def index(self) -> int:
        """The plan week number (from 1)."""
        return self.week.index

    @property
    def runs(self) -> tuple[SessionMatch, ...]:
        """Matches for the planned runs of the week."""
        return tuple(m for m in self.matches if m.session.is_run)

    @property
    def planned_m(self) -> float:
        """Planned running distance of the whole week in metres."""
        return sum(m.session.distance_m for m in self.runs)

    @property
    def planned_to_date_m(self) -> float:
        """Planned running distance of the sessions already due or logged, in metres."""
        return sum(m.session.distance_m for m in self.runs if m.status != "upcoming")

    @property
    def logged_runs(self) -> tuple[Activity, ...]:
        """Every run logged in the week: matched and extra, in time order."""
        acts = [m.activity for m in self.runs if m.activity is not None]
        acts.extend(a for a in self.extra if a.is_run)
        return tuple(sorted(acts, key=lambda a: a.start_time))

    @property
    def done_m(self) -> float:
        """Logged running distance in metres (matched and extra runs)."""
        return sum(a.distance_m or 0.0 for a in self.logged_runs)

    @property
    def missed(self) -> tuple[Session, ...]:
        """Planned runs that were due and not logged."""
        return tuple(m.session for m in self.runs if m.status == "missed")

    @property
    def extra_runs(self) -> tuple[Activity, ...]:
        """Logged runs that match no planned session."""
        return tuple(a for a in self.extra if a.is_run)

    @property
    def longest_run_m(self) -> float:
        """The longest logged run of the week in metres (0 without runs)."""
        return max((a.distance_m or 0.0 for a in self.logged_runs), default=0.0)

    @property
    def harder_than_planned(self) -> int:
        """How many logged sessions felt (or were run) harder than their planned intensity."""
        return sum(1 for m in self.matches if m.effort == "harder")

    @property
    def rated(self) -> int:
        """How many matched sessions say something about effort."""
        return sum(1 for m in self.matches if m.effort is not None)

    @property
    def mean_rpe(self) -> float | None:
        """Mean session RPE (CR-10) of the week's logged runs, None when none was given."""
        values = [a.rpe for a in self.logged_runs if a.rpe is not None]
        return sum(values) / len(values) if values else None

    @property
    def max_pain(self) -> float | None:
        """The highest pain (0–10) logged in the week, None when none was logged."""
        values = [a.pain for a in self._all_logged() if a.pain is not None]
        return max(values) if values else None

    @property
    def pain_locations(self) -> tuple[str, ...]:
        """Where it hurt, as logged (distinct, in order of appearance)."""
        seen: list[str] = []
        for a in self._all_logged():
            if a.pain and a.pain_location and a.pain_location not in seen:
                seen.append(a.pain_location)
        return tuple(seen)

    @property
    def ratio(self) -> float | None:
        """Done ÷ planned-to-date distance (None when nothing was due yet)."""
        due = self.planned_to_date_m
        return self.done_m / due if due > 0 else None

    def _all_logged(self) -> list[Activity]:
        acts = [m.activity for m in self.matches if m.activity is not None]
        acts.extend(self.extra)
        return sorted(acts, key=lambda a: a.start_time)


def _category(kind_or_sport: str, *, is_run: bool) -> str:
    if is_run:
        return "run"
    if kind_or_sport == "strength":
        return "strength"
    return "cross"


def _session_category(session: Session) -> str | None:
    if session.kind == "rest":
        return None
    return _category(session.kind, is_run=session.is_run)


def _activity_category(activity: Activity) -> str:
    return _category(activity.sport, is_run=activity.is_run)


def _size_gap(session: Session, activity: Activity) -> float:
    """Relative difference in distance (or duration), 0 = identical."""
    if session.distance_m > 0 and activity.distance_m:
        return abs(activity.distance_m - session.distance_m) / session.distance_m
    if session.duration_s > 0:
        return abs(activity.duration_s - session.duration_s) / session.duration_s
    return 0.0


def _completed_fraction(session: Session, activity: Activity) -> float:
    if session.distance_m > 0 and activity.distance_m is not None:
        return activity.distance_m / session.distance_m
    if session.duration_s > 0:
        return activity.duration_s / session.duration_s
    return 1.0


def judge_effort(
    session: Session, activity: Activity, marathon_pace_s_per_km: float | None = None
) -> Effort | None:
    """Compare how a run felt (RPE) or was run (pace) with its planned intensity.

    Harder: RPE ≥ the intensity's expected maximum + 2 (easy 4, moderate 6, hard 8), or an easy
    session run faster than marathon pace (seconds per km). Easier: RPE ≤ 2 on a hard session.
    None when the log says nothing about effort.

    Source: session-RPE (CR-10) — Foster et al. 2001, COACHING.md §5.3.
    """
    expected = EXPECTED_RPE_MAX[session.intensity]
    if activity.rpe is not None:
        if activity.rpe >= expected + HARDER_RPE_MARGIN:
            return "harder"
        if session.intensity == "hard" and activity.rpe <= 2:
            return "easier"
        return "as_planned"
    if (
        session.intensity == "easy"
        and marathon_pace_s_per_km
        and activity.is_run
        and activity.distance_m
        and activity.distance_m >= 1000
        and activity.duration_s > 0
    ):
        pace = activity.duration_s / (activity.distance_m / 1000.0)
        return "harder" if pace < marathon_pace_s_per_km else "as_planned"
    return None


def match_plan(
    plan: Plan, activities: Iterable[Activity], today: date
) -> tuple[WeekCompliance, ...]:
    """Hold every plan week that has started by ``today`` against the logged activities.

    Returns one :class:`WeekCompliance` per started week, in order. Activities outside the
    plan's dates are ignored (they are history, not compliance).
    """
    started = [w for w in plan.weeks if w.start_date <= today]
    if not started:
        return ()
    first = started[0].start_date
    last = started[-1].end_date
    window = timedelta(days=MATCH_WINDOW_DAYS)
    acts = sorted(
        (a for a in activities if first - window <= activity_date(a) <= last + window),
        key=activity_order,
    )
    sessions = [
        (wi, si, s)
        for wi, w in enumerate(started)
        for si, s in enumerate(w.sessions)
        if _session_category(s) is not None
    ]
    matched = _pair(sessions, acts, today)
    marathon_pace = plan.paces_s_per_km.get("marathon")

    used: set[int] = set(matched.values())
    weeks: list[WeekCompliance] = []
    for wi, week in enumerate(started):
        matches: list[SessionMatch] = []
        for si, s in enumerate(week.sessions):
            if _session_category(s) is None:
                continue
            ai = matched.get((wi, si))
            if ai is None:
                status: Status = "missed" if s.date < today else "upcoming"
                matches.append(SessionMatch(session=s, activity=None, status=status))
                continue
            act = acts[ai]
            done = _completed_fraction(s, act)
            matches.append(
                SessionMatch(
                    session=s,
                    activity=act,
                    status="done" if done >= PARTIAL_FRACTION else "partial",
                    day_offset=(activity_date(act) - s.date).days,
                    effort=judge_effort(s, act, marathon_pace),
                )
            )
        extra = tuple(
            a
            for ai, a in enumerate(acts)
            if ai not in used and week.start_date <= activity_date(a) <= week.end_date
        )
        weeks.append(
            WeekCompliance(
                week=week, matches=tuple(matches), extra=extra, complete=week.end_date < today
            )
        )
    return tuple(weeks)


def _pair(
    sessions: Sequence[tuple[int, int, Session]], acts: Sequence[Activity], today: date
) -> dict[tuple[int, int], int]:
    """Pair sessions with activities: as many pairs as possible, each session preferring the
    closest day and size (score = |days apart| + 2 × relative size gap, + 0.5 for a race logged
    against a non-race or the reverse). Kuhn's augmenting paths; sessions in date order, so the
    result is deterministic.
    """
    options: list[list[int]] = []
    for _wi, _si, s in sessions:
        cat = _session_category(s)
        scored: list[tuple[float, int]] = []
        for ai, a in enumerate(acts):
            day = activity_date(a)
            offset = (day - s.date).days
            if day > today or abs(offset) > MATCH_WINDOW_DAYS or _activity_category(a) != cat:
                continue
            kind_penalty = 0.0 if (s.kind == "race") == is_race(a) else 0.5
            scored.append((abs(offset) + 2.0 * _size_gap(s, a) + kind_penalty, ai))
        scored.sort()
        options.append([ai for _score, ai in scored])

    owner: dict[int, int] = {}  # activity index -> session position

    def augment(pos: int, seen: set[int]) -> bool:
        for ai in options[pos]:
            if ai in seen:
                continue
            seen.add(ai)
            if ai not in owner or augment(owner[ai], seen):
                owner[ai] = pos
                return True
        return False

    order = sorted(range(len(sessions)), key=lambda p: (sessions[p][2].date, p))
    for pos in order:
        augment(pos, set())
    return {(sessions[pos][0], sessions[pos][1]): ai for ai, pos in owner.items()}
