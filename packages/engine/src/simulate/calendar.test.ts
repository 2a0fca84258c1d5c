import { describe, expect, test } from 'vitest';
import { dateOf, dayOf, SimCalendar, weekdayOf } from './calendar.js';

const calendar = new SimCalendar([
  { year: 2025, date: '2025-01-29' },
  { year: 2026, date: '2026-02-17' },
  { year: 2027, date: '2027-02-06' },
]);

describe('calendar', () => {
  test('day numbers round-trip and weekdays run Monday 0 … Sunday 6', () => {
    expect(dateOf(dayOf('2026-11-20'))).toBe('2026-11-20');
    expect(weekdayOf(dayOf('2026-11-20'))).toBe(4); // a Friday
    expect(weekdayOf(dayOf('2026-01-05'))).toBe(0); // a Monday
    expect(weekdayOf(dayOf('2026-11-22'))).toBe(6); // a Sunday
  });

  test.each([
    ['2026-02-17', 0],
    ['2026-01-31', -17],
    ['2026-03-01', 12],
    ['2025-12-01', -78], // nearer the coming festival than the last one
    ['2025-06-01', 123],
  ])('%s is %i days from the Spring Festival', (date, offset) => {
    expect(calendar.springFestivalOffset(dayOf(date))).toBe(offset);
  });

  test.each([
    ['2026-02-16', 'spring_festival'],
    ['2026-02-23', 'spring_festival'],
    ['2026-02-24', undefined],
    ['2026-10-03', 'national_day'],
    ['2026-05-02', 'labour_day'],
    ['2026-01-01', 'new_year'],
    ['2026-11-18', undefined],
  ])('%s is a public holiday: %s', (date, holiday) => {
    expect(calendar.publicHoliday(dayOf(date))).toBe(holiday);
  });

  test.each([
    ['2026-11-18', true], // a Wednesday in term
    ['2026-11-21', false], // a Saturday
    ['2026-02-03', false], // winter break starts two weeks before the festival
    ['2026-02-02', true],
    ['2026-03-03', false], // … and ends two weeks after it
    ['2026-03-04', true],
    ['2026-07-15', false], // summer break
    ['2026-09-01', true],
    ['2026-10-05', false], // National Day week
  ])('%s is a school day: %s', (date, open) => {
    expect(calendar.schoolDay(dayOf(date))).toBe(open);
  });

  test('a period is covered only when every year it touches (and the next) has a festival date', () => {
    expect(calendar.covers(dayOf('2025-03-01'), dayOf('2026-11-20'))).toBe(true);
    expect(calendar.covers(dayOf('2024-03-01'), dayOf('2026-11-20'))).toBe(false);
    expect(calendar.covers(dayOf('2025-03-01'), dayOf('2027-03-01'))).toBe(false);
  });
});
