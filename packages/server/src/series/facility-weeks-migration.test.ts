import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { listMigrations } from '../db/migrate.js';

/**
 * Migration 017 on a database that already holds facility series as day rows (an installation from before):
 * the rows are folded into week rows, and the `facility_series` view gives back exactly the days stored.
 */
describe(`migration 017 (facility weeks) on ${inject('databaseKind')}`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  test('folds stored facility days into week rows without losing or changing a day', async () => {
    const migration = listMigrations().find((m) => m.version === 17);
    if (!migration) throw new Error('migration 017 is missing');
    // Back to the layout before 017: facility series as day rows.
    await db.pool.query(`DROP VIEW facility_series; DROP TABLE facility_week;
      CREATE TABLE facility_series (
        channel text COLLATE "C" NOT NULL, facility_id text COLLATE "C" NOT NULL, signal text COLLATE "C" NOT NULL,
        day date NOT NULL, count numeric NOT NULL, records integer NOT NULL, denominator numeric NOT NULL DEFAULT 0,
        PRIMARY KEY (channel, facility_id, signal, day))`);
    const days = [
      // A Monday and a Sunday of one ISO week, the Monday after, a decimal sum and a denominator.
      ['visit', 'H1', '_records', '2026-11-16', '3', 3, '0'],
      ['visit', 'H1', '_records', '2026-11-22', '1', 1, '0'],
      ['visit', 'H1', '_records', '2026-11-23', '2', 2, '0'],
      ['visit', 'H1', 'ili', '2026-11-22', '1', 1, '0'],
      ['wastewater', 'W1', 'sars-cov-2', '2026-01-01', '1234.5678', 2, '0'],
      ['school', 'S1', 'absent_fever', '2025-12-31', '7', 1, '950'],
    ] as const;
    for (const d of days) {
      await db.pool.query('INSERT INTO facility_series VALUES ($1, $2, $3, $4, $5, $6, $7)', [...d]);
    }
    await db.pool.query(migration.sql);

    const weeks = await db.pool.query<{ key: string }>(
      `SELECT concat_ws(' ', channel, facility_id, signal, week_start, count, records, day_records) AS key
         FROM facility_week ORDER BY 1`,
    );
    expect(weeks.rows.map((r) => r.key)).toEqual([
      'school S1 absent_fever 2025-12-29 7 1 {0,0,1,0,0,0,0}',
      'visit H1 _records 2026-11-16 4 4 {3,0,0,0,0,0,1}',
      'visit H1 _records 2026-11-23 2 2 {2,0,0,0,0,0,0}',
      'visit H1 ili 2026-11-16 1 1 {0,0,0,0,0,0,1}',
      'wastewater W1 sars-cov-2 2025-12-29 1234.5678 2 {0,0,0,2,0,0,0}',
    ]);
    const back = await db.pool.query<{ row: string }>(
      `SELECT concat_ws(' ', channel, facility_id, signal, day, count, records, denominator) AS row
         FROM facility_series ORDER BY channel, facility_id, signal, day`,
    );
    expect(back.rows.map((r) => r.row)).toEqual(
      [...days]
        .sort((a, b) => `${a[0]} ${a[1]} ${a[2]} ${a[3]}`.localeCompare(`${b[0]} ${b[1]} ${b[2]} ${b[3]}`))
        .map((d) => d.join(' ')),
    );
  });
});
