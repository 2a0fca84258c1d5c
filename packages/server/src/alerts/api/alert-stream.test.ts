import { get as httpGet, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { signIn } from '../../../test/sign-in.js';
import { installGuard } from '../../access/guard.js';
import { loadConfig, type Config } from '../../config.js';
import { buildApp, type App } from '../../http/app.js';
import { ingestRecords } from '../../ingest/ingest-records.js';
import { insertFixtureCity } from '../../ingest/testing/fixture-city.js';
import { startAlerting, type Alerting } from '../alerting.js';
import { alertStream } from './alert-stream.js';

let db: TestDatabase;
let app: App;
let auth: Readonly<Record<string, string>>;
let base: string;
let alerting: Alerting;
let config: Config;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
  const loaded = loadConfig({ SHAOBING_CITY: 'wuhan' });
  if (!loaded.ok) throw new Error(loaded.message);
  config = loaded.config;
  app = await buildApp({ config, db: { pool: db.pool, url: db.url, embedded: true, close: async () => {} } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  auth = (await signIn(db.pool, { role: 'duty_officer' })).headers;
  alerting = startAlerting({ pool: db.pool });
});
afterAll(async () => {
  await alerting.stop();
  await app.close();
  await db.drop();
});

interface Received {
  id: number | undefined;
  event: string | undefined;
  data: { seq: number; type: string; alert: { family: string; level: string; version: number } } | undefined;
  comment: string | undefined;
}

/** An EventSource in miniature: the frames of one connection, as they arrive. */
function openStream(url: string, headers: Record<string, string> = {}) {
  const frames: Received[] = [];
  const waiters: (() => void)[] = [];
  let response: IncomingMessage | undefined;
  let buffer = '';
  const request = httpGet(url, { headers: { accept: 'text/event-stream', ...auth, ...headers } }, (res) => {
    response = res;
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const frame: Received = { id: undefined, event: undefined, data: undefined, comment: undefined };
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) frame.comment = line.slice(1).trim();
          else if (line.startsWith('id: ')) frame.id = Number(line.slice(4));
          else if (line.startsWith('event: ')) frame.event = line.slice(7);
          else if (line.startsWith('data: ')) frame.data = JSON.parse(line.slice(6)) as Received['data'];
        }
        frames.push(frame);
        for (const wake of waiters.splice(0)) wake();
      }
    });
  });
  const until = async (ok: (frames: Received[]) => boolean, ms = 5000) => {
    const deadline = Date.now() + ms;
    while (!ok(frames)) {
      if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(frames)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  return {
    frames,
    events: () => frames.filter((f) => f.event !== undefined),
    until,
    status: () => response?.statusCode,
    contentType: () => response?.headers['content-type'],
    close: () => request.destroy(),
  };
}

const card = (cardId: string, disease: string, residence = '420102002003', onsetDate = '2024-08-01') => ({
  cardId,
  type: 'new',
  disease,
  classification: 'confirmed',
  onsetDate,
  diagnosisDate: onsetDate,
  residence,
  facility: 'FX-H1',
});

describe('GET /api/v1/alerts/stream', () => {
  test('live events, then after a disconnect the missed ones from Last-Event-ID, then live again', async () => {
    const first = openStream(`${base}/api/v1/alerts/stream`);
    await first.until((f) => f.some((x) => x.comment?.startsWith('ready') === true));
    expect(first.status()).toBe(200);
    expect(first.contentType()).toBe('text/event-stream; charset=utf-8');

    await ingestRecords(db.pool, 'report-card', [card('S-1', 'cholera')], { source: 'api' });
    await first.until((f) => f.some((x) => x.event !== undefined));
    const [opened] = first.events();
    expect(opened).toMatchObject({
      event: 'alert.opened',
      data: { type: 'opened', alert: { family: 'cholera', level: 'red', version: 1 } },
    });
    first.close();

    // While nobody listens, a second case is absorbed into the open alert.
    await ingestRecords(db.pool, 'report-card', [card('S-2', 'cholera', '420102002003', '2024-08-02')], {
      source: 'api',
    });
    await alerting.settled();

    const again = openStream(`${base}/api/v1/alerts/stream`, { 'last-event-id': String(opened?.id) });
    await again.until((f) => f.some((x) => x.comment?.startsWith('ready') === true));
    expect(again.events().map((e) => [e.event, e.data?.alert.version])).toEqual([['alert.updated', 2]]);
    expect(again.events()[0]?.id).toBeGreaterThan(opened?.id as number);

    await ingestRecords(db.pool, 'report-card', [card('S-3', 'cholera', '420102002003', '2024-08-03')], {
      source: 'api',
    });
    await again.until((f) => f.filter((x) => x.event !== undefined).length === 2);
    expect(again.events()[1]).toMatchObject({ event: 'alert.updated', data: { alert: { version: 3 } } });
    again.close();
  });

  test('filters: only the place and level asked for', async () => {
    const stream = openStream(`${base}/api/v1/alerts/stream?minLevel=orange&place=420103`);
    await stream.until((f) => f.some((x) => x.comment?.startsWith('ready') === true));
    await ingestRecords(
      db.pool,
      'report-card',
      [
        card('F-1', 'polio', '420103001'),
        card('F-2', 'plague', '420102003001'),
        card('F-3', 'plague', '420103001'),
      ],
      { source: 'api' },
    );
    await stream.until((f) => f.some((x) => x.event !== undefined));
    await alerting.settled();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stream.events().map((e) => [e.data?.alert.family, e.data?.alert.level])).toEqual([
      ['plague', 'red'],
    ]);
    stream.close();
  });

  test('a heartbeat comment keeps an idle stream open', async () => {
    const bare = Fastify().withTypeProvider();
    bare.setValidatorCompiler(validatorCompiler);
    bare.setSerializerCompiler(serializerCompiler);
    installGuard(bare, db.pool, Date.now);
    await bare.register(
      alertStream(
        { config, db: { pool: db.pool, url: db.url, embedded: true, close: async () => {} } },
        { heartbeatMs: 30 },
      ),
    );
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const stream = openStream(
      `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/api/v1/alerts/stream`,
    );
    await stream.until((f) => f.filter((x) => x.comment === 'heartbeat').length >= 2);
    stream.close();
    await bare.close();
  });
});
