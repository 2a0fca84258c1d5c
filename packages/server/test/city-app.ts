import { afterAll, beforeAll } from 'vitest';
import { loadCity } from '../src/city/load-city.js';
import { cityFolder } from '../src/city/read-city.js';
import type { App } from '../src/http/app.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import type { Role } from '../src/access/roles.js';
import { signIn } from './sign-in.js';
import { appOn } from './test-app.js';

/** The API's error body, as the tests read it. */
export interface ErrorBody {
  error: { code: string; message: string; issues: Array<{ field: string; reason: string }> };
}

/** A page of a list endpoint. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/**
 * For a test file of the city API: a fresh database with Wuhan loaded and the app on it, set up in
 * `beforeAll` and taken down in `afterAll`, its requests signed in as `role` (an analyst unless told otherwise).
 * `get` answers in English unless told otherwise; `current()` gives the database, app and headers for tests
 * that need more than `get`.
 */
export function cityApiHarness({ role = 'analyst' }: { role?: Role } = {}) {
  let db: TestDatabase;
  let app: App;
  let auth: Readonly<Record<string, string>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadCity(db.pool, cityFolder('wuhan'));
    app = await appOn(db);
    auth = (await signIn(db.pool, { role })).headers;
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });
  const get = async <T = ErrorBody>(url: string, language = 'en') => {
    const response = await app.inject({
      method: 'GET',
      url,
      headers: { 'accept-language': language, ...auth },
    });
    return { status: response.statusCode, body: response.json<T>() };
  };
  return { get, current: () => ({ db, app, auth }) };
}
