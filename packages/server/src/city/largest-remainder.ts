/**
 * Shares a whole number out in proportion to weights so that the parts are whole and sum exactly to it
 * (the largest-remainder, or Hamilton, method): each part gets the floor of its quota, and the units
 * left over go to the largest remainders, ties to the earlier weight. With whole-number weights the
 * arithmetic is exact (every product stays below 2^53 for populations and weights of this size).
 */
export function shareByLargestRemainder(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0)
    throw new RangeError(`total must be a whole number ≥ 0: ${total}`);
  if (weights.length === 0 || weights.some((w) => !(w >= 0) || !Number.isFinite(w))) {
    throw new RangeError('weights must be finite, ≥ 0 and not empty');
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) throw new RangeError('weights must not all be 0');
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  const remainders = weights.map((w, i) => ({ i, r: total * w - (parts[i] ?? 0) * sum }));
  remainders.sort((a, b) => b.r - a.r || a.i - b.i);
  let left = total - parts.reduce((a, b) => a + b, 0);
  for (const { i } of remainders) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}
