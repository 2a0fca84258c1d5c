import { dateOfDayNumber, dayNumberOf, isoWeekStart } from '../channels/time.js';

/** The periods of a series: days, or ISO weeks named by their Monday. */
export type Interval = 'day' | 'week';

export const periodStart = (date: string, interval: Interval) =>
  interval === 'week' ? isoWeekStart(date) : date;

export const periodLength = (interval: Interval) => (interval === 'week' ? 7 : 1);

/** `count` period starts from `first` (already a period start), not past `last`. */
export function periodsFrom(first: string, last: string, interval: Interval, count: number): string[] {
  const out: string[] = [];
  const step = periodLength(interval);
  const end = dayNumberOf(last);
  for (let day = dayNumberOf(first); day <= end && out.length < count; day += step)
    out.push(dateOfDayNumber(day));
  return out;
}

export const addDays = (date: string, days: number) => dateOfDayNumber(dayNumberOf(date) + days);
