import type { Contribution, RecordIssue, References } from './channel.js';
import { checkInstant, isIssue, knownPlace } from './checks.js';
import type { Instant } from './time.js';

/** What a text message (a hotline call, a public-opinion post) has that the series need. */
export interface TextMessage {
  readonly time: Instant;
  readonly category?: string | undefined;
  readonly place?: string | undefined;
}

/**
 * How a hotline message or an opinion post feeds the series: `all` and its category when given, on the day it
 * was written, at its place when known, else at the city. No facility reports it, so no completeness.
 */
export function messageContribution(r: TextMessage, references: References): Contribution | RecordIssue {
  const place = r.place === undefined ? references.rootPlace : knownPlace(references, r.place, 'place');
  if (place === undefined) return { field: 'place', key: 'field.required' };
  if (isIssue(place)) return place;
  const late = checkInstant(references, r.time, 'time');
  if (late) return late;
  return {
    eventDate: r.time.date,
    placeCode: place,
    facilityId: null,
    signals: r.category === undefined ? ['all'] : ['all', r.category],
    counts: null,
    denominator: null,
  };
}
