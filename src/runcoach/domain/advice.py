""" "Increase, hold, or down week?" for the runner's current state, with the numbers behind it.

Works from the log alone (no plan needed): the last weeks' distance and runs, the longest run of
the last 30 days, pain (the pain-monitoring model), effort (session RPE), load (session-RPE load
and Foster's monotony) and single-run spikes. Weeks are the 7-day windows ending on ``today``.
Units: metres, seconds.

Sources: Daniels — stay at a volume for ≥ 3 weeks, then add ≤ 1 mile (1.6 km) per running day
(COACHING.md §1.5); down week every 4th week (3rd for masters and injury-prone runners), 15–35 %
lighter, or one run dropped at ≤ 4 days and ≤ 40 km (DESIGN.md §5 DOWN-CADENCE, COACHING.md §6.4);
pain-monitoring model (§7.2); monotony > 2 (§5.3); spikes (§5.1); couch-to-5K steps (§7.3).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from runcoach.domain.activity import Activity
from runcoach.domain.athlete import AthleteProfile
from runcoach.domain.plan import adaptation_rules as rules
from runcoach.domain.plan.compliance import activity_date
from runcoach.domain.plan.signals import PainEpisode, PainReport, pain_reports, read_pain
from runcoach.domain.plan.strain import monotony_last_week, recent_spike
from runcoach.domain.units import Units, format_distance

Verdict = Literal["increase", "hold", "down"]

#: Weeks shown and read.
WEEKS_READ = 6
#: A week within this share of the latest week is "at the same level" (Daniels' hold).
SAME_LEVEL = 0.10
#: Weeks at one level before an increase (Daniels, COACHING.md §1.5).
HOLD_WEEKS = 3
#: Daniels' step: at most 1 mile per running day per week, and at most 10 miles.
STEP_PER_DAY_M = 1609.344
STEP_MAX_M = 16093.44
#: The conservative cap on a weekly step for everyone (the "10 % rule" as a default, §5.1).
STEP_MAX_SHARE = 0.10
#: A week at least this much below the highest of the 3 before is a lighter (down) week.
DOWN_DROP = 0.15
#: Slower than this average pace (s/km) reads as run/walking (≈ 12 min/mile).
RUN_WALK_PACE_S_PER_KM = 450.0
#: RPE at or above this on a session is a hard effort (CR-10: 7 = very hard).
HARD_RPE = 7.0


@dataclass(frozen=True, slots=True)
class WeekLoad:
    """One 7-day window: ``first_day``..``last_day``, run distance (metres), runs, time (s),
    session-RPE load (None when a session has no RPE)."""

    first_day: date
    last_day: date
    distance_m: float
    runs: int
    time_s: float
    srpe_load: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "first_day": self.first_day.isoformat(),
            "last_day": self.last_day.isoformat(),
            "distance_m": round(self.distance_m, 1),
            "runs": self.runs,
            "time_s": round(self.time_s, 1),
            "srpe_load": None if self.srpe_load is None else round(self.srpe_load, 1),
        }


@dataclass(frozen=True, slots=True)
class Advice:
    """The answer: a verdict, a sentence why, the next concrete step, and the numbers."""

    today: date
    verdict: Verdict
    headline: str
    next_step: str
    weeks: tuple[WeekLoad, ...]
    longest_run_30d_m: float
    weeks_at_level: int
    weeks_since_down: int
    pain: PainEpisode | None
    mean_rpe_14d: float | None
    hard_sessions_14d: int
    monotony: float | None
    spike_m: float | None
    run_walk: bool
    reasons: tuple[tuple[str, str], ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON form (SI units, ISO dates)."""
        pain = None
        if self.pain is not None:
            pain = {
                "level": self.pain.level,
                "peak": self.pain.peak,
                "latest": self.pain.latest.pain,
                "location": self.pain.location,
                "worse_next_morning": None
                if self.pain.worse_next_morning is None
                else self.pain.worse_next_morning.isoformat(),
            }
        return {
            "today": self.today.isoformat(),
            "verdict": self.verdict,
            "headline": self.headline,
            "next_step": self.next_step,
            "weeks": [w.to_dict() for w in self.weeks],
            "longest_run_30d_m": round(self.longest_run_30d_m, 1),
            "weeks_at_level": self.weeks_at_level,
            "weeks_since_down": self.weeks_since_down,
            "pain": pain,
            "effort": {
                "mean_rpe_14d": None if self.mean_rpe_14d is None else round(self.mean_rpe_14d, 2),
                "hard_sessions_14d": self.hard_sessions_14d,
            },
            "load": {
                "monotony_7d": None
                if self.monotony is None
                else (None if self.monotony == float("inf") else round(self.monotony, 2)),
                "monotony_maximal": self.monotony == float("inf"),
                "spike_run_m": None if self.spike_m is None else round(self.spike_m, 1),
            },
            "run_walk": self.run_walk,
            "reasons": [{"rule": r, "text": t} for r, t in self.reasons],
        }


def weekly_loads(
    activities: Sequence[Activity], today: date, weeks: int = WEEKS_READ
) -> tuple[WeekLoad, ...]:
    """Run distance, runs, time and session-RPE load in the ``weeks`` 7-day windows ending on
    ``today``, oldest first. Source: session-RPE load — Foster et al. 2001 (COACHING.md §5.3)."""
    out = []
    for k in range(weeks - 1, -1, -1):
        last = today - timedelta(days=7 * k)
        first = last - timedelta(days=6)
        acts = [a for a in activities if first <= activity_date(a) <= last]
        runs = [a for a in acts if a.is_run]
        loads = [a.rpe * a.duration_s / 60 for a in acts if a.rpe is not None]
        srpe = sum(loads) if acts and len(loads) == len(acts) else None
        out.append(
            WeekLoad(
                first_day=first,
                last_day=last,
                distance_m=sum(a.distance_m or 0.0 for a in runs),
                runs=len(runs),
                time_s=sum(a.duration_s for a in runs),
                srpe_load=srpe,
            )
        )
    return tuple(out)


def _weeks_at_level(weeks: Sequence[WeekLoad]) -> int:
    latest = weeks[-1].distance_m
    if latest <= 0:
        return 0
    count = 0
    for w in reversed(weeks):
        if w.distance_m > 0 and abs(w.distance_m - latest) <= SAME_LEVEL * latest:
            count += 1
        else:
            break
    return count


def _weeks_since_down(weeks: Sequence[WeekLoad]) -> int:
    """Consecutive weeks (latest first) that were not at least 15 % below the highest of the
    three weeks before them; weeks with no history before count as building."""
    count = 0
    for i in range(len(weeks) - 1, -1, -1):
        before = [w.distance_m for w in weeks[max(0, i - 3) : i]]
        if before and weeks[i].distance_m <= (1 - DOWN_DROP) * max(before):
            break
        if weeks[i].distance_m <= 0:
            break
        count += 1
    return count


def advise(
    activities: Sequence[Activity],
    today: date,
    profile: AthleteProfile | None = None,
    *,
    tired: bool = False,
    pain_today: PainReport | None = None,
    units: Units = "km",
) -> Advice:
    """Increase, hold, or down week — for the state the log shows on ``today``.

    Down: pain above 5/10 or worse the next morning, "too tired", monotony > 2, a single-run
    spike, most sessions very hard, or 4 weeks in a row without a lighter one while the volume
    rose (3 for masters and injury-prone runners). Hold: fewer than 3 weeks at this level, pain 4–5/10, or too little
    log to judge. Increase: otherwise, by the smaller of 1 mile per running day and 10 %.

    Source: see the module docstring (Daniels §1.5, DOWN-CADENCE, pain model §7.2, §5.1, §5.3).
    """
    weeks = weekly_loads(activities, today)
    latest = weeks[-1]
    recent_runs = [
        a
        for a in activities
        if a.is_run and today - timedelta(days=13) <= activity_date(a) <= today
    ]
    longest = max(
        (
            a.distance_m or 0.0
            for a in activities
            if a.is_run and today - timedelta(days=29) <= activity_date(a) <= today
        ),
        default=0.0,
    )
    rpes = [a.rpe for a in recent_runs if a.rpe is not None]
    mean_rpe = sum(rpes) / len(rpes) if rpes else None
    hard = sum(1 for r in rpes if r >= HARD_RPE)
    extra = () if pain_today is None else (pain_today,)
    episodes = read_pain(pain_reports(activities, extra), today)
    pain = episodes[0] if episodes else None
    mono = monotony_last_week(activities, today + timedelta(days=1))
    spike = recent_spike(activities, today)
    at_level = _weeks_at_level(weeks)
    since_down = _weeks_since_down(weeks)
    cadence = 3 if profile is not None and (profile.is_masters or profile.injury_prone) else 4
    distance = sum(a.distance_m or 0.0 for a in recent_runs)
    time = sum(a.duration_s for a in recent_runs)
    pace = time / (distance / 1000) if distance > 0 else None
    run_walk = (profile is not None and profile.beginner) or (
        pace is not None and pace > RUN_WALK_PACE_S_PER_KM
    )
    runs_per_week = latest.runs
    reasons: list[tuple[str, str]] = []

    def say(rule: str, text: str) -> None:
        reasons.append((rule, text))

    verdict: Verdict
    logged_weeks = sum(1 for w in weeks if w.runs > 0)
    down_signs: list[str] = []
    if pain is not None and pain.level in ("reduce", "professional"):
        where = f" in the {pain.location}" if pain.location else ""
        worse = (
            f", worse the next morning ({pain.worse_next_morning.isoformat()})"
            if pain.worse_next_morning is not None
            else ""
        )
        down_signs.append(f"pain{where} of {pain.peak:g}/10{worse}")
    if tired:
        down_signs.append("you feel too tired")
    if mono is not None and mono > 2.0:
        down_signs.append(
            "every day's load was the same last week (monotony maximal)"
            if mono == float("inf")
            else f"training monotony {mono:.1f} last week (above 2.0)"
        )
    if spike is not None:
        run, ref = spike
        down_signs.append(
            f"a {format_distance(run.distance_m or 0.0, units)} run was over 10 % longer than your "
            f"longest of the 30 days before ({format_distance(ref, units)})"
        )
    if len(rpes) >= 3 and hard * 2 > len(rpes):
        down_signs.append(f"{hard} of your last {len(rpes)} runs felt very hard (RPE ≥ 7)")
    streak = weeks[len(weeks) - since_down :] if since_down else ()
    building = bool(streak) and streak[-1].distance_m >= (1 + SAME_LEVEL) * streak[0].distance_m
    if since_down >= cadence and building and not down_signs:
        down_signs.append(
            f"{since_down} weeks of building without a lighter week (after {cadence} the next "
            f"one is lighter{' for masters and injury-prone runners' if cadence == 3 else ''})"
        )

    drop_one_run = runs_per_week <= 4 and latest.distance_m <= 40_000
    if logged_weeks == 0:
        verdict = "hold"
        headline = (
            "There is nothing in your log for the last weeks, so there is nothing to judge yet."
        )
        next_step = (
            "Log each run (`runcoach log add --distance ... --time ... --rpe N --pain N`) or "
            "import your watch files, then ask again after a week or two."
        )
        say(rules.ADVICE_HOLD, headline)
    elif down_signs:
        verdict = "down"
        headline = f"Take a down week: {'; '.join(down_signs)}."
        if pain is not None and pain.level in ("reduce", "professional"):
            next_step = (
                "Stop (or shorten) the running that provokes the pain for 2–3 days and cross-train "
                "if that is pain-free; then return with walk/run, keeping pain at 3/10 or less and "
                "settled by the next morning. Not two months of rest."
            )
            if pain.level == "professional":
                next_step += (
                    " Pain this high or this persistent needs a physiotherapist or sports doctor."
                )
                say(rules.ADAPT_PAIN_PROFESSIONAL, next_step)
            say(rules.ADAPT_PAIN_REDUCE, headline)
        elif drop_one_run:
            next_step = (
                f"Drop one of your {runs_per_week} runs this week (not the longest) — about "
                f"{format_distance(latest.distance_m / max(runs_per_week, 1), units)} less — and use the "
                "time to sleep; then pick up where you were."
            )
            say(rules.ADVICE_DOWN, headline)
        else:
            target = latest.distance_m * 0.75
            next_step = (
                f"Run about 25 % less this week (around {format_distance(target, units)}), all easy, with "
                "the long run shortened too; then pick up where you were."
            )
            say(rules.ADVICE_DOWN, headline)
    elif (
        logged_weeks < 2
        or at_level < HOLD_WEEKS
        or (pain is not None and pain.level == "acceptable")
    ):
        verdict = "hold"
        if pain is not None and pain.level == "acceptable":
            headline = (
                f"Hold: pain of {pain.peak:g}/10{' in the ' + pain.location if pain.location else ''} "
                "is acceptable only while it settles by the next morning; increase once it stays at "
                "3/10 or less."
            )
        elif logged_weeks < 2:
            headline = "Hold: one week of log is too little to judge; keep this level another week."
        else:
            headline = (
                f"Hold: you have been at about {format_distance(latest.distance_m, units)} a week for "
                f"{at_level} week(s); stay at a level for {HOLD_WEEKS} weeks before the next step."
            )
        next_step = (
            f"Keep {runs_per_week} runs a week at this distance"
            f"{' and the same run/walk intervals' if run_walk else ''}; log effort and pain after each."
        )
        say(rules.ADVICE_HOLD, headline)
    else:
        verdict = "increase"
        step = min(
            STEP_PER_DAY_M * max(runs_per_week, 1), STEP_MAX_M, STEP_MAX_SHARE * latest.distance_m
        )
        headline = (
            f"Increase: {at_level} steady weeks at about "
            f"{format_distance(latest.distance_m, units)} a week, pain in the safe band and effort "
            "under control."
        )
        if run_walk:
            next_step = (
                "Make each run segment about a minute longer (for example 2 min run / 1 min walk → "
                "3 min run / 1 min walk) at the same total time, or add 5 minutes to one session; "
                "keep a rest day between run/walk days."
            )
        else:
            next_step = (
                f"Add about {format_distance(step, units)} next week (to "
                f"{format_distance(latest.distance_m + step, units)}), spread over your runs — at most "
                "1 mile per running day — and hold that for 3 weeks."
            )
        say(rules.ADVICE_INCREASE, headline)
    if pain is not None and pain.level == "fine":
        say(rules.ADAPT_PAIN_SAFE, f"Pain up to {pain.peak:g}/10 is in the safe band (≤ 3/10).")
    return Advice(
        today=today,
        verdict=verdict,
        headline=headline,
        next_step=next_step,
        weeks=weeks,
        longest_run_30d_m=longest,
        weeks_at_level=at_level,
        weeks_since_down=since_down,
        pain=pain,
        mean_rpe_14d=mean_rpe,
        hard_sessions_14d=hard,
        monotony=mono,
        spike_m=None if spike is None else spike[0].distance_m,
        run_walk=run_walk,
        reasons=tuple(reasons),
    )
