import { CityDataError } from '../city/city-data-error.js';
import { describeCityLoad, loadCity } from '../city/load-city.js';
import { cityFolder } from '../city/read-city.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { DataDirectoryInUse } from '../db/embedded-server.js';
import { demoCity, demoScenario } from '../demo/demo-input.js';
import { demoLoaded, loadDemo } from '../demo/load-demo.js';
import { buildApp } from '../http/app.js';
import { startHl7Listener } from '../mllp/hl7-listener.js';
import { startDetection } from '../signals/scheduler.js';
import { startAlertService } from '../alerts/service.js';
import { loadVerificationRules, startResponseService } from '../response/service.js';
import { UsageError } from './usage-error.js';
import { describeDemoUsers, ensureDemoUsers } from '../access/demo-users.js';
import { administratorHint } from '../access/first-admin.js';

export const serveHelp = `Usage: shaobing serve

Starts the platform: the database (the embedded PostgreSQL server in SHAOBING_DATA, default ./.shaobing,
or DATABASE_URL), loads the city SHAOBING_CITY (default wuhan, from data/cities/<city>/) when its files
changed, then the HTTP API on PORT (default 8080) and HL7 v2 over MLLP on SHAOBING_MLLP_PORT (default
2575, 0 for off; SHAOBING_MLLP_ALLOW and SHAOBING_MLLP_TLS_* in src/config.ts). On the first start
with the Wuhan city it loads the demo (data/scenarios/demo.json, about a minute the first time; SHAOBING_DEMO=off for none).
`;

/** Runs the platform until SIGINT or SIGTERM; returns the exit code. */
export async function runServe(): Promise<number> {
  const loaded = loadConfig();
  if (!loaded.ok) throw new UsageError(`configuration: ${loaded.message}`);
  const { config } = loaded;
  const verifyRules = loadVerificationRules();
  if (!verifyRules.ok) throw new UsageError(`configuration: ${verifyRules.message}`);
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
  // Demo mode: one user per role (src/access/demo-users.ts); outside it, no user and no default password.
  const demoUsers = config.demo
    ? await ensureDemoUsers(db.pool, {
        city: config.city,
        password: config.access.demoPassword,
        scryptCost: config.access.scryptCost,
      })
    : undefined;
  const app = await buildApp({ config, db }, { logger: false });
  await app.listen({ port: config.port, host: config.host });
  // Before the demo loads (minutes on a first start), so that the dashboard can be tried meanwhile.
  if (demoUsers) process.stdout.write(describeDemoUsers(demoUsers));
  const settings = config.mllp;
  const mllp =
    config.mllpPort === 0
      ? undefined
      : await startHl7Listener({
          port: config.mllpPort,
          host: config.host,
          settings,
          pool: db.pool,
          log,
        }).catch(async (error: Error) => {
          await app.close();
          await db.close();
          throw new UsageError(`HL7 MLLP listener on port ${config.mllpPort}: ${error.message}`);
        });
  // Alert rules on every committed batch and detection run, and the webhook sender; see src/alerts/.
  const alerts = startAlertService({ pool: db.pool, log });
  // Every new alert assigned for verification; reminders, escalations and overdue tasks each minute (src/response/).
  const response = startResponseService({ pool: db.pool, log, rules: verifyRules.rules });
  if (config.demo && config.city === 'wuhan') {
    // The HTTP API answers meanwhile; detection starts once the demo's series are in.
    const scenario = demoScenario();
    if (!(await demoLoaded(db.pool, scenario.name)))
      await loadDemo(db.pool, { scenario, city: await demoCity() }).catch((error: Error) =>
        log(`demo: not loaded — ${error.message}`),
      );
  }
  // Detection runs after ingest (debounced), every 15 minutes and daily; see src/signals/scheduler.ts.
  const detection = startDetection(db.pool, { log });
  const where = db.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL at DATABASE_URL';
  process.stdout.write(
    `Shaobing (哨兵) is running — ${where}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
      `  http://localhost:${config.port}/            API health: http://localhost:${config.port}/api/health\n` +
      `  API documentation: http://localhost:${config.port}/api/docs\n` +
      `  HL7 v2 over MLLP${settings.tls ? ' (TLS)' : ''}: ${mllp ? `port ${mllp.port}` : 'off'}\n` +
      (demoUsers
        ? `  Demo users: listed above; password: ${demoUsers.password}\n`
        : await administratorHint(db.pool)),
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stdout.write('stopping…\n');
  await mllp?.close();
  await app.close();
  await detection.stop();
  await response.stop();
  await alerts.stop();
  await db.close();
  return 0;
}
