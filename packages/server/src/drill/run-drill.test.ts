import { parseScenario, type CityInput, type ScenarioInput } from '@shaobing/engine';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { demoCity } from '../demo/demo-input.js';
import { drillDatabases, type DrillDatabases } from './drill-databases.js';
import { drillReportSchema, type DrillReport } from './report-schema.js';
import { reportText } from './report-table.js';
import { runDrill, runSeed } from './run-drill.js';

/**
 * Drills end to end on small scenarios (seven weeks, a light layout, one to two weeks played live): a large
 * obvious outbreak is found by the fused alert and the single channels, and a city without outbreaks stays
 * under the ceiling of false fused alerts. Every report matches its schema.
 */

const LIGHT_LAYOUT = {
  sentinelHospitals: { central: 1, new_urban: 1 },
  pharmaciesPerDistrict: 2,
  schoolsPerDistrict: { kindergarten: 0, primary: 2, middle: 1 },
  labs: 2,
  wastewaterSites: 0,
};

const scenario = (input: Omit<ScenarioInput, 'city' | 'layout'>) => {
  const parsed = parseScenario(JSON.stringify({ city: 'wuhan', layout: LIGHT_LAYOUT, ...input }));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.scenario;
};

let city: CityInput;
let databases: DrillDatabases;
let obvious: DrillReport;
let quiet: DrillReport;

beforeAll(async () => {
  city = await demoCity();
  databases = drillDatabases(inject('databaseAdminUrl'));
  obvious = await runDrill({
    scenario: scenario({
      name: 'obvious influenza in 洪山区',
      period: { start: '2026-09-07', end: '2026-10-30' },
      seed: 4242,
      outbreaks: [
        {
          id: 'hongshan-flu',
          pathogen: 'influenza_a',
          place: '420111',
          start: '2026-10-24',
          size: 3000,
          shape: { type: 'point-source' },
        },
      ],
    }),
    city,
    runs: 1,
    databases,
    leadDays: 5,
  });
  // May: between the winter influenza season and the summer GI peak. In autumn the seasonal rise of influenza
  // itself raises fused alerts (docs/drills.md).
  quiet = await runDrill({
    scenario: scenario({
      name: 'no outbreak',
      period: { start: '2026-03-30', end: '2026-05-22' },
      seed: 99,
    }),
    city,
    runs: 1,
    databases,
    liveDays: 12,
  });
}, 600_000);

afterAll(async () => {
  await databases.close();
});

describe('a drill', () => {
  test('finds a large obvious outbreak: fused, on its channels, soon after the first records', () => {
    const [outbreak] = obvious.outbreaks;
    expect(outbreak).toMatchObject({ id: 'hongshan-flu', districts: ['420111'], run: 0 });
    const fused = outbreak!.detections.find((d) => d.detector === 'alert:fused');
    expect(fused).toBeDefined();
    expect(fused!.fromStartDays).toBeGreaterThanOrEqual(0);
    expect(fused!.fromStartDays).toBeLessThanOrEqual(5);
    expect(fused!.fromFirstRecordDays).not.toBeNull();
    expect(['yellow', 'orange', 'red']).toContain(outbreak!.levelReached);
    for (const channel of ['visit', 'pharmacy']) {
      expect(outbreak!.detections.map((d) => d.detector)).toContain(`signal:${channel}`);
    }
    const summary = obvious.summary.find((s) => s.detector === 'alert:fused');
    expect(summary).toMatchObject({ outbreaks: 1, detected: 1, sensitivity: 1 });
    expect(summary!.delayMedian).toBe(fused!.fromStartDays);
  });

  test('played the live days through the real ingest and detection, nothing rejected', () => {
    const [run] = obvious.perRun;
    expect(run!.seed).toBe(4242);
    expect(run!.liveFrom).toBe('2026-10-19');
    expect(run!.liveTo).toBe('2026-10-30');
    expect(run!.detectionRuns).toBe(12);
    expect(run!.records).toBeGreaterThan(10_000);
    expect(run!.rejected).toBe(0);
  });

  test('without outbreaks in a quiet season, false fused alerts stay under the ceiling (1 per district and month)', () => {
    expect(quiet.outbreaks).toEqual([]);
    expect(quiet.ceiling).toMatchObject({ detector: 'alert:fused', falseAlertsPerDistrictMonth: 1 });
    expect(quiet.ceiling.measured).toBeLessThanOrEqual(1);
    expect(quiet.ceiling.within).toBe(true);
    // Every district and the city are reported, with rates per month of the 12 days played.
    expect(quiet.perRun[0]!.falseByDistrict.map((d) => d.district)).toHaveLength(14);
    const sensitivity = quiet.summary.find((s) => s.detector === 'alert:fused')!.sensitivity;
    expect(sensitivity).toBeNull();
  });

  test('reports match the schema and read as a table', () => {
    for (const report of [obvious, quiet]) {
      expect(drillReportSchema.safeParse(JSON.parse(JSON.stringify(report))).success).toBe(true);
    }
    const text = reportText(obvious);
    expect(text).toContain('| alert:fused');
    expect(text).toContain('hongshan-flu');
  });
});

describe('run seeds', () => {
  test('the first run keeps the scenario seed; the others differ and repeat', () => {
    expect(runSeed(7, 0)).toBe(7);
    const seeds = [1, 2, 3, 4].map((r) => runSeed(7, r));
    expect(new Set([7, ...seeds]).size).toBe(5);
    expect([1, 2, 3, 4].map((r) => runSeed(7, r))).toEqual(seeds);
  });
});
