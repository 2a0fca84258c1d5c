import { z } from 'zod';
import { fitIrls } from '../glm/irls.js';
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
 * Approximate one-sided Poisson CUSUM — R `surveillance::algo.cusum` (Rossi, Lampugnani & Marchi 1999,
 * Stat. Med. 18:2111; Anscombe variants after Pierce & Schafer 1986, JASA 81:977).
 *
 * With the expected count `m`, each monitored count is standardised, `x_t = trans(y_t, m)`, and
 * `C_t = max(0, C_{t-1} + x_t - k)` from `C_{s-1} = 0`; alarm when `C_t >= h` (greater *or equal*).
 * `upperbound` is the count that would have made `C_t = h` (negative or undefined bounds become 0).
 *
 * `m`: absent/`null` — the mean of every count before the range (one constant); a number or one number per
 * monitored point; `"glm"` — a Poisson GLM `log m_t = b0 + b1 cos(2 pi t / freq) + b2 sin(2 pi t / freq)`
 * fitted on the counts before the range (missing ones dropped) and predicted over the range.
 *
 * Where R differs from the papers or its help, we follow R:
 * - No reset after an alarm unless `reset = true` (added in surveillance 1.24): alarms run on while
 *   the sum stays above `h`.
 * - `m = "glm"`: the help promises a trend and several harmonics; the code fits one harmonic, no trend.
 *   R's time index there is `start[2] + t - 1`; a shift of `t` only re-mixes `cos` and `sin`, so
 *   the fitted means are the same and we use `t` itself (our series carry no `start`).
 * - `anscombe2nd` standardises with `m^(2/3) - m^(-1/3) / 9` but its bound uses `m^(2/3) - m^(1/3) / 9`.
 * - For `trans = "none"` the bound is `h - C_t` (the current sum, not the previous one).
 * - With `m = null` the range must leave a point before it: R would silently use `y_1` as `m` when the
 *   range starts at 1 (`1:0` counts down). `anscombeNegBin` needs surveillance's internal hypergeometric
 *   lookup table and is not offered.
 * - Missing counts: one before the range makes the mean `m` `NA`, and a missing monitored count makes
 *   the sum `NA` from there on; `NA` sums give `NA` alarms and bounds of 0 (R's `upperbound[is.na] <- 0`).
 *   A sum that is already `NaN` (from `m = 0`) stays `NaN` when an `NA` arrives: R's arithmetic on x86-64
 *   keeps the first operand's kind, and the running sum is that operand.
 *   With `reset = true` an `NA` alarm stops R (`if (NA)`); we refuse likewise.
 */

const TRANSFORMS = ['standard', 'rossi', 'anscombe', 'anscombe2nd', 'pearsonNegBin', 'none'] as const;
type Transform = (typeof TRANSFORMS)[number];

const cusumControl = controlSchema({
  k: z.number().min(0, 'k (the reference value) must be >= 0').default(1.04),
  h: z.number().gt(0, 'h (the decision boundary) must be > 0').default(2.26),
  m: z
    .union([z.number().min(0), z.array(z.number().min(0)).min(1), z.literal('glm')], {
      error:
        'm must be null (mean before the range), a number >= 0, one number per monitored point, or "glm"',
    })
    .nullable()
    .optional(),
  trans: z
    .enum(TRANSFORMS, {
      error: (issue) =>
        issue.input === 'anscombeNegBin'
          ? 'trans "anscombeNegBin" is not supported: it needs surveillance\'s internal hypergeometric lookup table'
          : `trans must be one of ${TRANSFORMS.map((t) => `"${t}"`).join(', ')}`,
    })
    .default('standard'),
  /** Negative binomial dispersion (variance `m + alpha m^2`), used by `pearsonNegBin` only. */
  alpha: z.number().min(0, 'alpha must be >= 0').default(0.1),
  reset: z.boolean().default(false),
});
export type CusumControl = z.infer<typeof cusumControl>;

/** `x_t`: the standardised count, as R computes each transformation. */
function standardise(trans: Transform, x: number, m: number, alpha: number): number {
  switch (trans) {
    case 'standard':
      return (x - m) / Math.sqrt(m);
    case 'rossi':
      return (x - 3 * m + 2 * Math.sqrt(x * m)) / (2 * Math.sqrt(m));
    case 'anscombe':
      return (1.5 * (Math.pow(x, 2 / 3) - Math.pow(m, 2 / 3))) / Math.pow(m, 1 / 6);
    case 'anscombe2nd':
      return (
        (Math.pow(x, 2 / 3) - (Math.pow(m, 2 / 3) - Math.pow(m, -1 / 3) / 9)) / ((2 / 3) * Math.pow(m, 1 / 6))
      );
    case 'pearsonNegBin':
      return (x - m) / Math.sqrt(m + alpha * m * m);
    case 'none':
      return x;
  }
}

/** The count that would bring the sum from `before` (= C_{t-1}) to `h`; for "none", `h - now`. */
function backTransform(trans: Transform, m: number, before: number, now: number, c: CusumControl): number {
  const { h, k } = c;
  const room = h + k - before;
  switch (trans) {
    case 'standard':
      return Math.ceil(Math.sqrt(m) * room + m);
    case 'rossi': {
      const sm = Math.sqrt(m);
      const m32 = Math.pow(m, 1.5);
      return (
        2 * h * sm +
        2 * k * sm -
        2 * before * sm +
        5 * m -
        2 * Math.sqrt(4 * m * m + 2 * m32 * h + 2 * m32 * k - 2 * m32 * before)
      );
    }
    case 'anscombe': {
      const v = (2 / 3) * Math.pow(m, 1 / 6) * room + Math.pow(m, 2 / 3);
      return v < 0 ? 0 : Math.pow(v, 1.5);
    }
    case 'anscombe2nd': {
      const v = (2 / 3) * Math.pow(m, 1 / 6) * room + (Math.pow(m, 2 / 3) - Math.pow(m, 1 / 3) / 9);
      return v < 0 ? 0 : Math.pow(v, 1.5);
    }
    case 'pearsonNegBin':
      return Math.sqrt(m + c.alpha * m * m) * room + m;
    case 'none':
      return h - now;
  }
}

/** `m` at each monitored point, and whether it is R's `NA` (a missing count before the range). */
type Expected = { ok: true; m: Float64Array; missing: boolean } | { ok: false; outcome: DetectionOutcome };

function expectedCounts(series: CountSeries, from: number, to: number, c: CusumControl): Expected {
  const y = series.observed;
  const length = to - from + 1;
  const m = new Float64Array(length);
  if (c.m === undefined || c.m === null) {
    let sum = 0;
    for (let i = 0; i < from - 1; i++) sum += y[i]!;
    m.fill(sum / (from - 1));
    return { ok: true, m, missing: Number.isNaN(m[0]) };
  }
  if (typeof c.m === 'number') return { ok: true, m: m.fill(c.m), missing: false };
  if (Array.isArray(c.m)) {
    if (c.m.length !== length) {
      return {
        ok: false,
        outcome: fail('m', `m has ${c.m.length} values but the range has ${length} time points`),
      };
    }
    m.set(c.m);
    return { ok: true, m, missing: false };
  }
  return glmExpected(series, from, to);
}

/** `m = "glm"`: R's `glm(x ~ 1 + cos(2*pi/p*t) + sin(2*pi/p*t), family = poisson())` on `t < from`. */
function glmExpected(series: CountSeries, from: number, to: number): Expected {
  const y = series.observed;
  const omega = (2 * Math.PI) / series.frequency;
  const rows: number[] = [];
  for (let t = 1; t < from; t++) if (!Number.isNaN(y[t - 1])) rows.push(t);
  if (rows.length === 0) {
    return { ok: false, outcome: fail('observed', 'm = "glm" needs at least one count before the range') };
  }
  const x = new Float64Array(rows.length * 3);
  const counts = new Float64Array(rows.length);
  rows.forEach((t, r) => {
    x[3 * r] = 1;
    x[3 * r + 1] = Math.cos(omega * t);
    x[3 * r + 2] = Math.sin(omega * t);
    counts[r] = y[t - 1]!;
  });
  const fit = fitIrls({ x, ncol: 3, y: counts });
  if (!fit.ok) return { ok: false, outcome: fail('m', `m = "glm": the Poisson GLM failed: ${fit.reason}`) };
  // predict() uses only the non-aliased coefficients (R reports aliased ones as NA).
  const beta = Array.from(fit.fit.coefficients, (b) => (Number.isNaN(b) ? 0 : b));
  const m = new Float64Array(to - from + 1);
  for (let t = from; t <= to; t++) {
    const eta = beta[0]! + beta[1]! * Math.cos(omega * t) + beta[2]! * Math.sin(omega * t);
    m[t - from] = Math.max(Math.exp(eta), 2.220446049250313e-16);
  }
  return { ok: true, m, missing: false };
}

function run(series: CountSeries, control: CusumControl): DetectionOutcome {
  // With m estimated from the data, at least one count must precede the range.
  const earliest = control.m === undefined || control.m === null || control.m === 'glm' ? 2 : 1;
  const range = resolveRange(series, control.range, earliest, 'algo.cusum');
  if (!range.ok) return { ok: false, error: range.error };
  const { from, to } = range;
  const expected = expectedCounts(series, from, to, control);
  if (!expected.ok) return expected.outcome;
  const { m, missing: mMissing } = expected;
  const y = series.observed;
  const length = to - from + 1;
  const upperbound: Cell[] = [];
  const alarm: Cell[] = [];
  const cusumColumn: Cell[] = [];
  let before = 0;
  let missing = false; // the sum is R's NA (not merely NaN)
  for (let i = 0; i < length; i++) {
    const t = from + i;
    const yt = y[t - 1]!;
    // A finite sum meets R's NA through a missing count or m; a NaN or NA sum keeps its kind.
    if (!Number.isNaN(before) && (Number.isNaN(yt) || mMissing)) missing = true;
    const x = standardise(control.trans, yt, m[i]!, control.alpha);
    let now = Math.max(0, before + (x - control.k));
    const signal: Cell = missing || Number.isNaN(now) ? null : now >= control.h ? 1 : 0;
    if (control.reset && signal === null) {
      return fail(
        'observed',
        `the CUSUM is undefined at t = ${t} (missing count or m), so reset cannot apply`,
      );
    }
    if (control.reset && signal === 1) now = 0;
    const bound = backTransform(control.trans, m[i]!, before, now, control);
    upperbound.push(Number.isNaN(bound) || bound < 0 ? 0 : bound);
    alarm.push(signal);
    cusumColumn.push(missing ? null : now);
    before = now;
  }
  const mColumn: Cell[] = Array.from(m, (v) => (mMissing ? null : v));
  const t = Array.from({ length }, (_, i) => from + i);
  return ok({ t, upperbound, alarm, extra: { cusum: cusumColumn, m: mColumn } });
}

export const cusum: DetectionMethod<CusumControl> = {
  name: 'algo.cusum',
  control: cusumControl,
  run,
};
