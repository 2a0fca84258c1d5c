import type { Change } from '../ingest/resolve-versions.js';
import { isoWeekStart } from '../channels/time.js';
import { addAmount, negate, type Amount } from './exact-sum.js';

/**
 * A batch's effect on the series, aggregated in memory so that each series row is written once per batch:
 * every contribution entering or leaving adds to its (signal, place, day) and (signal, place, ISO week) at
 * every level of the place tree, and to its facility's own day.
 */

export interface SeriesDelta {
  readonly signal: string;
  readonly placeCode: string;
  readonly period: 'day' | 'week';
  readonly periodStart: string;
  count: Amount;
  records: number;
  denominator: number;
}

export interface FacilityDelta {
  readonly facilityId: string;
  readonly signal: string;
  readonly day: string;
  count: Amount;
  records: number;
  denominator: number;
}

/** The facility series' signal for "records reported that day": a day without it was not reported. */
export const RECORDS_SIGNAL = '_records';

export interface Deltas {
  readonly series: SeriesDelta[];
  readonly facility: FacilityDelta[];
  /** Whether any contribution left: rows may have fallen to zero records and must be tidied. */
  readonly removals: boolean;
}

export function seriesDeltas(
  changes: readonly Change[],
  ancestors: ReadonlyMap<string, readonly string[]>,
): Deltas {
  const series = new Map<string, SeriesDelta>();
  const facility = new Map<string, FacilityDelta>();
  let removals = false;
  const addSeries = (
    signal: string,
    placeCode: string,
    period: 'day' | 'week',
    periodStart: string,
    count: Amount,
    sign: number,
    denominator: number,
  ) => {
    const key = `${signal}\u0000${placeCode}\u0000${period}\u0000${periodStart}`;
    const delta = series.get(key);
    if (delta) {
      delta.count = addAmount(delta.count, count);
      delta.records += sign;
      delta.denominator += denominator;
    } else series.set(key, { signal, placeCode, period, periodStart, count, records: sign, denominator });
  };
  const addFacility = (
    facilityId: string,
    signal: string,
    day: string,
    count: Amount,
    sign: number,
    denominator: number,
  ) => {
    const key = `${facilityId}\u0000${signal}\u0000${day}`;
    const delta = facility.get(key);
    if (delta) {
      delta.count = addAmount(delta.count, count);
      delta.records += sign;
      delta.denominator += denominator;
    } else facility.set(key, { facilityId, signal, day, count, records: sign, denominator });
  };
  for (const { contribution: c, sign } of changes) {
    if (sign < 0) removals = true;
    const week = isoWeekStart(c.eventDate);
    const places = ancestors.get(c.placeCode) ?? [c.placeCode];
    const denominator = sign * (c.denominator ?? 0);
    c.signals.forEach((signal, i) => {
      const raw = c.counts?.[i] ?? 1;
      const count = sign < 0 ? negate(raw) : raw;
      for (const place of places) {
        addSeries(signal, place, 'day', c.eventDate, count, sign, denominator);
        addSeries(signal, place, 'week', week, count, sign, denominator);
      }
      if (c.facilityId !== null) addFacility(c.facilityId, signal, c.eventDate, count, sign, denominator);
    });
    if (c.facilityId !== null) addFacility(c.facilityId, RECORDS_SIGNAL, c.eventDate, sign, sign, 0);
  }
  return { series: [...series.values()], facility: [...facility.values()], removals };
}
