import { describe, expect, test } from 'vitest';
import {
  fillPastWindowIndices,
  mean,
  pastWindowsEarliest,
  pastWindowsIssue,
  pastWindowsLength,
  sampleSd,
} from './past-windows.js';

const indicesOf = (t: number, b: number, w: number, actY: boolean, freq = 52) => {
  const spec = { b, w, actY };
  const into = new Int32Array(pastWindowsLength(spec));
  const n = fillPastWindowIndices(t, spec, freq, into);
  return Array.from(into.subarray(0, n), (i) => i + 1); // back to R's 1-based t
};

describe('past windows (RKI and Bayes baselines)', () => {
  test('rki1/bayes1: the 6 points before t', () => {
    expect(indicesOf(10, 0, 6, true)).toEqual([4, 5, 6, 7, 8, 9]);
  });

  test('rki2/bayes2: the 6 before t, then 13 around t - 52', () => {
    expect(indicesOf(100, 1, 6, true)).toEqual([
      94,
      95,
      96,
      97,
      98,
      99,
      ...Array.from({ length: 13 }, (_, i) => 42 + i),
    ]);
  });

  test('rki3/bayes3: 9 around t - 52, then 9 around t - 104, no current year', () => {
    expect(indicesOf(200, 2, 4, false)).toEqual([
      ...Array.from({ length: 9 }, (_, i) => 144 + i),
      ...Array.from({ length: 9 }, (_, i) => 92 + i),
    ]);
  });

  test('years are freq indices back (365 for daily data)', () => {
    expect(indicesOf(400, 1, 1, false, 365)).toEqual([34, 35, 36]);
  });

  test('earliest t leaves the oldest window inside the series', () => {
    expect(pastWindowsEarliest({ b: 0, w: 6, actY: true }, 52)).toBe(7);
    expect(pastWindowsEarliest({ b: 1, w: 6, actY: true }, 52)).toBe(59);
    expect(pastWindowsEarliest({ b: 2, w: 4, actY: false }, 52)).toBe(109);
    expect(indicesOf(109, 2, 4, false)[9]).toBe(1);
  });

  test('unusable choices are named', () => {
    expect(pastWindowsIssue({ b: 0, w: 6, actY: false })).toMatchObject({ path: 'b' });
    expect(pastWindowsIssue({ b: 1, w: 0, actY: true })).toMatchObject({ path: 'w' });
    expect(pastWindowsIssue({ b: 1, w: 0, actY: false })).toBeNull();
  });
});

describe('moments', () => {
  test('mean and sample sd (divisor n - 1)', () => {
    const x = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(x, 8)).toBe(5);
    expect(sampleSd(x, 8, 5)).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(mean(x, 2)).toBe(3);
  });

  test('the sd of one value is NaN (R: NA)', () => {
    expect(sampleSd([3], 1, 3)).toBeNaN();
  });
});
