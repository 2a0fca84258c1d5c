import { DAY_MS, daysFromCivil, daysInMonth } from './calendar.js';

/**
 * Dates and times as the channels carry them. The product's time zone is Asia/Shanghai, which has kept
 * UTC+8 without daylight saving since 1991, so a fixed offset is exact for every date we accept; that
 * keeps day arithmetic in plain integers instead of a time-zone database.
 */

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** A timestamp read from a record: its instant and its calendar day in Asia/Shanghai. */
export interface Instant {
  readonly epochMs: number;
  /** 'YYYY-MM-DD' in Asia/Shanghai. */
  readonly date: string;
}

// 2024-01-05T08:30, 2024-01-05 08:30:15.250+08:00, 2024-01-05T00:30:00Z
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Parses an ISO 8601 timestamp ('T' or a space between date and time). Without an offset it is local
 * Asia/Shanghai time, as clinic systems here write it; with one (Z, +08:00, -0500) it is that instant.
 */
export function parseTimestamp(text: string): Instant | undefined {
  const local = parseLocalTimestamp(text);
  if (local !== null) return local;
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (!validDay(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const zone = m[8];
  let offsetMs = SHANGHAI_OFFSET_MS;
  if (zone === 'Z') offsetMs = 0;
  else if (zone !== undefined) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2));
    if (oh > 14 || om > 59) return undefined;
    offsetMs = sign * (oh * 60 + om) * 60_000;
  }
  const epochMs = wall - offsetMs;
  if (zone === undefined) return { epochMs, date: text.slice(0, 10) };
  return { epochMs, date: shanghaiDate(epochMs) };
}

/** Two ASCII digits at `i` as a number, else -1. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** A four-digit year from 1000 at `i`, else -1 (earlier years go the general way, as Date reads them). */
function year(text: string, i: number): number {
  const century = twoDigits(text, i);
  const rest = twoDigits(text, i + 2);
  return century >= 10 && rest >= 0 ? century * 100 + rest : -1;
}

/**
 * The shape nearly every record has, read without a regular expression or a Date: 'YYYY-MM-DD hh:mm' or
 * 'YYYY-MM-DDThh:mm:ss', local time. Null when the text has another shape (parseTimestamp reads it).
 */
function parseLocalTimestamp(text: string): Instant | undefined | null {
  const n = text.length;
  if (n !== 16 && n !== 19) return null;
  const t = text.charCodeAt(10);
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || (t !== 84 && t !== 32)) return null;
  if (text.charCodeAt(13) !== 58 || (n === 19 && text.charCodeAt(16) !== 58)) return null;
  const y = year(text, 0);
  const mo = twoDigits(text, 5);
  const d = twoDigits(text, 8);
  const h = twoDigits(text, 11);
  const mi = twoDigits(text, 14);
  const s = n === 19 ? twoDigits(text, 17) : 0;
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) return null;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  const epochMs =
    daysFromCivil(y, mo, d) * DAY_MS + h * 3_600_000 + mi * 60_000 + s * 1000 - SHANGHAI_OFFSET_MS;
  return { epochMs, date: text.slice(0, 10) };
}

/** Parses a calendar date 'YYYY-MM-DD'; undefined when malformed or not a real day. */
export function parseDate(text: string): string | undefined {
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const y = year(text, 0);
    const mo = twoDigits(text, 5);
    const d = twoDigits(text, 8);
    if (y >= 0 && mo >= 0 && d >= 0)
      return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) ? text : undefined;
  }
  const m = DATE.exec(text);
  if (!m) return undefined;
  return validDay(Number(m[1]), Number(m[2]), Number(m[3])) ? text : undefined;
}

/** The Asia/Shanghai calendar day of an instant. */
export function shanghaiDate(epochMs: number): string {
  return new Date(epochMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. */
export function dayNumberOf(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday that starts the ISO week of `date` (ISO 8601 weeks run Monday to Sunday). */
export function isoWeekStart(date: string): string {
  const day = dayNumberOf(date);
  // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
  return dateOfDayNumber(day - ((((day + 3) % 7) + 7) % 7));
}
