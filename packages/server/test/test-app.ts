import { loadConfig } from '../src/config.js';
import { buildApp, type App, type Platform } from '../src/http/app.js';
import type { TestDatabase } from './database.js';

/**
 * The app on a test database, configured from `env` as the process environment would configure it (Wuhan
 * unless told otherwise); `clock` for tests that move time.
 */
export async function appOn(
  db: TestDatabase,
  env: NodeJS.ProcessEnv = { SHAOBING_CITY: 'wuhan' },
  clock?: Platform['clock'],
): Promise<App> {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.message);
  return buildApp({
    config: loaded.config,
    db: { pool: db.pool, url: db.url, embedded: true, close: async () => {} },
    ...(clock ? { clock } : {}),
  });
}
