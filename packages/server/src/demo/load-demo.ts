import { simulate, simulatedRecords, type CityInput, type Scenario, type Simulation } from '@shaobing/engine';
import type pg from 'pg';
import type { ChannelId } from '../channels/channel-id.js';
import { dateOfDayNumber, dayNumberOf } from '../channels/time.js';
import { upsertFacilities } from '../city/upsert-facilities.js';
import { ingestRecords } from '../ingest/ingest-records.js';
import { mondayOf } from './history-rows.js';
import { progressBar, type ProgressBar } from './progress-bar.js';
import { writeHistory } from './write-history.js';

/**
 * The demo a first start loads into an empty database (issue: the demo at `npm start`): the scenario's
 * simulated facilities, its history as aggregated series, and the recent weeks as individual records
 * through the ingest, so that every view and the drill path to records have real records under them.
 * Each phase is marked done in `demo_load` (migration 011), so a later start skips the lot in one query
 * and an interrupted one resumes at its phase.
 */

export interface DemoOptions {
  readonly scenario: Scenario;
  readonly city: CityInput;
  /**
   * Days of individual records at the end (default 28), narrowed to start on a Monday so that no week row
   * is half history, half ingest: the demo's 26 days from Monday 26 October, when its outbreak begins.
   */
  readonly recordDays?: number;
  /** Records per ingest batch (default 20,000). */
  readonly batchSize?: number;
  readonly progress?: ProgressBar;
}

export interface DemoLoad {
  /** False when an earlier start had loaded it. */
  readonly loaded: boolean;
  readonly seconds: number;
  readonly facilities: number;
  readonly placeRows: number;
  readonly facilityRows: number;
  readonly records: number;
  readonly recordSeconds: number;
  /** Simulating the scenario, and writing its history. */
  readonly simulateSeconds: number;
  readonly historySeconds: number;
  /** Records the ingest rejected (none, always: the simulator writes what the channels accept). */
  readonly rejected: number;
}

type Phase = 'facilities' | 'history' | 'records';

/** Whether an earlier start has loaded the scenario: one indexed lookup, before reading any city file. */
export async function demoLoaded(pool: pg.Pool, scenario: string): Promise<boolean> {
  const done = await pool.query(`SELECT 1 FROM demo_load WHERE scenario = $1 AND phase = 'records'`, [
    scenario,
  ]);
  return done.rowCount === 1;
}

export async function loadDemo(pool: pg.Pool, options: DemoOptions): Promise<DemoLoad> {
  const started = performance.now();
  const name = options.scenario.name;
  const done = await pool.query<{ phase: Phase }>('SELECT phase FROM demo_load WHERE scenario = $1', [name]);
  const finished = new Set(done.rows.map((r) => r.phase));
  const empty = {
    facilities: 0,
    placeRows: 0,
    facilityRows: 0,
    records: 0,
    recordSeconds: 0,
    simulateSeconds: 0,
    historySeconds: 0,
    rejected: 0,
  };
  if (finished.has('records')) return { loaded: false, seconds: elapsed(started), ...empty };

  const bar = options.progress ?? progressBar();
  bar.update('simulating', 0, 0, 'days');
  const sim = simulate(options.scenario, options.city);
  const simulateSeconds = elapsed(started);
  const last = sim.first + sim.count - 1;
  const cut = mondayOf(last - (options.recordDays ?? 28) + 7);

  const facilities = finished.has('facilities') ? 0 : await storeFacilities(pool, sim, options.city.id);
  const historyStarted = performance.now();
  const history = finished.has('history')
    ? { placeRows: 0, facilityRows: 0 }
    : await storeHistory(pool, sim, cut, bar);
  const historySeconds = elapsed(historyStarted);
  const recordsStarted = performance.now();
  const records = await ingestRecent(pool, sim, cut, options.batchSize ?? 20_000, bar);
  await markDone(pool, name, 'records', records.records);
  const seconds = elapsed(started);
  bar.finish(
    `demo "${name}": loaded in ${seconds.toFixed(1)} s — ${facilities} simulated facilities, ` +
      `${(history.placeRows + history.facilityRows).toLocaleString('en')} series rows of history to ` +
      `${dateOfDayNumber(cut - 1)}, ${records.records.toLocaleString('en')} records from ${dateOfDayNumber(cut)}`,
  );
  return {
    loaded: true,
    seconds,
    facilities,
    ...history,
    ...records,
    recordSeconds: elapsed(recordsStarted),
    simulateSeconds,
    historySeconds,
  };
}

async function storeFacilities(pool: pg.Pool, sim: Simulation, cityId: string): Promise<number> {
  const simulated = sim.city.facilities.filter((f) => f.source === 'simulated');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await upsertFacilities(client, cityId, simulated, 'simulated');
    await markDone(client, sim.scenario.name, 'facilities', simulated.length);
    await client.query('COMMIT');
    return simulated.length;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** One transaction: a start interrupted here leaves no half history to trip the next one's COPY. */
async function storeHistory(pool: pg.Pool, sim: Simulation, cut: number, bar: ProgressBar) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const written = await writeHistory(client, sim, cut, (fraction, rows) =>
      bar.update('history series', fraction, rows, 'rows'),
    );
    await markDone(client, sim.scenario.name, 'history', written.placeRows + written.facilityRows);
    await client.query('COMMIT');
    return written;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/**
 * The records of the days from `cut` that their sources have sent by the scenario's last day, channel by
 * channel in batches. A resumed load sends some again: the ingest counts an unchanged record once.
 */
async function ingestRecent(
  pool: pg.Pool,
  sim: Simulation,
  cut: number,
  batchSize: number,
  bar: ProgressBar,
) {
  const last = sim.first + sim.count - 1;
  const today = dateOfDayNumber(last);
  const buffers = new Map<ChannelId, unknown[]>();
  let records = 0;
  let rejected = 0;
  const send = async (channel: ChannelId, batch: unknown[]) => {
    const report = await ingestRecords(pool, channel, batch, { source: 'api', firstRow: records + 1 });
    records += batch.length;
    rejected += report.rejected.length;
  };
  for (const r of simulatedRecords(sim, { from: dateOfDayNumber(cut), to: today })) {
    if (r.reportedOn > today) continue;
    const channel = r.channel;
    let buffer = buffers.get(channel);
    if (!buffer) buffers.set(channel, (buffer = []));
    buffer.push(r.record);
    if (buffer.length >= batchSize) {
      buffers.set(channel, []);
      await send(channel, buffer);
      bar.update('recent records', (dayNumberOf(r.date) - cut) / (last - cut + 1), records, 'records');
    }
  }
  for (const [channel, buffer] of buffers) if (buffer.length) await send(channel, buffer);
  bar.update('recent records', 1, records, 'records');
  return { records, rejected };
}

async function markDone(db: pg.Pool | pg.ClientBase, scenario: string, phase: Phase, rows: number) {
  await db.query(
    `INSERT INTO demo_load (scenario, phase, rows) VALUES ($1, $2, $3)
     ON CONFLICT (scenario, phase) DO UPDATE SET rows = excluded.rows, finished_at = now()`,
    [scenario, phase, rows],
  );
}

const elapsed = (since: number) => (performance.now() - since) / 1000;
