import { describe, expect, test } from 'vitest';
import type { RunChart } from './chart.js';
import { runSegments } from './segments.js';

/** A stand-in chart: the statistic is `x - mu0`, alarm at the first value of 10 or more. */
const excess: RunChart = (x, mu0) => {
  const bound = new Float64Array(x.length);
  for (let n = 0; n < x.length; n++) {
    bound[n] = x[n]! - mu0[n]!;
    if (bound[n]! >= 10) return { alarmAt: n, bound };
  }
  return { alarmAt: -1, bound };
};

describe('runSegments', () => {
  test('restarts after each alarm and keeps every segment’s values; negative values become 0', () => {
    const x = Float64Array.from([1, 12, 0, 15, 3]);
    const result = runSegments(x, new Float64Array(5), excess);
    if (!result.ok) throw new Error(result.reason);
    expect(Array.from(result.alarm)).toEqual([0, 1, 0, 1, 0]);
    expect(Array.from(result.upperbound)).toEqual([1, 12, 0, 15, 3]);
    const shifted = runSegments(x, Float64Array.from([2, 2, 2, 2, 2]), excess);
    if (!shifted.ok) throw new Error(shifted.reason);
    expect(Array.from(shifted.upperbound)).toEqual([0, 10, 0, 13, 1]);
  });

  test('each segment starts afresh: the chart sees only the points after the alarm', () => {
    const seen: number[] = [];
    const chart: RunChart = (x, mu0) => {
      seen.push(x.length);
      return excess(x, mu0);
    };
    runSegments(Float64Array.from([10, 0, 10, 0]), new Float64Array(4), chart);
    expect(seen).toEqual([4, 3, 1]);
  });

  test('NaN and -1e99 (no change point tested) are reported as 0, as R does', () => {
    const chart: RunChart = (x) => ({
      alarmAt: -1,
      bound: Float64Array.from(x, (_, i) => (i ? NaN : -1e99)),
    });
    const result = runSegments(new Float64Array(2), new Float64Array(2), chart);
    expect(result.ok && Array.from(result.upperbound)).toEqual([0, 0]);
  });

  test('refit: the means after an alarm are replaced, and a failed refit stops the run', () => {
    const starts: number[] = [];
    const result = runSegments(Float64Array.from([0, 10, 5, 5]), new Float64Array(4), excess, (start) => {
      starts.push(start);
      return new Float64Array(4 - start).fill(5);
    });
    if (!result.ok) throw new Error(result.reason);
    expect(starts).toEqual([2]);
    expect(Array.from(result.mu0)).toEqual([0, 0, 5, 5]);
    expect(Array.from(result.upperbound)).toEqual([0, 10, 0, 0]);
    const failed = runSegments(Float64Array.from([0, 10, 5]), new Float64Array(3), excess, () => 'no fit');
    expect(failed).toEqual({ ok: false, reason: 'no fit' });
  });

  test('no refit after an alarm at the last point (R would try to fit on an empty range)', () => {
    let calls = 0;
    const result = runSegments(Float64Array.from([0, 10]), new Float64Array(2), excess, () => {
      calls++;
      return new Float64Array(0);
    });
    expect(result.ok).toBe(true);
    expect(calls).toBe(0);
  });
});
