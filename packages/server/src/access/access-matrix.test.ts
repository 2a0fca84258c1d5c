import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { citizenId } from '../../test/id-number.js';
import { apiTokenHeaders, signIn } from '../../test/sign-in.js';
import { startAlerting } from '../alerts/alerting.js';
import type { App } from '../http/app.js';
import { ingestRecords } from '../ingest/ingest-records.js';
import { insertFixtureCity } from '../ingest/testing/fixture-city.js';
import { registeredRoutes } from './guard.js';
import type { RouteAccess } from './route-access.js';
import { ROLES, type Role } from './roles.js';
import { ACCESS_TABLE, SAMPLE_PARAMS } from './testing/access-table.js';
import { appOn } from '../../test/test-app.js';

/**
 * Every role × every registered route, from the declared table (testing/access-table.ts): allowed roles
 * get past the guard (any answer but 401/403), others get 403, anonymous callers 401, API tokens 403 except
 * on ingest. No answer carries an unmasked ID number or phone. Then inside/outside the jurisdiction for the
 * routes that scope by it.
 */

let db: TestDatabase;
let app: App;
let alertId: number;
const ID = citizenId('42010219900101123');
const PHONE = '13812345678';

beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
  app = await appOn(db, { SHAOBING_CITY: 'wuhan', SHAOBING_SCRYPT_COST: '10' });
  await app.ready();
  // One cholera card in 江岸区 (420102): a person record and a class-A alert there.
  const alerting = startAlerting({ pool: db.pool });
  await ingestRecords(
    db.pool,
    'report-card',
    [
      {
        cardId: 'C-1',
        type: 'new',
        disease: 'cholera',
        classification: 'confirmed',
        onsetDate: '2024-07-01',
        diagnosisDate: '2024-07-01',
        residence: '420102002003',
        facility: 'FX-H1',
        idNumber: ID,
        phone: PHONE,
      },
    ],
    { source: 'api' },
  );
  await alerting.settled();
  await alerting.stop();
  const alert = await db.pool.query<{ id: number }>("SELECT id FROM alert WHERE place_code LIKE '420102%'");
  alertId = Number(alert.rows[0]?.id);
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

const routes = () =>
  registeredRoutes(app).filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/api/docs'));
const keyOf = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
const pathOf = (url: string) =>
  url.replace(/:([A-Za-z]+)/g, (_, name: string) => SAMPLE_PARAMS[name] ?? '1').replace(/\*$/, 'x');

const principalFor = async (role: Role) =>
  (
    await signIn(db.pool, {
      role,
      jurisdiction: role === 'facility_reporter' ? '420102002' : '4201',
      ...(role === 'facility_reporter' ? { facilityId: 'FX-H1' } : {}),
    })
  ).headers;

const request = (method: string, url: string, headers: Record<string, string>) =>
  app.inject({
    method: method as 'GET',
    url: pathOf(url),
    headers: { ...headers, 'content-type': 'application/json' },
    ...(method === 'GET' || method === 'DELETE' ? {} : { payload: '{}' }),
  });

const sameRoles = (declared: RouteAccess | undefined, expected: (typeof ACCESS_TABLE)[string]) => {
  if (declared === undefined) return false;
  if ('public' in declared) return expected.roles === 'public';
  if (expected.roles === 'public') return false;
  return (
    [...declared.roles].sort().join() === [...expected.roles].sort().join() &&
    (declared.apiToken !== undefined) === (expected.token === true)
  );
};

describe(`the access matrix on ${inject('databaseKind')}`, () => {
  test('every registered route declares its access, and the declaration is the one in the table', () => {
    const undeclared = routes()
      .filter((r) => r.access === undefined)
      .map(keyOf);
    expect(undeclared, 'routes without config.access').toEqual([]);
    const missing = routes()
      .filter((r) => !(keyOf(r) in ACCESS_TABLE))
      .map(keyOf);
    expect(missing, 'routes missing from src/access/testing/access-table.ts').toEqual([]);
    const differing = routes()
      .filter((r) => !sameRoles(r.access, ACCESS_TABLE[keyOf(r)] ?? { roles: [] }))
      .map(keyOf);
    expect(differing, 'routes whose declaration differs from the table').toEqual([]);
  });

  test('every role on every route: allowed past the guard, or 403; anonymous 401; no unmasked person data', async () => {
    const failures: string[] = [];
    for (const route of routes()) {
      const expected = ACCESS_TABLE[keyOf(route)];
      if (!expected) continue;
      const anonymous = await request(route.method, route.url, {});
      if (expected.roles === 'public') {
        if ([401, 403].includes(anonymous.statusCode))
          failures.push(`${keyOf(route)} anonymous ${anonymous.statusCode}`);
        continue;
      }
      if (anonymous.statusCode !== 401) failures.push(`${keyOf(route)} anonymous ${anonymous.statusCode}`);
      for (const role of ROLES) {
        const allowed = expected.roles.includes(role);
        if (allowed && expected.stream) continue; // an open stream never ends; see alert-stream.test.ts
        const response = await request(route.method, route.url, await principalFor(role));
        const ok = allowed ? ![401, 403].includes(response.statusCode) : response.statusCode === 403;
        if (!ok)
          failures.push(
            `${keyOf(route)} ${role} ${response.statusCode} (expected ${allowed ? 'allowed' : 403})`,
          );
        if (response.body.includes(ID) || response.body.includes(PHONE))
          failures.push(`${keyOf(route)} ${role} unmasked`);
      }
      const token = await request(route.method, route.url, await apiTokenHeaders(db.pool, 'FX-H1'));
      const tokenOk = expected.token ? ![401, 403].includes(token.statusCode) : token.statusCode === 403;
      if (!tokenOk) failures.push(`${keyOf(route)} api-token ${token.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  const inside = async (role: Role) => (await signIn(db.pool, { role, jurisdiction: '420102' })).headers;
  const outside = async (role: Role) => (await signIn(db.pool, { role, jurisdiction: '420103' })).headers;
  const get = (url: string, headers: Record<string, string>) => app.inject({ method: 'GET', url, headers });

  test.each(['duty_officer', 'analyst', 'commander'] as const)(
    '%s inside the district sees its alert, outside does not',
    async (role) => {
      expect((await get(`/api/v1/alerts/${alertId}`, await inside(role))).statusCode).toBe(200);
      expect((await get(`/api/v1/alerts/${alertId}`, await outside(role))).statusCode).toBe(403);
      const listIn = (await get('/api/v1/alerts', await inside(role))).json<{ items: { id: number }[] }>();
      const listOut = (await get('/api/v1/alerts', await outside(role))).json<{ items: { id: number }[] }>();
      expect(listIn.items.map((a) => a.id)).toContain(alertId);
      expect(listOut.items).toEqual([]);
      expect(
        (await get('/api/v1/series?channel=report-card&signal=cholera&place=420102', await inside(role)))
          .statusCode,
      ).toBe(200);
      expect(
        (await get('/api/v1/series?channel=report-card&signal=cholera&place=420102', await outside(role)))
          .statusCode,
      ).toBe(403);
      expect(
        (await get('/api/v1/series?channel=visit&signal=x&facility=FX-H1', await outside(role))).statusCode,
      ).toBe(403);
    },
  );

  test.each(['duty_officer', 'analyst', 'commander', 'community_worker'] as const)(
    '%s: the person record inside the jurisdiction (masked per role, one audit entry per read), none outside',
    async (role) => {
      const audited = async () =>
        (
          await db.pool.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM audit_entry WHERE target = 'report-card/C-1'",
          )
        ).rows[0]?.n ?? 0;
      const before = await audited();
      const one = await get('/api/v1/records/report-card/C-1', await inside(role));
      expect(one.statusCode).toBe(200);
      expect(one.json()).toMatchObject({ idNumber: `420***********${ID.slice(-4)}`, phone: '138****5678' });
      const list = await get('/api/v1/records/report-card', await inside(role));
      expect(list.json<{ items: unknown[] }>().items).toHaveLength(1);
      expect(await audited()).toBe(before + 2);
      expect((await get('/api/v1/records/report-card/C-1', await outside(role))).statusCode).toBe(403);
      const listOut = await get('/api/v1/records/report-card', await outside(role));
      expect(listOut.json<{ items: unknown[] }>().items).toEqual([]);
      expect(await audited()).toBe(before + 2);
    },
  );
});
