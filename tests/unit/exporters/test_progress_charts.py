"""Progression numbers and the charts drawn from them (units on axes, deterministic output)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from runcoach.errors import OperationError
from runcoach.exporters import charts
from runcoach.exporters.progress import monthly_points, run_days, weekly_points, yearly_points
from runcoach.exporters.tables import MetricsSeries
from tests.unit.exporters.log_fixture import TODAY, build_log
from tests.unit.exporters.sample_plan import build_sample_plan


def svg_texts(svg: bytes) -> list[str]:
    """The text of every label: matplotlib writes each text as a comment before its glyphs."""
    return [t.strip() for t in re.findall(r"<!-- (.*?) -->", svg.decode("utf-8"), re.S)]


def test_weekly_points_sum_the_logged_runs_of_each_plan_week() -> None:
    plan = build_sample_plan()
    log = build_log()
    runs = run_days(log)
    weeks = weekly_points(plan, runs, TODAY)
    assert [w.index for w in weeks] == list(range(1, 9))
    for w in weeks:
        end = plan.weeks[w.index - 1].end_date
        inside = [m for d, m in runs if w.start <= d <= end]
        if w.start <= TODAY:
            assert w.actual_m == pytest.approx(sum(inside))
            assert w.actual_long_m == pytest.approx(max(inside, default=0.0))
        else:
            assert w.actual_m is None and w.actual_long_m is None
        assert w.planned_m == plan.weeks[w.index - 1].distance_m
    assert [w.is_down_week for w in weeks].count(True) == 1
    assert weeks[-1].has_race and not weeks[0].has_race


def test_monthly_and_yearly_points() -> None:
    plan = build_sample_plan()
    runs = run_days(build_log())
    months = monthly_points(plan, runs, TODAY)
    assert months[0].label == "Jun 2025" and months[-1].label == "Apr 2027"
    assert sum(m.actual_m for m in months) == pytest.approx(sum(m for _, m in runs))
    march = next(m for m in months if m.label == "Mar 2027")
    assert march.planned_m == pytest.approx(
        sum(s.distance_m for s in plan.sessions if s.is_run and s.date.month == 3)
    )
    years = yearly_points(plan, runs, TODAY)
    assert [y.label for y in years] == ["2025", "2026", "2027"]
    y2026 = years[1]
    assert y2026.weeks == pytest.approx(365 / 7)
    assert y2026.actual_per_week_m == pytest.approx(y2026.actual_m / (365 / 7))
    # the plan's weeks in 2027: 8 weeks, so the planned average is per plan week
    assert years[2].planned_weeks == pytest.approx(8)
    # year-to-year progression in this log
    assert years[0].actual_per_week_m < years[1].actual_per_week_m


@pytest.mark.parametrize("units", ["km", "mi"])
def test_charts_have_unit_labels_and_legends(units: str) -> None:
    plan = build_sample_plan()
    runs = run_days(build_log())
    weeks = weekly_points(plan, runs, TODAY)
    volume = charts.render(charts.volume_chart(weeks, units, TODAY), "svg")  # type: ignore[arg-type]
    texts = svg_texts(volume)
    assert f"Distance per week ({units})" in texts
    assert "down week" in texts and "actual (logged)" in texts and "long run (planned)" in texts
    assert "build (planned)" in texts and "W1" in texts and "1 Mar 2027" in texts
    assert "this week so far" in texts  # today (31 Mar) falls inside week 5
    longrun = svg_texts(charts.render(charts.longrun_chart(weeks, units, TODAY), "svg"))  # type: ignore[arg-type]
    assert f"Longest run of the week ({units})" in longrun
    prog = svg_texts(
        charts.render(
            charts.progression_chart(
                monthly_points(plan, runs, TODAY),
                yearly_points(plan, runs, TODAY),
                units,  # type: ignore[arg-type]
            ),
            "svg",
        )
    )
    assert f"Distance per month ({units})" in prog and f"Average per week ({units})" in prog
    assert prog[:2] == ["Jun", "2025"]  # locale-free month labels


def test_fitness_chart_and_its_error_without_data() -> None:
    days = [date(2027, 3, 1 + i) for i in range(20)]
    series = MetricsSeries(
        days,
        {
            "ctl": [i * 1.0 for i in range(20)],
            "atl": [5.0] * 20,
            "tsb": [i - 10.0 for i in range(20)],
        },
    )
    texts = svg_texts(charts.render(charts.fitness_chart(series), "svg"))
    assert "Fitness (CTL, 42-day)" in texts and "Form (TSB)" in texts
    assert "Date (1 Mar 2027 to 20 Mar 2027)" in texts
    with pytest.raises(OperationError, match="logged training"):
        charts.fitness_chart(MetricsSeries([], {}))


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_output_is_deterministic(fmt: str) -> None:
    plan = build_sample_plan()
    weeks = weekly_points(plan, run_days(build_log()), TODAY)
    first = charts.render(charts.volume_chart(weeks, "km", TODAY), fmt)  # type: ignore[arg-type]
    second = charts.render(charts.volume_chart(weeks, "km", TODAY), fmt)  # type: ignore[arg-type]
    assert first == second
    if fmt == "png":
        assert first.startswith(b"\x89PNG")
    else:
        assert b"<svg" in first and b"Date" not in first.split(b"<svg", 1)[0]


def test_svg_ids_are_prefixed_for_sharing_a_page() -> None:
    weeks = weekly_points(build_sample_plan(), [], TODAY)
    svg = charts.render(charts.volume_chart(weeks, "km", TODAY), "svg", id_prefix="vol-").decode()
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert ids and all(i.startswith("vol-") for i in ids)
    refs = re.findall(r'href="#([^"]+)"', svg) + re.findall(r"url\(#([^)]+)\)", svg)
    assert refs and all(r.startswith("vol-") for r in refs)


def test_without_a_log_nothing_counts_as_logged() -> None:
    weeks = weekly_points(build_sample_plan(), [], TODAY)
    assert all(w.actual_m is None and w.actual_long_m is None for w in weeks)
    texts = svg_texts(charts.render(charts.volume_chart(weeks, "km", TODAY), "svg"))
    assert "actual (logged)" not in texts and "this week so far" not in texts
