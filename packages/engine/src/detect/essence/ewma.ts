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
  smoothingWeights,
  type EssenceTrack,
} from './common.js';
import { CriticalValues } from './t-quantile.js';

/** The fewest observed baseline values the detector accepts (Rnssp's `min_baseline`). */
export const EWMA_MIN_BASELINE = 7;

/**
 * ESSENCE's EWMA detector as CDC's Rnssp package defines it: `alert_ewma(df, t, y, B = 28, g = 2, w1 = 0.4,
 * w2 = 0.9)` and its loop `ewma_loop` (CDCgov/Rnssp, R/alert_ewma.R, development source of Nov 2024, commit
 * 50b4761; Apache-2.0). Baseline, p-value, levels, output and missing counts follow common.ts.
 *
 * 1. Two exponentially weighted moving averages run over the whole series from t = 1:
 *    z_1 = y_1, z_t = w y_t + (1 - w) z_{t-1}, with w = w1 (0.4, gradual rises) and w = w2 (0.9, sudden rises,
 *    close to EARS C2).
 * 2. Baseline of t (common.ts; at least 7 values, so the earliest t is g + 8): n = its size, m = mean, s = sd
 *    (divisor n - 1), df = n - 1.
 * 3. Standard error of z_t - m for each w: s times the EWMA variance correction (Var(z_t - m) / s² for
 *    independent counts), plus Rnssp's additive constant and floor that keep sparse series from alarming on
 *    tiny sigmas, with the 5-digit rounded critical value ucl95 = `round(qt(0.95, df), 5)`:
 *      corr  = sqrt( w/(2 - w) + 1/n - 2 (1 - w)^(g+1) (1 - (1 - w)^n) / n )
 *      const = (0.1289 - (0.2414 - 0.1826 (1 - w)^4) log(0.5)) w / ucl95
 *      floor = (w / ucl95) (0.01 + 0.05 (1 - w)^2)
 *      sigma = max(floor, s corr + const)
 * 4. Statistic (z_t - m) / sigma for each w. Where its absolute value exceeds ucl99 = `round(qt(0.99, df), 5)`,
 *    z_t is pulled back to m ± ucl99 sigma before it feeds z_{t+1}, so an outbreak does not inflate later
 *    averages.
 * 5. The reported statistic is the larger of the two (Rnssp keeps the one with the smaller p-value), with
 *    its p-value on df.
 *
 * Output: `upperbound` = the smallest count y_t for which either statistic reaches qt(1 - yellowAlpha, df),
 * i.e. min over w of (m + q sigma - (1 - w) z_{t-1}) / w; `expected` is m.
 *
 * Where we differ from Rnssp, which has no missing values and works on data frames:
 * - A missing y_t leaves z_t = z_{t-1} (z starts at the first observed count).
 * - Rnssp rescales a series of proportions (all values below 1) by the median of its positive values; this
 *   engine takes counts, so there is no rescaling.
 * - The floor is the development source's; older Rnssp and pynssp sources used (w / ucl95) (1 + 0.5 (1 - w)^2).
 * - Index-based: the detector never reads dates; weekly series work the same way with B and g in weeks.
 */
export const ewmaControl = controlSchema({
  ...baselineShape(EWMA_MIN_BASELINE),
  ...smoothingWeights,
  ...alertLevels,
}).refine(levelsInOrder, levelsMessage);

export type EwmaControl = z.infer<typeof ewmaControl>;

interface Smoothing {
  readonly w: number;
  /** z_{t-1}, then z_t: the running average, `NaN` until the first observed count. */
  z: number;
}

/** Rnssp's standard error of z - m for smoothing `w` with `n` baseline values and rounded ucl95 `ucl`. */
export function ewmaSigma(w: number, s: number, n: number, g: number, ucl: number): number {
  const v = 1 - w;
  const correction = Math.sqrt(w / (2 - w) + 1 / n - (2 * v ** (g + 1) * (1 - v ** n)) / n);
  const constant = ((0.1289 - (0.2414 - 0.1826 * v ** 4) * Math.log(10 * 0.05)) * w) / ucl;
  const floor = (w / ucl) * (0.01 + 0.05 * v * v);
  return Math.max(floor, s * correction + constant);
}

/**
 * Runs both EWMAs over indices 0..`to - 1` (the recursion and its clamping depend on every earlier point, so
 * the track always starts at t = 1) and fills the detector's values wherever the baseline is usable.
 */
export function ewmaTrack(
  observed: Float64Array,
  to: number,
  c: Pick<EwmaControl, 'B' | 'g' | 'w1' | 'w2' | 'yellowAlpha'>,
): EssenceTrack {
  const track = emptyTrack(to);
  const ucl95 = new CriticalValues(0.05, true);
  const ucl99 = new CriticalValues(0.01, true);
  const yellow = new CriticalValues(c.yellowAlpha, false);
  const smoothings: Smoothing[] = [
    { w: c.w1, z: NaN },
    { w: c.w2, z: NaN },
  ];
  for (let i = 0; i < to; i++) {
    const y = observed[i] ?? NaN;
    const { start, end } = baselineWindow(i, c.B, c.g);
    let n = 0;
    let sum = 0;
    for (let j = start; j <= end; j++) {
      const x = observed[j] ?? NaN;
      if (!Number.isNaN(x)) {
        n++;
        sum += x;
      }
    }
    const usable = n >= EWMA_MIN_BASELINE;
    const m = sum / n;
    let s = 0;
    if (usable) {
      let ss = 0;
      for (let j = start; j <= end; j++) {
        const x = observed[j] ?? NaN;
        if (!Number.isNaN(x)) ss += (x - m) * (x - m);
      }
      s = Math.sqrt(ss / (n - 1));
    }
    const df = n - 1;
    let threshold = Infinity;
    let best = -Infinity;
    for (const sm of smoothings) {
      const previous = sm.z;
      if (!Number.isNaN(y)) sm.z = Number.isNaN(previous) ? y : sm.w * y + (1 - sm.w) * previous;
      if (!usable) continue;
      const sigma = ewmaSigma(sm.w, s, n, c.g, ucl95.at(df));
      threshold = Math.min(threshold, (m + yellow.at(df) * sigma - (1 - sm.w) * previous) / sm.w);
      if (Number.isNaN(y)) continue;
      const stat = (sm.z - m) / sigma;
      const limit = ucl99.at(df);
      if (Math.abs(stat) > limit) sm.z = m + Math.sign(stat) * limit * sigma;
      if (stat > best) best = stat;
    }
    if (!usable) continue;
    track.expected[i] = m;
    track.threshold[i] = threshold;
    if (!Number.isNaN(y)) {
      track.score[i] = best;
      track.pvalue[i] = pt(-best, df);
    }
  }
  return track;
}

export const essenceEwma: DetectionMethod<EwmaControl> = {
  name: 'essence.ewma',
  control: ewmaControl,
  run(series: CountSeries, control: EwmaControl) {
    const range = monitoredRange(series, control.range, control.g + EWMA_MIN_BASELINE + 1);
    if (!range.ok) return { ok: false, error: range.error };
    const track = ewmaTrack(series.observed, range.to, control);
    return ok(essenceResult(range.from, range.to, track, control));
  },
};
