import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { signIn } from '../../../test/sign-in.js';
import type { App } from '../../http/app.js';
import { ingestRecords } from '../../ingest/ingest-records.js';
import { insertFixtureCity } from '../../ingest/testing/fixture-city.js';
import { startAlerting, type Alerting } from '../alerting.js';
import { startWebhookDispatcher, type Dispatcher } from './dispatcher.js';
import { SIGNATURE_HEADER, sign, verify } from './signature.js';
import { appOn } from '../../../test/test-app.js';

let db: TestDatabase;
let app: App;
let auth: Readonly<Record<string, string>>;
let alerting: Alerting;
let dispatcher: Dispatcher;
let receiver: Server;
let receiverUrl: string;
const received: { headers: IncomingHttpHeaders; body: string; answered: number }[] = [];
/** The receiver's answers, in turn; 200 once they run out. */
const answers: number[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
  app = await appOn(db);
  auth = (await signIn(db.pool, { role: 'admin' })).headers;
  receiver = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const answered = answers.shift() ?? 200;
      received.push({ headers: request.headers, body, answered });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  alerting = startAlerting({ pool: db.pool });
  dispatcher = startWebhookDispatcher({ pool: db.pool, backoffMs: [50, 50], pollMs: 20, log: () => {} });
});
afterAll(async () => {
  await dispatcher.stop();
  await alerting.stop();
  await app.close();
  receiver.close();
  await db.drop();
});

const waitFor = async (ok: () => boolean | Promise<boolean>, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

interface Delivery {
  id: number;
  eventId: number;
  status: string;
  attempts: { attempt: number; httpStatus: number | null; error: string | null }[];
}

describe('signatures', () => {
  test('HMAC-SHA256 over "t.body", checked in constant time, refused when stale or altered', () => {
    const header = sign('s3cret-s3cret-s3cret', '{"a":1}', 1_700_000_000);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verify('s3cret-s3cret-s3cret', header, '{"a":1}', 1_700_000_100)).toBe(true);
    expect(verify('s3cret-s3cret-s3cret', header, '{"a":2}', 1_700_000_100)).toBe(false);
    expect(verify('another-secret-xx', header, '{"a":1}', 1_700_000_100)).toBe(false);
    expect(verify('s3cret-s3cret-s3cret', header, '{"a":1}', 1_700_001_000)).toBe(false);
  });
});

describe('webhooks', () => {
  test('a subscriber gets each alert change signed, retried after a failure, and the log shows every attempt', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: auth,
      payload: { url: receiverUrl, minLevel: 'orange', description: 'district duty phone gateway' },
    });
    expect(created.statusCode).toBe(201);
    const subscription = created.json<{ id: number; secret: string; minLevel: string }>();
    expect(subscription).toMatchObject({
      minLevel: 'orange',
      secret: expect.stringMatching(/^[\w-]{43}$/) as unknown,
    });

    answers.push(500); // the receiver fails once
    await ingestRecords(
      db.pool,
      'report-card',
      [
        {
          cardId: 'W-1',
          type: 'new',
          disease: 'cholera',
          classification: 'confirmed',
          onsetDate: '2024-09-01',
          diagnosisDate: '2024-09-01',
          residence: '420102002003',
          facility: 'FX-H1',
        },
        {
          // yellow: below the subscription's level, not sent
          cardId: 'W-2',
          type: 'new',
          disease: 'polio',
          classification: 'confirmed',
          onsetDate: '2024-09-01',
          diagnosisDate: '2024-09-01',
          residence: '420102003001',
          facility: 'FX-H1',
        },
      ],
      { source: 'api' },
    );
    await alerting.settled();
    await waitFor(() => received.length >= 2);
    expect(received.map((r) => r.answered)).toEqual([500, 200]);
    const delivered = received[1];
    const body = JSON.parse(delivered?.body ?? '{}') as {
      id: number;
      type: string;
      alert: { family: string };
    };
    expect(body).toMatchObject({ type: 'alert.opened', alert: { family: 'cholera', level: 'red' } });
    expect(delivered?.headers['x-shaobing-event']).toBe('alert.opened');
    expect(delivered?.headers['x-shaobing-event-id']).toBe(String(body.id));
    expect(
      verify(subscription.secret, delivered?.headers[SIGNATURE_HEADER] as string, delivered?.body ?? ''),
    ).toBe(true);

    const log = await app.inject({
      method: 'GET',
      url: `/api/v1/webhooks/${subscription.id}/deliveries`,
      headers: auth,
    });
    expect(log.json<Delivery[]>()).toEqual([
      expect.objectContaining({
        eventId: body.id,
        status: 'delivered',
        attempts: [
          expect.objectContaining({ attempt: 1, httpStatus: 500, error: null }),
          expect.objectContaining({ attempt: 2, httpStatus: 200, error: null }),
        ],
      }),
    ]);
  });

  test('an unreachable receiver is tried as often as the backoff allows, then the delivery fails', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: auth,
      payload: { url: 'http://127.0.0.1:9/nobody', secret: 'a-secret-of-enough-length' },
    });
    const { id } = created.json<{ id: number }>();
    await ingestRecords(
      db.pool,
      'report-card',
      [
        {
          cardId: 'W-3',
          type: 'new',
          disease: 'plague',
          classification: 'suspected',
          onsetDate: '2024-09-02',
          diagnosisDate: '2024-09-02',
          residence: '420103001',
          facility: 'FX-H1',
        },
      ],
      { source: 'api' },
    );
    await alerting.settled();
    await waitFor(async () => {
      const log = await app.inject({
        method: 'GET',
        url: `/api/v1/webhooks/${id}/deliveries`,
        headers: auth,
      });
      return log.json<Delivery[]>()[0]?.status === 'failed';
    });
    const log = await app.inject({ method: 'GET', url: `/api/v1/webhooks/${id}/deliveries`, headers: auth });
    const [failed] = log.json<Delivery[]>();
    expect(failed?.attempts.map((a) => [a.attempt, a.httpStatus])).toEqual([
      [1, null],
      [2, null],
      [3, null],
    ]);
    expect(failed?.attempts[0]?.error).toMatch(/fetch failed|ECONNREFUSED/);
  });

  test('subscriptions are listed without their secret, deleted, and bad URLs refused', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: auth });
    expect(list.json<object[]>()).toHaveLength(2);
    expect(list.body).not.toContain('secret');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: auth,
      payload: { url: 'ftp://example.org/x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { issues: { field: string }[] } }>().error.issues[0]?.field).toBe('body.url');
    const deleted = await app.inject({
      method: 'DELETE',
      headers: auth,
      url: `/api/v1/webhooks/${list.json<{ id: number }[]>()[1]?.id}`,
    });
    expect(deleted.statusCode).toBe(204);
    const missing = await app.inject({ method: 'DELETE', url: '/api/v1/webhooks/999999', headers: auth });
    expect(missing.statusCode).toBe(404);
  });
});
