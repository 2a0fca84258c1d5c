import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { signIn, type SignedIn } from '../../test/sign-in.js';
import type { App } from '../http/app.js';
import { insertFixtureCity } from '../ingest/testing/fixture-city.js';
import { appOn } from '../../test/test-app.js';

/**
 * Every text field of the access API with SQL-injection strings and with oversized values: the answer is
 * a clear 400 naming the field, or (free text, filters) the value taken literally; nothing is executed.
 */

let db: TestDatabase;
let app: App;
let admin: SignedIn;
let analyst: SignedIn;
let userId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
  app = await appOn(db, {
    SHAOBING_CITY: 'wuhan',
    SHAOBING_SCRYPT_COST: '10',
    SHAOBING_LOGIN_MAX_FAILURES: '1000',
  });
  admin = await signIn(db.pool, { role: 'admin' });
  analyst = await signIn(db.pool, { role: 'analyst' });
  userId = (await signIn(db.pool, { role: 'volunteer' })).userId;
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE app_user; --",
  "x'); DELETE FROM audit_entry; --",
  '1 UNION SELECT password_hash FROM app_user',
  '%',
  '\\',
];
const HUGE = 'a'.repeat(20_000);

type Field = readonly [
  name: string,
  method: 'GET' | 'POST' | 'PATCH',
  url: (v: string) => string,
  body: ((v: string) => object) | undefined,
  who: 'admin' | 'analyst' | 'anonymous',
];

const base = {
  username: 'new.user',
  role: 'analyst',
  jurisdiction: '4201',
  password: 'long enough password',
};
const FIELDS: readonly Field[] = [
  [
    'login username',
    'POST',
    () => '/api/v1/auth/login',
    (v) => ({ username: v, password: 'whatever' }),
    'anonymous',
  ],
  [
    'login password',
    'POST',
    () => '/api/v1/auth/login',
    (v) => ({ username: 'admin', password: v }),
    'anonymous',
  ],
  ['user username', 'POST', () => '/api/v1/users', (v) => ({ ...base, username: v }), 'admin'],
  ['user role', 'POST', () => '/api/v1/users', (v) => ({ ...base, role: v }), 'admin'],
  ['user jurisdiction', 'POST', () => '/api/v1/users', (v) => ({ ...base, jurisdiction: v }), 'admin'],
  ['user organisationId', 'POST', () => '/api/v1/users', (v) => ({ ...base, organisationId: v }), 'admin'],
  ['user facilityId', 'POST', () => '/api/v1/users', (v) => ({ ...base, facilityId: v }), 'admin'],
  ['user password', 'POST', () => '/api/v1/users', (v) => ({ ...base, password: v }), 'admin'],
  ['change role', 'PATCH', () => `/api/v1/users/${userId}`, (v) => ({ role: v }), 'admin'],
  ['change jurisdiction', 'PATCH', () => `/api/v1/users/${userId}`, (v) => ({ jurisdiction: v }), 'admin'],
  ['reset password', 'POST', () => `/api/v1/users/${userId}/password`, (v) => ({ password: v }), 'admin'],
  ['user id', 'PATCH', (v) => `/api/v1/users/${encodeURIComponent(v)}`, () => ({ role: 'analyst' }), 'admin'],
  ['users role filter', 'GET', (v) => `/api/v1/users?role=${encodeURIComponent(v)}`, undefined, 'admin'],
  ['users cursor', 'GET', (v) => `/api/v1/users?cursor=${encodeURIComponent(v)}`, undefined, 'admin'],
  ['token name', 'POST', () => '/api/v1/tokens', (v) => ({ name: v, facilityId: 'FX-H1' }), 'admin'],
  ['token facility', 'POST', () => '/api/v1/tokens', (v) => ({ name: 'n', facilityId: v }), 'admin'],
  [
    'organisation id',
    'POST',
    () => '/api/v1/organisations',
    (v) => ({ id: v, kind: 'hotline', name: 'n', jurisdiction: '4201' }),
    'admin',
  ],
  [
    'organisation name',
    'POST',
    () => '/api/v1/organisations',
    (v) => ({
      id: `o${Math.random().toString(36).slice(2, 8)}`,
      kind: 'hotline',
      name: v,
      jurisdiction: '4201',
    }),
    'admin',
  ],
  ['audit actor', 'GET', (v) => `/api/v1/audit?actor=${encodeURIComponent(v)}`, undefined, 'admin'],
  ['audit action', 'GET', (v) => `/api/v1/audit?action=${encodeURIComponent(v)}`, undefined, 'admin'],
  ['audit target', 'GET', (v) => `/api/v1/audit?target=${encodeURIComponent(v)}`, undefined, 'admin'],
  ['card id', 'GET', (v) => `/api/v1/records/report-card/${encodeURIComponent(v)}`, undefined, 'analyst'],
  [
    'card purpose',
    'GET',
    (v) => `/api/v1/records/report-card/C-1?purpose=${encodeURIComponent(v)}`,
    undefined,
    'analyst',
  ],
  [
    'list place',
    'GET',
    (v) => `/api/v1/records/report-card?place=${encodeURIComponent(v)}`,
    undefined,
    'analyst',
  ],
  [
    'list from',
    'GET',
    (v) => `/api/v1/records/report-card?from=${encodeURIComponent(v)}`,
    undefined,
    'analyst',
  ],
  [
    'list purpose',
    'GET',
    (v) => `/api/v1/records/report-card?purpose=${encodeURIComponent(v)}`,
    undefined,
    'analyst',
  ],
  [
    'list cursor',
    'GET',
    (v) => `/api/v1/records/report-card?cursor=${encodeURIComponent(v)}`,
    undefined,
    'analyst',
  ],
];

const send = (field: Field, value: string) => {
  const [, method, url, body, who] = field;
  const headers = who === 'admin' ? admin.headers : who === 'analyst' ? analyst.headers : {};
  return app.inject({
    method,
    url: url(value),
    headers: { ...headers, 'accept-language': 'en' },
    ...(body === undefined ? {} : { payload: body(value) }),
  });
};

const counts = async () =>
  (
    await db.pool.query<{ users: number; audit: number }>(
      'SELECT (SELECT count(*)::int FROM app_user) AS users, (SELECT count(*)::int FROM audit_entry) AS audit',
    )
  ).rows[0];

describe(`hostile input on the access API on ${inject('databaseKind')}`, () => {
  test.each(FIELDS)('%s: SQL-injection strings are refused or taken literally', async (...field) => {
    for (const value of INJECTIONS) {
      const before = await counts();
      const response = await send(field, value);
      const status = response.statusCode;
      if (status >= 400) {
        expect([400, 401, 404, 409], `${value} → ${response.body}`).toContain(status);
        expect(response.json()).toMatchObject({ error: { code: expect.any(String) as unknown } });
      }
      // Never a server error, never a password hash, and the tables are whole.
      expect(response.body).not.toContain('scrypt$');
      const after = await counts();
      expect(after?.users).toBeGreaterThanOrEqual(before?.users ?? 0);
      expect(after?.audit).toBeGreaterThanOrEqual(before?.audit ?? 0);
    }
    // Taken literally: a token named with an injection string is stored as that string.
    if (field[0] === 'token name') {
      const stored = await db.pool.query('SELECT 1 FROM api_token WHERE name = $1', [INJECTIONS[1]]);
      expect(stored.rowCount).toBe(1);
    }
  });

  test.each(FIELDS)('%s: an oversized value is a 400 naming the field', async (...field) => {
    const response = await send(field, HUGE);
    // A path parameter longer than the router takes (Fastify's maxParamLength) is a 400 of ours too.
    expect([400, 404]).toContain(response.statusCode);
    expect(response.json()).toMatchObject({ error: { code: expect.any(String) as unknown } });
    if (response.statusCode === 400) {
      const body = response.json<{ error: { code: string; issues: { field: string }[] } }>();
      expect(body.error.code).toBe('invalid');
      expect(body.error.issues.length + (field[0].includes('cursor') ? 1 : 0)).toBeGreaterThan(0);
    }
  });

  test('the tables the injections named are all still there', async () => {
    const tables = await db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_tables WHERE tablename IN ('app_user', 'audit_entry', 'api_token', 'user_session')",
    );
    expect(tables.rows[0]?.n).toBe(4);
    const verify = await app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: admin.headers });
    expect(verify.json()).toMatchObject({ ok: true });
  });
});
