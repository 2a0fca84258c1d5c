import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fisher, sidak, truncatedProduct } from './p-values.js';

/** mulberry32: a small seeded generator, so the Monte Carlo checks are the same on every run. */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('sidak', () => {
  test('one test is its own p-value; m tests: 1 − (1 − p)^m', () => {
    expect(sidak(0.03, 1)).toBe(0.03);
    expect(sidak(0.05, 2)).toBeCloseTo(1 - 0.95 ** 2, 15);
    expect(sidak(0.01, 10)).toBeCloseTo(1 - 0.99 ** 10, 15);
  });

  test('small p-values keep their precision (≈ m p)', () => {
    expect(sidak(1e-12, 5) / 5e-12).toBeCloseTo(1, 9);
  });

  test('grows with the number of tests and stays a probability', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1, noNaN: true }), fc.integer({ min: 1, max: 200 }), (p, m) => {
        const corrected = sidak(p, m);
        expect(corrected).toBeGreaterThanOrEqual(p * (1 - 1e-12));
        expect(corrected).toBeLessThanOrEqual(1);
        expect(sidak(p, m + 1)).toBeGreaterThanOrEqual(corrected);
      }),
    );
  });
});

describe('truncatedProduct (Zaykin et al. 2002)', () => {
  test('with τ = 1 it is Fisher: two p-values, P = w (1 − ln w)', () => {
    const w = 0.01 * 0.02;
    expect(fisher([0.01, 0.02])).toBeCloseTo(w * (1 - Math.log(w)), 15);
    // χ²(6) tail of −2 Σ ln p for three p-values: w Σ_{s<3} (−ln w)^s / s!
    const w3 = 0.2 * 0.3 * 0.04;
    const x = -Math.log(w3);
    expect(fisher([0.2, 0.3, 0.04])).toBeCloseTo(w3 * (1 + x + (x * x) / 2), 14);
  });

  test('one channel: the p-value itself; none at or below τ: 1', () => {
    expect(truncatedProduct([0.03], 1, 0.05).pvalue).toBeCloseTo(0.03, 15);
    expect(truncatedProduct([0.3, 0.5], 4, 0.05)).toEqual({ statistic: 1, pvalue: 1, included: 0 });
    expect(truncatedProduct([], 3, 0.05).pvalue).toBe(1);
  });

  test('more channels without evidence weaken the same evidence', () => {
    const few = truncatedProduct([0.01, 0.02], 2, 0.1).pvalue;
    const many = truncatedProduct([0.01, 0.02], 6, 0.1).pvalue;
    expect(many).toBeGreaterThan(few);
  });

  test('several moderate p-values together beat any one of them', () => {
    const p = truncatedProduct([0.02, 0.03, 0.02], 5, 0.1).pvalue;
    expect(p).toBeLessThan(0.02);
  });

  test('its p-value is uniform under the null: P(p ≤ α) ≈ α (Monte Carlo, 40 000 draws)', () => {
    const next = uniform(20260101);
    const draws = 40_000;
    for (const [count, tau] of [
      [3, 0.05],
      [5, 0.2],
      [6, 0.1],
    ] as const) {
      const ps: number[] = [];
      for (let i = 0; i < draws; i++) {
        const channelPs = Array.from({ length: count }, next);
        ps.push(truncatedProduct(channelPs, count, tau).pvalue);
      }
      // W = 1 (no channel at or below τ) is an atom of mass (1 − τ)^L: below it the p-value is uniform.
      const continuous = 1 - (1 - tau) ** count;
      for (const alpha of [0.001, 0.01, 0.05, 0.2].filter((a) => a < continuous)) {
        const rate = ps.filter((p) => p <= alpha).length / draws;
        const se = Math.sqrt((alpha * (1 - alpha)) / draws);
        expect(rate).toBeLessThanOrEqual(alpha + 4 * se);
        expect(rate).toBeGreaterThanOrEqual(alpha - 4 * se);
      }
    }
  });

  test('monotone: a smaller p-value never gives a larger combined p-value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-8, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (ps, index, tau) => {
          const i = index % ps.length;
          const smaller = ps.map((p, j) => (j === i ? p / 2 : p));
          const before = truncatedProduct(ps, ps.length, tau).pvalue;
          const after = truncatedProduct(smaller, ps.length, tau).pvalue;
          expect(after).toBeLessThanOrEqual(before * (1 + 1e-9) + 1e-15);
        },
      ),
    );
  });

  test('refuses a truncation point outside (0, 1] and NaN p-values', () => {
    expect(() => truncatedProduct([0.1], 1, 0)).toThrow(RangeError);
    expect(() => truncatedProduct([Number.NaN], 1, 0.5)).toThrow(RangeError);
  });
});
