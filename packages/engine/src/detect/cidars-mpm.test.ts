import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { methods } from './registry.js';
import type { CountSeries, DetectionResult } from './types.js';

const mpm = methods.get('cidars.mpm')!;

function run(series: CountSeries, control: Record<string, unknown> = {}): DetectionResult {
  const outcome = mpm.detect(series, control);
  if (!outcome.ok) throw new Error(`${outcome.error.field}: ${outcome.error.reason}`);
  return outcome.value;
}

const weekly = (ys: number[]): CountSeries => ({ observed: Float64Array.from(ys), frequency: 52 });
const daily = (ys: number[]): CountSeries => ({ observed: Float64Array.from(ys), frequency: 365 });

/**
 * A weekly series ending at t = 263, the earliest t with the defaults (5 years of 52 weeks plus 2 + 1 weeks),
 * whose 25 baseline weeks t - 52 i + j (i = 1..5, j = -2..2) hold 1..25 in scrambled order.
 */
function weeklyCase(current: number): number[] {
  const ys = Array.from({ length: 263 }, () => 100);
  let value = 0;
  for (let i = 1; i <= 5; i++) {
    for (let j = -2; j <= 2; j++) ys[263 - 52 * i + j - 1] = ((value++ * 7) % 25) + 1;
  }
  ys[262] = current;
  return ys;
}

describe('cidars.mpm by hand', () => {
  it('takes the 80th percentile of the 25 baseline weeks (type 7: 20 + 0.2 (21 - 20) = 20.2)', () => {
    const r = run(weekly(weeklyCase(21)));
    expect(r.t).toEqual([263]);
    expect(r.upperbound[0]).toBeCloseTo(20.2, 12);
    expect(r.extra).toEqual({ windowCount: [21], baselineCount: [25] });
    expect(r.alarm).toEqual([1]);
  });

  it('signals only strictly above the percentile', () => {
    expect(run(weekly(weeklyCase(20))).alarm).toEqual([0]);
    expect(run(weekly(weeklyCase(20.2))).alarm).toEqual([0]);
  });

  it('sums 7-day windows on daily data, shifted by whole weeks around the same window a year back', () => {
    // years = 1, k = 1: t = 379 (365 + 2 * 7) compares days 373..379 with the windows ending 365 days
    // earlier and 7 days either side: days 1..7, 8..14, 15..21, holding 1, 2, 3 a day (sums 7, 14, 21).
    const ys = Array.from({ length: 379 }, (_, j) => (j < 21 ? Math.floor(j / 7) + 1 : 0));
    for (let j = 372; j < 379; j++) ys[j] = 2;
    ys[378] = 3;
    const r = run(daily(ys), { years: 1, k: 1, p: 0.5 });
    expect(r.t).toEqual([379]);
    expect(r.upperbound).toEqual([14]);
    expect(r.extra).toEqual({ windowCount: [15], baselineCount: [3] });
    expect(r.alarm).toEqual([1]);
  });

  it('starts by default at years * frequency + (k + 1) * window', () => {
    expect(run(daily(Array.from({ length: 1850 }, () => 1))).t[0]).toBe(5 * 365 + 3 * 7);
    expect(run(weekly(Array.from({ length: 270 }, () => 1)), { k: 0, years: 2 }).t[0]).toBe(105);
  });
});

describe('cidars.mpm missing values and controls', () => {
  it('drops baseline windows with a missing count', () => {
    const ys = weeklyCase(21);
    ys[263 - 52 - 1] = NaN; // i = 1, j = 0: the third baseline value, 15
    const r = run(weekly(ys));
    expect(r.extra.baselineCount).toEqual([24]);
    // The 80th percentile of the other 24 (1..14, 16..25): index 23 * 0.8 = 18.4, so 20 + 0.4 (21 - 20).
    expect(r.upperbound[0]).toBeCloseTo(20.4, 12);
  });

  it('reports NA when the current window has a missing count', () => {
    const ys = Array.from({ length: 400 }, () => 3);
    ys[395] = NaN;
    const r = run(daily(ys), { years: 1, k: 0, range: [390, 400] });
    r.t.forEach((t, k) => {
      const missing = t >= 396 && t <= 402;
      expect(r.alarm[k]).toBe(missing ? null : 0);
      expect(r.extra.windowCount?.[k]).toBe(missing ? null : 21);
    });
  });

  test.each([
    [{ range: [262, 263] }, 'range'],
    [{ years: 0 }, 'years'],
    [{ k: -1 }, 'k'],
    [{ p: 1.2 }, 'p'],
    [{ k: 52 }, 'k'],
  ])('refuses %o naming %s', (control, field) => {
    expect(mpm.detect(weekly(weeklyCase(1)), control)).toMatchObject({ ok: false, error: { field } });
  });
});

describe('cidars.mpm properties', () => {
  const weeks = fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 263, maxLength: 300 });

  it('never alarms on a flat series', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (level) => {
        const r = run(daily(Array.from({ length: 1900 }, () => level)));
        expect(r.alarm.every((a) => a === 0)).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  it('keeps its alarms when every count is doubled', () => {
    fc.assert(
      fc.property(weeks, (ys) => {
        expect(run(weekly(ys.map((y) => 2 * y))).alarm).toEqual(run(weekly(ys)).alarm);
      }),
    );
  });

  it('alarms exactly when the window count exceeds the upper bound', () => {
    fc.assert(
      fc.property(weeks, fc.double({ min: 0.05, max: 0.95, noNaN: true }), (ys, p) => {
        const r = run(weekly(ys), { p });
        r.t.forEach((_, k) => {
          expect(r.alarm[k]).toBe((r.extra.windowCount?.[k] as number) > (r.upperbound[k] as number) ? 1 : 0);
        });
      }),
    );
  });
});
