import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { ingestRecords } from '../ingest/ingest-records.js';
import { insertFixtureCity } from '../ingest/testing/fixture-city.js';
import { startAlerting, type Alerting } from './alerting.js';
import { onAlertEvent, type AlertEvent } from './events.js';

let db: TestDatabase;
let alerting: Alerting;
const events: AlertEvent[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
  alerting = startAlerting({ pool: db.pool });
  onAlertEvent((e) => {
    if (e.pool === db.pool) events.push(e);
  });
});
afterAll(async () => {
  await alerting.stop();
  await db.drop();
});

const card = (id: string, disease: string, extra: Record<string, unknown> = {}) => ({
  cardId: id,
  type: 'new',
  disease,
  classification: 'confirmed',
  onsetDate: '2024-03-01',
  diagnosisDate: '2024-03-02',
  residence: '420102002003',
  facility: 'FX-H1',
  idNumber: '420102199001011236',
  ...extra,
});

const alerts = async () =>
  (
    await db.pool.query<{
      id: number;
      family: string;
      place_code: string;
      level: string;
      kind: string;
      version: number;
    }>('SELECT id, family, place_code, level, kind, version FROM alert ORDER BY id')
  ).rows;

describe('single-case rules', () => {
  test('one class-A case alerts red within its ingest batch, at the residence, with the card as evidence', async () => {
    const report = await ingestRecords(
      db.pool,
      'report-card',
      [card('C-1', 'cholera'), card('C-2', 'influenza')],
      {
        source: 'api',
      },
    );
    expect(report).toMatchObject({ accepted: 2 });
    await alerting.settled();
    expect(await alerts()).toEqual([
      expect.objectContaining({
        family: 'cholera',
        place_code: '420102002003',
        level: 'red',
        kind: 'single-case',
      }),
    ]);
    const firing = await db.pool.query<{ evidence: unknown[]; reason_zh: string; reason_en: string }>(
      'SELECT evidence, reason_zh, reason_en FROM alert_firing',
    );
    const [row] = firing.rows;
    expect(row?.evidence).toEqual([
      expect.objectContaining({
        type: 'record',
        channel: 'report-card',
        recordKey: 'C-1',
        diseaseClass: 'A',
      }),
    ]);
    expect(JSON.stringify(row?.evidence)).not.toContain('420102199001011236');
    expect(row?.reason_zh).toBe(
      '保成社区报告霍乱确诊病例 1 例（甲类），发病日期 2024-03-01。预警级别：红色（甲类传染病）。',
    );
    expect(row?.reason_en).toBe(
      'One confirmed case of Cholera (class A) reported in 保成社区, onset 2024-03-01. Level Red: a class-A disease.',
    );
    expect(events.map((e) => [e.type, e.alert.family, e.alert.level])).toEqual([
      ['opened', 'cholera', 'red'],
    ]);
  });

  test('the same card again (a duplicate, or a correction) does not fire twice; a second case is absorbed', async () => {
    await ingestRecords(db.pool, 'report-card', [card('C-1', 'cholera')], { source: 'api' });
    await ingestRecords(
      db.pool,
      'report-card',
      [card('C-1', 'cholera', { type: 'correction', classification: 'clinical' })],
      {
        source: 'api',
      },
    );
    await ingestRecords(db.pool, 'report-card', [card('C-3', 'cholera', { onsetDate: '2024-03-02' })], {
      source: 'api',
    });
    await alerting.settled();
    const list = await alerts();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ family: 'cholera', version: 2 });
    expect(events.map((e) => e.type)).toEqual(['opened', 'updated']);
  });

  test('a class-B disease managed as class A alerts orange (COVID-19 in 2020), not after 2023-01-08', async () => {
    await ingestRecords(
      db.pool,
      'report-card',
      [
        card('V-1', 'covid19', {
          onsetDate: '2020-02-01',
          diagnosisDate: '2020-02-03',
          residence: '420102003001',
        }),
        card('V-2', 'covid19', {
          onsetDate: '2023-02-01',
          diagnosisDate: '2023-02-03',
          residence: '420102003002',
        }),
      ],
      { source: 'api' },
    );
    await alerting.settled();
    const covid = (await alerts()).filter((a) => a.family === 'covid19');
    expect(covid).toEqual([expect.objectContaining({ place_code: '420102003001', level: 'orange' })]);
  });

  test('a visit naming pneumonia of unknown cause alerts orange; a second at the same hospital makes a red cluster', async () => {
    const visit = (id: string, residence: string) => ({
      visitId: id,
      facility: 'FX-H1',
      time: '2024-03-05T10:00:00',
      residence,
      chiefComplaint: '发热、咳嗽，胸片示双肺病变，不明原因肺炎待排',
      temperature: 38.9,
    });
    await ingestRecords(db.pool, 'visit', [visit('u1', '420102002003')], { source: 'api' });
    await alerting.settled();
    let unknown = (await alerts()).filter((a) => a.family === 'unknown-pneumonia');
    expect(unknown).toEqual([expect.objectContaining({ place_code: '420102002003', level: 'orange' })]);
    await ingestRecords(db.pool, 'visit', [visit('u2', '420103001')], { source: 'api' });
    await alerting.settled();
    unknown = (await alerts()).filter((a) => a.family === 'unknown-pneumonia');
    // The cluster is at the hospital's place (大智街道), where the two cases met.
    expect(unknown).toEqual([
      expect.objectContaining({ place_code: '420102002003', level: 'orange' }),
      expect.objectContaining({ place_code: '420103001', level: 'orange' }),
      expect.objectContaining({ place_code: '420102002', level: 'red', kind: 'cluster' }),
    ]);
  });
});

describe('one open alert per family and place', () => {
  test('after the quiet period a new case opens a new alert and closes the old one', async () => {
    events.length = 0;
    await ingestRecords(
      db.pool,
      'report-card',
      [card('Q-1', 'cholera', { onsetDate: '2024-05-20', diagnosisDate: '2024-05-20' })],
      { source: 'api' },
    );
    await alerting.settled();
    const cholera = (
      await db.pool.query<{ status: string; closed_reason: string | null; period_start: string }>(
        `SELECT status, closed_reason, period_start FROM alert WHERE family = 'cholera' ORDER BY id`,
      )
    ).rows;
    expect(cholera).toEqual([
      { status: 'closed', closed_reason: 'quiet', period_start: '2024-03-01' },
      { status: 'open', closed_reason: null, period_start: '2024-05-20' },
    ]);
    expect(events.map((e) => e.type)).toEqual(['closed', 'opened']);
  });
});

describe('cluster rules', () => {
  test('a school ILI cluster alerts when 10 pupils are away on one day, not on a week of pupil-days, and grows without repeating', async () => {
    const day = (date: string, fever: number, respiratory = 0) => ({
      school: 'FX-S1',
      date,
      enrolled: 800,
      absentFever: fever,
      absentRespiratory: respiratory,
      absentGi: 0,
      absentOther: 1,
    });
    const before = (await alerts()).length;
    // 3 + 5 + 8 + 9 = 25 pupil-days in four days (the sum rule would have fired), at most 9 pupils on a day.
    await ingestRecords(db.pool, 'school', [day('2024-04-01', 3), day('2024-04-02', 4, 1)], {
      source: 'api',
    });
    await ingestRecords(db.pool, 'school', [day('2024-04-03', 6, 2), day('2024-04-04', 7, 2)], {
      source: 'api',
    });
    await alerting.settled();
    expect((await alerts()).length).toBe(before);
    await ingestRecords(db.pool, 'school', [day('2024-04-05', 7, 3)], { source: 'api' }); // 10 on one day
    await alerting.settled();
    const school = (await alerts()).filter((a) => a.family === 'respiratory');
    expect(school).toEqual([
      expect.objectContaining({ place_code: '420102002004', level: 'yellow', kind: 'cluster', version: 1 }),
    ]);
    const firing = await db.pool.query<{
      evidence: { cases: number; measure: string; members: string[]; from: string; to: string }[];
      reason_en: string;
    }>(`SELECT evidence, reason_en FROM alert_firing WHERE rule_id = 'school-ili'`);
    expect(firing.rows[0]?.evidence[0]).toMatchObject({
      cases: 10,
      measure: 'peak',
      from: '2024-03-30',
      to: '2024-04-05',
      members: [
        'FX-S1/2024-04-01',
        'FX-S1/2024-04-02',
        'FX-S1/2024-04-03',
        'FX-S1/2024-04-04',
        'FX-S1/2024-04-05',
      ],
    });
    expect(firing.rows[0]?.reason_en).toMatch(
      /^10 cases of .+ on one day, 2024-04-05 .+ threshold of 10 in a day/,
    );
    // The same day sent again: nothing new. More pupils away on a day: updated, then raised at 20 in a day.
    await ingestRecords(db.pool, 'school', [day('2024-04-05', 7, 3)], { source: 'api' });
    await ingestRecords(db.pool, 'school', [day('2024-04-06', 9, 4)], { source: 'api' });
    await alerting.settled();
    expect((await alerts()).filter((a) => a.family === 'respiratory')).toEqual([
      expect.objectContaining({ level: 'yellow', version: 2 }),
    ]);
    await ingestRecords(db.pool, 'school', [day('2024-04-07', 14, 6)], { source: 'api' });
    await alerting.settled();
    expect((await alerts()).filter((a) => a.family === 'respiratory')).toEqual([
      expect.objectContaining({ level: 'orange', version: 3 }),
    ]);
  });
});
