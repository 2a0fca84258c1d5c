import { dateOfDayNumber, dayNumberOf } from '../channels/time.js';
import type { Change } from '../ingest/resolve-versions.js';
import { addAmount, negate, type Amount } from './exact-sum.js';

/**
 * A batch's effect on the series, aggregated in memory so that each series row is written once per batch:
 * every contribution entering or leaving adds to its day's slot of its (signal, place, ISO week) row at
 * every level of the place tree, and to its facility's own day.
 */

export interface WeekDelta {
  readonly signal: string;
  readonly placeCode: string;
  /** The ISO week's Monday. */
  readonly weekStart: string;
  /** Seven slots, Monday first. */
  readonly counts: Amount[];
  readonly records: number[];
  readonly denominators: number[];
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
  readonly weeks: WeekDelta[];
  readonly facility: FacilityDelta[];
  /** Whether any contribution left: rows may have fallen to zero records and must be tidied. */
  readonly removals: boolean;
}

export function seriesDeltas(
  changes: readonly Change[],
  ancestors: ReadonlyMap<string, readonly string[]>,
): Deltas {
  const weeks = new Map<string, WeekDelta>();
  const facility = new Map<string, FacilityDelta>();
  const mondays = new Map<string, { weekStart: string; slot: number }>();
  let removals = false;
  const addWeek = (
    signal: string,
    placeCode: string,
    weekStart: string,
    slot: number,
    count: Amount,
    sign: number,
    denominator: number,
  ) => {
    const key = `${signal}\u0000${placeCode}\u0000${weekStart}`;
    let delta = weeks.get(key);
    if (!delta) {
      delta = {
        signal,
        placeCode,
        weekStart,
        counts: [0, 0, 0, 0, 0, 0, 0],
        records: [0, 0, 0, 0, 0, 0, 0],
        denominators: [0, 0, 0, 0, 0, 0, 0],
      };
      weeks.set(key, delta);
    }
    delta.counts[slot] = addAmount(delta.counts[slot] ?? 0, count);
    delta.records[slot] = (delta.records[slot] ?? 0) + sign;
    delta.denominators[slot] = (delta.denominators[slot] ?? 0) + denominator;
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
    let monday = mondays.get(c.eventDate);
    if (!monday) {
      const day = dayNumberOf(c.eventDate);
      // 1970-01-01 was a Thursday: (day + 3) mod 7 counts days since Monday.
      const slot = (((day + 3) % 7) + 7) % 7;
      monday = { weekStart: dateOfDayNumber(day - slot), slot };
      mondays.set(c.eventDate, monday);
    }
    const places = ancestors.get(c.placeCode) ?? [c.placeCode];
    const denominator = sign * (c.denominator ?? 0);
    c.signals.forEach((signal, i) => {
      const raw = c.counts?.[i] ?? 1;
      const count = sign < 0 ? negate(raw) : raw;
      for (const place of places)
        addWeek(signal, place, monday.weekStart, monday.slot, count, sign, denominator);
      if (c.facilityId !== null) addFacility(c.facilityId, signal, c.eventDate, count, sign, denominator);
    });
    if (c.facilityId !== null) addFacility(c.facilityId, RECORDS_SIGNAL, c.eventDate, sign, sign, 0);
  }
  return { weeks: [...weeks.values()], facility: [...facility.values()], removals };
}
