import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { methods } from '../registry.js';
import type { CountSeries, DetectionResult } from '../types.js';
import { qtUpper } from './t-quantile.js';

const regression = methods.get('essence.regression')!;

function run(series: CountSeries, control: Record<string, unknown> = {}): DetectionResult {
  const outcome = regression.detect(series, control);
  if (!outcome.ok) throw new Error(`${outcome.error.field}: ${outcome.error.reason}`);
  return outcome.value;
}

const daily = (ys: number[], firstDay?: number): CountSeries => ({
  observed: Float64Array.from(ys),
  frequency: 365,
  ...(firstDay === undefined ? {} : { dates: Int32Array.from(ys, (_, i) => firstDay + i) }),
});

const column = (r: DetectionResult, name: string) => r.extra[name] ?? [];

/** round(qt(0.95, 20), 5): the sigma floor of a full 28-day baseline is 0.01 / this. */
const UCL95_DF20 = 1.72472;

/**
 * Rnssp's regression for t = 31 with B = 28, g = 2, worked the long way: with an intercept, a trend and six
 * weekday dummies the fit is a common slope through the seven weekday means,
 *   b = sum (time - mean_d(time)) (y - mean_d(y)) / sum (time - mean_d(time))^2,
 * and Rnssp's standard error is sqrt(RSS / 20) sqrt((28 + 7)(28 - 4) / (28 (28 - 7))).
 */
function byHand(ys: number[]): { expected: number; sigma: number } {
  const groups = Array.from({ length: 7 }, (_, d) =>
    ys.slice(0, 28).flatMap((y, j) => (j % 7 === d ? [[j + 1, y]] : [])),
  );
  const means = groups.map((g) => [
    g.reduce((s, [t]) => s + t!, 0) / 4,
    g.reduce((s, [, y]) => s + y!, 0) / 4,
  ]);
  let sxy = 0;
  let sxx = 0;
  groups.forEach((g, d) =>
    g.forEach(([t, y]) => {
      sxy += (t! - means[d]![0]!) * (y! - means[d]![1]!);
      sxx += (t! - means[d]![0]!) ** 2;
    }),
  );
  const b = sxy / sxx;
  let rss = 0;
  groups.forEach((g, d) =>
    g.forEach(([t, y]) => (rss += (y! - means[d]![1]! - b * (t! - means[d]![0]!)) ** 2)),
  );
  const d0 = 30 % 7;
  const forecast = means[d0]![1]! + b * (31 - means[d0]![0]!);
  const sigma = Math.sqrt(rss / 20) * Math.sqrt((35 * 24) / (28 * 21));
  return { expected: Math.max(0, forecast), sigma: Math.max(sigma, 0.01 / UCL95_DF20) };
}

describe('essence.regression by hand', () => {
  it('extrapolates an exact trend plus weekday pattern, with the sigma floor 0.01 / ucl95', () => {
    const effect = [0, 3, 1, 4, 2, 8, 6];
    const ys = Array.from({ length: 31 }, (_, j) => 10 + 0.5 * (j + 1) + effect[j % 7]!);
    const exact = 10 + 0.5 * 31 + effect[30 % 7]!;
    ys[30] = exact + 1;
    const r = run(daily(ys), { range: [31, 31] });
    const floor = 0.01 / UCL95_DF20;
    expect(column(r, 'expected')[0]).toBeCloseTo(exact, 10);
    expect(column(r, 'adjR2')[0]).toBeCloseTo(1, 10);
    expect(column(r, 'score')[0]).toBeCloseTo(1 / floor, 5);
    expect(r.upperbound[0]).toBeCloseTo(exact + qtUpper(0.05, 20) * floor, 10);
    expect(column(r, 'level')[0]).toBe(2);
  });

  it("matches Rnssp's closed-form standard error on a full 28-day baseline with g = 2", () => {
    const ys = [
      12, 15, 9, 14, 11, 20, 18, 13, 17, 10, 12, 14, 22, 19, 11, 16, 12, 13, 15, 21, 17, 14, 13, 11, 16, 12,
      23, 20, 0, 0, 19,
    ];
    const { expected, sigma } = byHand(ys);
    const r = run(daily(ys), { range: [31, 31] });
    expect(column(r, 'expected')[0]).toBeCloseTo(expected, 12);
    expect(column(r, 'score')[0]).toBeCloseTo((19 - expected) / sigma, 12);
    expect(r.upperbound[0]).toBeCloseTo(expected + qtUpper(0.05, 20) * sigma, 12);
  });

  it('groups days by the weekday of the dates, and without dates by index mod 7, to the same fit', () => {
    const ys = Array.from({ length: 60 }, (_, j) => 8 + ((j * 5) % 7) + (j % 7 === 3 ? 6 : 0));
    const withDates = run(daily(ys, 19_000 + 4));
    const withoutDates = run(daily(ys));
    expect(withDates.t[0]).toBe(14);
    // Equal up to rounding: the weekday classes are the same groups, numbered from another day.
    for (const name of ['expected', 'score', 'pvalue', 'adjR2']) {
      column(withDates, name).forEach((x, k) =>
        expect(x).toBeCloseTo(column(withoutDates, name)[k] as number, 9),
      );
    }
    expect(withDates.alarm).toEqual(withoutDates.alarm);
  });

  it('fits intercept and trend only on weekly series', () => {
    const ys = Array.from({ length: 40 }, (_, j) => 3 + 2 * (j + 1));
    const r = run({ observed: Float64Array.from(ys), frequency: 52 }, { range: [40, 40] });
    expect(column(r, 'expected')[0]).toBeCloseTo(3 + 2 * 40, 10);
    expect(column(r, 'adjR2')[0]).toBeCloseTo(1, 12);
    expect(r.alarm[0]).toBe(0);
  });

  it('reports adjusted R² 0 for a constant baseline', () => {
    const r = run(daily(Array.from({ length: 40 }, () => 7)));
    expect(column(r, 'adjR2').every((x) => x === 0)).toBe(true);
  });
});

describe('essence.regression baseline and missing values', () => {
  it('leaves missing baseline counts out and reports NA at a missing current count', () => {
    const ys = Array.from({ length: 50 }, (_, j) => 10 + (j % 7) + (j % 3));
    ys[20] = NaN;
    ys[45] = NaN;
    const r = run(daily(ys), { range: [40, 50] });
    const at = (t: number) => r.t.indexOf(t);
    expect(column(r, 'expected')[at(40)]).not.toBeNull();
    expect(r.alarm[at(46)]).toBeNull();
    expect(r.upperbound[at(46)]).not.toBeNull();
  });

  it('gives NA where missing values leave a weekday without baseline counts', () => {
    const ys = Array.from({ length: 40 }, (_, j) => (j % 7 === 2 ? NaN : 10 + (j % 5)));
    const r = run(daily(ys));
    expect(r.alarm.every((a) => a === null)).toBe(true);
  });

  test.each([
    [{ B: 10 }, 'B'],
    [{ g: 1.5 }, 'g'],
    [{ redAlpha: 0.2, yellowAlpha: 0.1 }, 'redAlpha'],
    [{ w1: 0.4 }, 'control'],
  ])('refuses control %o naming %s', (control, field) => {
    expect(regression.detect(daily(Array.from({ length: 60 }, () => 1)), control)).toMatchObject({
      ok: false,
      error: { field },
    });
  });
});

describe('essence.regression properties', () => {
  const counts = fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 32, maxLength: 70 });

  it('never alarms on a flat series', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 14, max: 90 }), (level, n) => {
        const r = run(daily(Array.from({ length: n }, () => level)));
        expect(r.alarm.every((a) => a === 0)).toBe(true);
      }),
    );
  });

  it('gives a p-value that falls as the current count rises', () => {
    fc.assert(
      fc.property(
        counts,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 30 }),
        (ys, low, step) => {
          const last = ys.length;
          const p = (y: number) =>
            column(run(daily([...ys.slice(0, -1), y]), { range: [last, last] }), 'pvalue')[0] as number;
          expect(p(low + step)).toBeLessThanOrEqual(p(low));
        },
      ),
    );
  });

  it('alarms exactly when the count exceeds the upper bound', () => {
    fc.assert(
      fc.property(counts, (ys) => {
        const r = run(daily(ys));
        r.t.forEach((t, k) => {
          const y = ys[t - 1]!;
          const u = r.upperbound[k] as number;
          if (Math.abs(y - u) > 1e-9 * Math.max(1, Math.abs(u))) expect(r.alarm[k]).toBe(y > u ? 1 : 0);
        });
      }),
    );
  });
});
