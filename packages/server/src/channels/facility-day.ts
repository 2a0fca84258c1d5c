import type { FacilityType } from '../city/city-model.js';
import type { Contribution, RecordIssue, References } from './channel.js';
import { checkDate, facilityPlace, isIssue } from './checks.js';

/** Which facility reports the day, under which field, and the facility types that may. */
export interface FacilityDay {
  readonly facility: string;
  readonly field: string;
  readonly types: readonly FacilityType[];
  readonly date: string;
}

/**
 * How a facility's report of one day feeds the series (a pharmacy's sales, a school's absences, a wastewater
 * site's sample): at the facility's place, on its date, as the facility's own (for its series and reporting
 * completeness). The facility must be known and of one of `types`; the date neither in the future nor too old.
 */
export function facilityDayContribution(
  day: FacilityDay,
  references: References,
  values: Pick<Contribution, 'signals' | 'counts' | 'denominator'>,
): Contribution | RecordIssue {
  const place = facilityPlace(references, day.facility, day.field, day.types);
  if (isIssue(place)) return place;
  const late = checkDate(references, day.date, 'date');
  if (late) return late;
  return { eventDate: day.date, placeCode: place, facilityId: day.facility, ...values };
}
