import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { CHANNEL_IDS } from '../channels/channel-id.js';
import { channels } from '../channels/channels.js';
import { loadCity } from '../city/load-city.js';
import { cityFolder } from '../city/read-city.js';
import { recountDifferences } from '../series/recount.js';
import { demoCity, demoScenario } from './demo-input.js';
import { loadDemo, type DemoLoad, type DemoOptions } from './load-demo.js';
import type { ProgressBar } from './progress-bar.js';

/**
 * A slice of the demo (four weeks of history, two days of records) into a test database:
 * the simulated facilities are stored, history series at every level with the facilities' completeness,
 * the records ingested with series a recount from them confirms, and a second load does nothing.
 */

const CUT = '2026-11-16'; // the Monday on or before the second-last day: where the records start
let db: TestDatabase;
let options: DemoOptions;
let first: DemoLoad;
const silent: ProgressBar = { update: () => undefined, finish: () => undefined };

const count = async (sql: string, params: unknown[] = []) =>
  Number((await db.pool.query<{ n: string }>(sql, params)).rows[0]?.n);

beforeAll(async () => {
  db = await createTestDatabase();
  await loadCity(db.pool, cityFolder('wuhan'));
  const scenario = demoScenario();
  options = {
    scenario: { ...scenario, period: { start: '2026-10-19', end: '2026-11-17' } },
    city: await demoCity(),
    recordDays: 2,
    batchSize: 5_000,
    progress: silent,
  };
  first = await loadDemo(db.pool, options);
}, 60_000);
afterAll(async () => {
  await db.drop();
});

describe('the demo load', () => {
  test('stores the simulated facilities', async () => {
    expect(first.facilities).toBeGreaterThan(100);
    expect(await count(`SELECT count(*) AS n FROM facility WHERE source = 'simulated'`)).toBe(
      first.facilities,
    );
  });

  test('writes history series at the city, districts and streets, and facility weeks with _records', async () => {
    const levels = await db.pool.query<{ length: number }>(
      `SELECT DISTINCT length(place_code) AS length FROM series_week WHERE week_start < $1 ORDER BY 1`,
      [CUT],
    );
    expect(levels.rows.map((r) => r.length)).toEqual([4, 6, 9]);
    expect(first.placeRows).toBe(
      await count(`SELECT count(*) AS n FROM series_week WHERE week_start < $1`, [CUT]),
    );
    expect(first.facilityRows).toBe(
      await count(`SELECT count(*) AS n FROM facility_week WHERE week_start < $1`, [CUT]),
    );
    expect(
      await count(`SELECT count(*) AS n FROM facility_series WHERE signal = '_records' AND day < $1`, [CUT]),
    ).toBeGreaterThan(0);
  });

  test('history signals are the ones the ingest derives', async () => {
    const signals = async (where: string) =>
      new Set(
        (
          await db.pool.query<{ s: string }>(
            `SELECT DISTINCT channel || '/' || signal AS s FROM series_week WHERE length(place_code) = 4 AND ${where}`,
            [CUT],
          )
        ).rows.map((r) => r.s),
      );
    const history = await signals('week_start < $1');
    const recent = await signals('week_start >= $1');
    expect([...recent].filter((s) => !history.has(s))).toEqual([]);
  });

  test('ingests the recent records, with series a recount from the records confirms', async () => {
    expect(first.records).toBeGreaterThan(0);
    expect(first.rejected).toBe(0);
    let stored = 0;
    for (const id of CHANNEL_IDS) stored += await count(`SELECT count(*) AS n FROM ${channels[id].table}`);
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThanOrEqual(first.records);
    // Without the history (no records under it), what is left is the ingest's own.
    await db.pool.query('DELETE FROM series_week WHERE week_start < $1', [CUT]);
    await db.pool.query('DELETE FROM facility_week WHERE week_start < $1', [CUT]);
    expect(await recountDifferences(db.pool)).toEqual([]);
  });

  test('a second load does nothing', async () => {
    const rows = await count(`SELECT count(*) AS n FROM series_week`);
    const again = await loadDemo(db.pool, options);
    expect(again.loaded).toBe(false);
    expect(again.seconds).toBeLessThan(1);
    expect(await count(`SELECT count(*) AS n FROM series_week`)).toBe(rows);
  });
});
