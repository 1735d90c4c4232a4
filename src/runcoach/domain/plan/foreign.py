"""A plan someone else wrote (a coach's CSV) read into the plan model, so the checks can judge it.

The CSV has a header and one row per session: ``date,kind,distance`` (more columns are ignored;
instead of ``distance``, a ``distance_km``, ``distance_mi`` or ``distance_m`` column holds bare
numbers in that unit, as in runcoach's own ``export csv --what plan``).
``date`` is ISO (YYYY-MM-DD); ``kind`` a session kind (``easy``, ``long``, ``tempo``,
``intervals``, ``race``, ``rest``, ``strength``...; common words such as ``run``, ``long run``,
``interval``, ``mp`` are understood); ``distance`` a distance with its unit (``10km``, ``6mi``,
``400m``) or a bare number of metres, empty for rest and strength.

What the file does not say is inferred, the same way every time:

- weeks run Monday to Sunday from the Monday on or before the first row;
- the last ``race`` row is the goal race (A); earlier race rows are tune-ups (B);
- the goal race's week is phase ``race``, the week before it (two weeks before a half or a
  marathon) ``taper``, every other week ``build``;
- a week at least 15 % below the highest of the 3 weeks before it is a down week;
- the runner's weekly volume and longest run before the plan (W0, L0) come from the caller, or
  else from the first week (:func:`runcoach.domain.plan.checks.infer_start`).

Pure: it reads text, not files. Units: metres.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import date, timedelta

from runcoach.domain.errors import InputError
from runcoach.domain.plan.checks import is_long_race
from runcoach.domain.plan.model import (
    HARD_KINDS,
    SESSION_KINDS,
    Phase,
    Plan,
    RaceGoal,
    Session,
    SessionKind,
    Week,
)
from runcoach.domain.units import parse_distance

KIND_WORDS: Mapping[str, SessionKind] = {
    "run": "easy",
    "easy run": "easy",
    "general aerobic": "easy",
    "aerobic": "easy",
    "long run": "long",
    "longrun": "long",
    "medium long": "long",
    "recovery run": "recovery",
    "interval": "intervals",
    "vo2max": "intervals",
    "speed": "intervals",
    "reps": "repetition",
    "repetitions": "repetition",
    "lactate threshold": "threshold",
    "lt": "threshold",
    "cruise intervals": "threshold",
    "tempo run": "tempo",
    "mp": "marathon_pace",
    "marathon pace": "marathon_pace",
    "hill": "hills",
    "hill repeats": "hills",
    "off": "rest",
    "rest day": "rest",
    "xt": "cross",
    "cross-training": "cross",
    "cross training": "cross",
    "weights": "strength",
    "gym": "strength",
    "run/walk": "run_walk",
    "run walk": "run_walk",
}
#: Share below the 3-week high from which an imported week counts as a down week.
DOWN_WEEK_SHARE = 0.85


def _kind(text: str, where: str) -> SessionKind:
    t = " ".join(text.strip().lower().replace("_", " ").split())
    snake = t.replace(" ", "_")
    if snake in SESSION_KINDS:
        return snake
    if t in KIND_WORDS:
        return KIND_WORDS[t]
    raise InputError(
        f"{where}: kind {text!r} is not a session kind (use easy, long, tempo, threshold, "
        "intervals, repetition, marathon_pace, hills, fartlek, race, rest, strength, cross...)."
    )


#: Distance columns with a unit in their name (runcoach's own CSV export writes distance_km or
#: distance_mi): a bare number in them is in that unit.
DISTANCE_COLUMNS: dict[str, float] = {
    "distance": 1.0,
    "distance_m": 1.0,
    "distance_km": 1000.0,
    "distance_mi": 1609.344,
}


def _distance(text: str, kind: SessionKind, where: str, per_unit: float = 1.0) -> float:
    t = text.strip()
    if not t:
        if kind in ("rest", "strength", "cross"):
            return 0.0
        raise InputError(f"{where}: a {kind} run needs a distance (e.g. 10km, 6mi or 8000).")
    try:
        metres = float(t) * per_unit
    except ValueError:
        return parse_distance(t, what=f"{where}: distance")
    if metres < 0 or metres != metres or metres == float("inf"):
        raise InputError(f"{where}: distance {text!r} must be zero or more.")
    return metres


def read_plan_csv(text: str, *, source: str = "plan.csv") -> Plan:
    """Read a ``date,kind,distance`` CSV (see the module docstring) into a Plan (kind imported).

    Raises InputError naming the file, the line and the bad value.
    """
    reader = csv.reader(io.StringIO(text))
    rows = [r for r in reader if any(c.strip() for c in r)]
    if not rows:
        raise InputError(f"{source}: the file is empty; it needs a header date,kind,distance.")
    header = [h.strip().lower() for h in rows[0]]
    distance_col = next((c for c in DISTANCE_COLUMNS if c in header), "distance")
    missing = [c for c in ("date", "kind", distance_col) if c not in header]
    if missing:
        raise InputError(
            f"{source}: the header {','.join(rows[0])!r} lacks {', '.join(missing)}: the first "
            "line must name the columns date,kind,distance."
        )
    col = {name: header.index(name) for name in ("date", "kind")}
    col["distance"] = header.index(distance_col)
    per_unit = DISTANCE_COLUMNS[distance_col]
    sessions: list[Session] = []
    for n, row in enumerate(rows[1:], start=2):
        where = f"{source} line {n}"
        cells = row + [""] * (len(header) - len(row))
        try:
            day = date.fromisoformat(cells[col["date"]].strip())
        except ValueError:
            raise InputError(
                f"{where}: date {cells[col['date']]!r} is not a date YYYY-MM-DD."
            ) from None
        kind = _kind(cells[col["kind"]], where)
        distance = _distance(cells[col["distance"]], kind, where, per_unit)
        sessions.append(
            Session(
                date=day,
                kind=kind,
                distance_m=distance,
                intensity="hard" if kind in HARD_KINDS else "easy",
                description=f"{kind.replace('_', ' ')} (imported from {source})",
            )
        )
    if not sessions:
        raise InputError(f"{source}: no session rows under the header.")
    return plan_from_sessions(sessions, source=source)


def plan_from_sessions(sessions: list[Session], *, source: str = "plan") -> Plan:
    """Group dated sessions into Monday-to-Sunday weeks and infer races, phases and down weeks."""
    sessions = sorted(sessions, key=lambda s: s.date)
    first = sessions[0].date
    start = first - timedelta(days=first.weekday())
    n_weeks = (sessions[-1].date - start).days // 7 + 1
    buckets: list[list[Session]] = [[] for _ in range(n_weeks)]
    for s in sessions:
        buckets[(s.date - start).days // 7].append(s)
    race_rows = [s for s in sessions if s.kind == "race"]
    goal = race_rows[-1] if race_rows else None
    race = None if goal is None else RaceGoal(goal.distance_m, goal.date, priority="A")
    tune_ups = tuple(RaceGoal(s.distance_m, s.date, priority="B") for s in race_rows[:-1])
    race_week = None if goal is None else (goal.date - start).days // 7
    taper_weeks = 0 if goal is None else (2 if is_long_race(goal.distance_m) else 1)
    goal_dates = {s.date for s in race_rows}
    volumes = [
        sum(s.distance_m for s in b if s.is_run and s.date not in goal_dates) for b in buckets
    ]
    weeks: list[Week] = []
    for i, bucket in enumerate(buckets):
        phase: Phase = "build"
        if race_week is not None and i == race_week:
            phase = "race"
        elif race_week is not None and race_week - taper_weeks <= i < race_week:
            phase = "taper"
        previous = volumes[max(0, i - 3) : i]
        down = (
            phase == "build"
            and bool(previous)
            and volumes[i] <= DOWN_WEEK_SHARE * max(previous)
            and volumes[i] > 0
        )
        weeks.append(
            Week(
                index=i + 1,
                start_date=start + timedelta(days=7 * i),
                phase=phase,
                sessions=tuple(bucket),
                is_down_week=down,
            )
        )
    return Plan(
        athlete={"source": source},
        race=race,
        start_date=start,
        vdot=None,
        paces_s_per_km={},
        weeks=tuple(weeks),
        races=(*tune_ups, *([race] if race else [])),
        kind="imported",
    )
