"""Error of each race-time predictor on the shared race data, against Riegel as the baseline.

Run from the repository root:  .venv/bin/python bench/predictors.py [--write]

Prints the tables and, with --write, regenerates docs/prediction-report.md. Reads the shared data
in ../shared/data/races (see racedata.py); prints a notice and exits 0 when it is absent.

Figures: mean absolute error in % of the real time (MAE), median signed error (bias; positive =
the prediction was too fast), and the coverage of each stated 80 % range (share of real results
inside it). The recreational marathon model is cross-validated (5 folds by runner: coefficients
and interval quantiles fitted on 4 folds, scored on the 5th); the interval quantiles of the plain
formulas are cross-validated the same way. "Shipped" rows use the constants in
src/runcoach/domain/prediction.py as they are (fitted on all rows, so in-sample).
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

import fit_marathon_model as fit
import racedata
from runcoach.domain import prediction as pred
from runcoach.domain.vdot import equivalent_time, vdot_from_race

REPORT = racedata.REPO / "docs" / "prediction-report.md"
MARATHON_M = racedata.MARATHON_M


@dataclass
class Score:
    name: str
    n: int
    mae_pct: float
    bias_pct: float
    p90_abs_pct: float
    coverage_pct: float | None
    coverage_kind: str


def score(name: str, log_resid: np.ndarray, covered: np.ndarray | None, kind: str) -> Score:
    """Errors of predictions from residuals ln(actual / predicted)."""
    rel = np.expm1(log_resid) * 100  # actual/predicted − 1, in %
    return Score(
        name=name,
        n=len(log_resid),
        mae_pct=float(np.mean(np.abs(rel))),
        bias_pct=float(np.median(rel)),
        p90_abs_pct=float(np.quantile(np.abs(rel), 0.9)),
        coverage_pct=None if covered is None else float(np.mean(covered)) * 100,
        coverage_kind=kind,
    )


def cv_interval_cover(resid: np.ndarray, folds: np.ndarray) -> np.ndarray:
    """Inside-flags of 10–90 % intervals whose quantiles come from the other folds."""
    inside = np.zeros(len(resid), dtype=bool)
    for k in range(fit.FOLDS):
        train, test = folds != k, folds == k
        lo, hi = np.quantile(resid[train], [0.1, 0.9])
        inside[test] = (resid[test] >= lo) & (resid[test] <= hi)
    return inside


def shipped_cover(actual: list[float], predictions: list[pred.Prediction]) -> np.ndarray:
    return np.array(
        [p.low_seconds <= a <= p.high_seconds for a, p in zip(actual, predictions, strict=True)]
    )


# --- 1. 5K <-> 10K ------------------------------------------------------------------------------


def short_scores() -> tuple[list[Score], int]:
    pairs = racedata.vickers_short_pairs()
    rows = []  # (runner, t_from, d_from, t_to, d_to)
    for p in pairs:
        rows.append((p.runner, p.t5_s, 5000.0, p.t10_s, 10000.0))
        rows.append((p.runner, p.t10_s, 10000.0, p.t5_s, 5000.0))
    folds = np.array([racedata.fold_of(r[0]) for r in rows])
    actual = [r[3] for r in rows]
    methods = {
        "Riegel 1.06 (baseline)": lambda t, a, b: pred.predict_riegel(t, a, b),
        "Cameron": pred.predict_cameron,
        "Daniels VDOT (= predict_time)": pred.predict_daniels,
    }
    out = []
    for name, fn in methods.items():
        ps = [fn(t, a, b) for _, t, a, _, b in rows]
        resid = np.log(np.array(actual) / np.array([p.seconds for p in ps]))
        out.append(score(name, resid, cv_interval_cover(resid, folds), "5-fold CV"))
        out.append(score(f"{name}, shipped range", resid, shipped_cover(actual, ps), "in-sample"))
    extra = {
        "Riegel 1.07": lambda t, a, b: pred.riegel(t, a, b, 1.07),
        "Riegel 1.15": lambda t, a, b: pred.riegel(t, a, b, 1.15),
    }
    for name, f in extra.items():
        resid = np.log(np.array(actual) / np.array([f(t, a, b) for _, t, a, _, b in rows]))
        out.append(score(name, resid, None, "—"))
    return out, len(pairs)


# --- 2. 5K/10K -> marathon ----------------------------------------------------------------------


def marathon_scores() -> tuple[list[Score], dict[str, float]]:
    rows = racedata.vickers_joined()
    clip = fit.volume_clip(rows)
    d = fit.design(rows, clip)
    actual = np.array([r.marathon_s for r in rows])
    out = []

    def plain(name: str, f: object, shipped: bool = False) -> None:
        predictions = [f(r) for r in rows]  # type: ignore[operator]
        points = np.array([p if isinstance(p, float) else p.seconds for p in predictions])
        resid = np.log(actual / points)
        out.append(score(name, resid, cv_interval_cover(resid, d.folds), "5-fold CV"))
        if shipped:
            out.append(
                score(
                    f"{name}, shipped range",
                    resid,
                    shipped_cover(list(actual), predictions),
                    "in-sample",
                )
            )

    plain(
        "Riegel 1.06 (baseline)",
        lambda r: pred.predict_riegel(r.race_s, r.race_m, MARATHON_M),
        shipped=True,
    )
    plain("Riegel 1.07", lambda r: pred.riegel(r.race_s, r.race_m, MARATHON_M, 1.07))
    plain("Riegel 1.15", lambda r: pred.riegel(r.race_s, r.race_m, MARATHON_M, 1.15))
    plain("Cameron", lambda r: pred.predict_cameron(r.race_s, r.race_m, MARATHON_M), shipped=True)
    plain(
        "Daniels VDOT", lambda r: pred.predict_daniels(r.race_s, r.race_m, MARATHON_M), shipped=True
    )
    for with_volume in (False, True):
        resid = fit.cross_validate(d, with_volume)
        name = "Recreational model" + (" + weekly volume" if with_volume else ", no volume")
        out.append(score(name, resid, cv_interval_cover(resid, d.folds), "5-fold CV"))
    for with_volume in (False, True):
        ps = [
            pred.predict_time(
                [(r.race_m, r.race_s)], MARATHON_M, r.peak_week_m if with_volume else None
            )
            for r in rows
        ]
        resid = np.log(actual / np.array([p.seconds for p in ps]))
        label = "predict_time (shipped), " + ("with volume" if with_volume else "no volume")
        out.append(score(label, resid, shipped_cover(list(actual), ps), "in-sample"))

    beta = fit.lad(fit.columns(d, True), d.y)
    facts = {
        "rows": float(len(rows)),
        "runners": float(len({r.runner for r in rows})),
        "five_k": float(sum(1 for r in rows if r.race_m == 5000)),
        "ten_k": float(sum(1 for r in rows if r.race_m == 10000)),
        "clip_lo_km": clip[0] / 1000,
        "clip_hi_km": clip[1] / 1000,
        "alpha": float(beta[0]),
        "beta": float(beta[1]),
        "corr": float(np.corrcoef(*_vdots(rows))[0, 1]),
        "median_peak_km": float(np.median([r.peak_week_m for r in rows]) / 1000),
    }
    return out, facts


def _vdots(rows: list[racedata.MarathonRow]) -> tuple[np.ndarray, np.ndarray]:
    short = np.array([vdot_from_race(r.race_m, r.race_s) for r in rows])
    full = np.array([vdot_from_race(MARATHON_M, r.marathon_s) for r in rows])
    return short, full


# --- 3. Tanda on Prague -----------------------------------------------------------------------------


def prague_scores() -> list[Score]:
    rows = racedata.prague()
    actual = np.array([r.marathon_s for r in rows])
    ps = [pred.predict_tanda(r.weekly_m, r.training_pace_s_per_km) for r in rows]
    resid = np.log(actual / np.array([p.seconds for p in ps]))
    folds = np.array([racedata.fold_of(r.runner) for r in rows])
    return [
        score(
            "Tanda 2011 (published, not refitted)",
            resid,
            cv_interval_cover(resid, folds),
            "5-fold CV",
        ),
        score("Tanda 2011, shipped range", resid, shipped_cover(list(actual), ps), "in-sample"),
    ]


# --- report -------------------------------------------------------------------------------------------


def table(scores: list[Score], baseline: str | None) -> str:
    base = next((s for s in scores if s.name == baseline), None)
    lines = [
        "| predictor | n | MAE % | vs Riegel | bias % | 90th pct abs error % | 80 % range coverage |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in scores:
        rel = "—" if base is None else f"{(s.mae_pct / base.mae_pct - 1) * 100:+.0f} %"
        cover = "—" if s.coverage_pct is None else f"{s.coverage_pct:.1f} % ({s.coverage_kind})"
        lines.append(
            f"| {s.name} | {s.n} | {s.mae_pct:.2f} | {rel} | {s.bias_pct:+.2f} | "
            f"{s.p90_abs_pct:.1f} | {cover} |"
        )
    return "\n".join(lines)


def volume_examples() -> str:
    lines = [
        "| peak weekly distance | extra exponent | 10K 45:00 → marathon | (plain VDOT) |",
        "|---|---|---|---|",
    ]
    plain = equivalent_time(vdot_from_race(10000, 2700), MARATHON_M)
    for km in (30, 50, 80, 110, 160):
        exponent = pred.recreational_exponent(km * 1000.0)
        t = pred.recreational_marathon(2700.0, 10000.0, km * 1000.0)
        lines.append(f"| {km} km | {exponent:.4f} | {_hms(t)} | {_hms(plain)} |")
    return "\n".join(lines)


def _hms(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def render(
    short: list[Score],
    n_pairs: int,
    marathon: list[Score],
    facts: dict[str, float],
    prague: list[Score],
) -> str:
    return f"""# Race-time prediction: data, method and held-out error

*Generated by `bench/predictors.py --write` from the shared race data (`../shared/data/races`);
do not edit by hand. Fitting code: `bench/fit_marathon_model.py`; shipped constants:
`src/runcoach/domain/prediction.py`.*

**Reading the tables.** MAE % is the mean absolute error in % of the real time; "vs Riegel" is
the change in MAE against Riegel 1.06 on the same predictions (negative is better); bias % is the
median of (real / predicted − 1) (positive: the prediction was too fast); coverage is the share of
real results inside the stated 80 % range (target 80 %). "5-fold CV" figures are held out: every
fitted number (coefficients and interval quantiles) was estimated without the runner being scored.
"In-sample" rows score the shipped constants on the data they were fitted on.

## 1. Data

- **Vickers & Vertosick 2016** survey of recreational runners (CC BY 2.5 CA, via
  UBC-DSCI/dsci-100-student; 70 % share in `../shared`). `marathon_small.csv`: recent 5K and 10K
  times; {n_pairs} runners have both (rows the VDOT model rejects — VDOT outside 15–95 — are
  dropped). `marathon.csv`: marathon time, peak weekly distance (`max`, miles), age, sex, BMI.
- **Linking the two files.** They are subsets of the same survey and share age, sex and BMI to
  seven decimals. Keys (age, sex, BMI to 5 decimals) that occur once in each file link
  **{facts["runners"]:.0f} runners** ({facts["rows"]:.0f} rows: {facts["five_k"]:.0f} with a 5K,
  {facts["ten_k"]:.0f} with a 10K) with a shorter race, a marathon and a weekly volume. The link is
  real: the correlation of 5K/10K VDOT with marathon VDOT is **{facts["corr"]:.2f}** (about 0.01
  after shuffling the links). Median peak week: {facts["median_peak_km"]:.0f} km.
- **Prague Marathon 2017** (61 runners; licence not stated, so read only here): mean weekly km
  over the last 4 weeks (`km4week`), mean training speed (`sp4week`), finish time. Used to test
  Tanda's published model, which needs exactly these inputs.
- Not used for prediction: Boston and Cherry Blossom results (no second distance per runner; they
  feed the goal-feasibility model, `data/races/IMPROVEMENT.md`).

## 2. Method

- **Plain formulas** (no fitting): Riegel T2 = T1·(D2/D1)^1.06 (COACHING §2.1), Cameron (§2.3),
  Daniels–Gilbert VDOT equivalent (§1.3).
- **Recreational marathon model** (fitted): for a marathon from a shorter race of distance D and
  peak weekly distance V (clipped to the data's 5th–95th percentiles,
  {facts["clip_lo_km"]:.1f}–{facts["clip_hi_km"]:.1f} km):

  ln(T_marathon / T_VDOT) = ln(42195 / D) · (α + β · ln(V / 80 km))

  i.e. an extra, volume-dependent Riegel exponent on top of the VDOT equivalent. Free per-distance
  intercepts (5K 0.0348, 10K 0.0337 per unit of ln ratio) support the proportional form. Fitted
  by least-absolute-deviation (median) regression: α = {facts["alpha"]:.5f},
  β = {facts["beta"]:.5f}. Without a volume the model keeps only α (fitted separately).
- **80 % ranges.** For every predictor the range is point × exp(q10 … q90), with q10/q90 the 10th
  and 90th percentiles of ln(real / predicted) on the data (out-of-fold residuals for the fitted
  model). Ranges are widened by √(ln ratio / ln ratio calibrated) beyond the distance ratios seen in
  the data (5K↔10K: ratio 2; 5K/10K → marathon: up to 8.4).
- `predict_time` uses the race nearest the target: the VDOT equivalent (with the 5K↔10K range) up
  to 40 km, the recreational model for the marathon.

## 3. Results

### 3.1 5K ↔ 10K ({n_pairs} runners, both directions)

{table(short, "Riegel 1.06 (baseline)")}

Between 5K and 10K all three formulas are equivalent (the spread is race-to-race variation of
self-reported recent races, ±9 % for 8 in 10).

### 3.2 5K / 10K → marathon ({facts["runners"]:.0f} runners)

{table(marathon, "Riegel 1.06 (baseline)")}

Riegel 1.06, Cameron and VDOT all predict recreational marathons too fast (median bias +4 to
+6 %; Riegel 1.15 errs the other way): their stated ranges are therefore lopsided, calibrated to
where real results fall. The recreational model removes the bias and cuts the held-out error by
about a quarter; the weekly volume lowers it further (Vickers & Vertosick report the same
direction for their own one-race model).

### 3.3 Effect of weekly volume in the model

{volume_examples()}

### 3.4 Tanda on Prague 2017 (61 runners)

{table(prague, None)}

Tanda's published formula transfers well (it was fitted on 22 other runners), but it needs the
mean training pace, which most runners do not know; runcoach offers it in `runcoach predict
--training-pace` and uses the race-based model elsewhere.

## 4. Limits

- Self-reported survey data; the 5K/10K and the marathon were not necessarily in the same season.
- The volume is the *peak* training week of the marathon build; a lower current average makes the
  prediction more cautious. Volumes outside {facts["clip_lo_km"]:.0f}–{facts["clip_hi_km"]:.0f} km
  are treated as those limits.
- No half-marathon inputs were available: a half → marathon prediction uses the same model and a
  range calibrated on 5K/10K inputs (probably a little wide).
- Ranges are calibrated for typical recreational runners on ordinary courses and weather; heat,
  hills or a poor race day fall outside them more often.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="regenerate docs/prediction-report.md")
    args = parser.parse_args()
    if not racedata.available():
        print(f"shared race data not found at {racedata.SHARED_RACES}; nothing to measure.")
        return 0
    short, n_pairs = short_scores()
    marathon, facts = marathon_scores()
    prague = prague_scores()
    shipped = (pred.REC_ALPHA, pred.REC_BETA)
    if not all(
        math.isclose(a, b, abs_tol=5e-5)
        for a, b in zip(shipped, (facts["alpha"], facts["beta"]), strict=True)
    ):
        print(
            f"warning: shipped coefficients {shipped} differ from the refit {facts['alpha']:.5f}, {facts['beta']:.5f}"
        )
    text = render(short, n_pairs, marathon, facts, prague)
    print(text)
    if args.write:
        Path(REPORT).write_text(text, encoding="utf-8")
        print(f"\nwrote {REPORT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
