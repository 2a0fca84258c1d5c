import { dateOf } from '../calendar.js';
import type { SimChannel } from '../series.js';

/**
 * Aggregated daily counts of one (channel, signal, unit) — the server's series columns: the signal's sum,
 * the records behind it, the denominator (pupils enrolled, samples tested) — and the outbreak-caused part.
 */
export interface AggregateSeries {
  readonly channel: SimChannel;
  readonly signal: string;
  /** A place code (place totals) or a facility id (facility totals). */
  readonly unit: string;
  /** The day of index 0, 'YYYY-MM-DD'. */
  readonly from: string;
  /** The sum per day; NaN on a day with no record at all (a facility's missing day). */
  readonly count: Float32Array;
  readonly records: Float32Array;
  readonly denominator: Float32Array | null;
  /** The outbreak-caused part of `count` (ground truth), or null when none. */
  readonly outbreak: Float32Array | null;
}

/** One series being summed; callers keep the handle to skip the lookup on every unit. */
export interface Tally {
  readonly channel: SimChannel;
  readonly signal: string;
  readonly unit: string;
  readonly count: Float32Array;
  readonly records: Float32Array;
  denominator: Float32Array | null;
  outbreak: Float32Array | null;
}

/** Collects contributions by (channel, signal, unit) over `days` days starting at day number `first`. */
export class Accumulator {
  private readonly map = new Map<string, Tally>();

  constructor(
    private readonly first: number,
    private readonly days: number,
    /** Missing days start as NaN (facility totals) or 0 (place totals, where no row means zero). */
    private readonly missing: number,
  ) {}

  tally(channel: SimChannel, signal: string, unit: string): Tally {
    const key = `${channel}|${signal}|${unit}`;
    let t = this.map.get(key);
    if (!t) {
      t = {
        channel,
        signal,
        unit,
        count: new Float32Array(this.days).fill(this.missing),
        records: new Float32Array(this.days),
        denominator: null,
        outbreak: null,
      };
      this.map.set(key, t);
    }
    return t;
  }

  series(): AggregateSeries[] {
    const from = dateOf(this.first);
    return [...this.map.values()].map((t) => ({ ...t, from }));
  }
}

/** Adds to day i of a tally. */
export function bump(
  t: Tally,
  i: number,
  count: number,
  records: number,
  denominator = 0,
  outbreak = 0,
): void {
  const c = t.count[i] as number;
  t.count[i] = (c === c ? c : 0) + count; // c !== c: NaN, a day not yet reported
  t.records[i] = (t.records[i] as number) + records;
  if (denominator) {
    t.denominator ??= new Float32Array(t.count.length);
    t.denominator[i] = (t.denominator[i] as number) + denominator;
  }
  if (outbreak) {
    t.outbreak ??= new Float32Array(t.count.length);
    t.outbreak[i] = (t.outbreak[i] as number) + outbreak;
  }
}
