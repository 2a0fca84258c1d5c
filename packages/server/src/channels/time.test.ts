import { describe, expect, test } from 'vitest';
import { isoWeekStart, parseDate, parseTimestamp, shanghaiDate } from './time.js';

describe('dates and times in Asia/Shanghai', () => {
  test.each([
    ['2024-01-05T08:30', '2024-01-05', '2024-01-05T00:30:00.000Z'],
    ['2024-01-05 08:30:15.25', '2024-01-05', '2024-01-05T00:30:15.250Z'],
    ['2024-01-05T23:59:59+08:00', '2024-01-05', '2024-01-05T15:59:59.000Z'],
    ['2024-01-05T16:00:00Z', '2024-01-06', '2024-01-05T16:00:00.000Z'],
    ['2024-01-05T20:00:00-0500', '2024-01-06', '2024-01-06T01:00:00.000Z'],
  ])('%s is on %s (instant %s)', (text, date, iso) => {
    const instant = parseTimestamp(text);
    expect(instant?.date).toBe(date);
    expect(new Date(instant?.epochMs ?? 0).toISOString()).toBe(iso);
  });

  test.each([
    '2024-02-30T08:00',
    '2024-01-05',
    '2024-01-05T24:00',
    '05/01/2024 08:00',
    '2024-01-05T08:00+15:00',
    '',
  ])('refuses %j as a timestamp', (text) => expect(parseTimestamp(text)).toBeUndefined());

  test('dates: real days only', () => {
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('2023-02-29')).toBeUndefined();
    expect(parseDate('2024-1-5')).toBeUndefined();
  });

  test('ISO weeks start on Monday, across years', () => {
    expect(isoWeekStart('2024-01-01')).toBe('2024-01-01'); // a Monday
    expect(isoWeekStart('2024-01-07')).toBe('2024-01-01'); // a Sunday
    expect(isoWeekStart('2021-01-03')).toBe('2020-12-28');
    expect(isoWeekStart('1970-01-01')).toBe('1969-12-29');
  });

  test('the day of an instant', () =>
    expect(shanghaiDate(Date.parse('2024-12-31T16:00:00Z'))).toBe('2025-01-01'));
});
