import {
  cFmax,
  NO_MAXIMUM,
  type ChartRun,
  type ChartSettings,
  type Direction,
  type RunChart,
} from './chart.js';
import { firstHolding } from './search.js';

/**
 * The Poisson intercept charts of R `surveillance` (C routines `glr_cusum`, `glr_cusum_window` and
 * `lr_cusum` in `surveillance.c`; Höhle and Paul 2008, section 2). Under the change the mean is
 * `mu0_t e^kappa`; for a window `k..n` with `S_y = sum y_t`, `S_mu = sum mu0_t` the likelihood ratio at the
 * maximum-likelihood `kappa = log(S_y / S_mu)` (clipped to the tested direction) is
 * `kappa S_y + (1 - e^kappa) S_mu`, which makes the Poisson GLR a cheap running sum.
 */

/**
 * `GLR_n` over all change points `k = n, n-1, …, 0` (R's `glr`), with the count at `n` taken as `xn`.
 * Summing backwards from `n` gives every window's sums in one pass, in the order R adds them.
 */
function glrAll(x: Float64Array, mu0: Float64Array, n: number, xn: number, dir: Direction): number {
  let sumX = 0;
  let sumMu = 0;
  let best = NO_MAXIMUM;
  for (let k = n; k >= 0; k--) {
    sumX += k === n ? xn : x[k]!;
    sumMu += mu0[k]!;
    const kappa = dir * cFmax(0, dir * Math.log(sumX / sumMu));
    const lr = kappa * sumX + (1 - Math.exp(kappa)) * sumMu;
    if (lr > best) best = lr;
  }
  return best;
}

/**
 * Window-limited `GLR_n` (R's `glr_window`): change points `k = n - Mtilde, …, max(0, n - M)`. R first sums
 * the last `Mtilde` points and only then starts testing, so the shortest window has `Mtilde + 1` points
 * (the negative binomial chart's has `Mtilde`); reproduced as R computes it.
 */
function glrWindow(
  x: Float64Array,
  mu0: Float64Array,
  n: number,
  xn: number,
  dir: Direction,
  M: number,
  Mtilde: number,
): number {
  let sumX = 0;
  let sumMu = 0;
  for (let l = n - Mtilde + 1; l <= n; l++) {
    sumX += l === n ? xn : x[l]!;
    sumMu += mu0[l]!;
  }
  let best = NO_MAXIMUM;
  const low = Math.max(0, n - M);
  for (let k = n - Mtilde; k >= low; k--) {
    sumX += k === n ? xn : x[k]!;
    sumMu += mu0[k]!;
    const kappa = dir * cFmax(0, dir * Math.log(sumX / sumMu));
    const lr = kappa * sumX + (1 - Math.exp(kappa)) * sumMu;
    if (lr > best) best = lr;
  }
  return best;
}

/**
 * The count at `n` at which the chart's alarm state flips (R's `ret = "cases"` loop): counting up from 0,
 * the first count whose GLR reaches `c.ARL` (`dir = "inc"`), or falls to `c.ARL` or below (`"dec"`).
 * Found by galloping and bisection after trying 0 (see `firstHolding` for why this is R's answer); `NaN`
 * where R's loop would never end.
 */
function casesFor(glrAt: (xn: number) => number, cARL: number, dir: Direction): number {
  return firstHolding((xn) => !(dir * glrAt(xn) < cARL * dir), 0) ?? NaN;
}

/**
 * The Poisson GLR chart (`glr_cusum`, or `glr_cusum_window` when `M > 0`). Alarm at the first `n` with
 * `GLR_n >= c.ARL`. Quirks kept from R: without a window the first `Mtilde - 1` positions are 0 and every
 * change point `k <= n` is tested (`Mtilde` only delays the start); with a window the first `Mtilde`
 * positions are never computed and stay 0.
 */
export function poissonGlrChart(settings: ChartSettings): RunChart {
  const { cARL, dir, ret, M, Mtilde } = settings;
  const windowed = M > 0;
  return (x, mu0): ChartRun => {
    const length = x.length;
    const bound = new Float64Array(length);
    const glrAt = windowed
      ? (n: number, xn: number) => glrWindow(x, mu0, n, xn, dir, M, Mtilde)
      : (n: number, xn: number) => glrAll(x, mu0, n, xn, dir);
    const first = windowed ? Mtilde : Math.max(0, Mtilde - 1);
    for (let n = first; n < length; n++) {
      const glr = glrAt(n, x[n]!);
      bound[n] = ret === 'value' ? glr : casesFor((xn) => glrAt(n, xn), cARL, dir);
      if (glr >= cARL) return { alarmAt: n, bound };
    }
    return { alarmAt: -1, bound };
  };
}

/**
 * The Poisson CUSUM for a fixed change `kappa` (R's `lr_cusum`, used when `theta` is given):
 * `C_n = max(0, C_{n-1} + kappa y_n + (1 - e^kappa) mu0_n)`, alarm at the first `C_n > c.ARL` (strictly
 * greater, unlike the GLR charts). `ret = "cases"` gives the real-valued count that would make
 * `C_n = c.ARL`: `(c.ARL - C_{n-1} + mu0_n (e^kappa - 1)) / kappa`.
 */
export function poissonLrChart(kappa: number, cARL: number, ret: 'value' | 'cases'): RunChart {
  const growth = Math.exp(kappa);
  return (x, mu0): ChartRun => {
    const length = x.length;
    const bound = new Float64Array(length);
    let previous = 0;
    for (let n = 0; n < length; n++) {
      const z = kappa * x[n]! + (1 - growth) * mu0[n]!;
      const statistic = n === 0 ? cFmax(0, z) : cFmax(0, previous + z);
      const cases = ((n === 0 ? cARL : cARL - previous) + mu0[n]! * (growth - 1)) / kappa;
      bound[n] = ret === 'value' ? statistic : cases;
      if (statistic > cARL) return { alarmAt: n, bound };
      previous = statistic;
    }
    return { alarmAt: -1, bound };
  };
}
