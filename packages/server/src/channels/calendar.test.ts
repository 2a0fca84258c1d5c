import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DAY_MS, daysFromCivil, daysInMonth, isoUtc } from './calendar.js';
import { parseDate, parseTimestamp } from './time.js';

/** The integer calendar against Date, which it replaces on the ingest's hot path. */

const FIRST = Date.UTC(1000, 0, 1);
const LAST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

describe('calendar arithmetic equals Date', () => {
  test('isoUtc is toISOString, in range and out of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST - 10 * DAY_MS, max: LAST + 10 * DAY_MS }), (ms) => {
        expect(isoUtc(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
    for (const ms of [0, -1, FIRST, FIRST - 1, LAST, LAST + 1, Date.UTC(2024, 1, 29, 23, 59, 59, 5), 1.5]) {
      expect(isoUtc(ms)).toBe(new Date(ms).toISOString());
    }
  });

  test('daysFromCivil and daysInMonth agree with Date.UTC', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          expect(daysFromCivil(y, m, d) * DAY_MS).toBe(Date.UTC(y, m - 1, d));
          expect(daysInMonth(y, m)).toBe(new Date(Date.UTC(y, m, 0)).getUTCDate());
        },
      ),
      { numRuns: 20_000 },
    );
  });
});

const two = (n: number) => String(n).padStart(2, '0');

describe('the fast local timestamp and date shapes', () => {
  test('read as Date reads the same wall time in UTC+8, and refused when not a real time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        fc.option(fc.integer({ min: 0, max: 60 })),
        fc.constantFrom('T', ' '),
        (y, mo, d, h, mi, s, sep) => {
          const day = `${y}-${two(mo)}-${two(d)}`;
          const text = `${day}${sep}${two(h)}:${two(mi)}${s === null ? '' : `:${two(s)}`}`;
          const real = mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
          const valid = real && h <= 23 && mi <= 59 && (s ?? 0) <= 59;
          const wall = Date.UTC(y, mo - 1, d, h, mi, s ?? 0);
          expect(parseTimestamp(text)).toEqual(
            valid ? { epochMs: wall - 8 * 3_600_000, date: day } : undefined,
          );
          expect(parseDate(day)).toBe(real ? day : undefined);
        },
      ),
      { numRuns: 20_000 },
    );
  });

  test.each([
    ['0999-01-01 10:00', Date.UTC(999, 0, 1, 2), '0999-01-01'],
    ['2024-01-05 08:30 ', Date.UTC(2024, 0, 5, 0, 30), '2024-01-05'],
    ['2024-01-05 08:3x', undefined, undefined],
    ['2024-01-05T08:30:15Z', Date.UTC(2024, 0, 5, 8, 30, 15), '2024-01-05'],
    ['2024-01-05X08:30', undefined, undefined],
  ])('%j falls to the general reading', (text, epochMs, date) => {
    expect(parseTimestamp(text)).toEqual(epochMs === undefined ? undefined : { epochMs, date });
  });
});
