import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { signIn } from '../../test/sign-in.js';
import type { App } from '../http/app.js';
import { recountDifferences } from '../series/recount.js';
import type { IngestAnswer } from './ingest-answer.js';
import { ingestRecords } from './ingest-records.js';
import { insertFixtureCity } from './testing/fixture-city.js';
import { appOn } from '../../test/test-app.js';

/**
 * What the ingest does with inputs that are not simply right or wrong: a facility of the wrong kind, a
 * patient from another city, a body full of bad rows, a client that hangs up mid-body.
 */

let db: TestDatabase;
let app: App;
let port: number;
let auth: Readonly<Record<string, string>>;
/** Errors the app met in handlers, and the statuses it answered with. */
const errors: unknown[] = [];
const statuses: number[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
  app = await appOn(db, {});
  app.addHook('onError', async (_request, _reply, error) => void errors.push(error));
  app.addHook('onResponse', async (_request, reply) => void statuses.push(reply.statusCode));
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
  auth = (await signIn(db.pool, { role: 'analyst' })).headers;
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

const HEADER = 'visit_id,facility,time,age,sex,residence,chief_complaint,temperature';
const csvLine = (id: string, residence = '420102002003') =>
  `${id},FX-H1,2024-02-01 08:30,40,M,${residence},"发热,咳嗽",38.5`;
const stored = async (pattern: string) =>
  (
    await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM visit_record WHERE visit_id LIKE $1', [
      pattern,
    ])
  ).rows[0]?.n;

describe('facility types per channel', () => {
  test('each channel takes records only from the kinds of facility that report on it', async () => {
    const sale = { store: 'FX-H1', date: '2024-02-01', drugClass: 'antipyretic', units: 3 };
    const pharmacy = await ingestRecords(db.pool, 'pharmacy', [sale, { ...sale, store: 'FX-P1' }], {
      source: 'api',
      language: 'en',
    });
    expect(pharmacy).toMatchObject({ received: 2, accepted: 1 });
    expect(pharmacy.rejected).toEqual([
      {
        row: 1,
        field: 'store',
        reason:
          'facility FX-H1 is of type hospital, which does not report on this channel (expected: pharmacy)',
      },
    ]);
    const visit = { visitId: 'T-1', facility: 'FX-P1', time: '2024-02-01T09:00:00' };
    const visits = await ingestRecords(
      db.pool,
      'visit',
      [visit, { ...visit, visitId: 'T-2', facility: 'FX-FC1' }],
      { source: 'api', language: 'zh-CN' },
    );
    expect(visits).toMatchObject({ received: 2, accepted: 1 });
    expect(visits.rejected[0]).toMatchObject({ row: 1, field: 'facility' });
    expect(visits.rejected[0]?.reason).toMatch(
      /^机构 FX-P1 的类型为 pharmacy，不报送本渠道（应为：hospital, fever_clinic/,
    );
    const school = await ingestRecords(
      db.pool,
      'school',
      [
        {
          school: 'FX-L1',
          date: '2024-02-01',
          enrolled: 300,
          absentFever: 4,
          absentRespiratory: 0,
          absentGi: 0,
          absentOther: 0,
        },
      ],
      { source: 'api', language: 'en' },
    );
    expect(school.rejected).toEqual([
      expect.objectContaining({
        field: 'school',
        reason: expect.stringContaining('FX-L1 is of type lab') as unknown,
      }),
    ]);
  });
});

describe('a residence outside the city', () => {
  test('is counted at the reporting facility and flagged; an unknown code of the city is refused', async () => {
    const visit = (id: string, residence: string) => ({
      visitId: id,
      facility: 'FX-H1',
      time: '2024-02-02T10:00:00',
      residence,
      chiefComplaint: '发热',
      temperature: 38.8,
    });
    const report = await ingestRecords(
      db.pool,
      'visit',
      [visit('OUT-1', '110101'), visit('OUT-2', '420102002003'), visit('OUT-3', '420199')],
      { source: 'api', language: 'en' },
    );
    expect(report).toMatchObject({ received: 3, accepted: 2, flaggedCount: 1 });
    expect(report.flagged).toEqual([
      {
        row: 1,
        field: 'residence',
        reason: "residence 110101 is outside the city: counted at the reporting facility's place 420102002",
      },
    ]);
    expect(report.rejected).toEqual([{ row: 3, field: 'residence', reason: 'unknown place code 420199' }]);
    const rows = await db.pool.query(
      "SELECT visit_id, residence_code, place_code FROM visit_record WHERE visit_id LIKE 'OUT-%' ORDER BY 1",
    );
    expect(rows.rows).toEqual([
      { visit_id: 'OUT-1', residence_code: '110101', place_code: '420102002' },
      { visit_id: 'OUT-2', residence_code: '420102002003', place_code: '420102002003' },
    ]);
    expect(await recountDifferences(db.pool)).toEqual([]);
  });
});

const request = (path: string, headers: Record<string, string>) =>
  http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path,
    headers: { ...auth, 'accept-language': 'en', ...headers },
  });

const answer = (req: http.ClientRequest) =>
  new Promise<{ status: number; body: IngestAnswer }>((resolve, reject) => {
    req.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as IngestAnswer }),
      );
    });
    req.on('error', reject);
  });

describe('POST /api/v1/ingest/{channel}: bounded answers and dropped clients', () => {
  test('the rejection list holds the first 1,000 with the whole count and a note', async () => {
    const rows = Array.from({ length: 1_500 }, (_, i) => `BAD-${i},FX-H1,yesterday,40,M,,,`);
    const req = request('/api/v1/ingest/visit', { 'content-type': 'text/csv' });
    const answered = answer(req);
    req.end(`${HEADER}\n${csvLine('LIST-OK')}\n${rows.join('\n')}\n`);
    const { status, body } = await answered;
    expect(status).toBe(200);
    expect(body).toMatchObject({ received: 1_501, accepted: 1, rejectedCount: 1_500 });
    expect(body.rejected).toHaveLength(1_000);
    expect(body.rejected[0]).toMatchObject({ row: 2, field: 'time' });
    expect(body.rejected[999]?.row).toBe(1_001);
    expect(body.note).toBe('rejected: 1,500 in all; the first 1,000 are listed');
  });

  test('a client that hangs up mid-body: committed batches stay, the rest is not written, no 500', async () => {
    errors.length = 0;
    statuses.length = 0;
    const req = request('/api/v1/ingest/visit', {
      'content-type': 'text/csv',
      'transfer-encoding': 'chunked',
    });
    req.on('error', () => {}); // the socket we destroy
    req.write(`${HEADER}\n`);
    // One full batch (20,000 records, the route's batch) and part of the next, the last row cut in half.
    const lines = Array.from({ length: 25_000 }, (_, i) => csvLine(`DROP-${i}`));
    for (let i = 0; i < lines.length; i += 1_000) req.write(`${lines.slice(i, i + 1_000).join('\n')}\n`);
    req.write('DROP-cut,FX-H1,2024-02-01 08:');
    const deadline = Date.now() + 60_000;
    while ((await stored('DROP-%')) !== 20_000) {
      if (Date.now() > deadline) throw new Error('the first batch was not committed');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    req.destroy();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await stored('DROP-%')).toBe(20_000);
    expect(errors).toEqual([]);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(await recountDifferences(db.pool)).toEqual([]);
    // The sender re-sends the whole file: the committed part is recognised, the rest is taken.
    const again = request('/api/v1/ingest/visit', { 'content-type': 'text/csv' });
    const answered = answer(again);
    again.end(`${HEADER}\n${lines.join('\n')}\n`);
    const { body } = await answered;
    expect(body).toMatchObject({ received: 25_000, accepted: 5_000, duplicates: 20_000, rejectedCount: 0 });
  });
});
