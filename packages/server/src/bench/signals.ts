import { availableParallelism } from 'node:os';
import type pg from 'pg';
import { dateOfDayNumber, dayNumberOf } from '../channels/time.js';
import { ingestRecords } from '../ingest/ingest-records.js';
import { collectSeries } from '../signals/collect-series.js';
import { activeConfig } from '../signals/config-store.js';
import { createEvaluator } from '../signals/evaluate-pool.js';
import { runDetection } from '../signals/run-detection.js';
import type { RunSummary } from '../signals/run-summary.js';
import { freshCityDatabase, onBenchServer } from './bench-database.js';
import { writeDemoSeries } from './signals-demo.js';

/**
 * `npm run bench:signals`: the time to evaluate every series of the Wuhan demo (data/scenarios/demo.json) —
 * every channel's signals at the city, its districts and its streets, by day and by ISO week — with the
 * default configuration, on
 * all cores; the same run again (nothing to store); a run after one ingest batch (only the changed series);
 * and what the change-log triggers cost the ingest (visits ingested with the triggers on and off).
 * `--quick` skips the trigger cost; `--workers N` sets the pool size.
 */

const args = process.argv.slice(2);
const workersArg = args.indexOf('--workers');
const WORKERS = workersArg >= 0 ? Number(args[workersArg + 1]) : availableParallelism();
const QUICK = args.includes('--quick');
/** The demo's last day (data/scenarios/demo.json), where the ingest batch lands. */
let LAST_DAY = 0;

const out = (line = '') => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const n = (x: number) => x.toLocaleString('en-US');

function describeRun(label: string, run: RunSummary) {
  const t = run.timings;
  out(
    `${label}: ${seconds(t.total ?? 0)} — ${n(run.series)} (series, rule) pairs, ${n(run.evaluations)} time points; ` +
      `${n(run.signalsNew)} new signals, ${n(run.signalsChanged)} changed, ${n(run.signalsRetracted)} retracted; ` +
      `${n(run.notEvaluated)} not evaluated`,
  );
  out(
    `    change log ${t.changes ?? 0} ms; read and evaluate ${t.evaluate ?? 0} ms (of which reading ${t.read ?? 0} ms, ` +
      `overlapped by the workers); store ${t.store ?? 0} ms` +
      (run.error ? `  ERROR ${run.error}` : ''),
  );
}

/** Evaluation time of each method alone over its series (the pool, all cores). */
async function byMethod(pool: pg.Pool) {
  const config = await activeConfig(pool);
  const client = await pool.connect();
  const evaluator = createEvaluator(WORKERS);
  try {
    const places = await client.query<{ code: string; level: string }>('SELECT code, level FROM place');
    const root = places.rows.find((p) => p.level === 'city')!.code;
    const work = [];
    for await (const batches of collectSeries(pool, {
      rules: config.rules,
      places: new Map(places.rows.map((p) => [p.code, p.level])),
      root,
    })) {
      work.push(...batches);
    }
    await evaluator.evaluate([work[0]!.batch]); // start the workers
    for (const method of [...new Set(work.map((w) => w.rule.method))]) {
      const batches = work.filter((w) => w.rule.method === method).map((w) => w.batch);
      const series = batches.reduce((s, b) => s + b.series.length, 0);
      const started = performance.now();
      await evaluator.evaluate(batches);
      const ms = performance.now() - started;
      out(
        `    ${method.padEnd(20)} ${n(series).padStart(7)} series  ${ms.toFixed(0).padStart(6)} ms  ${n(Math.round(series / (ms / 1000)))} series/s`,
      );
    }
  } finally {
    client.release();
    await evaluator.close();
  }
}

/** Clinic visits on the last days of the series, as one facility would send them. */
function visits(
  count: number,
  prefix: string,
  communities: readonly string[],
  facilities: readonly string[],
) {
  return Array.from({ length: count }, (_, i) => ({
    visitId: `${prefix}-${i}`,
    facility: facilities[i % facilities.length],
    time: `${dateOfDayNumber(LAST_DAY - (i % 3))}T${String(8 + (i % 10)).padStart(2, '0')}:15:00`,
    age: 20 + (i % 60),
    sex: i % 2 === 0 ? 'M' : 'F',
    residence: communities[(i * 7919) % communities.length],
    chiefComplaint: ['发热、咳嗽两天', '腹泻、呕吐', '咽痛、流涕', '皮疹'][i % 4],
    temperature: 37 + (i % 30) / 10,
  }));
}

async function codes(pool: pg.Pool) {
  const communities = (await pool.query<{ code: string }>("SELECT code FROM place WHERE level = 'community'"))
    .rows;
  const facilities = (
    await pool.query<{ id: string }>(
      "SELECT id FROM facility WHERE type IN ('hospital', 'fever_clinic', 'community_health_center')",
    )
  ).rows;
  return { communities: communities.map((c) => c.code), facilities: facilities.map((f) => f.id) };
}

/** Ingest `batches` × 5,000 visits with the change-log triggers on or off; records per second. */
async function ingestRate(
  pool: pg.Pool,
  triggers: boolean,
  batches: number,
  prefix: string,
): Promise<number> {
  await pool.query(`ALTER TABLE series_week ${triggers ? 'ENABLE' : 'DISABLE'} TRIGGER USER`);
  const { communities, facilities } = await codes(pool);
  let accepted = 0;
  const started = performance.now();
  for (let b = 0; b < batches; b++) {
    const report = await ingestRecords(
      pool,
      'visit',
      visits(5000, `${prefix}${b}`, communities, facilities),
      {
        source: 'api',
      },
    );
    accepted += report.accepted;
  }
  const rate = accepted / ((performance.now() - started) / 1000);
  await pool.query('ALTER TABLE series_week ENABLE TRIGGER USER');
  return rate;
}

async function main(adminUrl: string) {
  const pool = await freshCityDatabase(adminUrl, 'shaobing_bench_signals', { trackFunctions: true });
  try {
    const started = performance.now();
    const demo = await writeDemoSeries(pool);
    LAST_DAY = dayNumberOf(demo.lastDay);
    await pool.query('TRUNCATE series_change');
    await pool.query('ANALYZE series_week');
    out(
      `Wuhan demo (data/scenarios/demo.json, to ${demo.lastDay}): ${demo.channels} channels, ${demo.signals} signals, ` +
        `${n(demo.series)} daily series at the city, districts and streets (each also by ISO week); simulated in ` +
        `${demo.simulateSeconds.toFixed(1)} s, ${n(demo.rows)} series_week rows written in ${seconds(performance.now() - started)}`,
    );
    const config = await activeConfig(pool);
    out(
      `default configuration: ${config.rules.length} rules; ${WORKERS} worker threads; Node ${process.version}`,
    );
    out();
    const evaluator = createEvaluator(WORKERS);
    try {
      describeRun(
        'full run (every series)',
        await runDetection(pool, evaluator, { trigger: 'manual', scope: 'all' }),
      );
      describeRun(
        'same data again        ',
        await runDetection(pool, evaluator, { trigger: 'manual', scope: 'all' }),
      );
      out('evaluation alone, by method:');
      await byMethod(pool);
      const { communities, facilities } = await codes(pool);
      const ingestStarted = performance.now();
      const report = await ingestRecords(pool, 'visit', visits(5000, 'after', communities, facilities), {
        source: 'api',
      });
      const ingestMs = performance.now() - ingestStarted;
      const changed = await pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM (SELECT DISTINCT channel, signal, place_code FROM series_change) c',
      );
      out(
        `one ingest batch: ${n(report.accepted)} visits in ${seconds(ingestMs)}, ${n(changed.rows[0]?.n ?? 0)} series changed (all levels)`,
      );
      describeRun(
        'run after the batch    ',
        await runDetection(pool, evaluator, { trigger: 'ingest', scope: 'changed' }),
      );
    } finally {
      await evaluator.close();
    }
    if (!QUICK) {
      out();
      out(
        'change-log triggers, cost to the ingest (5,000-visit batches, on and off in turn, after a warm-up pair):',
      );
      // The wall-clock difference is within this machine's noise; the trigger function's own time
      // (pg_stat_user_functions) is the steadier figure. Both are printed.
      await ingestRate(pool, true, 1, 'warm-on-');
      await ingestRate(pool, false, 1, 'warm-off-');
      await pool.query('SELECT pg_stat_reset()').catch(() => {});
      const on: number[] = [];
      const off: number[] = [];
      for (let round = 0; round < 6; round++) {
        on.push(await ingestRate(pool, true, 1, `on${round}-`));
        off.push(await ingestRate(pool, false, 1, `off${round}-`));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      out(
        `    triggers on ${n(Math.round(median(on)))} records/s, off ${n(Math.round(median(off)))} records/s ` +
          `(median of 6): ${(((median(off) - median(on)) / median(off)) * 100).toFixed(1)}% slower with the log`,
      );
      const own = await pool.query<{ calls: number; total: number }>(
        `SELECT sum(calls)::int AS calls, sum(total_time)::float8 AS total FROM pg_stat_user_functions
          WHERE funcname = 'series_change_log'`,
      );
      const row = own.rows[0];
      if (row?.calls) {
        out(
          `    the trigger function itself: ${(row.total / 6).toFixed(1)} ms per batch (${row.calls} statement calls), ` +
            `against ${((5000 / median(on)) * 1000).toFixed(0)} ms per batch`,
        );
      }
    }
  } finally {
    await pool.end();
  }
}

await onBenchServer('shaobing-bench-signals', main);
