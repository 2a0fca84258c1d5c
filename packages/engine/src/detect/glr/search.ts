/**
 * R finds the "cases" bounds of the GLR charts by counting one by one (`x = 0, 1, 2, …` in C; `x + 1,
 * x + 2, …` or `x - 1, x - 2, …` in R's negative binomial loop, each step a full chart run). The statistic
 * at `n` is monotone in the count at `n` (every tested window contains `n`, and each window's profile
 * likelihood ratio is monotone in its sum), so the first count where the answer flips can be found by
 * galloping and bisection instead: the same count, in logarithmically many evaluations.
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
