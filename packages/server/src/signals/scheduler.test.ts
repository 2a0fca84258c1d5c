import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { ingestRecords } from '../ingest/ingest-records.js';
import { insertFixtureCity } from '../ingest/testing/fixture-city.js';
import { startDetection, untilDaily, type Detection } from './scheduler.js';

describe('the daily run time', () => {
  test('the next 02:00 in Asia/Shanghai', () => {
    // 2024-01-05 17:00 UTC is 01:00 on the 6th in Shanghai: one hour to go.
    expect(untilDaily(Date.UTC(2024, 0, 5, 17), 2)).toBe(3_600_000);
    // 18:30 UTC is 02:30 in Shanghai: tomorrow's, 23.5 hours on.
    expect(untilDaily(Date.UTC(2024, 0, 5, 18, 30), 2)).toBe(23.5 * 3_600_000);
  });
});

describe('runs after ingest', () => {
  let db: TestDatabase;
  let detection: Detection;
  beforeAll(async () => {
    db = await createTestDatabase();
    await insertFixtureCity(db.pool);
    detection = startDetection(db.pool, { debounceMs: 1_000, workers: 1 });
  });
  afterAll(async () => {
    await detection.stop();
    await db.drop();
  });

  const runs = async () =>
    (
      await db.pool.query<{ trigger: string; scope: string; status: string; series: number }>(
        'SELECT trigger, scope, status, series FROM detection_run ORDER BY id',
      )
    ).rows;

  test('a committed batch wakes the scheduler, which runs once over the changed series', async () => {
    // The listener's first run (changes made while nobody listened) comes and goes.
    await expect.poll(runs, { timeout: 10_000 }).toHaveLength(1);
    const visits = ['a', 'b', 'c'].map((id) => ({
      visitId: id,
      facility: 'FX-H1',
      time: '2024-01-05T09:30:00',
      residence: '420102002003',
      chiefComplaint: '发热',
    }));
    // Two batches in quick succession: one run after both.
    await ingestRecords(db.pool, 'visit', visits.slice(0, 1), { source: 'api' });
    await ingestRecords(db.pool, 'visit', visits.slice(1), { source: 'api' });
    await expect.poll(runs, { timeout: 10_000 }).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const all = await runs();
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ trigger: 'ingest', scope: 'changed', status: 'done' });
    // The defaults watch `all` and the syndromes at the district, street and city of the residence.
    expect(all[1]?.series).toBeGreaterThan(0);
  });
});
