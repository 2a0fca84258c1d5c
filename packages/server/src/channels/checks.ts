import type { Instant } from './time.js';
import type { RecordIssue, References } from './channel.js';

/**
 * The checks a schema cannot make alone: codes that must exist in the city, and dates that must be neither
 * in the future (Asia/Shanghai) nor implausibly old.
 */

/** Earliest event date accepted: older dates are typing mistakes (19 for 20), not surveillance data. */
export const EARLIEST_DATE = '2000-01-01';
/** Senders' clocks drift: a timestamp up to this far ahead of ours is still accepted. */
const CLOCK_SKEW_MS = 10 * 60_000;

export const isIssue = <T>(value: T | RecordIssue): value is RecordIssue =>
  typeof value === 'object' && value !== null && 'key' in value && 'field' in value;

export function facilityPlace(references: References, id: string, field: string): string | RecordIssue {
  return references.facilities.get(id) ?? { field, key: 'ingest.unknown-facility', params: { code: id } };
}

export function knownPlace(references: References, code: string, field: string): string | RecordIssue {
  return references.places.has(code) ? code : { field, key: 'ingest.unknown-place', params: { code } };
}

/** Where a record counts: its residence when given (and known), else the facility's place. */
export function residenceOr(
  references: References,
  residence: string | undefined,
  facilityPlaceCode: string,
  field = 'residence',
): string | RecordIssue {
  return residence === undefined ? facilityPlaceCode : knownPlace(references, residence, field);
}

export function checkDate(references: References, date: string, field: string): RecordIssue | undefined {
  if (date > references.today) return { field, key: 'ingest.future', params: { value: date } };
  if (date < EARLIEST_DATE)
    return { field, key: 'ingest.too-old', params: { value: date, earliest: EARLIEST_DATE } };
  return undefined;
}

export function checkInstant(
  references: References,
  instant: Instant,
  field: string,
): RecordIssue | undefined {
  if (instant.epochMs > references.nowMs + CLOCK_SKEW_MS) {
    return { field, key: 'ingest.future', params: { value: new Date(instant.epochMs).toISOString() } };
  }
  return checkDate(references, instant.date, field);
}
