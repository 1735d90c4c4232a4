"""Fit the recreational-runner marathon model and the 80 % prediction intervals.

Run from the repository root:  .venv/bin/python bench/fit_marathon_model.py

Data: Vickers & Vertosick 2016 survey (``../shared/data/races/vickers_vertosick_2016``), the
marathon file linked to the 5K/10K file (see ``racedata.vickers_joined``), and the 5K/10K pairs.

Model (per runner, marathon target, shorter race of distance D, peak weekly distance V):

    ln(T_marathon / T_daniels) = ln(42195 / D) · (alpha + beta · ln(clip(V) / 80 km))

T_daniels is the Daniels–Gilbert marathon equivalent of the race. The penalty grows with the
log distance ratio (a volume-dependent extra Riegel exponent on top of VDOT): free intercepts per
race distance gave 0.0348 (5K) and 0.0337 (10K) per unit of ln ratio, which supports the form.
Fitted by median (least-absolute-deviation) regression, so the point is a median prediction.
The 80 % interval is the 10th–90th percentile of out-of-fold residuals (5-fold cross-validation
by runner, folds from sha256 of the runner key). The printed constants go into
``src/runcoach/domain/prediction.py``.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass

import numpy as np

import racedata
from runcoach.domain.prediction import cameron, riegel, tanda_marathon
from runcoach.domain.vdot import equivalent_time, vdot_from_race

V_REF_M = 80_000.0
FOLDS = 5


def lad(x: np.ndarray, y: np.ndarray, iterations: int = 200) -> np.ndarray:
    """Least-absolute-deviation regression by iteratively reweighted least squares."""
    beta = np.linalg.lstsq(x, y, rcond=None)[0]
    for _ in range(iterations):
        r = np.abs(y - x @ beta)
        w = 1.0 / np.maximum(r, 1e-6)
        xw = x * w[:, None]
        beta = np.linalg.solve(x.T @ xw, xw.T @ y)
    return np.asarray(beta)


@dataclass
class Design:
    y: np.ndarray  # ln(actual / daniels)
    log_ratio: np.ndarray
    log_volume: np.ndarray
    folds: np.ndarray


def volume_clip(rows: list[racedata.MarathonRow]) -> tuple[float, float]:
    """The 5th and 95th percentiles of the peak weekly distance (metres)."""
    v = np.array([r.peak_week_m for r in rows])
    lo, hi = np.quantile(v, [0.05, 0.95])
    return float(lo), float(hi)


def design(rows: list[racedata.MarathonRow], clip: tuple[float, float]) -> Design:
    y, lr, lv, folds = [], [], [], []
    for r in rows:
        daniels = equivalent_time(vdot_from_race(r.race_m, r.race_s), racedata.MARATHON_M)
        y.append(math.log(r.marathon_s / daniels))
        lr.append(math.log(racedata.MARATHON_M / r.race_m))
        v = min(max(r.peak_week_m, clip[0]), clip[1])
        lv.append(math.log(v / V_REF_M))
        folds.append(racedata.fold_of(r.runner, FOLDS))
    return Design(np.array(y), np.array(lr), np.array(lv), np.array(folds))


def columns(d: Design, with_volume: bool) -> np.ndarray:
    if with_volume:
        return np.c_[d.log_ratio, d.log_ratio * d.log_volume]
    return d.log_ratio[:, None]


def cross_validate(d: Design, with_volume: bool) -> np.ndarray:
    """Out-of-fold residuals ln(actual / predicted)."""
    x = columns(d, with_volume)
    out = np.empty_like(d.y)
    for k in range(FOLDS):
        train, test = d.folds != k, d.folds == k
        beta = lad(x[train], d.y[train])
        out[test] = d.y[test] - x[test] @ beta
    return out


def cv_coverage(resid: np.ndarray, folds: np.ndarray) -> float:
    """Coverage of 10–90 % quantile intervals estimated on the other folds."""
    inside = 0
    for k in range(FOLDS):
        train, test = folds != k, folds == k
        lo, hi = np.quantile(resid[train], [0.1, 0.9])
        inside += int(np.sum((resid[test] >= lo) & (resid[test] <= hi)))
    return inside / len(resid)


def short_residuals() -> dict[str, np.ndarray]:
    """ln(actual / predicted) for 5K→10K and 10K→5K, per method (pooled directions)."""
    pairs = racedata.vickers_short_pairs()
    out: dict[str, list[float]] = {"riegel": [], "cameron": [], "daniels_vdot": []}
    for p in pairs:
        for t_from, d_from, t_to, d_to in (
            (p.t5_s, 5000.0, p.t10_s, 10000.0),
            (p.t10_s, 10000.0, p.t5_s, 5000.0),
        ):
            out["riegel"].append(math.log(t_to / riegel(t_from, d_from, d_to)))
            out["cameron"].append(math.log(t_to / cameron(t_from, d_from, d_to)))
            vd = vdot_from_race(d_from, t_from)
            out["daniels_vdot"].append(math.log(t_to / equivalent_time(vd, d_to)))
    return {k: np.array(v) for k, v in out.items()}


def marathon_residuals(rows: list[racedata.MarathonRow]) -> dict[str, np.ndarray]:
    """ln(actual / predicted) for 5K/10K → marathon with the uncorrected formulas."""
    out: dict[str, list[float]] = {"riegel": [], "cameron": [], "daniels_vdot": []}
    for r in rows:
        out["riegel"].append(
            math.log(r.marathon_s / riegel(r.race_s, r.race_m, racedata.MARATHON_M))
        )
        out["cameron"].append(
            math.log(r.marathon_s / cameron(r.race_s, r.race_m, racedata.MARATHON_M))
        )
        vd = vdot_from_race(r.race_m, r.race_s)
        out["daniels_vdot"].append(
            math.log(r.marathon_s / equivalent_time(vd, racedata.MARATHON_M))
        )
    return {k: np.array(v) for k, v in out.items()}


def main() -> int:
    if not racedata.available():
        print(f"shared race data not found at {racedata.SHARED_RACES}; nothing to fit.")
        return 0
    rows = racedata.vickers_joined()
    clip = volume_clip(rows)
    d = design(rows, clip)
    print(f"linked rows: {len(rows)} from {len({r.runner for r in rows})} runners")
    print(f"peak weekly volume clip (P5–P95): {clip[0] / 1000:.1f}–{clip[1] / 1000:.1f} km")
    for with_volume in (True, False):
        beta = lad(columns(d, with_volume), d.y)
        resid = cross_validate(d, with_volume)
        q10, q50, q90 = np.quantile(resid, [0.1, 0.5, 0.9])
        mae = float(np.mean(np.abs(np.expm1(resid)))) * 100
        name = "with volume" if with_volume else "without volume"
        print(f"\n[{name}] coefficients (all data): {np.round(beta, 5).tolist()}")
        print(f"  out-of-fold residual q10/q50/q90: {q10:.4f} / {q50:.4f} / {q90:.4f}")
        print(
            f"  out-of-fold MAE: {mae:.2f} %; CV coverage of 10–90 % interval: {cv_coverage(resid, d.folds) * 100:.1f} %"
        )
    print("\n[interval calibration of the plain formulas] q10 / q90 of ln(actual/predicted)")
    for label, res in (
        ("5K<->10K", short_residuals()),
        ("5K/10K->marathon", marathon_residuals(rows)),
    ):
        for method, r in res.items():
            q10, q90 = np.quantile(r, [0.1, 0.9])
            print(f"  {label:17s} {method:13s} n={len(r):4d} q10={q10:.4f} q90={q90:.4f}")
    prague = racedata.prague()
    tanda = np.array(
        [
            math.log(r.marathon_s / tanda_marathon(r.weekly_m, r.training_pace_s_per_km))
            for r in prague
        ]
    )
    q10, q90 = np.quantile(tanda, [0.1, 0.9])
    print(f"  {'Prague 2017':17s} {'tanda':13s} n={len(tanda):4d} q10={q10:.4f} q90={q90:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
