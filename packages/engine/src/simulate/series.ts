import type { SimFacility } from './city/sim-facility.js';

/**
 * The simulated counts, one series per (channel, key, unit) over the simulated days: the form in which six
 * years of a city are generated in seconds and from which records and place totals are derived.
 */

/** The server's channel ids (packages/server/src/channels/channel-id.ts). */
export const SIM_CHANNELS = [
  'visit',
  'report-card',
  'pharmacy',
  'school',
  'lab',
  'hotline',
  'opinion',
  'wastewater',
] as const;
export type SimChannel = (typeof SIM_CHANNELS)[number];

export interface SimSeries {
  /** Position in the simulation's list. */
  readonly index: number;
  readonly channel: SimChannel;
  /**
   * What is counted: the visit complaint class (models/visit-classes.ts), drug class, school column, lab
   * pathogen, disease, hotline or opinion category, wastewater target.
   */
  readonly key: string;
  /** The reporting facility (visit, pharmacy, school, lab, wastewater), or null (report cards, hotline, opinion). */
  readonly facility: SimFacility | null;
  /** The district the series belongs to (the facility's, or the place's); null for city-wide posts. */
  readonly districtCode: string | null;
  /** For place series (report cards, hotline, opinion): the district or the city. */
  readonly placeCode: string;
  /**
   * The day's count (units sold, pupils absent, positives; for wastewater the concentration), baseline and
   * outbreak together; NaN when nothing was reported (a silent facility, a school closed, no sample).
   */
  readonly values: Float32Array;
  /** The outbreak-caused part of `values` (ground truth for a drill); null while no outbreak touched it. */
  outbreak: Float32Array | null;
  /** Pupils enrolled (school), samples tested (lab); null where the channel has none. */
  readonly denominator: Float32Array | null;
}

export function seriesKey(channel: SimChannel, key: string, unit: string): string {
  return `${channel}|${key}|${unit}`;
}

/** The unit that names a series in its key: the facility id, else the place code. */
export const unitOf = (s: Pick<SimSeries, 'facility' | 'placeCode'>) => s.facility?.id ?? s.placeCode;

/** Adds `amount` of outbreak-caused count to day `i` (ignored where nothing was reported that day). */
export function addOutbreak(series: SimSeries, i: number, amount: number, denominator = 0): boolean {
  const value = series.values[i];
  if (value === undefined || Number.isNaN(value)) return false;
  series.outbreak ??= new Float32Array(series.values.length);
  series.values[i] = value + amount;
  series.outbreak[i] = (series.outbreak[i] as number) + amount;
  if (series.denominator && denominator)
    series.denominator[i] = (series.denominator[i] as number) + denominator;
  return true;
}
