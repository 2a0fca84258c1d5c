import { z } from 'zod';
import { qnorm } from '../stats/normal.js';
import { controlSchema } from './control.js';
import { resolveRange } from './default-range.js';
import { ok, type Cell, type CountSeries, type DetectionMethod, type DetectionOutcome } from './types.js';

/**
 * EARS C1, C2 and C3 — R `surveillance::earsC` (Salmon, Schumacher & Höhle 2016, JSS 70(10));
 * methods of Hutwagner et al. (2003) as described by Fricker, Hegler & Dunfee (2008).
 *
 * With `B = baseline`, `z = qnorm(1 - alpha)`, `sigma(s) = max(s, minSigma)`:
 * - C1: window `y[t-B] .. y[t-1]`, `U = mean + z · sigma(sd)`;
 * - C2: the same on `y[t-B-2] .. y[t-3]` (a two-point guard band);
 * - C3: with `C2_j = (y_j - mean2_j) / sigma(sd2_j)` on C2 windows,
 *   `U = max(0, y_t + sigma(sd2_t) · (z - max(0, C2_{t-2} - 1) - max(0, C2_{t-1} - 1)))`.
 * Alarm when `y_t > U`. Daily and weekly data are treated alike (indices only).
 *
 * Where R differs from the paper or its help, we follow R:
 * - `z` is one-sided, `qnorm(1 - alpha)`, although the help calls the interval two-sided.
 * - C3's published statistic sums `max(0, C2_i - 1)` over `i = t-2 .. t`; R's bound leaves out `C2_t`,
 *   so while the bound is positive the alarm does not depend on `y_t` at all.
 * - `alpha` defaults to 0.001 for C1/C2 but to 0.025 for C3 (CDC's choices, R's rule).
 * - A constant window (`sd = 0`, `minSigma = 0`) gives `U = mean` in C1/C2; in C3 it divides by zero and
 *   the `Inf`/`NaN` flows on exactly as in R (`pmax(0, NaN)` is `NaN`): `NaN` bound, `NA` alarm.
 * - A missing count in a window makes the bound `NA`; a missing `y_t` makes the alarm `NA`. Where `NA`
 *   and `NaN` meet in one C3 bound, R's arithmetic on x86-64 keeps the first operand's kind
 *   (`NaN + NA` is `NaN`, `NA + NaN` is `NA`); we follow that, operand by operand.
 * - R's C3 breaks on a one-point range (its `apply` then runs over the wrong margin and R stops); we
 *   compute that point like any other.
 */

const controlShape = {
  method: z.enum(['C1', 'C2', 'C3'], { error: 'method must be "C1", "C2" or "C3"' }).default('C1'),
  baseline: z
    .number()
    .int('baseline must be a whole number')
    .min(3, 'baseline must be at least 3 (R: "Minimum baseline to use is 3.")')
    .default(7),
  minSigma: z.number().min(0, 'minSigma must be >= 0 (R: it "needs to be positive")').default(0),
  /** Absent: 0.001 for C1 and C2, 0.025 for C3 (R's rule). */
  alpha: z.number().gt(0, 'alpha must be in (0, 1)').lt(1, 'alpha must be in (0, 1)').optional(),
};

const earsCControl = controlSchema(controlShape);
export type EarsCControl = z.infer<typeof earsCControl>;

/** Lag from `t` to the newest value of the method's window. */
const WINDOW_LAG = { C1: 1, C2: 3, C3: 3 } as const;
/** How much earlier than the window the method reaches (C3 needs C2 of `t-2`). */
const EXTRA_REACH = { C1: 0, C2: 0, C3: 2 } as const;

/**
 * Mean, sd and missingness of `y[lo .. lo+B-1]` (0-based), written into `out` = [mean, sd, missing]
 * so that the per-point loop allocates nothing.
 */
function windowStats(y: Float64Array, lo: number, B: number, out: Float64Array): void {
  let sum = 0;
  let missing = 0;
  for (let i = lo; i < lo + B; i++) {
    const v = y[i]!;
    if (Number.isNaN(v)) missing = 1;
    sum += v;
  }
  const m = sum / B;
  let squares = 0;
  for (let i = lo; i < lo + B; i++) {
    const d = y[i]! - m;
    squares += d * d;
  }
  out[0] = m;
  out[1] = Math.sqrt(squares / (B - 1));
  out[2] = missing;
}

function alarmOf(y: number, bound: Cell): Cell {
  if (bound === null || Number.isNaN(bound) || Number.isNaN(y)) return null;
  return y > bound ? 1 : 0;
}

function runC1C2(y: Float64Array, from: number, to: number, c: EarsCControl, z: number) {
  const B = c.baseline;
  const lag = WINDOW_LAG[c.method];
  const stats = new Float64Array(3);
  const upperbound: Cell[] = [];
  const alarm: Cell[] = [];
  for (let t = from; t <= to; t++) {
    windowStats(y, t - lag - B, B, stats);
    const bound = stats[2] ? null : stats[0]! + z * Math.max(stats[1]!, c.minSigma);
    upperbound.push(bound);
    alarm.push(alarmOf(y[t - 1]!, bound));
  }
  return { upperbound, alarm };
}

function runC3(y: Float64Array, from: number, to: number, c: EarsCControl, z: number) {
  const B = c.baseline;
  const first = from - 2; // C3 at `from` needs C2 of `from - 2`
  const count = to - first + 1;
  const c2 = new Float64Array(count);
  const c2Missing = new Uint8Array(count);
  const sigma = new Float64Array(count);
  const windowMissing = new Uint8Array(count);
  const stats = new Float64Array(3);
  for (let k = 0; k < count; k++) {
    const j = first + k;
    windowStats(y, j - 3 - B, B, stats);
    const yj = y[j - 1]!;
    sigma[k] = Math.max(stats[1]!, c.minSigma);
    windowMissing[k] = stats[2]!;
    c2Missing[k] = stats[2] || Number.isNaN(yj) ? 1 : 0;
    c2[k] = (yj - stats[0]!) / sigma[k]!;
  }
  const upperbound: Cell[] = [];
  const alarm: Cell[] = [];
  for (let k = 2; k < count; k++) {
    const yt = y[first + k - 1]!;
    let bound: Cell;
    // R: y_t + sigma_t * (z - (lag2 + lag1)); an NA or NaN operand decides in that order.
    if (Number.isNaN(yt) || windowMissing[k] || c2Missing[k - 2]) {
      bound = null;
    } else if (Number.isNaN(c2[k - 2])) {
      bound = NaN;
    } else if (c2Missing[k - 1]) {
      bound = null;
    } else {
      const lag2 = Math.max(0, c2[k - 2]! - 1);
      const lag1 = Math.max(0, c2[k - 1]! - 1);
      bound = Math.max(0, yt + sigma[k]! * (z - (lag2 + lag1)));
    }
    upperbound.push(bound);
    alarm.push(alarmOf(yt, bound));
  }
  return { upperbound, alarm };
}

function run(series: CountSeries, control: EarsCControl): DetectionOutcome {
  const { method, baseline } = control;
  const earliest = baseline + WINDOW_LAG[method] + EXTRA_REACH[method];
  const range = resolveRange(series, control.range, earliest, `earsC ${method} with baseline ${baseline}`);
  if (!range.ok) return { ok: false, error: range.error };
  const alpha = control.alpha ?? (method === 'C3' ? 0.025 : 0.001);
  const z = qnorm(1 - alpha);
  const y = series.observed;
  const { from, to } = range;
  const columns = method === 'C3' ? runC3(y, from, to, control, z) : runC1C2(y, from, to, control, z);
  const t = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return ok({ t, ...columns, extra: {} });
}

export const earsC: DetectionMethod<EarsCControl> = {
  name: 'earsC',
  control: earsCControl,
  run,
};
