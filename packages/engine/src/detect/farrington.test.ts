import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { algoFarrington, algoFarringtonControl } from './farrington.js';
import type { CountSeries, DetectionOutcome, DetectionResult } from './types.js';

const weekly = (counts: number[]): CountSeries => ({ observed: Float64Array.from(counts), frequency: 52 });

function run(series: CountSeries, control: Record<string, unknown> = {}): DetectionOutcome {
  return algoFarrington.run(series, algoFarringtonControl.parse(control));
}

function ok(series: CountSeries, control: Record<string, unknown> = {}): DetectionResult {
  const out = run(series, control);
  if (!out.ok) throw new Error(`${out.error.field}: ${out.error.reason}`);
  return out.value;
}

describe('algo.farrington', () => {
  const n = 300;

  it('has R defaults and accepts the R-only controls', () => {
    expect(
      algoFarringtonControl.parse({ verbose: true, plot: false, fitFun: 'algo.farrington.fitGLM.fast' }),
    ).toMatchObject({
      b: 5,
      w: 3,
      reweight: true,
      alpha: 0.05,
      trend: true,
      limit54: [5, 4],
      powertrans: '2/3',
    });
    expect(algoFarringtonControl.safeParse({ alpha: 0 }).success).toBe(false);
  });

  it('default range starts at freq * b - w (R), and a constant baseline gives the two-sided hand-computed bound', () => {
    const c = 9;
    const all = ok(weekly(new Array<number>(n).fill(c)));
    expect(all.t[0]).toBe(52 * 5 - 3);
    const res = ok(weekly(new Array<number>(n).fill(c)), { range: [270, n] });
    // 35 baseline weeks, exact fit, no trend: phi = 1 (clipped), Var(mu0) = phi mu0 / 35, so
    // tau = 1 + 1/35 and U = (c^(2/3) + z sqrt(4/9 c^(1/3) tau))^(3/2) with z = qnorm(0.975).
    const tau = 1 + 1 / 35;
    const u = Math.pow(
      Math.pow(c, 2 / 3) + 1.959963984540054 * Math.sqrt((4 / 9) * Math.pow(c, 1 / 3) * tau),
      1.5,
    );
    for (const v of res.upperbound) expect(v).toBeCloseTo(u, 6);
    expect(res.alarm.every((a) => a === 0)).toBe(true);
    expect(res.extra.expected?.[0]).toBeCloseTo(c, 6);
    // predProb is the lower tail at the observed count: the count equals the median, so 1/2.
    expect(res.extra.predProb?.[0]).toBeCloseTo(0.5, 6);
  });

  it('limit54 failing gives bound 0 and no alarm (not NA as in farringtonFlexible)', () => {
    const counts = new Array<number>(n).fill(0);
    counts[n - 1] = 3;
    const res = ok(weekly(counts), { range: [n, n] });
    expect(res.upperbound).toEqual([0]);
    expect(res.alarm).toEqual([0]);
  });

  it('a spike raises an alarm', () => {
    const counts = Array.from({ length: n }, (_, i) => 4 + (i % 3));
    counts[n - 1] = 40;
    expect(ok(weekly(counts), { range: [n, n] }).alarm).toEqual([1]);
  });

  it('a missing value in a baseline is refused (R stops); a missing current count gives NA', () => {
    const counts: number[] = Array.from({ length: n }, (_, i) => 4 + (i % 3));
    counts[n - 53] = NaN;
    expect(run(weekly(counts), { range: [n, n] })).toMatchObject({ ok: false, error: { field: 'observed' } });
    counts[n - 53] = 4;
    counts[n - 1] = NaN;
    const res = ok(weekly(counts), { range: [n, n] });
    expect(res.alarm).toEqual([null]);
    expect(res.upperbound).toEqual([null]);
    expect(res.extra.predProb).toEqual([null]);
  });

  it('refuses a range outside the series', () => {
    expect(run(weekly(new Array<number>(n).fill(2)), { range: [10, n + 5] })).toMatchObject({
      ok: false,
      error: { field: 'range' },
    });
  });

  it('property: a flat positive series never alarms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), (c) => {
        expect(ok(weekly(new Array<number>(n).fill(c))).alarm.every((a) => a === 0)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});
