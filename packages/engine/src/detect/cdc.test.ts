import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { qnorm } from '../stats/normal.js';
import { cdc } from './cdc.js';
import type { CountSeries, DetectionResult } from './types.js';

/** `expect.stringMatching`, typed for use inside object literals. */
const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern);

const series = (observed: number[], frequency = 52): CountSeries => ({
  observed: Float64Array.from(observed),
  frequency,
});

function detect(observed: number[], control: unknown = {}, frequency = 52): DetectionResult {
  const outcome = cdc.run(series(observed, frequency), cdc.control.parse(control));
  if (!outcome.ok) throw new Error(outcome.error.reason);
  return outcome.value;
}

const t = 300;

describe('algo.cdc', () => {
  test('one non-zero 4-week sum among 15: mean 1, sd sqrt(15), U = 1 + z sqrt(15) sqrt(16/15) = 1 + 4 z', () => {
    const y = new Array<number>(320).fill(0);
    y[t - 52 - 1] = 15; // the block ending at t - 52 (j = 0 of year 1)
    y[t - 1] = 2;
    y[t - 4] = 3;
    const r = detect(y, { range: [t, t] });
    expect(r.upperbound[0]).toBeCloseTo(1 + 4 * qnorm(0.9875), 12);
    expect(r.extra.aggr).toEqual([5]);
    expect(r.alarm).toEqual([0]);
  });

  test('the blocks end at t - 52 i + 4 j: counts just outside them do not matter', () => {
    const y = new Array<number>(320).fill(1);
    const base = detect(y, { range: [t, t] });
    expect(base.upperbound).toEqual([4]); // sd 0: U = mean
    const outside = [...y];
    outside[t - 52 + 4] = 50; // week t - 52 + 5
    outside[t - 260 - 8 - 1] = 50; // week t - 268, just before the oldest block
    outside[t - 4 - 1] = 50; // week t - 4, outside the current 4-week sum
    expect(detect(outside, { range: [t, t] }).upperbound).toEqual([4]);
    const inside = [...y];
    inside[t - 260 - 7 - 1] = 50; // week t - 267, the oldest week used
    expect(detect(inside, { range: [t, t] }).upperbound[0]).toBeGreaterThan(4);
  });

  test('m widens the window: (2m + 1) b sums', () => {
    const y = Array.from({ length: 320 }, (_, i) => i % 4);
    expect(detect(y, { m: 2, b: 3, range: [t, t] }).upperbound[0]).toBeCloseTo(6, 12); // every 4-week sum is 6
  });

  test('a missing count makes its 4-week sum NA', () => {
    const y = new Array<number>(360).fill(1);
    y[t - 2] = NaN; // week t - 1
    const current = detect(y, { range: [t, t] });
    expect(current.extra.aggr).toEqual([null]);
    expect(current.upperbound).toEqual([4]);
    expect(current.alarm).toEqual([null]);
    const past = detect(y, { range: [t + 52, t + 52] }); // week t - 1 is in its block j = 0 of year 1
    expect(past.upperbound).toEqual([null]);
    expect(past.alarm).toEqual([null]);
  });

  test("a 4-week sum beyond R's integer range is NA (as.integer), as is the bound", () => {
    const y = new Array<number>(320).fill(1);
    y[t - 52 - 1] = 3e9;
    expect(detect(y, { range: [t, t] })).toMatchObject({
      upperbound: [null],
      alarm: [null],
      extra: { aggr: [4] },
    });
  });

  test('the first point is 52 b + 4 m + 4 (268 by default); weekly data only', () => {
    expect(detect(new Array<number>(270).fill(1)).t).toEqual([268, 269, 270]);
    expect(
      cdc.run(series(new Array<number>(300).fill(1)), cdc.control.parse({ range: [267, 300] })),
    ).toMatchObject({
      ok: false,
      error: { field: 'range' },
    });
    expect(cdc.run(series(new Array<number>(2000).fill(1), 365), cdc.control.parse({}))).toMatchObject({
      ok: false,
      error: { field: 'frequency', reason: matching(/weekly/) },
    });
  });

  test.each([
    [{ m: 7 }, 'm'],
    [{ b: 0 }, 'b'],
    [{ b: 1, m: 0 }, 'b'],
    [{ alpha: 0 }, 'alpha'],
  ])('control %o is refused', (control, field) => {
    const parsed = cdc.control.safeParse(control);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([field]);
  });
});

describe('algo.cdc properties', () => {
  test('a flat series never alarms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), (c) => {
        expect(detect(new Array<number>(300).fill(c)).alarm).not.toContain(1);
      }),
      { numRuns: 30 },
    );
  });

  test('doubling every count keeps the alarms (scale-free)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 280, maxLength: 300 }), (y) => {
        const once = detect(y);
        const twice = detect(y.map((v) => 2 * v));
        expect(twice.alarm).toEqual(once.alarm);
        expect(twice.upperbound).toEqual(once.upperbound.map((u) => 2 * u!));
      }),
      { numRuns: 30 },
    );
  });
});
