import type { Scenario } from '@shaobing/engine';
import type pg from 'pg';
import { demoCity } from '../demo/demo-input.js';
import { drillDatabases } from './drill-databases.js';
import { runDrill, type DrillProgress } from './run-drill.js';

/**
 * Drills started through the API, one at a time in the background of the serving process, in the order they
 * were asked for. Each is a `drill` row (migration 014): queued, running with its progress and phase, then done
 * with its report or failed with the reason. The drill's data goes to throwaway databases on the platform's
 * server, never into the platform's own. A drill left running by a stopped process is marked failed at start.
 */

export interface DrillRequest {
  readonly scenario: Scenario;
  readonly runs: number;
  readonly liveDays?: number;
  readonly leadDays?: number;
  readonly requestedBy?: string;
}

export interface DrillQueue {
  submit(request: DrillRequest): Promise<number>;
  /** Resolves when every drill submitted so far has ended (tests). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Progress is written at most this often: a drill reports every simulated day. */
const PROGRESS_EVERY_MS = 500;

export function startDrillQueue(options: {
  readonly pool: pg.Pool;
  /** A connection URL of the platform's server with the right to create databases. */
  readonly serverUrl: string;
  readonly workers?: number;
  readonly log?: (line: string) => void;
}): DrillQueue {
  const { pool } = options;
  const log = options.log ?? (() => {});
  const stopping = new AbortController();
  let chain: Promise<unknown> = pool.query(
    `UPDATE drill SET status = 'failed', finished_at = now(), error = 'stopped with the platform'
      WHERE status IN ('queued', 'running')`,
  );

  const play = async (id: number, request: DrillRequest) => {
    if (stopping.signal.aborted) return;
    await pool.query(
      `UPDATE drill SET status = 'running', started_at = now(), phase = 'preparing' WHERE id = $1`,
      [id],
    );
    const databases = drillDatabases(options.serverUrl, request.scenario.city);
    let written = 0;
    let writing: Promise<unknown> = Promise.resolve();
    const onProgress = (p: DrillProgress) => {
      const now = Date.now();
      if (now - written < PROGRESS_EVERY_MS && p.phase === 'live') return;
      written = now;
      writing = writing.then(() =>
        pool
          .query(`UPDATE drill SET progress = $2, phase = $3 WHERE id = $1 AND status = 'running'`, [
            id,
            Math.min(1, Math.max(0, p.fraction)),
            p.phase,
          ])
          .catch(() => {}),
      );
    };
    try {
      const report = await runDrill({
        scenario: request.scenario,
        city: await demoCity(),
        runs: request.runs,
        databases,
        workers: options.workers ?? 1,
        ...(request.liveDays === undefined ? {} : { liveDays: request.liveDays }),
        ...(request.leadDays === undefined ? {} : { leadDays: request.leadDays }),
        onProgress,
        signal: stopping.signal,
      });
      await writing;
      await pool.query(
        `UPDATE drill SET status = 'done', progress = 1, phase = 'done', finished_at = now(), report = $2 WHERE id = $1`,
        [id, JSON.stringify(report)],
      );
      log(`drill ${id} "${request.scenario.name}": done in ${report.seconds.toFixed(1)} s`);
    } catch (error) {
      await writing;
      const reason = error instanceof Error ? error.message : String(error);
      await pool.query(`UPDATE drill SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1`, [
        id,
        reason,
      ]);
      log(`drill ${id} "${request.scenario.name}": failed — ${reason}`);
    } finally {
      await databases.close().catch(() => {});
    }
  };

  return {
    async submit(request) {
      const row = await pool.query<{ id: number }>(
        `INSERT INTO drill (scenario_name, scenario, runs, options, requested_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [
          request.scenario.name,
          JSON.stringify(request.scenario),
          request.runs,
          JSON.stringify({ liveDays: request.liveDays, leadDays: request.leadDays }),
          request.requestedBy ?? null,
        ],
      );
      const id = row.rows[0]!.id;
      chain = chain
        .then(() => play(id, request))
        .catch((error: unknown) => log(`drill ${id}: ${String(error)}`));
      return id;
    },
    idle: async () => {
      await chain;
    },
    stop: async () => {
      stopping.abort();
      await chain;
    },
  };
}
