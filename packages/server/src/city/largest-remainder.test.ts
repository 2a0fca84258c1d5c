import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { shareByLargestRemainder } from './largest-remainder.js';

describe('shareByLargestRemainder', () => {
  test('parts are whole, sum exactly to the total and stay within one of their quota', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000_000 }),
        fc.array(fc.integer({ min: 0, max: 3_000_000 }), { minLength: 1, maxLength: 15 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = shareByLargestRemainder(total, weights);
          const sum = weights.reduce((a, b) => a + b, 0);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((p, i) => {
            expect(Number.isInteger(p)).toBe(true);
            expect(Math.abs(p - (total * (weights[i] ?? 0)) / sum)).toBeLessThan(1);
          });
        },
      ),
    );
  });

  test.each([
    { total: 10, weights: [1, 1, 1], parts: [4, 3, 3] }, // a tie goes to the earlier weight
    { total: 7, weights: [5, 0, 2], parts: [5, 0, 2] },
    { total: 100, weights: [1], parts: [100] },
    { total: 2, weights: [0.5, 0.25, 0.25], parts: [1, 1, 0] },
  ])('$total by $weights → $parts', ({ total, weights, parts }) => {
    expect(shareByLargestRemainder(total, weights)).toEqual(parts);
  });

  test('rejects weights that cannot share anything', () => {
    expect(() => shareByLargestRemainder(5, [])).toThrow(RangeError);
    expect(() => shareByLargestRemainder(5, [0, 0])).toThrow(RangeError);
    expect(() => shareByLargestRemainder(5, [-1, 2])).toThrow(RangeError);
    expect(() => shareByLargestRemainder(2.5, [1])).toThrow(RangeError);
  });
});
