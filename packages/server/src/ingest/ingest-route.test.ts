import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { signIn } from '../../test/sign-in.js';
import type { App } from '../http/app.js';
import { recountDifferences } from '../series/recount.js';
import type { IngestReport } from './ingest-report.js';
import { insertFixtureCity } from './testing/fixture-city.js';
import { appOn } from '../../test/test-app.js';

let db: TestDatabase;
let app: App;
let small: App; // the same platform with a 1 MB body limit
let auth: Readonly<Record<string, string>>;

const platformWith = async (limitMb: string) => {
  return appOn(db, { SHAOBING_BODY_LIMIT_MB: limitMb });
};

beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
  app = await platformWith('50');
  small = await platformWith('1');
  auth = (await signIn(db.pool, { role: 'analyst' })).headers;
});
afterAll(async () => {
  await app.close();
  await small.close();
  await db.drop();
});

const post = async (
  channel: string,
  payload: string | Readable,
  type: string,
  language = 'en',
  target = app,
) => {
  const response = await target.inject({
    method: 'POST',
    url: `/api/v1/ingest/${channel}`,
    headers: { 'content-type': type, 'accept-language': language, ...auth },
    payload,
  });
  return {
    status: response.statusCode,
    body: response.json<IngestReport & { error?: { code: string; message: string } }>(),
  };
};

const HEADER = 'visit_id,facility,time,age,sex,residence,chief_complaint,temperature';
const csvLine = (i: number, day = '2024-02-01') =>
  `r${i},FX-H1,${day} 08:${String(i % 60).padStart(2, '0')},${i % 90},M,420102002003,"发热,咳嗽",38.${i % 10}`;

describe(`POST /api/v1/ingest/{channel} on ${inject('databaseKind')}`, () => {
  test('a JSON array: good records kept, each bad one named by row, field and reason', async () => {
    const records = [
      { visitId: 'j1', facility: 'FX-H1', time: '2024-02-01T08:00:00', chiefComplaint: '咳嗽' },
      { visitId: 'j2', facility: 'FX-H1', time: '2024-02-01T08:00:00', age: 'old' },
      { visitId: 'j3', facility: 'FX-XX', time: '2024-02-01T08:00:00' },
    ];
    const { status, body } = await post('visit', JSON.stringify(records), 'application/json');
    expect(status).toBe(200);
    expect(body).toEqual({
      received: 3,
      accepted: 1,
      duplicates: 0,
      corrected: 0,
      rejectedCount: 2,
      rejected: [
        { row: 2, field: 'age', reason: 'expected a number' },
        { row: 3, field: 'facility', reason: 'unknown facility code FX-XX' },
      ],
      flaggedCount: 0,
      flagged: [],
    });
  });

  test('reasons follow Accept-Language', async () => {
    const { body } = await post(
      'visit',
      JSON.stringify([{ visitId: 'z', facility: 'FX-XX', time: '2024-02-01T08:00' }]),
      'application/json',
      'zh-CN,zh;q=0.9',
    );
    expect(body.rejected).toEqual([{ row: 1, field: 'facility', reason: '未知机构代码 FX-XX' }]);
  });

  test('a CSV body with snake_case headers; re-sent, it is all duplicates', async () => {
    const csv = [HEADER, ...Array.from({ length: 50 }, (_, i) => csvLine(i))].join('\r\n');
    const first = await post('visit', csv, 'text/csv; charset=utf-8');
    expect(first.body).toMatchObject({ received: 50, accepted: 50, rejected: [] });
    const again = await post('visit', csv, 'text/csv');
    expect(again.body).toMatchObject({ received: 50, accepted: 0, duplicates: 50 });
  });

  test('a truncated CSV: the rows before the cut are kept, the cut row is rejected', async () => {
    const cutInQuote = `${HEADER}\n${csvLine(100)}\n${csvLine(101)}\nr102,FX-H1,2024-02-01 09:00,5,F,420102002003,"发热`;
    const a = await post('visit', cutInQuote, 'text/csv');
    expect(a.body).toMatchObject({ received: 3, accepted: 2 });
    expect(a.body.rejected).toEqual([
      { row: 3, field: 'record', reason: 'malformed CSV: quote not closed (truncated?)' },
    ]);
    const cutShort = `${HEADER}\n${csvLine(103)}\nr104,FX-H1,2024-02-0`;
    const b = await post('visit', cutShort, 'text/csv');
    expect(b.body.rejected).toEqual([
      { row: 2, field: 'record', reason: 'wrong number of columns: the header has 8, this row 3' },
    ]);
  });

  test('a truncated JSON array: the complete records are kept', async () => {
    const text = '[{"visitId":"t1","facility":"FX-H1","time":"2024-02-01T08:00"},{"visitId":"t2","faci';
    const { status, body } = await post('visit', text, 'application/json');
    expect(status).toBe(200);
    expect(body).toMatchObject({ received: 2, accepted: 1 });
    expect(body.rejected[0]).toMatchObject({ row: 2, field: 'record' });
  });

  test.each([
    ['a JSON object instead of an array', 'visit', '{"visitId":"x"}', 'application/json', 400, 'invalid'],
    ['an unknown channel', 'tweets', '[]', 'application/json', 404, 'not-found'],
    ['an unsupported content type', 'visit', 'x', 'text/plain', 400, 'invalid'],
  ])('refuses %s', async (_, channel, payload, type, status, code) => {
    const response = await post(channel, payload, type);
    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ code });
  });

  test('a body over the limit (50 MB) is refused with 413 before it is read', async () => {
    const big =
      `${HEADER}\n` + `${csvLine(1)}\n`.repeat(Math.ceil((50 * 1024 * 1024) / csvLine(1).length) + 10);
    expect(big.length).toBeGreaterThan(50 * 1024 * 1024);
    const { status, body } = await post('visit', big, 'text/csv');
    expect(status).toBe(413);
    expect(body.error).toMatchObject({
      code: 'too-large',
      message: 'Request body exceeds the limit of 50 MB',
    });
  });

  test('a streamed body (no length given) is cut off at the limit with 413', async () => {
    // A real socket: the body goes out in chunks, without Content-Length, well past the 1 MB limit.
    await small.listen({ port: 0, host: '127.0.0.1' });
    const { port } = small.server.address() as AddressInfo;
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/ingest/visit',
          headers: { 'content-type': 'text/csv', ...auth },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      // The server may close the socket while we still write: the response, already sent, is what counts.
      request.on('error', (error) => setTimeout(() => reject(error), 1000));
      const lines = `${csvLine(1, '2024-02-02')}\n`.repeat(1000);
      let sent = 0;
      const more = (): void => {
        while (sent < 5 * 1024 * 1024 && !request.destroyed) {
          const text = sent === 0 ? `${HEADER}\n${lines}` : lines;
          sent += text.length;
          if (!request.write(text)) {
            request.once('drain', more);
            return;
          }
        }
        request.end();
      };
      more();
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'too-large' } });
  });

  test('every channel takes CSV', async () => {
    const bodies: Record<string, string> = {
      'report-card':
        'card_id,type,disease,classification,onset_date,diagnosis_date,residence,age,sex,occupation,facility\n' +
        'C1,new,influenza,confirmed,2024-02-01,2024-02-02,420102003001,8,F,学生,FX-H1',
      pharmacy: 'store,date,drug_class,units\nFX-P1,2024-02-01,antipyretic,12',
      school:
        'school,date,enrolled,absent_fever,absent_respiratory,absent_gi,absent_other\nFX-S1,2024-02-01,800,5,3,1,2',
      lab: 'lab,sample_id,pathogen,result,sample_date,result_date\nFX-L1,S1,influenza_a,阳性,2024-02-01,2024-02-02',
      hotline: 'line,message_id,time,text,category\n12345,M1,2024-02-01 10:00,孩子发烧去哪里看,医疗卫生',
      opinion: 'source,post_id,time,text\nweibo,P1,2024-02-01 10:00,学校好多学生发烧',
      wastewater: 'site,date,target,concentration,flow\nFX-W1,2024-02-01,sars_cov_2,12345.67,80000',
    };
    for (const [channel, csv] of Object.entries(bodies)) {
      const { status, body } = await post(channel, csv, 'text/csv');
      expect({ channel, status, body }).toEqual({
        channel,
        status: 200,
        body: {
          received: 1,
          accepted: 1,
          duplicates: 0,
          corrected: 0,
          rejectedCount: 0,
          rejected: [],
          flaggedCount: 0,
          flagged: [],
        },
      });
    }
  });

  test('series equal a recount from the records', async () => {
    expect(await recountDifferences(db.pool)).toEqual([]);
  });
});
