"""The progress report: one self-contained, offline HTML file, printable to PDF from a browser.

No scripts, no external fonts, stylesheets or images: the charts are inline SVG (matplotlib,
:mod:`runcoach.exporters.charts`) and the styles are inline. Print CSS keeps each chart and each
plan week on one page. Everything is shown in the runner's units with locale-free dates.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from runcoach.domain.plan.model import Plan, Session, Week
from runcoach.domain.units import (
    Units,
    format_distance,
    format_duration,
    format_pace,
    race_label,
)
from runcoach.exporters import charts
from runcoach.exporters.progress import PeriodPoint, WeekPoint
from runcoach.exporters.session_text import (
    KIND_LABELS,
    PHASE_LABELS,
    compact_steps,
    describe_exercise,
    format_day,
    format_short_day,
)
from runcoach.exporters.tables import MetricsSeries
from runcoach.exporters.targets import inference_paces


@dataclass(frozen=True, slots=True)
class GoalSummary:
    """The goal and its feasibility, already phrased: a verdict, a range, the assumptions."""

    headline: str
    verdict: str
    range_text: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the report shows; built by the report use case from the store."""

    today: date
    units: Units
    version: str
    athlete: Mapping[str, Any]
    plan: Plan | None
    weeks: Sequence[WeekPoint] = ()
    months: Sequence[PeriodPoint] = ()
    years: Sequence[PeriodPoint] = ()
    metrics: MetricsSeries | None = None
    goal: GoalSummary | None = None
    logged_runs: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


_CSS = """
:root { --ink: #1d2329; --muted: #5b6670; --line: #d9dee3; --soft: #f4f6f8; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial,
       sans-serif; color: var(--ink); margin: 0 auto; max-width: 1000px; padding: 24px;
       line-height: 1.45; font-size: 15px; }
h1 { font-size: 1.8em; margin: 0 0 4px; }
h2 { font-size: 1.3em; margin: 28px 0 8px; border-bottom: 2px solid var(--ink);
     padding-bottom: 3px; }
h3 { font-size: 1.05em; margin: 0 0 4px; }
.sub { color: var(--muted); margin: 0 0 16px; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.box { border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; background: #fff; }
.verdict { display: inline-block; font-weight: 700; padding: 2px 8px; border-radius: 4px;
           background: var(--soft); border: 1px solid var(--line); }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid var(--line);
         vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
figure.chart { margin: 8px 0 4px; }
figure.chart svg { width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 0.88em; margin-top: 2px; }
.week { border: 1px solid var(--line); border-left: 6px solid var(--phase, #888);
        border-radius: 4px; padding: 8px 10px; margin: 10px 0; }
.week .why { color: var(--muted); font-size: 0.88em; margin: 2px 0 6px; }
.week table { table-layout: fixed; }
.week col.day { width: 13%; } .week col.session { width: 23%; }
.week col.dist { width: 10%; } .week col.what { width: 54%; }
.week td:first-child { white-space: nowrap; }
.tag { display: inline-block; font-size: 0.78em; padding: 0 6px; border-radius: 3px;
       background: var(--soft); border: 1px solid var(--line); margin-left: 6px; }
.down { background: #fff3cd; border-color: #e0c36c; }
.warn { border-left: 4px solid #c0392b; background: #fdf1ef; padding: 6px 10px; margin: 6px 0; }
.empty { color: var(--muted); font-style: italic; }
.legend span { display: inline-block; margin-right: 12px; font-size: 0.85em; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px;
            vertical-align: middle; }
footer { margin-top: 32px; color: var(--muted); font-size: 0.82em;
         border-top: 1px solid var(--line); padding-top: 8px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure.chart, .week, .box, tr { break-inside: avoid; page-break-inside: avoid; }
  .grid { grid-template-columns: 1fr 1fr; }
  section.pagebreak { break-before: page; page-break-before: always; }
}
@media (max-width: 700px) { .grid { grid-template-columns: 1fr; } }
"""


def _svg(fig: Any, prefix: str) -> str:
    data = charts.render(fig, "svg", id_prefix=prefix).decode("utf-8")
    start = data.find("<svg")
    return data[start:] if start >= 0 else data


def _figure(fig: Any, prefix: str, caption: str, name: str) -> str:
    return (
        f'<figure class="chart" data-chart="{_e(name)}">{_svg(fig, prefix)}'
        f"<figcaption>{_e(caption)}</figcaption></figure>"
    )


def _runner(data: ReportData) -> str:
    a = data.athlete
    units = data.units
    rows: list[tuple[str, str]] = []
    if a.get("age"):
        rows.append(("Age", str(a["age"])))
    if a.get("sex"):
        rows.append(
            ("Sex", {"F": "female", "M": "male", "X": "non-binary"}.get(a["sex"], a["sex"]))
        )
    if a.get("weekly_volume_m"):
        rows.append(("Weekly volume (last 4 weeks)", format_distance(a["weekly_volume_m"], units)))
    if a.get("longest_run_m"):
        rows.append(("Longest run (last 30 days)", format_distance(a["longest_run_m"], units)))
    if a.get("days_per_week"):
        rows.append(("Running days per week", str(a["days_per_week"])))
    for race in a.get("races") or ():
        when = (
            f" on {format_day(date.fromisoformat(race['date']), weekday=False)}"
            if race.get("date")
            else ""
        )
        rows.append(
            (
                "Race result",
                f"{race_label(race['distance_m'])} in {format_duration(race['time_s'])}{when}",
            )
        )
    if data.plan is not None and data.plan.vdot:
        rows.append(("VDOT (the fitness the plan paces from)", f"{data.plan.vdot:.1f}"))
    rows.append(("Runs logged", str(data.logged_runs)))
    body = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
    return f'<div class="box"><h3>The runner</h3><table>{body}</table></div>'


def _goal(data: ReportData) -> str:
    plan = data.plan
    parts = ['<div class="box"><h3>The goal</h3>']
    if plan is not None and plan.race is not None:
        race = plan.race
        name = race.name or race_label(race.distance_m)
        parts.append(f"<p><strong>{_e(name)}</strong> on {_e(format_day(race.date))}")
        if race.goal_time_s:
            parts.append(f" — goal time <strong>{_e(format_duration(race.goal_time_s))}</strong>")
        weeks_left = (race.date - data.today).days // 7
        if race.date >= data.today:
            parts.append(f" ({weeks_left} weeks from today)")
        parts.append("</p>")
    elif plan is not None:
        parts.append("<p>A base-building plan without a goal race.</p>")
    else:
        parts.append(
            '<p class="empty">No plan yet: create one with <code>runcoach plan new</code>.</p>'
        )
    goal = data.goal
    if goal is not None:
        parts.append(f"<p>{_e(goal.headline)}</p>")
        parts.append(
            f'<p>Verdict: <span class="verdict">{_e(goal.verdict)}</span> · '
            f"likely range: <strong>{_e(goal.range_text)}</strong></p>"
        )
        if goal.details:
            items = "".join(f"<li>{_e(d)}</li>" for d in goal.details)
            parts.append(f'<ul class="why">{items}</ul>')
    parts.append("</div>")
    return "".join(parts)


def _warnings(plan: Plan | None) -> str:
    if plan is None or not plan.warnings:
        return ""
    items = "".join(
        f'<div class="warn"><strong>{_e(w.rule)}</strong>: {_e(w.text)}</div>'
        for w in plan.warnings
    )
    return f"<h3>What the plan cannot promise</h3>{items}"


def _overview_numbers(data: ReportData) -> str:
    plan = data.plan
    if plan is None or not plan.weeks:
        return ""
    units = data.units
    runs = [s for s in plan.sessions if s.is_run]
    peak = max(plan.weeks, key=lambda w: w.distance_m if w.phase != "race" else 0.0)
    longest = max((s for s in runs if s.kind != "race"), key=lambda s: s.distance_m, default=None)
    downs = [w.index for w in plan.weeks if w.is_down_week]
    facts = [
        f"{len(plan.weeks)} weeks from {format_day(plan.start_date, weekday=False)} "
        f"to {format_day(plan.end_date, weekday=False)}",
        f"{format_distance(sum(s.distance_m for s in runs), units, decimals=0)} of running in all",
        f"peak week {peak.index}: {format_distance(peak.distance_m, units)}",
    ]
    if longest is not None:
        facts.append(
            f"longest run {format_distance(longest.distance_m, units)} "
            f"on {format_day(longest.date, weekday=False)}"
        )
    facts.append("down weeks: " + (", ".join(f"week {i}" for i in downs) if downs else "none"))
    return "<p>" + " · ".join(_e(f) for f in facts) + "</p>"


def _phase_legend(plan: Plan) -> str:
    seen: list[str] = []
    for w in plan.weeks:
        if w.phase not in seen:
            seen.append(w.phase)
    spans = "".join(
        f'<span><i style="background:{charts.PHASE_COLORS.get(p, "#888")}"></i>'
        f"{_e(PHASE_LABELS.get(p, p))}</span>"
        for p in seen
    )
    return f'<p class="legend">{spans}</p>'


def _paces(data: ReportData) -> str:
    plan = data.plan
    if plan is None or not plan.paces_s_per_km:
        return (
            '<p class="empty">No training paces: the plan has no race result to base them on.</p>'
        )
    p = plan.paces_s_per_km
    units = data.units
    rows = []
    if "easy_fast" in p and "easy_slow" in p:
        rows.append(
            (
                "Easy (E)",
                f"{format_pace(p['easy_fast'], units)} – {format_pace(p['easy_slow'], units)}",
                "",
                "most running: easy days, long runs, recovery",
            )
        )
    for key, label, use in (
        ("marathon", "Marathon (M)", "marathon-pace runs"),
        ("threshold", "Threshold (T)", "tempo runs and cruise intervals (≈ 1-hour race pace)"),
        ("interval", "Interval (I)", "3–5 min repeats (≈ 3K–5K race pace)"),
        ("repetition", "Repetition (R)", "short fast repeats, full recovery"),
    ):
        if key in p:
            per400 = format_duration(p[key] * 0.4) if key in ("interval", "repetition") else ""
            rows.append((label, format_pace(p[key], units), per400, use))
    body = "".join(
        f"<tr><td>{_e(a)}</td><td class='num'>{_e(b)}</td><td class='num'>{_e(c)}</td>"
        f"<td>{_e(d)}</td></tr>"
        for a, b, c, d in rows
    )
    vdot = f" (VDOT {plan.vdot:.1f})" if plan.vdot else ""
    return (
        f"<table><thead><tr><th>Zone{_e(vdot)}</th><th class='num'>Pace per {units}</th>"
        "<th class='num'>Per 400 m</th><th>Use it for</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
        "<p class='sub'>Source: Daniels' Running Formula, 3rd edition (VDOT, Daniels &amp; "
        "Gilbert 1979).</p>"
    )


def _session_row(
    session: Session, units: Units, paces: Mapping[str, float] | None, *, own_words: bool
) -> str:
    title = session.title or KIND_LABELS.get(session.kind, session.kind)
    distance = format_distance(session.distance_m, units) if session.distance_m > 0 else ""
    # The engine's description is written for the runner (DESIGN.md §10: a session can be done
    # from its description alone) in the plan's units; in other units, or for plans read from
    # elsewhere, the steps are written out instead.
    if session.description and (own_words or not session.steps):
        detail = "<br>".join(_e(line) for line in session.description.strip().splitlines())
        if session.steps and session.kind != "race" and f"/{units}" not in session.description:
            # A description without paces (a purpose line) gets the structure with its paces.
            detail += "<br>" + _e(compact_steps(session.steps, units, paces))
    elif session.steps and session.kind != "race":
        detail = _e(compact_steps(session.steps, units, paces))
    else:
        detail = _e("; ".join(describe_exercise(e) for e in session.exercises))
    tags = "".join(f'<span class="tag">{_e(t.replace("_", " "))}</span>' for t in session.tags)
    return (
        f"<tr><td>{_e(format_day(session.date).rsplit(' ', 1)[0])}</td>"
        f"<td>{_e(title)}{tags}</td><td class='num'>{_e(distance)}</td><td>{detail}</td></tr>"
    )


def _week_block(
    week: Week,
    units: Units,
    actual: WeekPoint | None,
    paces: Mapping[str, float] | None,
    *,
    own_words: bool = False,
) -> str:
    color = charts.PHASE_COLORS.get(week.phase, "#888888")
    head = (
        f"Week {week.index} · {format_short_day(week.start_date)} – "
        f"{format_day(week.end_date, weekday=False)} · {PHASE_LABELS.get(week.phase, week.phase)}"
    )
    badge = '<span class="tag down">down week</span>' if week.is_down_week else ""
    totals = f"{format_distance(week.distance_m, units)} planned"
    if week.long_run_m:
        totals += f", long run {format_distance(week.long_run_m, units)}"
    if actual is not None and actual.actual_m is not None:
        totals += f" · logged {format_distance(actual.actual_m, units)}"
    why = " ".join(f"{r.text} [{r.rule}]" for r in week.reasons)
    rows = "".join(
        _session_row(s, units, paces, own_words=own_words)
        for s in sorted(week.sessions, key=lambda x: x.date)
        if s.kind != "rest"
    )
    rest_days = [s for s in week.sessions if s.kind == "rest"]
    rest = (
        f"<p class='why'>Rest: {_e(', '.join(format_day(s.date).split(' ')[0] for s in rest_days))}"
        " — sleep, easy walking, mobility.</p>"
        if rest_days
        else ""
    )
    return (
        f'<div class="week" style="--phase:{color}"><h3>{_e(head)}{badge}</h3>'
        f"<p class='why'>{_e(totals)}</p>"
        + (f"<p class='why'>Why: {_e(why)}</p>" if why else "")
        + '<table><colgroup><col class="day"><col class="session"><col class="dist">'
        + '<col class="what"></colgroup>'
        + "<thead><tr><th>Day</th><th>Session</th><th class='num'>Distance</th>"
        f"<th>What to do</th></tr></thead><tbody>{rows}</tbody></table>{rest}</div>"
    )


def render_report(data: ReportData) -> str:
    """The report as one HTML document (UTF-8 text)."""
    units = data.units
    name = data.athlete.get("name") or "runner"
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>runcoach progress report — {_e(name)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Progress report — {_e(name)}</h1>",
        f'<p class="sub">{_e(format_day(data.today))} · distances in {units} · '
        f"runcoach {_e(data.version)}</p>",
        '<section><h2>Runner and goal</h2><div class="grid">',
        _runner(data),
        _goal(data),
        "</div>",
        _warnings(data.plan),
        "</section>",
    ]
    plan = data.plan
    if plan is not None and data.weeks:
        out.append("<section><h2>Season overview</h2>")
        out.append(_overview_numbers(data))
        out.append(
            _figure(
                charts.volume_chart(data.weeks, units, data.today),
                "vol-",
                "Bars: planned distance per week, coloured by phase; hatched bars are down weeks. "
                "Dark inner bars: what you logged. Line: the planned long run.",
                "volume",
            )
        )
        out.append(
            _figure(
                charts.longrun_chart(data.weeks, units, data.today),
                "long-",
                "The long run grows in small steps and drops back in down weeks; diamonds are "
                "your longest logged run of each week.",
                "longrun",
            )
        )
        out.append("</section>")
    out.append("<section><h2>Training paces</h2>")
    out.append(_paces(data))
    out.append("</section>")
    out.append("<section><h2>Fitness, fatigue and form</h2>")
    if data.metrics is not None and data.metrics.days and "ctl" in data.metrics.columns:
        out.append(
            _figure(
                charts.fitness_chart(data.metrics),
                "fit-",
                "Fitness (CTL) is the 42-day average of daily training load, fatigue (ATL) the "
                "7-day average; form (TSB) is yesterday's fitness minus yesterday's fatigue "
                "(TrainingPeaks' Performance Management Chart).",
                "fitness",
            )
        )
    else:
        out.append(
            '<p class="empty">No logged training yet: import your activities '
            "(<code>runcoach log import</code>) to see fitness and fatigue.</p>"
        )
    out.append("</section>")
    out.append("<section><h2>Progression month to month and year to year</h2>")
    if data.months or data.years:
        out.append(
            _figure(
                charts.progression_chart(data.months, data.years, units),
                "prog-",
                "Left: distance per month, planned (light) and logged (dark). Right: average "
                "distance per week in each year and the year's longest run — each season should "
                "start a little higher than the last.",
                "progression",
            )
        )
    else:
        out.append('<p class="empty">Nothing to compare yet: no plan and no logged runs.</p>')
    out.append("</section>")
    if plan is not None and plan.weeks:
        out.append('<section class="pagebreak"><h2>Week by week</h2>')
        out.append(_phase_legend(plan))
        by_index = {w.index: w for w in data.weeks}
        paces = inference_paces(plan)
        own_words = plan.athlete.get("units", "km") == units
        for week in plan.weeks:
            out.append(
                _week_block(week, units, by_index.get(week.index), paces, own_words=own_words)
            )
        out.append("</section>")
    notes = "".join(f"<p>{_e(n)}</p>" for n in data.notes)
    out.append(
        "<footer>"
        f"{notes}"
        "<p>Every number in this report comes from your plan and your log. Goals are given as "
        "ranges with their assumptions, never as promises. Pain that changes how you run, or "
        "that is worse the next morning, is a reason to stop and see a professional.</p>"
        "<p>Sources: Daniels' Running Formula (3rd ed.) for paces; TrainingPeaks' Performance "
        "Management Chart for CTL/ATL/TSB; the rules behind each week are named in brackets.</p>"
        "</footer></body></html>"
    )
    return "\n".join(out)
