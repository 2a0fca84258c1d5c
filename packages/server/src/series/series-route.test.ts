import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { signIn } from '../../test/sign-in.js';
import type { App } from '../http/app.js';
import { ingestRecords } from '../ingest/ingest-records.js';
import { insertFixtureCity } from '../ingest/testing/fixture-city.js';
import { appOn } from '../../test/test-app.js';

let db: TestDatabase;
let app: App;
let auth: Readonly<Record<string, string>>;

const visit = (id: string, facility: string, day: string, complaint = '发热、咳嗽') => ({
  visitId: id,
  facility,
  time: `${day}T09:00:00`,
  residence: '420102002003',
  chiefComplaint: complaint,
});

beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
  app = await appOn(db, {});
  auth = (await signIn(db.pool, { role: 'analyst' })).headers;
  // FX-H1 reports on 1, 2 and 4 January 2024 (a Monday, …); FX-FC1 on 2 January only.
  await ingestRecords(
    db.pool,
    'visit',
    [
      visit('1', 'FX-H1', '2024-01-01'),
      visit('2', 'FX-H1', '2024-01-01', '腹泻'),
      visit('3', 'FX-H1', '2024-01-02'),
      visit('4', 'FX-FC1', '2024-01-02'),
      visit('5', 'FX-H1', '2024-01-04'),
      visit('6', 'FX-H1', '2024-01-09'),
    ],
    { source: 'api' },
  );
  await ingestRecords(
    db.pool,
    'wastewater',
    [
      { site: 'FX-W1', date: '2024-01-02', target: 'sars_cov_2', concentration: 100.5 },
      { site: 'FX-W1', date: '2024-01-03', target: 'sars_cov_2', concentration: 300.25 },
    ],
    { source: 'api' },
  );
  await ingestRecords(
    db.pool,
    'school',
    [
      {
        school: 'FX-S1',
        date: '2024-01-02',
        enrolled: 500,
        absentFever: 7,
        absentRespiratory: 2,
        absentGi: 0,
        absentOther: 1,
      },
    ],
    { source: 'api' },
  );
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

const get = async <T = Record<string, unknown>>(query: string) => {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/series?${query}`,
    headers: { 'accept-language': 'en', ...auth },
  });
  return { status: response.statusCode, body: response.json<T>() };
};

interface Page {
  points: {
    period: string;
    count: number | null;
    records: number | null;
    mean?: number | null;
    denominator?: number;
    completeness?: { reported: number; expected: number; ratio: number | null };
  }[];
  next: string | null;
}

describe(`GET /api/v1/series on ${inject('databaseKind')}`, () => {
  test('a place series by day: every day present, zero where nothing counted, completeness beside the count', async () => {
    const { status, body } = await get<Page>(
      'channel=visit&signal=all&place=420102&from=2024-01-01&to=2024-01-05',
    );
    expect(status).toBe(200);
    // FX-H1 stands in 420102002, so it is expected here; FX-FC1 stands in 420103 and is not.
    expect(
      body.points.map((p) => [p.period, p.count, p.completeness?.reported, p.completeness?.expected]),
    ).toEqual([
      ['2024-01-01', 2, 1, 1],
      ['2024-01-02', 2, 1, 1],
      ['2024-01-03', 0, 0, 1],
      ['2024-01-04', 1, 1, 1],
      ['2024-01-05', 0, 0, 1],
    ]);
    expect(body.next).toBeNull();
  });

  test('the city: facilities are expected from the first day they reported', async () => {
    const { body } = await get<Page>('channel=visit&signal=all&from=2024-01-01&to=2024-01-03');
    expect(body.points.map((p) => [p.period, p.count, p.completeness])).toEqual([
      ['2024-01-01', 2, { reported: 1, expected: 1, ratio: 1 }],
      ['2024-01-02', 2, { reported: 2, expected: 2, ratio: 1 }],
      ['2024-01-03', 0, { reported: 0, expected: 2, ratio: 0 }],
    ]);
  });

  test('by ISO week (named by its Monday)', async () => {
    const { body } = await get<Page>(
      'channel=visit&signal=all&place=4201&interval=week&from=2024-01-03&to=2024-01-14',
    );
    expect(
      body.points.map((p) => [p.period, p.count, p.completeness?.reported, p.completeness?.expected]),
    ).toEqual([
      ['2024-01-01', 5, 4, 13],
      ['2024-01-08', 1, 1, 14],
    ]);
  });

  test("a facility's own series is missing (null) on the days it did not report, not zero", async () => {
    const { body } = await get<Page>('channel=visit&signal=gi&facility=FX-H1&from=2024-01-01&to=2024-01-04');
    expect(body.points.map((p) => [p.period, p.count])).toEqual([
      ['2024-01-01', 1],
      ['2024-01-02', 0],
      ['2024-01-03', null],
      ['2024-01-04', 0],
    ]);
  });

  test('pages: limit periods a page, next as the cursor', async () => {
    const first = await get<Page>(
      'channel=visit&signal=all&place=4201&from=2024-01-01&to=2024-01-05&limit=2',
    );
    expect(first.body.points.map((p) => p.period)).toEqual(['2024-01-01', '2024-01-02']);
    expect(first.body.next).toBe('2024-01-03');
    const second = await get<Page>(
      `channel=visit&signal=all&place=4201&from=2024-01-01&to=2024-01-05&limit=2&cursor=${first.body.next}`,
    );
    expect(second.body.points.map((p) => p.period)).toEqual(['2024-01-03', '2024-01-04']);
    const last = await get<Page>(
      `channel=visit&signal=all&place=4201&from=2024-01-01&to=2024-01-05&limit=2&cursor=${second.body.next}`,
    );
    expect(last.body.points.map((p) => p.period)).toEqual(['2024-01-05']);
    expect(last.body.next).toBeNull();
  });

  test('a measurement reads as a mean; absences carry the enrolment', async () => {
    const water = await get<Page>(
      'channel=wastewater&signal=sars_cov_2&place=4201&interval=week&from=2024-01-01&to=2024-01-07',
    );
    expect(water.body.points[0]).toMatchObject({ count: 400.75, records: 2, mean: 200.375 });
    const school = await get<Page>(
      'channel=school&signal=absent_fever&place=420102002004&from=2024-01-02&to=2024-01-02',
    );
    expect(school.body.points[0]).toMatchObject({ count: 7, records: 1, denominator: 500 });
  });

  test.each([
    ['channel=tweets&signal=all', 400],
    ['channel=visit', 400],
    ['channel=visit&signal=all&interval=month', 400],
    ['channel=visit&signal=all&from=2024-02-30', 400],
    ['channel=visit&signal=all&place=4201&facility=FX-H1', 400],
    ['channel=visit&signal=all&place=420199', 404],
    ['channel=visit&signal=all&facility=NOPE', 404],
  ])('refuses %s with %i', async (query, status) => {
    const response = await get<{ error: { code: string } }>(query);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(status === 404 ? 'not-found' : 'invalid');
  });
});
