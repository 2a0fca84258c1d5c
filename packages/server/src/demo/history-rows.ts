import { RECORDS_SIGNAL, type AggregateSeries } from '@shaobing/engine';
import { dateOfDayNumber, dayNumberOf } from '../channels/time.js';

/**
 * The simulator's aggregated daily counts as COPY text rows of the series tables, exactly as the ingest
 * would have kept them had every record been sent (migration 006): place series as ISO-week rows with
 * seven day slots, facility series as day rows. A NaN day is a day without records (a silent facility):
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

/** `series_week` rows: channel, signal, place_code, week_start, count, records, denominator, day_* arrays. */
export function* placeWeekRows(series: AggregateSeries, before: number): Generator<string> {
  const first = dayNumberOf(series.from);
  const end = Math.min(first + series.count.length, before);
  for (let week = mondayOf(first); week < end; week += 7) {
    const counts: number[] = [];
    const records: number[] = [];
    const denominators: number[] = [];
    let recordTotal = 0;
    for (let d = 0; d < 7; d++) {
      const i = week + d < end ? week + d - first : -1;
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

/** `facility_series` rows: channel, facility_id, signal, day, count, records, denominator. */
export function* facilityDayRows(
  series: AggregateSeries,
  before: number,
  signalDays = FACILITY_SIGNAL_DAYS,
): Generator<string> {
  const first = dayNumberOf(series.from);
  const end = Math.min(series.count.length, before - first);
  const start = series.signal === RECORDS_SIGNAL ? 0 : Math.max(0, before - signalDays - first);
  for (let i = start; i < end; i++) {
    const records = series.records[i] as number;
    if (!(records > 0)) continue;
    yield (
      `${series.channel}\t${series.unit}\t${series.signal}\t${dateOf(first + i)}\t` +
      `${series.count[i]}\t${records}\t${at(series.denominator, i)}\n`
    );
  }
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
