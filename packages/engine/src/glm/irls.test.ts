import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fitIrls,
  hatValues,
  negativeBinomialFamily,
  pearsonDispersion,
  predictionVarianceFactor,
  type IrlsFit,
} from './irls.js';

function fitOk(...args: Parameters<typeof fitIrls>): IrlsFit {
  const out = fitIrls(...args);
  if (!out.ok) throw new Error(out.reason);
  return out.fit;
}

const intercept = (n: number) => new Float64Array(n).fill(1);

describe('fitIrls (R glm.fit, log link)', () => {
  it('an intercept-only Poisson fit gives log(mean y), hat values 1/n, Pearson dispersion by hand', () => {
    const y = Float64Array.from([2, 4, 3, 7, 4]);
    const fit = fitOk({ x: intercept(5), ncol: 1, y });
    expect(fit.converged).toBe(true);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(4), 9);
    for (const m of fit.mu) expect(m).toBeCloseTo(4, 10);
    for (const h of hatValues(fit)) expect(h).toBeCloseTo(0.2, 10);
    // Pearson: sum (y - mu)^2 / mu / (n - 1) = (4 + 0 + 1 + 9 + 0) / 4 / 4, up to the weights being
    // those of the last solve (one iteration behind the final mu, as in R).
    expect(pearsonDispersion(fit.weights, fit.residuals, fit.residualDf)).toBeCloseTo(14 / 16, 4);
    expect(fit.residualDf).toBe(4);
    // Var(log mean) = 1 / (n mu) = 1/20
    expect(predictionVarianceFactor(fit, [1])).toBeCloseTo(1 / 20, 5);
  });

  it('two groups give the two group means', () => {
    const y = Float64Array.from([1, 3, 2, 10, 12, 14]);
    const x = Float64Array.from([1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1]);
    const fit = fitOk({ x, ncol: 2, y });
    expect(Math.exp(fit.coefficients[0]!)).toBeCloseTo(2, 10);
    expect(Math.exp(fit.coefficients[0]! + fit.coefficients[1]!)).toBeCloseTo(12, 10);
    expect(fit.residualDf).toBe(4);
  });

  it('prior weights act as replicated observations', () => {
    const y = Float64Array.from([1, 5]);
    const fit = fitOk({ x: intercept(2), ncol: 1, y, priorWeights: Float64Array.from([3, 1]) });
    expect(Math.exp(fit.coefficients[0]!)).toBeCloseTo((3 * 1 + 5) / 4, 10);
  });

  it('an offset fits a rate', () => {
    const y = Float64Array.from([10, 20, 30]);
    const pop = [100, 200, 300];
    const fit = fitOk({ x: intercept(3), ncol: 1, y, offset: Float64Array.from(pop, Math.log) });
    expect(Math.exp(fit.coefficients[0]!)).toBeCloseTo(0.1, 12);
  });

  it('a zero prior weight removes the row from the solve and from the residual df', () => {
    const y = Float64Array.from([2, 4, 100]);
    const fit = fitOk({ x: intercept(3), ncol: 1, y, priorWeights: Float64Array.from([1, 1, 0]) });
    expect(Math.exp(fit.coefficients[0]!)).toBeCloseTo(3, 10);
    expect(fit.residualDf).toBe(1);
    expect(fit.weights[2]).toBe(0);
  });

  it('an all-zero column is aliased (NA coefficient) like R, without disturbing the rest', () => {
    const y = Float64Array.from([1, 2, 3, 4]);
    const x = Float64Array.from([1, 0, 1, 0, 1, 0, 1, 0]);
    const fit = fitOk({ x, ncol: 2, y });
    expect(fit.rank).toBe(1);
    expect(Number.isNaN(fit.coefficients[1])).toBe(true);
    expect(Math.exp(fit.coefficients[0]!)).toBeCloseTo(2.5, 8);
    expect(fit.residualDf).toBe(3);
  });

  it('a collinear column is pivoted to the end and aliased', () => {
    const y = Float64Array.from([1, 2, 4, 8]);
    // columns: intercept, t, 2t (collinear with t)
    const x = Float64Array.from([1, 1, 2, 1, 2, 4, 1, 3, 6, 1, 4, 8]);
    const fit = fitOk({ x, ncol: 3, y });
    expect(fit.rank).toBe(2);
    expect(Array.from(fit.qr.pivot)).toEqual([0, 1, 2]);
    expect(Number.isNaN(fit.coefficients[2])).toBe(true);
    expect(fit.coefficients[1]).toBeCloseTo(Math.log(2), 6);
  });

  it('an all-zero response runs towards eta = -inf and stops by the deviance rule with tiny means', () => {
    const y = new Float64Array(10);
    const fit = fitOk({ x: intercept(10), ncol: 1, y });
    expect(fit.converged).toBe(true);
    expect(fit.mu[0]).toBeLessThan(1e-8);
    expect(fit.iterations).toBeGreaterThan(15);
  });

  it('reports the working weights of the last solve (from the previous mu), not from the final mu', () => {
    const y = Float64Array.from([0, 1, 0, 3, 5, 9, 12, 20]);
    const x = new Float64Array(16);
    for (let i = 0; i < 8; i++) {
      x[2 * i] = 1;
      x[2 * i + 1] = i + 1;
    }
    const once = fitOk({ x, ncol: 2, y, maxIterations: 3 });
    const twice = fitOk({ x, ncol: 2, y, maxIterations: 4 });
    // Weights of the 4th solve are the means after the 3rd.
    for (let i = 0; i < 8; i++) expect(twice.weights[i]).toBeCloseTo(once.mu[i]!, 12);
  });

  it('a negative binomial family with huge theta matches the Poisson fit', () => {
    const y = Float64Array.from([3, 5, 2, 8, 6, 4]);
    const x = new Float64Array(12);
    for (let i = 0; i < 6; i++) {
      x[2 * i] = 1;
      x[2 * i + 1] = i;
    }
    const pois = fitOk({ x, ncol: 2, y });
    const nb = fitOk({ x, ncol: 2, y, family: negativeBinomialFamily(1e12), etaStart: pois.eta });
    expect(nb.coefficients[1]).toBeCloseTo(pois.coefficients[1]!, 8);
  });

  it('property: the intercept-only fit reproduces the mean and hat values sum to the rank', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 2, maxLength: 40 }), (counts) => {
        if (counts.every((c) => c === 0)) return;
        const y = Float64Array.from(counts);
        const fit = fitOk({ x: intercept(y.length), ncol: 1, y });
        const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
        expect(Math.abs(fit.mu[0]! - mean)).toBeLessThan(1e-6 * mean);
        const h = hatValues(fit).reduce((a, b) => a + b, 0);
        expect(h).toBeCloseTo(1, 10);
      }),
    );
  });
});
