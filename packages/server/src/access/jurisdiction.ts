import { likeLiteral } from '../city/page.js';
import type { Principal } from './roles.js';

/**
 * Jurisdiction: place codes nest by prefix (city 4 digits, district 6, street 9, community 12), so a
 * caller's subtree is every code that starts with their jurisdiction's code.
 */

/** Whether `placeCode` lies in the caller's jurisdiction (their place or below it). */
export const inJurisdiction = (principal: Pick<Principal, 'jurisdiction'>, placeCode: string): boolean =>
  placeCode.startsWith(principal.jurisdiction);

/**
 * A WHERE fragment that keeps the rows of `column` inside the caller's subtree, as `column LIKE $n || '%'`
 * with the jurisdiction passed as parameter `$n` (never spliced into the SQL). Usage:
 * `const scope = jurisdictionScope(principal, 'a.place_code', params.length + 1); params.push(scope.value)`.
 */
export function jurisdictionScope(
  principal: Pick<Principal, 'jurisdiction'>,
  column: string,
  parameter: number,
): { readonly sql: string; readonly value: string } {
  if (!/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/.test(column)) throw new Error(`not a column: ${column}`);
  return { sql: `${column} LIKE $${parameter} || '%'`, value: likeLiteral(principal.jurisdiction) };
}

/**
 * A requested place narrowed to the caller's subtree: a place inside it stays, none requested gives the
 * jurisdiction itself, and a place outside it is `undefined` (the caller may see nothing there).
 */
export function scopedPlace(principal: Pick<Principal, 'jurisdiction'>, place: string | undefined) {
  if (place === undefined) return principal.jurisdiction;
  if (place.startsWith(principal.jurisdiction)) return place;
  // A place above the jurisdiction (the city, for a district officer) narrows to the jurisdiction.
  if (principal.jurisdiction.startsWith(place)) return principal.jurisdiction;
  return undefined;
}
