/**
 * Proleptic Gregorian calendar arithmetic in plain integers, for the ingest's hot path: the same days and
 * instants as `Date.UTC` and `toISOString`, without a Date object per record. Day numbers count from
 * 1970-01-01; the algorithms are Howard Hinnant's `days_from_civil` and `civil_from_days`
 * (https://howardhinnant.github.io/date_algorithms.html), exact for years 1000–9999 as used here (callers
 * hand anything outside that range to Date, whose reading of two-digit years differs).
 */

import { civilDate, civilDayNumber } from '@shaobing/engine';

export const DAY_MS = 86_400_000;

export const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days in month `m` (1–12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of y-m-d (m 1–12; y ≥ 1): the engine's, which Farrington's reference weeks use. */
export const daysFromCivil = civilDayNumber;

const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
/** 1000-01-01T00:00:00.000Z and the last millisecond of 9999, the range formatted here. */
const FIRST_MS = daysFromCivil(1000, 1, 1) * DAY_MS;
const LAST_MS = daysFromCivil(10_000, 1, 1) * DAY_MS - 1;

/** `new Date(epochMs).toISOString()`, by arithmetic. */
export function isoUtc(epochMs: number): string {
  if (!(epochMs >= FIRST_MS && epochMs <= LAST_MS) || !Number.isInteger(epochMs)) {
    return new Date(epochMs).toISOString();
  }
  const days = Math.floor(epochMs / DAY_MS);
  let ms = epochMs - days * DAY_MS;
  const hour = Math.floor(ms / 3_600_000);
  ms -= hour * 3_600_000;
  const minute = Math.floor(ms / 60_000);
  ms -= minute * 60_000;
  const second = Math.floor(ms / 1000);
  ms -= second * 1000;
  const { y: year, m: month, d: day } = civilDate(days);
  const millis = ms < 10 ? `00${ms}` : ms < 100 ? `0${ms}` : String(ms);
  return `${year}-${TWO[month]}-${TWO[day]}T${TWO[hour]}:${TWO[minute]}:${TWO[second]}.${millis}Z`;
}
