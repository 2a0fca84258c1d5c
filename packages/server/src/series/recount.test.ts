import type pg from 'pg';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import type { ChannelId } from '../channels/channel-id.js';
import { ingestRecords } from '../ingest/ingest-records.js';
import { insertFixtureCity } from '../ingest/testing/fixture-city.js';
import { recountDifferences } from './recount.js';

/**
 * Whatever arrives — new records, re-sends, corrections that move a record to another day, place or
 * signal, withdrawals, in any batching — the series kept incrementally equal a recount from the records.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
});
afterAll(async () => {
  await db.drop();
});

const communities = ['420102002003', '420102002004', '420102003001', '420102003002', undefined];
const complaints = ['发热、咳嗽', '腹泻', '皮疹', '头痛', '手足疱疹'];
const days = ['2024-04-01', '2024-04-02', '2024-04-07', '2024-04-08'];

const visit = fc.record({
  id: fc.integer({ min: 0, max: 15 }),
  day: fc.constantFrom(...days),
  residence: fc.constantFrom(...communities),
  complaint: fc.constantFrom(...complaints),
});
const card = fc.record({
  id: fc.integer({ min: 0, max: 8 }),
  type: fc.constantFrom('new', 'correction', 'withdrawal'),
  disease: fc.constantFrom('influenza', 'hfmd', 'hepatitis_b'),
  classification: fc.constantFrom('confirmed', 'suspected', 'carrier'),
  day: fc.constantFrom(...days),
  residence: fc.constantFrom(...communities),
});
const water = fc.record({
  day: fc.constantFrom(...days),
  concentration: fc.constantFrom(0.1, 0.2, 12.345, 1e-7, 98765.4321, 3),
});

type Batch = { channel: ChannelId; records: object[] };
const batch: fc.Arbitrary<Batch> = fc.oneof(
  fc.array(visit, { minLength: 1, maxLength: 12 }).map((vs) => ({
    channel: 'visit' as const,
    records: vs.map((v) => ({
      visitId: `p${v.id}`,
      facility: 'FX-H1',
      time: `${v.day}T08:00`,
      residence: v.residence,
      chiefComplaint: v.complaint,
    })),
  })),
  fc.array(card, { minLength: 1, maxLength: 8 }).map((cs) => ({
    channel: 'report-card' as const,
    records: cs.map((c) =>
      c.type === 'withdrawal'
        ? { cardId: `k${c.id}`, type: 'withdrawal', facility: 'FX-H1' }
        : {
            cardId: `k${c.id}`,
            type: c.type,
            disease: c.disease,
            classification: c.classification,
            onsetDate: c.day,
            diagnosisDate: '2024-04-09',
            residence: c.residence,
            facility: 'FX-FC1',
          },
    ),
  })),
  fc.array(water, { minLength: 1, maxLength: 6 }).map((ws) => ({
    channel: 'wastewater' as const,
    records: ws.map((w) => ({
      site: 'FX-W1',
      date: w.day,
      target: 'sars_cov_2',
      concentration: w.concentration,
    })),
  })),
);

describe(`series kept incrementally on ${inject('databaseKind')}`, () => {
  test('equal a recount from the records after any sequence of batches', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(batch, { minLength: 1, maxLength: 6 }), async (batches) => {
        for (const b of batches) {
          const report = await ingestRecords(db.pool, b.channel, b.records, { source: 'api' });
          expect(report.received).toBe(
            report.accepted + report.duplicates + report.corrected + report.rejected.length,
          );
        }
        expect(await recountDifferences(db.pool)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  test('a kept series that drifted from its records is found, in either table', async () => {
    await ingestRecords(
      db.pool,
      'visit',
      [
        {
          visitId: 'drift-1',
          facility: 'FX-H1',
          time: '2024-04-10T09:00:00',
          chiefComplaint: '发热 咳嗽 39.1℃',
        },
      ],
      { source: 'api' },
    );
    expect(await recountDifferences(db.pool)).toEqual([]);
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE series_week SET count = count + 1, day_counts[3] = day_counts[3] + 1
                           WHERE channel = 'visit' AND signal = 'all' AND week_start = '2024-04-08'
                             AND place_code = (SELECT min(place_code) FROM series_week
                                                WHERE channel = 'visit' AND week_start = '2024-04-08')`);
      await client.query(`DELETE FROM facility_week WHERE channel = 'visit' AND facility_id = 'FX-H1'
                             AND signal = '_records' AND week_start = '2024-04-08'`);
      const found = await recountDifferences(client as unknown as pg.Pool);
      expect(found.map((d) => d.table).sort()).toEqual(['facility_week', 'series_week']);
      expect(found.find((d) => d.table === 'facility_week')).toMatchObject({
        key: 'visit|_records|FX-H1|2024-04-08',
        kept: '', // concat_ws of nothing: the row is missing
      });
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
    expect(await recountDifferences(db.pool)).toEqual([]);
  });
});
