/**
 * R finds the "cases" bound of the Poisson GLR charts by counting up from 0 (the C loops of `glr_cusum` and
 * `glr_cusum_window`, a full `GLR_n` per count). From count 1 on, the statistic at `n` is monotone in the
 * count at `n` (every tested window contains `n`, and each window's profile likelihood ratio is
 * non-decreasing in its sum for "inc", non-increasing for "dec"), so galloping and bisection find the same
 * count in logarithmically many evaluations. Count 0 is the exception: with "dec" a window whose sum is 0
 * has a `NaN` ratio and is skipped, so `GLR_n` at 0 can be lower than at 1; `from` is always tried first,
 * which keeps R's answer there. Not for the negative binomial chart: R's Newton-Raphson change estimate
 * makes its alarm non-monotone in the count, and it is searched count by count.
 */

/**
 * Smallest whole `j` in `[from, limit]` for which `holds(j)` is true, for a predicate that is false up to
 * some point and true from there on; `undefined` when it holds nowhere in the interval.
 */
export function firstHolding(
  holds: (j: number) => boolean,
  from: number,
  limit = Infinity,
): number | undefined {
  if (from > limit) return undefined;
  let lastFalse = from - 1;
  let step = 1;
  let j = from;
  for (;;) {
    if (j >= limit) {
      j = limit;
      if (!holds(j)) return undefined;
      break;
    }
    if (holds(j)) break;
    lastFalse = j;
    j = lastFalse + step;
    step *= 2;
  }
  let low = lastFalse;
  let high = j;
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (holds(middle)) high = middle;
    else low = middle;
  }
  return high;
}
