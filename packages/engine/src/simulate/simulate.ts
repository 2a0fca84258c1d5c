import { baselineSeries } from './baseline/baseline.js';
import {
  baselineContext,
  DEFAULT_BASELINE,
  type BaselineContext,
  type BaselineOptions,
} from './baseline/context.js';
import { dayOf } from './calendar.js';
import type { CityInput } from './city/city-input.js';
import { DEFAULT_LAYOUT, type CityLayout } from './city/layout.js';
import { simulateCity, type SimCity } from './city/sim-city.js';
import { injectOutbreak } from './outbreak/inject.js';
import { resolvePlace, type OutbreakPlace } from './outbreak/place.js';
import type { CaseEvent, OutbreakTruth } from './outbreak/truth.js';
import type { Scenario } from './scenario/schema.js';
import type { ScenarioIssue } from './scenario/validate.js';
import { SeriesBook } from './series-book.js';
import type { SimSeries } from './series.js';

/**
 * A scenario run: the city, the baseline of every channel over the period, the outbreaks injected on top,
 * and the ground truth. Pure and seeded: the same scenario and city give the same numbers, bit for bit.
 * Records for any date range are written from it lazily (records/records.ts).
 */
export interface Simulation {
  readonly scenario: Scenario;
  readonly city: SimCity;
  readonly seed: number;
  /** Day number (days since 1970-01-01) of the period's first day, and the number of days. */
  readonly first: number;
  readonly count: number;
  readonly series: readonly SimSeries[];
  readonly book: SeriesBook;
  readonly context: BaselineContext;
  readonly outbreaks: readonly OutbreakTruth[];
  /** The per-case records outbreaks cause, by day index. */
  readonly eventsOn: (day: number) => readonly CaseEvent[];
}

/** The scenario does not fit the city: every problem, with its path in the scenario. */
export class ScenarioCityError extends Error {
  constructor(readonly issues: readonly ScenarioIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.reason}`).join('; '));
    this.name = 'ScenarioCityError';
  }
}

export function layoutOf(scenario: Scenario): CityLayout {
  const l = scenario.layout ?? {};
  return {
    seed: l.seed ?? DEFAULT_LAYOUT.seed,
    sentinelHospitals: l.sentinelHospitals ?? DEFAULT_LAYOUT.sentinelHospitals,
    pharmaciesPerDistrict: l.pharmaciesPerDistrict ?? DEFAULT_LAYOUT.pharmaciesPerDistrict,
    schoolsPerDistrict: l.schoolsPerDistrict ?? DEFAULT_LAYOUT.schoolsPerDistrict,
    labs: l.labs ?? DEFAULT_LAYOUT.labs,
    wastewaterSites: l.wastewaterSites ?? DEFAULT_LAYOUT.wastewaterSites,
  };
}

export function baselineOptionsOf(scenario: Scenario): BaselineOptions {
  const b = scenario.baseline ?? {};
  const dispersion = Object.fromEntries(
    Object.entries(b.dispersion ?? {}).map(([channel, k]) => [channel, k === 'poisson' ? Infinity : k]),
  );
  return {
    scale: b.scale ?? {},
    dispersion,
    silence: {
      startPerDay: b.silence?.startPerDay ?? DEFAULT_BASELINE.silence.startPerDay,
      meanExtraDays: b.silence?.meanExtraDays ?? DEFAULT_BASELINE.silence.meanExtraDays,
      maxDays: b.silence?.maxDays ?? DEFAULT_BASELINE.silence.maxDays,
    },
    seasonVariation: b.seasonVariation ?? DEFAULT_BASELINE.seasonVariation,
    trend: b.trend ?? DEFAULT_BASELINE.trend,
  };
}

export function simulate(scenario: Scenario, input: CityInput): Simulation {
  const city = simulateCity(input, layoutOf(scenario));
  const first = dayOf(scenario.period.start);
  const count = dayOf(scenario.period.end) - first + 1;
  const problems: ScenarioIssue[] = [];
  if (scenario.city !== input.id) problems.push({ path: 'city', reason: `this is the city "${input.id}"` });
  if (!city.calendar.covers(first, first + count - 1)) {
    const years = city.calendar.years;
    problems.push({
      path: 'period',
      reason: `the calendar knows the Spring Festival of ${years[0] ?? '?'}–${years[years.length - 1] ?? '?'} only`,
    });
  }
  const places: OutbreakPlace[] = [];
  scenario.outbreaks.forEach((o, i) => {
    const place = resolvePlace(city, o.place);
    if (typeof place === 'string') problems.push({ path: `outbreaks[${i}].place`, reason: place });
    else places.push(place);
  });
  if (problems.length > 0) throw new ScenarioCityError(problems);

  const context = baselineContext(city, scenario.seed, first, count, baselineOptionsOf(scenario));
  const book = new SeriesBook(count, baselineSeries(context));
  const events: CaseEvent[] = [];
  const target = { city, seed: scenario.seed, first, count, book, events };
  const outbreaks = scenario.outbreaks.map((o, i) => injectOutbreak(target, o, places[i] as OutbreakPlace));
  const byDay = new Map<number, CaseEvent[]>();
  for (const e of events) {
    const list = byDay.get(e.day) ?? [];
    list.push(e);
    byDay.set(e.day, list);
  }
  return {
    scenario,
    city,
    seed: scenario.seed,
    first,
    count,
    series: book.list,
    book,
    context,
    outbreaks,
    eventsOn: (day) => byDay.get(day) ?? [],
  };
}
