"""The workout library: sessions with structured steps, paces from VDOT and full descriptions.

Every builder returns a :class:`~runcoach.domain.plan.model.Session` a runner can do from its
description alone (DESIGN.md §10): purpose, warm-up, main set with paces as ranges in the
runner's units and recoveries, cool-down, strides and hill sprints described, total distance and
time. Sizes are given as metres in the session's main zone (M, T, I or R); each builder rounds
*down* to whole repetitions, so the quality metres it returns never exceed what was asked for.

Paces are Daniels' 3rd-edition paces from the runner's VDOT (rule PACES-VDOT); without a race
result the sessions are given by effort (PACES-EFFORT) and durations are estimated with an assumed
VDOT (:data:`ASSUMED_VDOT`). Units: metres, seconds, seconds per kilometre.

Source: Daniels' Running Formula (zones, session sizes; COACHING.md §1.4); Pfitzinger run types
(§6.1); strides and hill sprints (§6.3).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from runcoach.domain.plan.model import Intensity, Reason, Session, SessionKind, Step, Target, Zone
from runcoach.domain.units import (
    HALF_MARATHON_M,
    MARATHON_M,
    METRES_PER_MILE,
    Units,
    format_duration,
    format_pace,
    metres_per_unit,
)
from runcoach.domain.vdot import TrainingPaces, equivalent_time, training_paces

#: VDOT used only to estimate durations when no race result is known (a 5K in about 27 min;
#: 30 for beginners, a 5K in about 31 min).
ASSUMED_VDOT = 35.0
ASSUMED_VDOT_BEGINNER = 30.0
#: Half-width of the pace ranges at M, T, I and R (1.5 %).
PACE_BAND = 0.015
STRIDE_S = 20.0
STRIDE_WALK_S = 60.0
HILL_SPRINT_S = 10.0
HILL_SPRINT_WALK_S = 90.0
WALK_S_PER_KM = 600.0

ZONE_NAMES = {
    "E": "easy",
    "M": "marathon pace",
    "T": "threshold pace",
    "I": "interval pace",
    "R": "repetition pace",
}
ZONE_EFFORT = {
    "E": "easy, conversational effort (RPE 3–4: you can talk in full sentences)",
    "M": "marathon effort (RPE 5–6: steady, you can speak in short sentences)",
    "T": "threshold effort (RPE 6–7: comfortably hard, about your 1-hour race effort)",
    "I": "interval effort (RPE 8: hard, about your 3K–5K race effort)",
    "R": "repetition effort (RPE 8–9: fast and relaxed, about your mile race effort)",
}


@dataclass(frozen=True, slots=True)
class PaceBook:
    """The runner's paces (s/km) and how to show them in the runner's units."""

    vdot: float | None
    paces: TrainingPaces
    units: Units
    race_paces: dict[str, float] = field(default_factory=dict)

    @staticmethod
    def create(vdot: float | None, units: Units, *, beginner: bool = False) -> PaceBook:
        """Paces from a VDOT, or estimates from an assumed VDOT when it is unknown."""
        basis = vdot if vdot is not None else (ASSUMED_VDOT_BEGINNER if beginner else ASSUMED_VDOT)
        race_paces = {
            name: equivalent_time(basis, metres) / (metres / 1000)
            for name, metres in (
                ("5k", 5000.0),
                ("10k", 10000.0),
                ("half", HALF_MARATHON_M),
                ("marathon", MARATHON_M),
            )
        }
        return PaceBook(vdot, training_paces(basis), units, race_paces)

    @property
    def by_effort(self) -> bool:
        """True when there is no VDOT: targets are efforts, paces only estimates."""
        return self.vdot is None

    def pace(self, zone: str) -> float:
        """A representative pace (s/km) of a zone, for time estimates (E: the middle)."""
        p = self.paces
        return {
            "E": (p.easy_fast + p.easy_slow) / 2,
            "M": p.marathon,
            "T": p.threshold,
            "I": p.interval,
            "R": p.repetition,
        }[zone]

    def band(self, zone: str) -> tuple[float, float]:
        """The pace range (fast, slow) of a zone in s/km."""
        if zone == "E":
            return self.paces.easy_fast, self.paces.easy_slow
        mid = self.pace(zone)
        return mid * (1 - PACE_BAND), mid * (1 + PACE_BAND)

    def race_band(self, race: str) -> tuple[float, float]:
        """The pace range (fast, slow) for race pace over ``race`` (5k, 10k, half, marathon)."""
        mid = self.race_paces[race]
        return mid * (1 - PACE_BAND / 2), mid * (1 + PACE_BAND / 2)

    def target(self, zone: str) -> Target | None:
        """The step target for a zone (None when paces are given by effort)."""
        if self.by_effort:
            return None
        low, high = self.band(zone)
        return Target("pace", low, high)

    def race_target(self, race: str) -> Target | None:
        """The step target for race pace (None when paces are given by effort)."""
        if self.by_effort:
            return None
        low, high = self.race_band(race)
        return Target("pace", low, high)

    def text(self, zone: str) -> str:
        """How to run a zone: ``threshold pace 4:32–4:40/km`` or the effort in words."""
        if self.by_effort:
            return ZONE_EFFORT[zone]
        low, high = self.band(zone)
        return f"{ZONE_NAMES[zone]} {self._range(low, high)}"

    def race_text(self, race: str) -> str:
        """How to run race pace over ``race``."""
        name = {"5k": "5K", "10k": "10K", "half": "half-marathon", "marathon": "marathon"}[race]
        if self.by_effort:
            return f"{name} race effort"
        low, high = self.race_band(race)
        return f"{name} race pace {self._range(low, high)}"

    def _range(self, low: float, high: float) -> str:
        a = format_pace(low, self.units)
        b = format_pace(high, self.units)
        return f"{a.split('/')[0]}–{b}"

    def distance(self, metres: float, *, track: bool = False) -> str:
        """A distance in the runner's units (track distances under 3 km in metres)."""
        if track and metres < 3000 and abs(metres - round(metres / 100) * 100) < 0.5:
            return f"{round(metres):d} m"
        if track and self.units == "mi" and abs(metres - METRES_PER_MILE) < 1:
            return "1 mi"
        value = metres / metres_per_unit(self.units)
        text = f"{value:.1f}".rstrip("0").rstrip(".") if track else f"{value:.1f}"
        return f"{text} {self.units}"

    def minutes(self, seconds: float) -> str:
        """A duration in words: ``45 min`` or ``1 h 25 min``."""
        total = round(seconds / 60)
        if total < 60:
            return f"{total} min"
        return f"{total // 60} h {total % 60:02d} min"


# --- small helpers ------------------------------------------------------------------------------


def _zones(**metres: float) -> dict[str, float]:
    return {z: round(m, 1) for z, m in metres.items() if m > 0.05}


def _time(pb: PaceBook, zone: str, metres: float) -> float:
    return metres / 1000 * pb.pace(zone)


def _jog_metres(pb: PaceBook, seconds: float) -> float:
    return seconds / pb.paces.easy_slow * 1000


def warm_up(pb: PaceBook, metres: float) -> Step:
    """An easy warm-up step."""
    return Step(
        "warmup",
        distance_m=metres,
        duration_s=_time(pb, "E", metres),
        target=pb.target("E"),
        zone="E",
        description=f"warm up {pb.distance(metres)} easy",
    )


def cool_down(pb: PaceBook, metres: float) -> Step:
    """An easy cool-down step."""
    return Step(
        "cooldown",
        distance_m=metres,
        duration_s=_time(pb, "E", metres),
        target=pb.target("E"),
        zone="E",
        description=f"cool down {pb.distance(metres)} easy",
    )


def _session(
    day: date,
    kind: SessionKind,
    title: str,
    steps: Sequence[Step],
    zones: dict[str, float],
    description: str,
    reasons: Sequence[Reason],
    *,
    intensity: Intensity,
    tags: Sequence[str] = (),
    distance_m: float | None = None,
) -> Session:
    flat = [s for st in steps for s in st.flatten()]
    dist = distance_m if distance_m is not None else sum(s.distance_m or 0.0 for s in flat)
    duration = sum(s.duration_s or 0.0 for s in flat)
    return Session(
        date=day,
        kind=kind,
        distance_m=round(dist, 1),
        duration_s=round(duration, 0),
        intensity=intensity,
        distance_by_zone_m=zones,
        tags=tuple(tags),
        steps=tuple(steps),
        description=description,
        reasons=tuple(reasons),
        title=title,
    )


def _total_line(pb: PaceBook, metres: float, seconds: float) -> str:
    approx = " (estimated)" if pb.by_effort else ""
    return f"Total: about {pb.distance(metres)}, {pb.minutes(seconds)}{approx}."


# --- strides and hill sprints (small add-ons to easy runs) ---------------------------------------


def stride_metres(pb: PaceBook, count: int) -> float:
    """R metres of ``count`` 20-second strides."""
    return count * STRIDE_S / pb.pace("R") * 1000


def hill_sprint_metres(pb: PaceBook, count: int) -> float:
    """R metres of ``count`` 10-second hill sprints (uphill: about 80 % of flat R speed)."""
    return count * HILL_SPRINT_S / pb.pace("R") * 1000 * 0.8


def easy_run(
    day: date,
    distance_m: float,
    pb: PaceBook,
    reasons: Sequence[Reason],
    *,
    strides: int = 0,
    hill_sprints: int = 0,
    kind: SessionKind = "easy",
    title: str = "Easy run",
    purpose: str = "Easy aerobic running: the base every other session stands on.",
) -> Session:
    """An easy run (or a recovery run), optionally with strides after it or hill sprints in it.

    Strides: 20 s relaxed-fast with a full walk-back recovery (rule STRIDES); hill sprints: 10 s
    all-out up a steep hill, walk down (HILL-SPRINTS). Their metres count at R.
    """
    r_strides = stride_metres(pb, strides)
    r_hills = hill_sprint_metres(pb, hill_sprints)
    easy_m = max(distance_m - r_strides - r_hills, 0.0)
    steps: list[Step] = []
    tags: list[str] = []
    lines = [purpose]
    if hill_sprints:
        first = min(easy_m, max(easy_m * 0.4, 2000.0))
        steps.append(
            Step(
                "work",
                distance_m=first,
                duration_s=_time(pb, "E", first),
                target=pb.target("E"),
                zone="E",
            )
        )
        steps.append(
            Step(
                "repeat",
                count=hill_sprints,
                steps=(
                    Step(
                        "work",
                        duration_s=HILL_SPRINT_S,
                        distance_m=r_hills / hill_sprints,
                        zone="R",
                        description="steep hill sprint, all out but relaxed",
                    ),
                    Step("recovery", duration_s=HILL_SPRINT_WALK_S, description="walk back down"),
                ),
            )
        )
        rest = easy_m - first
        steps.append(
            Step(
                "work",
                distance_m=rest,
                duration_s=_time(pb, "E", rest),
                target=pb.target("E"),
                zone="E",
            )
        )
        tags.append("hill_sprints")
        lines.append(
            f"Run {pb.distance(first)} at {pb.text('E')}, then {hill_sprints} hill sprints: "
            f"{HILL_SPRINT_S:.0f} s all out up a steep hill, walk back down (about "
            f"{HILL_SPRINT_WALK_S:.0f} s) before the next one. Finish with {pb.distance(rest)} easy."
        )
    else:
        steps.append(
            Step(
                "work",
                distance_m=easy_m,
                duration_s=_time(pb, "E", easy_m),
                target=pb.target("E"),
                zone="E",
            )
        )
        lines.append(f"Run {pb.distance(easy_m)} at {pb.text('E')}.")
    if strides:
        steps.append(
            Step(
                "repeat",
                count=strides,
                steps=(
                    Step(
                        "work",
                        duration_s=STRIDE_S,
                        distance_m=r_strides / strides,
                        target=pb.target("R"),
                        zone="R",
                        description="stride: relaxed-fast, smooth form",
                    ),
                    Step(
                        "recovery", duration_s=STRIDE_WALK_S, description="walk back, full recovery"
                    ),
                ),
            )
        )
        tags.append("strides")
        lines.append(
            f"Then {strides} strides: {STRIDE_S:.0f} s relaxed-fast ("
            + ("about mile race effort" if pb.by_effort else pb.text("R"))
            + "), walking back for a full recovery (about 60 s)."
        )
    zones = _zones(E=easy_m, R=r_strides + r_hills)
    duration = sum(s.duration_s or 0.0 for st in steps for s in st.flatten())
    lines.append(_total_line(pb, distance_m, duration))
    return _session(
        day,
        kind,
        title,
        steps,
        zones,
        "\n".join(lines),
        reasons,
        intensity="easy",
        tags=tags,
        distance_m=distance_m,
    )


def long_run(
    day: date,
    distance_m: float,
    pb: PaceBook,
    reasons: Sequence[Reason],
    *,
    m_finish_m: float = 0.0,
    strides: int = 0,
    title: str = "Long run",
) -> Session:
    """The long run, easy, optionally finishing with ``m_finish_m`` metres at marathon pace (and
    with ``strides`` after it when the week has no other stimulus)."""
    m_part = min(m_finish_m, distance_m * 0.5)
    r_strides = stride_metres(pb, strides)
    easy_m = distance_m - m_part - r_strides
    steps = [
        Step(
            "work",
            distance_m=easy_m,
            duration_s=_time(pb, "E", easy_m),
            target=pb.target("E"),
            zone="E",
        )
    ]
    lines = [
        "Long run: endurance, and legs that hold together on race day.",
        f"Run {pb.distance(easy_m)} at {pb.text('E')}"
        + (", the last third at the faster end of the range." if not m_part else "."),
    ]
    if m_part:
        steps.append(
            Step(
                "work",
                distance_m=m_part,
                duration_s=_time(pb, "M", m_part),
                target=pb.target("M"),
                zone="M",
            )
        )
        lines.append(
            f"Then the last {pb.distance(m_part)} at {pb.text('M')}: practise race pace, drinks "
            "and gels on tired legs."
        )
    tags: list[str] = []
    if strides:
        steps.append(
            Step(
                "repeat",
                count=strides,
                steps=(
                    Step(
                        "work",
                        duration_s=STRIDE_S,
                        distance_m=r_strides / strides,
                        target=pb.target("R"),
                        zone="R",
                    ),
                    Step(
                        "recovery", duration_s=STRIDE_WALK_S, description="walk back, full recovery"
                    ),
                ),
            )
        )
        tags.append("strides")
        lines.append(
            f"Then {strides} strides: {STRIDE_S:.0f} s relaxed-fast, walking back for a full recovery."
        )
    duration = sum(s.duration_s or 0.0 for st in steps for s in st.flatten())
    if duration > 3 * 3600:
        lines.append(
            "This run takes over 3 hours: take short walk breaks (1 min every "
            + ("1–2 mi" if pb.units == "mi" else "2–3 km")
            + ") and eat 30–60 g of carbohydrate an hour."
        )
    elif duration > 90 * 60:
        lines.append("Carry water; over 90 minutes, take 30–60 g of carbohydrate an hour.")
    lines.append(_total_line(pb, distance_m, duration))
    return _session(
        day,
        "long",
        title,
        steps,
        _zones(E=easy_m, M=m_part, R=r_strides),
        "\n".join(lines),
        reasons,
        intensity="moderate" if m_part else "easy",
        tags=tags,
        distance_m=distance_m,
    )


# --- quality sessions ---------------------------------------------------------------------------


def _wu_cd(volume_m: float) -> tuple[float, float]:
    """Warm-up and cool-down metres for a quality session in a week of ``volume_m``."""
    if volume_m < 12000:
        return 1000.0, 500.0
    if volume_m < 25000:
        return 1500.0, 1000.0
    if volume_m < 60000:
        return 2000.0, 1500.0
    return 3000.0, 2000.0


def fartlek(
    day: date, surge_m: float, pb: PaceBook, reasons: Sequence[Reason], *, volume_m: float
) -> Session | None:
    """Fartlek: 1–2 minute surges at about threshold effort with equal easy running between.

    ``surge_m``: the most T metres to hold. None when under 4 surges of 60 s fit.
    """
    surge_s = 60.0 if surge_m < 2500 else 120.0
    per = surge_s / pb.pace("T") * 1000
    count = min(int(surge_m // per), 12)
    if count < 4:
        return None
    wu, cd = _wu_cd(volume_m)
    jog_s = surge_s
    steps = [
        warm_up(pb, wu),
        Step(
            "repeat",
            count=count,
            steps=(
                Step("work", duration_s=surge_s, distance_m=per, target=pb.target("T"), zone="T"),
                Step(
                    "recovery",
                    duration_s=jog_s,
                    distance_m=_jog_metres(pb, jog_s),
                    zone="E",
                    description="easy running",
                ),
            ),
        ),
        cool_down(pb, cd),
    ]
    t_m = count * per
    total = wu + cd + t_m + count * _jog_metres(pb, jog_s)
    duration = sum(s.duration_s or 0.0 for st in steps for s in st.flatten())
    text = "\n".join(
        [
            "Fartlek (speed play): your first taste of faster running, by feel, on any route.",
            f"Warm-up: {pb.distance(wu)} easy.",
            f"Main set: {count} × {surge_s / 60:.0f} min at {pb.text('T')}, each followed by "
            f"{jog_s / 60:.0f} min of easy running.",
            f"Cool-down: {pb.distance(cd)} easy.",
            _total_line(pb, total, duration),
        ]
    )
    return _session(
        day,
        "fartlek",
        "Fartlek",
        steps,
        _zones(E=total - t_m, T=t_m),
        text,
        reasons,
        intensity="moderate",
        distance_m=total,
    )


def tempo(
    day: date, t_m: float, pb: PaceBook, reasons: Sequence[Reason], *, volume_m: float
) -> Session | None:
    """Tempo run: 10–20 minutes continuous at threshold pace (Daniels: ≤ 20 min continuous).

    Rounded down to whole minutes; None under 10 minutes.
    """
    minutes = min(math.floor(t_m / 1000 * pb.pace("T") / 60), 20)
    if minutes < 10:
        return None
    t_m = minutes * 60 / pb.pace("T") * 1000
    wu, cd = _wu_cd(volume_m)
    steps = [
        warm_up(pb, wu),
        Step("work", duration_s=minutes * 60, distance_m=t_m, target=pb.target("T"), zone="T"),
        cool_down(pb, cd),
    ]
    total = wu + t_m + cd
    duration = sum(s.duration_s or 0.0 for s in steps)
    text = "\n".join(
        [
            "Tempo run: raises the pace you can hold for an hour (lactate threshold).",
            f"Warm-up: {pb.distance(wu)} easy.",
            f"Main set: {minutes} min continuous at {pb.text('T')} (about {pb.distance(t_m)}): "
            "comfortably hard, never a race.",
            f"Cool-down: {pb.distance(cd)} easy.",
            _total_line(pb, total, duration),
        ]
    )
    return _session(
        day,
        "tempo",
        "Tempo run",
        steps,
        _zones(E=wu + cd, T=t_m),
        text,
        reasons,
        intensity="hard",
        distance_m=total,
    )


def _rep_choices(
    pb: PaceBook, options_km: Sequence[float], options_mi: Sequence[float]
) -> list[float]:
    return list(options_mi) if pb.units == "mi" else list(options_km)


def threshold(
    day: date,
    t_m: float,
    pb: PaceBook,
    reasons: Sequence[Reason],
    *,
    volume_m: float,
    race: str | None = None,
) -> Session | None:
    """Cruise intervals: repeats of 1–2 km (or 1 mi) at threshold pace, 60 s jog between.

    With ``race="half"`` the repeats run at half-marathon pace (race-specific). None under 3 km.
    """
    reps_m = _rep_choices(pb, (1000.0, 1500.0, 2000.0), (METRES_PER_MILE, 1.5 * METRES_PER_MILE))
    rep = (
        reps_m[0] if t_m < 5000 else reps_m[-1] if t_m >= 8000 else reps_m[min(1, len(reps_m) - 1)]
    )
    count = min(int(t_m // rep), 8)
    if count * rep < 3000 - 1:
        if count >= 2 and rep > 1000:
            rep = reps_m[0]
            count = int(t_m // rep)
        if count * rep < 3000 - 1:
            return None
    jog_s = 60.0
    wu, cd = _wu_cd(volume_m)
    work_target = pb.race_target(race) if race else pb.target("T")
    steps = [
        warm_up(pb, wu),
        Step(
            "repeat",
            count=count,
            steps=(
                Step(
                    "work",
                    distance_m=rep,
                    duration_s=_time(pb, "T", rep),
                    target=work_target,
                    zone="T",
                ),
                Step(
                    "recovery",
                    duration_s=jog_s,
                    distance_m=_jog_metres(pb, jog_s),
                    zone="E",
                    description="easy jog",
                ),
            ),
        ),
        cool_down(pb, cd),
    ]
    work = count * rep
    total = wu + cd + work + count * _jog_metres(pb, jog_s)
    duration = sum(s.duration_s or 0.0 for st in steps for s in st.flatten())
    pace = pb.race_text(race) if race else pb.text("T")
    purpose = (
        "Half-marathon pace repeats: the rhythm of race day, on threshold legs."
        if race
        else "Cruise intervals: threshold work in pieces, more of it for the same effort."
    )
    text = "\n".join(
        [
            purpose,
            f"Warm-up: {pb.distance(wu)} easy.",
            f"Main set: {count} × {pb.distance(rep, track=True)} at {pace}, "
            f"{jog_s:.0f} s easy jog between.",
            f"Cool-down: {pb.distance(cd)} easy.",
            _total_line(pb, total, duration),
        ]
    )
    return _session(
        day,
        "threshold",
        "Half-pace repeats" if race else "Cruise intervals",
        steps,
        _zones(E=total - work, T=work),
        text,
        reasons,
        intensity="hard",
        distance_m=total,
    )


def hills(
    day: date, i_m: float, pb: PaceBook, reasons: Sequence[Reason], *, volume_m: float
) -> Session | None:
    """Hill repeats: 60–90 s uphill at 5K effort, jog back down: strength and power.

    ``i_m``: the most I metres (uphill metres at I effort, about 85 % of flat I speed). None under
    4 repeats.
    """
    rep_s = 60.0 if i_m < 2500 else 90.0
    per = rep_s / pb.pace("I") * 1000 * 0.85
    count = min(int(i_m // per), 10)
    if count < 4:
        return None
    wu, cd = _wu_cd(volume_m)
    down_s = rep_s * 1.5
    steps = [
        warm_up(pb, wu),
        Step(
            "repeat",
            count=count,
            steps=(
                Step(
                    "work",
                    duration_s=rep_s,
                    distance_m=per,
                    zone="I",
                    description="uphill at 5K effort",
                ),
                Step(
                    "recovery",
                    duration_s=down_s,
                    distance_m=_jog_metres(pb, down_s) * 0.8,
                    zone="E",
                    description="jog back down",
                ),
            ),
        ),
        cool_down(pb, cd),
    ]
    work = count * per
    total = wu + cd + work + count * _jog_metres(pb, down_s) * 0.8
    duration = sum(s.duration_s or 0.0 for st in steps for s in st.flatten())
    text = "\n".join(
        [
            "Hill repeats: running-specific strength and power, easy on the legs' impact.",
            f"Warm-up: {pb.distance(wu)} easy to the foot of a moderate hill (4–8 %).",
            f"Main set: {count} × {rep_s:.0f} s uphill at about 5K race effort (hard, controlled, "
            f"tall posture), jog back down for recovery (about {down_s:.0f} s)."
            + (
                ""
                if pb.by_effort
                else f" On the flat that effort is {pb.text('I')}; uphill, go by effort."
            ),
            f"Cool-down: {pb.distance(cd)} easy.",
            _total_line(pb, total, duration),
        ]
    )
    return _session(
        day,
        "hills",
        "Hill repeats",
        steps,
        _zones(E=total - work, I=work),
        text,
        reasons,
        intensity="hard",
        distance_m=total,
    )


def intervals(
    day: date,
    i_m: float,
    pb: PaceBook,
    reasons: Sequence[Reason],
    *,
    volume_m: float,
    race: str | None = None,
) -> Session | None:
    """Intervals: 3–5 minute repeats at interval pace (or 5K/10K race pace), jog recoveries.

    None under 2.4 km of work.
    """
    reps_m = _rep_choices(pb, (800.0, 1000.0, 1200.0), (800.0, 1200.0, METRES_PER_MILE))
    rep = reps_m[0] if i_m < 4000 else reps_m[1] if i_m < 6000 else reps_m[2]
    count = min(int(i_m // rep), 8)
    if count * rep < 2400 - 1:
        return None
    zone_pace = pb.race_paces[race] if race else pb.pace("I")
    rep_s = rep / 1000 * zone_pace
    jog_s = min(max(rep_s * 0.6, 90.0), 180.0)
    wu, cd = _wu_cd(volume_m)
    work_target = pb.race_target(race) if race else pb.target("I")
    steps = [
        warm_up(pb, wu),
        Step(
            "repeat",
            count=count,
            steps=(
                Step("work", distance_m=rep, duration_s=rep_s, target=work_target, zone="I"),
                Step(
                    "recovery",
                    duration_s=jog_s,
                    distance_m=_jog_metres(pb, jog_s),
                    zone="E",
                    description="easy jog",
                ),
            ),
        ),
        cool_down(pb, cd),
    ]
    work = count * rep
    total = wu + cd + work + count * _jog_metres(pb, jog_s)
    duration = sum(s.duration_s or 0.0 for st in steps for s in st.flatten())
    pace = pb.race_text(race) if race else pb.text("I")
    purpose = (
        f"{'5K' if race == '5k' else '10K'} pace intervals: race rhythm, race-specific fitness."
        if race
        else "Intervals: raise your VO2max, the ceiling of your aerobic engine."
    )
    text = "\n".join(
        [
            purpose,
            f"Warm-up: {pb.distance(wu)} easy, then 4 relaxed strides.",
            f"Main set: {count} × {pb.distance(rep, track=True)} at {pace}, "
            f"{format_duration(jog_s)} easy jog between.",
            f"Cool-down: {pb.distance(cd)} easy.",
            _total_line(pb, total, duration),
        ]
    )
    return _session(
        day,
        "intervals",
        f"{'Race-pace' if race else 'VO2max'} intervals",
        steps,
        _zones(E=total - work, I=work),
        text,
        reasons,
        intensity="hard",
        distance_m=total,
    )


def repetitions(
    day: date, r_m: float, pb: PaceBook, reasons: Sequence[Reason], *, volume_m: float
) -> Session | None:
    """Repetitions: 200–400 m fast and relaxed with full recovery (economy and speed).

    None under 1.6 km of work.
    """
    rep = 200.0 if r_m < 2400 else 400.0
    count = min(int(r_m // rep), 12)
    if count * rep < 1600 - 1:
        return None
    rep_s = rep / 1000 * pb.pace("R")
    jog_s = rep_s * 2.5
    wu, cd = _wu_cd(volume_m)
    steps = [
        warm_up(pb, wu),
        Step(
            "repeat",
            count=count,
            steps=(
                Step("work", distance_m=rep, duration_s=rep_s, target=pb.target("R"), zone="R"),
                Step(
                    "recovery",
                    duration_s=jog_s,
                    distance_m=_jog_metres(pb, jog_s) * 0.7,
                    zone="E",
                    description="walk or jog, full recovery",
                ),
            ),
        ),
        cool_down(pb, cd),
    ]
    work = count * rep
    total = wu + cd + work + count * _jog_metres(pb, jog_s) * 0.7
    duration = sum(s.duration_s or 0.0 for st in steps for s in st.flatten())
    text = "\n".join(
        [
            "Repetitions: speed and running economy; fast but relaxed, never straining.",
            f"Warm-up: {pb.distance(wu)} easy.",
            f"Main set: {count} × {pb.distance(rep, track=True)} at {pb.text('R')}, "
            f"walk or jog {format_duration(jog_s)} between (full recovery).",
            f"Cool-down: {pb.distance(cd)} easy.",
            _total_line(pb, total, duration),
        ]
    )
    return _session(
        day,
        "repetition",
        "Repetitions",
        steps,
        _zones(E=total - work, R=work),
        text,
        reasons,
        intensity="hard",
        distance_m=total,
    )


def marathon_pace(
    day: date, m_m: float, pb: PaceBook, reasons: Sequence[Reason], *, volume_m: float
) -> Session | None:
    """Marathon-pace run: 5–16 km continuous at goal marathon pace (two blocks over 12 km).

    Rounded down to 0.5 unit; None under 3 km.
    """
    step = 0.5 * metres_per_unit(pb.units)
    m_m = math.floor(m_m / step) * step
    if m_m < 3000 - 1:
        return None
    wu, cd = _wu_cd(volume_m)
    steps: list[Step] = [warm_up(pb, wu)]
    if m_m > 12000:
        half = m_m / 2
        steps += [
            Step(
                "work",
                distance_m=half,
                duration_s=_time(pb, "M", half),
                target=pb.target("M"),
                zone="M",
            ),
            Step(
                "recovery",
                distance_m=1000.0,
                duration_s=_time(pb, "E", 1000.0),
                target=pb.target("E"),
                zone="E",
            ),
            Step(
                "work",
                distance_m=half,
                duration_s=_time(pb, "M", half),
                target=pb.target("M"),
                zone="M",
            ),
        ]
        main = f"2 × {pb.distance(half)} at {pb.text('M')}, {pb.distance(1000.0)} easy between"
        easy_extra = 1000.0
    else:
        steps.append(
            Step(
                "work",
                distance_m=m_m,
                duration_s=_time(pb, "M", m_m),
                target=pb.target("M"),
                zone="M",
            )
        )
        main = f"{pb.distance(m_m)} continuous at {pb.text('M')}"
        easy_extra = 0.0
    steps.append(cool_down(pb, cd))
    total = wu + cd + m_m + easy_extra
    duration = sum(s.duration_s or 0.0 for s in steps)
    text = "\n".join(
        [
            "Marathon-pace run: lock in race rhythm and practise race-day drinks and gels.",
            f"Warm-up: {pb.distance(wu)} easy.",
            f"Main set: {main}.",
            f"Cool-down: {pb.distance(cd)} easy.",
            _total_line(pb, total, duration),
        ]
    )
    return _session(
        day,
        "marathon_pace",
        "Marathon-pace run",
        steps,
        _zones(E=wu + cd + easy_extra, M=m_m),
        text,
        reasons,
        intensity="hard",
        distance_m=total,
    )


def progression_run(
    day: date,
    distance_m: float,
    fast_m: float,
    pb: PaceBook,
    reasons: Sequence[Reason],
    *,
    min_fast_m: float = 1000.0,
) -> Session | None:
    """Progression run: easy, finishing with ``fast_m`` metres at marathon pace (a soft quality).

    None when less than ``min_fast_m`` metres would be fast.
    """
    step = 0.5 * metres_per_unit(pb.units) if min_fast_m >= 1000 else 100.0
    fast_m = math.floor(min(fast_m, distance_m / 2) / step) * step
    if fast_m < min_fast_m or distance_m <= 0:
        return None
    easy_m = distance_m - fast_m
    steps = [
        Step(
            "work",
            distance_m=easy_m,
            duration_s=_time(pb, "E", easy_m),
            target=pb.target("E"),
            zone="E",
        ),
        Step(
            "work",
            distance_m=fast_m,
            duration_s=_time(pb, "M", fast_m),
            target=pb.target("M"),
            zone="M",
        ),
    ]
    duration = sum(s.duration_s or 0.0 for s in steps)
    text = "\n".join(
        [
            "Progression run: start easy and finish strong, without straining.",
            f"Run {pb.distance(easy_m)} at {pb.text('E')}, then the last {pb.distance(fast_m)} at "
            f"{pb.text('M')}.",
            _total_line(pb, distance_m, duration),
        ]
    )
    return _session(
        day,
        "progression",
        "Progression run",
        steps,
        _zones(E=easy_m, M=fast_m),
        text,
        reasons,
        intensity="moderate",
        distance_m=distance_m,
    )


def race_session(
    day: date,
    distance_m: float,
    race: str,
    pb: PaceBook,
    reasons: Sequence[Reason],
    *,
    goal_time_s: float | None = None,
    title: str = "Race",
    run_walk: tuple[int, int] | None = None,
) -> Session:
    """The race: warm-up advice, pacing (goal or predicted time, even splits) and fuelling."""
    predicted = pb.race_paces[race] * distance_m / 1000
    zone = {"5k": "I", "10k": "I", "half": "T", "marathon": "M"}[race]
    lines = [f"{title}: {pb.distance(distance_m)}. The goal of the whole cycle."]
    if run_walk:
        lines.append(
            f"Run/walk it from the start: {run_walk[0]} min running, {run_walk[1]} min walking, "
            "repeated; the walk breaks are the plan, not a failure."
        )
    if goal_time_s:
        pace = goal_time_s / (distance_m / 1000)
        lines.append(
            f"Goal: {format_duration(goal_time_s)} — even pace {format_pace(pace, pb.units)}."
        )
    elif not pb.by_effort:
        lines.append(
            f"Your fitness predicts about {format_duration(predicted)} "
            f"({format_pace(pb.race_paces[race], pb.units)}); start a little slower, even splits."
        )
    if race in ("5k", "10k"):
        lines.append(
            "Warm up 10–15 min easy with 4 strides; start controlled, race the last third."
        )
    else:
        lines.append(
            "Warm up with 5–10 min of walking and easy jogging; start slower than goal pace for the "
            + ("first 1–2 mi" if pb.units == "mi" else "first 2–3 km")
            + "; take 30–60 g of carbohydrate an hour"
            + (" (up to 90 g with glucose+fructose)" if race == "marathon" else "")
            + " and drink to thirst."
        )
    step = Step("work", distance_m=distance_m, duration_s=goal_time_s or predicted, zone=zone)  # type: ignore[arg-type]
    return _session(
        day,
        "race",
        title,
        [step],
        {zone: distance_m},
        "\n".join(lines),
        reasons,
        intensity="hard",
        tags=("goal_race",),
        distance_m=distance_m,
    )


def rest_day(
    day: date, reasons: Sequence[Reason], *, down_week: bool = False, after_race: bool = False
) -> Session:
    """A day without running, with what to do with the time (REST-DAY)."""
    if after_race:
        text = (
            "Rest: the race is done. Walk a little, eat and drink well, sleep; no running for "
            "a few days lets the small damage of racing heal."
        )
    elif down_week:
        text = (
            "Rest: this is a down week — use the time to sleep an extra hour, walk, or do "
            "10 minutes of mobility (hips, calves, thoracic spine)."
        )
    else:
        text = (
            "Rest: no running today. Sleep well, walk if you like, 10 minutes of mobility "
            "(hips, calves, ankles). Adaptation happens on rest days."
        )
    return Session(
        date=day, kind="rest", description=text, reasons=tuple(reasons), title="Rest day"
    )


def sharpener(
    day: date, race: str, pb: PaceBook, reasons: Sequence[Reason], *, volume_m: float
) -> Session:
    """Race-week sharpener: a short set at race pace, early in race week (RACE-WEEK)."""
    wu, cd = _wu_cd(volume_m)
    small = volume_m < 15000
    zone: Zone
    kind: SessionKind
    if race == "marathon":
        work = 1500.0 if small else 3000.0
        count, rep, zone, kind = 1, work, "M", "marathon_pace"
    elif race == "half":
        count, rep, zone, kind = (2 if small else 3), 1000.0, "T", "threshold"
        work = count * rep
    elif race == "10k":
        count, rep, zone, kind = 3, (600.0 if small else 1000.0), "I", "intervals"
        work = count * rep
    else:
        count, rep, zone, kind = (3 if small else 4), (400.0 if small else 600.0), "I", "intervals"
        work = count * rep
    jog_s = 120.0
    target = pb.race_target(race)
    pace_time = pb.race_paces[race]
    work_step = Step(
        "work", distance_m=rep, duration_s=rep / 1000 * pace_time, target=target, zone=zone
    )
    if count > 1:
        main: Step = Step(
            "repeat",
            count=count,
            steps=(
                work_step,
                Step(
                    "recovery",
                    duration_s=jog_s,
                    distance_m=_jog_metres(pb, jog_s),
                    zone="E",
                    description="easy jog",
                ),
            ),
        )
        jog_total = count * _jog_metres(pb, jog_s)
        main_text = f"{count} × {pb.distance(rep, track=True)} at {pb.race_text(race)}, 2 min easy jog between"
    else:
        main = work_step
        jog_total = 0.0
        main_text = f"{pb.distance(rep)} at {pb.race_text(race)}"
    steps = [warm_up(pb, wu), main, cool_down(pb, cd)]
    total = wu + cd + work + jog_total
    duration = sum(s.duration_s or 0.0 for st in steps for s in st.flatten())
    text = "\n".join(
        [
            "Race-week sharpener: a short dose of race pace keeps the legs sharp without tiring them.",
            f"Warm-up: {pb.distance(wu)} easy.",
            f"Main set: {main_text}. It should feel controlled.",
            f"Cool-down: {pb.distance(cd)} easy.",
            _total_line(pb, total, duration),
        ]
    )
    return _session(
        day,
        kind,
        "Race-week sharpener",
        steps,
        {"E": round(total - work, 1), zone: work},
        text,
        reasons,
        intensity="moderate",
        distance_m=total,
    )
