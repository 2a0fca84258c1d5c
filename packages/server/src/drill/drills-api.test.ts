import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { signIn } from '../../test/sign-in.js';
import type { App } from '../http/app.js';
import { drillReportSchema } from './report-schema.js';
import { appOn } from '../../test/test-app.js';

/**
 * The drills API: an analyst starts a drill of a small inline scenario (three days played live), watches its
 * status and progress, then reads its report; bad scenarios are refused naming the field; roles are checked.
 */

let db: TestDatabase;
let app: App;
let analyst: Readonly<Record<string, string>>;
let viewer: Readonly<Record<string, string>>;

const SCENARIO = {
  name: 'API drill',
  city: 'wuhan',
  period: { start: '2026-09-21', end: '2026-10-30' },
  seed: 5,
  layout: {
    sentinelHospitals: { central: 1, new_urban: 0 },
    pharmaciesPerDistrict: 1,
    schoolsPerDistrict: { kindergarten: 0, primary: 1, middle: 0 },
    labs: 1,
    wastewaterSites: 0,
  },
  outbreaks: [
    {
      id: 'flu',
      pathogen: 'influenza_a',
      place: '420111',
      start: '2026-10-28',
      size: 500,
      shape: { type: 'point-source' },
    },
  ],
};

beforeAll(async () => {
  db = await createTestDatabase();
  app = await appOn(db);
  analyst = (await signIn(db.pool, { role: 'analyst' })).headers;
  viewer = (await signIn(db.pool, { role: 'public_viewer' })).headers;
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

const get = (url: string, headers = analyst) => app.inject({ method: 'GET', url, headers });
const start = (body: unknown, headers = analyst) =>
  app.inject({ method: 'POST', url: '/api/v1/drills', headers, payload: body as object });

describe('the drills API', () => {
  test('starts a drill, reports its progress, then its report', async () => {
    const started = await start({ scenario: SCENARIO, runs: 1, leadDays: 1 });
    expect(started.statusCode).toBe(202);
    const drill = started.json<{ id: number; status: string; progress: number }>();
    expect(drill).toMatchObject({ scenario: 'API drill', runs: 1, progress: 0 });
    expect(['queued', 'running']).toContain(drill.status);

    const early = await get(`/api/v1/drills/${drill.id}/report`);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: { code: 'conflict' } });

    const seen: { status: string; progress: number; phase: string | null }[] = [];
    for (let i = 0; i < 1200; i++) {
      const now = (await get(`/api/v1/drills/${drill.id}`)).json<(typeof seen)[number]>();
      seen.push(now);
      if (now.status === 'done' || now.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const last = seen[seen.length - 1]!;
    expect(last).toMatchObject({ status: 'done', progress: 1, phase: 'done' });
    const running = seen.filter((s) => s.status === 'running');
    expect(running.length).toBeGreaterThan(0);
    for (const s of running) expect(s.progress).toBeGreaterThanOrEqual(0);
    expect(running.some((s) => s.progress > 0 && s.progress < 1)).toBe(true);
    // Progress never goes back.
    const progress = seen.map((s) => s.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const report = await get(`/api/v1/drills/${drill.id}/report`);
    expect(report.statusCode).toBe(200);
    const parsed = drillReportSchema.parse(report.json());
    expect(parsed.scenario.name).toBe('API drill');
    expect(parsed.perRun[0]).toMatchObject({ liveFrom: '2026-10-26', liveTo: '2026-10-30', rejected: 0 });
    expect(parsed.outbreaks.map((o) => o.id)).toEqual(['flu']);

    const list = await get('/api/v1/drills');
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: { id: number }[] }>().items.map((d) => d.id)).toContain(drill.id);
    // The drill's data went to throwaway databases: the platform's own has no records or signals from it.
    const records = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM visit_record');
    expect(records.rows[0]!.n).toBe(0);
  }, 600_000);

  test.each([
    [{ scenario: 'no-such-scenario' }, 'scenario.scenario'],
    [
      { scenario: { ...SCENARIO, outbreaks: [{ ...SCENARIO.outbreaks[0], start: '2027-01-01' }] } },
      'scenario.outbreaks[0].start',
    ],
    [{ scenario: { ...SCENARIO, city: 'paris' } }, 'scenario.city'],
  ])('refuses a bad scenario naming the field (%#)', async (body, field) => {
    const response = await start(body);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: 'invalid', issues: [expect.objectContaining({ field })] },
    });
  });

  test('a public viewer may not start drills; an unknown drill is 404', async () => {
    expect((await start({ scenario: 'school-ili' }, viewer)).statusCode).toBe(403);
    expect((await get('/api/v1/drills/999999')).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/drills' })).statusCode).toBe(401);
  });
});
