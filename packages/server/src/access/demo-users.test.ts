import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { loadCity } from '../city/load-city.js';
import { cityFolder } from '../city/read-city.js';
import type { App } from '../http/app.js';
import { describeDemoUsers, districtSlug, ensureDemoUsers, type DemoUsers } from './demo-users.js';
import { appOn } from '../../test/test-app.js';

let db: TestDatabase;
let app: App;
let demo: DemoUsers;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadCity(db.pool, cityFolder('wuhan'));
  // A real user who happens to have a demo name is never touched.
  await db.pool.query(
    "INSERT INTO app_user (username, role, jurisdiction_code) VALUES ('hotline.xinzhou', 'analyst', '420117')",
  );
  demo = await ensureDemoUsers(db.pool, { city: 'wuhan', password: 'demo-password-1', scryptCost: 10 });
  app = await appOn(db);
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

const login = (username: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

describe(`demo users on ${inject('databaseKind')}`, () => {
  test('district names from the city data, toneless, without apostrophes', () => {
    expect(districtSlug("Jiang'an")).toBe('jiangan');
    expect(districtSlug('Dongxihu District')).toBe('dongxihu');
    expect(districtSlug('Hongshan')).toBe('hongshan');
  });

  test('one user per role: city-wide by role name, the others per district of Wuhan', () => {
    const names = demo.users.map((u) => u.username);
    expect(names.slice(0, 4)).toEqual(['commander', 'analyst', 'admin', 'public']);
    const districts = [
      'jiangan',
      'jianghan',
      'qiaokou',
      'hanyang',
      'wuchang',
      'qingshan',
      'hongshan',
      'dongxihu',
      'hannan',
      'caidian',
      'jiangxia',
      'huangpi',
      'xinzhou',
    ];
    for (const d of districts) {
      for (const prefix of ['duty', 'community', 'volunteer', 'supply', 'ems', 'hotline']) {
        expect(names).toContain(`${prefix}.${d}`);
      }
    }
    expect(names.filter((n) => n.startsWith('duty.'))).toHaveLength(13);
    const roles = new Set(demo.users.map((u) => u.role));
    expect(roles.size).toBe(11);
  });

  test('reporters are bound to a facility of their district; community workers to its first community', async () => {
    const reporter = demo.users.find((u) => u.username === 'reporter.hongshan');
    const facility = await db.pool.query<{ place_code: string }>(
      'SELECT place_code FROM facility WHERE id = $1',
      [reporter?.facilityId],
    );
    expect(facility.rows[0]?.place_code.startsWith('420111')).toBe(true);
    const worker = demo.users.find((u) => u.username === 'community.jiangan');
    const first = await db.pool.query<{ code: string }>(
      "SELECT code FROM place WHERE level = 'community' AND code LIKE '420102%' ORDER BY code LIMIT 1",
    );
    expect(worker?.jurisdiction).toBe(first.rows[0]?.code);
    expect(worker?.note).toContain(first.rows[0]?.code ?? '?');
  });

  test('they log in with the demo password; the real user of a demo name keeps its own settings', async () => {
    const duty = await login('duty.jiangan', 'demo-password-1');
    expect(duty.statusCode).toBe(200);
    expect(duty.json()).toMatchObject({ user: { role: 'duty_officer', jurisdiction: '420102' } });
    expect((await login('hotline.xinzhou', 'demo-password-1')).statusCode).toBe(401);
    const kept = await db.pool.query('SELECT role FROM app_user WHERE username = $1', ['hotline.xinzhou']);
    expect(kept.rows[0]).toEqual({ role: 'analyst' });
  });

  test('again without a password: a new one is generated and printed, the old one stops working', async () => {
    const again = await ensureDemoUsers(db.pool, { city: 'wuhan', password: undefined, scryptCost: 10 });
    expect(again.generated).toBe(true);
    expect(again.password).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(again.users).toHaveLength(demo.users.length);
    expect((await login('analyst', again.password)).statusCode).toBe(200);
    expect((await login('analyst', 'demo-password-1')).statusCode).toBe(401);
    const printed = describeDemoUsers(again);
    expect(printed).toContain(again.password);
    expect(printed).toContain('duty.dongxihu');
  });
});
