import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { periodsFrom } from '../series/periods.js';
import { querySeries } from '../series/query-series.js';
import { recountDifferences } from '../series/recount.js';
import { ingestRecords } from './ingest-records.js';
import { insertFixtureCity } from './testing/fixture-city.js';

/** Report cards as the national system versions them: new, corrected (订正), withdrawn (删除). */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
});
afterAll(async () => {
  await db.drop();
});

const card = (id: string, extra: Record<string, unknown> = {}) => ({
  cardId: id,
  type: 'new',
  disease: 'influenza',
  classification: 'confirmed',
  onsetDate: '2024-03-04',
  diagnosisDate: '2024-03-06',
  residence: '420102002003',
  age: 9,
  sex: 'F',
  occupation: 'student',
  facility: 'FX-H1',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  ...extra,
});

const send = (...cards: object[]) =>
  ingestRecords(db.pool, 'report-card', cards, { source: 'api', language: 'en' });

/** Days with cases of `disease` in March 2024 at `place`, as [day, count]. */
const cases = async (disease: string, place = '4201') => {
  const periods = periodsFrom('2024-03-01', '2024-03-31', 'day', 31);
  const points = await querySeries(db.pool, {
    channel: 'report-card',
    signal: disease,
    place,
    interval: 'day',
    periods,
  });
  return points.filter((p) => (p.count ?? 0) > 0).map((p) => [p.period, p.count]);
};

describe(`report cards on ${inject('databaseKind')}`, () => {
  test('a new card counts on its onset date at the residence; sent again, it is a duplicate', async () => {
    expect(await send(card('A1'))).toMatchObject({ accepted: 1, rejected: [] });
    expect(await send(card('A1'), { ...card('A1'), type: 'correction' })).toMatchObject({
      accepted: 0,
      duplicates: 2,
    });
    expect(await cases('influenza')).toEqual([['2024-03-04', 1]]);
    expect(await cases('influenza', '420102002003')).toEqual([['2024-03-04', 1]]);
    const stored = await db.pool.query(
      'SELECT id_number, phone, disease_class, version FROM report_card_record WHERE card_id = $1',
      ['A1'],
    );
    expect(stored.rows).toEqual([
      { id_number: '11010519491231002X', phone: '13800138000', disease_class: 'C', version: 1 },
    ]);
  });

  test('a correction replaces the card and the series follow it', async () => {
    const report = await send(
      card('A1', {
        type: 'correction',
        disease: 'covid19',
        onsetDate: '2024-03-05',
        residence: '420102003001',
      }),
    );
    expect(report).toMatchObject({ corrected: 1, rejected: [] });
    expect(await cases('influenza')).toEqual([]);
    expect(await cases('covid19')).toEqual([['2024-03-05', 1]]);
    expect(await cases('covid19', '420102003')).toEqual([['2024-03-05', 1]]);
    expect(await cases('covid19', '420102002')).toEqual([]);
  });

  test('a new card under a stored card id with other content is refused: changes come as corrections', async () => {
    const report = await send(card('A1', { age: 10 }));
    expect(report.rejected).toEqual([
      {
        row: 1,
        field: 'cardId',
        reason: 'card A1 already exists with other content; send changes as type correction',
      },
    ]);
  });

  test('the original card re-sent after its correction is a duplicate, not a step back', async () => {
    expect(await send(card('A1'))).toMatchObject({ duplicates: 1, corrected: 0 });
    expect(await cases('covid19')).toEqual([['2024-03-05', 1]]);
  });

  test('a withdrawal takes the card out of every series; sent twice, the second is a duplicate', async () => {
    const withdraw = { cardId: 'A1', type: 'withdrawal', facility: 'FX-H1', reason: '重复报告' };
    expect(await send(withdraw)).toMatchObject({ corrected: 1 });
    expect(await send(withdraw)).toMatchObject({ duplicates: 1 });
    expect(await cases('covid19')).toEqual([]);
    const stored = await db.pool.query(
      'SELECT active, withdrawal_reason FROM report_card_record WHERE card_id = $1',
      ['A1'],
    );
    expect(stored.rows).toEqual([{ active: false, withdrawal_reason: '重复报告' }]);
    expect((await send(card('A1', { type: 'correction', age: 11 }))).rejected[0]?.reason).toBe(
      'card A1 was withdrawn and cannot be corrected',
    );
  });

  test('a withdrawal of an unknown card is refused', async () => {
    expect((await send({ cardId: 'ZZ', type: 'withdrawal', facility: 'FX-H1' })).rejected[0]?.reason).toBe(
      'card ZZ does not exist and cannot be withdrawn',
    );
  });

  test('in one batch: new, corrected, withdrawn — decided in order', async () => {
    const report = await send(
      card('B1'),
      card('B2', { disease: 'hfmd' }),
      card('B1', { type: 'correction', onsetDate: '2024-03-10', diagnosisDate: '2024-03-11' }),
      { cardId: 'B2', type: 'withdrawal', facility: 'FX-H1' },
      card('B3', { classification: 'carrier', disease: 'hepatitis_b' }),
    );
    expect(report).toMatchObject({ received: 5, accepted: 3, corrected: 2, duplicates: 0, rejected: [] });
    expect(await cases('influenza')).toEqual([['2024-03-10', 1]]);
    expect(await cases('hfmd')).toEqual([]);
    expect(await cases('hepatitis_b')).toEqual([]);
  });

  test('series equal a recount from the records', async () => {
    expect(await recountDifferences(db.pool)).toEqual([]);
  });
});
