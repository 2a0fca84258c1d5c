import { pnbinom, ppois, qnbinom, qpois } from '../../stats/discrete.js';
import { pnorm } from '../../stats/normal.js';

/** Power transformation of the counts before the normal approximation (R's `powertrans`). */
export type PowerTransform = '2/3' | '1/2' | 'none';

/** R's `pnorm(x, mean, sd, lower.tail)`, with its rules for `sd = 0` and infinite arguments. */
export function pnormMeanSd(x: number, mean: number, sd: number, lowerTail: boolean): number {
  if (Number.isNaN(x) || Number.isNaN(mean) || Number.isNaN(sd)) return NaN;
  if (!Number.isFinite(x) && mean === x) return NaN;
  const below = x < mean;
  if (sd <= 0) {
    if (sd < 0) return NaN;
    return below === lowerTail ? 0 : 1;
  }
  const p = (x - mean) / sd;
  if (!Number.isFinite(p)) return below === lowerTail ? 0 : 1;
  return lowerTail ? pnorm(p) : pnorm(-p);
}

/** The normal approximation on the transformed scale (Farrington et al. 1996, section 3.4). */
export interface DeltaBounds {
  /** Upper end of the prediction interval on the count scale; `NaN` when both ends are NaN. */
  readonly upper: number;
  /** Standard deviation of `h(Y_0) - h(mu_0)` on the transformed scale. */
  readonly sigma: number;
  /** Exponent of the power transformation (1, 1/2 or 2/3). */
  readonly exponent: number;
}

/**
 * R's `algo.farrington.threshold` / `algo.farrington.threshold.farrington`: with `tau = phi + se^2 / mu0`,
 * `sigma` = `sqrt(mu0 tau)`, `sqrt(tau / 4)` or `sqrt(4/9 mu0^(1/3) tau)`, the interval
 * `(mu0^e -+ z sigma)^(1/e)`, sorted with NaN first as R's `sort(na.last = FALSE)` does (a negative base
 * under the power 3/2 is NaN), and its upper end.
 */
export function deltaBounds(
  mu0: number,
  se: number,
  phi: number,
  transform: PowerTransform,
  z: number,
): DeltaBounds {
  const tau = phi + (se * se) / mu0;
  let sigma: number;
  let exponent: number;
  switch (transform) {
    case 'none':
      sigma = Math.sqrt(mu0 * tau);
      exponent = 1;
      break;
    case '1/2':
      sigma = Math.sqrt((1 / 4) * tau);
      exponent = 1 / 2;
      break;
    case '2/3':
      sigma = Math.sqrt((4 / 9) * Math.pow(mu0, 1 / 3) * tau);
      exponent = 2 / 3;
      break;
  }
  const centre = Math.pow(mu0, exponent);
  const lo = Math.pow(centre + -z * sigma, 1 / exponent);
  const hi = Math.pow(centre + z * sigma, 1 / exponent);
  let upper: number;
  if (Number.isNaN(lo)) upper = hi;
  else if (Number.isNaN(hi)) upper = lo;
  else upper = Math.max(lo, hi);
  return { upper, sigma, exponent };
}

/** Noufaily et al. (2013) negative binomial threshold (R's `algo.farrington.threshold.noufaily`). */
export interface NoufailyThreshold {
  /** The `1 - alpha` quantile (an integer), `null` (R's NA) when the plug-in mean is infinite. */
  readonly upper: number | null;
  /** `P(Y >= y)`; `null` for a missing `y` or an infinite mean. */
  readonly pvalue: number | null;
  /** Mean of the plug-in distribution: `exp(eta0)` (nbPlugin) or `exp(eta0 + z se)` (muan). */
  readonly mean: number;
}

/**
 * Quantile and p-value of the negative binomial with mean `m` and variance `phi m` (`size = m / (phi - 1)`,
 * `prob = 1 / phi`), or of Poisson(`m`) when `phi = 1`. `y` may be `NaN` (missing).
 */
export function noufailyThreshold(m: number, phi: number, alpha: number, y: number): NoufailyThreshold {
  if (m === Infinity) return { upper: null, pvalue: null, mean: m };
  let upper: number;
  let pvalue: number | null;
  if (phi > 1) {
    const size = m / (phi - 1);
    upper = qnbinom(1 - alpha, size, 1 / phi);
    pvalue = Number.isNaN(y) ? null : pnbinom(y - 1, size, 1 / phi, false);
  } else {
    upper = qpois(1 - alpha, m);
    pvalue = Number.isNaN(y) ? null : ppois(y - 1, m, false);
  }
  return { upper, pvalue, mean: m };
}
