import betainc from '@stdlib/math-base-special-betainc';
import gammainc from '@stdlib/math-base-special-gammainc';
import { qnorm } from './normal.js';

/**
 * CDFs and quantiles of the count distributions the methods use, with R's conventions:
 * `pnbinom(q, size, prob)`, `ppois(q, lambda)`, `qnbinom(p, size, prob)`, `qpois(p, lambda)`.
 */

const EPS = 2.220446049250313e-16;

/** P(Y <= q) (or P(Y > q) when `lowerTail` is false) for Y ~ NB(size, prob), mean size (1 - prob) / prob. */
export function pnbinom(q: number, size: number, prob: number, lowerTail = true): number {
  const u = Math.floor(q + 1e-7);
  if (u < 0) return lowerTail ? 0 : 1;
  if (!Number.isFinite(u)) return lowerTail ? 1 : 0;
  if (size === 0) return lowerTail ? 1 : 0; // point mass at zero
  // P(Y <= u) = I_prob(size, u + 1); the upper tail is its complement computed directly.
  return betainc(prob, size, u + 1, true, !lowerTail);
}

/** P(Y <= q) (or P(Y > q)) for Y ~ Poisson(lambda). */
export function ppois(q: number, lambda: number, lowerTail = true): number {
  const u = Math.floor(q + 1e-7);
  if (u < 0) return lowerTail ? 0 : 1;
  if (!Number.isFinite(u)) return lowerTail ? 1 : 0;
  if (lambda === 0) return lowerTail ? 1 : 0;
  // P(Y <= u) = Q(u + 1, lambda), the regularized upper incomplete gamma function.
  return gammainc(lambda, u + 1, true, lowerTail);
}

/**
 * Smallest integer u >= 0 with F(u) >= p (1 - 8 eps): R's discrete quantile, including the tiny downward
 * fuzz R 4.2 applies so that exact ties resolve as in R. Starts from the Cornish-Fisher approximation as
 * R does and walks to the answer.
 */
function discreteQuantile(
  p: number,
  mean: number,
  sd: number,
  skew: number,
  cdf: (u: number) => number,
): number {
  if (Number.isNaN(p) || Number.isNaN(mean)) return NaN;
  if (p <= 0) return 0;
  if (p >= 1) return Infinity;
  const target = p * (1 - 8 * EPS);
  const z = qnorm(p);
  let u = Math.floor(mean + sd * (z + (skew * (z * z - 1)) / 6) + 0.5);
  if (!(u >= 0)) u = 0;
  if (cdf(u) >= target) {
    while (u > 0 && cdf(u - 1) >= target) u -= 1;
    return u;
  }
  do u += 1;
  while (cdf(u) < target);
  return u;
}

/** R's `qnbinom(p, size, prob)`. */
export function qnbinom(p: number, size: number, prob: number): number {
  if (size === 0) return 0;
  const q = 1 - prob;
  const mean = (size * q) / prob;
  const sd = Math.sqrt((size * q) / (prob * prob));
  const skew = (1 + q) / Math.sqrt(size * q);
  return discreteQuantile(p, mean, sd, skew, (u) => pnbinom(u, size, prob));
}

/** R's `qpois(p, lambda)`. */
export function qpois(p: number, lambda: number): number {
  if (lambda === 0) return 0;
  const sd = Math.sqrt(lambda);
  return discreteQuantile(p, lambda, sd, 1 / sd, (u) => ppois(u, lambda));
}
