import { pt } from '../../stats/student-t.js';

/**
 * Upper-tail quantile of Student's t with `df` degrees of freedom: the `x` with P(T > x) = `alpha`, R's
 * `qt(1 - alpha, df)`. Our stats module has the CDF only, so the quantile inverts it: P(T > x) = pt(-x) falls
 * strictly in x, which bisection follows down to adjacent doubles (about 60 CDF calls; `CriticalValues` caches them).
 */
export function qtUpper(alpha: number, df: number): number {
  if (!(alpha > 0 && alpha < 1) || !(df > 0)) return NaN;
  if (alpha === 0.5) return 0;
  if (alpha > 0.5) return -qtUpper(1 - alpha, df);
  let lo = 0;
  let hi = 1;
  while (pt(-hi, df) > alpha) {
    lo = hi;
    hi *= 2;
  }
  for (;;) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (pt(-mid, df) > alpha) lo = mid;
    else hi = mid;
  }
  return Math.abs(pt(-lo, df) - alpha) < Math.abs(pt(-hi, df) - alpha) ? lo : hi;
}

/** R's `round(x, 5)`, which Rnssp applies to its t critical values before using them in sigma floors. */
export function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

/**
 * Rnssp's rounded critical values `round(qt(1 - alpha, df), 5)` and our exact `qt(1 - alpha, df)`, memoised
 * per (alpha, rounded, df) for the whole process: every series of a run starts its baseline at 7 values and
 * grows it to B, so each series needs the same ~3 × B quantiles, and a bisection of ~60 CDF calls each made
 * them most of a detection run's time when they were cached per series only. The cache is bounded: df < B
 * for each alpha, and alphas come from the detection rules (a handful).
 */
export class CriticalValues {
  private static readonly shared = new Map<string, Map<number, number>>();
  private readonly cache: Map<number, number>;

  constructor(
    private readonly alpha: number,
    private readonly rounded: boolean,
  ) {
    const key = `${alpha}|${rounded}`;
    let cache = CriticalValues.shared.get(key);
    if (!cache) {
      // A bound on distinct alphas, should a caller sweep them: start again rather than grow without end.
      if (CriticalValues.shared.size >= 64) CriticalValues.shared.clear();
      cache = new Map();
      CriticalValues.shared.set(key, cache);
    }
    this.cache = cache;
  }

  at(df: number): number {
    let value = this.cache.get(df);
    if (value === undefined) {
      const q = qtUpper(this.alpha, df);
      value = this.rounded ? round5(q) : q;
      this.cache.set(df, value);
    }
    return value;
  }
}
