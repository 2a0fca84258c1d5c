import { fastExp } from '../../glm/exp.js';
import { pt } from '../../stats/student-t.js';
import type { FarringtonGlm } from './glm.js';
import type { Baseline } from './baseline.js';

const EPS = 2.220446049250313e-16;

/** How the two R implementations differ in fitting (README 7.2 steps 5-7 and 7.3). */
export interface ModelRules {
  readonly reweight: boolean;
  /** Anscombe residuals above this get weight `s^-2` (farringtonFlexible `weightsThreshold`; 1 in algo.farrington). */
  readonly weightsThreshold: number;
  /**
   * farringtonFlexible (`algo.farrington.fitGLM.flexible`) gives up on a time point when neither the fit
   * with nor without trend converges; algo.farrington (`fitGLM.fast`) carries on with the unconverged fit.
   */
  readonly giveUpWhenNotConverged: boolean;
  /**
   * farringtonFlexible stores the reweighting weights `omega` in `model$weights`, so `summary.glm` and
   * `predict.glm` later compute the dispersion as `sum(omega r^2) / df` (the `phiStar` quirk).
   */
  readonly omegaAsModelWeights: boolean;
  readonly pThresholdTrend: number;
  /** Number of years back: the trend needs `b >= 3`. */
  readonly b: number;
}

/** The final model of one time point. */
export interface FittedModel {
  /** `max(1, Pearson dispersion)` of the final fit (R's `model$phi`). */
  readonly phi: number;
  /** The dispersion `summary.glm(model)` reports for the final model (`phiStar` under the quirk). */
  readonly summaryDispersion: number;
  /** Whether the trend was kept. */
  readonly doTrend: boolean;
}

export type ModelOutcome =
  | { readonly kind: 'ok'; readonly model: FittedModel }
  | { readonly kind: 'no-convergence' }
  | { readonly kind: 'error'; readonly reason: string };

/** Reusable buffers for the reweighting step. */
export class ModelWorkspace {
  readonly omega: Float64Array;
  readonly hat: Float64Array;
  readonly resid: Float64Array;
  constructor(capacity: number) {
    this.omega = new Float64Array(capacity);
    this.hat = new Float64Array(capacity);
    this.resid = new Float64Array(capacity);
  }
}

/** `sum(w r^2)[w > 0] / df`, R's quasi-family dispersion. */
function dispersion(w: Float64Array, r: Float64Array, n: number, df: number): number {
  if (!(df > 0)) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    if (wi > 0) s += wi * r[i]! * r[i]!;
  }
  return s / df;
}

type FitOutcome =
  | { kind: 'ok'; phi: number; summaryDispersion: number }
  | { kind: 'no-convergence' }
  | { kind: 'error'; reason: string };

/**
 * One call of R's fit function: the fit (without trend if the trend fit does not converge), then
 * Farrington's reweighting by Anscombe residuals and the refit (README 7.2 steps 5-6).
 */
function fitWithReweighting(
  glm: FarringtonGlm,
  base: Baseline,
  trend: boolean,
  rules: ModelRules,
  ws: ModelWorkspace,
): FitOutcome {
  const d = base.data;
  const n = d.n;
  if (!glm.fit(d, trend)) return { kind: 'error', reason: glm.failure };
  if (!glm.converged) {
    if (trend) {
      trend = false;
      if (!glm.fit(d, false)) return { kind: 'error', reason: glm.failure };
    }
    if (!glm.converged && rules.giveUpWhenNotConverged) return { kind: 'no-convergence' };
  }
  glm.residuals(ws.resid);
  const pearson1 = dispersion(glm.weights, ws.resid, n, glm.residualDf);
  const phi1 = Math.max(pearson1, 1);
  if (!rules.reweight) return { kind: 'ok', phi: phi1, summaryDispersion: pearson1 };
  // Anscombe residuals of the first fit, standardised with its hat values (R's anscombe.residuals).
  const { omega, hat } = ws;
  glm.hatValues(hat);
  const mu = glm.mu;
  const eta = glm.eta;
  const T = rules.weightsThreshold;
  let denom = 0;
  let outliers = 0;
  for (let i = 0; i < n; i++) {
    const m = mu[i]!;
    // mu^(-1/6) as exp(-eta / 6) when mu = exp(eta) (not floored): same value, a third of the cost of pow.
    const muPow = m === EPS ? Math.pow(m, -1 / 6) : fastExp(-eta[i]! / 6);
    const s = (1.5 * (base.y23[i]! * muPow - Math.sqrt(m))) / Math.sqrt(phi1 * (1 - hat[i]!));
    if (Number.isNaN(s))
      return {
        kind: 'error',
        reason: 'an Anscombe residual is NaN (0/0): R stops in algo.farrington.assign.weights',
      };
    // omega_i = gamma s^-2 above the threshold, gamma below; gamma makes the weights sum to n.
    if (s > T) {
      outliers += 1;
      const v = Math.pow(s, -2);
      omega[i] = v;
      denom += v;
    } else {
      omega[i] = 1;
      denom += 1;
    }
  }
  const gamma = n / denom;
  for (let i = 0; i < n; i++) omega[i] = gamma * omega[i]!;
  if (outliers === 0) {
    // Every weight is exactly 1 (gamma = n / n): R's refit repeats the first fit operation for operation.
    const summaryDispersion = rules.omegaAsModelWeights
      ? dispersion(omega, ws.resid, n, glm.residualDf)
      : pearson1;
    return { kind: 'ok', phi: phi1, summaryDispersion };
  }
  base.setPriorWeights(omega);
  const refitted = glm.fit(d, trend);
  base.setPriorWeights(null);
  if (!refitted) return { kind: 'error', reason: glm.failure };
  glm.residuals(ws.resid);
  const pearson = dispersion(glm.weights, ws.resid, n, glm.residualDf);
  const summaryDispersion = rules.omegaAsModelWeights
    ? dispersion(omega, ws.resid, n, glm.residualDf)
    : pearson;
  return { kind: 'ok', phi: Math.max(pearson, 1), summaryDispersion };
}

/** R's `a && b && c` on values that may be NA (`null`): FALSE wins, otherwise NA, otherwise TRUE. */
function rAnd(...xs: (boolean | null)[]): boolean | null {
  if (xs.some((x) => x === false)) return false;
  return xs.some((x) => x === null) ? null : true;
}

/**
 * Fits the Farrington model for one time point and decides on the trend (README 7.2 step 7, 7.3): the
 * trend stays iff `b >= 3`, its t-test p-value (with the dispersion `summary.glm` reports) is below
 * `pThresholdTrend` and the predicted mean at the current week does not exceed the largest baseline
 * count; otherwise everything is refitted without trend. Afterwards the GLM holds the final model.
 */
export function fitFarringtonModel(
  glm: FarringtonGlm,
  base: Baseline,
  trend: boolean,
  rules: ModelRules,
  ws: ModelWorkspace,
): ModelOutcome {
  if (glm.alwaysGeneral) return settled(fitOnce(glm, base, trend, rules, ws));
  const outcome = fitOnce(glm, base, trend, rules, ws);
  if (outcome.kind !== 'numerically-zero-trend') return outcome;
  // A trend that is zero up to rounding: its t-test p-value is 1 - O(1e-16), and whether it is below 1
  // (pThresholdTrend = 1) depends on the rounding noise of the fit. R's noise comes from its QR on the
  // uncentred design, so decide this time point with the general Householder fit, which has the same.
  glm.alwaysGeneral = true;
  try {
    return settled(fitOnce(glm, base, trend, rules, ws));
  } finally {
    glm.alwaysGeneral = false;
  }
}

/** The general fit never defers the trend decision. */
function settled(o: ModelOutcome | { readonly kind: 'numerically-zero-trend' }): ModelOutcome {
  return o.kind === 'numerically-zero-trend' ? { kind: 'error', reason: 'trend test undecided' } : o;
}

function fitOnce(
  glm: FarringtonGlm,
  base: Baseline,
  trend: boolean,
  rules: ModelRules,
  ws: ModelWorkspace,
): ModelOutcome | { readonly kind: 'numerically-zero-trend' } {
  let fit = fitWithReweighting(glm, base, trend, rules, ws);
  if (fit.kind !== 'ok') return fit;
  let doTrend = false;
  if (glm.hasTrend) {
    const slope = glm.slope;
    const slopeVar = glm.slopeVariance();
    if (Number.isNaN(slope) || Number.isNaN(slopeVar)) {
      return { kind: 'error', reason: 'the trend coefficient is aliased (R stops: subscript out of bounds)' };
    }
    const tValue = slope / Math.sqrt(fit.summaryDispersion * slopeVar);
    if (!glm.alwaysGeneral && Math.abs(tValue) < 1e-9) return { kind: 'numerically-zero-trend' };
    const pValue = 2 * pt(-Math.abs(tValue), glm.residualDf);
    const mu0 = Math.max(
      Math.exp(glm.predictEta(base.predictionGroup, base.predictionTime, base.predictionOffset)),
      EPS,
    );
    const significant = Number.isNaN(pValue) ? null : pValue < rules.pThresholdTrend;
    const noExtrapolation = Number.isNaN(mu0) ? null : mu0 <= base.maxY;
    const keep = rAnd(rules.b >= 3, significant, noExtrapolation);
    if (keep === null)
      return {
        kind: 'error',
        reason: 'the trend test is NA (R stops: missing value where TRUE/FALSE needed)',
      };
    doTrend = keep;
    if (!doTrend) {
      fit = fitWithReweighting(glm, base, false, rules, ws);
      if (fit.kind === 'no-convergence')
        return { kind: 'error', reason: 'the model without trend did not converge (R stops in predict.glm)' };
      if (fit.kind === 'error') return fit;
    }
  }
  return { kind: 'ok', model: { phi: fit.phi, summaryDispersion: fit.summaryDispersion, doTrend } };
}
