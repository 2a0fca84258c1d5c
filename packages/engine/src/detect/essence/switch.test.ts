import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { methods } from '../registry.js';
import type { CountSeries, DetectionResult } from '../types.js';

const detect = (
  name: string,
  series: CountSeries,
  control: Record<string, unknown> = {},
): DetectionResult => {
  const outcome = methods.get(name)!.detect(series, control);
  if (!outcome.ok) throw new Error(`${outcome.error.field}: ${outcome.error.reason}`);
  return outcome.value;
};

const daily = (ys: number[]): CountSeries => ({ observed: Float64Array.from(ys), frequency: 365 });
const column = (r: DetectionResult, name: string) => r.extra[name] ?? [];

/** The row of `r` at time `t`, as comparable values. */
function row(r: DetectionResult, t: number, names: string[]) {
  const k = r.t.indexOf(t);
  return {
    upperbound: r.upperbound[k],
    alarm: r.alarm[k],
    ...Object.fromEntries(names.map((n) => [n, column(r, n)[k]])),
  };
}

const shared = ['expected', 'score', 'pvalue', 'level'];

describe('essence.switch', () => {
  it('reports the regression where its adjusted R² reaches 0.60', () => {
    // A strong weekday pattern with a little noise: the regression explains it well.
    const ys = Array.from({ length: 70 }, (_, j) => 20 + [0, 12, 5, 9, 2, 15, 7][j % 7]! + ((j * 37) % 3));
    const sw = detect('essence.switch', daily(ys));
    const reg = detect('essence.regression', daily(ys));
    const t = 60;
    expect(column(sw, 'adjR2')[sw.t.indexOf(t)]).toBeGreaterThanOrEqual(0.6);
    expect(column(sw, 'detector')[sw.t.indexOf(t)]).toBe(1);
    expect(row(sw, t, [...shared, 'adjR2'])).toEqual(row(reg, t, [...shared, 'adjR2']));
  });

  it('falls back to EWMA where the regression explains little', () => {
    const ys = Array.from({ length: 70 }, (_, j) => 10 + ((j * 7919) % 11));
    const sw = detect('essence.switch', daily(ys));
    const ew = detect('essence.ewma', daily(ys));
    for (const t of sw.t) {
      const k = sw.t.indexOf(t);
      const r2 = column(sw, 'adjR2')[k];
      if (r2 === null || (r2 as number) < 0.6) {
        expect(column(sw, 'detector')[k]).toBe(2);
        expect(row(sw, t, shared)).toEqual(row(ew, t, shared));
      }
    }
    expect(column(sw, 'detector')).toContain(2);
  });

  it('uses EWMA while the baseline is too short for the regression (t = g + 8 .. g + 11)', () => {
    const ys = Array.from({ length: 30 }, (_, j) => j % 4);
    const sw = detect('essence.switch', daily(ys));
    expect(sw.t.slice(0, 5)).toEqual([10, 11, 12, 13, 14]);
    expect(column(sw, 'detector').slice(0, 4)).toEqual([2, 2, 2, 2]);
    expect(column(sw, 'adjR2').slice(0, 4)).toEqual([null, null, null, null]);
    expect(column(sw, 'adjR2')[4]).not.toBeNull();
  });

  it('follows r2Threshold: at 0 the regression is chosen wherever it exists', () => {
    const ys = Array.from({ length: 50 }, (_, j) => 10 + ((j * 13) % 7));
    const always = detect('essence.switch', daily(ys), { r2Threshold: 0 });
    expect(
      column(always, 'detector')
        .slice(4)
        .every((d) => d === 1),
    ).toBe(true);
  });

  it('never alarms on a flat series', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 12, max: 80 }), (level, n) => {
        const r = detect('essence.switch', daily(Array.from({ length: n }, () => level)));
        expect(r.alarm.every((a) => a === 0)).toBe(true);
      }),
    );
  });
});
