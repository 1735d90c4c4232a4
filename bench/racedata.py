"""Loaders for the shared race data used to fit and evaluate the race-time predictors.

The data live outside the repository, in ``../shared/data/races`` relative to the repository root
(see ``../shared/data/PROVENANCE.md``). Only benchmarks and corpus tests read them; nothing here
is shipped with the package.

- Vickers & Vertosick 2016 (CC BY 2.5 CA, via UBC-DSCI/dsci-100-student):
  ``marathon.csv`` (marathon time, peak weekly miles ``max``, age, sex, BMI) and
  ``marathon_small.csv`` (recent 5K and/or 10K time, age, sex, BMI). The two files are subsets of
  the same survey; :func:`vickers_joined` links them on (age, sex, BMI to 5 decimals), which is
  unique for almost every runner.
- Prague Marathon 2017 (licence not stated; read here only): ``km4week`` (mean weekly km over the
  last 4 weeks), ``sp4week`` (mean training speed, km/h), ``MarathonTime`` (decimal hours).
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED_RACES = REPO.parent / "shared" / "data" / "races"
VV_DIR = SHARED_RACES / "vickers_vertosick_2016"
PRAGUE_CSV = SHARED_RACES / "prague_marathon_2017" / "MarathonData.csv"
MILE_M = 1609.344
MARATHON_M = 42195.0


def available() -> bool:
    """True when the shared race data can be read."""
    return (VV_DIR / "marathon.csv").exists() and (VV_DIR / "marathon_small.csv").exists()


def fold_of(key: str, folds: int = 5) -> int:
    """A stable cross-validation fold for a runner key (sha256, so the split is reproducible)."""
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % folds


@dataclass(frozen=True)
class ShortPair:
    """One runner's recent 5K and 10K times (seconds)."""

    runner: str
    t5_s: float
    t10_s: float


@dataclass(frozen=True)
class MarathonRow:
    """A runner's recent shorter race, marathon time and peak weekly distance (metres)."""

    runner: str
    race_m: float
    race_s: float
    marathon_s: float
    peak_week_m: float
    age: float
    female: bool


def plausible(distance_m: float, time_s: float) -> bool:
    """True when the VDOT model accepts the result (VDOT 15–95); other rows are dropped."""
    from runcoach.domain.errors import InputError
    from runcoach.domain.vdot import vdot_from_race

    try:
        vdot_from_race(distance_m, time_s)
    except InputError:
        return False
    return True


def _key(age: str, bmi: str, sex: str) -> str:
    return f"{round(float(age))}|{float(bmi):.5f}|{sex}"


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8", errors="replace") as fh:
        return list(csv.DictReader(fh))


def vickers_short_pairs() -> list[ShortPair]:
    """Runners of ``marathon_small.csv`` with both a 5K and a 10K time."""
    out = []
    for i, r in enumerate(_read(VV_DIR / "marathon_small.csv")):
        if r["km5_time_seconds"] != "NA" and r["km10_time_seconds"] != "NA":
            if not (
                plausible(5000.0, float(r["km5_time_seconds"]))
                and plausible(10000.0, float(r["km10_time_seconds"]))
            ):
                continue
            out.append(
                ShortPair(
                    runner=f"s{i}|{_key(r['age'], r['bmi'], r['sex'])}",
                    t5_s=float(r["km5_time_seconds"]),
                    t10_s=float(r["km10_time_seconds"]),
                )
            )
    return out


def vickers_joined() -> list[MarathonRow]:
    """Marathon runners linked to their 5K/10K times (one row per shorter race).

    Only keys that occur exactly once in each file are linked. The link is validated by the
    correlation of the 5K/10K VDOT with the marathon VDOT (0.87; 0.01 after shuffling).
    """
    marathons = _read(VV_DIR / "marathon.csv")
    shorts = _read(VV_DIR / "marathon_small.csv")

    def mkey(r: dict[str, str]) -> str:
        return _key(r["age"], r["bmi"], "female" if r["female"] == "1" else "male")

    def skey(r: dict[str, str]) -> str:
        return _key(r["age"], r["bmi"], r["sex"])

    mcount = Counter(mkey(r) for r in marathons)
    scount = Counter(skey(r) for r in shorts)
    by_key = {skey(r): r for r in shorts if scount[skey(r)] == 1}
    rows = []
    for m in marathons:
        k = mkey(m)
        if mcount[k] != 1 or k not in by_key:
            continue
        s = by_key[k]
        for column, metres in (("km5_time_seconds", 5000.0), ("km10_time_seconds", 10000.0)):
            if s[column] == "NA" or not plausible(metres, float(s[column])):
                continue
            if not plausible(MARATHON_M, float(m["mf_ti"])):
                continue
            rows.append(
                MarathonRow(
                    runner=k,
                    race_m=metres,
                    race_s=float(s[column]),
                    marathon_s=float(m["mf_ti"]),
                    peak_week_m=float(m["max"]) * MILE_M,
                    age=float(m["age"]),
                    female=m["female"] == "1",
                )
            )
    return rows


@dataclass(frozen=True)
class PragueRow:
    """Prague 2017: mean weekly km and training speed over the last 4 weeks, marathon time."""

    runner: str
    weekly_m: float
    training_pace_s_per_km: float
    marathon_s: float


def prague() -> list[PragueRow]:
    """Rows of the Prague 2017 file with volume, training speed and finish time."""
    out = []
    for r in _read(PRAGUE_CSV):
        try:
            km = float(r["km4week"])
            speed = float(r["sp4week"])
            hours = float(r["MarathonTime"])
        except (KeyError, ValueError):
            continue
        if km <= 0 or speed <= 0:
            continue
        out.append(
            PragueRow(
                runner=r["id"],
                weekly_m=km * 1000,
                training_pace_s_per_km=3600 / speed,
                marathon_s=hours * 3600,
            )
        )
    return out
