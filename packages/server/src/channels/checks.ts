import type { FacilityType } from '../city/city-model.js';
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

/**
 * The place of a reporting facility, which must exist and be of a type that reports on the channel (a
 * pharmacy sale from a pharmacy, a visit from a hospital or clinic): a code typed into the wrong feed would
 * otherwise count, say, a school's absentees as a pharmacy's sales.
 */
export function facilityPlace(
  references: References,
  id: string,
  field: string,
  types: readonly FacilityType[],
): string | RecordIssue {
  const place = references.facilities.get(id);
  if (place === undefined) return { field, key: 'ingest.unknown-facility', params: { code: id } };
  const type = references.facilityTypes.get(id) ?? '—';
  if (!(types as readonly string[]).includes(type)) {
    return { field, key: 'ingest.facility-type', params: { code: id, type, expected: types.join(', ') } };
  }
  return place;
}

/** Facilities that see patients: visits and report cards come from these. */
export const CLINICAL: readonly FacilityType[] = [
  'hospital',
  'fever_clinic',
  'sentinel_hospital',
  'shelter_hospital',
  'field_hospital',
  'community_health_center',
];

export function knownPlace(references: References, code: string, field: string): string | RecordIssue {
  return references.places.has(code) ? code : { field, key: 'ingest.unknown-place', params: { code } };
}

/** Where a record counts, and a flag for the sender when that is not where they said. */
export interface Placed {
  readonly placeCode: string;
  readonly flag?: RecordIssue;
}

/**
 * Where a record counts: its residence when given (and known), else the facility's place. A residence
 * outside the city (a well-formed code that is not under the city's own code: a patient from another
 * city seen here) is counted at the reporting facility's place and flagged, as an epidemiologist counts
 * a case where it was diagnosed when its residence lies outside the jurisdiction — refusing it would
 * lose a real case. The stored record keeps the residence as sent, so such records remain findable
 * (`residence_code <> place_code`). A code under the city's own that the city does not have is a mistake
 * the sender can fix, and is refused.
 */
export function residenceOr(
  references: References,
  residence: string | undefined,
  facilityPlaceCode: string,
  field = 'residence',
): Placed | RecordIssue {
  if (residence === undefined) return { placeCode: facilityPlaceCode };
  if (references.places.has(residence)) return { placeCode: residence };
  const city = references.rootPlace;
  if (city !== undefined && !residence.startsWith(city)) {
    return {
      placeCode: facilityPlaceCode,
      flag: {
        field,
        key: 'ingest.residence-outside-city',
        params: { code: residence, place: facilityPlaceCode },
      },
    };
  }
  return { field, key: 'ingest.unknown-place', params: { code: residence } };
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
