import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { signIn } from '../../test/sign-in.js';
import type { App } from '../http/app.js';
import { insertFixtureCity } from '../ingest/testing/fixture-city.js';
import { registeredRoutes } from './guard.js';
import { appOn } from '../../test/test-app.js';

let db: TestDatabase;
let app: App;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
  app = await appOn(db, { SHAOBING_CITY: 'wuhan', SHAOBING_SCRYPT_COST: '10' });
  // A route someone forgot to declare: the guard must refuse it.
  app.get('/api/v1/forgotten', async () => ({ secret: 'leaked' }));
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

describe(`the access guard on ${inject('databaseKind')}`, () => {
  test('a route without an access declaration is refused, even to an administrator', async () => {
    const admin = await signIn(db.pool, { role: 'admin' });
    const response = await app.inject({ method: 'GET', url: '/api/v1/forgotten', headers: admin.headers });
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain('leaked');
    expect(
      registeredRoutes(app)
        .filter((r) => r.access === undefined)
        .map((r) => r.url),
    ).toEqual([
      '/api/v1/forgotten',
      '/api/v1/forgotten', // and its HEAD twin
    ]);
  });

  test('no credentials: 401; unknown token: 401; wrong role: 403 in the standard error shape', async () => {
    const none = await app.inject({ method: 'GET', url: '/api/v1/alerts' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({
      error: { code: 'unauthorized', message: expect.any(String) as unknown, issues: [] },
    });
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/v1/alerts',
      headers: { authorization: 'Bearer sbs_not-a-real-session-token' },
    });
    expect(unknown.statusCode).toBe(401);
    const volunteer = await signIn(db.pool, { role: 'volunteer' });
    const refused = await app.inject({
      method: 'GET',
      url: '/api/v1/alerts',
      headers: { ...volunteer.headers, 'accept-language': 'en' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      error: { code: 'forbidden', message: 'The role volunteer may not use this route' },
    });
  });

  test('public routes answer without credentials', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/public/cap' })).statusCode).toBe(200);
  });

  test('a cookie session needs the X-CSRF-Token header on unsafe methods; a Bearer token does not', async () => {
    const analyst = await signIn(db.pool, { role: 'analyst' });
    const run = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/v1/detection/run', headers, payload: { scope: 'changed' } });
    const { cookie } = analyst.cookieHeaders;
    const withoutHeader = await run({ cookie: cookie ?? '' });
    expect(withoutHeader.statusCode).toBe(403);
    expect(withoutHeader.json<{ error: { code: string } }>().error.code).toBe('forbidden');
    const wrongHeader = await run({ cookie: cookie ?? '', 'x-csrf-token': 'guess' });
    expect(wrongHeader.statusCode).toBe(403);
    expect((await run({ ...analyst.cookieHeaders })).statusCode).toBe(200);
    expect((await run({ ...analyst.headers })).statusCode).toBe(200);
    // Reads need no CSRF token.
    const read = await app.inject({
      method: 'GET',
      url: '/api/v1/detection/runs',
      headers: { cookie: cookie ?? '' },
    });
    expect(read.statusCode).toBe(200);
  });
});
