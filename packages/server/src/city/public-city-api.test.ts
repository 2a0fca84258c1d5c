import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import type { App } from '../http/app.js';
import { ingestRecords } from '../ingest/ingest-records.js';
import { insertFixtureCity } from '../ingest/testing/fixture-city.js';
import { shanghaiDate } from '../channels/time.js';
import { loadCity } from './load-city.js';
import { suppress } from './public-city-api.js';
import { cityFolder } from './read-city.js';
import { appOn } from '../../test/test-app.js';

let db: TestDatabase;
let app: App;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadCity(db.pool, cityFolder('wuhan'));
  await insertFixtureCity(db.pool);
  app = await appOn(db);
  const today = shanghaiDate(Date.now());
  const card = (cardId: string, residence: string) => ({
    cardId,
    type: 'new',
    disease: 'influenza',
    classification: 'clinical',
    onsetDate: today,
    diagnosisDate: today,
    residence,
    facility: 'FX-H1',
  });
  // 3 cases in 江岸区 (shown as "<5"), 6 in 江汉区 (shown as 6).
  await ingestRecords(
    db.pool,
    'report-card',
    [
      ...['A', 'B', 'C'].map((k) => card(`PC-${k}`, '420102002003')),
      ...['D', 'E', 'F', 'G', 'H', 'I'].map((k) => card(`PC-${k}`, '420103001')),
    ],
    { source: 'api' },
  );
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

test.each([
  [0, 0],
  [1, '<5'],
  [4, '<5'],
  [5, 5],
])('a count of %i is published as %j', (n, shown) => {
  expect(suppress(n)).toBe(shown);
});

test('GET /api/v1/public/city needs no login and never publishes a count below 5', async () => {
  const response = await app.inject({ method: 'GET', url: '/api/v1/public/city' });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json<{
    districts: { features: { properties: { code: string; cases7d: number | string }; geometry: unknown }[] };
  }>();
  const byCode = new Map(body.districts.features.map((f) => [f.properties.code, f]));
  expect(body.districts.features).toHaveLength(13);
  expect(byCode.get('420102')?.properties.cases7d).toBe('<5');
  expect(byCode.get('420103')?.properties.cases7d).toBe(6);
  expect(byCode.get('420106')?.properties.cases7d).toBe(0);
  expect((byCode.get('420102')?.geometry as { type: string }).type).toMatch(/Polygon/);
  expect(response.body).not.toMatch(/"cases7d":[1-4]\b/);
});
