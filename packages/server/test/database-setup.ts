import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPool } from '../src/db/database.js';
import { startEmbeddedServer, type EmbeddedServer } from '../src/db/embedded-server.js';
import { migrate } from '../src/db/migrate.js';

/**
 * Vitest global setup: one PostgreSQL server for the whole run — the embedded one by default, or the server
 * at `TEST_DATABASE_URL` — with a migrated template database. Each test file clones it
 * (`CREATE DATABASE … TEMPLATE`, milliseconds; see database.ts).
 */

declare module 'vitest' {
  export interface ProvidedContext {
    databaseAdminUrl: string;
    databaseKind: string;
  }
}

export const TEMPLATE = 'shaobing_template';

let server: EmbeddedServer | undefined;
let folder: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    folder = mkdtempSync(join(tmpdir(), 'shaobing-test-db-'));
    chmodSync(folder, 0o755); // the server runs as the postgres user when we are root
    server = await startEmbeddedServer(folder, (line) => process.stderr.write(`${line}\n`));
    adminUrl = server.url('postgres');
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE}`);
    await admin.query(`CREATE DATABASE ${TEMPLATE}`);
    const version = await admin.query<{ server_version: string }>('SHOW server_version');
    project.provide(
      'databaseKind',
      `PostgreSQL ${version.rows[0]?.server_version ?? '?'}${server ? ' (embedded)' : ''}`,
    );
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE}`;
  const pool = createPool(templateUrl.toString(), 2);
  try {
    await migrate(pool);
  } finally {
    await pool.end();
  }
  project.provide('databaseAdminUrl', adminUrl);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
}
