import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { signIn } from '../../test/sign-in.js';
import { loadConfig } from '../config.js';
import { buildApp, type App } from '../http/app.js';
import { insertFixtureCity } from '../ingest/testing/fixture-city.js';
import { recountDifferences } from '../series/recount.js';

/** `shaobing import` from the outside: the built CLI, a file in, a summary and an exit status out. */

const bin = fileURLToPath(new URL('../../bin/shaobing.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'shaobing-import-'));
let db: TestDatabase;
let app: App;
let token: string;
let apiUrl: string;

function shaobing(env: Record<string, string>, ...args: string[]) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, LANG: 'C', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const HEADER = 'visit_id,facility,time,age,sex,residence,chief_complaint';
const file = (name: string, rows: string[]) => {
  const path = join(work, name);
  writeFileSync(path, `${[HEADER, ...rows].join('\n')}\n`);
  return path;
};
const row = (id: string, facility = 'FX-H1') =>
  `${id},${facility},2024-03-01 10:00,30,F,420102002003,"发热,咳嗽"`;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
  const loaded = loadConfig({});
  if (!loaded.ok) throw new Error(loaded.message);
  app = await buildApp({
    config: loaded.config,
    db: { pool: db.pool, url: db.url, embedded: false, close: async () => {} },
  });
  token = (await signIn(db.pool, { role: 'analyst' })).token;
  await app.listen({ port: 0, host: '127.0.0.1' });
  apiUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

const stored = async (prefix: string) =>
  (
    await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM visit_record WHERE visit_id LIKE $1', [
      `${prefix}%`,
    ])
  ).rows[0]?.n;

describe(`shaobing import on ${inject('databaseKind')}`, () => {
  test('through the running platform, in parts, rows numbered as in the file', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => row(`api${i}`));
    rows[149] = row('api149', 'NOPE');
    rows.push('api-cut,FX-H1');
    const path = file('api.csv', rows);
    const rejects = join(work, 'api-rejects.csv');
    const run = await shaobing(
      {},
      'import',
      'visit',
      path,
      '--url',
      apiUrl,
      '--token',
      token,
      '--part-mb',
      '0.005',
      '--rejects',
      rejects,
    );
    expect(run.stderr).toContain(`sending to the platform at ${apiUrl}`);
    expect(run.stdout).toContain('301 records');
    expect(run.stdout).toContain('299 stored, 0 duplicates, 0 corrections, 2 rejected');
    expect(run.stdout).toContain('row 150, facility: unknown facility code NOPE');
    expect(run.stdout).toContain('row 301, record: wrong number of columns');
    expect(run.status).toBe(1);
    expect(readFileSync(rejects, 'utf8').split('\n')[1]).toBe('150,facility,unknown facility code NOPE');
    expect(await stored('api')).toBe(299);
  });

  test('again: every record is recognised as a duplicate', async () => {
    const path = file(
      'again.csv',
      Array.from({ length: 300 }, (_, i) => row(`api${i}`)).filter((_, i) => i !== 149),
    );
    const run = await shaobing({ SHAOBING_TOKEN: token }, 'import', 'visit', path, '--url', apiUrl);
    expect(run.stdout).toContain('0 stored, 299 duplicates');
    expect(run.status).toBe(0);
  });

  test('straight into the database when no platform answers', async () => {
    const path = file(
      'direct.csv',
      Array.from({ length: 50 }, (_, i) => row(`direct${i}`)),
    );
    const run = await shaobing({ DATABASE_URL: db.url, PORT: '1' }, 'import', 'visit', path);
    expect(run.stderr).toContain('writing to the database directly');
    expect(run.stdout).toContain('50 stored');
    expect(run.status).toBe(0);
    expect(await stored('direct')).toBe(50);
    expect(await recountDifferences(db.pool)).toEqual([]);
  });

  test('never opens a data directory another process owns', async () => {
    const data = mkdtempSync(join(tmpdir(), 'shaobing-import-data-'));
    writeFileSync(join(data, 'owner.pid'), String(process.pid));
    const run = await shaobing(
      { SHAOBING_DATA: data, PORT: '1' },
      'import',
      'visit',
      file('owned.csv', [row('x')]),
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`another Shaobing process (pid ${process.pid}) is using ${data}`);
  });

  test.each([
    [['import'], 'expected CHANNEL FILE'],
    [['import', 'tweets', 'x.csv'], 'unknown channel "tweets"'],
    [['import', 'visit', '/nonexistent.csv'], 'no such file'],
  ])('usage errors exit 2: %j', async (args, message) => {
    const run = await shaobing({}, ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
