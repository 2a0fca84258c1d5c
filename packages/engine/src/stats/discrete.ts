import { negativeBinomialTail, poissonTail } from './count-cdf.js';
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
  if (Number.isNaN(size) || Number.isNaN(prob) || size < 0 || prob <= 0 || prob > 1) return NaN;
  if (size === 0 || prob === 1) return lowerTail ? 1 : 0; // point mass at zero
  // R: P(Y <= u) = I_prob(size, u + 1) by TOMS 708; here by summing the shorter tail (count-cdf.ts).
  return negativeBinomialTail(u, size, prob, lowerTail);
}

/** P(Y <= q) (or P(Y > q)) for Y ~ Poisson(lambda). */
export function ppois(q: number, lambda: number, lowerTail = true): number {
  const u = Math.floor(q + 1e-7);
  if (u < 0) return lowerTail ? 0 : 1;
  if (!Number.isFinite(u)) return lowerTail ? 1 : 0;
  if (Number.isNaN(lambda) || lambda < 0) return NaN;
  if (lambda === 0) return lowerTail ? 1 : 0;
  // R: P(Y <= u) = Q(u + 1, lambda) by pgamma; here by summing the shorter tail (count-cdf.ts).
  return poissonTail(u, lambda, lowerTail);
}

/** C's `nearbyint` (R's `R_forceint`): round half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * R's `do_search` (nmath/qDiscrete_search.h): from `y` with `F(y) = z`, step by `incr` to the left while
 * `F(y - incr) >= p`, or to the right until `F(y) >= p`. Returns the new `y` and its `F`.
 */
function search(y: number, z: number, p: number, incr: number, cdf: (u: number) => number): [number, number] {
  if (z >= p) {
    for (;;) {
      let newz = -1;
      if (y > 0) newz = cdf(y - incr);
      else if (y < 0) y = 0;
      if (y === 0 || Number.isNaN(newz) || newz < p) return [y, z];
      y = Math.max(0, y - incr);
      z = newz;
    }
  }
  for (;;) {
    y += incr;
    z = cdf(y);
    if (Number.isNaN(z) || z >= p) return [y, z];
  }
}

/**
 * R 4.2's discrete quantile (nmath/qDiscrete_search.h): the smallest integer u >= 0 with
 * F(u) >= p (1 - 8 eps), the tiny downward fuzz making exact ties resolve as in R. Starts from the
 * Cornish-Fisher approximation; below 4096 it searches in unit steps (exact), above it in steps of
 * y/64 shrinking by 8 until the step is below 1e-15 y, exactly as R (so huge quantiles agree with R's,
 * which are then only accurate to about 1e-15 relative).
 */
function discreteQuantile(
  p: number,
  mu: number,
  sigma: number,
  gamma: number,
  cdf: (u: number) => number,
): number {
  if (Number.isNaN(p) || Number.isNaN(mu)) return NaN;
  if (p <= 0) return 0;
  if (p >= 1) return Infinity;
  const zq = qnorm(p);
  let y = roundHalfEven(mu + sigma * (zq + (gamma * (zq * zq - 1)) / 6));
  if (y < 0) y = 0;
  let z = cdf(y);
  const target = p * (1 - 8 * EPS);
  if (y < 4096) return search(y, z, target, 1, cdf)[0];
  let incr = Math.floor(y * (1 / 64));
  let oldIncr: number;
  do {
    oldIncr = incr;
    [y, z] = search(y, z, target, incr, cdf);
    incr = Math.max(1, Math.floor(incr / 8));
  } while (oldIncr > 1 && incr > y * 1e-15);
  return y;
}

/** R's `qnbinom(p, size, prob)`. */
export function qnbinom(p: number, size: number, prob: number): number {
  if (Number.isNaN(p) || Number.isNaN(size) || Number.isNaN(prob)) return NaN;
  if (prob === 0 && size === 0) return 0;
  if (prob <= 0 || prob > 1 || size < 0) return NaN;
  if (prob === 1 || size === 0) return 0;
  // R's parametrisation of the Cornish-Fisher start (it decides the path of the large-step search).
  const Q = 1 / prob;
  const P = (1 - prob) * Q;
  const mu = size * P;
  const sigma = Math.sqrt(size * P * Q);
  return discreteQuantile(p, mu, sigma, (Q + P) / sigma, (u) => pnbinom(u, size, prob));
}

/** R's `qpois(p, lambda)`. */
export function qpois(p: number, lambda: number): number {
  if (Number.isNaN(p) || Number.isNaN(lambda)) return NaN;
  if (!Number.isFinite(lambda) || lambda < 0) return NaN;
  if (lambda === 0) return 0;
  const sigma = Math.sqrt(lambda);
  return discreteQuantile(p, lambda, sigma, 1 / sigma, (u) => ppois(u, lambda));
}
