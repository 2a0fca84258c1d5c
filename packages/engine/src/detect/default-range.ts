import { checkRange } from './range.js';
import type { CountSeries, DetectionError, Range } from './types.js';

/**
 * The monitored range of a method: the caller's `range`, checked against the series and the method's
 * earliest time point, or — when absent — every time point from that earliest one to the end. (R's
 * `algo.*` functions have no usable default range; `earsC` documents exactly this one.)
 */
export function resolveRange(
  series: CountSeries,
  range: Range | undefined,
  earliest: number,
  method: string,
): { ok: true; from: number; to: number } | { ok: false; error: DetectionError } {
  const n = series.observed.length;
  if (range !== undefined) return checkRange(series, range, earliest);
  if (n < earliest) {
    return {
      ok: false,
      error: {
        field: 'observed',
        reason: `${method} needs at least ${earliest} time points (its first monitored t is ${earliest}), the series has ${n}`,
      },
    };
  }
  return { ok: true, from: earliest, to: n };
}
