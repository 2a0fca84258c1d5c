import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { signIn } from '../../test/sign-in.js';
import { dateOfDayNumber, dayNumberOf } from '../channels/time.js';
import type { App } from '../http/app.js';
import { insertFixtureCity } from '../ingest/testing/fixture-city.js';
import { DEFAULT_RULES } from './default-rules.js';
import type { DetectionSignal } from './events.js';
import type { RuleInput } from './rule.js';
import type { RunSummary } from './run-summary.js';
import { addDailyCounts } from './testing/write-series.js';
import { appOn } from '../../test/test-app.js';

let db: TestDatabase;
let app: App;
let auth: Readonly<Record<string, string>>;

interface ErrorBody {
  error: { code: string; message: string; issues: { field: string; reason: string }[] };
}
interface Config {
  version: number;
  note: string;
  rules: (RuleInput & { id: number; revision: number; lookback: number })[];
}
interface Page<T> {
  items: T[];
  next: string | null;
}

const call = async <T>(method: 'GET' | 'PUT' | 'POST', url: string, body?: unknown) => {
  const response = await app.inject({
    method,
    url,
    headers: { 'accept-language': 'en', ...auth },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return { status: response.statusCode, body: response.json<T>() };
};

beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
  app = await appOn(db);
  auth = (await signIn(db.pool, { role: 'analyst' })).headers;
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

const c2: RuleInput = {
  key: 'visit.c2',
  channel: 'visit',
  placeLevels: ['district'],
  period: 'day',
  method: 'earsC',
  control: { method: 'C2', baseline: 7 },
  lookback: 3,
};

describe(`detection configuration API on ${inject('databaseKind')}`, () => {
  test('GET: the defaults are version 1', async () => {
    const { status, body } = await call<Config>('GET', '/api/v1/detection/config');
    expect(status).toBe(200);
    expect(body.version).toBe(1);
    expect(body.rules.map((r) => r.key)).toEqual(DEFAULT_RULES.map((r) => r.key));
    expect(body.rules.find((r) => r.key === 'report-card.cidars')).toMatchObject({
      method: 'cidars.mpm',
      placeLevels: ['city', 'district'],
      lookback: 7,
      revision: 1,
    });
  });

  test.each([
    [{ ...c2, control: { method: 'C2', alpha: 1.5 } }, 'body.rules.0.control.alpha'],
    [{ ...c2, method: 'algo.nothing' }, 'body.rules.0.method'],
    [{ ...c2, control: { range: [1, 5] } }, 'body.rules.0.control.range'],
    [{ ...c2, period: 'month' }, 'body.rules.0.period'],
    [{ ...c2, placeLevels: [] }, 'body.rules.0.placeLevels'],
  ])('PUT refuses %j naming %s, and saves nothing', async (rule, field) => {
    const { status, body } = await call<ErrorBody>('PUT', '/api/v1/detection/config', { rules: [rule] });
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid');
    expect(body.error.issues.map((i) => i.field)).toContain(field);
    expect((await call<Config>('GET', '/api/v1/detection/config')).body.version).toBe(1);
  });

  test('PUT saves a new version; an unchanged rule keeps its revision, a changed one gets the next', async () => {
    const first = await call<Config>('PUT', '/api/v1/detection/config', {
      rules: [c2, { ...c2, key: 'visit.ewma', method: 'essence.ewma', control: {} }],
      note: 'tuning',
      baseVersion: 1,
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 2, note: 'tuning' });
    const second = await call<Config>('PUT', '/api/v1/detection/config', {
      rules: [{ ...c2, control: { method: 'C2', baseline: 7, alpha: 0.01 } }, first.body.rules[1]],
    });
    expect(second.body.version).toBe(3);
    expect(second.body.rules[0]).toMatchObject({ key: 'visit.c2', revision: 2 });
    expect(second.body.rules[0]?.id).not.toBe(first.body.rules[0]?.id);
    expect(second.body.rules[1]).toMatchObject({
      key: 'visit.ewma',
      revision: 1,
      id: first.body.rules[1]?.id,
    });
    const old = await call<Config>('GET', '/api/v1/detection/config?version=2');
    expect(old.body.rules[0]?.control).toEqual({ method: 'C2', baseline: 7 });
  });

  test('an edit based on an older version is refused with 409', async () => {
    const { status, body } = await call<ErrorBody>('PUT', '/api/v1/detection/config', {
      rules: [c2],
      baseVersion: 2,
    });
    expect(status).toBe(409);
    expect(body.error.code).toBe('conflict');
  });

  test('an unknown version is 404', async () => {
    expect((await call<ErrorBody>('GET', '/api/v1/detection/config?version=99')).status).toBe(404);
  });
});

describe('runs and signals API', () => {
  // A spike on the last of 30 days at both districts; the quiet days vary so the baseline has spread.
  const last = dayNumberOf('2024-03-30');
  beforeAll(async () => {
    const quiet = Array.from({ length: 30 }, (_, i) => 10 + (i % 3));
    const spiked = [...quiet.slice(0, 29), 60];
    for (const place of ['420102', '420103']) {
      await addDailyCounts(db.pool, 'visit', 'all', [place], dateOfDayNumber(last - 29), spiked);
    }
    await addDailyCounts(
      db.pool,
      'visit',
      'all',
      ['4201'],
      dateOfDayNumber(last - 29),
      spiked.map((x) => 2 * x),
    );
  });

  test('POST /detection/run runs now and returns the run', async () => {
    const { status, body } = await call<RunSummary>('POST', '/api/v1/detection/run', {});
    expect(status).toBe(200);
    // Version 3 in force: C2 and EWMA at the two districts.
    expect(body).toMatchObject({
      trigger: 'manual',
      scope: 'all',
      status: 'done',
      configVersion: 3,
      series: 4,
    });
    expect(body.signalsNew).toBeGreaterThanOrEqual(2);
    expect(body.timings.total).toBeGreaterThanOrEqual(0);
  });

  test('GET /signals filters by place (with the places inside it) and pages', async () => {
    const all = await call<Page<DetectionSignal>>('GET', '/api/v1/signals?channel=visit&limit=1');
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(1);
    expect(all.body.next).not.toBeNull();
    const rest = await call<Page<DetectionSignal>>(
      'GET',
      `/api/v1/signals?channel=visit&limit=100&cursor=${all.body.next}`,
    );
    const ids = [...all.body.items, ...rest.body.items].map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const district = await call<Page<DetectionSignal>>('GET', '/api/v1/signals?place=420103&method=earsC');
    expect(district.body.items).toEqual([
      expect.objectContaining({
        placeCode: '420103',
        periodStart: '2024-03-30',
        observed: 60,
        alarm: true,
        ruleKey: 'visit.c2',
      }),
    ]);
    const before = await call<Page<DetectionSignal>>('GET', '/api/v1/signals?to=2024-03-29');
    expect(before.body.items).toEqual([]);
  });

  test('GET /signals refuses a foreign cursor', async () => {
    const { status, body } = await call<ErrorBody>('GET', '/api/v1/signals?cursor=bm9wZQ');
    expect(status).toBe(400);
    expect(body.error.issues[0]?.field).toBe('querystring.cursor');
  });

  test('GET /detection/runs lists the latest runs with why series were not evaluated', async () => {
    // The district series of the fixture's other channel: report cards, too short for a year-back method.
    await addDailyCounts(db.pool, 'report-card', 'measles', ['420102', '4201'], '2024-03-01', [1, 0, 2]);
    const saved = await call<Config>('PUT', '/api/v1/detection/config', {
      rules: [
        c2,
        {
          key: 'cards',
          channel: 'report-card',
          placeLevels: ['district'],
          period: 'day',
          method: 'cidars.mpm',
        },
      ],
    });
    expect(saved.status).toBe(200);
    await call<RunSummary>('POST', '/api/v1/detection/run', { scope: 'all' });
    const { status, body } = await call<Page<RunSummary & { notEvaluatedReasons: unknown[] }>>(
      'GET',
      '/api/v1/detection/runs?limit=1',
    );
    expect(status).toBe(200);
    expect(body.items[0]).toMatchObject({ notEvaluated: 1, status: 'done' });
    expect(body.items[0]?.notEvaluatedReasons).toMatchObject([
      { ruleKey: 'cards', method: 'cidars.mpm', count: 1, example: { placeCode: '420102', field: 'range' } },
    ]);
    const list = await call<Page<{ reason: string }>>(
      'GET',
      `/api/v1/detection/runs/${body.items[0]?.id}/not-evaluated`,
    );
    expect(list.body.items[0]?.reason).toMatch(/needs t >= /);
    expect((await call<ErrorBody>('GET', '/api/v1/detection/runs/9999/not-evaluated')).status).toBe(404);

    // A district's duty officer sees the series of its own district only.
    const asDuty = async <T>(district: string, url: string) => {
      const { headers } = await signIn(db.pool, { role: 'duty_officer', jurisdiction: district });
      return (await app.inject({ method: 'GET', url, headers })).json<T>();
    };
    const runs = '/api/v1/detection/runs?limit=1';
    const listed = `/api/v1/detection/runs/${body.items[0]?.id}/not-evaluated`;
    type Runs = Page<RunSummary & { notEvaluatedReasons: unknown[] }>;
    expect((await asDuty<Runs>('420102', runs)).items[0]?.notEvaluatedReasons).toHaveLength(1);
    expect((await asDuty<Page<unknown>>('420102', listed)).items).toHaveLength(1);
    const other = await asDuty<Runs>('420103', runs);
    expect(other.items[0]).toMatchObject({ notEvaluated: 1, notEvaluatedReasons: [] });
    expect((await asDuty<Page<unknown>>('420103', listed)).items).toEqual([]);
  });
});
