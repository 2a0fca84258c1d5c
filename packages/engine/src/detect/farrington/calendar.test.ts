import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilDate, dayNumber, weekday, yearsBefore } from './calendar.js';

const day = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

describe('calendar (R Date arithmetic)', () => {
  it('day numbers match the ISO calendar', () => {
    expect(dayNumber(1970, 1, 1)).toBe(0);
    expect(dayNumber(2001, 1, 1)).toBe(day('2001-01-01'));
    expect(civilDate(day('2024-02-29'))).toEqual({ y: 2024, m: 2, d: 29 });
  });

  it('one year back from 29 February is 1 March, as seq(by = "-1 year") gives', () => {
    expect(yearsBefore(day('2024-02-29'), 1)).toBe(day('2023-03-01'));
    expect(yearsBefore(day('2024-02-29'), 4)).toBe(day('2020-02-29'));
    expect(yearsBefore(day('2006-01-09'), 5)).toBe(day('2001-01-09'));
  });

  it('weekday: 0 = Sunday, 1970-01-01 was a Thursday', () => {
    expect(weekday(0)).toBe(4);
    expect(weekday(day('2001-01-01'))).toBe(1);
    expect(weekday(-1)).toBe(3);
  });

  it('property: civilDate inverts dayNumber', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (d) => {
        const { y, m, d: dd } = civilDate(d);
        expect(dayNumber(y, m, dd)).toBe(d);
        expect(new Date(d * 86_400_000).toISOString().slice(0, 10)).toBe(
          `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`,
        );
      }),
    );
  });
});
