import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { seriesFromRows, type NamedSeries, type RawRow } from '@shaobing/engine';
import type { BatchRequest, BatchResult } from '../detect/evaluate.js';
import { evaluateInParallel } from '../detect/pool.js';

/**
 * `npm run bench:detect`: series per second and peak memory for farringtonFlexible (Noufaily settings,
 * nbPlugin) and EARS C2 over the 1,000 weekly benchmark series (last 52 weeks each), on one core and on
 * all cores, against R's figures on this kind of machine (bench/README.md); then 100,000 series made by
 * resampling the 1,000. `--quick` skips the 100,000.
 */

const benchFile = new URL('../../../engine/test/reference/bench/bench_series.csv.gz', import.meta.url);
const range = [365, 416] as const;

interface Config {
  label: string;
  method: string;
  control: Record<string, unknown>;
  rSeriesPerSecond: number;
  rAlarms: number;
  /** Series evaluated untimed first: enough for the JIT to settle (a cheap method needs more of them). */
  warmUpSeries: number;
}

const configs: Config[] = [
  {
    label: 'farringtonFlexible (Noufaily, nbPlugin)',
    method: 'farringtonFlexible',
    control: {
      b: 5,
      w: 3,
      reweight: true,
      weightsThreshold: 2.58,
      trend: true,
      pThresholdTrend: 1,
      limit54: [5, 4],
      powertrans: '2/3',
      populationOffset: false,
      noPeriods: 10,
      pastWeeksNotIncluded: 26,
      alpha: 0.05,
      thresholdMethod: 'nbPlugin',
    },
    rSeriesPerSecond: 1.23,
    rAlarms: 2444,
    warmUpSeries: 100,
  },
  {
    label: 'earsC C2',
    method: 'earsC',
    control: { method: 'C2' },
    rSeriesPerSecond: 188,
    rAlarms: 4189,
    warmUpSeries: 1000,
  },
];

function loadBench(): NamedSeries[] {
  const lines = gunzipSync(readFileSync(benchFile)).toString('utf8').trim().split('\n');
  const columns = (lines[0] ?? '').split(',').map((c) => (c === 'week' ? 'epochInYear' : c));
  const rows: RawRow[] = lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
  });
  const parsed = seriesFromRows(columns, rows, 52);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
  return parsed.series;
}

/** The 1,000 series resampled (a fixed linear congruential sequence) to `count`, renamed. */
function resample(series: NamedSeries[], count: number): NamedSeries[] {
  let state = 20261126;
  return Array.from({ length: count }, (_, i) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const source = series[state % series.length]!;
    return { ...source, name: `r${i}` };
  });
}

const peakMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

async function time(
  config: Config,
  series: NamedSeries[],
  workers: number,
): Promise<{ seconds: number; cpuSeconds: number; result: BatchResult[] }> {
  const request: BatchRequest = {
    method: config.method,
    control: config.control,
    range,
    withSeries: true,
    format: false,
    series,
  };
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = await evaluateInParallel(request, workers);
  // CPU time of the whole process (worker threads included): on a shared machine the wall clock also
  // counts time the cores spent on other work, the CPU time does not.
  const cpu = process.cpuUsage(cpuStart);
  return { seconds: (performance.now() - start) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, result };
}

function summary(result: BatchResult[]): { alarms: number; evaluations: number; failures: number } {
  return result.reduce(
    (s, r) => ({
      alarms: s.alarms + r.alarms,
      evaluations: s.evaluations + r.evaluations,
      failures: s.failures + r.failures.length,
    }),
    { alarms: 0, evaluations: 0, failures: 0 },
  );
}

const fmt = (x: number, digits = 1): string => x.toLocaleString('en-US', { maximumFractionDigits: digits });

const quick = process.argv.includes('--quick');
// `--only earsC` runs one method; by default both.
const only = process.argv[process.argv.indexOf('--only') + 1];
const cores = availableParallelism();
const series = loadBench();
console.log(
  `# bench:detect — ${series.length} weekly series, t = ${range[0]}..${range[1]}, ${cores} cores, Node ${process.version}\n`,
);
console.log(
  '| method | series | workers | seconds | series/s | evaluations/s | × R series/s | CPU s | series per CPU-s (× R) | alarms (R) | peak RSS MB |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const config of configs.filter((c) => !process.argv.includes('--only') || c.method === only)) {
  // Warm up (JIT, method set-up) untimed, so that a short run measures the method and not the compiler.
  await time(config, series.slice(0, config.warmUpSeries), 1);
  const runs: [NamedSeries[], number][] = [
    [series, 1],
    [series, cores],
  ];
  if (!quick) runs.push([resample(series, 100_000), cores]);
  for (const [input, workers] of runs) {
    const { seconds, cpuSeconds, result } = await time(config, input, workers);
    const s = summary(result);
    if (s.failures > 0)
      console.log(`(${s.failures} series refused: ${result.flatMap((r) => r.failures)[0]?.reason})`);
    const perSecond = input.length / seconds;
    const rAlarms = input.length === series.length ? ` (${config.rAlarms})` : '';
    console.log(
      `| ${config.label} | ${fmt(input.length, 0)} | ${workers} | ${fmt(seconds, 2)} | ${fmt(perSecond)} | ${fmt(s.evaluations / seconds, 0)} | ${fmt(perSecond / config.rSeriesPerSecond, 0)}× | ${fmt(cpuSeconds, 2)} | ${fmt(input.length / cpuSeconds)} (${fmt(input.length / cpuSeconds / config.rSeriesPerSecond, 0)}×) | ${s.alarms}${rAlarms} | ${peakMb()} |`,
    );
  }
}
