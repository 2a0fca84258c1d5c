import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { pnbinom, ppois, qnbinom, qpois } from './discrete.js';
import { pnorm, qnorm } from './normal.js';
import { quantileType7 } from './quantile.js';
import { pt } from './student-t.js';

// Expected values are R 4.2's (pnorm, qnorm, pt, ppois, pnbinom, qpois, qnbinom, quantile), or closed forms.

describe('continuous distributions', () => {
  test('match R', () => {
    expect(pnorm(-1.5)).toBeCloseTo(0.066807201268858057, 15);
    expect(qnorm(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(qnorm(0.999)).toBeCloseTo(3.0902323061678132, 14);
    expect(pt(2, 10)).toBeCloseTo(0.96330598261462974, 15);
  });
});

describe('count distributions', () => {
  test('closed forms', () => {
    expect(ppois(0, 2)).toBeCloseTo(Math.exp(-2), 15);
    expect(ppois(1, 2, false)).toBeCloseTo(1 - 3 * Math.exp(-2), 15);
    // NB(size 1, prob 1/2) is geometric: P(Y <= u) = 1 - 2^-(u + 1).
    expect(pnbinom(2, 1, 0.5)).toBeCloseTo(0.875, 15);
    expect(pnbinom(2, 1, 0.5, false)).toBeCloseTo(0.125, 15);
    expect(pnbinom(-1, 1, 0.5)).toBe(0);
  });

  test('quantiles are the smallest count reaching the probability', () => {
    expect(qpois(0.95, 3)).toBe(6);
    expect(qnbinom(0.95, 1, 0.5)).toBe(4);
    expect(qpois(0.5, 0)).toBe(0);
  });

  test('an exact tie resolves as R: the quantile of a CDF value is that count', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.double({ min: 0.1, max: 30, noNaN: true }), (u, lambda) => {
        const p = ppois(u, lambda);
        fc.pre(p < 1); // R too returns Inf for p = 1
        return qpois(p, lambda) <= u;
      }),
    );
  });

  test('the quantile is consistent with the CDF', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.999, noNaN: true }),
        fc.double({ min: 0.2, max: 50, noNaN: true }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        (p, size, prob) => {
          const u = qnbinom(p, size, prob);
          return pnbinom(u, size, prob) >= p * (1 - 1e-12) && (u === 0 || pnbinom(u - 1, size, prob) < p);
        },
      ),
    );
  });
});

describe('quantileType7', () => {
  test('matches R quantile(type = 7)', () => {
    expect(quantileType7([5, 1, 4, 2, 3], 0.8)).toBeCloseTo(4.2, 15);
    expect(quantileType7([7, 7, 7], 0.8)).toBe(7);
    expect(quantileType7([1, 2], 0)).toBe(1);
    expect(quantileType7([1, 2], 1)).toBe(2);
    expect(quantileType7([], 0.5)).toBeNaN();
  });
});
