"""Corpus check: predict_time on the shared Vickers & Vertosick survey (skips when ../shared is absent).

A regression guard for the shipped constants: on the runners linked between the survey's 5K/10K
and marathon files, about 8 in 10 marathons fall inside the stated 80 % range and the error is
well below Riegel's. The full, cross-validated figures are in docs/prediction-report.md.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from pathlib import Path

import pytest

from runcoach.domain.prediction import predict_time, riegel
from runcoach.domain.units import MARATHON_M

VV = (
    Path(__file__).resolve().parents[3]
    / ".."
    / "shared"
    / "data"
    / "races"
    / "vickers_vertosick_2016"
)
MILE_M = 1609.344


def _rows() -> list[tuple[float, float, float, float]]:
    """(race_m, race_s, marathon_s, peak_week_m) for runners linked on (age, sex, BMI)."""
    if not (VV / "marathon.csv").exists():
        reason = f"the shared race data {VV} is absent"
        print(f"skipping: {reason}")
        pytest.skip(reason)
    with (VV / "marathon.csv").open(newline="") as fh:
        marathons = list(csv.DictReader(fh))
    with (VV / "marathon_small.csv").open(newline="") as fh:
        shorts = list(csv.DictReader(fh))

    def key(age: str, bmi: str, sex: str) -> str:
        return f"{round(float(age))}|{float(bmi):.5f}|{sex}"

    mkeys = [key(m["age"], m["bmi"], "female" if m["female"] == "1" else "male") for m in marathons]
    skeys = [key(s["age"], s["bmi"], s["sex"]) for s in shorts]
    mcount, scount = Counter(mkeys), Counter(skeys)
    by_key = {k: s for k, s in zip(skeys, shorts, strict=True) if scount[k] == 1}
    rows = []
    for k, m in zip(mkeys, marathons, strict=True):
        if mcount[k] != 1 or k not in by_key:
            continue
        for column, metres in (("km5_time_seconds", 5000.0), ("km10_time_seconds", 10000.0)):
            if by_key[k][column] != "NA":
                rows.append(
                    (metres, float(by_key[k][column]), float(m["mf_ti"]), float(m["max"]) * MILE_M)
                )
    return rows


@pytest.mark.corpus
def test_marathon_ranges_hold_about_8_in_10() -> None:
    rows = _rows()
    inside, errors, riegel_errors = 0, [], []
    for race_m, race_s, marathon_s, weekly_m in rows:
        try:
            p = predict_time([(race_m, race_s)], MARATHON_M, weekly_m)
        except ValueError:
            continue  # a race the model rejects (VDOT outside 15–95)
        inside += p.low_seconds <= marathon_s <= p.high_seconds
        errors.append(abs(math.log(marathon_s / p.seconds)))
        riegel_errors.append(abs(math.log(marathon_s / riegel(race_s, race_m, MARATHON_M))))
    assert len(errors) > 250
    assert 0.74 <= inside / len(errors) <= 0.86
    assert sum(errors) / len(errors) < 0.8 * sum(riegel_errors) / len(riegel_errors)
