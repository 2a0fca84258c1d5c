import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { pnbinom } from '../stats/discrete.js';
import { bayes, bayes1, bayes2, bayes3 } from './bayes.js';
import type { CountSeries, DetectionMethod, DetectionResult } from './types.js';

const series = (observed: number[], frequency = 52): CountSeries => ({
  observed: Float64Array.from(observed),
  frequency,
});

function detect<C>(method: DetectionMethod<C>, observed: number[], control: unknown = {}): DetectionResult {
  const outcome = method.run(series(observed), method.control.parse(control));
  if (!outcome.ok) throw new Error(outcome.error.reason);
  return outcome.value;
}

describe('algo.bayes1', () => {
  test('an all-zero baseline: NB(1/2, 6/7) has P(0) = 0.926 < 0.95 <= P(<= 1) = 0.992, so U = 1', () => {
    const r = detect(bayes1, [0, 0, 0, 0, 0, 0, 1, 2], { range: [7, 7] });
    expect(r.upperbound).toEqual([1]);
    expect(r.alarm).toEqual([0]); // 1 > 1 is false: the alarm is strict
    expect(detect(bayes1, [0, 0, 0, 0, 0, 0, 2], { range: [7, 7] }).alarm).toEqual([1]);
  });

  test('U is the 95 % quantile of NB(S + 1/2, N / (N + 1))', () => {
    const y = [3, 5, 2, 7, 4, 6, 0];
    const [u] = detect(bayes1, y, { range: [7, 7] }).upperbound as [number];
    expect(Number.isInteger(u)).toBe(true);
    expect(pnbinom(u, 27.5, 6 / 7)).toBeGreaterThanOrEqual(0.95);
    expect(pnbinom(u - 1, 27.5, 6 / 7)).toBeLessThan(0.95);
  });

  test('missing counts are left out of S and N; a missing count at t gives an NA alarm', () => {
    const withNa = detect(bayes1, [NaN, 3, 1, 2, 5, 0, 4], { range: [7, 7] });
    const fiveValues = detect(bayes, [9, 3, 1, 2, 5, 0, 4], { w: 5, range: [7, 7] });
    expect(withNa.upperbound).toEqual(fiveValues.upperbound);
    expect(detect(bayes1, [1, 2, 3, 4, 5, 6, NaN], { range: [7, 7] }).alarm).toEqual([null]);
  });

  test('a baseline without any count: NaN bound (qnbinom with prob 0) and NA alarm', () => {
    const r = detect(bayes1, [NaN, NaN, NaN, NaN, NaN, NaN, 3], { range: [7, 7] });
    expect(r.upperbound).toEqual([NaN]);
    expect(r.alarm).toEqual([null]);
  });
});

describe('algo.bayes2, algo.bayes3 and algo.bayes', () => {
  const y = Array.from({ length: 130 }, (_, i) => (i * 7) % 5);

  test('the presets equal algo.bayes with their fixed values', () => {
    expect(detect(bayes2, y, { range: [59, 130] })).toEqual(
      detect(bayes, y, { b: 1, w: 6, actY: true, range: [59, 130] }),
    );
    expect(detect(bayes3, y, { range: [109, 130] })).toEqual(
      detect(bayes, y, { b: 2, w: 4, actY: false, range: [109, 130] }),
    );
    expect(detect(bayes1, y)).toEqual(detect(bayes, y));
  });

  test('a smaller alpha gives a higher bound', () => {
    const loose = detect(bayes, y, { range: [100, 130] }).upperbound as number[];
    const strict = detect(bayes, y, { alpha: 0.001, range: [100, 130] }).upperbound as number[];
    strict.forEach((u, i) => expect(u).toBeGreaterThanOrEqual(loose[i]!));
  });

  test('presets refuse other values of their fixed controls', () => {
    expect(bayes1.control.safeParse({ alpha: 0.05 }).success).toBe(true);
    const refused = bayes1.control.safeParse({ alpha: 0.01 });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/algo.bayes1 fixes alpha = 0.05/);
  });
});

describe('Bayes properties', () => {
  test('a flat series never alarms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.constantFrom(bayes1, bayes2, bayes3), (c, method) => {
        expect(detect(method, new Array<number>(120).fill(c)).alarm).not.toContain(1);
      }),
      { numRuns: 30 },
    );
  });

  test('bounds are whole numbers and alarms mean y > U', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 7, maxLength: 40 }), (y) => {
        const r = detect(bayes1, y);
        r.upperbound.forEach((u, i) => {
          expect(Number.isInteger(u)).toBe(true);
          expect(r.alarm[i]).toBe(y[r.t[i]! - 1]! > u! ? 1 : 0);
        });
      }),
      { numRuns: 30 },
    );
  });
});
