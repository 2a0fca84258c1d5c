import type { Random } from '../random.js';

/**
 * The baseline of one count series: on day i the expected count is
 *
 *   μ_i = level × season_i × weekday(i) × holiday_i × trend_i
 *
 * and the count is negative binomial with mean μ_i and size k (Poisson when k is infinite), or missing
 * (NaN) on a day the unit does not report (closed, silent).
 */
export interface CountModel {
  /** Population (per 100,000) × rate × share, or the store's size × rate, or pupils × rate. */
  readonly level: number;
  readonly season: Float64Array;
  /** Monday … Sunday multipliers. */
  readonly weekday: readonly number[];
  readonly holiday: Float64Array;
  readonly trend: Float64Array;
  readonly k: number;
}

/** Weekday (0 = Monday) of day index i when the first day is `first` (a day number). */
export const weekdayAt = (first: number, i: number) => (((first + i + 3) % 7) + 7) % 7;

export function expectedCount(model: CountModel, first: number, i: number): number {
  return (
    model.level *
    (model.season[i] as number) *
    (model.weekday[weekdayAt(first, i)] as number) *
    (model.holiday[i] as number) *
    (model.trend[i] as number)
  );
}

/**
 * Draws every day (so that the stream's use does not depend on which days are missing), then blanks the
 * days that `open` rejects or `silent` marks.
 */
export function drawCounts(
  model: CountModel,
  first: number,
  count: number,
  random: Random,
  silent: Uint8Array | null,
  open: ((i: number) => boolean) | null = null,
): Float32Array {
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const value = random.negativeBinomial(expectedCount(model, first, i), model.k);
    values[i] = (silent && silent[i]) || (open && !open(i)) ? NaN : value;
  }
  return values;
}
