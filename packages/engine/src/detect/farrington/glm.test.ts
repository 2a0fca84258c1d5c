import { describe, expect, it } from 'vitest';
import type { GroupedTrendData } from '../../glm/grouped-trend.js';
import { FarringtonGlm } from './glm.js';

function rows(y: number[], group: number[], groups: number): GroupedTrendData {
  const yy = Float64Array.from(y);
  return {
    n: y.length,
    y: yy,
    yLogY: yy.map((v) => (v !== 0 ? v * Math.log(v) : 0)),
    etaStart: yy.map((v) => Math.log(v + 0.1)),
    muStart: yy.map((v) => Math.exp(Math.log(v + 0.1))),
    t: Float64Array.from(y, (_, i) => i + 1),
    group: Int32Array.from(group),
    groups,
    offset: null,
    priorWeights: null,
  };
}

describe('FarringtonGlm', () => {
  it('a factor level without rows (all its counts missing) falls back to R-style pivoting: the level is aliased', () => {
    // Levels 0 and 2 have data, level 1 none: R's QR drops its dummy; predict.lm then ignores it.
    const d = rows([2, 2, 2, 2, 8, 8, 8, 8], [0, 0, 0, 0, 2, 2, 2, 2], 3);
    const glm = new FarringtonGlm(8, 3);
    expect(glm.fit(d, false)).toBe(true);
    expect(glm.residualDf).toBe(8 - 2);
    expect(Math.exp(glm.predictEta(2, 9, 0))).toBeCloseTo(8, 8);
    expect(Math.exp(glm.predictEta(1, 9, 0))).toBeCloseTo(2, 8); // intercept only
    expect(Math.exp(glm.predictEta(0, 9, 0))).toBeCloseTo(2, 8);
  });

  it('the structured and the general fit give the same model', () => {
    const d = rows([3, 5, 4, 6, 9, 7, 8, 12, 10, 11], [0, 0, 0, 1, 1, 1, 0, 0, 1, 1], 2);
    const fast = new FarringtonGlm(10, 2);
    const general = new FarringtonGlm(10, 2, true);
    expect(fast.fit(d, true)).toBe(true);
    expect(general.fit(d, true)).toBe(true);
    expect(fast.slope).toBeCloseTo(general.slope, 12);
    expect(fast.slopeVariance()).toBeCloseTo(general.slopeVariance(), 12);
    expect(fast.predictEta(1, 11, 0)).toBeCloseTo(general.predictEta(1, 11, 0), 12);
    expect(fast.varianceFactor(1, 11)).toBeCloseTo(general.varianceFactor(1, 11), 12);
  });
});
