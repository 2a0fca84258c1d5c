/**
 * Dates and times as the channels carry them. The product's time zone is Asia/Shanghai, which has kept
 * UTC+8 without daylight saving since 1991, so a fixed offset is exact for every date we accept; that
 * keeps day arithmetic in plain integers instead of a time-zone database.
 */

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

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

/** Parses a calendar date 'YYYY-MM-DD'; undefined when malformed or not a real day. */
export function parseDate(text: string): string | undefined {
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
