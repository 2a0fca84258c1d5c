import { RECORDS_SIGNAL, type AggregateSeries } from '@shaobing/engine';
import { dateOfDayNumber, dayNumberOf } from '../channels/time.js';

/**
 * The simulator's aggregated daily counts as COPY text rows of the series tables, exactly as the ingest
 * would have kept them had every record been sent: place and facility series as ISO-week rows with seven
 * day slots (migrations 006, 017). A NaN day is a day without records (a silent facility):
 * no row, as the ingest writes none; so is a day or week of zero records (the ingest deletes those).
 * Only days before `before` (a Monday, so no week is split with the records ingested after it) count.
 */

const MONDAY_OFFSET = 3; // day number 0 (1970-01-01) is a Thursday

/** The Monday on or before a day number. */
export function mondayOf(day: number): number {
  return day - ((((day + MONDAY_OFFSET) % 7) + 7) % 7);
}

/** Dates by day number: formatting one per row was a third of the rows' cost. */
const dates = new Map<number, string>();
function dateOf(day: number): string {
  let date = dates.get(day);
  if (date === undefined) dates.set(day, (date = dateOfDayNumber(day)));
  return date;
}

const at = (values: Float32Array | null, i: number) => {
  const v = values && i >= 0 && i < values.length ? (values[i] as number) : 0;
  return v === v ? v : 0; // NaN: nothing that day
};

/**
 * Week rows of `series_week` or `facility_week` (COPY columns channel, signal, place_code | facility_id,
 * week_start, count, records, denominator, day_* arrays) for the days from `start` (a day number, default the
 * series' first) to before `before`.
 */
export function* weekRows(series: AggregateSeries, before: number, start?: number): Generator<string> {
  const first = dayNumberOf(series.from);
  const from = Math.max(first, start ?? first);
  const end = Math.min(first + series.count.length, before);
  for (let week = mondayOf(from); week < end; week += 7) {
    const counts: number[] = [];
    const records: number[] = [];
    const denominators: number[] = [];
    let recordTotal = 0;
    for (let d = 0; d < 7; d++) {
      const i = week + d >= from && week + d < end ? week + d - first : -1;
      counts.push(at(series.count, i));
      records.push(at(series.records, i));
      denominators.push(at(series.denominator, i));
      recordTotal += records[d] as number;
    }
    if (recordTotal === 0) continue;
    yield (
      `${series.channel}\t${series.signal}\t${series.unit}\t${dateOf(week)}\t${sum(counts)}\t` +
      `${recordTotal}\t${sum(denominators)}\t{${counts.join(',')}}\t{${records.join(',')}}\t` +
      `{${denominators.join(',')}}\n`
    );
  }
}

/**
 * A facility's own series per signal are kept for the last `signalDays` before `before`: a facility's page
 * shows its recent year, and the cluster rules read weeks. Its `_records` (whether it reported each day:
 * the completeness of every place series) go back over the whole history.
 */
export const FACILITY_SIGNAL_DAYS = 364;

/** `facility_week` rows of a facility's series (see `weekRows`). */
export function facilityWeekRows(
  series: AggregateSeries,
  before: number,
  signalDays = FACILITY_SIGNAL_DAYS,
): Generator<string> {
  return weekRows(series, before, series.signal === RECORDS_SIGNAL ? undefined : before - signalDays);
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
