import type { CountSeries, DetectionError, Range } from './types.js';

/**
 * Checks a monitored range against the series and the earliest index the method can handle
 * (`earliest`, 1-based). Returns the range or the reason it cannot be used, naming `range`.
 */
export function checkRange(
  series: CountSeries,
  range: Range,
  earliest: number,
): { ok: true; from: number; to: number } | { ok: false; error: DetectionError } {
  const [from, to] = range;
  const n = series.observed.length;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from > to) {
    return {
      ok: false,
      error: { field: 'range', reason: `range [${from}, ${to}] is not an increasing pair of whole numbers` },
    };
  }
  if (to > n) {
    return {
      ok: false,
      error: { field: 'range', reason: `range ends at ${to} but the series has ${n} time points` },
    };
  }
  if (from < earliest) {
    return {
      ok: false,
      error: {
        field: 'range',
        reason: `range starts at ${from}, but this method needs t >= ${earliest} (not enough baseline before it)`,
      },
    };
  }
  return { ok: true, from, to };
}
