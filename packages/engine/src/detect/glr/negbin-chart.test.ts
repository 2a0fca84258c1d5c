import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ChartSettings } from './chart.js';
import { negbinGlrChart, negbinLrChart, NO_ALARM_CASES } from './negbin-chart.js';
import { poissonGlrChart } from './poisson-chart.js';

const settings = (over: Partial<ChartSettings> = {}): ChartSettings => ({
  cARL: 5,
  dir: 1,
  ret: 'value',
  Mtilde: 1,
  M: -1,
  ...over,
});
const f64 = (values: number[]) => Float64Array.from(values);

const series = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.double({ min: 0.3, max: 6, noNaN: true })), {
    minLength: 1,
    maxLength: 10,
  })
  .map((pairs) => ({ x: pairs.map((p) => p[0]), mu0: pairs.map((p) => p[1]) }));

describe('negbinGlrChart', () => {
  test('one observation: the likelihood ratio at kappa = log(y / mu0) (hand-computed, 200-bit)', () => {
    const run = negbinGlrChart(settings({ cARL: 100 }), 0.5, 1e4)(f64([7]), f64([2]));
    expect(Math.abs(run.bound[0]! - 1.470968833520617)).toBeLessThan(1e-12);
    // A count below the mean: the estimate is clipped to 0 and the ratio is 0.
    expect(negbinGlrChart(settings(), 0.5, 1e4)(f64([1]), f64([2])).bound[0]).toBe(0);
  });

  test('property: with a vanishing dispersion the statistic is the Poisson GLR', () => {
    fc.assert(
      fc.property(series, ({ x, mu0 }) => {
        const nb = negbinGlrChart(settings({ cARL: 1e6 }), 1e-9, 1e4)(f64(x), f64(mu0));
        const pois = poissonGlrChart(settings({ cARL: 1e6 }))(f64(x), f64(mu0));
        for (let n = 0; n < x.length; n++) {
          expect(Math.abs(nb.bound[n]! - pois.bound[n]!)).toBeLessThan(1e-5 * Math.max(1, pois.bound[n]!));
        }
      }),
    );
  });

  test("R's undamped Newton-Raphson can diverge on a large excess and then report no change", () => {
    // 4 cases on a mean of 0.3: the steps overshoot (0.5, 5.8, -1.7, 50, -1e20) and stop below -18, so the
    // estimate is clipped to 0; with alpha = 1 the same excess is found.
    expect(negbinGlrChart(settings(), 0.1, 1e4)(f64([4]), f64([0.3])).bound[0]).toBe(0);
    expect(negbinGlrChart(settings(), 1, 1e4)(f64([4]), f64([0.3])).bound[0]).toBeGreaterThan(3);
  });

  test('Mtilde = 2: the first position is 0 and windows have at least two points', () => {
    const run = negbinGlrChart(settings({ Mtilde: 2, cARL: 100 }), 0.5, 1e4)(f64([0, 9]), f64([1, 1]));
    expect(run.bound[0]).toBe(0);
    const single = negbinGlrChart(settings({ cARL: 100 }), 0.5, 1e4)(f64([9]), f64([1]));
    const pair = negbinGlrChart(settings({ cARL: 100 }), 0.5, 1e4)(f64([0, 9]), f64([1, 1]));
    // With Mtilde = 1 the one-point window {1} gives the maximum; with Mtilde = 2 only {0, 1} is tested.
    expect(pair.bound[1]).toBeCloseTo(single.bound[0]!, 12);
    expect(run.bound[1]).toBeLessThan(pair.bound[1]!);
  });

  /**
   * R's `ret = "cases"` loop literally: move the count at `pos` one step at a time (up without an alarm
   * there, down with one) and rerun the whole chart until the alarm state at or before `pos` flips.
   */
  function bruteForceCases(x: number[], mu0: number[], alpha: number, xMax: number, dir: 1 | -1): number[] {
    const chart = negbinGlrChart(settings({ dir }), alpha, xMax);
    const run = (values: number[]) => {
      const r = chart(f64(values), f64(mu0));
      return r.alarmAt === -1 ? values.length + 1 : r.alarmAt + 1; // R's res$N
    };
    const N = run(x);
    const cases: number[] = [];
    for (let pos = 1; pos <= Math.min(x.length, N); pos++) {
      const myx = [...x];
      const gotAlarm = N <= pos;
      let found: number | undefined;
      while (found === undefined && myx[pos - 1]! <= xMax && myx[pos - 1]! >= 1) {
        myx[pos - 1]! += gotAlarm ? -1 : 1;
        const tmpN = run(myx);
        if (!gotAlarm && tmpN <= pos) found = myx[pos - 1]!;
        if (gotAlarm && tmpN > pos) found = myx[pos - 1]! + 1;
      }
      cases.push(found ?? (gotAlarm ? NaN : NO_ALARM_CASES));
    }
    return cases;
  }

  const sparse = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0.05, max: 6, noNaN: true })), {
      minLength: 1,
      maxLength: 8,
    })
    .map((pairs) => ({ x: pairs.map((p) => p[0]), mu0: pairs.map((p) => p[1]) }));

  test("property: cases equals R's step-by-step search, quirks and diverging searches included", () => {
    fc.assert(
      fc.property(
        fc.oneof(series, sparse),
        fc.constantFrom(0.05, 0.3, 1),
        fc.constantFrom<1 | -1>(1, -1),
        ({ x, mu0 }, alpha, dir) => {
          const xMax = 40;
          const run = negbinGlrChart(settings({ ret: 'cases', dir }), alpha, xMax)(f64(x), f64(mu0));
          const expected = bruteForceCases(x, mu0, alpha, xMax, dir);
          expected.forEach((v, i) => expect(run.bound[i]).toBe(v));
        },
      ),
      { numRuns: 80 },
    );
  });

  test('cases where the alarm is not monotone in the count: found step by step, as R does', () => {
    // fast-check's counterexample: a galloping search over the counts (3, 4, 6, 10, …) found no alarm at the
    // first position and answered 1e99; R's step-by-step loop finds it at 5.
    const x = [2, 0];
    const mu0 = [0.4369375229564423, 0.3];
    const run = negbinGlrChart(settings({ ret: 'cases' }), 0.05, 40)(f64(x), f64(mu0));
    expect(run.bound[0]).toBe(5);
    expect(Array.from(run.bound)).toEqual(bruteForceCases(x, mu0, 0.05, 40, 1));
  });

  test('cases quirks: an observed 0 gives 1e99 without an alarm', () => {
    const run = negbinGlrChart(settings({ ret: 'cases' }), 0.3, 1e4)(f64([0, 2]), f64([1, 1]));
    expect(run.bound[0]).toBe(NO_ALARM_CASES);
    expect(run.bound[1]).toBeGreaterThan(2);
    expect(run.bound[1]).toBeLessThan(20);
  });
});

describe('negbinLrChart (fixed kappa)', () => {
  test('hand-computed CUSUM step and back-calculated count', () => {
    const kappa = Math.log(2);
    const alpha = 0.5;
    const logRatio = Math.log((1 + alpha * 2) / (1 + alpha * 2 * 2));
    const run = negbinLrChart(kappa, alpha, 5, 'value')(f64([6]), f64([2]));
    expect(run.bound[0]).toBeCloseTo(6 * kappa + (6 + 2) * logRatio, 14);
    const cases = negbinLrChart(kappa, alpha, 5, 'cases')(f64([6]), f64([2])).bound[0]!;
    // The back-calculated count puts the CUSUM exactly at c.ARL.
    expect(cases * kappa + (cases + 1 / alpha) * logRatio).toBeCloseTo(5, 12);
  });
});
