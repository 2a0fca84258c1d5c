import { describe, expect, test } from 'vitest';
import { dayOf } from '../calendar.js';
import type {
  BaselineDisease,
  DrugClass,
  HotlineCategory,
  OpinionCategory,
  SchoolSignal,
} from '../models/channel-models.js';
import type { VisitClass } from '../models/visit-classes.js';
import { validateScenario } from '../scenario/validate.js';
import type { SimSeries } from '../series.js';
import { simulate, type Simulation } from '../simulate.js';
import { wuhanInput } from '../testing/wuhan.js';
import { expectedCount, type CountModel } from './draw.js';
import { hotlineModel, opinionModel, reportCardModel } from './place-channels.js';
import { pharmacyModel, schoolModel } from './stores-and-schools.js';
import { visitModel } from './visits.js';

/**
 * The baseline's statistics against its configured parameters, over six years of Wuhan: means, seasons,
 * weekdays, the Spring Festival, trend, over-dispersion, school terms, silences, reproducibility.
 */

function run(seed: number, period = { start: '2020-11-21', end: '2026-11-20' }, silence = 0): Simulation {
  const v = validateScenario({
    name: 'statistics',
    city: 'wuhan',
    period,
    seed,
    baseline: { seasonVariation: false, silence: { startPerDay: silence } },
  });
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return simulate(v.scenario, wuhanInput());
}

const sim = run(7);
const ctx = sim.context;

function modelOf(s: SimSeries): CountModel | undefined {
  switch (s.channel) {
    case 'visit':
      return visitModel(ctx, s.facility!, s.key as VisitClass);
    case 'pharmacy':
      return pharmacyModel(ctx, s.facility!, s.key as DrugClass);
    case 'school':
      return schoolModel(ctx, s.facility!, s.key as SchoolSignal);
    case 'report-card':
      return reportCardModel(ctx, s.placeCode, s.key as BaselineDisease);
    case 'hotline':
      return hotlineModel(ctx, s.placeCode, s.key as HotlineCategory);
    case 'opinion':
      return opinionModel(ctx, s.placeCode, s.key as OpinionCategory);
    case 'lab':
    case 'wastewater':
      return undefined;
  }
}

/** Observed and expected sums over the days `keep` accepts (missing days left out of both). */
function totals(series: readonly SimSeries[], keep: (i: number) => boolean = () => true) {
  let observed = 0;
  let expected = 0;
  for (const s of series) {
    const model = modelOf(s);
    if (!model) continue;
    for (let i = 0; i < sim.count; i++) {
      const v = s.values[i] as number;
      if (Number.isNaN(v) || !keep(i)) continue;
      observed += v;
      expected += expectedCount(model, sim.first, i);
    }
  }
  return { observed, expected, ratio: observed / expected };
}

const of = (channel: SimSeries['channel'], key?: string, reports?: string) =>
  sim.series.filter(
    (s) =>
      s.channel === channel &&
      (key === undefined || s.key === key) &&
      (reports === undefined || s.facility?.reports === reports),
  );
const dayIndex = (date: string) => dayOf(date) - sim.first;

describe('baseline means', () => {
  test.each(['visit', 'pharmacy', 'school', 'report-card', 'hotline', 'opinion'] as const)(
    '%s: six years of counts within one per cent of the configured rates',
    (channel) => {
      expect(Math.abs(totals(of(channel)).ratio - 1)).toBeLessThan(0.01);
    },
  );

  test('every visit series with 5 or more a day keeps its own mean within 5 %', () => {
    for (const s of of('visit')) {
      const { observed, expected } = totals([s]);
      if (expected / sim.count < 5) continue;
      expect(Math.abs(observed / expected - 1), `${s.facility?.id} ${s.key}`).toBeLessThan(0.05);
    }
  });

  test('the city sees a megacity sentinel network’s volumes', () => {
    const perDay = (channel: SimSeries['channel']) => totals(of(channel)).observed / sim.count;
    expect(perDay('visit')).toBeGreaterThan(5000);
    expect(perDay('visit')).toBeLessThan(10000);
    expect(perDay('report-card')).toBeGreaterThan(150);
  });
});

describe('seasonality, weekdays, holidays, trend', () => {
  const window = (from: string, days: number) => {
    const starts = [2021, 2022, 2023, 2024, 2025, 2026].map((y) => dayIndex(`${y}${from.slice(4)}`));
    return (i: number) => starts.some((s) => i >= s && i < s + days);
  };

  test.each([
    ['ili', 'fever_clinic', '2000-01-01', '2000-07-01'],
    ['hfmd', 'sentinel_hospital', '2000-05-20', '2000-11-25'],
    ['gi', 'sentinel_hospital', '2000-07-15', '2000-03-01'],
  ])(
    '%s visits at %s: the peak-to-trough ratio is the configured one, within a tenth',
    (key, reports, peak, trough) => {
      const series = of('visit', key, reports);
      const high = totals(series, window(peak, 21));
      const low = totals(series, window(trough, 21));
      const observed = high.observed / low.observed;
      const configured = high.expected / low.expected;
      expect(configured).toBeGreaterThan(1.5);
      expect(Math.abs(observed / configured - 1)).toBeLessThan(0.1);
    },
  );

  test('sentinel visits keep the clinic week: Monday / Sunday as configured (1.25 / 0.85) within 3 %', () => {
    const series = of('visit', undefined, 'sentinel_hospital');
    const weekday = (w: number) => (i: number) => (((sim.first + i + 3) % 7) + 7) % 7 === w;
    const monday = totals(series, weekday(0));
    const sunday = totals(series, weekday(6));
    expect(Math.abs(monday.observed / sunday.observed / (1.25 / 0.85) - 1)).toBeLessThan(0.03);
  });

  test('fever clinics empty over the Spring Festival as configured (0.55 on days 0–3)', () => {
    const festivals = [
      '2021-02-12',
      '2022-02-01',
      '2023-01-22',
      '2024-02-10',
      '2025-01-29',
      '2026-02-17',
    ].map(dayIndex);
    const during = new Set(festivals.flatMap((f) => [f, f + 1, f + 2, f + 3]));
    const before = new Set(festivals.flatMap((f) => [f - 21, f - 20, f - 19, f - 18])); // the same weekdays
    const series = of('visit', undefined, 'fever_clinic');
    const a = totals(series, (i) => during.has(i));
    const b = totals(series, (i) => before.has(i));
    expect(Math.abs(a.ratio - 1)).toBeLessThan(0.03);
    expect(Math.abs(a.observed / b.observed / (a.expected / b.expected) - 1)).toBeLessThan(0.05);
    expect(modelOf(series[0]!)!.holiday[dayIndex('2026-02-17')]).toBe(0.55);
  });

  test('long-term trend: visits grow 3 % a year', () => {
    const first = totals(of('visit', 'other'), (i) => i < 365).observed;
    const last = totals(of('visit', 'other'), (i) => i >= sim.count - 365).observed;
    expect(Math.abs(last / first / Math.pow(1.03, (sim.count - 365) / 365.25) - 1)).toBeLessThan(0.03);
  });
});

describe('over-dispersion', () => {
  /** Method of moments over all days: Σ μ² / Σ ((y − μ)² − μ) estimates the negative binomial size k. */
  function dispersion(series: readonly SimSeries[]): number {
    let num = 0;
    let den = 0;
    for (const s of series) {
      const model = modelOf(s)!;
      for (let i = 0; i < sim.count; i++) {
        const y = s.values[i] as number;
        if (Number.isNaN(y)) continue;
        const mu = expectedCount(model, sim.first, i);
        num += mu * mu;
        den += (y - mu) * (y - mu) - mu;
      }
    }
    return num / den;
  }

  test.each([
    ['pharmacy', 'other', 12],
    ['pharmacy', 'cold', 12],
    ['visit', 'other', 25],
    ['visit', 'ili', 25],
    ['hotline', '交通出行', 8],
  ] as const)('%s %s: k within 15 %% of the configured %i', (channel, key, k) => {
    expect(Math.abs(dispersion(of(channel, key)) / k - 1)).toBeLessThan(0.15);
  });
});

describe('schools and silences', () => {
  test('schools report on school days only, with their enrolment beside every column', () => {
    const open = Array.from({ length: sim.count }, (_, i) => sim.city.calendar.schoolDay(sim.first + i));
    const wrong: string[] = [];
    for (const s of of('school')) {
      const enrolled = s.facility!.school!.enrolled;
      for (let i = 0; i < sim.count; i++) {
        if (Number.isNaN(s.values[i]) === open[i] || s.denominator![i] !== (open[i] ? enrolled : 0))
          wrong.push(`${s.facility!.id} ${i}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(open.filter(Boolean).length / sim.count).toBeGreaterThan(0.5);
  });

  test('a facility falls silent about 1.2 % of days (0.004 a day × 3 days), missing rather than zero', () => {
    const silent = run(7, { start: '2024-11-21', end: '2026-11-20' }, 0.004);
    let missing = 0;
    let days = 0;
    for (const s of silent.series.filter((x) => x.channel === 'pharmacy' && x.key === 'other')) {
      for (let i = 0; i < silent.count; i++) missing += Number.isNaN(s.values[i]) ? 1 : 0;
      days += silent.count;
    }
    expect(missing / days).toBeGreaterThan(0.008);
    expect(missing / days).toBeLessThan(0.016);
  });
});

describe('reproducibility', () => {
  const period = { start: '2025-11-21', end: '2026-11-20' };
  test('the same seed gives the same numbers, bit for bit; another seed other numbers', () => {
    const a = run(11, period, 0.004);
    const b = run(11, period, 0.004);
    const c = run(12, period, 0.004);
    expect(b.series.length).toBe(a.series.length);
    a.series.forEach((s, k) => expect(b.series[k]!.values).toEqual(s.values));
    const differing = a.series.filter(
      (s, k) => !c.series[k]!.values.every((v, i) => Object.is(v, s.values[i])),
    );
    expect(differing.length / a.series.length).toBeGreaterThan(0.95);
  });
});
