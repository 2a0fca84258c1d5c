/**
 * Error distributions for the log-link GLMs the detection methods fit, as R's `poisson()` /
 * `quasipoisson()` families and MASS's `negative.binomial(theta)`. The link is always R's log link:
 * `mu = max(exp(eta), eps)` with the same floor on `d mu / d eta`.
 */
export interface GlmFamily {
  readonly name: string;
  /** Variance function `V(mu)`. */
  readonly variance: (mu: number) => number;
  /** Deviance contribution of one observation with prior weight `wt` (R's `dev.resids`). */
  readonly devianceResidual: (y: number, mu: number, wt: number) => number;
  /** R's `validmu`: is this fitted mean inside the family's domain? */
  readonly validMu: (mu: number) => boolean;
}

/** `y log(y / mu)` with R's convention `0 log 0 = 0` (C `y_log_y` in R's family.c). */
function yLogY(y: number, mu: number): number {
  return y !== 0 ? y * Math.log(y / mu) : 0;
}

/** Poisson (and quasi-Poisson: same fit, dispersion estimated afterwards). */
export const poissonFamily: GlmFamily = {
  name: 'poisson',
  variance: (mu) => mu,
  devianceResidual: (y, mu, wt) => 2 * wt * (yLogY(y, mu) - (y - mu)),
  validMu: (mu) => Number.isFinite(mu) && mu > 0,
};

/**
 * Negative binomial with fixed `theta` (MASS `negative.binomial(theta)`): variance `mu + mu^2 / theta`,
 * deviance `2 wt [y log(max(1, y) / mu) - (y + theta) log((y + theta) / (mu + theta))]`.
 */
export function negativeBinomialFamily(theta: number): GlmFamily {
  return {
    name: `negative.binomial(${theta})`,
    variance: (mu) => mu + (mu * mu) / theta,
    devianceResidual: (y, mu, wt) =>
      2 * wt * (y * Math.log(Math.max(1, y) / mu) - (y + theta) * Math.log((y + theta) / (mu + theta))),
    validMu: (mu) => mu > 0,
  };
}
