import type pg from 'pg';
import { likeLiteral } from '../city/page.js';
import { isoInstant } from './signal-row.js';

/** A detection run as the API shows it: what triggered it, how much it evaluated, how long each step took. */

export type RunTrigger = 'ingest' | 'schedule' | 'daily' | 'manual';
export type RunScope = 'changed' | 'all';

export interface RunSummary {
  readonly id: number;
  readonly trigger: RunTrigger;
  readonly scope: RunScope;
  readonly configVersion: number | null;
  readonly status: 'running' | 'done' | 'failed';
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** (series, rule) pairs: evaluated plus not evaluated. */
  readonly series: number;
  /** Time points evaluated. */
  readonly evaluations: number;
  readonly notEvaluated: number;
  readonly signalsNew: number;
  readonly signalsChanged: number;
  readonly signalsRetracted: number;
  /**
   * Milliseconds: `changes` (taking the change log), `read` (reading the series, while the workers evaluate
   * what was read before), `evaluate` (from the first read to the last evaluation), `store`, `total`.
   */
  readonly timings: Readonly<Record<string, number>>;
  readonly error: string | null;
}

interface RunRow {
  id: number;
  trigger: RunTrigger;
  scope: RunScope;
  config_version: number | null;
  status: RunSummary['status'];
  started_at: string;
  finished_at: string | null;
  series: number;
  evaluations: number;
  not_evaluated: number;
  signals_new: number;
  signals_changed: number;
  signals_retracted: number;
  timings: Record<string, number>;
  error: string | null;
}

const RUN_COLUMNS = `id, trigger, scope, config_version, status, ${isoInstant('started_at')} AS started_at,
  ${isoInstant('finished_at')} AS finished_at, series, evaluations, not_evaluated, signals_new, signals_changed,
  signals_retracted, timings, error`;

const summaryOf = (r: RunRow): RunSummary => ({
  id: r.id,
  trigger: r.trigger,
  scope: r.scope,
  configVersion: r.config_version,
  status: r.status,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  series: r.series,
  evaluations: r.evaluations,
  notEvaluated: r.not_evaluated,
  signalsNew: r.signals_new,
  signalsChanged: r.signals_changed,
  signalsRetracted: r.signals_retracted,
  timings: r.timings,
  error: r.error,
});

export async function readRun(db: pg.Pool, id: number): Promise<RunSummary | undefined> {
  const result = await db.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM detection_run WHERE id = $1`, [id]);
  const row = result.rows[0];
  return row && summaryOf(row);
}

/** The latest runs, newest first, before run `before` when paging. */
export async function listRuns(db: pg.Pool, limit: number, before?: number): Promise<RunSummary[]> {
  const result = await db.query<RunRow>(
    `SELECT ${RUN_COLUMNS} FROM detection_run WHERE $2::bigint IS NULL OR id < $2 ORDER BY id DESC LIMIT $1`,
    [limit, before ?? null],
  );
  return result.rows.map(summaryOf);
}

export interface NotEvaluatedItem {
  readonly channel: string;
  readonly signal: string;
  readonly placeCode: string;
  readonly period: 'day' | 'week';
  readonly ruleId: number;
  readonly ruleKey: string;
  readonly method: string;
  readonly field: string;
  readonly reason: string;
}

/** The series a run could not evaluate, in key order, after `after` (a key from the previous page). */
export async function listNotEvaluated(
  db: pg.Pool,
  runId: number,
  limit: number,
  after?: readonly string[],
  /** Only series of places under this code (the caller's jurisdiction); the whole city by default. */
  within = '',
): Promise<NotEvaluatedItem[]> {
  const result = await db.query<{
    channel: string;
    signal: string;
    place_code: string;
    period: 'day' | 'week';
    rule_id: number;
    key: string;
    method: string;
    field: string;
    reason: string;
  }>(
    `SELECT n.channel, n.signal, n.place_code, n.period, n.rule_id, r.key, n.method, n.field, n.reason
       FROM detection_not_evaluated n JOIN detection_rule r ON r.id = n.rule_id
      WHERE n.run_id = $1
        AND ($3::text[] IS NULL OR (n.channel, n.signal, n.place_code, n.period, n.rule_id::text) >
             ($3[1], $3[2], $3[3], $3[4], $3[5]))
        AND n.place_code LIKE $4 || '%'
      ORDER BY n.channel, n.signal, n.place_code, n.period, n.rule_id::text LIMIT $2`,
    [runId, limit, after ?? null, likeLiteral(within)],
  );
  return result.rows.map((r) => ({
    channel: r.channel,
    signal: r.signal,
    placeCode: r.place_code,
    period: r.period,
    ruleId: r.rule_id,
    ruleKey: r.key,
    method: r.method,
    field: r.field,
    reason: r.reason,
  }));
}
