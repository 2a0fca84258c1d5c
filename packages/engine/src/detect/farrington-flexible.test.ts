import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { qnorm } from '../stats/normal.js';
import { farringtonFlexible, farringtonFlexibleControl } from './farrington-flexible.js';
import type { CountSeries, DetectionOutcome, DetectionResult } from './types.js';

const weekly = (counts: number[]): CountSeries => ({ observed: Float64Array.from(counts), frequency: 52 });

function run(series: CountSeries, control: Record<string, unknown> = {}): DetectionOutcome {
  const parsed = farringtonFlexibleControl.safeParse(control);
  if (!parsed.success) throw new Error(parsed.error.message);
  return farringtonFlexible.run(series, parsed.data);
}

function ok(series: CountSeries, control: Record<string, unknown> = {}): DetectionResult {
  const out = run(series, control);
  if (!out.ok) throw new Error(`${out.error.field}: ${out.error.reason}`);
  return out.value;
}

const noufaily = {
  noPeriods: 10,
  pastWeeksNotIncluded: 26,
  weightsThreshold: 2.58,
  pThresholdTrend: 1,
  thresholdMethod: 'nbPlugin',
};

describe('farringtonFlexible control (R defaults)', () => {
  it('has R defaults', () => {
    expect(farringtonFlexibleControl.parse({})).toMatchObject({
      b: 5,
      w: 3,
      reweight: true,
      weightsThreshold: 2.58,
      alpha: 0.05,
      trend: true,
      pThresholdTrend: 0.05,
      limit54: [5, 4],
      powertrans: '2/3',
      populationOffset: false,
      noPeriods: 1,
      pastWeeksNotIncluded: null,
      thresholdMethod: 'delta',
    });
  });

  it.each([
    [{ alpha: 1.5 }, 'alpha'],
    [{ b: 0 }, 'b'],
    [{ powertrans: '3/4' }, 'powertrans'],
    [{ thresholdMethod: 'exact' }, 'thresholdMethod'],
    [{ limit54: [5, 0] }, 'limit54'],
    [{ noPeriod: 10 }, ''],
  ])('refuses %j', (control, field) => {
    const parsed = farringtonFlexibleControl.safeParse(control);
    expect(parsed.success).toBe(false);
    if (!parsed.success && field) expect(parsed.error.issues[0]?.path[0]).toBe(field);
  });
});

describe('farringtonFlexible', () => {
  const n = 320;

  it('default range starts at freq * b + w + 1 (R) and a constant baseline gives the hand-computed bound', () => {
    const c = 6;
    const res = ok(weekly(new Array<number>(n).fill(c)));
    expect(res.t[0]).toBe(52 * 5 + 3 + 1);
    expect(res.t.at(-1)).toBe(n);
    // mu0 = c, phi = 1, and se = 0: R's phiStar quirk takes the prediction variance from
    // sum(omega r^2) / df, which is 0 for an exact fit. U = (c^(2/3) + z sqrt(4/9 c^(1/3)))^(3/2).
    const z = qnorm(0.95);
    const u = Math.pow(Math.pow(c, 2 / 3) + z * Math.sqrt((4 / 9) * Math.pow(c, 1 / 3)), 1.5);
    for (const v of res.upperbound) expect(v).toBeCloseTo(u, 6);
    expect(res.alarm.every((a) => a === 0)).toBe(true);
    expect(res.extra.phi?.every((p) => p === 1)).toBe(true);
    expect(res.extra.expected?.[0]).toBeCloseTo(c, 6);
  });

  it('nbPlugin on a constant baseline: Poisson quantile, score against the log-scale prediction', () => {
    const c = 4;
    const res = ok(weekly(new Array<number>(n).fill(c)), noufaily);
    expect(res.upperbound.every((u) => u === 8)).toBe(true); // qpois(0.95, 4) = 8
    const score = res.extra.score?.[0] as number;
    expect(score).toBeCloseTo((c - Math.log(c)) / (8 - Math.log(c)), 6);
  });

  it('a spike far above a stable baseline raises an alarm', () => {
    const counts = Array.from({ length: n }, (_, i) => 5 + (i % 3));
    counts[n - 1] = 60;
    const res = ok(weekly(counts), { range: [n, n] });
    expect(res.alarm).toEqual([1]);
    expect(res.extra.pvalue?.[0]).toBeLessThan(1e-6);
  });

  it('limit54: fewer than 5 cases in the last 4 weeks gives an NA bound and no alarm', () => {
    const counts = new Array<number>(n).fill(0);
    counts[n - 1] = 4;
    const res = ok(weekly(counts), { range: [n, n] });
    expect(res.upperbound).toEqual([null]);
    expect(res.extra.expected).toEqual([null]);
    expect(res.alarm).toEqual([0]);
  });

  it('a missing current count gives NA score and p-value and no alarm; missing baseline counts are dropped', () => {
    const counts: number[] = Array.from({ length: n }, (_, i) => 3 + (i % 4));
    counts[n - 1] = NaN;
    counts[n - 53] = NaN;
    const res = ok(weekly(counts), { range: [n - 1, n] });
    expect(res.alarm).toEqual([0, 0]);
    expect(res.extra.score?.[1]).toBeNull();
    expect(res.extra.pvalue?.[1]).toBeNull();
    expect(res.upperbound[1]).toBeNull();
    expect(typeof res.upperbound[0]).toBe('number');
  });

  it('refuses a range that leaves no room for b years, like R', () => {
    const out = run(weekly(new Array<number>(n).fill(3)), { range: [200, 210] });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error).toMatchObject({ field: 'range' });
  });

  it('refuses populationOffset without a population', () => {
    const out = run(weekly(new Array<number>(n).fill(3)), { populationOffset: true });
    expect(out).toMatchObject({ ok: false, error: { field: 'population' } });
  });

  it('with a population offset, a constant rate scales the expected count with the population', () => {
    const population = Float64Array.from({ length: n }, (_, i) => 1000 + 10 * i);
    const observed = population.map((p) => p / 100);
    const res = ok({ observed, frequency: 52, population }, { populationOffset: true, range: [n, n] });
    expect(res.extra.expected?.[0]).toBeCloseTo(observed[n - 1]!, 4);
  });

  it('date-based weeks: reference weeks come from the calendar (sometimes 53 weeks a year)', () => {
    // Mondays from 2001-01-01 (day 11323). t = 263 is 2006-01-09; five years back is Tuesday 2001-01-09,
    // whose nearest Monday is 2001-01-08 = t 2: 261 weeks back, and its window reaches t = -1 (R stops).
    // By index the fifth reference week is t = 3, whose window starts at t = 0 (dropped, as R does).
    const dates = Int32Array.from({ length: n }, (_, i) => 11323 + 7 * i);
    const observed = Float64Array.from({ length: n }, (_, i) => 4 + (i % 5));
    expect(run({ observed, frequency: 52 }, { range: [263, 263] }).ok).toBe(true);
    expect(run({ observed, frequency: 52, dates }, { range: [263, 263] })).toMatchObject({
      ok: false,
      error: { field: 'range' },
    });
    expect(run({ observed, frequency: 52, dates }, { range: [264, 264] }).ok).toBe(true);
  });

  it('property: a flat series never alarms (an all-zero one may not converge: NA, as in R)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.constantFrom('delta', 'nbPlugin', 'muan'),
        (c, method) => {
          const res = ok(weekly(new Array<number>(300).fill(c)), {
            thresholdMethod: method,
            noPeriods: method === 'delta' ? 1 : 10,
          });
          expect(res.alarm.every((a) => a !== 1)).toBe(true);
          if (c > 0) expect(res.alarm.every((a) => a === 0)).toBe(true);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('property: an alarm needs a positive count (R: observed != 0)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 300, maxLength: 300 }), (counts) => {
        const res = ok(weekly(counts), { range: [290, 300] });
        res.alarm.forEach((a, i) => {
          const y = counts[res.t[i]! - 1]!;
          if (a === 1) expect(y).toBeGreaterThan(0);
        });
      }),
      { numRuns: 15 },
    );
  });
});
