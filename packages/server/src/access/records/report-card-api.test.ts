import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { citizenId } from '../../../test/id-number.js';
import { signIn } from '../../../test/sign-in.js';
import type { App } from '../../http/app.js';
import { ingestRecords } from '../../ingest/ingest-records.js';
import { insertFixtureCity } from '../../ingest/testing/fixture-city.js';
import type { Role } from '../roles.js';
import type { ReportCardView } from './report-card-view.js';
import { appOn } from '../../../test/test-app.js';

let db: TestDatabase;
let app: App;
const ID1 = citizenId('42010219900101123');
const ID2 = citizenId('42010319851231002');

beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
  app = await appOn(db, { SHAOBING_CITY: 'wuhan', SHAOBING_SCRYPT_COST: '10' });
  const card = (cardId: string, residence: string, idNumber: string, phone: string) => ({
    cardId,
    type: 'new',
    disease: 'influenza',
    classification: 'confirmed',
    onsetDate: '2024-03-01',
    diagnosisDate: '2024-03-02',
    residence,
    facility: 'FX-H1',
    idNumber,
    phone,
  });
  const report = await ingestRecords(
    db.pool,
    'report-card',
    [
      card('C-1', '420102002003', ID1, '13812345678'),
      card('C-2', '420103001', ID2, '13987654321'),
      card('C-3', '420102003001', ID1, '13800000000'),
    ],
    { source: 'api' },
  );
  expect(report.rejected).toEqual([]);
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

const as = async (role: Role, jurisdiction = '4201') =>
  (await signIn(db.pool, { role, jurisdiction })).headers;
const get = async <T>(headers: Record<string, string>, url: string) => {
  const response = await app.inject({ method: 'GET', url, headers: { ...headers, 'accept-language': 'en' } });
  return { status: response.statusCode, body: response.json<T>(), response };
};
const auditOf = async (target: string) =>
  (
    await db.pool.query<{ actor_role: string; action: string; purpose: string | null }>(
      'SELECT actor_role, action, purpose FROM audit_entry WHERE target = $1 ORDER BY seq',
      [target],
    )
  ).rows;

describe(`GET /api/v1/records/report-card on ${inject('databaseKind')}`, () => {
  test('an analyst with a purpose sees the ID number and phone in full; the read is audited with the purpose', async () => {
    const before = (await auditOf('report-card/C-1')).length;
    const { status, body } = await get<ReportCardView>(
      await as('analyst'),
      '/api/v1/records/report-card/C-1?purpose=case%20investigation',
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      cardId: 'C-1',
      idNumber: ID1,
      phone: '13812345678',
      placeCode: '420102002003',
    });
    const audit = await auditOf('report-card/C-1');
    expect(audit.length - before).toBe(1);
    expect(audit.at(-1)).toEqual({
      actor_role: 'analyst',
      action: 'record.read',
      purpose: 'case investigation',
    });
  });

  test.each([
    ['analyst', '4201', undefined, `${ID1.slice(0, 3)}***********${ID1.slice(-4)}`, '138****5678'],
    ['duty_officer', '420102', 'verification', ID1, '13812345678'],
    ['duty_officer', '420102', undefined, `${ID1.slice(0, 3)}***********${ID1.slice(-4)}`, '138****5678'],
    ['commander', '4201', 'briefing', `${ID1.slice(0, 3)}***********${ID1.slice(-4)}`, '138****5678'],
    [
      'community_worker',
      '420102002003',
      'follow-up call',
      `${ID1.slice(0, 3)}***********${ID1.slice(-4)}`,
      '13812345678',
    ],
  ] as const)(
    '%s (%s), purpose %s: ID %s, phone %s',
    async (role, jurisdiction, purpose, idNumber, phone) => {
      const before = (await auditOf('report-card/C-1')).length;
      const query = purpose === undefined ? '' : `?purpose=${encodeURIComponent(purpose)}`;
      const { status, body } = await get<ReportCardView>(
        await as(role, jurisdiction),
        `/api/v1/records/report-card/C-1${query}`,
      );
      expect(status).toBe(200);
      expect(body.idNumber).toBe(idNumber);
      expect(body.phone).toBe(phone);
      expect((await auditOf('report-card/C-1')).length - before).toBe(1);
    },
  );

  test('outside the jurisdiction: 403 and nothing of the record; roles without person access: 403', async () => {
    const other = await get<{ error: { code: string; message: string } }>(
      await as('duty_officer', '420103'),
      '/api/v1/records/report-card/C-1?purpose=verification',
    );
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe('report card C-1 is outside your jurisdiction');
    expect(other.response.body).not.toContain(ID1);
    for (const role of [
      'volunteer',
      'hotline_operator',
      'facility_reporter',
      'public_viewer',
      'admin',
    ] as const) {
      const headers =
        role === 'facility_reporter'
          ? (await signIn(db.pool, { role, facilityId: 'FX-H1', jurisdiction: '420102002' })).headers
          : await as(role);
      expect((await get(headers, '/api/v1/records/report-card/C-1')).status).toBe(403);
    }
    expect((await get(await as('analyst'), '/api/v1/records/report-card/NOPE')).status).toBe(404);
  });

  test('the list holds only the jurisdiction, a page at a time, each card returned audited', async () => {
    const headers = await as('duty_officer', '420102');
    const first = await get<{ items: ReportCardView[]; next: string | null }>(
      headers,
      '/api/v1/records/report-card?limit=1&purpose=weekly%20review',
    );
    expect(first.body.items.map((c) => c.cardId)).toEqual(['C-1']);
    expect(first.body.items[0]?.idNumber).toBe(ID1);
    const second = await get<{ items: ReportCardView[]; next: string | null }>(
      headers,
      `/api/v1/records/report-card?limit=1&cursor=${first.body.next ?? ''}`,
    );
    expect(second.body.items.map((c) => [c.cardId, c.phone])).toEqual([['C-3', '138****0000']]);
    expect(second.body.next).toBeNull();
    expect((await auditOf('report-card/C-3')).at(-1)).toMatchObject({ action: 'record.read', purpose: null });
    expect(await auditOf('report-card/C-2')).toEqual([]);
    // A place outside the jurisdiction is refused; the city narrows to the jurisdiction.
    expect((await get(headers, '/api/v1/records/report-card?place=420103')).status).toBe(403);
    const city = await get<{ items: ReportCardView[] }>(headers, '/api/v1/records/report-card?place=4201');
    expect(city.body.items.map((c) => c.cardId)).toEqual(['C-1', 'C-3']);
  });

  test('a bulk export (format=csv) requires a purpose and audits every card as an export', async () => {
    const headers = await as('analyst');
    const refused = await get<{ error: { code: string; issues: { field: string }[] } }>(
      headers,
      '/api/v1/records/report-card?format=csv',
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues).toEqual([
      { field: 'querystring.purpose', reason: 'required for format=csv' },
    ]);
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/records/report-card?format=csv&purpose=monthly%20report',
      headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = response.body.trim().split('\n');
    expect(lines[0]?.split(',').slice(0, 2)).toEqual(['cardId', 'cardType']);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['C-1', 'C-2', 'C-3']);
    expect(response.body).toContain(ID2);
    for (const id of ['C-1', 'C-2', 'C-3']) {
      expect((await auditOf(`report-card/${id}`)).at(-1)).toEqual({
        actor_role: 'analyst',
        action: 'record.export',
        purpose: 'monthly report',
      });
    }
  });
});
