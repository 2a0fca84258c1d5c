import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastExp } from './exp.js';

describe('fastExp', () => {
  it('agrees with Math.exp to about one unit in the last place', () => {
    fc.assert(
      fc.property(fc.double({ min: -745, max: 709.7, noNaN: true }), (x) => {
        const ref = Math.exp(x);
        expect(Math.abs(fastExp(x) - ref)).toBeLessThanOrEqual(2.5e-16 * ref + Number.MIN_VALUE);
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    [0, 1],
    [1, Math.E],
    [-Infinity, 0],
    [Infinity, Infinity],
    [800, Infinity],
    [-800, 0],
  ])('exp(%d) = %d', (x, y) => {
    expect(fastExp(x)).toBe(y);
  });

  it('NaN stays NaN', () => {
    expect(fastExp(NaN)).toBeNaN();
  });
});
