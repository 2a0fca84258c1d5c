import { freshCityDatabase, onBenchServer } from './bench-database.js';
import { demoCity, demoScenario } from '../demo/demo-input.js';
import { loadDemo } from '../demo/load-demo.js';
import { mondayOf } from '../demo/history-rows.js';
import { writeHistory, type HistoryOptions } from '../demo/write-history.js';
import { simulate } from '@shaobing/engine';

/**
 * `node packages/server/dist/bench/demo.js`: what a first `npm start` costs — the Wuhan demo
 * (data/scenarios/demo.json) loaded into a fresh database as `shaobing serve` loads it — and a second
 * start (nothing to do). Prints the load time, the rows of history written and the records per second the
 * ingest reaches on the recent weeks; then the history alone written as the demo writes it against the baseline
 * of the earlier loader (every facility signal over six years, keys and change-log trigger kept during the COPY),
 * each into a fresh database in the same run, as a ratio. BENCH_DATABASE_URL: an external server (its admin URL); otherwise a
 * throw-away embedded one.
 */

const out = (line = '') => process.stdout.write(`${line}\n`);
const n = (x: number) => Math.round(x).toLocaleString('en-US');

/** The history alone, in one transaction, into a fresh database: seconds and rows. */
async function historyOnly(adminUrl: string, name: string, options: HistoryOptions) {
  const pool = await freshCityDatabase(adminUrl, name);
  const client = await pool.connect();
  try {
    const sim = simulate(demoScenario(), await demoCity());
    const before = mondayOf(sim.first + sim.count - 1 - 28 + 7);
    const started = performance.now();
    await client.query('BEGIN');
    const written = await writeHistory(client, sim, before, () => {}, options);
    await client.query('COMMIT');
    return { seconds: (performance.now() - started) / 1000, rows: written.placeRows + written.facilityRows };
  } finally {
    client.release();
    await pool.end();
  }
}

async function main(adminUrl: string) {
  const pool = await freshCityDatabase(adminUrl, 'shaobing_bench_demo');
  try {
    const input = { scenario: demoScenario(), city: await demoCity() };
    const first = await loadDemo(pool, input);
    const again = await loadDemo(pool, input);
    out(`demo load (first start): ${first.seconds.toFixed(1)} s`);
    out(`  simulated facilities: ${n(first.facilities)}; simulating: ${first.simulateSeconds.toFixed(1)} s`);
    const rows = first.placeRows + first.facilityRows;
    out(
      `  history: ${n(first.placeRows)} place week rows, ${n(first.facilityRows)} facility week rows in ` +
        `${first.historySeconds.toFixed(1)} s = ${n(rows / first.historySeconds)} rows/s`,
    );
    out(
      `  recent records: ${n(first.records)} in ${first.recordSeconds.toFixed(1)} s through ingest = ` +
        `${n(first.records / first.recordSeconds)} records/s (${first.rejected} rejected)`,
    );
    out(`demo load (later start): ${(again.seconds * 1000).toFixed(0)} ms, loaded again: ${again.loaded}`);
  } finally {
    await pool.end();
  }
  const baseline = await historyOnly(adminUrl, 'shaobing_bench_demo_baseline', {
    bulk: false,
    facilitySignalDays: Infinity,
  });
  const now = await historyOnly(adminUrl, 'shaobing_bench_demo_history', {});
  out(
    `history alone: ${now.seconds.toFixed(1)} s for ${n(now.rows)} rows; the earlier loader ` +
      `${baseline.seconds.toFixed(1)} s for ${n(baseline.rows)} rows: ${(baseline.seconds / now.seconds).toFixed(2)}× ` +
      `faster, ${(now.rows / now.seconds / (baseline.rows / baseline.seconds)).toFixed(2)}× the rows/s`,
  );
}

await onBenchServer('shaobing-bench-demo', main);
