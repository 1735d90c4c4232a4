"""The HTML report: self-contained, in the runner's units, with every section and chart."""

from __future__ import annotations

import re
from datetime import date, timedelta

from runcoach.exporters.progress import monthly_points, run_days, weekly_points, yearly_points
from runcoach.exporters.report import GoalSummary, ReportData, render_report
from runcoach.exporters.tables import MetricsSeries
from tests.unit.exporters.log_fixture import TODAY, build_log
from tests.unit.exporters.sample_plan import build_sample_plan


def sample_data(units: str = "km") -> ReportData:
    plan = build_sample_plan()
    runs = run_days(build_log())
    days = [TODAY - timedelta(days=n) for n in range(60, -1, -1)]
    metrics = MetricsSeries(
        days, {"ctl": [30.0 + i / 10 for i in range(61)], "atl": [33.0] * 61, "tsb": [-3.0] * 61}
    )
    return ReportData(
        today=TODAY,
        units=units,  # type: ignore[arg-type]
        version="9.9.9",
        athlete={"name": "Kris <K>", "age": 38, "sex": "F", "weekly_volume_m": 35000.0},
        plan=plan,
        weeks=weekly_points(plan, runs, TODAY),
        months=monthly_points(plan, runs, TODAY),
        years=yearly_points(plan, runs, TODAY),
        metrics=metrics,
        goal=GoalSummary("Goal 1:45:00.", "realistic", "1:43:00 – 1:50:00 today (80 % range)"),
        logged_runs=len(runs),
    )


def test_report_is_self_contained_with_all_sections() -> None:
    html = render_report(sample_data())
    assert html.startswith("<!DOCTYPE html>")
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)
    assert "url(http" not in html
    for name in ("volume", "longrun", "fitness", "progression"):
        assert html.count(f'data-chart="{name}"') == 1
    assert html.count("<svg") == 4
    for heading in (
        "Runner and goal",
        "Season overview",
        "Training paces",
        "Fitness, fatigue and form",
        "Progression month to month and year to year",
        "Week by week",
    ):
        assert f"<h2>{heading}</h2>" in html
    assert "Progress report — Kris &lt;K&gt;" in html  # escaped
    assert "Wed 31 Mar 2027" in html and "distances in km" in html
    assert html.count('class="week"') == 8 and "down week" in html
    assert "realistic" in html and "1:43:00 – 1:50:00" in html
    assert (
        "2 km warm-up 5:13–5:44/km · 4 × (1000 m @ 3:56–4:02/km, 2 min jog) · "
        "2 km cool-down 5:13–5:44/km"
    ) in html
    assert "@media print" in html and "break-inside: avoid" in html


def test_report_in_miles() -> None:
    html = render_report(sample_data("mi"))
    assert "distances in mi" in html and "Pace per mi" in html
    assert "6:20–6:29/mi" in html and "/km" not in html


def test_report_without_plan_or_log_says_what_to_do() -> None:
    html = render_report(
        ReportData(today=date(2027, 1, 1), units="km", version="1", athlete={}, plan=None)
    )
    assert "runcoach plan new" in html and "runcoach log import" in html
    assert "<svg" not in html and "Progress report — runner" in html
