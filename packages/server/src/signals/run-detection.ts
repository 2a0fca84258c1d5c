import type pg from 'pg';
import { consumeChanges } from './change-log.js';
import { collectSeries, type RuleWork, type SeriesRef } from './collect-series.js';
import { activeConfig } from './config-store.js';
import type { Evaluator } from './evaluate-pool.js';
import type { SeriesOutcome } from './evaluate-series.js';
import { emitSignals } from './events.js';
import { readRun, type RunSummary, type RunTrigger, type RunScope } from './run-summary.js';
import type { Rule } from './rule.js';
import { storeSignals, type EvaluatedSeries } from './store-signals.js';

/**
 * One detection run: under the run lock and in one transaction, take the changed series from the change log,
 * read the series in bulk, evaluate them with the rules in force (on the worker pool), store the signals and
 * the series that could not be evaluated, and commit; then tell the listeners. The run's row is written
 * before and after, outside the transaction, so that a failed run is recorded too. A failure rolls the change
 * log back: the next run sees the same changes.
 */

/** Advisory-lock key of detection runs: one at a time across processes (ingest, migration, city, config: 7_415_26x). */
const RUN_LOCK = 7_415_265;

/** Runs whose not-evaluated lists are kept (the counts stay in every run's row). */
const KEEP_LISTS = 200;

export interface NotEvaluated {
  readonly rule: Rule;
  readonly ref: SeriesRef;
  readonly field: string;
  readonly reason: string;
}

export interface RunRequest {
  readonly trigger: RunTrigger;
  readonly scope: RunScope;
}

export async function runDetection(
  pool: pg.Pool,
  evaluator: Evaluator,
  request: RunRequest,
  signal?: AbortSignal,
): Promise<RunSummary> {
  const started = performance.now();
  const config = await activeConfig(pool);
  const run = await pool.query<{ id: number }>(
    `INSERT INTO detection_run (trigger, scope, config_version, status) VALUES ($1, $2, $3, 'running') RETURNING id`,
    [request.trigger, request.scope, config.version],
  );
  const runId = run.rows[0]!.id;
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (step: string) => {
    const now = performance.now();
    timings[step] = Math.round(now - t);
    t = now;
  };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [RUN_LOCK]);
    const changes = await consumeChanges(client);
    lap('changes');
    const places = await client.query<{ code: string; level: string }>('SELECT code, level FROM place');
    const root = places.rows.find((p) => p.level === 'city')?.code;
    // Each interval's batches go to the workers as soon as they are read; the next interval is read meanwhile.
    const pending: Promise<{ work: RuleWork[]; outcomes: SeriesOutcome[][] }>[] = [];
    let readMs = 0;
    let readStarted = performance.now();
    if (root !== undefined) {
      const batches = collectSeries(pool, {
        rules: config.rules,
        places: new Map(places.rows.map((p) => [p.code, p.level])),
        root,
        ...(request.scope === 'changed' ? { changes } : {}),
        parallel: Math.max(1, Math.min(4, evaluator.workers)),
      });
      for await (const work of batches) {
        signal?.throwIfAborted();
        readMs += performance.now() - readStarted;
        const evaluating = evaluator
          .evaluate(work.map((w) => w.batch))
          .then((outcomes) => ({ work, outcomes }));
        // Handled by Promise.all below; until then a failure (workers stopped) must not count as unhandled.
        evaluating.catch(() => {});
        pending.push(evaluating);
        readStarted = performance.now();
      }
    }
    const results = await Promise.all(pending);
    signal?.throwIfAborted();
    timings.read = Math.round(readMs);
    lap('evaluate');
    const evaluated: EvaluatedSeries[] = [];
    const notEvaluated: NotEvaluated[] = [];
    let evaluations = 0;
    for (const { work, outcomes } of results) {
      work.forEach((w, b) => {
        outcomes[b]!.forEach((outcome, i) => {
          const ref = w.refs[i]!;
          const input = w.batch.series[i]!;
          if (!outcome.ok) {
            notEvaluated.push({ rule: w.rule, ref, field: outcome.field, reason: outcome.reason });
            return;
          }
          evaluations += outcome.evaluated;
          evaluated.push({
            rule: w.rule,
            ref,
            fromDay: input.dates[input.from - 1]!,
            toDay: input.dates[input.dates.length - 1]!,
            alarms: outcome.alarms.map((point) => ({ day: input.dates[point.index]!, point })),
          });
        });
      });
    }
    const stored = await storeSignals(client, runId, config.version, evaluated);
    await recordNotEvaluated(client, runId, notEvaluated);
    await client.query('COMMIT');
    lap('store');
    timings.total = Math.round(performance.now() - started);
    await pool.query(
      `UPDATE detection_run SET status = 'done', finished_at = now(), series = $2, evaluations = $3, not_evaluated = $4,
              signals_new = $5, signals_changed = $6, signals_retracted = $7, timings = $8 WHERE id = $1`,
      [
        runId,
        evaluated.length + notEvaluated.length,
        evaluations,
        notEvaluated.length,
        stored.created.length,
        stored.changed.length,
        stored.retracted.length,
        JSON.stringify(timings),
      ],
    );
    emitSignals({
      pool,
      runId,
      signals: [...stored.created, ...stored.changed],
      retracted: stored.retracted,
    });
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    timings.total = Math.round(performance.now() - started);
    await pool.query(
      `UPDATE detection_run SET status = 'failed', finished_at = now(), error = $2, timings = $3 WHERE id = $1`,
      [runId, error instanceof Error ? error.message : String(error), JSON.stringify(timings)],
    );
  } finally {
    client.release();
  }
  return (await readRun(pool, runId))!;
}

async function recordNotEvaluated(client: pg.ClientBase, runId: number, rows: readonly NotEvaluated[]) {
  await client.query(
    `DELETE FROM detection_not_evaluated
      WHERE run_id < (SELECT min(id) FROM (SELECT id FROM detection_run ORDER BY id DESC LIMIT ${KEEP_LISTS}) AS kept)`,
  );
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO detection_not_evaluated (run_id, channel, signal, place_code, period, rule_id, method, field, reason)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[])
     ON CONFLICT DO NOTHING`,
    [
      runId,
      rows.map((r) => r.ref.channel),
      rows.map((r) => r.ref.signal),
      rows.map((r) => r.ref.placeCode),
      rows.map((r) => r.ref.period),
      rows.map((r) => r.rule.id),
      rows.map((r) => r.rule.method),
      rows.map((r) => r.field),
      rows.map((r) => r.reason),
    ],
  );
}
