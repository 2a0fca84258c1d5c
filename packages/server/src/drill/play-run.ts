import {
  simulate,
  simulatedRecords,
  type CityInput,
  type Scenario,
  type SimRecord,
  type Simulation,
} from '@shaobing/engine';
import type pg from 'pg';
import { startAlerting } from '../alerts/alerting.js';
import type { ChannelId } from '../channels/channel-id.js';
import { dateOfDayNumber } from '../channels/time.js';
import { upsertFacilities } from '../city/upsert-facilities.js';
import { mondayOf } from '../demo/history-rows.js';
import { writeHistory } from '../demo/write-history.js';
import { ingestRecords } from '../ingest/ingest-records.js';
import type { Evaluator } from '../signals/evaluate-pool.js';
import { runDetection } from '../signals/run-detection.js';
import type { AlertLevel } from './report-schema.js';

/**
 * One drill run on a fresh database: the scenario simulated with the run's seed, its history before the live
 * weeks written as daily counts (as the demo does), then every live day in turn — the records their sources
 * send that day through the real ingest, a detection run over the changed series, the alert rules on the batches
 * and the signals — and what each day raised, stamped with that simulated day.
 */

export interface PlayOptions {
  readonly scenario: Scenario;
  readonly city: CityInput;
  readonly seed: number;
  readonly pool: pg.Pool;
  readonly evaluator: Evaluator;
  /** Live days when the scenario has no outbreak (default 28). */
  readonly liveDays?: number;
  /** With outbreaks, live from this many days before the first one (default 14), from its Monday. */
  readonly leadDays?: number;
  readonly onDay?: (done: number, of: number) => void;
  readonly signal?: AbortSignal;
}

/** A signal or alert firing, on the simulated day it was raised. */
export interface Observation {
  readonly kind: 'signal' | 'firing';
  /** The simulated day whose data raised it (day number). */
  readonly seen: number;
  /** The data days it covers (day numbers): a signal's day or week, a firing's evidence period. */
  readonly from: number;
  readonly to: number;
  readonly placeCode: string;
  readonly channels: readonly string[];
  /** Signals: the method; firings: the rule kind (single-case, cluster, statistical, concordance). */
  readonly what: string;
  /** Firings: the level, and whether it opened or raised an alert (rather than being absorbed). */
  readonly level: AlertLevel | null;
  readonly notice: boolean;
}

export interface PlayedRun {
  readonly sim: Simulation;
  readonly liveFrom: number;
  readonly liveTo: number;
  readonly records: number;
  readonly rejected: number;
  readonly detectionRuns: number;
  readonly observations: readonly Observation[];
  /** Per outbreak id, the first day one of its records reached the platform (day number). */
  readonly firstRecord: ReadonlyMap<string, number>;
  readonly seconds: number;
}

const BATCH = 20_000;
const LEVELS: readonly AlertLevel[] = ['blue', 'yellow', 'orange', 'red'];
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

export function liveWindow(
  sim: Simulation,
  liveDays = 28,
  leadDays = 14,
): { liveFrom: number; liveTo: number } {
  const liveTo = sim.first + sim.count - 1;
  const starts = sim.scenario.outbreaks.map((o) => dayOf(o.start));
  const wanted = starts.length > 0 ? Math.min(...starts) - leadDays : liveTo - liveDays + 1;
  return { liveFrom: Math.max(mondayOf(sim.first), mondayOf(wanted)), liveTo };
}

export async function playRun(options: PlayOptions): Promise<PlayedRun> {
  const started = performance.now();
  const { pool } = options;
  const sim = simulate({ ...options.scenario, seed: options.seed }, options.city);
  const { liveFrom, liveTo } = liveWindow(sim, options.liveDays, options.leadDays);

  const simulated = sim.city.facilities.filter((f) => f.source === 'simulated');
  const client = await pool.connect();
  try {
    await upsertFacilities(client, options.city.id, simulated, 'simulated');
    await writeHistory(client, sim, liveFrom, () => {});
  } finally {
    client.release();
  }
  // The history is the baseline the methods read, not news: mark it seen so the first run looks at the live days.
  await pool.query('DELETE FROM series_change');

  const byDay = new Map<number, SimRecord[]>();
  const firstRecord = new Map<string, number>();
  for (const r of simulatedRecords(sim, { from: dateOfDayNumber(liveFrom), to: dateOfDayNumber(liveTo) })) {
    const reported = dayOf(r.reportedOn);
    if (reported > liveTo) continue;
    let list = byDay.get(reported);
    if (!list) byDay.set(reported, (list = []));
    list.push(r);
    for (const [id, amount] of Object.entries(r.outbreak ?? {})) {
      if (amount > 0 && !(reported >= (firstRecord.get(id) ?? Infinity))) firstRecord.set(id, reported);
    }
  }

  const alerting = startAlerting({ pool, log: () => {} });
  const observations: Observation[] = [];
  const alertLevels = new Map<number, number>();
  let lastSignal = 0;
  let lastFiring = 0;
  let records = 0;
  let rejected = 0;
  let detectionRuns = 0;
  try {
    for (let today = liveFrom; today <= liveTo; today++) {
      options.signal?.throwIfAborted();
      const byChannel = new Map<ChannelId, unknown[]>();
      for (const r of byDay.get(today) ?? []) {
        let list = byChannel.get(r.channel);
        if (!list) byChannel.set(r.channel, (list = []));
        list.push(r.record);
      }
      byDay.delete(today);
      for (const [channel, list] of byChannel) {
        for (let i = 0; i < list.length; i += BATCH) {
          const batch = list.slice(i, i + BATCH);
          const report = await ingestRecords(pool, channel, batch, { source: 'api', firstRow: records + 1 });
          records += batch.length;
          rejected += report.rejected.length;
        }
      }
      await alerting.settled();
      const run = await runDetection(
        pool,
        options.evaluator,
        { trigger: 'manual', scope: 'changed' },
        options.signal,
      );
      if (run.status === 'failed')
        throw new Error(`detection run on ${dateOfDayNumber(today)} failed: ${run.error ?? ''}`);
      detectionRuns++;
      await alerting.settled();
      lastSignal = await collectSignals(pool, today, lastSignal, observations);
      lastFiring = await collectFirings(pool, today, lastFiring, alertLevels, observations);
      options.onDay?.(today - liveFrom + 1, liveTo - liveFrom + 1);
    }
  } finally {
    await alerting.stop();
  }
  return {
    sim,
    liveFrom,
    liveTo,
    records,
    rejected,
    detectionRuns,
    observations,
    firstRecord,
    seconds: (performance.now() - started) / 1000,
  };
}

async function collectSignals(pool: pg.Pool, today: number, after: number, into: Observation[]) {
  const rows = await pool.query<{
    id: number;
    channel: string;
    place_code: string;
    period: 'day' | 'week';
    period_start: string;
    method: string;
  }>(
    `SELECT id, channel, place_code, period, period_start, method FROM detection_signal
      WHERE id > $1 AND alarm ORDER BY id`,
    [after],
  );
  let last = after;
  for (const r of rows.rows) {
    const from = dayOf(r.period_start);
    into.push({
      kind: 'signal',
      seen: today,
      from,
      to: from + (r.period === 'week' ? 6 : 0),
      placeCode: r.place_code,
      channels: [r.channel],
      what: r.method,
      level: null,
      notice: true,
    });
    last = Math.max(last, r.id);
  }
  const max = await pool.query<{ id: number | null }>('SELECT max(id) AS id FROM detection_signal');
  return Math.max(last, max.rows[0]?.id ?? 0);
}

async function collectFirings(
  pool: pg.Pool,
  today: number,
  after: number,
  alertLevels: Map<number, number>,
  into: Observation[],
) {
  const rows = await pool.query<{
    id: number;
    alert_id: number;
    kind: string;
    level: AlertLevel;
    channels: string[];
    period_start: string;
    period_end: string;
    place_code: string;
  }>(
    `SELECT f.id, f.alert_id, f.kind, f.level, f.channels, f.period_start, f.period_end, a.place_code
       FROM alert_firing f JOIN alert a ON a.id = f.alert_id WHERE f.id > $1 ORDER BY f.id`,
    [after],
  );
  let last = after;
  for (const r of rows.rows) {
    const rank = LEVELS.indexOf(r.level);
    const before = alertLevels.get(r.alert_id);
    alertLevels.set(r.alert_id, Math.max(rank, before ?? -1));
    into.push({
      kind: 'firing',
      seen: today,
      from: dayOf(r.period_start),
      to: dayOf(r.period_end),
      placeCode: r.place_code,
      channels: r.channels,
      what: r.kind,
      level: r.level,
      notice: before === undefined || rank > before,
    });
    last = r.id;
  }
  return last;
}
