import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ChartSettings } from './chart.js';
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
