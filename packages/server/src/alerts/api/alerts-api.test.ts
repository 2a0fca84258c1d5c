import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { signIn } from '../../../test/sign-in.js';
import { loadCity } from '../../city/load-city.js';
import { cityFolder } from '../../city/read-city.js';
import type { App } from '../../http/app.js';
import { ingestRecords } from '../../ingest/ingest-records.js';
import { insertFixtureCity } from '../../ingest/testing/fixture-city.js';
import { startAlerting, type Alerting } from '../alerting.js';
import type { AlertDetail } from '../store/alert-detail.js';
import type { AlertView } from '../store/alert-view.js';
import { appOn } from '../../../test/test-app.js';

let db: TestDatabase;
let app: App;
let auth: Readonly<Record<string, string>>;
let alerting: Alerting;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadCity(db.pool, cityFolder('wuhan'));
  await insertFixtureCity(db.pool);
  app = await appOn(db);
  auth = (await signIn(db.pool, { role: 'analyst' })).headers;
  alerting = startAlerting({ pool: db.pool });
  const card = (cardId: string, disease: string, residence: string, onsetDate: string) => ({
    cardId,
    type: 'new',
    disease,
    classification: 'confirmed',
    onsetDate,
    diagnosisDate: onsetDate,
    residence,
    facility: 'FX-H1',
  });
  await ingestRecords(
    db.pool,
    'report-card',
    [card('A-1', 'cholera', '420102002003', '2024-07-01'), card('A-2', 'polio', '420103001', '2024-07-02')],
    { source: 'api' },
  );
  await ingestRecords(db.pool, 'report-card', [card('A-3', 'plague', '420106', '2024-07-03')], {
    source: 'api',
  });
  await alerting.settled();
});
afterAll(async () => {
  await alerting.stop();
  await app.close();
  await db.drop();
});

interface Page {
  items: AlertView[];
  next: string | null;
}
const get = async <T>(url: string, language = 'en') => {
  const response = await app.inject({
    method: 'GET',
    url,
    headers: { 'accept-language': language, ...auth },
  });
  return { status: response.statusCode, body: response.json<T>() };
};

describe(`GET /api/v1/alerts on ${inject('databaseKind')}`, () => {
  test('every alert, newest first, with its level, place and reason', async () => {
    const { status, body } = await get<Page>('/api/v1/alerts');
    expect(status).toBe(200);
    expect(body.items.map((a) => [a.family, a.placeCode, a.level, a.kind, a.status])).toEqual([
      ['plague', '420106', 'red', 'single-case', 'open'],
      ['polio', '420103001', 'yellow', 'single-case', 'open'],
      ['cholera', '420102002003', 'red', 'single-case', 'open'],
    ]);
    expect(body.items[2]).toMatchObject({
      placeName: '保成社区',
      channels: ['report-card'],
      ruleIds: ['class-a'],
      public: true,
      version: 1,
      periodStart: '2024-07-01',
      reason: { en: expect.stringContaining('One confirmed case of Cholera (class A)') as unknown },
    });
    expect(body.next).toBeNull();
  });

  test.each([
    ['minLevel=red', ['plague', 'cholera']],
    ['place=420102', ['cholera']],
    ['family=polio', ['polio']],
    ['public=false', ['polio']],
    ['kind=cluster', []],
    ['from=2024-07-02&to=2024-07-02', ['polio']],
  ])('filtered by %s', async (filter, families) => {
    const { body } = await get<Page>(`/api/v1/alerts?${filter}`);
    expect(body.items.map((a) => a.family)).toEqual(families);
  });

  test('pages follow the cursor', async () => {
    const first = await get<Page>('/api/v1/alerts?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await get<Page>(`/api/v1/alerts?limit=2&cursor=${first.body.next}`);
    expect(second.body).toMatchObject({ items: [{ family: 'cholera' }], next: null });
  });

  test('bad filters name the parameter', async () => {
    const { status, body } = await get<{ error: { code: string; issues: { field: string }[] } }>(
      '/api/v1/alerts?minLevel=purple',
    );
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'invalid', issues: [{ field: 'querystring.minLevel' }] });
  });
});

describe('GET /api/v1/alerts/{id}', () => {
  test('the firings with their evidence, and the series around the case', async () => {
    const list = await get<Page>('/api/v1/alerts?family=cholera');
    const id = list.body.items[0]?.id as number;
    const { status, body } = await get<AlertDetail>(`/api/v1/alerts/${id}`);
    expect(status).toBe(200);
    expect(body.firings).toEqual([
      expect.objectContaining({
        ruleId: 'class-a',
        level: 'red',
        evidence: [expect.objectContaining({ type: 'record', recordKey: 'A-1', disease: 'cholera' })],
      }),
    ]);
    const [series] = body.series;
    expect(series).toMatchObject({ channel: 'report-card', signal: 'cholera', placeCode: '420102002003' });
    expect(series?.points.find((p) => p.day === '2024-07-01')).toEqual({ day: '2024-07-01', count: 1 });
    expect(series?.points[0]).toEqual({ day: '2024-06-03', count: 0 });
    expect(body.notEvaluated).toEqual([]);
  });

  test('an unknown alert is 404 in the error shape, in the caller’s language', async () => {
    const { status, body } = await get<{ error: { code: string; message: string } }>(
      '/api/v1/alerts/999999',
      'zh-CN',
    );
    expect(status).toBe(404);
    expect(body.error).toEqual({ code: 'not-found', message: '没有编号为 999999 的预警', issues: [] });
  });
});

describe('GET /api/v1/alerts/rules', () => {
  test('the rules, families and level table in force, as data', async () => {
    const { status, body } = await get<{ version: string; rules: { id: string }[]; levelTable: unknown }>(
      '/api/v1/alerts/rules',
    );
    expect(status).toBe(200);
    expect(body.version).toBe('2026.1');
    expect(body.rules.map((r) => r.id)).toContain('multi-channel');
  });
});

describe('OpenAPI', () => {
  test('the document lists the alert routes with their schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json<{ paths: object }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/alerts',
        '/api/v1/alerts/{id}',
        '/api/v1/alerts/rules',
        '/api/v1/alerts/stream',
        '/api/v1/webhooks',
        '/api/v1/webhooks/{id}/deliveries',
        '/api/v1/public/cap',
        '/api/v1/public/cap/{id}',
      ]),
    );
  });
});
