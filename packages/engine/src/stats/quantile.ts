/**
 * Sample quantile of R's default definition, `quantile(x, p, type = 7)`: interpolation between the order
 * statistics around 1 + (n - 1) p, computed as R computes it, `(1 - h) x[lo] + h x[hi]` and only where the
 * two differ, so results agree to the last bit. Missing values (`NaN`) must be removed by the caller.
 */
export function quantileType7(values: ArrayLike<number>, p: number): number {
  const n = values.length;
  if (n === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const index = (n - 1) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const a = sorted[lo] ?? NaN;
  const b = sorted[hi] ?? NaN;
  if (!(index > lo) || b === a) return a;
  const h = index - lo;
  return (1 - h) * a + h * b;
}
