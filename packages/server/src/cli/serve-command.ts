import { CityDataError } from '../city/city-data-error.js';
import { describeCityLoad, loadCity } from '../city/load-city.js';
import { cityFolder } from '../city/read-city.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { DataDirectoryInUse } from '../db/embedded-server.js';
import { buildApp } from '../http/app.js';
import { UsageError } from './usage-error.js';

export const serveHelp = `Usage: shaobing serve

Starts the platform: the database (the embedded PostgreSQL server in SHAOBING_DATA, default ./.shaobing,
or DATABASE_URL), loads the city SHAOBING_CITY (default wuhan, from data/cities/<city>/) when its files
changed, then the HTTP API on PORT (default 8080).
`;

/** Runs the platform until SIGINT or SIGTERM; returns the exit code. */
export async function runServe(): Promise<number> {
  const loaded = loadConfig();
  if (!loaded.ok) throw new UsageError(`configuration: ${loaded.message}`);
  const { config } = loaded;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const started = Date.now();
  let db;
  try {
    db = await openDatabase(config, log);
  } catch (error) {
    if (error instanceof DataDirectoryInUse) throw new UsageError(error.message);
    throw error;
  }
  try {
    log(describeCityLoad(await loadCity(db.pool, cityFolder(config.city))));
  } catch (error) {
    await db.close();
    if (error instanceof CityDataError) throw new UsageError(`city "${config.city}": ${error.message}`);
    throw error;
  }
  const app = await buildApp({ config, db }, { logger: false });
  await app.listen({ port: config.port, host: config.host });
  const where = db.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL at DATABASE_URL';
  process.stdout.write(
    `Shaobing (哨兵) is running — ${where}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
      `  http://localhost:${config.port}/            API health: http://localhost:${config.port}/api/health\n` +
      `  API documentation: http://localhost:${config.port}/api/docs\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stdout.write('stopping…\n');
  await app.close();
  await db.close();
  return 0;
}
