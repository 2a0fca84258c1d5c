import { describe, expect, test } from 'vitest';
import { evaluateSeries } from './evaluate-series.js';

const series = (counts: number[], from: number) => ({
  observed: Float64Array.from(counts),
  dates: Int32Array.from(counts.map((_, i) => 19_723 + i)),
  from,
});

describe('evaluating one series', () => {
  const c2 = { method: 'earsC', control: { method: 'C2', baseline: 7 }, frequency: 365, series: [] };

  test('a spike alarms, with the baseline mean as expected value and the C statistic as score', () => {
    const counts = [4, 5, 6, 5, 4, 6, 5, 5, 4, 30];
    const outcome = evaluateSeries(c2, series(counts, 10));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.evaluated).toBe(1);
    const [alarm] = outcome.alarms;
    // C2's baseline is y[t-9..t-3] = 4 5 6 5 4 6 5: mean 5, sd sqrt(4/6).
    const sd = Math.sqrt(4 / 6);
    expect(alarm).toMatchObject({ index: 9, observed: 30, pvalue: null, level: null });
    expect(alarm?.expected).toBeCloseTo(5, 12);
    expect(alarm?.upperbound).toBeCloseTo(5 + 3.090232306167813 * sd, 9);
    expect(alarm?.score).toBeCloseTo(25 / sd, 9);
  });

  test('a series too short for the method is not evaluated, with the method’s reason', () => {
    const outcome = evaluateSeries(c2, series([1, 2, 3, 4], 4));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.field).toBe('range');
    expect(outcome.reason).not.toBe('');
  });

  test('a series of missing counts only is not evaluated', () => {
    const outcome = evaluateSeries(c2, series([NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN], 11));
    expect(outcome).toEqual({
      ok: false,
      field: 'observed',
      reason: 'all 11 counts are missing (nothing was reported)',
    });
  });

  test('ESSENCE reports its own p-value and level', () => {
    const counts = Array.from({ length: 60 }, (_, i) => 20 + ((i * 7) % 5));
    counts.push(80);
    const outcome = evaluateSeries(
      { method: 'essence.ewma', control: {}, frequency: 365, series: [] },
      series(counts, counts.length),
    );
    expect(outcome.ok && outcome.alarms[0]).toMatchObject({ index: 60, observed: 80, level: 2 });
    expect(outcome.ok && outcome.alarms[0]?.pvalue).toBeLessThan(0.01);
  });

  test('cidars.mpm on days compares the 7-day sum', () => {
    const counts = Array.from({ length: 2 * 365 + 30 }, () => 1);
    for (let i = counts.length - 7; i < counts.length; i++) counts[i] = 3;
    const outcome = evaluateSeries(
      { method: 'cidars.mpm', control: { years: 2, k: 2, p: 0.8 }, frequency: 365, series: [] },
      series(counts, counts.length),
    );
    expect(outcome.ok && outcome.alarms[0]).toMatchObject({ observed: 21, upperbound: 7 });
  });
});
