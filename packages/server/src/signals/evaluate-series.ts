import {
  methods,
  type Cell,
  type CountSeries,
  type DetectionOutcome,
  type DetectionResult,
  type Range,
} from '@shaobing/engine';

/**
 * Evaluates series with one rule's method and control, and turns each result into the numbers a signal
 * stores. Pure apart from the method registry: runs in the main thread or in a worker (evaluate-pool.ts).
 */

export interface SeriesInput {
  readonly observed: Float64Array;
  /** Day numbers of the periods (the day, or the week's Monday). */
  readonly dates: Int32Array;
  /** First evaluated time point, 1-based (the range runs from it to the end of the series). */
  readonly from: number;
}

export interface EvaluationBatch {
  readonly method: string;
  readonly control: Readonly<Record<string, unknown>>;
  readonly frequency: number;
  readonly series: readonly SeriesInput[];
}

/** One alarmed time point: what the method compared, and the threshold it crossed. */
export interface AlarmPoint {
  /** 0-based index into the series. */
  readonly index: number;
  readonly observed: number;
  readonly expected: number | null;
  readonly upperbound: number | null;
  readonly score: number | null;
  readonly pvalue: number | null;
  readonly level: 1 | 2 | null;
}

export type SeriesOutcome =
  | { readonly ok: true; readonly evaluated: number; readonly alarms: readonly AlarmPoint[] }
  | { readonly ok: false; readonly field: string; readonly reason: string };

const finite = (x: Cell | undefined): number | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : x;

/**
 * EARS publishes no expected value or statistic; the signal carries the baseline mean and the C statistic
 * (y − mean) / max(sd, minSigma) of Hutwagner et al. (2003), over the window R's earsC uses: C1
 * y[t−B..t−1], C2 and C3 y[t−B−2..t−3] (C3's bound adds earlier C2 statistics, its mean is C2's).
 */
function earsBaseline(
  observed: Float64Array,
  t: number,
  control: Readonly<Record<string, unknown>>,
): { mean: number; score: number } | undefined {
  const variant = control.method === 'C2' || control.method === 'C3' ? control.method : 'C1';
  const B = typeof control.baseline === 'number' ? control.baseline : 7;
  const minSigma = typeof control.minSigma === 'number' ? control.minSigma : 0;
  const lag = variant === 'C1' ? 1 : 3;
  const hi = t - lag - 1; // 0-based index of the newest baseline value
  const lo = hi - B + 1;
  if (lo < 0) return undefined;
  let sum = 0;
  for (let i = lo; i <= hi; i++) sum += observed[i]!;
  const mean = sum / B;
  let squares = 0;
  for (let i = lo; i <= hi; i++) squares += (observed[i]! - mean) ** 2;
  const sigma = Math.max(Math.sqrt(squares / (B - 1)), minSigma);
  return { mean, score: (observed[t - 1]! - mean) / sigma };
}

function alarmPoint(
  batch: EvaluationBatch,
  input: SeriesInput,
  result: DetectionResult,
  i: number,
  t: number,
): AlarmPoint {
  const column = (name: string) => result.extra[name]?.[i];
  const ears = batch.method === 'earsC' ? earsBaseline(input.observed, t, batch.control) : undefined;
  // cidars.mpm compares the 7-day sum (a day series) and algo.cdc an aggregate with the threshold.
  const observed = finite(column('windowCount')) ?? finite(column('aggr')) ?? input.observed[t - 1]!;
  const expected = finite(column('expected')) ?? finite(column('mu0')) ?? (ears ? ears.mean : null);
  const upperbound = finite(result.upperbound[i]);
  // Without the method's own score: Farrington's exceedance (observed − expected) / (threshold − expected),
  // above 1 at an alarm; or observed / threshold where no expected value exists.
  const exceedance =
    upperbound === null
      ? null
      : expected !== null && upperbound > expected
        ? (observed - expected) / (upperbound - expected)
        : expected === null && upperbound > 0
          ? observed / upperbound
          : null;
  const level = column('level');
  return {
    index: t - 1,
    observed,
    expected,
    upperbound,
    score: finite(column('score')) ?? (ears ? finite(ears.score) : null) ?? exceedance,
    pvalue: finite(column('pvalue')),
    level: level === 1 || level === 2 ? level : null,
  };
}

type Prepared = (series: CountSeries, range: Range) => DetectionOutcome;

/** One series, the control validated beforehand (the registry's `prepare`, once per batch). */
function evaluatePrepared(batch: EvaluationBatch, run: Prepared, input: SeriesInput): SeriesOutcome {
  const n = input.observed.length;
  if (input.observed.every((x) => Number.isNaN(x))) {
    return { ok: false, field: 'observed', reason: `all ${n} counts are missing (nothing was reported)` };
  }
  if (input.from > n) {
    return { ok: false, field: 'observed', reason: 'no reporting day among the latest periods' };
  }
  const outcome = run({ observed: input.observed, dates: input.dates, frequency: batch.frequency }, [
    input.from,
    n,
  ]);
  if (!outcome.ok) return { ok: false, field: outcome.error.field, reason: outcome.error.reason };
  const result = outcome.value;
  const alarms: AlarmPoint[] = [];
  let evaluated = 0;
  result.t.forEach((t, i) => {
    const alarm = result.alarm[i];
    if (alarm === null || alarm === undefined) return;
    evaluated += 1;
    if (alarm === 1) alarms.push(alarmPoint(batch, input, result, i, t));
  });
  if (evaluated === 0) {
    return {
      ok: false,
      field: 'observed',
      reason: `none of the latest ${n - input.from + 1} periods could be evaluated: missing counts or baseline`,
    };
  }
  return { ok: true, evaluated, alarms };
}

export function evaluateBatch(batch: EvaluationBatch): SeriesOutcome[] {
  const method = methods.get(batch.method);
  const prepared = method?.prepare(batch.control);
  if (!prepared?.ok) {
    const error = prepared?.error ?? { field: 'method', reason: `unknown method ${batch.method}` };
    return batch.series.map(() => ({ ok: false, field: error.field, reason: error.reason }));
  }
  return batch.series.map((input) => evaluatePrepared(batch, prepared.run, input));
}

export function evaluateSeries(batch: EvaluationBatch, input: SeriesInput): SeriesOutcome {
  return evaluateBatch({ ...batch, series: [input] })[0]!;
}
