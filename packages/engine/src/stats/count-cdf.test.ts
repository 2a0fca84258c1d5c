import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dnbinomRaw, dpoisRaw, negativeBinomialTail, poissonTail } from './count-cdf.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('Poisson and negative binomial tails', () => {
  it('Poisson(3): hand-computed CDF', () => {
    // P(Y <= 2) = e^-3 (1 + 3 + 4.5)
    expect(rel(poissonTail(2, 3, true), Math.exp(-3) * 8.5)).toBeLessThan(1e-14);
    expect(rel(poissonTail(2, 3, false), 1 - Math.exp(-3) * 8.5)).toBeLessThan(1e-14);
  });

  it('tiny means keep the upper tail exact (no 1 - (1 - p) cancellation)', () => {
    expect(rel(poissonTail(0, 3.7e-10, false), -Math.expm1(-3.7e-10))).toBeLessThan(1e-14);
    // NB: P(Y >= 1) = 1 - prob^size
    expect(
      rel(negativeBinomialTail(0, 1.03e-8, 0.28, false), -Math.expm1(1.03e-8 * Math.log(0.28))),
    ).toBeLessThan(1e-13);
  });

  it('masses match the closed forms', () => {
    expect(rel(dpoisRaw(7, 4.5), (Math.exp(-4.5) * 4.5 ** 7) / 5040)).toBeLessThan(1e-13);
    // NB(size 2.5, prob 0.4) at 3: Gamma(5.5) / (Gamma(2.5) 3!) 0.4^2.5 0.6^3
    const g = (5.5 - 1) * (4.5 - 1) * (3.5 - 1); // Gamma(5.5) / Gamma(2.5)
    expect(rel(dnbinomRaw(3, 2.5, 0.4), (g / 6) * 0.4 ** 2.5 * 0.6 ** 3)).toBeLessThan(1e-13);
  });

  it('property: lower + upper = 1 and the CDF is monotone, for small and huge parameters', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1e14, noNaN: true }),
        fc.double({ min: 0.05, max: 0.999, noNaN: true }),
        fc.double({ min: -4, max: 4, noNaN: true }),
        (size, prob, k) => {
          const mean = (size * (1 - prob)) / prob;
          const sd = Math.sqrt(size * (1 - prob)) / prob;
          const u = Math.max(0, Math.floor(mean + k * sd));
          const lo = negativeBinomialTail(u, size, prob, true);
          const up = negativeBinomialTail(u, size, prob, false);
          expect(lo).toBeGreaterThanOrEqual(0);
          expect(lo).toBeLessThanOrEqual(1);
          expect(Math.abs(lo + up - 1)).toBeLessThan(1e-12);
          expect(negativeBinomialTail(u + 1, size, prob, true)).toBeGreaterThanOrEqual(lo - 1e-15);
        },
      ),
      { numRuns: 300 },
    );
  });
});
