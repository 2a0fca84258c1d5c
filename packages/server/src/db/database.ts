import pg from 'pg';
import type { Config } from '../config.js';
import { startEmbeddedServer } from './embedded-server.js';
import { migrate } from './migrate.js';

/**
 * The system of record: one `pg.Pool`, on the embedded PostgreSQL server by default or on an external
 * server given by `DATABASE_URL`; the same SQL on both (nothing newer than PostgreSQL 15).
 */

// `date` columns come back as 'YYYY-MM-DD' text: a JS Date would slip a day in Asia/Shanghai.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// bigint counts fit in a double for any count this system holds.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface Database {
  readonly pool: pg.Pool;
  /** The connection URL (for COPY clients and tests). */
  readonly url: string;
  readonly embedded: boolean;
  readonly close: () => Promise<void>;
}

const DATABASE_NAME = 'shaobing';

export function createPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client losing its server connection must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return pool;
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

export async function openDatabase(config: Config, log: (line: string) => void): Promise<Database> {
  if (config.databaseUrl) {
    const pool = createPool(config.databaseUrl);
    await migrate(pool);
    return { pool, url: config.databaseUrl, embedded: false, close: () => pool.end() };
  }
  const server = await startEmbeddedServer(config.dataDir, log);
  try {
    await ensureDatabase(server.url('postgres'), DATABASE_NAME);
    const url = server.url(DATABASE_NAME);
    const pool = createPool(url);
    await migrate(pool);
    return {
      pool,
      url,
      embedded: true,
      close: async () => {
        await pool.end();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
