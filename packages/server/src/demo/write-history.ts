import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { facilityCounts, placeCounts, SIM_CHANNELS, type Simulation } from '@shaobing/engine';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { dateOfDayNumber } from '../channels/time.js';
import { facilityWeekRows, weekRows } from './history-rows.js';

/**
 * The history before the recent weeks as aggregated counts, written straight into the series tables with
 * COPY — place series at the city, its districts and streets, facility series with their `_records` — on
 * the caller's client (in its transaction). Individual records there would add nothing but hours of load:
 * the detection reads series, and the drill path to records is for the recent weeks. Channel by channel,
 * so that memory holds one channel's street totals at a time.
 */

export interface HistoryWritten {
  readonly placeRows: number;
  readonly facilityRows: number;
}

const PLACE_COPY = `COPY series_week (channel, signal, place_code, week_start, count, records, denominator,
                                      day_counts, day_records, day_denominators) FROM STDIN`;
const FACILITY_COPY = `COPY facility_week (channel, signal, facility_id, week_start, count, records, denominator,
                                         day_counts, day_records, day_denominators) FROM STDIN`;
const CHUNK_BYTES = 8 << 20;

export interface HistoryOptions {
  /** Days of facility series per signal (default FACILITY_SIGNAL_DAYS; `_records` always go back in full). */
  readonly facilitySignalDays?: number;
  /** False: keep the keys and the change-log trigger during the load (bench:demo's baseline). */
  readonly bulk?: boolean;
}

export async function writeHistory(
  client: pg.ClientBase,
  sim: Simulation,
  /** The first day not written (a Monday, day number). */
  before: number,
  progress: (done: number, rows: number) => void,
  options: HistoryOptions = {},
): Promise<HistoryWritten> {
  const to = dateOfDayNumber(before - 1);
  const bulk = options.bulk ?? true;
  // Into empty tables (a first start, a drill), the primary keys are built once after the load: faster than
  // keeping them up to date row by row.
  const empty = await client.query<{ empty: boolean }>(
    'SELECT NOT EXISTS (SELECT 1 FROM series_week) AND NOT EXISTS (SELECT 1 FROM facility_week) AS empty',
  );
  const rebuild = bulk && empty.rows[0]?.empty === true;
  if (rebuild) {
    await client.query('ALTER TABLE series_week DROP CONSTRAINT series_week_pkey');
    await client.query('ALTER TABLE facility_week DROP CONSTRAINT facility_week_pkey');
  }
  // The change log's trigger would keep every COPY's rows in a transition table; one pass at the end logs
  // the same series (migration 010: every level but communities), with their earliest week.
  if (bulk) await client.query('ALTER TABLE series_week DISABLE TRIGGER series_week_inserted');
  let placeRows = 0;
  let facilityRows = 0;
  for (const [n, channel] of SIM_CHANNELS.entries()) {
    const places = placeCounts(sim, { to, channels: [channel], levels: ['city', 'district', 'street'] });
    placeRows += await copyRows(client, PLACE_COPY, places, (s) => weekRows(s, before));
    progress((n + 0.5) / SIM_CHANNELS.length, placeRows + facilityRows);
    const facilities = facilityCounts(sim, { to, channels: [channel] });
    facilityRows += await copyRows(client, FACILITY_COPY, facilities, (s) =>
      facilityWeekRows(s, before, options.facilitySignalDays),
    );
    progress((n + 1) / SIM_CHANNELS.length, placeRows + facilityRows);
  }
  if (bulk) {
    await client.query('ALTER TABLE series_week ENABLE TRIGGER series_week_inserted');
    await client.query(
      `INSERT INTO series_change (channel, signal, place_code, earliest)
       SELECT channel, signal, place_code, min(week_start) FROM series_week
        WHERE length(place_code) < 12 AND week_start < $1::date GROUP BY 1, 2, 3`,
      [dateOfDayNumber(before)],
    );
  }
  if (rebuild) {
    await client.query('ALTER TABLE series_week ADD PRIMARY KEY (channel, signal, place_code, week_start)');
    await client.query(
      'ALTER TABLE facility_week ADD PRIMARY KEY (channel, facility_id, signal, week_start)',
    );
  }
  return { placeRows, facilityRows };
}

/** COPYs the rows of every series, in chunks of a few megabytes; returns how many. */
async function copyRows<S>(
  client: pg.ClientBase,
  statement: string,
  series: readonly S[],
  rowsOf: (s: S) => Iterable<string>,
): Promise<number> {
  let count = 0;
  function* chunks(): Generator<Buffer> {
    let lines: string[] = [];
    let bytes = 0;
    for (const s of series) {
      for (const line of rowsOf(s)) {
        lines.push(line);
        bytes += line.length;
        count++;
        if (bytes >= CHUNK_BYTES) {
          yield Buffer.from(lines.join(''));
          lines = [];
          bytes = 0;
        }
      }
    }
    if (lines.length) yield Buffer.from(lines.join(''));
  }
  await pipeline(Readable.from(chunks()), client.query(copyStreams.from(statement)));
  return count;
}
