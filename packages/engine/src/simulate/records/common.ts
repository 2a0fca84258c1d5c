import { dateOf } from '../calendar.js';
import type { SimStreet } from '../city/sim-city.js';
import { Random } from '../random.js';
import type { SimSeries } from '../series.js';
import type { Simulation } from '../simulate.js';

/** Helpers the record writers share. */

/** 'YYYY-MM-DD HH:MM:SS' of a day number and a second of the day (local Asia/Shanghai time). */
export function timestamp(day: number, secondOfDay: number): string {
  const s = Math.min(86_399, Math.max(0, Math.floor(secondOfDay)));
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${dateOf(day)} ${hh}:${mm}:${ss}`;
}

/** 20261120 */
export const compactDate = (day: number) => dateOf(day).replaceAll('-', '');

/** The baseline part of a series' value on day index i (0 when nothing was reported). */
export function baselineAt(series: SimSeries, i: number): number {
  const value = series.values[i] as number;
  if (Number.isNaN(value)) return 0;
  return Math.round(value - (series.outbreak ? (series.outbreak[i] as number) : 0));
}

/** Each outbreak's part of a series' value on day index i, or null. */
export function outbreakShare(sim: Simulation, series: SimSeries, i: number): Record<string, number> | null {
  if (!series.outbreak || !series.outbreak[i]) return null;
  const share: Record<string, number> = {};
  for (const truth of sim.outbreaks) {
    const amount = truth.counts.get(series.index)?.[i];
    if (amount) share[truth.id] = amount;
  }
  return share;
}

/**
 * The streams that place a unit-day's baseline people (visits of a facility, cards of a district, …): the
 * street (and anything else that decides where a record counts) from one, the community within the street
 * from another. Records and place totals (aggregate/place-counts.ts) draw the streets in the same order, so
 * they agree person for person; totals down to streets never need the communities.
 */
export class Homes {
  readonly streets: Random;
  private communityStream: Random | undefined;

  constructor(
    private readonly seed: number,
    private readonly channel: string,
    private readonly unit: string,
    private readonly day: number,
  ) {
    this.streets = Random.derive(seed, 'street', channel, unit, day);
  }

  community(street: SimStreet): string {
    this.communityStream ??= Random.derive(this.seed, 'community', this.channel, this.unit, this.day);
    return street.communities.draw(this.communityStream).code;
  }
}

export const homesOf = (sim: Simulation, channel: string, unit: string, day: number) =>
  new Homes(sim.seed, channel, unit, day);

/** Seconds into the day of an outpatient visit: mornings busiest; fever clinics round the clock. */
export function visitSecond(r: Random, feverClinic: boolean): number {
  const u = r.uniform();
  const within = (from: number, to: number) => (from + r.uniform() * (to - from)) * 3600;
  if (feverClinic) {
    if (u < 0.35) return within(8, 12);
    if (u < 0.65) return within(12, 18);
    if (u < 0.9) return within(18, 24);
    return within(0, 8);
  }
  if (u < 0.6) return within(8, 12);
  if (u < 0.95) return within(13.5, 17.5);
  return within(17.5, 22);
}

/** Seconds into the day of a call or post: waking hours. */
export function wakingSecond(r: Random): number {
  return (7 + r.uniform() * 15.5) * 3600;
}
