import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { facilityCounts, placeCounts, SIM_CHANNELS, type Simulation } from '@shaobing/engine';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { dateOfDayNumber } from '../channels/time.js';
import { facilityDayRows, placeWeekRows } from './history-rows.js';

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
const FACILITY_COPY = `COPY facility_series (channel, facility_id, signal, day, count, records, denominator)
                       FROM STDIN`;
const CHUNK_BYTES = 8 << 20;

export async function writeHistory(
  client: pg.ClientBase,
  sim: Simulation,
  /** The first day not written (a Monday, day number). */
  before: number,
  progress: (done: number, rows: number) => void,
): Promise<HistoryWritten> {
  const to = dateOfDayNumber(before - 1);
  let placeRows = 0;
  let facilityRows = 0;
  for (const [n, channel] of SIM_CHANNELS.entries()) {
    const places = placeCounts(sim, { to, channels: [channel], levels: ['city', 'district', 'street'] });
    placeRows += await copyRows(client, PLACE_COPY, places, (s) => placeWeekRows(s, before));
    progress((n + 0.5) / SIM_CHANNELS.length, placeRows + facilityRows);
    const facilities = facilityCounts(sim, { to, channels: [channel] });
    facilityRows += await copyRows(client, FACILITY_COPY, facilities, (s) => facilityDayRows(s, before));
    progress((n + 1) / SIM_CHANNELS.length, placeRows + facilityRows);
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
