import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { listMigrations, migrate } from './migrate.js';

describe(`migrations on ${inject('databaseKind')}`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  test('every migration is applied once, in order, and a second run applies nothing', async () => {
    const versions = listMigrations().map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    const recorded = await db.pool.query<{ version: number }>(
      'SELECT version FROM schema_migration ORDER BY version',
    );
    expect(recorded.rows.map((r) => r.version)).toEqual(versions);
    expect(await migrate(db.pool)).toEqual([]);
  });

  test('dates come back as YYYY-MM-DD text, not shifted JS Dates', async () => {
    const row = await db.pool.query<{ d: unknown }>("SELECT date '2020-01-23' AS d");
    expect(row.rows[0]?.d).toBe('2020-01-23');
  });
});
