import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupedTrendIrls, type GroupedTrendData } from './grouped-trend.js';
import { fitIrls, hatValues, predictionVarianceFactor, unscaledVariance } from './irls.js';

/** Rows in time order, groups in runs, as the Farrington baselines have them. */
function data(
  y: number[],
  group: number[],
  groups: number,
  t?: number[],
  priorWeights?: number[],
): GroupedTrendData {
  const n = y.length;
  const yy = Float64Array.from(y);
  return {
    n,
    y: yy,
    yLogY: yy.map((v) => (v !== 0 ? v * Math.log(v) : 0)),
    etaStart: yy.map((v) => Math.log(v + 0.1)),
    muStart: yy.map((v) => Math.max(Math.exp(Math.log(v + 0.1)), 2.220446049250313e-16)),
    t: Float64Array.from(t ?? y.map((_, i) => i + 1)),
    group: Int32Array.from(group),
    groups,
    offset: null,
    priorWeights: priorWeights ? Float64Array.from(priorWeights) : null,
  };
}

/** The same model as a dense design for the general IRLS: intercept, trend, dummies for groups 1.. */
function dense(d: GroupedTrendData, trend: boolean) {
  const p = 1 + (trend ? 1 : 0) + d.groups - 1;
  const x = new Float64Array(d.n * p);
  for (let i = 0; i < d.n; i++) {
    x[i * p] = 1;
    if (trend) x[i * p + 1] = d.t[i]!;
    const g = d.group[i]!;
    if (g > 0) x[i * p + (trend ? 1 : 0) + g] = 1;
  }
  const out = fitIrls({ x, ncol: p, y: d.y, ...(d.priorWeights ? { priorWeights: d.priorWeights } : {}) });
  if (!out.ok) throw new Error(out.reason);
  return { fit: out.fit, p };
}

const close = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.max(Math.abs(b), 1e-300);

describe('GroupedTrendIrls (structured IRLS of the Farrington model)', () => {
  it('without trend gives the group means', () => {
    const d = data([1, 3, 2, 10, 12, 14], [0, 0, 0, 1, 1, 1], 2);
    const irls = new GroupedTrendIrls(10, 2);
    expect(irls.fit(d, false)).toBe('ok');
    expect(irls.converged).toBe(true);
    expect(Math.exp(irls.predictEta(0, 0, 0))).toBeCloseTo(2, 9);
    expect(Math.exp(irls.predictEta(1, 0, 0))).toBeCloseTo(12, 9);
    expect(irls.residualDf).toBe(4);
  });

  it('reports a level without data as rank-deficient (the general IRLS takes over)', () => {
    const d = data([1, 3, 2], [0, 0, 0], 2);
    expect(new GroupedTrendIrls(10, 2).fit(d, false)).toBe('rank-deficient');
  });

  it('property: agrees with the general Householder IRLS (R glm.fit) on random baselines', () => {
    const rows = fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 24, maxLength: 60 });
    fc.assert(
      fc.property(
        rows,
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        fc.boolean(),
        (counts, groups, trend, weighted) => {
          if (counts.every((c) => c === 0)) return;
          const n = counts.length;
          const run = Math.ceil(n / (2 * groups));
          const group = counts.map((_, i) => Math.floor(i / run) % groups);
          const weights = weighted ? counts.map((_, i) => 0.5 + ((i * 7) % 5) / 4) : undefined;
          const d = data(counts, group, groups, undefined, weights);
          const irls = new GroupedTrendIrls(n, groups);
          expect(irls.fit(d, trend)).toBe('ok');
          const { fit } = dense(d, trend);
          expect(irls.converged).toBe(fit.converged);
          expect(irls.iterations).toBe(fit.iterations);
          const hat = new Float64Array(n);
          irls.hatValues(hat, d);
          const hatRef = hatValues(fit);
          for (let i = 0; i < n; i++) {
            expect(close(irls.mu[i]!, fit.mu[i]!, 1e-10)).toBe(true);
            expect(close(irls.weights[i]!, fit.weights[i]!, 1e-10)).toBe(true);
            expect(Math.abs(hat[i]! - hatRef[i]!)).toBeLessThan(1e-10);
          }
          if (trend) {
            expect(close(irls.slope, fit.coefficients[1]!, 1e-8) || Math.abs(irls.slope) < 1e-12).toBe(true);
            expect(close(irls.slopeVariance(), unscaledVariance(fit, 1), 1e-9)).toBe(true);
          }
          // Prediction for the last group at a time beyond the data.
          const g = groups - 1;
          const t0 = n + 5;
          const row = new Float64Array(fit.coefficients.length);
          row[0] = 1;
          if (trend) row[1] = t0;
          if (g > 0) row[(trend ? 1 : 0) + g] = 1;
          let eta = 0;
          for (let j = 0; j < row.length; j++) eta += row[j]! * fit.coefficients[j]!;
          expect(Math.abs(irls.predictEta(g, t0, 0) - eta)).toBeLessThan(1e-8 * Math.max(1, Math.abs(eta)));
          expect(close(irls.varianceFactor(g, t0), predictionVarianceFactor(fit, row), 1e-9)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('an all-zero baseline runs towards eta = -inf and stops by R deviance rule, like glm.fit', () => {
    const d = data(new Array<number>(30).fill(0), new Array<number>(30).fill(0), 1);
    const irls = new GroupedTrendIrls(30, 1);
    expect(irls.fit(d, true)).toBe('ok');
    const { fit } = dense(d, true);
    expect(irls.iterations).toBe(fit.iterations);
    expect(irls.converged).toBe(fit.converged);
    expect(irls.mu[0]).toBeLessThan(1e-8);
    expect(close(irls.mu[0]!, fit.mu[0]!, 1e-6)).toBe(true);
  });
});
