import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ALERT_CONFIG } from '../alerts/config/default-config.js';
import { loadCity } from '../city/load-city.js';
import { cityFolder } from '../city/read-city.js';
import { createPool } from '../db/database.js';
import { freshDatabase } from './bench-database.js';
import { startEmbeddedServer } from '../db/embedded-server.js';
import { migrate } from '../db/migrate.js';
import { openEvent } from '../events/event-store.js';
import { runDueWork } from '../response/due-work.js';
import { inTransaction } from '../response/transaction.js';
import { pushToCommunities } from '../tasks/task-store.js';
import { DEFAULT_VERIFICATION_RULES } from '../verification/deadline-rules.js';

/**
 * `npm run bench:response`: the response workflow's tick under load, on the embedded PostgreSQL with the Wuhan
 * city and an organisation for every district and community. Figures: assigning verifications to N alerts
 * the tick found without one (as after a restart), the tick that sends their reminders and escalations when
 * all fall due at once, a city-wide push (群防群控, one task per community) and the tick that escalates all of
 * its tasks when overdue. `--alerts N` (default 2000).
 */

const args = process.argv.slice(2);
const alertsArg = args.indexOf('--alerts');
const ALERTS = alertsArg >= 0 ? Number(args[alertsArg + 1]) : 2000;
const DATABASE = 'shaobing_bench_response';
const HOUR = 3_600_000;

async function main() {
  const folder = mkdtempSync(join(tmpdir(), 'shaobing-bench-response-'));
  chmodSync(folder, 0o755);
  const server = await startEmbeddedServer(folder, () => {});
  const pool = createPool(await freshDatabase(server.url('postgres'), DATABASE), 10);
  const lines: string[] = [];
  const time = async <T>(name: string, work: () => Promise<T>, count: (result: T) => number) => {
    const started = performance.now();
    const result = await work();
    const ms = performance.now() - started;
    const n = count(result);
    lines.push(
      `${name.padEnd(52)} ${String(n).padStart(6)} items  ${(ms / 1000).toFixed(2).padStart(7)} s  ` +
        `${(ms / Math.max(1, n)).toFixed(2).padStart(6)} ms each`,
    );
    return result;
  };
  try {
    await migrate(pool);
    await loadCity(pool, cityFolder('wuhan'));
    await pool.query(
      `INSERT INTO organisation (id, kind, name, jurisdiction_code)
       SELECT 'bench-' || code, CASE level WHEN 'city' THEN 'city_cdc' WHEN 'district' THEN 'district_cdc'
                                           ELSE 'community' END, name, code
         FROM place WHERE level IN ('city', 'district', 'community')`,
    );
    // Open alerts with no verification, spread over the communities, half of them class A (2 h deadlines).
    await pool.query(
      `INSERT INTO alert (family, place_code, kind, level, channels, rule_ids, period_start, period_end,
                          reason_zh, reason_en, rules_version)
       SELECT CASE WHEN i % 2 = 0 THEN 'cholera' ELSE 'bench-' || i END, p.code, 'single-case', 'red',
              ARRAY['report-card'], ARRAY['class-a'], '2026-11-20', '2026-11-20', 'bench', 'bench', 'bench'
         FROM generate_series(1, $1) AS i
         JOIN LATERAL (SELECT code FROM place WHERE level = 'community' OFFSET (i * 7) % 3000 LIMIT 1) p ON true`,
      [ALERTS],
    );
    const context = { rules: DEFAULT_VERIFICATION_RULES, alertConfig: DEFAULT_ALERT_CONFIG };
    const start = new Date('2026-11-26T02:00:00Z');
    let assigned = 0;
    await time(
      'tick: assign verifications (catch-up, 500 per tick)',
      async () => {
        for (;;) {
          const work = await runDueWork(pool, start, context);
          assigned += work.assigned;
          if (work.assigned === 0) return assigned;
        }
      },
      (n) => n,
    );
    await time(
      'tick: every reminder and escalation due at once',
      () => runDueWork(pool, new Date(start.getTime() + 25 * HOUR), context),
      (w) => w.reminders + w.escalations,
    );
    const eventId = await inTransaction(pool, (c) =>
      openEvent(c, {
        type: 'cholera',
        title: 'bench',
        placeCode: '4201',
        alertIds: [],
        actor: null,
        now: start,
      }),
    );
    const pushed = await time(
      'push one task to every community of the city',
      () =>
        inTransaction(pool, (c) =>
          pushToCommunities(
            c,
            eventId,
            {
              kind: 'door-to-door-screening',
              title: 'bench',
              details: '',
              placeCode: '4201',
              dueAt: new Date(start.getTime() + 26 * HOUR),
            },
            { userId: 1, orgId: null, commands: true },
            start,
          ),
        ),
      (p) => p.taskIds.length,
    );
    void pushed;
    await time(
      'tick: escalate every task of the push, overdue at once',
      () => runDueWork(pool, new Date(start.getTime() + 27 * HOUR), context),
      (w) => w.tasksEscalated,
    );
    process.stdout.write(
      `\nShaobing response benchmark — embedded PostgreSQL, Wuhan city, ${availableParallelism()} CPUs, Node ${process.version}\n\n` +
        `${lines.join('\n')}\n\n`,
    );
  } finally {
    await pool.end();
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:response failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
