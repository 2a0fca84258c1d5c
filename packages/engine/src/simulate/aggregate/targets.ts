import type { SimChannel } from '../series.js';
import { bump, type Accumulator, type Tally } from './accumulator.js';
import { serverSignals } from './signals.js';

/**
 * The tallies one record adds to, resolved once per (channel, key, place or facility) and kept: looking a
 * series up by a composed string for each of millions of records would cost more than the counting.
 */
export class Targets {
  private readonly byKey = new Map<string, Map<string, Tally[]>>();

  constructor(
    private readonly acc: Accumulator,
    /** The units a record at `where` counts in (its place and the places above; or its facility). */
    private readonly units: (where: string) => readonly string[],
    /** An extra signal every record of a unit counts in (a facility's `_records`), or none. */
    private readonly recordsSignal: string | null = null,
  ) {}

  /** The tallies of (channel, key) at `where`; with a records signal, its tallies come last, one per unit. */
  of(channel: SimChannel, key: string): (where: string) => Tally[] {
    const k = `${channel}|${key}`;
    let byWhere = this.byKey.get(k);
    if (!byWhere) this.byKey.set(k, (byWhere = new Map<string, Tally[]>()));
    const cache = byWhere;
    return (where) => {
      let list = cache.get(where);
      if (!list) {
        const units = this.units(where);
        list = units.flatMap((unit) =>
          serverSignals(channel, key).map((signal) => this.acc.tally(channel, signal, unit)),
        );
        if (this.recordsSignal !== null)
          for (const unit of units) list.push(this.acc.tally(channel, this.recordsSignal, unit));
        cache.set(where, list);
      }
      return list;
    };
  }
}

/** Adds to day i of every tally in the list. */
export function addAll(
  list: readonly Tally[],
  i: number,
  count: number,
  records: number,
  denominator = 0,
  outbreak = 0,
): void {
  for (const t of list) bump(t, i, count, records, denominator, outbreak);
}
