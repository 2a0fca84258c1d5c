import { describe, expect, test } from 'vitest';
import { dayNumberOf } from '../channels/time.js';
import { evaluateSeries } from './evaluate-series.js';
import { pastWindowNeed } from './method-check.js';
import type { Rule } from './rule.js';
import {
  denseSeries,
  mondayOf,
  pastWindowWeeks,
  rangeStart,
  reportingDaysOnly,
  windowFor,
} from './series-window.js';

const day = dayNumberOf;
const rule = (over: Partial<Rule>): Rule => ({
  id: 1,
  key: 'r',
  revision: 1,
  channel: 'visit',
  signals: null,
  placeLevels: ['district'],
  period: 'day',
  method: 'earsC',
  control: { method: 'C2', baseline: 7 },
  lookback: 14,
  history: null,
  description: '',
  createdAt: '',
  ...over,
});

describe('the window a run reads', () => {
  test('days: the longest baseline plus look-back back from the latest data', () => {
    const w = windowFor([rule({})], 'day', { firstDay: day('2023-01-01'), lastDay: day('2024-03-10') });
    // earsC C2 with baseline 7 reads 11 periods before the 14 evaluated.
    expect(w).toEqual({ fromDay: day('2024-03-10') - 24, toDay: day('2024-03-10'), n: 25 });
  });

  test('never before the channel’s first data', () => {
    const w = windowFor([rule({})], 'day', { firstDay: day('2024-03-05'), lastDay: day('2024-03-10') });
    expect(w).toEqual({ fromDay: day('2024-03-05'), toDay: day('2024-03-10'), n: 6 });
  });

  test('weeks run Monday to Monday, the current week included', () => {
    const w = windowFor([rule({ period: 'week', lookback: 4, history: 10 })], 'week', {
      firstDay: day('2020-01-01'),
      lastDay: day('2024-03-13'), // a Wednesday
    });
    expect(w.toDay).toBe(day('2024-03-11'));
    expect(w.fromDay).toBe(day('2024-03-11') - 13 * 7);
    expect(w.n).toBe(14);
    expect(mondayOf(day('2024-03-17'))).toBe(day('2024-03-11'));
  });
});

describe('dense series', () => {
  const window = { fromDay: day('2024-01-01'), toDay: day('2024-01-07'), n: 7 };

  test('zero where nothing counted, the stored counts where read', () => {
    const { observed, dates } = denseSeries([1, 5, 4, 2], window, 'day', undefined);
    expect([...observed]).toEqual([0, 5, 0, 0, 2, 0, 0]);
    expect(dates[0]).toBe(day('2024-01-01'));
  });

  test('missing on days the channel received nothing anywhere (outage, school holiday)', () => {
    const reported = new Set([day('2024-01-01'), day('2024-01-02'), day('2024-01-05')]);
    const { observed } = denseSeries([1, 5], window, 'day', reported);
    expect([...observed]).toEqual([0, 5, NaN, NaN, 0, NaN, NaN]);
  });

  test('a week is missing only when none of its days was reported', () => {
    const weeks = { fromDay: day('2024-01-01'), toDay: day('2024-01-15'), n: 3 };
    const { observed } = denseSeries([0, 9], weeks, 'week', new Set([day('2024-01-03'), day('2024-01-21')]));
    expect([...observed]).toEqual([9, NaN, 0]);
  });
});

describe('the evaluated range', () => {
  const window = { fromDay: day('2024-01-01'), toDay: day('2024-01-31'), n: 31 };

  test('the latest look-back periods', () => {
    expect(rangeStart(window, 'day', 14)).toBe(18);
    expect(rangeStart({ ...window, n: 5 }, 'day', 14)).toBe(1);
  });

  test('after ingest, only from the earliest change when it is later', () => {
    expect(rangeStart(window, 'day', 14, day('2024-01-29'))).toBe(29);
    expect(rangeStart(window, 'day', 14, day('2023-12-01'))).toBe(18);
  });
});

describe('reporting days only', () => {
  const dates = Int32Array.from([10, 11, 12, 13, 14, 15, 16]);

  test('days without a report anywhere leave the series, and the range follows', () => {
    const observed = Float64Array.from([1, 2, NaN, NaN, 5, 6, 7]);
    const out = reportingDaysOnly({ observed, dates }, 4);
    expect([...out.observed]).toEqual([1, 2, 5, 6, 7]);
    expect([...out.dates]).toEqual([10, 11, 14, 15, 16]);
    expect(out.from).toBe(3); // day 13 is gone: the range starts at day 14
  });

  test('a range of non-reporting days only starts past the end', () => {
    const observed = Float64Array.from([1, 2, 3, 4, 5, NaN, NaN]);
    expect(reportingDaysOnly({ observed, dates }, 6).from).toBe(6);
  });
});

describe('the weeks a past-window method reads', () => {
  // A seasonal count series of 300 weeks; everything the rule does not read is zeroed.
  const n = 300;
  const window = { fromDay: day('2019-01-07'), toDay: day('2019-01-07') + (n - 1) * 7, n };
  const counts = Float64Array.from({ length: n }, (_, i) =>
    Math.round(6 + 4 * Math.sin(i / 8) + ((i * 7919) % 5)),
  );
  const dates = Int32Array.from({ length: n }, (_, i) => window.fromDay + 7 * i);

  test.each([
    ['algo.bayes', { b: 5, w: 3, actY: false, alpha: 0.01 }, 4],
    ['algo.bayes', { b: 2, w: 4, actY: true }, 6],
    ['algo.rki', { b: 3, w: 2, actY: false }, 1],
  ] as const)('%s %j over the latest %i weeks: the same outcome', (method, control, lookback) => {
    const need = pastWindowNeed(method, control);
    const weeks = need && pastWindowWeeks(window, need, lookback);
    expect(weeks).toBeDefined();
    const kept = new Set(weeks);
    const masked = counts.map((c, i) => (kept.has(dates[i]!) ? c : 0));
    const batch = { method, control, frequency: 52, series: [] };
    const full = evaluateSeries(batch, { observed: counts, dates, from: n - lookback + 1 });
    expect(full.ok).toBe(true);
    expect(evaluateSeries(batch, { observed: masked, dates, from: n - lookback + 1 })).toEqual(full);
    expect(weeks!.length).toBeLessThan(n / 3);
  });
});
