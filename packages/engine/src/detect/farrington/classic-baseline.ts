import type { CountSeries } from '../types.js';
import type { Baseline, SeriesCache } from './baseline.js';
import { weekday, yearsBefore } from './calendar.js';

/**
 * algo.farrington's baseline (README 7.3): the `b` windows `r_i - w … r_i + w` around the reference weeks
 * one to `b` years back. Index-based: `r_i = k - freq i`, indices below 1 dropped (R warns). Date-based
 * (R's `refvalIdxByDate`): the calendar date `i` years back, its window stepped by weeks (or days),
 * each date moved to the nearest day with the current week's weekday, dates not in the series dropped.
 * The covariate is the index in both modes. Rows are in R's order. Returns an error message or `null`.
 */
export function buildClassicBaseline(
  series: CountSeries,
  cache: SeriesCache,
  dateIndex: Map<number, number> | null,
  k: number,
  b: number,
  w: number,
  out: Baseline,
): string | null {
  out.reset(1, false);
  const n = series.observed.length;
  const dates = series.dates;
  const freq = series.frequency;
  const add = (idx: number): string | null => {
    if (Number.isNaN(cache.y[idx - 1]!)) {
      return `missing value at t = ${idx} in the baseline of t = ${k}: algo.farrington needs complete data`;
    }
    out.push(cache, idx - 1, idx, 0);
    return null;
  };
  if (!dates || !dateIndex) {
    for (let i = b; i >= 1; i--) {
      for (let idx = k - freq * i - w; idx <= k - freq * i + w; idx++) {
        if (idx < 1) continue;
        if (idx > n)
          return `t = ${k}: the window of reference week ${k - freq * i} runs past the end of the series`;
        const err = add(idx);
        if (err) return err;
      }
    }
  } else {
    const step = freq === 52 ? 7 : freq === 365 ? 1 : 0;
    if (step === 0) return 'date-based reference weeks need weekly (52) or daily (365) data';
    const today = dates[k - 1]!;
    const todayWeekday = weekday(today);
    for (let i = 1; i <= b; i++) {
      const ref = yearsBefore(today, i);
      for (let j = -w; j <= w; j++) {
        let day = ref + j * step;
        if (step === 7) {
          const forward = (((todayWeekday - weekday(day)) % 7) + 7) % 7;
          const backward = (((weekday(day) - todayWeekday) % 7) + 7) % 7;
          day += forward < backward ? forward : -backward;
        }
        const idx = dateIndex.get(day);
        if (idx === undefined) continue;
        const err = add(idx);
        if (err) return err;
      }
    }
  }
  if (out.n === 0) return `t = ${k}: no reference values exist for this time point`;
  out.predictionGroup = 0;
  out.predictionTime = k;
  out.predictionOffset = 0;
  return null;
}
