import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { apiTokenHeaders, signIn, type SignedIn } from '../../test/sign-in.js';
import type { App } from '../http/app.js';
import { insertFixtureCity } from '../ingest/testing/fixture-city.js';
import { appOn } from '../../test/test-app.js';

let db: TestDatabase;
let app: App;
let admin: SignedIn;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertFixtureCity(db.pool);
  app = await appOn(db, { SHAOBING_CITY: 'wuhan', SHAOBING_SCRYPT_COST: '10' });
  admin = await signIn(db.pool, { role: 'admin', username: 'root.admin' });
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

const call = async <T = Record<string, unknown>>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  headers: Record<string, string> = admin.headers,
) => {
  const response = await app.inject({
    method,
    url,
    headers: { ...headers, 'accept-language': 'en' },
    ...(payload === undefined ? {} : { payload }),
  });
  return {
    status: response.statusCode,
    body: response.body === '' ? ({} as T) : response.json<T>(),
    raw: response.body,
  };
};

interface Entry {
  seq: number;
  actorUsername: string;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

describe(`users, tokens and the audit log on ${inject('databaseKind')}`, () => {
  test('an administrator creates a user who can then log in; role and jurisdiction change, all audited', async () => {
    const created = await call<{ id: number; username: string }>('POST', '/api/v1/users', {
      username: 'chen.jing',
      role: 'duty_officer',
      jurisdiction: '420102',
      password: 'a long enough password',
    });
    expect(created.status).toBe(201);
    expect(created.raw).not.toContain('password');
    const login = await call(
      'POST',
      '/api/v1/auth/login',
      { username: 'chen.jing', password: 'a long enough password' },
      {},
    );
    expect(login.status).toBe(200);
    const changed = await call('PATCH', `/api/v1/users/${created.body.id}`, {
      role: 'analyst',
      jurisdiction: '420103',
    });
    expect(changed.body).toMatchObject({ role: 'analyst', jurisdiction: '420103' });
    const reset = await call('POST', `/api/v1/users/${created.body.id}/password`, {
      password: 'another long password',
    });
    expect(reset.status).toBe(204);
    const log = await call<{ items: Entry[] }>('GET', `/api/v1/audit?target=user/${created.body.id}`);
    expect(log.body.items.map((e) => [e.action, e.actorUsername])).toEqual([
      ['user.password-reset', 'root.admin'],
      ['user.change', 'root.admin'],
      ['user.create', 'root.admin'],
    ]);
    expect(log.body.items[1]?.detail).toEqual({
      role: 'duty_officer → analyst',
      jurisdiction: '420102 → 420103',
    });
    expect(log.raw).not.toContain('another long password');
  });

  test.each([
    [
      { username: 'Bad Name', role: 'analyst', jurisdiction: '4201', password: 'long enough pw' },
      'body.username',
    ],
    [{ username: 'x.y', role: 'king', jurisdiction: '4201', password: 'long enough pw' }, 'body.role'],
    [
      { username: 'x.y', role: 'analyst', jurisdiction: '999999', password: 'long enough pw' },
      'body.jurisdiction',
    ],
    [{ username: 'x.y', role: 'analyst', jurisdiction: '4201', password: 'short' }, 'body.password'],
    [
      {
        username: 'x.y',
        role: 'facility_reporter',
        jurisdiction: '4201',
        password: 'long enough pw',
        facilityId: 'NOPE',
      },
      'body.facilityId',
    ],
  ])('a bad user is refused naming the field: %j', async (payload, field) => {
    const response = await call<{ error: { code: string; issues: { field: string }[] } }>(
      'POST',
      '/api/v1/users',
      payload,
    );
    expect(response.status).toBe(400);
    expect(response.body.error.issues.map((i) => i.field)).toContain(field);
  });

  test('organisations: created with a jurisdiction that exists, listed, audited', async () => {
    const created = await call('POST', '/api/v1/organisations', {
      id: 'jiangan-cdc',
      kind: 'district_cdc',
      name: '江岸区疾控中心',
      jurisdiction: '420102',
    });
    expect(created.status).toBe(201);
    const again = await call('POST', '/api/v1/organisations', {
      id: 'jiangan-cdc',
      kind: 'district_cdc',
      name: 'x',
      jurisdiction: '420102',
    });
    expect(again.status).toBe(409);
    const nowhere = await call<{ error: { issues: { field: string }[] } }>('POST', '/api/v1/organisations', {
      id: 'nowhere',
      kind: 'hotline',
      name: 'x',
      jurisdiction: '429999',
    });
    expect(nowhere.body.error.issues.map((i) => i.field)).toEqual(['body.jurisdiction']);
    const list = await call<{ id: string }[]>('GET', '/api/v1/organisations');
    expect(list.body.map((o) => o.id)).toEqual(['jiangan-cdc']);
    const log = await call<{ items: Entry[] }>('GET', '/api/v1/audit?target=organisation/jiangan-cdc');
    expect(log.body.items.map((e) => e.action)).toEqual(['organisation.create']);
  });

  test('a username is unique: 409', async () => {
    const payload = {
      username: 'dup.user',
      role: 'analyst',
      jurisdiction: '4201',
      password: 'long enough pw',
    };
    expect((await call('POST', '/api/v1/users', payload)).status).toBe(201);
    expect((await call('POST', '/api/v1/users', payload)).status).toBe(409);
  });

  test('an API token is shown once, stored hashed, ingests for its facility only, reads nothing, and stops when revoked', async () => {
    const created = await call<{ id: number; token: string; facilityId: string }>('POST', '/api/v1/tokens', {
      name: 'FX-H1 HIS',
      facilityId: 'FX-H1',
    });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^sbt_/);
    const listed = await call('GET', '/api/v1/tokens');
    expect(listed.raw).not.toContain(created.body.token);
    const headers = { authorization: `Bearer ${created.body.token}`, 'content-type': 'application/json' };
    const visit = (id: string, facility: string) => ({
      visitId: id,
      facility,
      time: '2024-03-01T09:00:00',
      chiefComplaint: '发热',
    });
    const ingest = await app.inject({
      method: 'POST',
      url: '/api/v1/ingest/visit',
      headers: { ...headers, 'accept-language': 'en' },
      payload: JSON.stringify([visit('T1', 'FX-H1'), visit('T2', 'FX-FC1'), visit('T3', 'FX-H1')]),
    });
    expect(ingest.statusCode).toBe(200);
    expect(ingest.json()).toMatchObject({
      received: 3,
      accepted: 2,
      rejected: [
        {
          row: 2,
          field: 'facility',
          reason: 'only records of your facility FX-H1 are accepted; this one is of FX-FC1',
        },
      ],
    });
    for (const url of [
      '/api/v1/alerts',
      '/api/v1/places',
      '/api/v1/auth/me',
      '/api/v1/records/report-card',
    ]) {
      const read = await app.inject({ method: 'GET', url, headers });
      expect(read.statusCode, url).toBe(403);
    }
    expect((await call('DELETE', `/api/v1/tokens/${created.body.id}`)).status).toBe(204);
    const after = await app.inject({ method: 'POST', url: '/api/v1/ingest/visit', headers, payload: '[]' });
    expect(after.statusCode).toBe(401);
    const log = await call<{ items: Entry[] }>('GET', `/api/v1/audit?target=api-token/${created.body.id}`);
    expect(log.body.items.map((e) => e.action)).toEqual(['token.revoke', 'token.create']);
  });

  test('a facility reporter user is bound to its facility like a token', async () => {
    const reporter = await signIn(db.pool, {
      role: 'facility_reporter',
      facilityId: 'FX-P1',
      jurisdiction: '420102003001',
    });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/ingest/pharmacy',
      headers: { ...reporter.headers, 'content-type': 'text/csv', 'accept-language': 'en' },
      payload:
        'store,date,drug_class,units\nFX-P1,2024-03-01,antipyretic,5\nFX-H1,2024-03-01,antipyretic,5\n',
    });
    expect(response.json()).toMatchObject({ accepted: 1, rejected: [{ row: 2, field: 'store' }] });
    const other = await apiTokenHeaders(db.pool, 'FX-S1');
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/series?channel=visit&signal=x', headers: other }))
        .statusCode,
    ).toBe(403);
  });

  test('the audit log is append-only: UPDATE, DELETE and TRUNCATE raise, even for the owner', async () => {
    await expect(db.pool.query("UPDATE audit_entry SET purpose = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.pool.query('DELETE FROM audit_entry')).rejects.toThrow(/append-only/);
    await expect(db.pool.query('TRUNCATE audit_entry')).rejects.toThrow(/append-only/);
  });

  test('verify walks the chain: whole, then the first entry changed behind the trigger is reported', async () => {
    const whole = await call<{ ok: boolean; entries: number; firstBroken: unknown }>(
      'GET',
      '/api/v1/audit/verify',
    );
    expect(whole.body.ok).toBe(true);
    expect(whole.body.entries).toBe(7); // 3 user changes, an organisation, 1 more user, a token made and revoked
    expect(whole.body.firstBroken).toBeNull();
    // Someone with the power to disable triggers edits one entry: the chain shows it.
    const client = await db.pool.connect();
    try {
      await client.query('ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_delete');
      await client.query("UPDATE audit_entry SET actor_username = 'someone.else' WHERE seq = 3");
      await client.query('ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update_delete');
    } finally {
      client.release();
    }
    const broken = await call<{ ok: boolean; entries: number; firstBroken: unknown }>(
      'GET',
      '/api/v1/audit/verify',
    );
    expect(broken.body).toEqual({ ok: false, entries: 2, firstBroken: { seq: 3, reason: 'hash' } });
  });

  test('only administrators see the audit log and manage users', async () => {
    const analyst = await signIn(db.pool, { role: 'analyst' });
    for (const [method, url] of [
      ['GET', '/api/v1/audit'],
      ['GET', '/api/v1/audit/verify'],
      ['GET', '/api/v1/users'],
      ['GET', '/api/v1/tokens'],
    ] as const) {
      expect((await call(method, url, undefined, analyst.headers)).status).toBe(403);
    }
  });
});
