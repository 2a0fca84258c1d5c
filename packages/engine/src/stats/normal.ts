import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** Standard normal CDF, R's `pnorm(x)`. */
export function pnorm(x: number): number {
  return normalCdf(x, 0, 1);
}

/** Standard normal quantile, R's `qnorm(p)`. */
export function qnorm(p: number): number {
  return normalQuantile(p, 0, 1);
}
