import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadCity } from '../city/load-city.js';
import { cityFolder } from '../city/read-city.js';
import { createPool } from '../db/database.js';
import { startEmbeddedServer } from '../db/embedded-server.js';
import { migrate } from '../db/migrate.js';

/**
 * What the database benchmarks share: a server to run on — BENCH_DATABASE_URL (an external server's admin
 * URL) or a throw-away embedded one — and a fresh, migrated database with the Wuhan city in it.
 */

/** Runs `main` with the admin URL of the server, and removes an embedded server and its folder afterwards. */
export async function onBenchServer(
  prefix: string,
  main: (adminUrl: string) => Promise<void>,
): Promise<void> {
  const external = process.env.BENCH_DATABASE_URL;
  if (external) return main(external);
  const folder = mkdtempSync(join(tmpdir(), `${prefix}-`));
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

/** Drops and creates the empty database `name` on the server of `adminUrl`; its URL. */
export async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  await dropDatabase(adminUrl, name);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh database `name` (see freshDatabase), migrated, with the Wuhan city loaded. `trackFunctions`: time
 * spent in PL/pgSQL functions (the change-log trigger) is counted in pg_stat_user_functions.
 */
export async function freshCityDatabase(
  adminUrl: string,
  name: string,
  options: { readonly trackFunctions?: boolean; readonly connections?: number } = {},
): Promise<pg.Pool> {
  const url = new URL(await freshDatabase(adminUrl, name));
  if (options.trackFunctions) url.searchParams.set('options', '-c track_functions=pl');
  const pool = createPool(url.toString(), options.connections ?? 6);
  await migrate(pool);
  await loadCity(pool, cityFolder('wuhan'));
  return pool;
}
