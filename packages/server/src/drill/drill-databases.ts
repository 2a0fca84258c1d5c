import { randomBytes } from 'node:crypto';
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
 * Throwaway databases for drills: one migrated template with the city loaded, cloned for every run
 * (CREATE DATABASE … TEMPLATE takes milliseconds, a migration and city load seconds), all dropped at the end.
 * They live beside the platform's database on the same server and never touch it: every name starts with
 * `shaobing_drill_` and a random part.
 */

export interface DrillDatabase {
  readonly pool: pg.Pool;
  readonly name: string;
  drop(): Promise<void>;
}

export interface DrillDatabases {
  /** A fresh database for one run: migrated, the city loaded, nothing else. */
  create(): Promise<DrillDatabase>;
  /** Drops the template (and any run database not yet dropped). */
  close(): Promise<void>;
}

async function admin<T>(adminUrl: string, task: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await task(client);
  } finally {
    await client.end();
  }
}

const urlOf = (adminUrl: string, name: string) => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/** Databases on the server at `adminUrl` (any database of it; the drill's own are created beside it). */
export function drillDatabases(adminUrl: string, city = 'wuhan'): DrillDatabases {
  const prefix = `shaobing_drill_${randomBytes(4).toString('hex')}`;
  const template = `${prefix}_template`;
  let ready: Promise<void> | undefined;
  let next = 0;
  const open = new Set<string>();
  const dropDatabase = (name: string) =>
    admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  const prepare = async () => {
    await admin(adminUrl, (c) => c.query(`CREATE DATABASE ${template}`));
    const pool = createPool(urlOf(adminUrl, template), 4);
    try {
      await migrate(pool);
      await loadCity(pool, cityFolder(city));
    } finally {
      await pool.end();
    }
  };

  return {
    async create() {
      ready ??= prepare();
      await ready;
      const name = `${prefix}_${next++}`;
      await admin(adminUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
      open.add(name);
      const pool = createPool(urlOf(adminUrl, name), 6);
      return {
        pool,
        name,
        drop: async () => {
          await pool.end();
          await dropDatabase(name);
          open.delete(name);
        },
      };
    },
    async close() {
      for (const name of open) await dropDatabase(name);
      open.clear();
      if (ready) await ready.catch(() => {});
      await dropDatabase(template);
    },
  };
}

/**
 * For the CLI without DATABASE_URL: a throwaway embedded server in a temporary folder (the platform's own
 * data directory may be in use by a running platform, and must never hold drill data).
 */
export async function throwawayServer(
  log: (line: string) => void,
): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  const folder = mkdtempSync(join(tmpdir(), 'shaobing-drill-'));
  chmodSync(folder, 0o755); // the server runs as the postgres user when we are root
  try {
    const server = await startEmbeddedServer(join(folder, 'db'), log);
    return {
      adminUrl: server.url('postgres'),
      stop: async () => {
        await server.stop();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}
