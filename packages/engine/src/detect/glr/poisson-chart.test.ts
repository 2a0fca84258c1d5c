import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cFmax, type ChartSettings, type Direction } from './chart.js';
import { poissonGlrChart, poissonLrChart } from './poisson-chart.js';

const settings = (over: Partial<ChartSettings> = {}): ChartSettings => ({
  cARL: 5,
  dir: 1,
  ret: 'value',
  Mtilde: 1,
  M: -1,
  ...over,
});
const f64 = (values: number[]) => Float64Array.from(values);

/** The Poisson GLR by its definition: every window `k..n`, `kappa` = clipped log of the ratio of sums. */
function naiveGlr(x: number[], mu0: number[], n: number): number {
  let best = -Infinity;
  for (let k = 0; k <= n; k++) {
    let sy = 0;
    let sm = 0;
    for (let t = k; t <= n; t++) {
      sy += x[t]!;
      sm += mu0[t]!;
    }
    const kappa = Math.max(0, Math.log(sy / sm));
    best = Math.max(best, kappa * sy + (1 - Math.exp(kappa)) * sm);
  }
  return best;
}

describe('poissonGlrChart', () => {
  test('hand-computed statistic: one case too many is not enough, seven in a week are', () => {
    const quiet = poissonGlrChart(settings())(f64([0, 3]), f64([1, 1]));
    expect(quiet.alarmAt).toBe(-1);
    expect(quiet.bound[0]).toBe(0);
    expect(quiet.bound[1]).toBeCloseTo(3 * Math.log(3) - 2, 14);
    const loud = poissonGlrChart(settings())(f64([0, 7, 0]), f64([1, 1, 1]));
    expect(loud.alarmAt).toBe(1);
    expect(loud.bound[1]).toBeCloseTo(7 * Math.log(7) - 6, 14);
  });

  test('cases: the smallest count whose GLR reaches c.ARL (6: 6 ln 6 - 5 >= 5 > 5 ln 5 - 4)', () => {
    const run = poissonGlrChart(settings({ ret: 'cases' }))(f64([0, 3]), f64([1, 1]));
    expect(Array.from(run.bound)).toEqual([6, 6]);
  });

  test("dir = 'dec': a run of low counts alarms; zero counts give R's NaN ratios and never do", () => {
    const low = poissonGlrChart(settings({ dir: -1 }))(f64([1, 1, 1]), f64([5, 5, 5]));
    expect(low.alarmAt).toBe(2);
    expect(low.bound[2]).toBeCloseTo(3 * Math.log(0.2) + 0.8 * 15, 12);
    const zeros = poissonGlrChart(settings({ dir: -1 }))(f64([0, 0, 0]), f64([5, 5, 5]));
    expect(zeros.alarmAt).toBe(-1);
    expect(Array.from(zeros.bound)).toEqual([-1e99, -1e99, -1e99]);
  });

  test('window M = 2: position 0 stays 0 and only the two-point window is tested (R quirk)', () => {
    const run = poissonGlrChart(settings({ M: 2, cARL: 100 }))(f64([9, 0, 4]), f64([1, 1, 1]));
    expect(run.bound[0]).toBe(0);
    // n = 1: window 0..1 (sum 9 over 2); n = 2: windows 1..2 (4 over 2) and 0..2 (13 over 3).
    expect(run.bound[1]).toBeCloseTo(9 * Math.log(4.5) - 7, 12);
    expect(run.bound[2]).toBeCloseTo(13 * Math.log(13 / 3) - 10, 12);
  });

  test('Mtilde = 3 without a window only delays the start', () => {
    const run = poissonGlrChart(settings({ Mtilde: 3 }))(f64([4, 0, 0, 1]), f64([1, 1, 1, 1]));
    expect(Array.from(run.bound.subarray(0, 2))).toEqual([0, 0]);
    expect(run.bound[2]).toBeCloseTo(naiveGlr([4, 0, 0], [1, 1, 1], 2), 12);
  });

  const series = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 15 }), fc.double({ min: 0.2, max: 8, noNaN: true })), {
      minLength: 1,
      maxLength: 12,
    })
    .map((pairs) => ({ x: pairs.map((p) => p[0]), mu0: pairs.map((p) => p[1]) }));

  test('property: the statistic is the definition, up to the first alarm', () => {
    fc.assert(
      fc.property(series, ({ x, mu0 }) => {
        const run = poissonGlrChart(settings())(f64(x), f64(mu0));
        const last = run.alarmAt === -1 ? x.length - 1 : run.alarmAt;
        for (let n = 0; n <= last; n++) {
          const expected = naiveGlr(x, mu0, n);
          expect(Math.abs(run.bound[n]! - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected));
          expect(run.bound[n]! >= 5).toBe(n === run.alarmAt);
        }
      }),
    );
  });

  test("property: cases is R's count-up answer (the first count from 0 whose GLR reaches c.ARL)", () => {
    fc.assert(
      fc.property(series, ({ x, mu0 }) => {
        const run = poissonGlrChart(settings({ ret: 'cases' }))(f64(x), f64(mu0));
        const last = run.alarmAt === -1 ? x.length - 1 : run.alarmAt;
        for (let n = 0; n <= last; n++) {
          const glrWith = (count: number) => naiveGlr([...x.slice(0, n), count], mu0, n);
          let count = 0;
          while (glrWith(count) < 5) count++;
          expect(run.bound[n]).toBe(count);
          expect(x[n]! >= count).toBe(n === run.alarmAt);
        }
      }),
    );
  });
});

/**
 * R's `glr` / `glr_window` (surveillance.c) at `n` with the count there replaced by `count`, written out
 * from the definition: without a window (`M = -1`) every change point `k = n, …, 0`; with one, the last
 * `Mtilde` points summed first, then `k = n - Mtilde, …, max(0, n - M)`. `kappa` is clipped to the direction
 * with C's `fmax` and a `NaN` ratio (a zero sum with `dir = -1`) never becomes the maximum.
 */
function glrByDefinition(
  x: number[],
  mu0: number[],
  n: number,
  count: number,
  dir: Direction,
  M: number,
  Mtilde: number,
): number {
  const y = (t: number) => (t === n ? count : x[t]!);
  let sumX = 0;
  let sumMu = 0;
  let highest = M > 0 ? n - Mtilde : n;
  for (let t = highest + 1; t <= n; t++) {
    sumX += y(t);
    sumMu += mu0[t]!;
  }
  const lowest = M > 0 ? Math.max(0, n - M) : 0;
  let best = -1e99;
  for (; highest >= lowest; highest--) {
    sumX += y(highest);
    sumMu += mu0[highest]!;
    const kappa = dir * cFmax(0, dir * Math.log(sumX / sumMu));
    const lr = kappa * sumX + (1 - Math.exp(kappa)) * sumMu;
    if (lr > best) best = lr;
  }
  return best;
}

/**
 * R's `ret = "cases"` loop in `glr_cusum` / `glr_cusum_window` literally: try the counts 0, 1, 2, … at `n`
 * until `dir GLR_n < dir c.ARL` fails (`GLR_n >= c.ARL` for "inc", `GLR_n <= c.ARL` for "dec").
 */
function countByCount(x: number[], mu0: number[], n: number, s: ChartSettings): number {
  for (let count = 0; count <= 100_000; count++) {
    const glr = glrByDefinition(x, mu0, n, count, s.dir, s.M, s.Mtilde);
    if (!(s.dir * glr < s.cARL * s.dir)) return count;
  }
  throw new Error(`R's loop does not end by 100000 at n = ${n}`);
}

describe("poissonGlrChart cases: the search gives R's count-by-count answer", () => {
  const dense = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 15 }), fc.double({ min: 0.2, max: 12, noNaN: true })), {
      minLength: 1,
      maxLength: 12,
    })
    .map((pairs) => ({ x: pairs.map((p) => p[0]), mu0: pairs.map((p) => p[1]) }));
  // Mostly zeros: the windows of zero sum that give NaN ratios with dir = "dec".
  const sparse = fc
    .array(
      fc.tuple(
        fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 4 })),
        fc.double({ min: 0.01, max: 20, noNaN: true }),
      ),
      { minLength: 1, maxLength: 12 },
    )
    .map((pairs) => ({ x: pairs.map((p) => p[0]), mu0: pairs.map((p) => p[1]) }));
  // Every variant the control schema accepts: dir, Mtilde >= 1, M = -1 or M >= Mtilde, any positive c.ARL.
  const variant = fc
    .record({
      dir: fc.constantFrom<Direction>(1, -1),
      Mtilde: fc.integer({ min: 1, max: 3 }),
      extra: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
      cARL: fc.constantFrom(0.05, 0.5, 2, 5, 12),
    })
    .map(({ dir, Mtilde, extra, cARL }): ChartSettings => ({
      cARL,
      dir,
      ret: 'cases',
      Mtilde,
      M: extra === undefined ? -1 : Mtilde + extra,
    }));

  test('property: every variant, every position up to the alarm', () => {
    fc.assert(
      fc.property(fc.oneof(dense, sparse), variant, ({ x, mu0 }, s) => {
        const run = poissonGlrChart(s)(f64(x), f64(mu0));
        const first = s.M > 0 ? s.Mtilde : s.Mtilde - 1;
        const glrAt = (n: number) => glrByDefinition(x, mu0, n, x[n]!, s.dir, s.M, s.Mtilde);
        let alarmAt = -1;
        for (let n = first; n < x.length && alarmAt === -1; n++) if (glrAt(n) >= s.cARL) alarmAt = n;
        expect(run.alarmAt).toBe(alarmAt);
        const last = alarmAt === -1 ? x.length - 1 : alarmAt;
        for (let n = 0; n <= last; n++) {
          expect(run.bound[n]).toBe(n < first ? 0 : countByCount(x, mu0, n, s));
        }
      }),
      { numRuns: 400 },
    );
  });

  test("dir = 'dec' is not monotone at 0: R's answer 0 comes before an alarm at 1", () => {
    // One point, mean 10. Count 0: the only window has sum 0, a NaN ratio, so GLR = -1e99 <= c.ARL and R's
    // loop stops at once. Count 1: ln(0.1) + 9 = 6.70 > 5 (a decrease alarm); count 2: 2 ln(0.2) + 8 = 4.78.
    const s = settings({ dir: -1, ret: 'cases' });
    expect(glrByDefinition([0], [10], 0, 1, -1, -1, 1)).toBeCloseTo(Math.log(0.1) + 9, 12);
    expect(glrByDefinition([0], [10], 0, 2, -1, -1, 1)).toBeLessThan(5);
    expect(Array.from(poissonGlrChart(s)(f64([0]), f64([10])).bound)).toEqual([0]);
    // After a 3 the two-point window is finite at count 0 (3 ln 0.15 + 17 = 11.3 > 5); counting up, the
    // first GLR <= 5 is at 5 (8 ln 0.4 + 12 = 4.67; at 4, 7 ln 0.35 + 13 = 5.65).
    const run = poissonGlrChart(s)(f64([3, 0]), f64([10, 10]));
    expect(run.bound[1]).toBe(5);
    expect(countByCount([3, 0], [10, 10], 1, s)).toBe(5);
  });
});

describe('poissonLrChart (fixed kappa)', () => {
  test('hand-computed CUSUM and back-calculated cases, alarm strictly above c.ARL', () => {
    const kappa = Math.log(2);
    const value = poissonLrChart(kappa, 5, 'value')(f64([3, 0, 4]), f64([1, 1, 1]));
    const c0 = 3 * kappa - 1;
    expect(value.bound[0]).toBeCloseTo(c0, 14);
    expect(value.bound[1]).toBeCloseTo(c0 - 1, 14);
    expect(value.bound[2]).toBeCloseTo(c0 - 1 + 4 * kappa - 1, 14);
    const cases = poissonLrChart(kappa, 5, 'cases')(f64([3, 0, 4]), f64([1, 1, 1]));
    expect(cases.bound[0]).toBeCloseTo(6 / kappa, 14);
    expect(cases.bound[1]).toBeCloseTo((5 - c0 + 1) / kappa, 14);
    expect(value.alarmAt).toBe(-1);
    // 8 cases at mu0 = 1: C = 8 ln 2 - 1 = 4.55 < 5, no alarm; 9 cases: 5.24 > 5.
    expect(poissonLrChart(kappa, 5, 'value')(f64([8]), f64([1])).alarmAt).toBe(-1);
    expect(poissonLrChart(kappa, 5, 'value')(f64([9]), f64([1])).alarmAt).toBe(0);
  });
});
