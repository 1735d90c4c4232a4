"""A plan as CSV (one row per session) and back: for spreadsheets and for ``plan check``.

Writing: ``date, week, phase, down_week, kind, title, intensity, distance_<u>, duration,
E_<u> … R_<u>, tags, description`` with ``<u>`` the runner's unit (``km`` or ``mi``), durations as
``h:mm:ss``. The CSV is the flat view of a plan; the full contract (steps, exercises, reasons)
is the JSON (``runcoach.plan/1``).

Reading (:func:`plan_from_csv`) accepts that file and the simplest sheet a coach writes,
``date,kind,distance`` — dates ``YYYY-MM-DD``, the distance with its unit either in the header
(``distance_km``, ``distance_mi``, ``distance_m``) or in each value (``10km``, ``6mi``); a bare
number under a plain ``distance`` header is refused, since its unit would be a guess. Every
error names the file, the row and the value.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import cast

from runcoach.domain.errors import InputError
from runcoach.domain.plan.model import (
    HARD_KINDS,
    PHASES,
    SESSION_KINDS,
    ZONES,
    Intensity,
    Phase,
    Plan,
    RaceGoal,
    Session,
    SessionKind,
    Week,
)
from runcoach.domain.units import (
    Units,
    format_duration,
    metres_per_unit,
    parse_distance,
    parse_duration,
)

#: Most rows a plan CSV may have (ten years of daily sessions, two a day).
MAX_ROWS = 7400

_KIND_ALIASES: dict[str, str] = {
    "off": "rest",
    "rest day": "rest",
    "easy run": "easy",
    "recovery run": "recovery",
    "long run": "long",
    "lsd": "long",
    "hill": "hills",
    "hill repeats": "hills",
    "tempo run": "tempo",
    "interval": "intervals",
    "vo2max": "intervals",
    "reps": "repetition",
    "repetitions": "repetition",
    "mp": "marathon_pace",
    "marathon pace": "marathon_pace",
    "marathon-pace": "marathon_pace",
    "progressive": "progression",
    "xt": "cross",
    "cross-training": "cross",
    "cross training": "cross",
    "run/walk": "run_walk",
    "run-walk": "run_walk",
    "walk/run": "run_walk",
}
_EASY_KINDS = frozenset({"easy", "recovery", "long", "run_walk"})


def _columns(units: Units) -> list[str]:
    return [
        "date",
        "week",
        "phase",
        "down_week",
        "kind",
        "title",
        "intensity",
        f"distance_{units}",
        "duration",
        *(f"{z}_{units}" for z in ZONES),
        "tags",
        "description",
    ]


def _num(metres: float, units: Units) -> str:
    decimals = 3 if units == "km" else 4
    return f"{metres / metres_per_unit(units):.{decimals}f}"


def plan_to_csv(plan: Plan, units: Units = "km") -> str:
    """The plan as CSV text (header + one row per session, in date order)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_columns(units))
    for week in plan.weeks:
        for s in sorted(week.sessions, key=lambda x: x.date):
            writer.writerow(
                [
                    s.date.isoformat(),
                    week.index,
                    week.phase,
                    "yes" if week.is_down_week else "no",
                    s.kind,
                    s.title,
                    s.intensity,
                    _num(s.distance_m, units),
                    format_duration(s.duration_s) if s.duration_s > 0 else "",
                    *(_num(s.zone_m(z), units) if s.zone_m(z) else "" for z in ZONES),
                    " ".join(s.tags),
                    s.description,
                ]
            )
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    day: date
    kind: SessionKind
    distance_m: float
    duration_s: float
    week: int | None
    phase: Phase | None
    down: bool
    title: str
    intensity: Intensity | None
    zones: dict[str, float]
    tags: tuple[str, ...]
    description: str


class _CsvReader:
    def __init__(self, source: str, header: list[str]) -> None:
        self.source = source
        self.header = [h.strip().lower().lstrip("\ufeff") for h in header]
        if "date" not in self.header or "kind" not in self.header:
            raise InputError(
                f"{source}: the header must name at least the columns date, kind and distance "
                f"(found: {', '.join(h for h in self.header if h) or 'nothing'})."
            )
        self.distance_col, self.distance_unit = self._unit_column("distance", required=True)
        self.zone_cols = {z: self._unit_column(z.lower(), required=False) for z in ZONES}

    def _unit_column(self, stem: str, *, required: bool) -> tuple[str | None, float | None]:
        for unit, factor in (("km", 1000.0), ("mi", metres_per_unit("mi")), ("m", 1.0)):
            name = f"{stem}_{unit}"
            if name in self.header:
                return name, factor
        if stem in self.header:
            return stem, None
        if required:
            raise InputError(
                f"{self.source}: no distance column; add one named distance_km, distance_mi or "
                "distance (with units in each value, e.g. 10km)."
            )
        return None, None

    def fail(self, line: int, column: str, value: str, why: str) -> InputError:
        return InputError(f"{self.source}: row {line}, {column} {value!r} {why}.")

    def distance(self, line: int, column: str, text: str, factor: float | None) -> float:
        text = text.strip()
        if not text:
            return 0.0
        if factor is not None:
            try:
                value = float(text.replace(",", "."))
            except ValueError:
                raise self.fail(line, column, text, "is not a number") from None
            if not value >= 0 or value == float("inf"):
                raise self.fail(line, column, text, "must be zero or more")
            return value * factor
        try:
            if float(text.replace(",", ".")) == 0:
                return 0.0
        except ValueError:
            pass
        try:
            return parse_distance(text, what=f"{self.source}: row {line}, {column}")
        except InputError as exc:
            raise InputError(
                f"{exc} Or name the unit in the header (distance_km, distance_mi)."
            ) from None

    def row(self, line: int, values: Mapping[str, str]) -> _Row:
        def get(name: str) -> str:
            return (values.get(name) or "").strip()

        day_text = get("date")
        try:
            day = date.fromisoformat(day_text)
        except ValueError:
            raise self.fail(line, "date", day_text, "is not a date YYYY-MM-DD") from None
        kind_text = get("kind").lower()
        kind = _KIND_ALIASES.get(kind_text, kind_text.replace(" ", "_").replace("-", "_"))
        if kind not in SESSION_KINDS:
            raise self.fail(
                line, "kind", get("kind"), f"is not a session kind ({', '.join(SESSION_KINDS)})"
            )
        assert self.distance_col is not None
        distance = self.distance(
            line, self.distance_col, get(self.distance_col), self.distance_unit
        )
        duration_text = get("duration") or get("duration_s")
        duration = 0.0
        if duration_text:
            if "duration_s" in self.header and not get("duration"):
                try:
                    duration = float(duration_text)
                except ValueError:
                    raise self.fail(line, "duration_s", duration_text, "is not a number") from None
            else:
                duration = parse_duration(
                    duration_text, what=f"{self.source}: row {line}, duration"
                )
        week = None
        if get("week"):
            try:
                week = int(get("week"))
            except ValueError:
                raise self.fail(line, "week", get("week"), "is not a whole number") from None
            if week < 1:
                raise self.fail(line, "week", get("week"), "must be 1 or more")
        phase = None
        if get("phase"):
            if get("phase").lower() not in PHASES:
                raise self.fail(line, "phase", get("phase"), f"is not one of {', '.join(PHASES)}")
            phase = cast(Phase, get("phase").lower())
        intensity = None
        if get("intensity"):
            if get("intensity").lower() not in ("easy", "moderate", "hard"):
                raise self.fail(
                    line, "intensity", get("intensity"), "is not easy, moderate or hard"
                )
            intensity = cast(Intensity, get("intensity").lower())
        zones: dict[str, float] = {}
        for zone, (column, factor) in self.zone_cols.items():
            if column is not None and get(column):
                metres = self.distance(line, column, get(column), factor)
                if metres:
                    zones[zone] = metres
        return _Row(
            line=line,
            day=day,
            kind=kind,
            distance_m=distance,
            duration_s=duration,
            week=week,
            phase=phase,
            down=get("down_week").lower() in ("yes", "true", "1", "y"),
            title=get("title"),
            intensity=intensity,
            zones=zones,
            tags=tuple(get("tags").replace(",", " ").split()),
            description=get("description"),
        )


def _session(row: _Row) -> Session:
    zones = dict(row.zones)
    if not zones and row.kind in _EASY_KINDS and row.distance_m > 0:
        zones["E"] = row.distance_m
    intensity: Intensity = row.intensity or (
        "moderate" if row.kind == "long" else "hard" if row.kind in HARD_KINDS else "easy"
    )
    return Session(
        date=row.day,
        kind=row.kind,
        distance_m=row.distance_m,
        duration_s=row.duration_s,
        intensity=intensity,
        distance_by_zone_m=zones,
        tags=row.tags,
        description=row.description,
        title=row.title,
    )


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def plan_from_csv(text: str, *, source: str = "plan CSV") -> Plan:
    """Read a plan from CSV text (see the module docstring); raises InputError on bad input.

    Weeks are taken from a ``week`` column when there is one (week 1 starts on the Monday on or
    before its first session), otherwise they are the calendar weeks (Monday to Sunday) from
    the first session on. The last session of kind ``race`` becomes the plan's goal race.
    """
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{source} is empty: it needs a header row date,kind,distance.") from None
    except csv.Error as exc:
        raise InputError(f"{source} is not valid CSV ({exc}).") from None
    parser = _CsvReader(source, header)
    rows: list[_Row] = []
    try:
        for line, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            if len(rows) >= MAX_ROWS:
                raise InputError(f"{source} has more than {MAX_ROWS} sessions; split it.")
            rows.append(parser.row(line, dict(zip(parser.header, values, strict=False))))
    except csv.Error as exc:
        raise InputError(f"{source} is not valid CSV ({exc}).") from None
    if not rows:
        raise InputError(f"{source} has a header but no sessions.")
    return _assemble(rows, source)


def _assemble(rows: list[_Row], source: str) -> Plan:
    rows.sort(key=lambda r: (r.day, r.line))
    first = min(r.day for r in rows)
    if any(r.week is not None for r in rows):
        missing = next((r for r in rows if r.week is None), None)
        if missing is not None:
            raise InputError(f"{source}: row {missing.line} has no week while other rows do.")
        week_one = [r.day for r in rows if r.week == min(r.week or 1 for r in rows)]
        start = _monday(min(week_one))
        first_index = min(r.week or 1 for r in rows)
        by_week: dict[int, list[_Row]] = {}
        for r in rows:
            index = (r.week or 1) - first_index + 1
            lo = start + timedelta(weeks=index - 1)
            if not lo <= r.day <= lo + timedelta(days=6):
                raise InputError(
                    f"{source}: row {r.line}, date {r.day.isoformat()} is not in week {r.week} "
                    f"({lo.isoformat()} to {(lo + timedelta(days=6)).isoformat()})."
                )
            by_week.setdefault(index, []).append(r)
    else:
        start = _monday(first)
        by_week = {}
        for r in rows:
            by_week.setdefault((r.day - start).days // 7 + 1, []).append(r)
    last = max(by_week)
    weeks = []
    for index in range(1, last + 1):
        members = by_week.get(index, [])
        phase = next((r.phase for r in members if r.phase), None) or "base"
        weeks.append(
            Week(
                index=index,
                start_date=start + timedelta(weeks=index - 1),
                phase=phase,
                sessions=tuple(_session(r) for r in members),
                is_down_week=any(r.down for r in members),
            )
        )
    races = [r for r in rows if r.kind == "race"]
    race = None
    if races:
        goal = races[-1]
        race = RaceGoal(
            distance_m=goal.distance_m, date=goal.day, goal_time_s=goal.duration_s or None
        )
    return Plan(
        athlete={},
        race=race,
        start_date=start,
        vdot=None,
        paces_s_per_km={},
        weeks=tuple(weeks),
        kind="imported",
    )
