import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { createPool } from '../db/database.js';
import { startEmbeddedServer } from '../db/embedded-server.js';
import { recountDifferences } from '../series/recount.js';
import type { IngestReport } from './ingest-report.js';

/**
 * The crash test: the real platform (`shaobing serve`) is killed with SIGKILL while clients stream visits
 * to it, then started again. Every batch the platform acknowledged must be stored, and every series must
 * equal a recount of the records. On the embedded PostgreSQL (whose server is killed too, as in a power
 * loss, so that the restart runs PostgreSQL's crash recovery) and, when TEST_DATABASE_URL is set, on that
 * server (the platform alone is killed).
 */

const bin = fileURLToPath(new URL('../../bin/shaobing.js', import.meta.url));
const CLIENTS = 4;
const BATCH = 250;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startPlatform(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SHAOBING_MLLP_PORT: '0',
      SHAOBING_DEMO: 'off',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  for (let i = 0; i < 1800; i++) {
    if (child.exitCode !== null) throw new Error(`the platform exited (${child.exitCode}): ${stderr}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`the platform did not start: ${stderr}`);
}

const PASSWORD = 'crash-test-password';

/** An analyst created through `shaobing user create` (the platform stopped), for the clients to sign in as. */
function createUser(env: Record<string, string>): void {
  const created = spawnSync(
    process.execPath,
    [bin, 'user', 'create', '--role', 'analyst', '--username', 'crash.tester', '--password-stdin'],
    { env: { ...process.env, ...env, SHAOBING_DEMO: 'off' }, input: `${PASSWORD}\n`, encoding: 'utf8' },
  );
  if (created.status !== 0) throw new Error(`shaobing user create: ${created.stderr}`);
}

async function signIn(port: number): Promise<Record<string, string>> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'crash.tester', password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login: ${response.status} ${await response.text()}`);
  const { token } = (await response.json()) as { token: string };
  return { authorization: `Bearer ${token}` };
}

interface Acknowledged {
  readonly keys: Set<string>;
  batches: number;
  /** Rejections in acknowledged batches (there should be none: every record sent is valid). */
  readonly rejected: unknown[];
}

/** One client: batches of new visits (and now and then one re-sent), each recorded when acknowledged. */
async function client(
  port: number,
  id: number,
  facilities: string[],
  communities: string[],
  acknowledged: Acknowledged,
  running: () => boolean,
  auth: Record<string, string>,
): Promise<void> {
  for (let batch = 0; running(); batch++) {
    const visits = Array.from({ length: BATCH }, (_, i) => {
      const n = batch * BATCH + i;
      return {
        visitId: `c${id}-${n}`,
        facility: facilities[n % facilities.length],
        time: `2024-03-${String(1 + (n % 28)).padStart(2, '0')}T${String(n % 24).padStart(2, '0')}:15:00`,
        residence: communities[(n * 7 + id) % communities.length],
        chiefComplaint: ['发热、咳嗽', '腹泻', '皮疹', '头痛'][n % 4],
        temperature: 36.5 + (n % 30) / 10,
      };
    });
    if (batch > 0) visits.push({ ...visits[0]!, visitId: `c${id}-0` }); // a re-send: a duplicate or a correction
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/ingest/visit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify(visits),
      });
      if (response.status !== 200) continue;
      const report = (await response.json()) as IngestReport;
      acknowledged.rejected.push(...report.rejected);
      for (const v of visits) acknowledged.keys.add(`${v.facility}/${v.visitId}`);
      acknowledged.batches += 1;
    } catch {
      return; // the platform is gone: whatever was in flight was never acknowledged
    }
  }
}

async function crashAndVerify(
  env: Record<string, string>,
  killDatabase: (() => void) | undefined,
  verifyUrl: () => Promise<{ pool: pg.Pool; close: () => Promise<void> }>,
) {
  const port = await freePort();
  createUser(env);
  let platform = await startPlatform(env, port);
  const auth = await signIn(port);
  const places = (await (
    await fetch(`http://127.0.0.1:${port}/api/v1/places?level=community&limit=300`, { headers: auth })
  ).json()) as { items: { code: string }[] };
  // Visits come from hospitals (the ingest refuses a visit from a pharmacy or a school).
  const found = (await (
    await fetch(`http://127.0.0.1:${port}/api/v1/facilities?type=hospital&limit=40`, { headers: auth })
  ).json()) as { items: { id: string }[] };
  const communities = places.items.map((p) => p.code);
  const facilities = found.items.map((f) => f.id);
  expect(communities.length).toBeGreaterThan(100);
  expect(facilities.length).toBeGreaterThan(10);

  const acknowledged: Acknowledged = { keys: new Set(), batches: 0, rejected: [] };
  let running = true;
  const clients = Array.from({ length: CLIENTS }, (_, id) =>
    client(port, id, facilities, communities, acknowledged, () => running, auth),
  );
  let finished = 0;
  const stopped = () => (finished += 1);
  for (const c of clients) c.then(stopped, stopped);
  // Kill mid-stream: once a dozen batches are acknowledged (or if every client has already stopped).
  while (acknowledged.batches < 12 && finished < CLIENTS) await sleep(20);
  platform.kill('SIGKILL');
  killDatabase?.();
  running = false;
  await Promise.all(clients);
  await new Promise((resolve) =>
    platform.exitCode !== null || platform.signalCode !== null
      ? resolve(null)
      : platform.once('exit', resolve),
  );
  expect(acknowledged.batches).toBeGreaterThanOrEqual(12);
  expect(acknowledged.rejected).toEqual([]);

  // The platform comes back up on the same data (recovering, for the embedded server); then it is killed
  // again, so that we may read the database without waiting on its background work (detection runs).
  platform = await startPlatform(env, port);
  platform.kill('SIGKILL');
  await new Promise((resolve) => platform.once('exit', resolve));

  const { pool, close } = await verifyUrl();
  try {
    const stored = await pool.query<{ record_key: string }>(
      'SELECT record_key FROM visit_record WHERE record_key = ANY($1::text[])',
      [[...acknowledged.keys]],
    );
    const missing = [...acknowledged.keys].filter(
      (k) => !new Set(stored.rows.map((r) => r.record_key)).has(k),
    );
    expect(missing).toEqual([]);
    expect(await recountDifferences(pool)).toEqual([]);
  } finally {
    await close();
  }
}

describe('a platform killed with SIGKILL while clients stream records', () => {
  test('embedded PostgreSQL: every acknowledged record is there after the restart, and every series equals a recount', async () => {
    const data = mkdtempSync(join(tmpdir(), 'shaobing-crash-'));
    chmodSync(data, 0o755);
    try {
      const killPostgres = () => {
        const pid = Number(readFileSync(join(data, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
        process.kill(pid, 'SIGKILL');
      };
      await crashAndVerify({ SHAOBING_DATA: data }, killPostgres, async () => {
        const server = await startEmbeddedServer(data, () => {});
        const pool = createPool(server.url('shaobing'), 2);
        return {
          pool,
          close: async () => {
            await pool.end();
            await server.stop();
          },
        };
      });
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  }, 600_000);

  test.runIf(process.env.TEST_DATABASE_URL)(
    'external PostgreSQL: the same',
    async () => {
      const admin = process.env.TEST_DATABASE_URL ?? '';
      const name = `crash_${process.pid}`;
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name}`);
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      const url = new URL(admin);
      url.pathname = `/${name}`;
      try {
        await crashAndVerify({ DATABASE_URL: url.toString() }, undefined, async () => {
          const pool = createPool(url.toString(), 2);
          return { pool, close: () => pool.end() };
        });
      } finally {
        const drop = new pg.Client({ connectionString: admin });
        await drop.connect();
        await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await drop.end();
      }
    },
    240_000,
  );
});
