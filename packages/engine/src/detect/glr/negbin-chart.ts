import {
  cFmax,
  NO_MAXIMUM,
  type ChartRun,
  type ChartSettings,
  type Direction,
  type RunChart,
} from './chart.js';

/**
 * The negative binomial intercept charts of R `surveillance` (C routines `glr_nb_window` and `lr_cusum_nb`
 * in `surveillance.c`, the `ret = "cases"` loop of `algo.glrnb`; Höhle and Paul 2008, section 2.1).
 * `y_t ~ NB(mean mu0_t e^kappa, variance mean + alpha mean^2)` after the change; the log likelihood ratio of a
 * window `k..n` is `l(k, kappa) = sum [kappa y_t + (y_t + 1/alpha) log((1 + alpha mu0_t) /
 * (1 + alpha mu0_t e^kappa))]`.
 */

/** R's Newton-Raphson limits for the change estimate: stop below -18, at steps under 1e-6, after 1000. */
const KAPPA_FLOOR = -18;
const KAPPA_STEP = 1e-6;
const MAX_STEPS = 1000;

/** The segment's counts and means with the per-point terms R recomputes in every loop, computed once. */
interface Segment {
  readonly x: Float64Array;
  readonly mu0: Float64Array;
  readonly alpha: number;
  /** `alpha mu0_t`, as R's `nblnk` groups it. */
  readonly alphaMu: Float64Array;
  /** `alpha y_t + 1`, the numerator of the Fisher information. */
  readonly alphaXPlus1: Float64Array;
}

function segment(x: Float64Array, mu0: Float64Array, alpha: number): Segment {
  const length = x.length;
  const scratch = Float64Array.from(x);
  const alphaMu = new Float64Array(length);
  const alphaXPlus1 = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    alphaMu[i] = alpha * mu0[i]!;
    alphaXPlus1[i] = alpha * scratch[i]! + 1;
  }
  return { x: scratch, mu0, alpha, alphaMu, alphaXPlus1 };
}

/** Replaces the count at `n` (R's `myx[pos] <- …`); the per-point terms follow. */
function setCount(s: Segment, n: number, count: number): void {
  s.x[n] = count;
  s.alphaXPlus1[n] = s.alpha * count + 1;
}

/** `l(k, kappa)` over `k..n` (R's `nblnk`). */
function logLikelihoodRatio(s: Segment, kappa: number, k: number, n: number): number {
  const growth = Math.exp(kappa);
  const inverseAlpha = 1 / s.alpha;
  let sum = 0;
  for (let i = k; i <= n; i++) {
    const xi = s.x[i]!;
    const am = s.alphaMu[i]!;
    sum += kappa * xi + (xi + inverseAlpha) * Math.log((1 + am) / (1 + am * growth));
  }
  return sum;
}

/**
 * The maximum-likelihood change for the window `k..n` by R's Newton-Raphson iteration (score over observed
 * information, `nbScore` / `nbFisher`), started at `start`. R's first step compares with 0.4, not with
 * `start`, so a start of exactly 0.4 stops at once.
 */
function changeEstimate(s: Segment, start: number, k: number, n: number): number {
  const { x, mu0, alpha, alphaXPlus1 } = s;
  let previous = 0.4;
  let kappa = start;
  let steps = 0;
  while (kappa > KAPPA_FLOOR && Math.abs(kappa - previous) > KAPPA_STEP && steps < MAX_STEPS) {
    steps++;
    previous = kappa;
    const growth = Math.exp(previous);
    const alphaGrowth = alpha * growth;
    let score = 0;
    let information = 0;
    for (let i = k; i <= n; i++) {
      const m = mu0[i]!;
      const denominator = 1 + alphaGrowth * m;
      score += (x[i]! - growth * m) / denominator;
      information += (m * alphaXPlus1[i]!) / (denominator * denominator);
    }
    kappa = previous + score / (growth * information);
  }
  return kappa;
}

/**
 * `GLR_n`: the largest `l(k, kappa_k)` over the change points `k = low, …, n - Mtilde + 1`, longest window
 * first, each Newton-Raphson started at the previous window's estimate (0.5 for the first). The estimate is
 * clipped to the tested direction with C's `fmax`, so a `NaN` estimate counts as no change, and a `NaN`
 * ratio never becomes the maximum.
 */
function glrAt(s: Segment, n: number, dir: Direction, M: number, Mtilde: number): number {
  const low = M === -1 ? 0 : Math.max(0, n - M);
  const up = n - (Mtilde - 1);
  let best = NO_MAXIMUM;
  let kappa = 0.5;
  for (let k = low; k <= up; k++) {
    kappa = dir * cFmax(0, dir * changeEstimate(s, kappa, k, n));
    const lnk = logLikelihoodRatio(s, kappa, k, n);
    if (lnk > best) best = lnk;
  }
  return best;
}

/** The first `j` in 0, 1, …, `limit` for which `holds(j)`, trying each in turn. */
function firstInOrder(holds: (j: number) => boolean, limit: number): number | undefined {
  for (let j = 0; j <= limit; j++) if (holds(j)) return j;
  return undefined;
}

/** R's answer when counting up never reaches an alarm by `xMax`. */
export const NO_ALARM_CASES = 1e99;

/**
 * `ret = "cases"` for the negative binomial GLR, R's brute-force loop in `algo.glrnb`. At each position up
 * to the segment's alarm: without an alarm there, the smallest count above the observed one that gives an
 * alarm, trying up to `xMax + 1` (none: 1e99); at the alarm, the smallest count that still gives it
 * (none below the observed: `NaN`, R's `NA`). Earlier counts stay as observed, so "an alarm at or before
 * the position" is `GLR_pos >= c.ARL`. R quirks kept: its loop only runs while the count is between 1 and
 * `xMax`, so an observed 0 gives 1e99 (no alarm) or `NA` (alarm), as does an alarm count above `xMax`;
 * positions before `Mtilde - 1` are never tested and give 1e99.
 */
function casesAt(s: Segment, pos: number, gotAlarm: boolean, settings: ChartSettings, xMax: number): number {
  const { cARL, dir, M, Mtilde } = settings;
  const observed = s.x[pos]!;
  const fallback = gotAlarm ? NaN : NO_ALARM_CASES;
  if (!(observed >= 1 && observed <= xMax) || pos < Mtilde - 1) return fallback;
  const alarmWith = (count: number): boolean => {
    setCount(s, pos, count);
    return glrAt(s, pos, dir, M, Mtilde) >= cARL;
  };
  // Step by step, as R does: the alarm is not monotone in the count here (the change estimate's Newton
  // search can diverge for some counts), so a galloping or bisecting search can step over R's answer.
  const found = gotAlarm
    ? firstInOrder((j) => !alarmWith(observed - 1 - j), observed - 1)
    : firstInOrder((j) => alarmWith(observed + 1 + j), Math.floor(xMax - observed));
  setCount(s, pos, observed);
  if (found === undefined) return fallback;
  return gotAlarm ? observed - found : observed + 1 + found;
}

/**
 * The negative binomial GLR chart (`glr_nb_window`): alarm at the first `n` with `GLR_n >= c.ARL`; the first
 * `Mtilde - 1` positions are 0. Unlike the Poisson chart, `M = -1` and `M > 0` share this code.
 */
export function negbinGlrChart(settings: ChartSettings, alpha: number, xMax: number): RunChart {
  const { cARL, dir, ret, M, Mtilde } = settings;
  return (x, mu0): ChartRun => {
    const s = segment(x, mu0, alpha);
    const length = x.length;
    const statistic = new Float64Array(length);
    let alarmAt = -1;
    for (let n = Math.max(0, Mtilde - 1); n < length; n++) {
      statistic[n] = glrAt(s, n, dir, M, Mtilde);
      if (statistic[n]! >= cARL) {
        alarmAt = n;
        break;
      }
    }
    if (ret === 'value') return { alarmAt, bound: statistic };
    const cases = new Float64Array(length);
    const last = alarmAt === -1 ? length - 1 : alarmAt;
    for (let pos = 0; pos <= last; pos++) cases[pos] = casesAt(s, pos, pos === alarmAt, settings, xMax);
    return { alarmAt, bound: cases };
  };
}

/**
 * The negative binomial CUSUM for a fixed change `kappa` (R's `lr_cusum_nb`, used when `theta` is given):
 * `C_n = max(0, C_{n-1} + l_n(kappa))`, alarm at the first `C_n > c.ARL` (strictly). `ret = "cases"` gives
 * R's real-valued back-calculated count that would make `C_n = c.ARL`.
 */
export function negbinLrChart(kappa: number, alpha: number, cARL: number, ret: 'value' | 'cases'): RunChart {
  const growth = Math.exp(kappa);
  return (x, mu0): ChartRun => {
    const length = x.length;
    const bound = new Float64Array(length);
    let previous = 0;
    for (let n = 0; n < length; n++) {
      const xn = x[n]!;
      const logRatio = Math.log((1 + alpha * mu0[n]!) / (1 + alpha * mu0[n]! * growth));
      const z = kappa * xn + (xn + 1 / alpha) * logRatio;
      const statistic = n === 0 ? cFmax(0, z) : cFmax(0, previous + z);
      const carried = n === 0 ? logRatio : previous * alpha + logRatio;
      bound[n] = ret === 'value' ? statistic : -(carried - cARL * alpha) / alpha / (kappa + logRatio);
      if (statistic > cARL) return { alarmAt: n, bound };
      previous = statistic;
    }
    return { alarmAt: -1, bound };
  };
}
