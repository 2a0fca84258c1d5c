import { type CityInput, type Scenario } from '@shaobing/engine';
import { dateOfDayNumber } from '../channels/time.js';
import { createEvaluator } from '../signals/evaluate-pool.js';
import type { DrillDatabases } from './drill-databases.js';
import { playRun } from './play-run.js';
import { drillReportSchema, type DrillReport, type OutbreakResult } from './report-schema.js';
import { ATTRIBUTION, scoreRun, type ScoredRun } from './score-run.js';
import { summarise } from './summarise.js';

/**
 * A drill (应急演练): the scenario played `runs` times, each on a fresh database with its own seed (the
 * scenario's for the first run, derived from it for the others), scored against the ground truth, and the
 * report over all runs. Progress goes to `onProgress` as a fraction of all live days played.
 */

export interface DrillOptions {
  readonly scenario: Scenario;
  readonly city: CityInput;
  readonly runs: number;
  readonly databases: DrillDatabases;
  /** Detection worker threads (default 1: a drill in a serving platform must leave it a core). */
  readonly workers?: number;
  readonly liveDays?: number;
  readonly leadDays?: number;
  /** False fused (multi-point) alerts per district and month that a drill may raise (default 1). */
  readonly ceiling?: number;
  readonly onProgress?: (progress: DrillProgress) => void;
  readonly signal?: AbortSignal;
}

export interface DrillProgress {
  readonly fraction: number;
  readonly phase: 'preparing' | 'history' | 'live' | 'scoring' | 'done';
  readonly run: number;
  readonly day?: string;
}

export const DEFAULT_CEILING = 1;

/** The seed of run `r`: the scenario's for run 0, then a fixed mix of it and r (reproducible). */
export function runSeed(seed: number, run: number): number {
  return run === 0 ? seed : (Math.imul(seed ^ 0x5bd1e995, 0x01000193) + Math.imul(run, 0x9e3779b1)) >>> 0;
}

export async function runDrill(options: DrillOptions): Promise<DrillReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const { scenario, city, runs } = options;
  const progress = options.onProgress ?? (() => {});
  const districts = city.places.filter((p) => p.level === 'district').map((p) => p.code);
  const evaluator = createEvaluator(options.workers ?? 1);
  const scored: ScoredRun[] = [];
  const outbreaks: OutbreakResult[] = [];
  const perRun: DrillReport['perRun'] = [];
  try {
    for (let run = 0; run < runs; run++) {
      progress({ fraction: run / runs, phase: 'preparing', run });
      const db = await options.databases.create();
      try {
        const seed = runSeed(scenario.seed, run);
        progress({ fraction: run / runs, phase: 'history', run });
        const played = await playRun({
          scenario,
          city,
          seed,
          pool: db.pool,
          evaluator,
          ...(options.liveDays === undefined ? {} : { liveDays: options.liveDays }),
          ...(options.leadDays === undefined ? {} : { leadDays: options.leadDays }),
          ...(options.signal ? { signal: options.signal } : {}),
          onDay: (done, of) => progress({ fraction: (run + done / of) / runs, phase: 'live', run }),
        });
        progress({ fraction: (run + 1) / runs, phase: 'scoring', run });
        const result = scoreRun({
          run,
          seed,
          first: played.sim.first,
          liveFrom: played.liveFrom,
          liveTo: played.liveTo,
          cityCode: city.code,
          districts,
          outbreaks: played.sim.outbreaks,
          observations: played.observations,
          firstRecord: played.firstRecord,
        });
        scored.push(result);
        outbreaks.push(...result.outbreaks);
        perRun.push({
          run,
          seed,
          liveFrom: dateOfDayNumber(played.liveFrom),
          liveTo: dateOfDayNumber(played.liveTo),
          records: played.records,
          rejected: played.rejected,
          detectionRuns: played.detectionRuns,
          signals: played.observations.filter((o) => o.kind === 'signal').length,
          firings: played.observations.filter((o) => o.kind === 'firing').length,
          seconds: played.seconds,
          falseByDistrict: result.falseByDistrict,
        });
      } finally {
        await db.drop();
      }
    }
  } finally {
    await evaluator.close();
  }
  const ceiling = options.ceiling ?? DEFAULT_CEILING;
  const districtRates = perRun.flatMap((r) =>
    r.falseByDistrict.filter((d) => d.district !== city.code).map((d) => d.fusedPerMonth),
  );
  const measured = districtRates.reduce((a, b) => a + b, 0) / Math.max(1, districtRates.length);
  const worstDistrict = Math.max(0, ...districtRates);
  const report: DrillReport = {
    version: 1,
    scenario: { name: scenario.name, seed: scenario.seed, period: scenario.period },
    runs,
    startedAt,
    seconds: (performance.now() - started) / 1000,
    attribution: { ...ATTRIBUTION },
    ceiling: {
      detector: 'alert:fused',
      falseAlertsPerDistrictMonth: ceiling,
      measured,
      worstDistrict,
      within: measured <= ceiling,
    },
    outbreaks,
    summary: summarise(scored, outbreaks, districts.length + 1),
    perRun,
  };
  progress({ fraction: 1, phase: 'done', run: runs - 1 });
  // The report is a contract (CLI file, API): a bug that breaks it must fail here, not in a reader.
  return drillReportSchema.parse(report);
}
