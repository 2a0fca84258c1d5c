import { chmodSync, createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { cityFolder } from '../city/read-city.js';
import { loadCity } from '../city/load-city.js';
import { loadConfig } from '../config.js';
import { createPool } from '../db/database.js';
import { startEmbeddedServer } from '../db/embedded-server.js';
import { migrate } from '../db/migrate.js';
import { buildApp } from '../http/app.js';
import { createSession } from '../access/sessions.js';
import { CLINICAL } from '../channels/checks.js';
import { bodyRecords } from '../ingest/body-rows.js';
import type { IngestReport } from '../ingest/ingest-report.js';
import { ingestStream } from '../ingest/ingest-stream.js';
import { referencesFor } from '../ingest/references.js';
import { ingestTimings, resetIngestTimings } from '../ingest/timings.js';
import { recountDifferences } from '../series/recount.js';
import { meterBackends } from './backend-cpu.js';
import { nodeBreakdown } from './ingest-breakdown.js';
import { dropDatabase, freshDatabase } from './bench-database.js';
import { writeVisitCsv } from './ingest-data.js';

/**
 * `npm run bench:ingest`: CSV bulk ingest of clinic visits (validation, syndrome coding, natural-key
 * idempotency, day and week series at every level of Wuhan's place tree, all committed) in records/s,
 * against the raw COPY of the same file into a plain table of the same columns on the same server — the
 * ceiling — with the Node process's peak memory, on the embedded PostgreSQL and on an external server
 * (BENCH_DATABASE_URL or TEST_DATABASE_URL: a superuser URL; skipped without one). `--rows N` (default
 * 1,000,000); `--quick` is 200,000; `--without-change-log` weighs detection's triggers on series_week.
 */

const args = process.argv.slice(2);
const rowsArg = args.indexOf('--rows');
/** `--without-change-log`: disable the detection change log's triggers on series_week, to weigh them. */
const WITHOUT_CHANGE_LOG = args.includes('--without-change-log');
/** `--inline-writes`: build each batch's COPY rows and series statements inside its transaction, to weigh prebuilding them. */
const INLINE_WRITES = args.includes('--inline-writes');
/** `--skip-http`: leave out the HTTP measurement (for quick A/B runs). */
const SKIP_HTTP = args.includes('--skip-http');
const ROWS = rowsArg >= 0 ? Number(args[rowsArg + 1]) : args.includes('--quick') ? 200_000 : 1_000_000;

const DATABASE = 'shaobing_bench';
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en-US')} records/s`;

/** Peak resident memory while `work` runs (sampled every 50 ms), beside the work's result. */
async function withPeakMemory<T>(
  work: () => Promise<T>,
): Promise<{ result: T; peakRss: number; baseRss: number }> {
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    const result = await work();
    return { result, peakRss: Math.max(peakRss, process.memoryUsage().rss), baseRss };
  } finally {
    clearInterval(timer);
  }
}

async function rawCopy(pool: pg.Pool, file: string): Promise<{ ms: number; cpu: number }> {
  await pool.query(`CREATE TABLE bench_raw_visit (visit_id text, facility text, time timestamptz, age numeric,
                    sex text, residence text, chief_complaint text, temperature numeric)`);
  const client = await pool.connect();
  try {
    const meter = await meterBackends(pool, DATABASE);
    const started = performance.now();
    await pipeline(
      createReadStream(file, { highWaterMark: 1 << 20 }),
      client.query(copyStreams.from('COPY bench_raw_visit FROM STDIN WITH (FORMAT csv, HEADER true)')),
    );
    const ms = performance.now() - started;
    return { ms, cpu: await meter.stop() };
  } finally {
    client.release();
    await pool.query('DROP TABLE bench_raw_visit');
  }
}

/**
 * The stored records COPYed again, as stored (every column, text already formatted), into an empty copy of
 * their table with its natural-key index: what keeping the records alone costs the server, before any
 * validation, series or Node work — the ceiling of an ingest that recognises a re-sent record.
 */
async function storedCopy(pool: pg.Pool, withKey: boolean): Promise<{ ms: number; cpu: number }> {
  const client = await pool.connect();
  try {
    const chunks: Buffer[] = [];
    const out = client.query(copyStreams.to('COPY visit_record TO STDOUT'));
    for await (const chunk of out) chunks.push(chunk as Buffer);
    await client.query(
      `CREATE TABLE bench_stored_visit (LIKE visit_record ${withKey ? 'INCLUDING ALL' : 'INCLUDING DEFAULTS'})`,
    );
    const meter = await meterBackends(pool, DATABASE);
    const started = performance.now();
    await pipeline(
      Readable.from(chunks),
      client.query(copyStreams.from('COPY bench_stored_visit FROM STDIN')),
    );
    const ms = performance.now() - started;
    return { ms, cpu: await meter.stop() };
  } finally {
    await client.query('DROP TABLE IF EXISTS bench_stored_visit');
    client.release();
  }
}

/**
 * A body just under the 50 MB limit POSTed to the API over a real socket, as a reporting system would send
 * it: records/s and the process's peak memory while the body streams through.
 */
async function overHttp(pool: pg.Pool, url: string, file: string): Promise<string> {
  const loaded = loadConfig({});
  if (!loaded.ok) throw new Error(loaded.message);
  const app = await buildApp({
    config: loaded.config,
    db: { pool, url, embedded: true, close: async () => {} },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const { port } = app.server.address() as AddressInfo;
    // An analyst's session, written straight into the database (the ingest admits signed-in reporters only).
    const user = await pool.query<{ id: string }>(
      "INSERT INTO app_user (username, role, jurisdiction_code) VALUES ('bench.analyst', 'analyst', '4201') RETURNING id",
    );
    const session = await createSession(pool, Number(user.rows[0]?.id), Date.now(), 3_600_000);
    const started = performance.now();
    const { result, peakRss, baseRss } = await withPeakMemory(
      () =>
        new Promise<IngestReport>((resolve, reject) => {
          const request = http.request(
            {
              host: '127.0.0.1',
              port,
              method: 'POST',
              path: '/api/v1/ingest/visit',
              headers: { 'content-type': 'text/csv', authorization: `Bearer ${session.token}` },
            },
            (response) => {
              let body = '';
              response.on('data', (chunk: Buffer) => (body += chunk.toString()));
              response.on('end', () => resolve(JSON.parse(body) as IngestReport));
            },
          );
          request.on('error', reject);
          createReadStream(file).pipe(request);
        }),
    );
    const ms = performance.now() - started;
    return (
      `  over HTTP, one ${mb(statSync(file).size)} CSV body (chunked): ${rate(result.accepted, ms)}, ` +
      `RSS ${mb(baseRss)} before, peak ${mb(peakRss)}\n`
    );
  } finally {
    await app.close();
  }
}

async function runOn(
  label: string,
  adminUrl: string,
  file: string,
  setup: (pool: pg.Pool) => Promise<void>,
  httpFile?: string,
) {
  const name = DATABASE;
  const url = await freshDatabase(adminUrl, name);
  const pool = createPool(url, 4);
  try {
    await migrate(pool);
    await setup(pool);
    if (WITHOUT_CHANGE_LOG) await pool.query('ALTER TABLE series_week DISABLE TRIGGER USER');
    const version = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]
      ?.server_version;
    const before = await rawCopy(pool, file);
    resetIngestTimings();
    const meter = await meterBackends(pool, DATABASE);
    const nodeCpu = process.cpuUsage();
    const started = performance.now();
    const {
      result: report,
      peakRss,
      baseRss,
    } = await withPeakMemory(() =>
      ingestStream(pool, 'visit', bodyRecords(createReadStream(file, { highWaterMark: 1 << 16 }), 'csv'), {
        source: 'import',
        prebuild: !INLINE_WRITES,
      }),
    );
    const ingestMs = performance.now() - started;
    const nodeUsage = process.cpuUsage(nodeCpu);
    const pgCpu = await meter.stop();
    // The raw COPY again after the ingest: on a shared machine the load drifts, and the ceiling is their mean.
    const after = await rawCopy(pool, file);
    const copyBeforeMs = before.ms;
    const copyAfterMs = after.ms;
    const copyMs = (copyBeforeMs + copyAfterMs) / 2;
    const copyCpu = (before.cpu + after.cpu) / 2;
    const perRecord = (seconds: number) => `${((seconds * 1e6) / ROWS).toFixed(1)} µs`;
    const stored = await storedCopy(pool, true);
    const unkeyed = await storedCopy(pool, false);
    const differences = await recountDifferences(pool);
    const seriesRows = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM series_week')).rows[0]
      ?.n;
    process.stdout.write(
      `\n${label} (PostgreSQL ${version})${WITHOUT_CHANGE_LOG ? ', change-log triggers disabled' : ''}` +
        `${INLINE_WRITES ? ', writes built inside the transaction' : ''}\n` +
        `  raw COPY of the file (ceiling)  ${rate(ROWS, copyMs)}  (before ${(copyBeforeMs / 1000).toFixed(1)} s, ` +
        `after ${(copyAfterMs / 1000).toFixed(1)} s)\n` +
        `  shaobing CSV ingest             ${rate(report.accepted, ingestMs)}  (${(ingestMs / 1000).toFixed(1)} s)` +
        `  = ${((copyMs / ingestMs) * 100).toFixed(1)}% of raw COPY\n` +
        `  COPY of the stored records into their table's empty copy (natural key, no series)  ` +
        `${rate(ROWS, stored.ms)} = ${((copyMs / stored.ms) * 100).toFixed(0)}% of raw COPY; ` +
        `the ingest is ${((stored.ms / ingestMs) * 100).toFixed(1)}% of it ` +
        `(without the key ${rate(ROWS, unkeyed.ms)})\n` +
        `  accepted ${report.accepted.toLocaleString('en-US')}, rejected ${report.rejected.length}; ` +
        `${seriesRows?.toLocaleString('en-US')} series rows; recount differences: ${differences.length}\n` +
        `  CPU per record: PostgreSQL ${perRecord(pgCpu)} (raw COPY ${perRecord(copyCpu)}: ` +
        `${((copyCpu / pgCpu) * 100).toFixed(0)}%; stored records' COPY ${perRecord(stored.cpu)}), ` +
        `Node ${perRecord((nodeUsage.user + nodeUsage.system) / 1e6)}\n` +
        `  memory: RSS ${mb(baseRss)} before, peak ${mb(peakRss)} while ingesting\n` +
        `  where the time goes (ms; the Node side overlaps the database side):\n` +
        `    Node: prepare ${Math.round(ingestTimings.prepare)}, series aggregation ${Math.round(ingestTimings.aggregate)}\n` +
        `    database: lock wait ${Math.round(ingestTimings.lock)}, read keys ${Math.round(ingestTimings.read)}, ` +
        `COPY records ${Math.round(ingestTimings.write)}, series upsert ${Math.round(ingestTimings.series)}, ` +
        `commit ${Math.round(ingestTimings.commit)} over ${ingestTimings.batches} batches\n`,
    );
    if (httpFile) process.stdout.write(await overHttp(pool, url, httpFile));
  } finally {
    await pool.end();
    await dropDatabase(adminUrl, name);
  }
}

const folder = mkdtempSync(join(tmpdir(), 'shaobing-bench-ingest-'));
chmodSync(folder, 0o755);
try {
  // The city first (in a scratch database of the embedded server), for the codes the visits use.
  const server = await startEmbeddedServer(join(folder, 'db'), (line) => process.stderr.write(`${line}\n`));
  try {
    const setup = async (pool: pg.Pool) => {
      await loadCity(pool, cityFolder('wuhan'));
    };
    const scratchUrl = await freshDatabase(server.url('postgres'), 'shaobing_bench_city');
    const scratch = createPool(scratchUrl, 2);
    await migrate(scratch);
    await setup(scratch);
    const references = await referencesFor(scratch);
    const communities = (
      await scratch.query<{ code: string }>("SELECT code FROM place WHERE level = 'community'")
    ).rows;
    // Visits come from the facilities that see patients (the ingest refuses a visit from a pharmacy).
    const facilities = (
      await scratch.query<{ id: string }>('SELECT id FROM facility WHERE type = ANY($1::text[])', [
        [...CLINICAL],
      ])
    ).rows;
    await scratch.end();
    await dropDatabase(server.url('postgres'), 'shaobing_bench_city');

    const file = join(folder, 'visits.csv');
    const bytes = await writeVisitCsv(
      file,
      ROWS,
      communities.map((c) => c.code),
      facilities.map((f) => f.id),
    );
    process.stdout.write(
      `Shaobing ingest benchmark: ${ROWS.toLocaleString('en-US')} clinic visits, ${mb(bytes)} CSV, ` +
        `${communities.length} communities, ${facilities.length} facilities; Node ${process.version}, ` +
        `${availableParallelism()} cores, load average ${loadavg()[0]?.toFixed(1)} at the start\n`,
    );
    await nodeBreakdown(file, Math.min(ROWS, 200_000), references);
    // A second file of new visits just under the default 50 MB body limit, for the HTTP measurement.
    const httpFile = join(folder, 'visits-http.csv');
    await writeVisitCsv(
      httpFile,
      650_000,
      communities.map((c) => c.code),
      facilities.map((f) => f.id),
      'h',
    );
    await runOn('embedded', server.url('postgres'), file, setup, SKIP_HTTP ? undefined : httpFile);
    const external = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (external) await runOn('external', external, file, setup);
    else
      process.stdout.write(
        '\nexternal: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL to a superuser URL)\n',
      );
  } finally {
    await server.stop();
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
