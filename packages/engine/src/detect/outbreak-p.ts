import { z } from 'zod';
import { controlSchema } from './control.js';
import { resolveRange } from './default-range.js';
import {
  fail,
  ok,
  type Cell,
  type CountSeries,
  type DetectionMethod,
  type DetectionOutcome,
} from './types.js';

/**
 * The OutbreakP method — R `surveillance::algo.outbreakP` (Frisén & Andersson 2009, "Semiparametric
 * surveillance of monotonic changes", Sequential Analysis 28:434; Frisén, Andersson & Schiöler 2009,
 * Stat. Med. 28:476). R's code is a port of the CASE project's Java code.
 *
 * For each monitored `i` the whole series up to `i` counts (the caller passes one season):
 * `OP_i = prod_{j <= i} (xhat_j / xbar)^(x_j)`, where `xhat` is the least-squares non-decreasing fit
 * of `x_1..x_i` (pool adjacent violators) and `xbar` their mean; a factor with `xhat_j = 0 = xbar` is 1.
 * Alarm when `OP_i > k`.
 * `ret = "value"`: upperbound = `OP_i`. `ret = "cases"`: upperbound = the count at `i` that would change the
 * alarm state (raise `x_i` by 1 until an alarm; with an alarm, lower it until there is none, reporting
 * that count + 1) — the "number needed before alarm".
 *
 * Where R differs from the paper, we follow R:
 * - The product is multiplied out in order in floating point, not summed in logs: large counts overflow to
 *   `Inf`, underflow to 0, and `Inf · 0 = NaN` happens; `NaN` gives an `NA` alarm and (cases) an `NA` bound.
 * - `xbar` is updated sequentially (`xbar + (x_i - xbar) / i`) and blocks are pooled while the new block
 *   mean is `<=` the previous one, exactly as the Java code does.
 * - Cases: the first point of the series gives `NA` (for `k >= 1`); a search that reaches
 *   `maxUpperboundCases` (upward) or 0 (downward) gives `NA`, and so does a `NaN` statistic on the way.
 *   (On the way *down* R would then restart from `maxUpperboundCases` and never finish; we stop.)
 * - A missing count up to the last monitored point stops R ("missing value where TRUE/FALSE needed"); we
 *   refuse the input, naming it.
 */

const outbreakPControl = controlSchema({
  k: z.number().min(0, 'k (the alarm threshold) must be >= 0').default(100),
  ret: z.enum(['value', 'cases'], { error: 'ret must be "value" or "cases"' }).default('value'),
  maxUpperboundCases: z
    .number()
    .int('maxUpperboundCases must be a whole number')
    .min(1, 'maxUpperboundCases must be >= 1')
    .default(100000),
});
export type OutbreakPControl = z.infer<typeof outbreakPControl>;

/** Scratch arrays for the pooling, sized for the longest prefix; index 0 is the Java code's sentinel. */
class Workspace {
  readonly blockSum: Float64Array;
  readonly blockCount: Float64Array;
  readonly blockMean: Float64Array;
  readonly blockLeft: Int32Array;
  readonly fit: Float64Array;

  constructor(n: number) {
    this.blockSum = new Float64Array(n + 1);
    this.blockCount = new Float64Array(n + 1);
    this.blockMean = new Float64Array(n + 1);
    this.blockLeft = new Int32Array(n + 1);
    this.fit = new Float64Array(n + 1);
  }
}

/** R's `x^y` (`R_pow`): `x^2` is `x * x`, and `1^y = x^0 = 1` even where IEEE `pow` would say otherwise. */
function rPow(x: number, y: number): number {
  if (y === 2) return x * x;
  if (x === 1 || y === 0) return 1;
  return Math.pow(x, y);
}

/** OutbreakP statistic of a whole series of counts (R's `calc.outbreakP.statistic`). */
export function outbreakPStatistic(x: Float64Array): number {
  const n = x.length;
  return n === 0 ? 1 : statistic(x, n, x[n - 1]!, new Workspace(n));
}

/** The statistic of `x[0 .. n-1]` with the last count replaced by `last`. */
function statistic(x: Float64Array, n: number, last: number, ws: Workspace): number {
  const { blockSum, blockCount, blockMean, blockLeft, fit } = ws;
  blockMean[0] = -Infinity;
  blockLeft[0] = 0;
  let xbar = 0;
  for (let i = 1; i <= n; i++) {
    const xi = i === n ? last : x[i - 1]!;
    blockSum[i] = xi;
    blockCount[i] = 1;
    blockMean[i] = xi;
    blockLeft[i] = i;
    xbar = xbar + (xi - xbar) / i;
    // Pool with the block to the left while the new block's mean does not exceed it.
    while (blockMean[i]! <= blockMean[blockLeft[i]! - 1]!) {
      const left = blockLeft[i]! - 1;
      blockSum[i] = blockSum[i]! + blockSum[left]!;
      blockCount[i] = blockCount[i]! + blockCount[left]!;
      blockMean[i] = blockSum[i]! / blockCount[i]!;
      blockLeft[i] = blockLeft[left]!;
    }
  }
  // The final blocks, right to left, give the fitted values.
  for (let end = n; end > 0; end = blockLeft[end]! - 1) {
    for (let j = blockLeft[end]!; j <= end; j++) fit[j] = blockMean[end]!;
  }
  let stat = 1;
  for (let j = 1; j <= n; j++) {
    const xj = j === n ? last : x[j - 1]!;
    const ratio = fit[j] === 0 && xbar === 0 ? 1 : fit[j]! / xbar;
    stat = stat * rPow(ratio, xj);
  }
  return stat;
}

/** Number needed before alarm at `i` (R's search in `algo.outbreakP`), or `null` (R's `NA`). */
function casesBound(x: Float64Array, i: number, stat: number, c: OutbreakPControl, ws: Workspace): Cell {
  if (i <= 1) return c.k >= 1 ? null : 0;
  if (Number.isNaN(stat)) return null;
  const alarmed = stat > c.k;
  const step = alarmed ? -1 : 1;
  let count = x[i - 1]!;
  while ((alarmed && count > 0) || (!alarmed && count < c.maxUpperboundCases)) {
    count += step;
    const s = statistic(x, i, count, ws);
    if (Number.isNaN(s)) return null;
    if (s > c.k !== alarmed) return alarmed ? count + 1 : count;
  }
  return null;
}

function run(series: CountSeries, control: OutbreakPControl): DetectionOutcome {
  const range = resolveRange(series, control.range, 1, 'algo.outbreakP');
  if (!range.ok) return { ok: false, error: range.error };
  const { from, to } = range;
  const x = series.observed;
  for (let i = 0; i < to; i++) {
    if (Number.isNaN(x[i])) {
      return fail(
        'observed',
        `missing value at t = ${i + 1}: algo.outbreakP needs every count up to t = ${to}`,
      );
    }
  }
  const ws = new Workspace(to);
  const upperbound: Cell[] = [];
  const alarm: Cell[] = [];
  for (let i = from; i <= to; i++) {
    const stat = statistic(x, i, x[i - 1]!, ws);
    alarm.push(Number.isNaN(stat) ? null : stat > control.k ? 1 : 0);
    upperbound.push(control.ret === 'cases' ? casesBound(x, i, stat, control, ws) : stat);
  }
  const t = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return ok({ t, upperbound, alarm, extra: {} });
}

export const outbreakP: DetectionMethod<OutbreakPControl> = {
  name: 'algo.outbreakP',
  control: outbreakPControl,
  run,
};
