import { dateOfDayNumber, dayNumberOf } from '../channels/time.js';
import type { Change } from '../ingest/resolve-versions.js';
import { addAmount, negate, type Amount } from './exact-sum.js';

/**
 * A batch's effect on the series, aggregated in memory so that each series row is written once per batch:
 * every contribution entering or leaving adds to its day's slot of its (signal, place, ISO week) row at
 * every level of the place tree, and of its facility's (signal, ISO week) row.
 */

export interface WeekDelta {
  readonly signal: string;
  /** The place (series_week) or the facility (facility_week) of the row. */
  readonly unit: string;
  /** The ISO week's Monday. */
  readonly weekStart: string;
  /** Seven slots, Monday first. */
  readonly counts: Amount[];
  readonly records: number[];
  readonly denominators: number[];
}

/** The facility series' signal for "records reported that day": a day without it was not reported. */
export const RECORDS_SIGNAL = '_records';

export interface Deltas {
  readonly places: WeekDelta[];
  readonly facilities: WeekDelta[];
  /** Whether any contribution left: rows may have fallen to zero records and must be tidied. */
  readonly removals: boolean;
}

/** Ids of the strings of one batch, for packing keys into numbers. */
class Ids {
  private readonly ids = new Map<string, number>();
  of(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
  }
}

/** The rows of one table by packed key: (unit · 2³² + signal · 2¹⁶ + Monday's day number). */
class WeekRows {
  readonly rows = new Map<number, WeekDelta>();
  add(
    key: number,
    signal: string,
    unit: string,
    weekStart: string,
    slot: number,
    count: Amount,
    sign: number,
    denominator: number,
  ) {
    let delta = this.rows.get(key);
    if (!delta) {
      delta = {
        signal,
        unit,
        weekStart,
        counts: [0, 0, 0, 0, 0, 0, 0],
        records: [0, 0, 0, 0, 0, 0, 0],
        denominators: [0, 0, 0, 0, 0, 0, 0],
      };
      this.rows.set(key, delta);
    }
    const before = delta.counts[slot] as Amount;
    delta.counts[slot] =
      typeof before === 'number' && typeof count === 'number' && Number.isInteger(count)
        ? before + count
        : addAmount(before, count);
    delta.records[slot] = (delta.records[slot] as number) + sign;
    delta.denominators[slot] = (delta.denominators[slot] as number) + denominator;
  }
}

const UNIT = 4_294_967_296;
const SIGNAL = 65_536;

export function seriesDeltas(
  changes: readonly Change[],
  ancestors: ReadonlyMap<string, readonly string[]>,
): Deltas {
  const builder = new DeltaBuilder(ancestors);
  builder.add(changes);
  return builder.deltas();
}

/** Aggregates a batch's changes given in parts (so that the ingest can let I/O run between them). */
export class DeltaBuilder {
  // Keys are numbers, not strings: exact below 2⁵³ (up to 2²¹ places or facilities, 2¹⁶ signals in a batch,
  // days to 2149) — a map of numbers is several times faster than one of joined strings, and this loop runs
  // for every signal of every record at every level of the place tree.
  private readonly places = new WeekRows();
  private readonly facilities = new WeekRows();
  private readonly placeIds = new Ids();
  private readonly facilityIds = new Ids();
  private readonly signalIds = new Ids();
  private readonly recordsSignal = this.signalIds.of(RECORDS_SIGNAL) * SIGNAL;
  private readonly mondays = new Map<string, { weekStart: string; day: number; slot: number }>();
  private readonly chains = new Map<string, { codes: readonly string[]; ids: number[] }>();
  private removals = false;

  constructor(private readonly ancestors: ReadonlyMap<string, readonly string[]>) {}

  add(changes: readonly Change[]): void {
    const { places, facilities, signalIds } = this;
    for (const { contribution: c, sign } of changes) {
      if (sign < 0) this.removals = true;
      let monday = this.mondays.get(c.eventDate);
      if (!monday) {
        const day = dayNumberOf(c.eventDate);
        // 1970-01-01 was a Thursday: (day + 3) mod 7 counts days since Monday.
        const slot = (((day + 3) % 7) + 7) % 7;
        monday = { weekStart: dateOfDayNumber(day - slot), day: day - slot, slot };
        this.mondays.set(c.eventDate, monday);
      }
      let chain = this.chains.get(c.placeCode);
      if (!chain) {
        const codes = this.ancestors.get(c.placeCode) ?? [c.placeCode];
        chain = { codes, ids: codes.map((code) => this.placeIds.of(code)) };
        this.chains.set(c.placeCode, chain);
      }
      const denominator = sign * (c.denominator ?? 0);
      const { slot, weekStart } = monday;
      const week = monday.day & 0xffff;
      const facilityId = c.facilityId;
      const facility = facilityId === null ? -1 : this.facilityIds.of(facilityId) * UNIT;
      for (let i = 0; i < c.signals.length; i++) {
        const signal = c.signals[i] as string;
        const raw = c.counts?.[i] ?? 1;
        const count = sign < 0 ? negate(raw) : raw;
        const signalPart = signalIds.of(signal) * SIGNAL + week;
        for (let p = 0; p < chain.ids.length; p++) {
          const key = (chain.ids[p] as number) * UNIT + signalPart;
          places.add(key, signal, chain.codes[p] as string, weekStart, slot, count, sign, denominator);
        }
        if (facilityId !== null)
          facilities.add(
            facility + signalPart,
            signal,
            facilityId,
            weekStart,
            slot,
            count,
            sign,
            denominator,
          );
      }
      if (facilityId !== null)
        facilities.add(
          facility + this.recordsSignal + week,
          RECORDS_SIGNAL,
          facilityId,
          weekStart,
          slot,
          sign,
          sign,
          0,
        );
    }
  }

  deltas(): Deltas {
    return {
      places: [...this.places.rows.values()],
      facilities: [...this.facilities.rows.values()],
      removals: this.removals,
    };
  }
}
