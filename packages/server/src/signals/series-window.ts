import { historyNeeded, type PastWindowNeed } from './method-check.js';
import type { Period, Rule } from './rule.js';

/**
 * The time axis of a run, pure: which periods a channel's series are read over, how a sparse read becomes the
 * engine's dense series, and which latest points each series is evaluated at. Periods are day numbers (days
 * since 1970-01-01): the day, or the ISO week's Monday.
 */

export const stepOf = (period: Period) => (period === 'week' ? 7 : 1);

/** The Monday of the ISO week of a day number (1970-01-01 was a Thursday). */
export const mondayOf = (day: number) => day - ((((day + 3) % 7) + 7) % 7);

export const periodOf = (day: number, period: Period) => (period === 'week' ? mondayOf(day) : day);

export interface Window {
  /** First and last period start read. */
  readonly fromDay: number;
  readonly toDay: number;
  /** Periods in the window. */
  readonly n: number;
}

/**
 * From the channel's latest data back over the longest baseline plus look-back any of its rules on this
 * interval needs, never before the channel's first data: earlier "zeros" would be periods before the channel
 * existed. The latest period is the one with the latest record, the current week included while it fills.
 */
export function windowFor(
  rules: readonly Rule[],
  period: Period,
  span: { readonly firstDay: number; readonly lastDay: number },
): Window {
  const step = stepOf(period);
  const toDay = periodOf(span.lastDay, period);
  const first = periodOf(span.firstDay, period);
  const need = Math.max(
    1,
    ...rules.map((r) => r.lookback + (r.history ?? historyNeeded(r.method, r.control, period))),
  );
  const fromDay = Math.max(first, toDay - (need - 1) * step);
  return { fromDay, toDay, n: (toDay - fromDay) / step + 1 };
}

/**
 * The dense series of a window: zero where no record counted (no row means zero), the stored counts where
 * read, and missing (NaN) in periods when the channel received nothing anywhere in the city — `reported`,
 * for channels whose facilities report every day: a day without one report city-wide is an outage or a
 * holiday, not a day without cases. A week is missing only when none of its days was reported.
 */
export function denseSeries(
  sparse: readonly number[] | undefined,
  window: Window,
  period: Period,
  reported: ReadonlySet<number> | undefined,
): { observed: Float64Array; dates: Int32Array } {
  const step = stepOf(period);
  const observed = new Float64Array(window.n);
  const dates = new Int32Array(window.n);
  for (let i = 0; i < window.n; i++) {
    const day = window.fromDay + i * step;
    dates[i] = day;
    if (reported && !anyReported(reported, day, step)) observed[i] = NaN;
  }
  if (sparse) {
    for (let k = 0; k < sparse.length; k += 2) {
      const i = sparse[k]!;
      if (i >= 0 && i < window.n) observed[i] = sparse[k + 1]!;
    }
  }
  return { observed, dates };
}

function anyReported(reported: ReadonlySet<number>, day: number, step: number): boolean {
  for (let d = day; d < day + step; d++) if (reported.has(d)) return true;
  return false;
}

/**
 * The first evaluated point (1-based) of a series: the latest `lookback` periods, or only from the earliest
 * changed period when that is later (a run after ingest re-evaluates what the new data can have changed).
 */
export function rangeStart(
  window: Window,
  period: Period,
  lookback: number,
  earliestChanged?: number,
): number {
  let from = Math.max(1, window.n - lookback + 1);
  if (earliestChanged !== undefined) {
    const changed = Math.floor((periodOf(earliestChanged, period) - window.fromDay) / stepOf(period)) + 1;
    from = Math.min(window.n, Math.max(from, changed));
  }
  return from;
}

/**
 * The series of reporting days only: the days on which the channel received nothing anywhere in the city
 * (weekends and holidays of schools, an outage) left out, each kept point with its own date, and the first
 * evaluated point moved to the first kept one at or after it (past the end when none is left). For methods
 * whose baseline is the last few points (EARS, ESSENCE): a school week's baseline is the previous school
 * days, not a window broken by a weekend.
 */
export function reportingDaysOnly(
  series: { readonly observed: Float64Array; readonly dates: Int32Array },
  from: number,
): { observed: Float64Array; dates: Int32Array; from: number } {
  const kept: number[] = [];
  let keptBefore = 0;
  series.observed.forEach((value, i) => {
    if (Number.isNaN(value)) return;
    kept.push(i);
    if (i < from - 1) keptBefore += 1;
  });
  if (kept.length === series.observed.length) return { ...series, from };
  return {
    observed: Float64Array.from(kept, (i) => series.observed[i]!),
    dates: Int32Array.from(kept, (i) => series.dates[i]!),
    from: keptBefore + 1,
  };
}

/**
 * The weeks a past-window method (algo.bayes, algo.rki) reads when it evaluates the latest `lookback` weeks of
 * the window: those weeks (and the `w` before them with actY), and `w` either side of the same weeks 52, 104,
 * … `b`·52 weeks back — R counts years in indices, never on the calendar (engine past-windows.ts). About a
 * fifth of five years, and street series are most of a full run's reads. Undefined when the windows of
 * neighbouring years would touch (read everything).
 */
export function pastWindowWeeks(
  window: Window,
  need: PastWindowNeed,
  lookback: number,
): number[] | undefined {
  const f = 52;
  const span = 2 * need.w + lookback - 1;
  if (span >= f) return undefined;
  const weeks: number[] = [];
  for (let back = 0; back < window.n; back++) {
    const keep =
      back < lookback + (need.actY ? need.w : 0) ||
      (back >= f - need.w && back <= need.b * f + need.w + lookback - 1 && (back + need.w) % f <= span);
    if (keep) weeks.push(window.toDay - back * 7);
  }
  return weeks.reverse();
}
