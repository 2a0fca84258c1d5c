import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { qnorm } from '../stats/normal.js';
import { earsC, type EarsCControl } from './ears-c.js';
import type { CountSeries, DetectionResult } from './types.js';

/** `expect.stringMatching`, typed for use inside object literals. */
const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern);

const series = (observed: number[], frequency = 52): CountSeries => ({
  observed: Float64Array.from(observed),
  frequency,
});

/** The first issue of an invalid control, as the registry reports it (field = issue path). */
function refusal(control: unknown) {
  const parsed = earsC.control.safeParse(control);
  const issue = parsed.success ? undefined : parsed.error.issues[0];
  return issue && { field: issue.path.length > 0 ? issue.path.join('.') : 'control', reason: issue.message };
}

function detect(observed: number[], control: Partial<EarsCControl> = {}): DetectionResult {
  const outcome = earsC.run(series(observed), earsC.control.parse(control));
  if (!outcome.ok) throw new Error(outcome.error.reason);
  return outcome.value;
}

const sd = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};

describe('earsC C1 and C2', () => {
  test('C1: mean + qnorm(0.999) sd of the 7 previous counts', () => {
    const r = detect([1, 2, 3, 4, 5, 6, 7, 20]);
    expect(r.t).toEqual([8]);
    expect(r.upperbound[0]).toBeCloseTo(4 + qnorm(0.999) * Math.sqrt(28 / 6), 12);
    expect(r.alarm).toEqual([1]);
  });

  test('C2: the window skips the two most recent counts', () => {
    const y = [1, 2, 3, 4, 5, 6, 7, 100, 100, 9];
    const r = detect(y, { method: 'C2' });
    expect(r.t).toEqual([10]);
    expect(r.upperbound[0]).toBeCloseTo(4 + qnorm(0.999) * sd([1, 2, 3, 4, 5, 6, 7]), 12);
    expect(r.alarm).toEqual([0]);
  });

  test('a constant window gives U = mean, and minSigma lifts it', () => {
    expect(detect([3, 3, 3, 3, 3, 3, 3, 4]).upperbound).toEqual([3]);
    expect(detect([3, 3, 3, 3, 3, 3, 3, 4]).alarm).toEqual([1]);
    const lifted = detect([3, 3, 3, 3, 3, 3, 3, 4], { minSigma: 0.5 });
    expect(lifted.upperbound[0]).toBeCloseTo(3 + 0.5 * qnorm(0.999), 12);
    expect(lifted.alarm).toEqual([0]);
  });

  test('alpha and baseline change the bound', () => {
    const y = [1, 2, 3, 4, 5, 6, 7];
    const r = detect([...y, 9], { alpha: 0.05, baseline: 5, range: [8, 8] });
    expect(r.upperbound[0]).toBeCloseTo(5 + qnorm(0.95) * sd([3, 4, 5, 6, 7]), 12);
  });

  test('a missing count in the window gives an NA bound; a missing count at t an NA alarm', () => {
    const y = [1, 2, NaN, 4, 5, 6, 7, 8, NaN];
    const r = detect(y, { range: [8, 9] });
    expect(r.upperbound[0]).toBeNull();
    expect(r.alarm).toEqual([null, null]);
    const late = detect([1, 2, 3, 4, 5, 6, 7, NaN], { range: [8, 8] });
    expect(late.upperbound[0]).toBeCloseTo(4 + qnorm(0.999) * Math.sqrt(28 / 6), 12);
    expect(late.alarm).toEqual([null]);
  });
});

describe('earsC C3', () => {
  test("R's bound: y_t + sd2_t (z - max(0, C2_{t-2} - 1) - max(0, C2_{t-1} - 1))", () => {
    // Counts whose C2 windows are easy to follow: 1..9 then two spikes and the monitored point.
    const y = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 40, 5];
    const r = detect(y, { method: 'C3', range: [13, 13] });
    const c2 = (j: number) => {
      const w = y.slice(j - 10, j - 3); // y[j-9 .. j-3] (1-based)
      const m = w.reduce((a, b) => a + b, 0) / 7;
      return (y[j - 1]! - m) / sd(w);
    };
    const z = qnorm(0.975); // C3's default alpha is 0.025
    const expected = 5 + sd(y.slice(3, 10)) * (z - Math.max(0, c2(11) - 1) - Math.max(0, c2(12) - 1));
    expect(r.upperbound[0]).toBeCloseTo(Math.max(0, expected), 10);
    expect(r.alarm).toEqual([expected < 5 ? 1 : 0]);
  });

  test('zero variance divides by zero: NaN bound and NA alarm, as in R', () => {
    const r = detect(new Array<number>(14).fill(0), { method: 'C3' });
    expect(r.t).toEqual([12, 13, 14]);
    expect(r.upperbound.every((u) => u !== null && Number.isNaN(u))).toBe(true);
    expect(r.alarm).toEqual([null, null, null]);
  });

  test("where NaN and NA meet, the first operand's kind wins as in R (NaN + NA is NaN)", () => {
    // C2 at 12 is 0/0 = NaN, C2 at 13 is NA (y13 missing): the bound at 14 adds NaN + NA.
    const y = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, NaN, 0, 0];
    const r = detect(y, { method: 'C3', range: [13, 15] });
    expect(r.upperbound).toEqual([null, NaN, null]);
    expect(r.alarm).toEqual([null, null, null]);
  });

  test('an infinite C2 with a positive sd gives a bound of 0 (pmax(0, -Inf))', () => {
    // C2 at t = 12 is 1/0 = Inf (window y3..y9 constant, y12 = 1); the windows of t = 13 and 14
    // contain y10 = 7, so C2 at 13 is finite and sd2 at 14 positive.
    const y = [0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 1, 0, 0];
    const r = detect(y, { method: 'C3', range: [14, 14] });
    expect(r.upperbound).toEqual([0]);
    expect(r.alarm).toEqual([0]);
  });

  test('a one-point range works (R stops there)', () => {
    const y = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    expect(detect(y, { method: 'C3', range: [12, 12] }).upperbound[0]).toEqual(expect.any(Number));
  });
});

describe('earsC ranges and controls', () => {
  test.each([
    ['C1', 8],
    ['C2', 10],
    ['C3', 12],
  ] as const)('%s: default range starts at t = %d and earlier starts are refused', (method, first) => {
    const y = Array.from({ length: 20 }, (_, i) => i % 3);
    expect(detect(y, { method }).t[0]).toBe(first);
    const refused = earsC.run(series(y), earsC.control.parse({ method, range: [first - 1, 20] }));
    expect(refused).toMatchObject({ ok: false, error: { field: 'range' } });
  });

  test('a series shorter than the baseline is refused with a reason', () => {
    expect(earsC.run(series([1, 2, 3]), earsC.control.parse({}))).toMatchObject({
      ok: false,
      error: { field: 'observed', reason: matching(/at least 8 time points/) },
    });
  });

  test.each([
    [{ baseline: 2 }, 'baseline', /at least 3/],
    [{ method: 'C4' }, 'method', /C1/],
    [{ minSigma: -1 }, 'minSigma', />= 0/],
    [{ alpha: 1 }, 'alpha', /\(0, 1\)/],
    [{ lambda: 1 }, 'control', /lambda/],
  ])('control %o is refused (%s)', (control, field, reason) => {
    expect(refusal(control)).toEqual({ field, reason: matching(reason) });
  });
});

describe('earsC properties', () => {
  const counts = fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 14, maxLength: 60 });
  const method = fc.constantFrom('C1' as const, 'C2' as const, 'C3' as const);

  test('a flat series never alarms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 14, max: 60 }), method, (c, n, m) => {
        expect(detect(new Array<number>(n).fill(c), { method: m }).alarm).not.toContain(1);
      }),
    );
  });

  test('doubling every count keeps the alarms and doubles the bounds (scale-free)', () => {
    fc.assert(
      fc.property(counts, method, (y, m) => {
        const once = detect(y, { method: m });
        const twice = detect(
          y.map((v) => 2 * v),
          { method: m },
        );
        expect(twice.alarm).toEqual(once.alarm);
        expect(twice.upperbound).toEqual(once.upperbound.map((u) => (u === null ? null : 2 * u)));
      }),
    );
  });
});
