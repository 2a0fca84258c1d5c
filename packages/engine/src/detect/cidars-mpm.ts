import { z } from 'zod';
import { quantileType7 } from '../stats/quantile.js';
import { controlSchema } from './control.js';
import { checkRange } from './range.js';
import { ok, type Cell, type CountSeries, type DetectionMethod } from './types.js';

/**
 * CIDARS' moving percentile method (MPM), the temporal detector of China's Infectious Diseases Automated-alert
 * and Response System (Yang W. et al., "A nationwide web-based automated system for outbreak early detection
 * and rapid response in China", Western Pac Surveill Response J 2011; 2(1): 10-15), with the baseline of the
 * Songjiang evaluation: 5 previous years, 5 windows per year, 25 baseline values. Write y_t for the count at t
 * (1-based) and f for the series frequency.
 *
 * 1. Window length L: 7 for daily series (f = 365), 1 otherwise (weekly: the week itself). The current count
 *    is the window ending at t, c_t = y_{t-L+1} + ... + y_t (the last 7 days, or the week).
 * 2. Baseline: the windows of the same length ending at e = t - i f + j L for i = 1..`years` and
 *    j = -`k`..`k`: the same window i years back and `k` neighbouring windows on each side, shifted by whole
 *    window lengths (7 days; 1 week), so 2k + 1 windows per year and years (2k + 1) values (25 by default).
 *    "i years back" is i f time points back (365 days, 52 weeks), as R's RKI and Bayes methods count; the
 *    calendar is not consulted, so five years back a daily window sits one or two days (leap days) earlier
 *    than the same calendar dates, well inside the ±2-week neighbourhood.
 * 3. Threshold U_t = R's type-7 quantile of the baseline values at `p` (0.80); alarm when c_t > U_t
 *    (strictly).
 *
 * Missing values: a baseline window with a missing count is left out; with none left, `upperbound` and
 * `alarm` are `NA`. A current window with a missing count gives `windowCount` and `alarm` `NA`.
 *
 * Output: `upperbound` = U_t, `alarm`, and extra columns `windowCount` (c_t) and `baselineCount` (how many
 * baseline windows were used). The earliest t is years f + (k + 1) L, where the oldest window begins at
 * t = 1; a range starting earlier is refused. `k` must keep the forward-shifted windows a year back clear of
 * the current one: (k + 1) L <= f.
 */
export const cidarsMpmControl = controlSchema({
  years: z.number().int().min(1).default(5),
  k: z.number().int().min(0).default(2),
  p: z.number().min(0).max(1).default(0.8),
});

export type CidarsMpmControl = z.infer<typeof cidarsMpmControl>;

/** Days per window for daily data: the method compares weekly sums of daily counts. */
const DAILY_WINDOW = 7;

/** The window length L of a series: 7 days for daily data, one time point otherwise. */
export function windowLength(frequency: number): number {
  return frequency === 365 ? DAILY_WINDOW : 1;
}

/** Sum of y over the L time points ending at 0-based `end`; `NaN` if any is missing. */
function windowSum(observed: Float64Array, end: number, length: number): number {
  let sum = 0;
  for (let j = end - length + 1; j <= end; j++) sum += observed[j] ?? NaN;
  return sum;
}

export const cidarsMpm: DetectionMethod<CidarsMpmControl> = {
  name: 'cidars.mpm',
  control: cidarsMpmControl,
  run(series: CountSeries, control: CidarsMpmControl) {
    const { years, k, p } = control;
    const f = series.frequency;
    const L = windowLength(f);
    if ((k + 1) * L > f) {
      return {
        ok: false,
        error: { field: 'k', reason: `k = ${k} windows of ${L} reach into the current window a year later` },
      };
    }
    const n = series.observed.length;
    const earliest = years * f + (k + 1) * L;
    if (control.range === undefined && earliest > n) {
      return {
        ok: false,
        error: {
          field: 'range',
          reason: `the series has ${n} time points, but this method needs t >= ${earliest}`,
        },
      };
    }
    const range = checkRange(series, control.range ?? [earliest, n], earliest);
    if (!range.ok) return { ok: false, error: range.error };

    const observed = series.observed;
    const baseline = new Float64Array(years * (2 * k + 1));
    const t: number[] = [];
    const upperbound: Cell[] = [];
    const alarm: Cell[] = [];
    const windowCount: Cell[] = [];
    const baselineCount: Cell[] = [];
    for (let i = range.from - 1; i < range.to; i++) {
      let used = 0;
      for (let back = 1; back <= years; back++) {
        for (let shift = -k; shift <= k; shift++) {
          const value = windowSum(observed, i - back * f + shift * L, L);
          if (!Number.isNaN(value)) baseline[used++] = value;
        }
      }
      const current = windowSum(observed, i, L);
      const threshold = used > 0 ? quantileType7(baseline.subarray(0, used), p) : NaN;
      t.push(i + 1);
      upperbound.push(used > 0 ? threshold : null);
      alarm.push(used > 0 && !Number.isNaN(current) ? (current > threshold ? 1 : 0) : null);
      windowCount.push(Number.isNaN(current) ? null : current);
      baselineCount.push(used);
    }
    return ok({ t, upperbound, alarm, extra: { windowCount, baselineCount } });
  },
};
