"""The plan model and its public JSON contract, ``runcoach.plan/1`` (DESIGN.md §4).

A plan is a list of contiguous weeks; each week holds sessions (a day may hold several: a run and a
strength session); each session may hold structured steps (warm-up, repeats of work/recovery with a
distance or duration and a pace or heart-rate range, cool-down). Everything is SI: metres, seconds,
seconds per kilometre; dates are ISO 8601.

The field names of :meth:`Plan.to_dict` are a contract relied on by scripts outside the
repository: extend them, never rename them; a breaking change needs ``runcoach.plan/2`` and a
changelog entry.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Literal, cast

from runcoach.domain.errors import InputError

SCHEMA = "runcoach.plan/1"

Phase = Literal["run_walk", "base", "build", "peak", "taper", "race", "recovery", "return"]
PHASES: tuple[Phase, ...] = (
    "run_walk",
    "base",
    "build",
    "peak",
    "taper",
    "race",
    "recovery",
    "return",
)
SessionKind = Literal[
    "rest",
    "easy",
    "recovery",
    "long",
    "hills",
    "fartlek",
    "tempo",
    "threshold",
    "intervals",
    "repetition",
    "marathon_pace",
    "progression",
    "race",
    "strength",
    "cross",
    "run_walk",
]
SESSION_KINDS: tuple[SessionKind, ...] = (
    "rest",
    "easy",
    "recovery",
    "long",
    "hills",
    "fartlek",
    "tempo",
    "threshold",
    "intervals",
    "repetition",
    "marathon_pace",
    "progression",
    "race",
    "strength",
    "cross",
    "run_walk",
)
#: Kinds that are runs (count toward weekly volume).
RUN_KINDS: frozenset[str] = frozenset(SESSION_KINDS) - {"rest", "strength", "cross"}
#: Kinds that are hard sessions for the HARD-DAYS rule (DESIGN.md §5).
HARD_KINDS: frozenset[str] = frozenset(
    {"long", "tempo", "threshold", "intervals", "repetition", "marathon_pace", "race", "hills"}
)
Intensity = Literal["easy", "moderate", "hard"]
INTENSITIES: tuple[Intensity, ...] = ("easy", "moderate", "hard")
Zone = Literal["E", "M", "T", "I", "R"]
ZONES: tuple[Zone, ...] = ("E", "M", "T", "I", "R")
StepKind = Literal["warmup", "work", "recovery", "cooldown", "repeat", "rest"]
STEP_KINDS: tuple[StepKind, ...] = ("warmup", "work", "recovery", "cooldown", "repeat", "rest")


@dataclass(frozen=True, slots=True)
class Reason:
    """Why something is in the plan: a rule id from ``rules.py`` and a plain sentence."""

    rule: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "text": self.text}


@dataclass(frozen=True, slots=True)
class Target:
    """An intensity target for a step.

    ``type`` is ``"pace"`` (``low``/``high`` in seconds per km, low = the faster end) or
    ``"heart_rate"`` (beats per minute, low = the lower end).
    """

    type: Literal["pace", "heart_rate"]
    low: float
    high: float

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "low": round(self.low, 1), "high": round(self.high, 1)}


@dataclass(frozen=True, slots=True)
class Step:
    """One structured step. A ``repeat`` step holds ``count`` × its child ``steps``.

    Work and recovery steps have a ``distance_m`` or a ``duration_s`` (or both for information);
    ``zone`` says which Daniels zone the step runs in (None for walking or standing recovery).
    """

    kind: StepKind
    distance_m: float | None = None
    duration_s: float | None = None
    target: Target | None = None
    zone: Zone | None = None
    count: int | None = None
    steps: tuple[Step, ...] = ()
    description: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        if self.kind == "repeat":
            out["count"] = self.count
            out["steps"] = [s.to_dict() for s in self.steps]
        out["distance_m"] = _round(self.distance_m)
        out["duration_s"] = _round(self.duration_s)
        out["target"] = self.target.to_dict() if self.target else None
        out["zone"] = self.zone
        if self.description:
            out["description"] = self.description
        return out

    def flatten(self) -> Iterator[Step]:
        """Leaf steps in execution order (repeats expanded)."""
        if self.kind == "repeat":
            for _ in range(self.count or 0):
                for child in self.steps:
                    yield from child.flatten()
        else:
            yield self


@dataclass(frozen=True, slots=True)
class Exercise:
    """One strength exercise: sets × reps, or sets × seconds for holds."""

    name: str
    sets: int
    reps: int | None = None
    seconds: int | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "sets": self.sets,
            "reps": self.reps,
            "seconds": self.seconds,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class Session:
    """One session on one day (DESIGN.md §4). Distances in metres, durations in seconds."""

    date: date
    kind: SessionKind
    distance_m: float = 0.0
    duration_s: float = 0.0
    intensity: Intensity = "easy"
    distance_by_zone_m: Mapping[str, float] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    steps: tuple[Step, ...] = ()
    description: str = ""
    reasons: tuple[Reason, ...] = ()
    title: str = ""
    exercises: tuple[Exercise, ...] = ()

    @property
    def is_run(self) -> bool:
        """True when the session counts toward running volume."""
        return self.kind in RUN_KINDS

    @property
    def is_hard(self) -> bool:
        """True for the hard kinds of the HARD-DAYS rule."""
        return self.kind in HARD_KINDS

    def zone_m(self, zone: str) -> float:
        """Distance in metres planned in one zone (0 when absent)."""
        return float(self.distance_by_zone_m.get(zone, 0.0))

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "title": self.title,
            "distance_m": round(self.distance_m, 1),
            "duration_s": round(self.duration_s, 1),
            "intensity": self.intensity,
            "distance_by_zone_m": {z: round(self.zone_m(z), 1) for z in ZONES},
            "tags": list(self.tags),
            "steps": [s.to_dict() for s in self.steps],
            "exercises": [e.to_dict() for e in self.exercises],
            "description": self.description,
            "reasons": [r.to_dict() for r in self.reasons],
        }


@dataclass(frozen=True, slots=True)
class Week:
    """One plan week (Monday-start unless the plan starts on another day)."""

    index: int
    start_date: date
    phase: Phase
    sessions: tuple[Session, ...]
    is_down_week: bool = False
    reasons: tuple[Reason, ...] = ()
    lever: str | None = None

    @property
    def end_date(self) -> date:
        """The last day of the week."""
        return self.start_date + timedelta(days=6)

    @property
    def runs(self) -> tuple[Session, ...]:
        """The running sessions of the week."""
        return tuple(s for s in self.sessions if s.is_run)

    @property
    def distance_m(self) -> float:
        """Sum of the week's run distances in metres."""
        return sum(s.distance_m for s in self.sessions if s.is_run)

    @property
    def training_m(self) -> float:
        """The week's running in metres without its races (the volume the ramp rules count)."""
        return sum(s.distance_m for s in self.sessions if s.is_run and s.kind != "race")

    @property
    def long_run_m(self) -> float:
        """The longest run of the week in metres (the race counts; 0 without runs)."""
        return max((s.distance_m for s in self.sessions if s.is_run), default=0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "start_date": self.start_date.isoformat(),
            "phase": self.phase,
            "distance_m": round(self.distance_m, 1),
            "long_run_m": round(self.long_run_m, 1),
            "is_down_week": self.is_down_week,
            "lever": self.lever,
            "reasons": [r.to_dict() for r in self.reasons],
            "sessions": [s.to_dict() for s in self.sessions],
        }


@dataclass(frozen=True, slots=True)
class RaceGoal:
    """The goal race of a plan: distance in metres, date, optional goal time in seconds."""

    distance_m: float
    date: date
    goal_time_s: float | None = None
    name: str | None = None
    priority: Literal["A", "B", "C"] = "A"

    def to_dict(self) -> dict[str, Any]:
        return {
            "distance_m": self.distance_m,
            "date": self.date.isoformat(),
            "goal_time_s": self.goal_time_s,
            "name": self.name,
            "priority": self.priority,
        }


@dataclass(frozen=True, slots=True)
class Plan:
    """A whole plan: its inputs, paces, weeks and warnings (``runcoach.plan/1``)."""

    athlete: Mapping[str, Any]
    race: RaceGoal | None
    start_date: date
    vdot: float | None
    paces_s_per_km: Mapping[str, float]
    weeks: tuple[Week, ...]
    warnings: tuple[Reason, ...] = ()
    races: tuple[RaceGoal, ...] = ()
    rule_set: str = "standard"
    kind: Literal["cycle", "season", "base", "imported"] = "cycle"
    projection: Mapping[str, Any] | None = None

    @property
    def sessions(self) -> Iterator[Session]:
        """Every session in date order."""
        for week in self.weeks:
            yield from week.sessions

    @property
    def end_date(self) -> date:
        """The last day of the plan."""
        return self.weeks[-1].end_date if self.weeks else self.start_date

    @property
    def units(self) -> Literal["km", "mi"]:
        """The units the plan was made in (``athlete.units``; km when unset)."""
        return "mi" if self.athlete.get("units") == "mi" else "km"

    def week_of(self, day: date) -> Week | None:
        """The week that contains ``day`` (None outside the plan)."""
        for week in self.weeks:
            if week.start_date <= day <= week.end_date:
                return week
        return None

    def with_weeks(self, weeks: Sequence[Week]) -> Plan:
        """A copy of the plan with other weeks."""
        return replace(self, weeks=tuple(weeks))

    def to_dict(self) -> dict[str, Any]:
        """The ``runcoach.plan/1`` JSON document (SI units, ISO dates)."""
        return {
            "schema": SCHEMA,
            "kind": self.kind,
            "rule_set": self.rule_set,
            "athlete": dict(self.athlete),
            "race": self.race.to_dict() if self.race else None,
            "races": [r.to_dict() for r in self.races],
            "start_date": self.start_date.isoformat(),
            "vdot": None if self.vdot is None else round(self.vdot, 2),
            "paces_s_per_km": {k: round(v, 1) for k, v in self.paces_s_per_km.items()},
            "weeks": [w.to_dict() for w in self.weeks],
            "warnings": [w.to_dict() for w in self.warnings],
            "projection": dict(self.projection) if self.projection else None,
        }

    @staticmethod
    def from_dict(doc: Mapping[str, Any], *, source: str = "plan") -> Plan:
        """Read a ``runcoach.plan/1`` document; raises InputError naming the bad field."""
        return _plan_from_dict(doc, source)


# --- reading the contract back -------------------------------------------------------------


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, why: str) -> InputError:
        return InputError(f"{self.source}: {where} {why}.")

    def obj(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(where, "must be an object")
        return value

    def seq(self, value: Any, where: str) -> Sequence[Any]:
        if value is None:
            return ()
        if not isinstance(value, list | tuple):
            raise self.fail(where, "must be a list")
        return value

    def num(self, value: Any, where: str, *, optional: bool = False) -> float | None:
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(where, f"must be a number, not {value!r}")
        if value != value or value < 0:
            raise self.fail(where, f"must be zero or more, not {value!r}")
        return float(value)

    def day(self, value: Any, where: str) -> date:
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise self.fail(where, f"must be a date YYYY-MM-DD, not {value!r}") from None

    def choice(self, value: Any, options: Sequence[str], where: str) -> str:
        if value not in options:
            raise self.fail(where, f"must be one of {', '.join(options)}, not {value!r}")
        return cast(str, value)

    def reasons(self, value: Any, where: str) -> tuple[Reason, ...]:
        out = []
        for i, item in enumerate(self.seq(value, where)):
            r = self.obj(item, f"{where}[{i}]")
            out.append(Reason(rule=str(r.get("rule", "")), text=str(r.get("text", ""))))
        return tuple(out)

    def target(self, value: Any, where: str) -> Target | None:
        if value is None:
            return None
        t = self.obj(value, where)
        kind = self.choice(t.get("type"), ("pace", "heart_rate"), f"{where}.type")
        low = self.num(t.get("low"), f"{where}.low")
        high = self.num(t.get("high"), f"{where}.high")
        assert low is not None and high is not None
        return Target(type=cast(Literal["pace", "heart_rate"], kind), low=low, high=high)

    def step(self, value: Any, where: str) -> Step:
        s = self.obj(value, where)
        kind = cast(StepKind, self.choice(s.get("kind"), STEP_KINDS, f"{where}.kind"))
        zone = s.get("zone")
        if zone is not None:
            self.choice(zone, ZONES, f"{where}.zone")
        children = tuple(
            self.step(c, f"{where}.steps[{i}]")
            for i, c in enumerate(self.seq(s.get("steps"), f"{where}.steps"))
        )
        count = s.get("count")
        if kind == "repeat" and (not isinstance(count, int) or count < 1):
            raise self.fail(f"{where}.count", "must be a whole number of at least 1")
        return Step(
            kind=kind,
            distance_m=self.num(s.get("distance_m"), f"{where}.distance_m", optional=True),
            duration_s=self.num(s.get("duration_s"), f"{where}.duration_s", optional=True),
            target=self.target(s.get("target"), f"{where}.target"),
            zone=cast(Zone | None, zone),
            count=count if kind == "repeat" else None,
            steps=children,
            description=s.get("description"),
        )

    def session(self, value: Any, where: str) -> Session:
        s = self.obj(value, where)
        zones_raw = self.obj(s.get("distance_by_zone_m") or {}, f"{where}.distance_by_zone_m")
        zones: dict[str, float] = {}
        for z, v in zones_raw.items():
            self.choice(z, ZONES, f"{where}.distance_by_zone_m key")
            num = self.num(v, f"{where}.distance_by_zone_m.{z}")
            assert num is not None
            zones[z] = num
        exercises = []
        for i, e in enumerate(self.seq(s.get("exercises"), f"{where}.exercises")):
            ex = self.obj(e, f"{where}.exercises[{i}]")
            exercises.append(
                Exercise(
                    name=str(ex.get("name", "")),
                    sets=int(ex.get("sets") or 1),
                    reps=ex.get("reps"),
                    seconds=ex.get("seconds"),
                    note=ex.get("note"),
                )
            )
        return Session(
            date=self.day(s.get("date"), f"{where}.date"),
            kind=cast(SessionKind, self.choice(s.get("kind"), SESSION_KINDS, f"{where}.kind")),
            distance_m=self.num(s.get("distance_m", 0), f"{where}.distance_m") or 0.0,
            duration_s=self.num(s.get("duration_s", 0) or 0, f"{where}.duration_s") or 0.0,
            intensity=cast(
                Intensity,
                self.choice(s.get("intensity", "easy"), INTENSITIES, f"{where}.intensity"),
            ),
            distance_by_zone_m=zones,
            tags=tuple(str(t) for t in self.seq(s.get("tags"), f"{where}.tags")),
            steps=tuple(
                self.step(x, f"{where}.steps[{i}]")
                for i, x in enumerate(self.seq(s.get("steps"), f"{where}.steps"))
            ),
            description=str(s.get("description") or ""),
            reasons=self.reasons(s.get("reasons"), f"{where}.reasons"),
            title=str(s.get("title") or ""),
            exercises=tuple(exercises),
        )

    def race(self, value: Any, where: str) -> RaceGoal:
        r = self.obj(value, where)
        distance = self.num(r.get("distance_m"), f"{where}.distance_m")
        assert distance is not None
        priority = r.get("priority") or "A"
        self.choice(priority, ("A", "B", "C"), f"{where}.priority")
        return RaceGoal(
            distance_m=distance,
            date=self.day(r.get("date"), f"{where}.date"),
            goal_time_s=self.num(r.get("goal_time_s"), f"{where}.goal_time_s", optional=True),
            name=r.get("name"),
            priority=cast(Literal["A", "B", "C"], priority),
        )


def _plan_from_dict(doc: Mapping[str, Any], source: str) -> Plan:
    rd = _Reader(source)
    doc = rd.obj(doc, "the document")
    schema = doc.get("schema")
    if schema != SCHEMA:
        raise rd.fail("field 'schema'", f"must be {SCHEMA!r}, not {schema!r}")
    weeks = []
    for i, w in enumerate(rd.seq(doc.get("weeks"), "weeks")):
        where = f"weeks[{i}]"
        wk = rd.obj(w, where)
        index = wk.get("index")
        if not isinstance(index, int):
            raise rd.fail(f"{where}.index", "must be a whole number")
        weeks.append(
            Week(
                index=index,
                start_date=rd.day(wk.get("start_date"), f"{where}.start_date"),
                phase=cast(Phase, rd.choice(wk.get("phase"), PHASES, f"{where}.phase")),
                sessions=tuple(
                    rd.session(s, f"{where}.sessions[{j}]")
                    for j, s in enumerate(rd.seq(wk.get("sessions"), f"{where}.sessions"))
                ),
                is_down_week=bool(wk.get("is_down_week", False)),
                reasons=rd.reasons(wk.get("reasons"), f"{where}.reasons"),
                lever=wk.get("lever"),
            )
        )
    race = doc.get("race")
    paces = rd.obj(doc.get("paces_s_per_km") or {}, "paces_s_per_km")
    vdot = doc.get("vdot")
    kind = doc.get("kind") or "cycle"
    rd.choice(kind, ("cycle", "season", "base", "imported"), "kind")
    projection = doc.get("projection")
    return Plan(
        athlete=dict(rd.obj(doc.get("athlete") or {}, "athlete")),
        race=None if race is None else rd.race(race, "race"),
        start_date=rd.day(doc.get("start_date"), "start_date"),
        vdot=rd.num(vdot, "vdot", optional=True),
        paces_s_per_km={k: float(v) for k, v in paces.items()},
        weeks=tuple(weeks),
        warnings=rd.reasons(doc.get("warnings"), "warnings"),
        races=tuple(
            rd.race(r, f"races[{i}]") for i, r in enumerate(rd.seq(doc.get("races"), "races"))
        ),
        rule_set=str(doc.get("rule_set") or "standard"),
        kind=cast(Literal["cycle", "season", "base", "imported"], kind),
        projection=None if projection is None else dict(rd.obj(projection, "projection")),
    )
