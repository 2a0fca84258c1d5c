import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ScenarioCityError, type Scenario } from '@shaobing/engine';
import { UsageError } from '../cli/usage-error.js';
import { demoCity } from '../demo/demo-input.js';
import { drillDatabases, throwawayServer } from './drill-databases.js';
import { reportText } from './report-table.js';
import { DEFAULT_CEILING, runDrill } from './run-drill.js';
import { scenarioFromFile, shippedScenarios } from './scenario-source.js';

export const drillHelp = `Usage: shaobing drill --scenario FILE [--runs N] [--report OUT.json] [--live-days N] [--lead-days N] [--workers N] [--ceiling X]

Plays a scenario through the real ingest, series, detection and alert rules in accelerated time on a
throwaway database (a fresh one per run: on DATABASE_URL's server when set, else on a temporary embedded
server; the platform's own data is never touched), and reports for each outbreak the first signal and alert
per channel and fused, their delays and the level reached; false signals and alerts per district and month;
over the runs, sensitivity, specificity (per district-week) and the delays' median and 90th percentile.

  --scenario FILE  a scenario file (data/scenarios/README.md), or a shipped one by name: ${shippedScenarios().join(', ')}
  --runs N         runs, each on a fresh database, seeds derived from the scenario's (default 1)
  --report FILE    write the report as JSON (schema: src/drill/report-schema.ts)
  --live-days N    days played as records when the scenario has no outbreak (default 28)
  --lead-days N    with outbreaks, play from the Monday N days before the first one (default 14) to the
                   period's end; the days before are loaded as daily counts
  --workers N      detection worker threads (default 1)
  --ceiling X      false fused (multi-point) alerts per district and month allowed (default ${DEFAULT_CEILING});
                   a drill above it is reported, not failed

Exit code 0 when done, 2 when the scenario or an argument is wrong (the field and the reason).
`;

const whole = (name: string, value: string | undefined, fallback: number, max: number) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`--${name}: must be a whole number 1 … ${max}`);
  return n;
};

export async function runDrillCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        scenario: { type: 'string' },
        runs: { type: 'string' },
        report: { type: 'string' },
        'live-days': { type: 'string' },
        'lead-days': { type: 'string' },
        workers: { type: 'string' },
        ceiling: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!values.scenario) throw new UsageError('--scenario is required');
  const runs = whole('runs', values.runs, 1, 100);
  const liveDays = whole('live-days', values['live-days'], 28, 366);
  const leadDays = whole('lead-days', values['lead-days'], 14, 366);
  const workers = whole('workers', values.workers, 1, 64);
  const ceiling = values.ceiling === undefined ? DEFAULT_CEILING : Number(values.ceiling);
  if (!(ceiling >= 0)) throw new UsageError('--ceiling: must be a number >= 0');
  const source = scenarioFromFile(values.scenario);
  if (!source.ok)
    throw new UsageError(source.issues.map((i) => `scenario ${i.path}: ${i.reason}`).join('\n'));
  const scenario: Scenario = source.scenario;

  const log = (line: string) => process.stderr.write(`${line}\n`);
  const external = process.env.DATABASE_URL;
  const server = external ? undefined : await throwawayServer(log);
  const databases = drillDatabases(external ?? server!.adminUrl, scenario.city);
  let last = -1;
  // Ctrl-C stops the drill between two simulated days, and the finally below drops its databases and server.
  const stopping = new AbortController();
  const stop = () => stopping.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const report = await runDrill({
      scenario,
      city: await demoCity(),
      runs,
      databases,
      workers,
      liveDays,
      leadDays,
      ceiling,
      signal: stopping.signal,
      onProgress: (p) => {
        const percent = Math.floor(p.fraction * 100);
        if (percent !== last && (percent % 5 === 0 || p.phase !== 'live')) {
          last = percent;
          process.stderr.write(`drill: run ${p.run + 1}/${runs} ${p.phase} ${percent}%\n`);
        }
      },
    });
    if (values.report) writeFileSync(values.report, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(reportText(report));
    return 0;
  } catch (error) {
    if (error instanceof ScenarioCityError)
      throw new UsageError(error.issues.map((i) => `scenario ${i.path}: ${i.reason}`).join('\n'));
    throw error;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await databases.close();
    await server?.stop();
  }
}
