import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { outbreakP, outbreakPStatistic } from './outbreak-p.js';
import type { CountSeries, DetectionResult } from './types.js';

/** `expect.stringMatching`, typed for use inside object literals. */
const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern);

const series = (observed: number[]): CountSeries => ({
  observed: Float64Array.from(observed),
  frequency: 52,
});

function detect(observed: number[], control: unknown = {}): DetectionResult {
  const outcome = outbreakP.run(series(observed), outbreakP.control.parse(control));
  if (!outcome.ok) throw new Error(outcome.error.reason);
  return outcome.value;
}

const statistic = (x: number[]) => outbreakPStatistic(Float64Array.from(x));

/**
 * The statistic by another route: the isotonic fit by its min-max formula
 * `xhat_j = max_{a <= j} min_{b >= j} mean(x_a..x_b)` and the product summed in logs.
 */
function bruteForce(x: number[]): number {
  const n = x.length;
  const xbar = x.reduce((a, b) => a + b, 0) / n;
  let log = 0;
  for (let j = 0; j < n; j++) {
    let fit = -Infinity;
    for (let a = 0; a <= j; a++) {
      let low = Infinity;
      for (let b = j; b < n; b++) {
        const slice = x.slice(a, b + 1);
        low = Math.min(low, slice.reduce((s, v) => s + v, 0) / slice.length);
      }
      fit = Math.max(fit, low);
    }
    if (x[j]! > 0) log += x[j]! * Math.log(fit / xbar);
  }
  return Math.exp(log);
}

describe('outbreakP statistic', () => {
  test('hand-computed: (0, 0, 2) -> fit (0, 0, 2), mean 2/3, OP = 3^2 = 9', () => {
    expect(statistic([0, 0, 2])).toBeCloseTo(9, 13);
  });

  test('hand-computed: a decrease is pooled, (2, 0) -> fit (1, 1) = mean, OP = 1', () => {
    expect(statistic([2, 0])).toBe(1);
  });

  test('all zeros: 0/0 factors count as 1', () => {
    expect(statistic([0, 0, 0])).toBe(1);
  });

  test('large counts: underflow to 0 then overflow to Inf gives NaN, as in R', () => {
    // (500.5 / 1333.7)^1000 underflows to 0, (3000 / 1333.7)^3000 overflows.
    expect(statistic([1000, 1, 3000])).toBeNaN();
  });

  test('equals the min-max isotonic fit with the product taken in logs', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 25 }), (x) => {
        const expected = bruteForce(x);
        expect(Math.abs(statistic(x) - expected)).toBeLessThanOrEqual(1e-9 * expected);
      }),
    );
  });
});

describe('algo.outbreakP', () => {
  const y = [1, 0, 3, 1, 2, 3, 5, 4, 7, 3, 5, 8, 16, 23, 33, 34, 48]; // the example of R's help page

  test('value: upperbound is the statistic of the series up to t; alarm when it exceeds k', () => {
    const r = detect(y);
    expect(r.t).toEqual(y.map((_, i) => i + 1));
    r.t.forEach((t, i) => {
      const op = statistic(y.slice(0, t));
      expect(r.upperbound[i]).toBe(op);
      expect(r.alarm[i]).toBe(op > 100 ? 1 : 0);
    });
    expect(r.alarm.slice(-3)).toEqual([1, 1, 1]);
  });

  test('cases: the count at t that changes the alarm state', () => {
    const r = detect(y, { ret: 'cases' });
    expect(r.upperbound[0]).toBeNull(); // the first point, k >= 1
    r.t.forEach((t, i) => {
      const u = r.upperbound[i];
      if (t === 1 || u === null || u === undefined) return;
      const at = (count: number) => statistic([...y.slice(0, t - 1), count]) > 100;
      expect(at(u)).toBe(true);
      if (u > 0) expect(at(u - 1)).toBe(false);
    });
  });

  test('cases: NA when no count up to maxUpperboundCases alarms, or when lowering never ends the alarm', () => {
    expect(detect([5, 5, 5], { ret: 'cases', maxUpperboundCases: 8, range: [3, 3] }).upperbound).toEqual([
      null,
    ]);
    // After a steep rise, even 0 at t keeps OP > k: lowering reaches 0 without ending the alarm.
    const steep = [0, 0, 0, 0, 0, 50, 60];
    expect(detect(steep, { ret: 'cases', range: [7, 7] })).toMatchObject({ alarm: [1], upperbound: [null] });
  });

  test('a NaN statistic gives an NA alarm (and an NA cases bound)', () => {
    expect(detect([1000, 1, 3000], { range: [3, 3] })).toMatchObject({ upperbound: [NaN], alarm: [null] });
    expect(detect([1000, 1, 3000], { range: [3, 3], ret: 'cases' }).upperbound).toEqual([null]);
  });

  test('a missing count up to the end of the range is refused; later ones do not matter', () => {
    expect(outbreakP.run(series([1, NaN, 3, 4]), outbreakP.control.parse({}))).toMatchObject({
      ok: false,
      error: { field: 'observed', reason: matching(/t = 2/) },
    });
    expect(detect([1, 2, 3, NaN], { range: [1, 3] }).t).toEqual([1, 2, 3]);
  });

  test('controls are validated', () => {
    expect(outbreakP.control.safeParse({ ret: 'both' }).success).toBe(false);
    expect(outbreakP.control.safeParse({ k: -1 }).success).toBe(false);
    expect(outbreakP.control.parse({})).toMatchObject({ k: 100, ret: 'value', maxUpperboundCases: 100000 });
  });
});

describe('outbreakP properties', () => {
  test('a flat series never alarms (OP = 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 1, max: 60 }), (c, n) => {
        const r = detect(new Array<number>(n).fill(c));
        expect(r.alarm).not.toContain(1);
      }),
    );
  });

  test('a non-increasing season never alarms (its isotonic fit is flat)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 40 }), (x) => {
        const r = detect([...x].sort((a, b) => b - a));
        expect(r.alarm).not.toContain(1);
      }),
    );
  });
});
