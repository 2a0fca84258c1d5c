import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { qnorm } from '../../stats/normal.js';
import { parseScenario, validateScenario } from '../scenario/validate.js';
import type { ScenarioInput } from '../scenario/schema.js';
import { ScenarioCityError, simulate, type Simulation } from '../simulate.js';
import { wuhanInput } from '../testing/wuhan.js';
import { generationSizes } from './curve.js';

const input = wuhanInput();
const period = { start: '2026-06-01', end: '2026-12-31' };

function run(outbreaks: ScenarioInput['outbreaks'], seed = 3): Simulation {
  const v = validateScenario({
    name: 't',
    city: 'wuhan',
    period,
    seed,
    baseline: { silence: { startPerDay: 0 } },
    outbreaks,
  });
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return simulate(v.scenario, input);
}

function example(file: string): Simulation {
  const v = parseScenario(
    readFileSync(new URL(`../../../../../data/scenarios/${file}`, import.meta.url), 'utf8'),
  );
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return simulate(v.scenario, input);
}

const flu = {
  id: 'flu',
  pathogen: 'influenza_a' as const,
  place: '420106',
  start: '2026-10-01',
  size: 1000,
  shape: { type: 'lognormal' as const, medianDays: 10, sdLog: 0.4 },
};
const withFlu = run([flu]);
const without = run([]);
const start = (sim: Simulation, date: string) => Date.parse(date) / 86_400_000 - sim.first;

describe('outbreak injection', () => {
  test('each channel gets exactly its fraction of the cases (pharmacy: times the units bought)', () => {
    const [truth] = withFlu.outbreaks;
    expect(truth!.cases).toHaveLength(1000);
    expect(truth!.added).toEqual({
      visit: 600,
      'report-card': 200,
      pharmacy: 500 * 3, // antipyretic, cold, antiviral
      school: 0,
      lab: 50,
      hotline: 20,
      opinion: 30,
      wastewater: truth!.added.wastewater,
    });
    expect(truth!.added.wastewater).toBeGreaterThan(0);
    expect(Object.values(truth!.lost).every((x) => x === 0)).toBe(true);
  });

  test('the series are the baseline plus the ground truth, to the unit', () => {
    const [truth] = withFlu.outbreaks;
    expect(withFlu.series.length).toBe(without.series.length);
    let touched = 0;
    withFlu.series.forEach((s, k) => {
      const base = without.series[k]!;
      const added = truth!.counts.get(s.index);
      if (added) touched++;
      for (let i = 0; i < s.values.length; i++) {
        const expected = (base.values[i] as number) + (added ? (added[i] as number) : 0);
        if (!Object.is(s.values[i], expected) && s.values[i] !== expected)
          throw new Error(`${s.channel} ${s.key} day ${i}`);
      }
    });
    expect(touched).toBeGreaterThan(20);
  });

  test('cases live in the outbreak place', () => {
    expect(
      withFlu.outbreaks[0]!.cases.every(
        (c) => c.districtCode === '420106' && c.community.startsWith('420106'),
      ),
    ).toBe(true);
  });
});

describe('epidemic curves', () => {
  const share = (sim: Simulation, date: string, days: number) => {
    const s = start(sim, date);
    const cases = sim.outbreaks[0]!.cases;
    return cases.filter((c) => c.onset < s + days).length / cases.length;
  };
  const pnormOf = (z: number) => {
    // Invert qnorm by bisection: the engine has qnorm, and the test needs Φ at one point.
    let lo = 0.0001;
    let hi = 0.9999;
    for (let k = 0; k < 60; k++) {
      if (qnorm((lo + hi) / 2) < z) lo = (lo + hi) / 2;
      else hi = (lo + hi) / 2;
    }
    return lo;
  };

  test('point-source: onsets follow the pathogen’s lognormal incubation (median 1.4 days)', () => {
    const sim = run([{ ...flu, size: 5000, shape: { type: 'point-source' } }]);
    expect(share(sim, flu.start, 2)).toBeCloseTo(pnormOf(Math.log(2 / 1.4) / 0.35), 1);
    expect(share(sim, flu.start, 1)).toBeCloseTo(pnormOf(Math.log(1 / 1.4) / 0.35), 1);
  });

  test('lognormal: half the onsets before the median day', () => {
    expect(Math.abs(share(run([{ ...flu, size: 5000 }]), flu.start, 10) - 0.5)).toBeLessThan(0.03);
  });

  test('propagated: generations of growth^g cases every serial interval', () => {
    const sim = run([
      { ...flu, size: 1500, shape: { type: 'propagated', generations: 4, growth: 2, serialIntervalDays: 4 } },
    ]);
    const sizes = generationSizes(1500, 4, 2);
    expect(sizes).toEqual([100, 200, 400, 800]);
    const s = start(sim, flu.start);
    const onsets = sim.outbreaks[0]!.cases.map((c) => c.onset - s);
    expect(onsets.filter((d) => d === 0).length).toBeGreaterThanOrEqual(100);
    expect(onsets.filter((d) => d === 0).length).toBeLessThan(110);
    const around = (g: number) => onsets.filter((d) => Math.abs(d - g * 4) <= 2).length;
    expect(around(3) / 800).toBeGreaterThan(0.9);
  });
});

describe('lead and lag', () => {
  const meanDay = (sim: Simulation, channel: string) => {
    let sum = 0;
    let n = 0;
    for (const [index, counts] of sim.outbreaks[0]!.counts) {
      if (sim.series[index]!.channel !== channel) continue;
      counts.forEach((c, i) => {
        sum += c * i;
        n += c;
      });
    }
    return sum / n;
  };
  const meanOnset = (sim: Simulation) => {
    const cases = sim.outbreaks[0]!.cases;
    return cases.reduce((s, c) => s + c.onset, 0) / cases.length;
  };

  test('visits come a day after onset and pharmacy sales on the day, by default', () => {
    for (let i = 0; i < withFlu.count; i++) {
      for (const e of withFlu.eventsOn(i)) if (e.channel === 'visit') expect(e.day - e.case.onset).toBe(1);
    }
    // Each channel sees its own random share of the cases: their mean onsets differ by sampling noise
    // (sd about 4 days / √n), small with 8,000 cases.
    const big = run([{ ...flu, size: 8000 }]);
    expect(Math.abs(meanDay(big, 'visit') - meanOnset(big) - 1)).toBeLessThan(0.15);
    expect(Math.abs(meanDay(big, 'pharmacy') - meanOnset(big))).toBeLessThan(0.15);
  });

  test('a fractional lag moves that share of cases a day later', () => {
    const sim = run([{ ...flu, footprint: { visit: { lagDays: 2.5 } } }]);
    const lags: number[] = [];
    for (let i = 0; i < sim.count; i++)
      for (const e of sim.eventsOn(i)) if (e.channel === 'visit') lags.push(e.day - e.case.onset);
    expect(new Set(lags)).toEqual(new Set([2, 3]));
    expect(lags.reduce((s, x) => s + x, 0) / lags.length).toBeCloseTo(2.5, 1);
  });

  test('report cards: diagnosed 2.5 days after onset on average, reported on or after diagnosis', () => {
    const sim = run([{ ...flu, size: 8000 }]);
    const delays: number[] = [];
    for (let i = 0; i < sim.count; i++) {
      for (const e of sim.eventsOn(i)) {
        if (e.channel !== 'report-card') continue;
        delays.push(e.diagnosisDay - e.day);
        expect(e.reportDay).toBeGreaterThanOrEqual(e.diagnosisDay);
      }
    }
    // floor(gamma(shape 2, mean 2.5)): mean 2.5 − about a half.
    expect(delays.reduce((s, x) => s + x, 0) / delays.length).toBeCloseTo(2.0, 0);
  });

  test('school-ili.json: pupils are absent at their own school, before their visits', () => {
    const sim = example('school-ili.json');
    const [truth] = sim.outbreaks;
    const schools = new Set<string>();
    for (const index of truth!.counts.keys()) {
      const s = sim.series[index]!;
      if (s.channel === 'school') schools.add(`${s.facility?.id} ${s.key}`);
    }
    expect([...schools]).toEqual(['WH-S3053 absent_fever']);
    expect(truth!.added.school + truth!.lost.school).toBe(72 * 3); // 0.9 of 80 pupils, three days each
    expect(meanDay(sim, 'school')).toBeLessThan(meanDay(sim, 'visit'));
  });

  test('district-gi.json: antidiarrhoeal sales lead the GI visits, wastewater norovirus rises at the district plant only', () => {
    const sim = example('district-gi.json');
    const [truth] = sim.outbreaks;
    expect(meanDay(sim, 'visit') - meanDay(sim, 'pharmacy')).toBeCloseTo(1, 0);
    expect(truth!.added.pharmacy + truth!.lost.pharmacy).toBe(180 * 3); // a silent store loses its sales
    const sites = [...truth!.counts.keys()]
      .map((k) => sim.series[k]!)
      .filter((s) => s.channel === 'wastewater');
    expect(sites.map((s) => `${s.facility?.id} ${s.key}`)).toEqual(['WH-S5001 norovirus']);
    expect(truth!.cases.every((c) => c.streetCode === '420111006')).toBe(true);
  });
});

describe('scenarios against the city', () => {
  test('an unknown place is refused with its path', () => {
    expect(() => run([{ ...flu, place: '999999' }])).toThrow(ScenarioCityError);
    try {
      run([{ ...flu, place: 'WH-S9999' }]);
    } catch (error) {
      expect((error as ScenarioCityError).issues).toEqual([
        { path: 'outbreaks[0].place', reason: '"WH-S9999" is neither a place of the city nor a facility id' },
      ]);
    }
  });

  test('the same seed draws the same cases', () => {
    const again = run([flu]);
    expect(again.outbreaks[0]!.cases).toEqual(withFlu.outbreaks[0]!.cases);
  });
});
