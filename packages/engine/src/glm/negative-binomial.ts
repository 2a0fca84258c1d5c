import { digamma, lgamma, trigamma } from '../stats/special.js';
import { fitIrls, negativeBinomialFamily, type IrlsFit } from './irls.js';

/**
 * Negative binomial regression with estimated shape `theta`, as MASS's `glm.nb` (Venables and Ripley,
 * Modern Applied Statistics with S, 4th ed., section 7.4): a Poisson fit, then alternately the shape by
 * maximum likelihood (`theta.ml`) and the coefficients by IRLS with the shape fixed, until the
 * log-likelihood and the shape settle. Variance `mu + mu^2 / theta`.
 */

/** `.Machine$double.eps^0.25`, `theta.ml`'s step tolerance. */
const THETA_TOLERANCE = 2 ** -13;

/**
 * `sum()` as R computes it for doubles: R accumulates in extended (80-bit) precision and rounds once.
 * Compensated (Neumaier) summation reproduces that rounding in all but freak cases, where plain summation
 * can lose the last bits the stopping rules below look at.
 */
export function sumLikeR(count: number, term: (i: number) => number): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < count; i++) {
    const v = term(i);
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/** The log-likelihood of MASS's `glm.nb` (its `loglik`): sum of the negative binomial log densities. */
export function negativeBinomialLogLik(theta: number, mu: ArrayLike<number>, y: ArrayLike<number>): number {
  const lgammaTheta = lgamma(theta);
  const thetaLogTheta = theta * Math.log(theta);
  return sumLikeR(y.length, (i) => {
    const yi = y[i]!;
    const mi = mu[i]!;
    return (
      lgamma(theta + yi) -
      lgammaTheta -
      lgamma(yi + 1) +
      thetaLogTheta +
      yi * Math.log(mi + (yi === 0 ? 1 : 0)) -
      (theta + yi) * Math.log(theta + mi)
    );
  });
}

export interface ThetaEstimate {
  /** The estimate; `NaN` where R's iteration breaks down (R then stops with an error). */
  readonly theta: number;
  /** R's warning, if any: "iteration limit reached" or "estimate truncated at zero". */
  readonly warning: string | undefined;
}

/**
 * MASS `theta.ml`: Newton-Raphson for the shape with the means fixed, started at the moment estimate
 * `n / sum((y / mu - 1)^2)`, at most `limit - 1` steps, stopping when a step is below `eps^(1/4)`; a
 * negative result is truncated to 0.
 */
export function thetaMl(y: ArrayLike<number>, mu: ArrayLike<number>, limit = 25): ThetaEstimate {
  const n = y.length;
  let theta = n / sumLikeR(n, (i) => (y[i]! / mu[i]! - 1) ** 2);
  let iterations = 0;
  let step = 1;
  while ((iterations += 1) < limit && Math.abs(step) > THETA_TOLERANCE) {
    theta = Math.abs(theta);
    const t = theta;
    const digammaT = digamma(t);
    const logT = Math.log(t);
    const trigammaT = trigamma(t);
    const score = sumLikeR(n, (i) => {
      const yi = y[i]!;
      const mi = mu[i]!;
      return digamma(t + yi) - digammaT + logT + 1 - Math.log(t + mi) - (yi + t) / (mi + t);
    });
    const information = sumLikeR(n, (i) => {
      const yi = y[i]!;
      const mi = mu[i]!;
      const m = mi + t;
      return -trigamma(t + yi) + trigammaT - 1 / t + 2 / m - (yi + t) / (m * m);
    });
    step = score / information;
    theta = t + step;
  }
  // R stops at a NaN step ("missing value where TRUE/FALSE needed"); report it as NaN.
  if (Number.isNaN(step) || Number.isNaN(theta)) return { theta: NaN, warning: undefined };
  if (theta < 0) return { theta: 0, warning: 'estimate truncated at zero' };
  return { theta, warning: iterations === limit ? 'iteration limit reached' : undefined };
}

/** A design and counts for `fitGlmNb`. */
export interface GlmNbProblem {
  /** Design matrix, row-major (`x[i * ncol + j]`). */
  readonly x: Float64Array;
  readonly ncol: number;
  /** Counts, no missing values. */
  readonly y: Float64Array;
  /** R's `glm.control(maxit)`: IRLS iterations, `theta.ml` steps and alternations; default 25. */
  readonly maxIterations?: number;
  /** R's `glm.control(epsilon)`, default 1e-8. */
  readonly epsilon?: number;
}

export interface GlmNbFit {
  /** The last IRLS fit (negative binomial with the shape before the last `theta.ml`). */
  readonly fit: IrlsFit;
  readonly theta: number;
  /** Alternations of shape and coefficient fits. */
  readonly alternations: number;
  /** R's warnings ("iteration limit reached" from `theta.ml`, "alternation limit reached"). */
  readonly warnings: readonly string[];
}

export type GlmNbOutcome =
  { readonly ok: true; readonly value: GlmNbFit } | { readonly ok: false; readonly reason: string };

/**
 * MASS `glm.nb` for a model matrix without weights or offset:
 * 1. Poisson IRLS fit, `theta = theta.ml(y, mu)`; `d1 = sqrt(2 max(1, df.residual))`;
 *    `L = loglik(theta, mu)`, `L0 = L + 2 d1`, `del = 1`.
 * 2. While fewer than `maxit` alternations and `|L0 - L| / d1 + |del| > epsilon`: refit with the shape fixed,
 *    started at `eta = log(mu)`; `theta.ml` **on the `mu` from before this refit** (MASS's order);
 *    then `mu` = the new fit, `del` = the change of `theta`, `L0 = L`, `L = loglik(theta, mu)`.
 *
 * Fails (`ok: false`) wherever R stops with an error — an IRLS refit with no finite deviance after its first
 * step ("no valid set of coefficients has been found"), a refit starting from a `NaN` deviance, a shape
 * estimate or likelihood that is `NaN` (R: "missing value where TRUE/FALSE needed") — and also when the
 * shape is truncated at 0 or non-finite, or the alternation limit is reached. In those last cases R warns
 * and carries on with an estimate that has not settled: on extremely over-dispersed data that is the
 * run-up to its error, and on other data the unsettled shape is rounding noise that no reimplementation
 * reproduces; callers should not trust it. An IRLS fit that merely stops after `maxit` iterations is kept,
 * as in R (degenerate all-zero baselines do that).
 */
export function fitGlmNb(problem: GlmNbProblem): GlmNbOutcome {
  const { x, ncol, y } = problem;
  const maxit = problem.maxIterations ?? 25;
  const epsilon = problem.epsilon ?? 1e-8;
  const initial = fitIrls({ x, ncol, y, maxIterations: maxit, epsilon });
  if (!initial.ok) return { ok: false, reason: `initial Poisson fit: ${initial.reason}` };
  let mu = initial.fit.mu;
  let estimate = thetaMl(y, mu, maxit);
  const warnings: string[] = [];
  const d1 = Math.sqrt(2 * Math.max(1, initial.fit.residualDf));
  let step = 1;
  let logLik = negativeBinomialLogLik(estimate.theta, mu, y);
  let previousLogLik = logLik + 2 * d1;
  let fit = initial.fit;
  let alternations = 0;
  for (;;) {
    if (!(estimate.theta > 0 && Number.isFinite(estimate.theta))) {
      return { ok: false, reason: `the dispersion estimate broke down (theta = ${estimate.theta})` };
    }
    const criterion = Math.abs(previousLogLik - logLik) / d1 + Math.abs(step);
    if (Number.isNaN(criterion)) return { ok: false, reason: 'the log-likelihood is not a number' };
    if (!((alternations += 1) <= maxit && criterion > epsilon)) break;
    const family = negativeBinomialFamily(estimate.theta);
    // A refit whose starting deviance is NaN cannot pass R's first convergence test: R stops there.
    const startDeviance = sumLikeR(y.length, (i) => family.devianceResidual(y[i]!, mu[i]!, 1));
    if (Number.isNaN(startDeviance)) {
      return {
        ok: false,
        reason: `the refit with theta = ${estimate.theta} starts with a non-finite deviance`,
      };
    }
    const etaStart = mu.map(Math.log);
    const refit = fitIrls({ x, ncol, y, etaStart, family, maxIterations: maxit, epsilon });
    if (!refit.ok) return { ok: false, reason: `${refit.reason} (refit with theta = ${estimate.theta})` };
    fit = refit.fit;
    const previousTheta = estimate.theta;
    estimate = thetaMl(y, mu, maxit);
    mu = fit.mu;
    step = previousTheta - estimate.theta;
    previousLogLik = logLik;
    logLik = negativeBinomialLogLik(estimate.theta, mu, y);
  }
  if (estimate.warning) warnings.push(estimate.warning);
  if (alternations > maxit) {
    return { ok: false, reason: `alternation limit reached: theta did not settle (last ${estimate.theta})` };
  }
  return { ok: true, value: { fit, theta: estimate.theta, alternations: alternations - 1, warnings } };
}
