import { methods } from '@shaobing/engine';
import { describe, expect, test } from 'vitest';
import { dateOfDayNumber, dayNumberOf } from '../../channels/time.js';
import type { DetectionSignal } from '../../signals/events.js';
import { DEFAULT_ALERT_CONFIG } from '../config/default-config.js';
import type { ConcordanceRule, Family } from '../config/schema.js';
import { judgeZone, type PresentSeries } from './concordance-zone.js';

/**
 * The concordance rule on simulated surveillance, without a database: five bordering districts, seven
 * respiratory series in six channels (ILI visits, antipyretic and antitussive sales, fever absence, hotline
 * and opinion topics, influenza A positives), Poisson counts with a seasonal wave and a weekend dip in visits,
 * each series evaluated every day by ESSENCE's EWMA — the method whose p-values the default detection
 * stores — and the signals at p < 0.05 given to the rule as the store would hold them.
 */

const rule = DEFAULT_ALERT_CONFIG.rules.find((r) => r.id === 'multi-channel') as ConcordanceRule;
const family = DEFAULT_ALERT_CONFIG.families.respiratory as Family;
const DISTRICTS = ['420102', '420103', '420104', '420105', '420106'];
const SERIES = [
  { channel: 'visit', signal: 'ili', mean: 40 },
  { channel: 'pharmacy', signal: 'antipyretic', mean: 120 },
  { channel: 'pharmacy', signal: 'antitussive', mean: 80 },
  { channel: 'school', signal: 'absent_fever', mean: 20 },
  { channel: 'hotline', signal: 'respiratory', mean: 4 },
  { channel: 'opinion', signal: 'respiratory', mean: 3 },
  { channel: 'lab', signal: 'influenza_a', mean: 6 },
] as const;
const OUTBREAK_CHANNELS = new Set(['visit', 'pharmacy', 'school']);
const FIRST_DAY = dayNumberOf('2023-01-02');
const ewma = methods.get('essence.ewma');

function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(next: () => number, mean: number): number {
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    let product = next();
    while (product > limit) {
      k += 1;
      product *= next();
    }
    return k;
  }
  const z = Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next());
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
}

interface World {
  /** Evidence signals by day index. */
  readonly signals: DetectionSignal[][];
  /** The smallest p-value of the first district's series on each day (its best single channel). */
  readonly bestP: number[];
  readonly present: PresentSeries[];
}

/** One simulated world; `outbreak` multiplies the outbreak channels' means in the first district. */
function simulate(seed: number, days: number, outbreak?: { start: number; size: number }): World {
  const next = uniform(seed);
  const signals: DetectionSignal[][] = Array.from({ length: days }, () => []);
  const bestP = Array.from({ length: days }, () => 1);
  let id = 0;
  for (const [place, district] of DISTRICTS.entries()) {
    for (const series of SERIES) {
      const observed = new Float64Array(days);
      for (let d = 0; d < days; d++) {
        let mean = series.mean * (1 + 0.15 * Math.sin((2 * Math.PI * (d + seed * 37)) / 365));
        if (series.channel === 'visit' && d % 7 >= 5) mean *= 0.8;
        if (outbreak && place === 0 && OUTBREAK_CHANNELS.has(series.channel)) {
          // Seven days of rise, a week at the top, a week of fall.
          const k = d - outbreak.start;
          if (k >= 0 && k < 21)
            mean *= 1 + outbreak.size * Math.min(1, (k + 1) / 7) * (k < 14 ? 1 : (21 - k) / 7);
        }
        observed[d] = poisson(next, mean);
      }
      const result = ewma?.detect({ observed, frequency: 365 }, {});
      if (!result?.ok) throw new Error('EWMA failed');
      result.value.t.forEach((t, i) => {
        const p = result.value.extra.pvalue?.[i];
        if (p === null || p === undefined) return;
        const d = t - 1;
        if (place === 0) bestP[d] = Math.min(bestP[d] as number, p);
        if (p > rule.evidence.maxPValue) return;
        signals[d]?.push({
          id: ++id,
          channel: series.channel,
          signal: series.signal,
          placeCode: district,
          period: 'day',
          periodStart: dateOfDayNumber(FIRST_DAY + d),
          method: 'essence.ewma',
          ruleId: 1,
          ruleKey: `${series.channel}.essence-ewma`,
          ruleRevision: 1,
          configVersion: 1,
          observed: observed[d] as number,
          expected: result.value.extra.expected?.[i] ?? null,
          upperbound: result.value.upperbound[i] ?? null,
          score: result.value.extra.score?.[i] ?? null,
          pvalue: p,
          level: p < 0.01 ? 2 : 1,
          alarm: true,
          createdAt: '2026-01-01T00:00:00.000Z',
          runId: 1,
          retractedAt: null,
          retractedReason: null,
        });
      });
    }
  }
  const present = DISTRICTS.flatMap((placeCode) =>
    SERIES.map((s) => ({
      channel: s.channel,
      signal: s.signal,
      placeCode,
      from: dateOfDayNumber(FIRST_DAY),
      to: dateOfDayNumber(FIRST_DAY + days - 1),
    })),
  );
  return { signals, bestP, present };
}

/** Whether the zone centred on the first district fires on day d. */
function fires(world: World, d: number): boolean {
  const evidence = world.signals.slice(Math.max(0, d - rule.windowDays + 1), d + 1).flat();
  const zone = {
    family: 'respiratory',
    centre: DISTRICTS[0] as string,
    places: DISTRICTS,
    anchor: dateOfDayNumber(FIRST_DAY + d),
  };
  return judgeZone(rule, family, zone, evidence, world.present).result.fired;
}

describe('the concordance rule on simulated surveillance', () => {
  test(`a baseline without outbreaks stays within the configured ${rule.falseAlertsPerPlaceYear} false alerts per place and year`, () => {
    const days = 730;
    const warmUp = 60;
    let episodes = 0;
    let years = 0;
    for (let seed = 1; seed <= 16; seed++) {
      const world = simulate(seed, days);
      let last = -Infinity;
      for (let d = warmUp; d < days; d++) {
        if (!fires(world, d)) continue;
        // Firings within the quiet period are one alert (the store absorbs them).
        if (d - last > DEFAULT_ALERT_CONFIG.quietDays) episodes += 1;
        last = d;
      }
      years += (days - warmUp) / 365;
    }
    const rate = episodes / years;
    if (process.env.PRINT_RATES) console.log({ episodes, years, rate });
    expect(rate).toBeLessThanOrEqual(rule.falseAlertsPerPlaceYear);
    expect(rate).toBeGreaterThan(0); // the rule is not simply silent
  });

  test('some outbreaks that no channel flags alone (p ≤ 0.001 in the district) are caught by concordance', () => {
    const start = 100;
    let missedBySingle = 0;
    let caughtOnlyByConcordance = 0;
    for (let seed = 101; seed <= 140; seed++) {
      // A 10 % rise of ILI visits, fever-drug sales and fever absence in the first district over three weeks.
      const world = simulate(seed, start + 21, { start, size: 0.1 });
      const days = Array.from({ length: 21 }, (_, k) => start + k);
      if (days.some((d) => (world.bestP[d] as number) <= 0.001)) continue;
      missedBySingle += 1;
      if (days.some((d) => fires(world, d))) caughtOnlyByConcordance += 1;
    }
    if (process.env.PRINT_RATES) console.log({ missedBySingle, caughtOnlyByConcordance });
    expect(missedBySingle).toBeGreaterThanOrEqual(10);
    // 4 of the 23 at the default fusedAlpha 0.001 (2 before the centre's own look; README): what concordance
    // adds is outbreaks that no channel would have flagged at all, at a false-alert rate within the ceiling.
    expect(caughtOnlyByConcordance).toBeGreaterThanOrEqual(4);
  });
});
