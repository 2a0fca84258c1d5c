import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { methods } from '../registry.js';
import type { CountSeries, DetectionResult } from '../types.js';
import { qtUpper, round5 } from './t-quantile.js';

const ewma = methods.get('essence.ewma')!;

function run(observed: number[], control: Record<string, unknown> = {}, frequency = 365): DetectionResult {
  const outcome = ewma.detect({ observed: Float64Array.from(observed), frequency }, control);
  if (!outcome.ok) throw new Error(`${outcome.error.field}: ${outcome.error.reason}`);
  return outcome.value;
}

const column = (r: DetectionResult, name: string) => r.extra[name] ?? [];

describe('essence.ewma by hand', () => {
  // B = 7, g = 0: the baseline of t = 8 is y_1..y_7 = 2,4,2,4,2,4,2 (mean 20/7, sd sqrt(8/7), df 6), and
  // round(qt(0.95, 6), 5) = 1.94318, round(qt(0.99, 6), 5) = 3.14267.
  const series = [2, 4, 2, 4, 2, 4, 2, 10, 2];
  const control = { B: 7, g: 0, range: [8, 9] };

  it('computes both EWMAs, their sigmas and keeps the larger statistic (t = 8)', () => {
    // w1 = 0.4: z_7 = 2.715008, z_8 = 0.4 * 10 + 0.6 z_7 = 5.6290048;
    //   corr = sqrt(0.25 + 1/7 - 2 * 0.6 (1 - 0.6^7) / 7) = 0.475633760666, const = 0.057600928187,
    //   sigma = sqrt(8/7) corr + const = 0.566074806472, statistic 4.896635411377.
    // w2 = 0.9: z_7 = 2.181818, z_8 = 9.2181818; corr 0.965643586073, const 0.137193551430,
    //   sigma = 1.169509967665, statistic (9.2181818 - 20/7) / sigma = 5.439063469940 — the larger.
    const r = run(series, control);
    expect(r.t).toEqual([8, 9]);
    expect(column(r, 'expected')[0]).toBeCloseTo(20 / 7, 14);
    expect(column(r, 'score')[0]).toBeCloseTo(5.439063469940076, 11);
    // Yellow threshold: the count where a statistic reaches qt(0.95, 6) = 1.9431802805153:
    // min((m + q sigma - 0.6 z_7) / 0.4, (m + q sigma - 0.1 z_7) / 0.9) = min(5.820308645937, 5.457255293528).
    expect(r.upperbound[0]).toBeCloseTo(5.457255293528274, 11);
    expect(column(r, 'pvalue')[0]).toBeLessThan(0.01);
    expect(column(r, 'level')[0]).toBe(2);
    expect(r.alarm[0]).toBe(1);
  });

  it('pulls an outlying EWMA back to m ± ucl99 sigma before it feeds the next day (t = 9)', () => {
    // Both statistics at t = 8 exceed 3.14267, so z_8 becomes 20/7 + 3.14267 sigma: 4.636129169197 (w1) and
    // 6.532526747224 (w2). At t = 9 the baseline is 4,2,4,2,4,2,10 (mean 4, sd sqrt(8)); y_9 = 2 gives
    // z_9 = 3.581677501518 (w1) and 2.453252674722 (w2), sigmas 1.402896358301 and 2.868446063117,
    // statistics -0.298184891569 and -0.539228310815.
    const r = run(series, control);
    expect(column(r, 'expected')[1]).toBe(4);
    expect(column(r, 'score')[1]).toBeCloseTo(-0.29818489156855355, 11);
    expect(r.upperbound[1]).toBeCloseTo(9.861007593846981, 10);
    expect(column(r, 'pvalue')[1]).toBeGreaterThan(0.5);
    expect(r.alarm[1]).toBe(0);
  });

  it('has p-value P(T > score) with n - 1 degrees of freedom', () => {
    const r = run(series, control);
    // P(T > -0.29818489) = pt(0.29818489, 6) = 0.612190756 (closed form for even df).
    expect(column(r, 'pvalue')[1]).toBeCloseTo(0.612190756, 8);
    expect(qtUpper(0.05, 6)).toBeCloseTo(1.9431802805153, 12);
    expect(round5(qtUpper(0.01, 6))).toBe(3.14267);
  });
});

describe('essence.ewma baseline and range', () => {
  it('starts at t = g + 8 with a growing baseline of 7 values (Rnssp min_baseline)', () => {
    const observed = Array.from({ length: 40 }, (_, i) => (i * 7) % 5);
    const r = run(observed);
    expect(r.t[0]).toBe(10);
    // t = 10: baseline y_1..y_7; t = 40: y_10..y_37 (B = 28 ending 3 days back).
    const mean = (a: number, b: number) => observed.slice(a - 1, b).reduce((s, x) => s + x, 0) / (b - a + 1);
    expect(column(r, 'expected')[0]).toBeCloseTo(mean(1, 7), 14);
    expect(column(r, 'expected')[30]).toBeCloseTo(mean(10, 37), 14);
  });

  it('refuses a range before the baseline exists', () => {
    const outcome = ewma.detect({ observed: new Float64Array(40), frequency: 365 }, { range: [9, 40] });
    expect(outcome).toMatchObject({ ok: false, error: { field: 'range' } });
  });

  it('leaves missing baseline counts out and reports NA at a missing current count', () => {
    const observed = Array.from({ length: 60 }, (_, i) => 5 + (i % 3));
    observed[40] = NaN;
    observed[55] = NaN;
    const r = run(observed, { range: [44, 56] });
    const at = (t: number) => r.t.indexOf(t);
    // t = 44 has y_41 (index 40) missing in its baseline y_14..y_41: the mean is over the 27 others.
    const others = observed.slice(13, 41).filter((x) => !Number.isNaN(x));
    expect(column(r, 'expected')[at(44)]).toBeCloseTo(others.reduce((s, x) => s + x, 0) / others.length, 13);
    expect(r.alarm[at(56)]).toBeNull();
    expect(column(r, 'score')[at(56)]).toBeNull();
    expect(r.upperbound[at(56)]).not.toBeNull();
  });

  test.each([
    [{ B: 6 }, 'B'],
    [{ g: -1 }, 'g'],
    [{ w1: 0 }, 'w1'],
    [{ w2: 1.5 }, 'w2'],
    [{ redAlpha: 0.1 }, 'redAlpha'],
    [{ yellowAlpha: 1 }, 'yellowAlpha'],
  ])('refuses control %o naming %s', (control, field) => {
    const outcome = ewma.detect({ observed: new Float64Array(60), frequency: 365 }, control);
    expect(outcome).toMatchObject({ ok: false, error: { field } });
  });
});

describe('essence.ewma properties', () => {
  const counts = fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 40, maxLength: 80 });

  it('never alarms on a flat series', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 40, max: 100 }), (level, n) => {
        const r = run(Array.from({ length: n }, () => level));
        expect(r.alarm.every((a) => a === 0)).toBe(true);
        expect(column(r, 'pvalue').every((p) => p === 0.5)).toBe(true);
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
            column(run([...ys.slice(0, -1), y], { range: [last, last] }), 'pvalue')[0] as number;
          expect(p(low + step)).toBeLessThanOrEqual(p(low));
        },
      ),
    );
  });

  it('alarms exactly when the count exceeds the upper bound', () => {
    fc.assert(
      fc.property(counts, (ys) => {
        const r = run(ys);
        r.t.forEach((t, k) => {
          const y = ys[t - 1] as number;
          const u = r.upperbound[k] as number;
          if (Math.abs(y - u) > 1e-9 * Math.max(1, Math.abs(u))) expect(r.alarm[k]).toBe(y > u ? 1 : 0);
        });
      }),
    );
  });

  it('runs on weekly series the same way, by index', () => {
    const ys = Array.from({ length: 50 }, (_, i) => i % 4);
    const series: CountSeries = { observed: Float64Array.from(ys), frequency: 52 };
    const weekly = ewma.detect(series, {});
    expect(weekly).toMatchObject({ ok: true });
    expect(weekly.ok && weekly.value.extra).toEqual(run(ys).extra);
  });
});
