import { z } from 'zod';
import { checkRange } from '../range.js';
import type { Cell, CountSeries, DetectionError, DetectionResult, Range } from '../types.js';

/**
 * What the ESSENCE detectors share: the baseline/guard-band controls (Rnssp's `B` and `g`), the alert levels
 * and the shape of the output. A detector fills an {@link EssenceTrack} (one entry per time point, `NaN` where
 * the detector does not apply); {@link essenceResult} turns the monitored part of it into a result.
 *
 * The conventions every detector here follows, as Rnssp's `alert_ewma` and `alert_regression` do (their own
 * headers say only what differs). Write y_t for the count at t (1-based).
 * - Baseline of t: y over [max(1, t - g - B), t - g - 1], up to B (28) values ending g + 1 (3) time points
 *   before t; t - 1 .. t - g are the guard band. Like Rnssp the baseline grows from the detector's minimum at
 *   the start of a series, so the earliest t is g + minimum + 1.
 * - p-value: P(T > score) with T ~ Student t(df), computed as pt(-score) rather than 1 - pt(score) (the same
 *   value, without cancellation in the tail). Red when p < redAlpha (0.01), yellow when p < yellowAlpha (0.05).
 * - Output: `upperbound` = the smallest count whose p-value reaches yellowAlpha, so `alarm` (yellow or red) is
 *   `observed > upperbound`; extra columns `expected`, `score`, `pvalue`, `level` (0 none, 1 yellow, 2 red).
 * - Missing counts (Rnssp has none): left out of the baseline, which must still hold the detector's minimum of
 *   observed values (otherwise every column `NA`); a missing y_t gives `score`, `pvalue`, `level` and `alarm`
 *   `NA` but still reports `expected` and `upperbound`.
 */

/** Rnssp's `B` (baseline length, default 28 time points) and `g` (guard band, default 2). */
export const baselineShape = (minB: number) => ({
  B: z.number().int().min(minB).default(28),
  g: z.number().int().min(0).default(2),
});

/**
 * Alert levels. Rnssp hard-codes red for p < 0.01 and yellow for 0.01 <= p < 0.05; here they are controls
 * with those defaults. They only classify the p-value: the statistic itself, including Rnssp's sigma floors and
 * EWMA clamping that use the 0.01/0.05 critical values, does not change with them.
 */
export const alertLevels = {
  redAlpha: z.number().gt(0).lt(1).default(0.01),
  yellowAlpha: z.number().gt(0).lt(1).default(0.05),
};

/** Rnssp's smoothing coefficients: `w1` (0.4) for gradual rises, `w2` (0.9) for sudden ones; each in (0, 1]. */
export const smoothingWeights = {
  w1: z.number().gt(0).max(1).default(0.4),
  w2: z.number().gt(0).max(1).default(0.9),
};

export const levelsInOrder = (c: { redAlpha: number; yellowAlpha: number }) => c.redAlpha <= c.yellowAlpha;
export const levelsMessage = { message: 'redAlpha must not exceed yellowAlpha', path: ['redAlpha'] };

/** Per time point (index 0 = t 1) values of one detector; `NaN` = not available (output `NA`). */
export interface EssenceTrack {
  /** The baseline expectation (EWMA: baseline mean; regression: the forecast floored at 0). */
  readonly expected: Float64Array;
  /** The test statistic; `NaN` where the current count is missing. */
  readonly score: Float64Array;
  /** One-sided p-value P(T > score) from Student's t with the detector's degrees of freedom. */
  readonly pvalue: Float64Array;
  /** The count at which the p-value equals `yellowAlpha`: the yellow threshold, reported as `upperbound`. */
  readonly threshold: Float64Array;
}

export function emptyTrack(n: number): EssenceTrack {
  return {
    expected: new Float64Array(n).fill(NaN),
    score: new Float64Array(n).fill(NaN),
    pvalue: new Float64Array(n).fill(NaN),
    threshold: new Float64Array(n).fill(NaN),
  };
}

/** The baseline window of 0-based index `i`: `[max(0, i - g - B), i - g - 1]`, empty when `i - g - 1 < 0`. */
export function baselineWindow(i: number, B: number, g: number): { start: number; end: number } {
  return { start: Math.max(0, i - g - B), end: i - g - 1 };
}

/**
 * The monitored range: the one given, or from the earliest time point the detector handles to the end.
 * `earliest` is 1-based.
 */
export function monitoredRange(
  series: CountSeries,
  range: Range | undefined,
  earliest: number,
): { ok: true; from: number; to: number } | { ok: false; error: DetectionError } {
  const n = series.observed.length;
  if (range === undefined && earliest > n) {
    return {
      ok: false,
      error: {
        field: 'range',
        reason: `the series has ${n} time points, but this method needs t >= ${earliest}`,
      },
    };
  }
  return checkRange(series, range ?? [earliest, n], earliest);
}

const cell = (x: number): Cell => (Number.isNaN(x) ? null : x);

/** 2 (red) when p < redAlpha, 1 (yellow) when p < yellowAlpha, 0 otherwise; `NaN` without a p-value. */
export function alertLevel(p: number, redAlpha: number, yellowAlpha: number): number {
  if (Number.isNaN(p)) return NaN;
  return p < redAlpha ? 2 : p < yellowAlpha ? 1 : 0;
}

/**
 * Output over `from..to` (1-based): `upperbound` = the yellow threshold, `alarm` = 1 at yellow or red, then
 * `expected`, `score`, `pvalue`, `level` and the detector's own columns (`more`, indexed like the track).
 */
export function essenceResult(
  from: number,
  to: number,
  track: EssenceTrack,
  levels: { redAlpha: number; yellowAlpha: number },
  more: Readonly<Record<string, Float64Array>> = {},
): DetectionResult {
  const t: number[] = [];
  const upperbound: Cell[] = [];
  const alarm: Cell[] = [];
  const expected: Cell[] = [];
  const score: Cell[] = [];
  const pvalue: Cell[] = [];
  const level: Cell[] = [];
  const extraColumns = Object.entries(more).map(([name, values]) => ({ name, values, cells: [] as Cell[] }));
  for (let i = from - 1; i < to; i++) {
    const l = alertLevel(track.pvalue[i] ?? NaN, levels.redAlpha, levels.yellowAlpha);
    t.push(i + 1);
    upperbound.push(cell(track.threshold[i] ?? NaN));
    alarm.push(Number.isNaN(l) ? null : l > 0 ? 1 : 0);
    expected.push(cell(track.expected[i] ?? NaN));
    score.push(cell(track.score[i] ?? NaN));
    pvalue.push(cell(track.pvalue[i] ?? NaN));
    level.push(cell(l));
    for (const column of extraColumns) column.cells.push(cell(column.values[i] ?? NaN));
  }
  const extra: Record<string, Cell[]> = { expected, score, pvalue, level };
  for (const column of extraColumns) extra[column.name] = column.cells;
  return { t, upperbound, alarm, extra };
}
