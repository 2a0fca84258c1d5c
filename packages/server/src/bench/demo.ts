import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadCity } from '../city/load-city.js';
import { cityFolder } from '../city/read-city.js';
import { createPool } from '../db/database.js';
import { startEmbeddedServer } from '../db/embedded-server.js';
import { migrate } from '../db/migrate.js';
import { demoCity, demoScenario } from '../demo/demo-input.js';
import { loadDemo } from '../demo/load-demo.js';

/**
 * `node packages/server/dist/bench/demo.js`: what a first `npm start` costs — the Wuhan demo
 * (data/scenarios/demo.json) loaded into a fresh database as `shaobing serve` loads it — and a second
 * start (nothing to do). Prints the load time, the rows of history written and the records per second the
 * ingest reaches on the recent weeks. BENCH_DATABASE_URL: an external server (its admin URL); otherwise a
 * throw-away embedded one.
 */

const out = (line = '') => process.stdout.write(`${line}\n`);
const n = (x: number) => Math.round(x).toLocaleString('en-US');

async function main(adminUrl: string) {
  const name = 'shaobing_bench_demo';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = createPool(url.toString(), 6);
  try {
    await migrate(pool);
    await loadCity(pool, cityFolder('wuhan'));
    const input = { scenario: demoScenario(), city: await demoCity() };
    const first = await loadDemo(pool, input);
    const again = await loadDemo(pool, input);
    out(`demo load (first start): ${first.seconds.toFixed(1)} s`);
    out(`  simulated facilities: ${n(first.facilities)}; simulating: ${first.simulateSeconds.toFixed(1)} s`);
    const rows = first.placeRows + first.facilityRows;
    out(
      `  history: ${n(first.placeRows)} place week rows, ${n(first.facilityRows)} facility day rows in ` +
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
}

const external = process.env.BENCH_DATABASE_URL;
if (external) {
  await main(external);
} else {
  const folder = mkdtempSync(join(tmpdir(), 'shaobing-bench-demo-'));
  chmodSync(folder, 0o755);
  try {
    const server = await startEmbeddedServer(join(folder, 'db'), (line) => process.stderr.write(`${line}\n`));
    try {
      await main(server.url('postgres'));
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
