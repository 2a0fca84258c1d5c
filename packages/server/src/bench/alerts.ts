import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAlertService } from '../alerts/service.js';
import { loadCity } from '../city/load-city.js';
import { cityFolder } from '../city/read-city.js';
import { loadConfig } from '../config.js';
import { createPool } from '../db/database.js';
import { freshDatabase } from './bench-database.js';
import { startEmbeddedServer } from '../db/embedded-server.js';
import { migrate } from '../db/migrate.js';
import { createSession } from '../access/sessions.js';
import { buildApp } from '../http/app.js';
import { onBatchCommitted } from '../ingest/events.js';
import { emitSignals, type DetectionSignal } from '../signals/events.js';
import { SIGNAL_COLUMNS, signalOf, type SignalRow } from '../signals/signal-row.js';

/**
 * `npm run bench:alerts`: how long from a committed ingest batch to the alert on the live stream — the
 * dashboard's view — on the embedded PostgreSQL with the Wuhan city. Records go in through the HTTP API
 * (POST /api/v1/ingest/…) and the alert is read from GET /api/v1/alerts/stream on a real socket, so the
 * figure holds the rules, the alert transaction and the stream. Measured for a class-A case (alone, and
 * while 200,000 visits stream in beside it), the day a school cluster reaches its threshold, and a concordance of three
 * channels from a detection run (from the run's signals event). `--rounds N` (default 50).
 */

const args = process.argv.slice(2);
const roundsArg = args.indexOf('--rounds');
const ROUNDS = roundsArg >= 0 ? Number(args[roundsArg + 1]) : 50;
const DATABASE = 'shaobing_bench_alerts';

const quantile = (values: readonly number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const summary = (name: string, ms: readonly number[]) =>
  `${name.padEnd(58)} n=${String(ms.length).padStart(3)}  median ${quantile(ms, 0.5).toFixed(1).padStart(6)} ms  ` +
  `p95 ${quantile(ms, 0.95).toFixed(1).padStart(6)} ms  max ${Math.max(...ms)
    .toFixed(1)
    .padStart(6)} ms`;

/** The stream, read as a dashboard reads it: resolves each awaited alert (family, place) when its frame arrives. */
function listen(url: string, auth: Readonly<Record<string, string>>) {
  const waiting = new Map<string, (at: number) => void>();
  let buffer = '';
  const request = http.get(url, { headers: { accept: 'text/event-stream', ...auth } }, (response) => {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      const at = performance.now();
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .find((l) => l.startsWith('data: '));
        buffer = buffer.slice(end + 2);
        if (!data) continue;
        const { alert } = JSON.parse(data.slice(6)) as {
          alert: { family: string; placeCode: string; version: number };
        };
        const key = `${alert.family}|${alert.placeCode}|${alert.version}`;
        waiting.get(key)?.(at);
        waiting.delete(key);
      }
    });
  });
  return {
    next: (family: string, place: string, version: number) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${family} alert at ${place} v${version}`)),
          30_000,
        );
        waiting.set(`${family}|${place}|${version}`, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      }),
    close: () => request.destroy(),
  };
}

/** An analyst's session, written straight into the database: the API admits signed-in callers only. */
let auth: Readonly<Record<string, string>> = {};

async function post(base: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
}

async function main() {
  const folder = mkdtempSync(join(tmpdir(), 'shaobing-bench-alerts-'));
  chmodSync(folder, 0o755);
  const server = await startEmbeddedServer(folder, () => {});
  const url = await freshDatabase(server.url('postgres'), DATABASE);
  const pool = createPool(url, 10);
  try {
    await migrate(pool);
    await loadCity(pool, cityFolder('wuhan'));
    // The reporting hospital of the cards and visits (the city data lists none; a demo simulates them).
    await pool.query(
      `INSERT INTO facility (id, city_id, name, type, place_code, source)
       SELECT 'BENCH-H1', 'wuhan', 'bench hospital', 'hospital', code, 'simulated'
         FROM place WHERE level = 'street' AND code LIKE '420102%' ORDER BY code LIMIT 1`,
    );
    const communities = (
      await pool.query<{ code: string }>(
        `SELECT code FROM place WHERE level = 'community' AND code LIKE '420102%' ORDER BY code LIMIT ${ROUNDS}`,
      )
    ).rows.map((r) => r.code);
    const loaded = loadConfig({ SHAOBING_CITY: 'wuhan', SHAOBING_LOG_LEVEL: 'silent' });
    if (!loaded.ok) throw new Error(loaded.message);
    const app = await buildApp({
      config: loaded.config,
      db: { pool, url, embedded: true, close: async () => {} },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const service = startAlertService({ pool, log: (line) => process.stderr.write(`${line}\n`) });
    const analyst = await pool.query<{ id: number }>(
      "INSERT INTO app_user (username, role, jurisdiction_code) VALUES ('bench.analyst', 'analyst', '4201') RETURNING id",
    );
    const session = await createSession(pool, Number(analyst.rows[0]?.id), Date.now(), 3_600_000);
    auth = { authorization: `Bearer ${session.token}` };
    const stream = listen(`${base}/api/v1/alerts/stream`, auth);
    await new Promise((resolve) => setTimeout(resolve, 200));
    try {
      // When each batch committed, by the first of its keys: the ingest's own event, in this process.
      const committed = new Map<string, number>();
      const off = onBatchCommitted((event) => {
        const first = event.keys[0];
        if (first !== undefined) committed.set(first, performance.now());
      });

      const lines: string[] = [];
      const card = (cardId: string, residence: string, day: string) => ({
        cardId,
        type: 'new',
        disease: 'cholera',
        classification: 'suspected',
        onsetDate: day,
        diagnosisDate: day,
        residence,
        facility: 'BENCH-H1',
      });

      // 1. A class-A case, alone: one batch of one card, a new alert at a new community each round.
      {
        const commitToStream: number[] = [];
        const requestToStream: number[] = [];
        for (let i = 0; i < communities.length; i++) {
          const place = communities[i] as string;
          const seen = stream.next('cholera', place, 1);
          const sent = performance.now();
          await post(base, '/api/v1/ingest/report-card', [card(`B-${i}`, place, '2025-03-01')]);
          const at = await seen;
          commitToStream.push(at - (committed.get(`B-${i}`) as number));
          requestToStream.push(at - sent);
        }
        lines.push(summary('class-A case: batch committed → on the stream', commitToStream));
        lines.push(summary('class-A case: POST sent → on the stream', requestToStream));
      }

      // 2. The same while 200,000 visits stream in through the API beside it (20 batches of 10,000).
      {
        const visits = (from: number, n: number) =>
          Array.from({ length: n }, (_, k) => ({
            visitId: `V-${from + k}`,
            facility: 'BENCH-H1',
            time: '2025-03-02T09:00:00',
            residence: communities[(from + k) % communities.length],
            chiefComplaint: (from + k) % 3 === 0 ? '发热、咳嗽两天' : '腹泻、腹痛',
            temperature: 38.2,
          }));
        let streaming = true;
        const load = (async () => {
          for (let b = 0; b < 20; b++) await post(base, '/api/v1/ingest/visit', visits(b * 10_000, 10_000));
          streaming = false;
        })();
        const underLoad: number[] = [];
        for (let i = 0; streaming && i < communities.length; i++) {
          const place = communities[i] as string;
          const seen = stream.next('cholera', place, 2);
          await post(base, '/api/v1/ingest/report-card', [card(`L-${i}`, place, '2025-03-20')]);
          underLoad.push((await seen) - (committed.get(`L-${i}`) as number));
        }
        await load;
        lines.push(summary('class-A case beside 200,000 visits: committed → stream', underLoad));
      }

      // 3. A school ILI cluster: the first day with 10 pupils absent for fever fires it.
      {
        const cluster: number[] = [];
        // Schools at the first communities (the city data has none; the simulator adds them in a demo).
        await pool.query(
          `INSERT INTO facility (id, city_id, name, type, place_code, source)
         SELECT 'BENCH-S' || n, 'wuhan', 'bench school ' || n, 'school', code, 'simulated'
           FROM (SELECT code, row_number() OVER (ORDER BY code) AS n FROM place WHERE level = 'community') AS c
          WHERE n <= 20`,
        );
        const schools = (
          await pool.query<{ id: string; place_code: string }>(
            `SELECT id, place_code FROM facility WHERE id LIKE 'BENCH-S%' ORDER BY id LIMIT ${Math.min(ROUNDS, 20)}`,
          )
        ).rows;
        for (const [i, school] of schools.entries()) {
          const day = (d: number, fever: number) => ({
            school: school.id,
            date: `2025-04-0${d}`,
            enrolled: 900,
            absentFever: fever,
            absentRespiratory: 0,
            absentGi: 0,
            absentOther: 0,
          });
          // The rule counts the most pupils absent on one day of the week (default-config.ts: ≥ 10).
          await post(base, '/api/v1/ingest/school', [day(1, 8), day(2, 9)]);
          const seen = stream.next('respiratory', school.place_code, 1);
          await post(base, '/api/v1/ingest/school', [day(3, 10)]);
          cluster.push((await seen) - (committed.get(`${school.id}/2025-04-03`) as number));
          if (i >= ROUNDS) break;
        }
        lines.push(summary('school ILI cluster, 10 absent on a day: committed → stream', cluster));
      }

      // 4. Concordance: a detection run's signals in three channels of one district.
      {
        const concordant: number[] = [];
        const rule = await pool.query<{ id: number }>(
          `INSERT INTO detection_rule (key, revision, channel, place_levels, period, method, lookback)
         VALUES ('bench.essence-ewma', 1, 'visit', '{district}', 'day', 'essence.ewma', 14) RETURNING id`,
        );
        const run = await pool.query<{ id: number }>(
          `INSERT INTO detection_run (trigger, scope, status) VALUES ('manual', 'all', 'done') RETURNING id`,
        );
        const districts = (
          await pool.query<{ code: string }>(`SELECT code FROM place WHERE level = 'district' ORDER BY code`)
        ).rows.map((r) => r.code);
        for (let i = 0; i < Math.min(ROUNDS, 30); i++) {
          const district = districts[i % districts.length] as string;
          // A new day (beyond the quiet period) each time round the districts, so that each round opens an alert.
          const day = ['2025-05-01', '2025-06-01', '2025-07-01'][
            Math.floor(i / districts.length) % 3
          ] as string;
          const signals: DetectionSignal[] = [];
          for (const [channel, signal] of [
            ['visit', 'ili'],
            ['pharmacy', 'antipyretic'],
            ['school', 'absent_fever'],
          ] as const) {
            const row = await pool.query<SignalRow>(
              `INSERT INTO detection_signal (channel, signal, place_code, period, period_start, method, rule_id, rule_key,
                                           rule_revision, config_version, observed, expected, upperbound, score,
                                           pvalue, level, alarm, run_id)
             VALUES ($1, $2, $3, 'day', $4, 'essence.ewma', $5, 'bench.essence-ewma', 1, 1, 60, 40, 55, 2.8, 0.003, 2,
                     true, $6)
             RETURNING ${SIGNAL_COLUMNS}`,
              [channel, signal, district, day, rule.rows[0]?.id, run.rows[0]?.id],
            );
            signals.push(signalOf(row.rows[0] as SignalRow));
          }
          const version = (
            await pool.query<{ version: number }>(
              `SELECT version FROM alert WHERE family = 'respiratory' AND place_code = $1 AND status = 'open'`,
              [district],
            )
          ).rows[0]?.version;
          const seen = stream.next('respiratory', district, (version ?? 0) + 1);
          const emitted = performance.now();
          emitSignals({ runId: run.rows[0]?.id as number, signals, retracted: [] });
          concordant.push((await seen) - emitted);
        }
        lines.push(summary('concordance of 3 channels: run committed → stream', concordant));
      }

      off();
      const cpus = availableParallelism();
      process.stdout.write(
        `\nShaobing alerts benchmark — embedded PostgreSQL, Wuhan city, ${cpus} CPUs, Node ${process.version}\n\n` +
          `${lines.join('\n')}\n\n`,
      );
    } finally {
      stream.close();
      await service.stop();
      await app.close();
    }
  } finally {
    await pool.end();
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exitCode = 1;
});
