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
  // Keys are numbers, not strings: (place, signal, week) packed as place · 2³² + signal · 2¹⁶ + Monday's day
  // number (exact below 2⁵³: up to 2²¹ places, 2¹⁶ signals in a batch, days to 2149) — a map of numbers is
  // several times faster than one of joined strings, and this loop runs for every signal of every record
  // at every level of the place tree.
  const weeks = new Map<number, WeekDelta>();
  const placeIds = new Map<string, number>();
  const signalIds = new Map<string, number>();
  const idOf = (ids: Map<string, number>, key: string) => {
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  };
  const facility = new Map<string, FacilityDelta>();
  const mondays = new Map<string, { weekStart: string; day: number; slot: number }>();
  const chains = new Map<string, { codes: readonly string[]; ids: number[] }>();
  let removals = false;
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
      monday = { weekStart: dateOfDayNumber(day - slot), day: day - slot, slot };
      mondays.set(c.eventDate, monday);
    }
    let chain = chains.get(c.placeCode);
    if (!chain) {
      const codes = ancestors.get(c.placeCode) ?? [c.placeCode];
      chain = { codes, ids: codes.map((code) => idOf(placeIds, code)) };
      chains.set(c.placeCode, chain);
    }
    const denominator = sign * (c.denominator ?? 0);
    const { slot, weekStart } = monday;
    for (let i = 0; i < c.signals.length; i++) {
      const signal = c.signals[i] as string;
      const raw = c.counts?.[i] ?? 1;
      const count = sign < 0 ? negate(raw) : raw;
      const signalPart = idOf(signalIds, signal) * 65_536 + (monday.day & 0xffff);
      for (let p = 0; p < chain.ids.length; p++) {
        const key = (chain.ids[p] as number) * 4_294_967_296 + signalPart;
        let delta = weeks.get(key);
        if (!delta) {
          const placeCode = chain.codes[p] as string;
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
        const before = delta.counts[slot] as Amount;
        delta.counts[slot] =
          typeof before === 'number' && typeof count === 'number' && Number.isInteger(count)
            ? before + count
            : addAmount(before, count);
        delta.records[slot] = (delta.records[slot] as number) + sign;
        delta.denominators[slot] = (delta.denominators[slot] as number) + denominator;
      }
      if (c.facilityId !== null) addFacility(c.facilityId, signal, c.eventDate, count, sign, denominator);
    }
    if (c.facilityId !== null) addFacility(c.facilityId, RECORDS_SIGNAL, c.eventDate, sign, sign, 0);
  }
  return { weeks: [...weeks.values()], facility: [...facility.values()], removals };
}
