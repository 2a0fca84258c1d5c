import { describe, expect, test } from 'vitest';
import { dayOf } from './calendar.js';
import { Random } from './random.js';
import { SEASONAL_PROFILES, seasonalCurve, seasonalValue, type SeasonalProfileId } from './seasonality.js';

const first = dayOf('2021-01-01');
const count = dayOf('2025-01-01') - first;
const steady = (id: SeasonalProfileId) => ({ ...SEASONAL_PROFILES[id], amplitudeSdLog: 0, peakSdDays: 0 });

describe('seasonal profiles', () => {
  test.each(Object.keys(SEASONAL_PROFILES) as SeasonalProfileId[])('%s has mean 1 over whole years', (id) => {
    const curve = seasonalCurve(steady(id), first, count, new Random(1));
    const mean = curve.reduce((s, x) => s + x, 0) / count;
    expect(mean).toBeCloseTo(1, 2);
  });

  test('influenza peaks on its date, at 1 + amplitude times the floor before normalising', () => {
    const curve = seasonalCurve(steady('influenza'), first, count, new Random(1));
    const peakDay = dayOf('2023-01-08') - first;
    const window = Array.from(curve.slice(peakDay - 40, peakDay + 41));
    expect(window.indexOf(Math.max(...window))).toBe(40);
    const [main] = SEASONAL_PROFILES.influenza.bumps;
    expect(curve[peakDay]).toBeCloseTo(seasonalValue(steady('influenza'), [0, 190]), 6);
    // Half height (above the floor) at the half-width from the peak.
    const floor = seasonalValue(steady('influenza'), [182, 182]);
    const atHalfWidth = seasonalValue(steady('influenza'), [main.halfWidthDays, 190]);
    const atPeak = seasonalValue(steady('influenza'), [0, 190]);
    expect((atHalfWidth - floor) / (atPeak - floor)).toBeCloseTo(0.5, 1);
  });

  test('year-to-year variation: the same stream gives the same seasons, another stream others', () => {
    const a = seasonalCurve(SEASONAL_PROFILES.influenza, first, count, new Random(5));
    const b = seasonalCurve(SEASONAL_PROFILES.influenza, first, count, new Random(5));
    const c = seasonalCurve(SEASONAL_PROFILES.influenza, first, count, new Random(6));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
});
