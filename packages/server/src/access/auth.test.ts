import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { signIn } from '../../test/sign-in.js';
import type { App } from '../http/app.js';
import { insertFixtureCity } from '../ingest/testing/fixture-city.js';
import { hashPassword } from './password.js';
import { appOn } from '../../test/test-app.js';

let db: TestDatabase;
let app: App;
let nowMs = Date.now();
const HOUR = 3_600_000;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
  app = await appOn(
    db,
    {
      SHAOBING_CITY: 'wuhan',
      SHAOBING_SCRYPT_COST: '10',
      SHAOBING_SESSION_HOURS: '2',
      SHAOBING_LOGIN_MAX_FAILURES: '3',
      SHAOBING_LOGIN_WINDOW_MINUTES: '10',
    },
    () => nowMs,
  );
  const hash = await hashPassword('correct horse battery', 10);
  for (const username of ['wang.fang', 'li.na', 'zhao.lei']) {
    await db.pool.query(
      `INSERT INTO app_user (username, role, jurisdiction_code, password_hash) VALUES ($1, 'duty_officer', '420102', $2)`,
      [username, hash],
    );
  }
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

const login = (username: string, password: string, ip = '10.0.0.1') =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress: ip,
    headers: { 'accept-language': 'en' },
  });

interface LoginAnswer {
  token: string;
  expiresAt: string;
  csrfToken: string;
  user: { username: string; role: string; jurisdiction: string };
}

describe(`login and sessions on ${inject('databaseKind')}`, () => {
  test('login answers with a token, sets an HttpOnly SameSite=Strict session cookie and a readable CSRF cookie', async () => {
    const response = await login('wang.fang', 'correct horse battery');
    expect(response.statusCode).toBe(200);
    const body = response.json<LoginAnswer>();
    expect(body.user).toMatchObject({ username: 'wang.fang', role: 'duty_officer', jurisdiction: '420102' });
    expect(Date.parse(body.expiresAt) - nowMs).toBe(2 * HOUR);
    expect(body.token).toMatch(/^sbs_/);
    const cookies = response.headers['set-cookie'] as string[];
    expect(cookies[0]).toMatch(
      /^shaobing_session=sbs_[^;]+; Path=\/; Max-Age=7200; SameSite=Strict; HttpOnly$/,
    );
    expect(cookies[1]).toMatch(/^shaobing_csrf=[^;]+; Path=\/; Max-Age=7200; SameSite=Strict$/);
    // The token is stored only as a hash.
    const stored = await db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM user_session WHERE token_hash::text LIKE '%' || $1 || '%'",
      [body.token.slice(4, 20)],
    );
    expect(stored.rows[0]?.n).toBe(0);

    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${body.token}` },
    });
    expect(me.json()).toMatchObject({ username: 'wang.fang', role: 'duty_officer' });
  });

  test('a session expires after its lifetime (injected clock)', async () => {
    const { token } = (await login('li.na', 'correct horse battery')).json<LoginAnswer>();
    const me = () =>
      app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    nowMs += 2 * HOUR - 1000;
    expect((await me()).statusCode).toBe(200);
    nowMs += 2000;
    const expired = await me();
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  test('logout ends the session and clears the cookies', async () => {
    const { token } = (await login('li.na', 'correct horse battery')).json<LoginAnswer>();
    const headers = { authorization: `Bearer ${token}` };
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
    expect(out.statusCode).toBe(204);
    expect((out.headers['set-cookie'] as string[])[0]).toContain('Max-Age=0');
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
  });

  test('wrong passwords: 401, then 429 per username after the limit, until the window has passed', async () => {
    for (let i = 0; i < 3; i++) {
      const wrong = await login('zhao.lei', 'not the password', `10.0.1.${i}`);
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toEqual({
        error: { code: 'unauthorized', message: 'Wrong username or password', issues: [] },
      });
    }
    // Even the right password is refused while the username is locked, from any address.
    const locked = await login('zhao.lei', 'correct horse battery', '10.0.2.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ error: { code: 'rate-limited', issues: [] } });
    nowMs += 10 * 60_000 + 1;
    expect((await login('zhao.lei', 'correct horse battery', '10.0.2.1')).statusCode).toBe(200);
  });

  test('per address: guessing across usernames from one address is limited too', async () => {
    for (const name of ['nobody1', 'nobody2', 'nobody3']) {
      expect((await login(name, 'guess', '10.9.9.9')).statusCode).toBe(401);
    }
    expect((await login('wang.fang', 'correct horse battery', '10.9.9.9')).statusCode).toBe(429);
    expect((await login('wang.fang', 'correct horse battery', '10.9.9.8')).statusCode).toBe(200);
  });

  test('a disabled user cannot log in, and their open sessions stop working', async () => {
    const admin = await signIn(db.pool, { role: 'admin', nowMs });
    const { token, user } = (await login('wang.fang', 'correct horse battery', '10.3.0.1')).json<
      LoginAnswer & { user: { id: number } }
    >();
    const disabled = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    expect(disabled.statusCode).toBe(200);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/v1/auth/me',
          headers: { authorization: `Bearer ${token}` },
        })
      ).statusCode,
    ).toBe(401);
    expect((await login('wang.fang', 'correct horse battery', '10.3.0.2')).statusCode).toBe(401);
  });
});
