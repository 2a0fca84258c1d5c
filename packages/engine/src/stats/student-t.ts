import tCdf from '@stdlib/stats-base-dists-t-cdf';

/** Student-t CDF with `df` degrees of freedom, R's `pt(x, df)`. */
export function pt(x: number, df: number): number {
  return tCdf(x, df);
}
