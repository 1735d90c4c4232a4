"""Run/walk: the couch-to-5K progression to 30 minutes of continuous running (RUN-WALK-C25K).

Nine stages after NHS Couch to 5K (3 sessions a week, a rest day between, every session after a
brisk 5-minute walk). A stage is a list of (run seconds, walk seconds) segments; the session's
planned distance counts the run/walk block (running and walking), not the warm-up walk. When the
runner's weekly volume allows less (or more) than the stage's nominal time, the block is cut (or
repeated) to fit: the running bits keep their length, so the progression stays the same.

Source: NHS Couch to 5K week by week (COACHING.md §7.3): week 1 60 s run / 90 s walk for 20 min …
week 9 30 min continuous. Units: seconds, metres.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from runcoach.domain.plan.model import Reason, Session, Step
from runcoach.domain.plan.workouts import WALK_S_PER_KM, PaceBook

Segment = tuple[int, int]  # (run seconds, walk seconds)


def _alternate(run_s: int, walk_s: int, total_s: int) -> tuple[Segment, ...]:
    reps = total_s // (run_s + walk_s)
    return ((run_s, walk_s),) * reps


#: The nine stages (the middle session of weeks 5 and 6, the most representative).
STAGES: tuple[tuple[Segment, ...], ...] = (
    _alternate(60, 90, 20 * 60),
    _alternate(90, 120, 21 * 60),
    ((90, 90), (180, 180), (90, 90), (180, 0)),
    ((180, 90), (300, 150), (180, 90), (300, 0)),
    ((480, 300), (480, 0)),
    ((600, 180), (600, 0)),
    ((25 * 60, 0),),
    ((28 * 60, 0),),
    ((30 * 60, 0),),
)
WARM_UP_WALK_S = 300
#: The longest run/walk block (seconds) when a runner's volume asks for more than the stage.
MAX_SESSION_S = 45 * 60


@dataclass(frozen=True, slots=True)
class RunWalkBlock:
    """One session's run/walk block: the segments, running and walking seconds, and metres."""

    segments: tuple[Segment, ...]
    run_s: float
    walk_s: float
    distance_m: float

    @property
    def total_s(self) -> float:
        return self.run_s + self.walk_s


def stage_block(stage: int, pb: PaceBook, budget_m: float | None = None) -> RunWalkBlock:
    """The block of ``stage`` (1–9), cut or repeated to fit ``budget_m`` metres when given.

    Running at the slow end of easy pace, walking at 10 min/km (a brisk walk).
    """
    segs = list(STAGES[max(1, min(stage, len(STAGES))) - 1])
    run_pace = pb.paces.easy_slow

    def metres(seq: Sequence[Segment]) -> float:
        return sum(r / run_pace * 1000 + w / WALK_S_PER_KM * 1000 for r, w in seq)

    if budget_m is not None:
        nominal = metres(segs)
        if budget_m < nominal:
            # Keep whole segments while they fit, then a shortened one to fill the budget.
            kept: list[Segment] = []
            for seg in segs:
                if metres([*kept, seg]) <= budget_m:
                    kept.append(seg)
                    continue
                left = budget_m - metres(kept)
                r, w = seg
                scale = left / metres([seg])
                if r * scale >= 30:
                    kept.append((int(r * scale), int(w * scale)))
                break
            if not kept:
                r, w = segs[0]
                scale = max(budget_m / metres([segs[0]]), 0.0)
                kept = [(max(30, int(r * scale)), int(w * scale))]
            segs = kept
        else:
            # Repeat the pattern (up to 45 minutes) when the volume is already higher, the last
            # segment shortened to fit.
            base = list(segs)
            k = len(segs)
            while sum(r + w for r, w in segs) < MAX_SESSION_S:
                seg = base[k % len(base)]
                k += 1
                if metres([*segs, seg]) <= budget_m:
                    segs.append(seg)
                    continue
                left = budget_m - metres(segs)
                r, w = seg
                scale = left / metres([seg])
                if r * scale >= 30:
                    segs.append((int(r * scale), int(w * scale)))
                break
    run_s = float(sum(r for r, _ in segs))
    walk_s = float(sum(w for _, w in segs))
    return RunWalkBlock(tuple(segs), run_s, walk_s, metres(segs))


def _describe_segments(segs: Sequence[Segment]) -> str:
    def t(s: int) -> str:
        return f"{s // 60} min" if s % 60 == 0 else (f"{s} s" if s < 60 else f"{s / 60:.1f} min")

    if len(set(segs)) == 1 and len(segs) > 1:
        r, w = segs[0]
        return f"alternate {t(r)} running and {t(w)} walking, {len(segs)} times"
    parts = []
    for r, w in segs:
        parts.append(f"run {t(r)}" + (f", walk {t(w)}" if w else ""))
    return "; ".join(parts)


def run_walk_session(
    day: date, stage: int, pb: PaceBook, reasons: Sequence[Reason], *, budget_m: float | None = None
) -> Session:
    """A run/walk session of ``stage`` (see :data:`STAGES`), fitted to ``budget_m`` metres."""
    block = stage_block(stage, pb, budget_m)
    steps: list[Step] = [
        Step("warmup", duration_s=WARM_UP_WALK_S, description="brisk walk"),
    ]
    for r, w in block.segments:
        steps.append(
            Step(
                "work",
                duration_s=r,
                distance_m=r / pb.paces.easy_slow * 1000,
                target=pb.target("E"),
                zone="E",
                description="run easy",
            )
        )
        if w:
            steps.append(
                Step(
                    "recovery",
                    duration_s=w,
                    distance_m=w / WALK_S_PER_KM * 1000,
                    description="walk briskly",
                )
            )
    steps.append(Step("cooldown", duration_s=WARM_UP_WALK_S, description="easy walk"))
    continuous = len(block.segments) == 1 and block.segments[0][1] == 0
    title = "Continuous run" if continuous else "Run/walk"
    lines = [
        "Run/walk: your body adapts to running a little more each week; the walks are part of the plan.",
        f"Walk briskly for 5 min, then {_describe_segments(block.segments)}. "
        f"Run at an easy, conversational effort"
        + ("" if pb.by_effort else f" (about {pb.text('E')})")
        + ", walk briskly. Finish with a 5-minute easy walk.",
        f"Running: {round(block.run_s / 60)} min of {round(block.total_s / 60)} min; about "
        f"{pb.distance(block.distance_m)} without the walks before and after (total about "
        f"{round(block.total_s / 60) + 10} min).",
        "If a stage felt too hard, repeat it next session: moving on is never urgent.",
    ]
    return Session(
        date=day,
        kind="run_walk",
        distance_m=round(block.distance_m, 1),
        duration_s=round(block.total_s + 2 * WARM_UP_WALK_S),
        intensity="easy",
        distance_by_zone_m={"E": round(block.distance_m, 1)},
        tags=("run_walk",),
        steps=tuple(steps),
        description="\n".join(lines),
        reasons=tuple(reasons),
        title=title,
    )


def stage_running_minutes(stage: int) -> int:
    """Minutes of running in the nominal session of ``stage``."""
    return round(sum(r for r, _ in STAGES[max(1, min(stage, len(STAGES))) - 1]) / 60)
