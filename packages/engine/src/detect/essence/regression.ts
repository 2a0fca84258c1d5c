import type { z } from 'zod';
import { pt } from '../../stats/student-t.js';
import { controlSchema } from '../control.js';
import { ok, type CountSeries, type DetectionMethod } from '../types.js';
import {
  alertLevels,
  baselineShape,
  baselineWindow,
  emptyTrack,
  essenceResult,
  levelsInOrder,
  levelsMessage,
  monitoredRange,
  type EssenceTrack,
} from './common.js';
import { LeastSquares } from './least-squares.js';
import { CriticalValues } from './t-quantile.js';

/** The fewest observed baseline values the regression accepts (Rnssp's `min_baseline`). */
export const REGRESSION_MIN_BASELINE = 11;

/**
 * ESSENCE's adaptive multiple regression as CDC's Rnssp package defines it: `alert_regression(df, t, y, B = 28,
 * g = 2)` and its loop `adaptive_regression` (CDCgov/Rnssp, R/alert_regression.R, development source of Nov
 * 2024, commit ae5ba22; Apache-2.0). Baseline, p-value, levels, output and missing counts follow common.ts.
 *
 * 1. Baseline of t (common.ts; at least 11 values, so the earliest t is g + 12). Position j in it has time
 *    index j - start + 1.
 * 2. Linear model fitted by least squares: intercept, linear trend in the time index and six day-of-week
 *    dummies (Monday..Saturday; Sunday is the reference), p = 8 parameters, df = n - 8. The weekday comes from
 *    `series.dates`; a daily series without dates uses (t - 1) mod 7 as its weekday class (only the grouping
 *    matters: the fit and forecast do not depend on which class is the reference). Series that are not daily
 *    (frequency other than 365) have no weekday effect: intercept and trend, p = 2.
 * 3. Forecast for t: time index t - start + 1 (B + g + 1 once the baseline is full) with t's weekday;
 *    `expected` = max(0, forecast).
 * 4. sigma = max(se, 0.01 / round(qt(0.95, df), 5)) where se = sqrt(mse (1 + x0' (X'X)^-1 x0)) is the standard
 *    error of prediction, mse = RSS / df.
 * 5. score = (y_t - expected) / sigma, with its p-value on df.
 * 6. Adjusted R²: r² = MSS / (MSS + RSS) with MSS = sum (fitted - mean(fitted))², adjR2 = 1 - (1 - r²)(n - 1)
 *    / df; 0 where r² is undefined (an exactly constant baseline). Reported as `adjR2`; `essence.switch` uses it.
 *
 * Output: `upperbound` = expected + qt(1 - yellowAlpha, df) sigma; the extra column `adjR2` beside the
 * common ones.
 *
 * Where we differ from Rnssp:
 * - Standard error: Rnssp uses the closed form sqrt(mse) sqrt((n + 7)(n - 4) / (n (n - 7))). That is exactly
 *   our se for a full baseline whose length is a multiple of 7 and g = 2 (the defaults), where each weekday has
 *   n/7 values and the forecast lies (n + 7)/2 days past its weekday's mean time; it is an approximation while
 *   the baseline grows and for other g. We compute the standard error of prediction itself, which Rnssp's
 *   documentation names, so B need not be a multiple of 7 (Rnssp requires that); B >= 11.
 * - Missing counts are left out of the fit (n counts only observed values); a baseline that leaves a weekday
 *   without observations makes the design singular, and that time point `NA`. A missing y_t still reports
 *   `adjR2`.
 * - The sigma floor 0.01 / ucl95 is the development source's; Rnssp 0.3.0 used 1.01 / ucl95.
 * - Rnssp's development source also relabels some alerts afterwards (an alert whose count is below its
 *   trailing 7-day mean becomes "blue", with a further same-weekday check on weekends). Rnssp 0.3.0's released
 *   function has no such step, and it is not applied here.
 */
export const regressionControl = controlSchema({
  ...baselineShape(REGRESSION_MIN_BASELINE),
  ...alertLevels,
}).refine(levelsInOrder, levelsMessage);

export type RegressionControl = z.infer<typeof regressionControl>;

/** A regression track adds the adjusted R² of each fit. */
export interface RegressionTrack extends EssenceTrack {
  readonly adjR2: Float64Array;
}

const DAYS_PER_WEEK = 7;

/** Weekday class 0..6 of each time point: ISO weekday from the dates (0 = Monday), else index mod 7. */
function weekdayClasses(series: CountSeries): Uint8Array {
  const n = series.observed.length;
  const classes = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const day = series.dates?.[i];
    // Day 0 (1970-01-01) was a Thursday, ISO weekday 4, class 3.
    classes[i] = day === undefined ? i % DAYS_PER_WEEK : (((day + 3) % 7) + 7) % 7;
  }
  return classes;
}

/**
 * Fits the regression for each time point in `from..to` (1-based); other entries stay `NaN`. Columns of the
 * daily design are the seven weekday indicators then the time index (the same column space as Rnssp's
 * intercept and six dummies, so the same fit), or intercept and time index for other frequencies.
 */
export function regressionTrack(
  series: CountSeries,
  from: number,
  to: number,
  c: Pick<RegressionControl, 'B' | 'g' | 'yellowAlpha'>,
): RegressionTrack {
  const observed = series.observed;
  const track = { ...emptyTrack(to), adjR2: new Float64Array(to).fill(NaN) };
  const daily = series.frequency === 365;
  const p = daily ? DAYS_PER_WEEK + 1 : 2;
  const classes = weekdayClasses(series);
  const ls = new LeastSquares(c.B, p);
  const x0 = new Float64Array(p);
  const ucl95 = new CriticalValues(0.05, true);
  const yellow = new CriticalValues(c.yellowAlpha, false);
  for (let i = from - 1; i < to; i++) {
    const { start, end } = baselineWindow(i, c.B, c.g);
    ls.x.fill(0);
    let n = 0;
    for (let j = start; j <= end; j++) {
      const y = observed[j] ?? NaN;
      if (Number.isNaN(y)) continue;
      if (daily) ls.x[n * p + (classes[j] ?? 0)] = 1;
      else ls.x[n * p] = 1;
      ls.x[n * p + p - 1] = j - start + 1;
      ls.y[n] = y;
      n++;
    }
    if (n < REGRESSION_MIN_BASELINE) continue;
    const rss = ls.fit(n);
    if (Number.isNaN(rss)) continue;
    const df = n - p;
    x0.fill(0);
    if (daily) x0[classes[i] ?? 0] = 1;
    else x0[0] = 1;
    x0[p - 1] = i - start + 1;
    let forecast = 0;
    for (let k = 0; k < p; k++) forecast += (x0[k] ?? 0) * (ls.coef[k] ?? 0);
    const expected = Math.max(0, forecast);
    const se = Math.sqrt((rss / df) * (1 + ls.leverage(x0)));
    const sigma = Math.max(se, 0.01 / ucl95.at(df));
    track.expected[i] = expected;
    track.threshold[i] = expected + yellow.at(df) * sigma;
    track.adjR2[i] = adjustedR2(ls.fitted, ls.y, n, rss, df);
    const y = observed[i] ?? NaN;
    if (!Number.isNaN(y)) {
      const score = (y - expected) / sigma;
      track.score[i] = score;
      track.pvalue[i] = pt(-score, df);
    }
  }
  return track;
}

/** Rnssp's adjusted R², 0 for an exactly constant baseline (where R's 0/0 gives NaN, which Rnssp maps to 0). */
function adjustedR2(fitted: Float64Array, y: Float64Array, n: number, rss: number, df: number): number {
  const first = y[0] ?? 0;
  let constant = true;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    mean += fitted[i] ?? 0;
    if (y[i] !== first) constant = false;
  }
  if (constant) return 0;
  mean /= n;
  let mss = 0;
  for (let i = 0; i < n; i++) mss += ((fitted[i] ?? 0) - mean) ** 2;
  const r2 = mss / (mss + rss);
  return 1 - ((1 - r2) * (n - 1)) / df;
}

export const essenceRegression: DetectionMethod<RegressionControl> = {
  name: 'essence.regression',
  control: regressionControl,
  run(series: CountSeries, control: RegressionControl) {
    const range = monitoredRange(series, control.range, control.g + REGRESSION_MIN_BASELINE + 1);
    if (!range.ok) return { ok: false, error: range.error };
    const track = regressionTrack(series, range.from, range.to, control);
    return ok(essenceResult(range.from, range.to, track, control, { adjR2: track.adjR2 }));
  },
};
