/**
 * Farrington's low-count rule ("limit54"): an alarm needs at least `cases` reports in the last `weeks`
 * weeks, the current week included (surveillance >= 0.9-7). `null` (R's NA) when one of those counts is
 * missing; `undefined` when the window reaches a negative index, where R stops. Index 0 is skipped, as
 * R's subsetting does.
 */
export function limit54Enough(
  observed: Float64Array,
  k: number,
  cases: number,
  weeks: number,
): boolean | null | undefined {
  const start = k - weeks + 1;
  if (start < 0) return undefined;
  let sum = 0;
  for (let j = Math.max(start, 1); j <= k; j++) sum += observed[j - 1]!;
  return Number.isNaN(sum) ? null : sum >= cases;
}
