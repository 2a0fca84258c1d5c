import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import type { ChannelId } from '../channels/channel-id.js';
import { periodsFrom, type Interval } from '../series/periods.js';
import { querySeries } from '../series/query-series.js';
import { recountDifferences } from '../series/recount.js';
import { ingestRecords } from './ingest-records.js';
import { insertFixtureCity } from './testing/fixture-city.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
});
afterAll(async () => {
  await db.drop();
});

/** [period, count, records] of the days (or weeks) a series has records on. */
const series = async (channel: ChannelId, signal: string, place: string, interval: Interval = 'day') => {
  const periods = periodsFrom(interval === 'week' ? '2024-01-01' : '2024-01-01', '2024-01-31', interval, 40);
  const points = await querySeries(db.pool, { channel, signal, place, interval, periods });
  return points.filter((p) => (p.records ?? 0) > 0).map((p) => [p.period, p.count, p.records]);
};

const visit = (id: string, extra: Record<string, unknown> = {}) => ({
  visitId: id,
  facility: 'FX-H1',
  time: '2024-01-05T09:30:00',
  age: 34,
  sex: 'F',
  residence: '420102002003',
  chiefComplaint: '发热、咳嗽两天',
  temperature: 38.6,
  ...extra,
});

describe('visits', () => {
  test('a new visit counts at its residence and every place above it, by day and ISO week', async () => {
    const report = await ingestRecords(db.pool, 'visit', [visit('v1')], { source: 'api' });
    expect(report).toEqual({
      received: 1,
      accepted: 1,
      duplicates: 0,
      corrected: 0,
      rejected: [],
      flagged: [],
      flaggedCount: 0,
    });
    for (const place of ['420102002003', '420102002', '420102', '4201']) {
      expect(await series('visit', 'all', place)).toEqual([['2024-01-05', 1, 1]]);
      expect(await series('visit', 'all', place, 'week')).toEqual([['2024-01-01', 1, 1]]);
    }
    expect(await series('visit', 'fever', '4201')).toEqual([['2024-01-05', 1, 1]]);
  });

  test('re-sending the same visit is a duplicate, counted once', async () => {
    const again = { ...visit('v1'), time: '2024-01-05 09:30+08:00', sex: '女' }; // same content, other spelling
    const report = await ingestRecords(db.pool, 'visit', [again, visit('v1')], { source: 'api' });
    expect(report).toMatchObject({ received: 2, accepted: 0, duplicates: 2, corrected: 0 });
    expect(await series('visit', 'all', '4201')).toEqual([['2024-01-05', 1, 1]]);
  });

  test('a visit re-sent with other content replaces the stored one and the series follow', async () => {
    const moved = visit('v1', {
      time: '2024-01-06T10:00:00',
      residence: '420102003001',
      chiefComplaint: '腹泻',
      temperature: 36.8,
    });
    const report = await ingestRecords(db.pool, 'visit', [moved], { source: 'api' });
    expect(report).toMatchObject({ accepted: 0, corrected: 1 });
    expect(await series('visit', 'all', '4201')).toEqual([['2024-01-06', 1, 1]]);
    expect(await series('visit', 'fever', '4201')).toEqual([]);
    expect(await series('visit', 'all', '420102002')).toEqual([]);
    expect(await series('visit', 'all', '420102003')).toEqual([['2024-01-06', 1, 1]]);
    const stored = await db.pool.query(
      'SELECT version, chief_complaint FROM visit_record WHERE record_key = $1',
      ['FX-H1/v1'],
    );
    expect(stored.rows).toEqual([{ version: 2, chief_complaint: '腹泻' }]);
  });

  test('without a residence a visit counts at the facility', async () => {
    await ingestRecords(db.pool, 'visit', [visit('v2', { residence: null })], { source: 'api' });
    expect(await series('visit', 'all', '420102002')).toEqual([['2024-01-05', 1, 1]]);
  });

  test('a timestamp with an offset counts on its day in Asia/Shanghai', async () => {
    await ingestRecords(
      db.pool,
      'visit',
      [visit('v3', { time: '2024-01-06T20:30:00Z', residence: '420102003002' })],
      {
        source: 'api',
      },
    );
    expect(await series('visit', 'all', '420102003002')).toEqual([['2024-01-07', 1, 1]]);
  });

  let good = 0;
  const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
  test.each([
    ['a number as text', { age: 'thirty' }, 'age', 'expected a number'],
    ['a missing visit id', { visitId: undefined }, 'visitId', 'required field is missing'],
    ['an unknown facility', { facility: 'NOPE' }, 'facility', 'unknown facility code NOPE'],
    ['an unknown place', { residence: '420199999999' }, 'residence', 'unknown place code 420199999999'],
    ['a malformed place code', { residence: '42010' }, 'residence', 'expected a place code'],
    ['a future time', { time: future }, 'time', 'date is in the future'],
    ['an impossible date', { time: '2024-02-30T08:00:00' }, 'time', 'expected a time'],
    ['a temperature out of range', { temperature: 52 }, 'temperature', 'must be at most 45'],
    ['an unknown sex', { sex: 'X' }, 'sex', 'must be one of: M, F, U'],
    ['a boolean of the wrong type', { feverClinic: 'yes' }, 'feverClinic', 'expected true or false'],
    ['a malformed ICD-10 code', { icd10: 'flu' }, 'icd10', 'expected ICD-10 codes'],
  ])(
    'rejects %s, naming the row and the field, and keeps the good records',
    async (_, change, field, reason) => {
      const bad = { ...visit('bad'), ...change };
      const report = await ingestRecords(db.pool, 'visit', [visit(`ok-${++good}`), bad], {
        source: 'api',
        language: 'en',
      });
      expect(report.accepted).toBe(1);
      expect(report.rejected).toHaveLength(1);
      expect(report.rejected[0]).toMatchObject({ row: 2, field });
      expect(report.rejected[0]?.reason).toContain(reason);
    },
  );

  test('reasons read in Chinese by default', async () => {
    const report = await ingestRecords(db.pool, 'visit', [visit('x', { facility: 'NOPE' })], {
      source: 'api',
    });
    expect(report.rejected).toEqual([{ row: 1, field: 'facility', reason: '未知机构代码 NOPE' }]);
  });

  test('a record that is not an object is rejected by itself', async () => {
    const report = await ingestRecords(db.pool, 'visit', [42, null, visit('obj')], {
      source: 'api',
      language: 'en',
    });
    expect(report.rejected.map((r) => r.row)).toEqual([1, 2]);
    expect(report.accepted).toBe(1);
  });

  test('CSV rows read numbers and booleans from text', async () => {
    const row = {
      visitId: 'csv1',
      facility: 'FX-FC1',
      time: '2024-01-05 11:00',
      age: '7',
      temperature: '39.1',
      feverClinic: '是',
      chiefComplaint: '发烧',
    };
    const report = await ingestRecords(db.pool, 'visit', [row], { source: 'csv' });
    expect(report).toMatchObject({ accepted: 1, rejected: [] });
    const stored = await db.pool.query(
      'SELECT age::float8, temperature::float8, fever_clinic, source FROM visit_record WHERE record_key = $1',
      ['FX-FC1/csv1'],
    );
    expect(stored.rows).toEqual([{ age: 7, temperature: 39.1, fever_clinic: true, source: 'csv' }]);
  });

  test('series equal a recount from the records', async () => {
    expect(await recountDifferences(db.pool)).toEqual([]);
  });
});

describe('hotline categories become signals, whatever their characters', () => {
  test('stored and counted exactly as sent', async () => {
    const category = '医疗 卫生, "急" \\ 其他';
    const report = await ingestRecords(
      db.pool,
      'hotline',
      [{ line: '12345', messageId: 'q1', time: '2024-01-05T10:00', text: '咨询\t发热门诊', category }],
      { source: 'api' },
    );
    expect(report).toMatchObject({ accepted: 1, rejected: [] });
    const stored = await db.pool.query<{ signals: string[]; text: string }>(
      'SELECT signals, text FROM hotline_record WHERE record_key = $1',
      ['12345/q1'],
    );
    expect(stored.rows).toEqual([{ signals: ['all', category], text: '咨询\t发热门诊' }]);
    expect(await series('hotline', category, '4201')).toEqual([['2024-01-05', 1, 1]]);
    expect(await recountDifferences(db.pool)).toEqual([]);
  });
});
