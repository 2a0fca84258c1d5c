import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { rki, rki1, rki2, rki3 } from './rki.js';
import type { CountSeries, DetectionMethod, DetectionResult } from './types.js';

/** `expect.stringMatching`, typed for use inside object literals. */
const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern);

const series = (observed: number[], frequency = 52): CountSeries => ({
  observed: Float64Array.from(observed),
  frequency,
});

function detect<C>(method: DetectionMethod<C>, observed: number[], control: unknown = {}): DetectionResult {
  const outcome = method.run(series(observed), method.control.parse(control));
  if (!outcome.ok) throw new Error(outcome.error.reason);
  return outcome.value;
}

/** The first issue of an invalid control, as the registry reports it (field = issue path). */
function refusal<C>(method: DetectionMethod<C>, control: unknown) {
  const parsed = method.control.safeParse(control);
  const issue = parsed.success ? undefined : parsed.error.issues[0];
  return issue && { field: issue.path.length > 0 ? issue.path.join('.') : 'control', reason: issue.message };
}

describe('algo.rki1', () => {
  test('mean <= 20: the table row floor(mean)', () => {
    // Baseline 1..6: mean 3.5 -> row 3 -> 8.102
    const r = detect(rki1, [1, 2, 3, 4, 5, 6, 9, 8], { range: [7, 8] });
    expect(r.upperbound[0]).toBe(8.102);
    expect(r.alarm[0]).toBe(1);
    // Baseline 2, 3, 4, 5, 6, 9: mean 29/6 = 4.83 -> row 4 -> 9.598
    expect(r.upperbound[1]).toBe(9.598);
    expect(r.alarm[1]).toBe(0);
  });

  test('mean > 20: mean + 2 sd', () => {
    const r = detect(rki1, [21, 22, 23, 24, 25, 26, 28], { range: [7, 7] });
    expect(r.upperbound[0]).toBeCloseTo(23.5 + 2 * Math.sqrt(3.5), 13);
    expect(r.alarm[0]).toBe(1);
  });

  test('a mean of exactly 20 still uses the table', () => {
    expect(detect(rki1, [20, 20, 20, 20, 20, 20, 25], { range: [7, 7] }).upperbound).toEqual([30.017]);
  });

  test('a missing count in a baseline is refused (R stops); at t it gives an NA alarm', () => {
    const outcome = rki1.run(series([1, NaN, 3, 4, 5, 6, 7, 8]), rki1.control.parse({ range: [8, 8] }));
    expect(outcome).toMatchObject({
      ok: false,
      error: { field: 'observed', reason: matching(/t = 2 .*baseline of t = 8/) },
    });
    expect(detect(rki1, [1, 2, 3, 4, 5, 6, NaN], { range: [7, 7] }).alarm).toEqual([null]);
  });

  test('the default range starts where the baseline fits', () => {
    expect(detect(rki1, [1, 2, 3, 4, 5, 6, 7, 8]).t).toEqual([7, 8]);
    expect(rki1.run(series([1, 2, 3]), rki1.control.parse({}))).toMatchObject({
      ok: false,
      error: { field: 'observed' },
    });
  });
});

describe('algo.rki2, algo.rki3 and algo.rki', () => {
  const y = Array.from({ length: 130 }, (_, i) => (i % 7) + 1);

  test('rki3 reads +-4 weeks around t - 52 and t - 104 only', () => {
    const t = 120;
    const base = detect(rki3, y, { range: [t, t] }).upperbound[0];
    const inside = [...y];
    inside[t - 104 + 4 - 1] = 400; // inside the oldest window
    expect(detect(rki3, inside, { range: [t, t] }).upperbound[0]).not.toBe(base);
    const outside = [...y];
    outside[t - 104 + 5 - 1] = 400;
    outside[t - 1 - 1] = 400; // no current-year values in rki3
    expect(detect(rki3, outside, { range: [t, t] }).upperbound[0]).toBe(base);
  });

  test('rki2 = algo.rki with b = 1, w = 6, actY; rki3 = algo.rki defaults', () => {
    expect(detect(rki2, y, { range: [60, 130] })).toEqual(
      detect(rki, y, { b: 1, w: 6, actY: true, range: [60, 130] }),
    );
    expect(detect(rki3, y, { range: [110, 130] })).toEqual(detect(rki, y, { range: [110, 130] }));
  });

  test('presets take only range: their own values are accepted, other values refused', () => {
    expect(refusal(rki1, { b: 0, w: 6, actY: true })).toBeUndefined();
    expect(refusal(rki1, { b: 2 })).toEqual({
      field: 'b',
      reason: matching(/algo.rki1 fixes b = 0/),
    });
    expect(refusal(rki3, { actY: true })).toEqual({
      field: 'actY',
      reason: matching(/algo.rki/),
    });
  });

  test.each([
    [{ b: 0, actY: false }, 'b', /empty/],
    [{ w: 0, actY: true }, 'w', /actY/],
    [{ b: -1 }, 'b', />= 0/],
    [{ w: 1.5 }, 'w', /whole/],
  ])('algo.rki control %o is refused (%s)', (control, field, reason) => {
    expect(refusal(rki, control)).toEqual({ field, reason: matching(reason) });
  });
});

describe('RKI properties', () => {
  test('a flat series never alarms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.constantFrom(rki1, rki2, rki3), (c, method) => {
        expect(detect(method, new Array<number>(150).fill(c)).alarm).not.toContain(1);
      }),
    );
  });

  test('no alarm is computed before the baseline is full', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 108 }), (from) => {
        const outcome = rki3.run(
          series(new Array<number>(150).fill(1)),
          rki3.control.parse({ range: [from, 150] }),
        );
        expect(outcome).toMatchObject({ ok: false, error: { field: 'range' } });
      }),
    );
  });
});
