import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { dayNumber, seriesFromRows, type RawRow } from './from-rows.js';

const columns = ['t', 'year', 'epochInYear', 'date', 'observed'];

describe('seriesFromRows', () => {
  test('reads a dated weekly series, NA as NaN, and infers frequency 52', () => {
    const rows: RawRow[] = [
      { t: '1', date: '2001-01-01', observed: '3' },
      { t: '2', date: '2001-01-08', observed: 'NA' },
      { t: '3', date: '2001-01-15', observed: '0' },
    ];
    const table = seriesFromRows(columns, rows);
    expect(table.ok).toBe(true);
    if (!table.ok) return;
    const [only] = table.series;
    expect(only?.series.frequency).toBe(52);
    expect(Array.from(only?.series.observed ?? [])).toEqual([3, NaN, 0]);
    expect(Array.from(only?.series.dates ?? [])).toEqual([11323, 11330, 11337]);
    expect(only?.firstT).toBe(1);
  });

  test('infers daily data from a one-day step and keeps an explicit frequency', () => {
    const rows: RawRow[] = [
      { t: '5', date: '2021-01-01', observed: '1' },
      { t: '6', date: '2021-01-02', observed: '2' },
    ];
    const daily = seriesFromRows(columns, rows);
    expect(daily.ok && daily.series[0]?.series.frequency).toBe(365);
    expect(daily.ok && daily.series[0]?.firstT).toBe(5);
    const forced = seriesFromRows(columns, rows, 7);
    expect(forced.ok && forced.series[0]?.series.frequency).toBe(7);
  });

  test('splits a series column into series in order of first appearance', () => {
    const rows: RawRow[] = [
      { series: 'b', t: '1', observed: '1' },
      { series: 'a', t: '1', observed: '5' },
      { series: 'b', t: '2', observed: '2' },
    ];
    const table = seriesFromRows(['series', 't', 'observed'], rows);
    expect(table.ok && table.series.map((s) => [s.name, Array.from(s.series.observed)])).toEqual([
      ['b', [1, 2]],
      ['a', [5]],
    ]);
  });

  test.each([
    [{ t: '1', observed: 'x' }, 'observed', /not a number/],
    [{ t: '1', observed: '-2' }, 'observed', /negative/],
    [{ t: 'one', observed: '2' }, 't', /not a whole number/],
    [{ t: '1', observed: '2', date: '2021-02-30' }, 'date', /not a date/],
  ])('names the row and field of a bad value %j', (row, field, reason) => {
    const table = seriesFromRows(columns, [{ t: '0', observed: '1', date: 'NA' }, row]);
    expect(table.ok).toBe(false);
    if (table.ok) return;
    expect(table.errors[0]).toMatchObject({ row: 2, field });
    expect(table.errors[0]?.reason).toMatch(reason);
  });

  test('refuses gaps in t and missing columns', () => {
    const gap = seriesFromRows(
      ['t', 'observed'],
      [
        { t: '1', observed: '1' },
        { t: '3', observed: '1' },
      ],
    );
    expect(!gap.ok && gap.errors[0]).toMatchObject({ row: 2, field: 't' });
    const noObserved = seriesFromRows(['t'], [{ t: '1' }]);
    expect(!noObserved.ok && noObserved.errors[0]).toMatchObject({ row: 0, field: 'observed' });
  });

  test('round-trips any counts exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.nat(10_000), { nil: null }), { minLength: 1, maxLength: 60 }),
        (counts) => {
          const rows = counts.map((c, i) => ({ t: String(i + 1), observed: c === null ? 'NA' : String(c) }));
          const table = seriesFromRows(['t', 'observed'], rows);
          if (!table.ok) return false;
          const observed = Array.from(table.series[0]?.series.observed ?? []);
          return observed.every((y, i) => (counts[i] === null ? Number.isNaN(y) : y === counts[i]));
        },
      ),
    );
  });

  test('dayNumber matches the calendar', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2000-02-29')).toBe(11016);
    expect(dayNumber('2001-02-29')).toBeNull();
  });
});
