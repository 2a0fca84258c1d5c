import { z } from 'zod';
import { CityDataError } from './city-data-error.js';
import type { PlaceLevel } from './city-model.js';
import { optionalText, parseCsvRows, text } from './csv-rows.js';

/**
 * The place tree from the NBS statistical division codes (`divisions.csv`): the city, its districts,
 * their streets/towns and their communities/villages, each nested in its parent by code prefix.
 */

const CODE_LENGTH: Readonly<Record<PlaceLevel, number>> = { city: 4, district: 6, street: 9, community: 12 };
const PARENT_LEVEL: Readonly<Record<PlaceLevel, PlaceLevel | null>> = {
  city: null,
  district: 'city',
  street: 'district',
  community: 'street',
};

/** NBS township-level units that are development zones, farms, scenic areas: not administrative. */
export const FUNCTIONAL_ZONE_UNIT_TYPE = '类似乡级单位';

const row = z.object({
  // The NBS file says "village" for the community/village level.
  level: z
    .enum(['city', 'district', 'street', 'village', 'community'])
    .transform((l): PlaceLevel => (l === 'village' ? 'community' : l)),
  code: z.string().regex(/^\d+$/, 'must be digits'),
  name: text,
  parent_code: optionalText,
  unit_type: optionalText,
});

export interface Division {
  readonly code: string;
  readonly parentCode: string | null;
  readonly level: PlaceLevel;
  readonly name: string;
  readonly unitType: string | null;
  readonly functionalZone: boolean;
}

export function parseDivisions(file: string, csv: string, cityCode: string): Division[] {
  const rows = parseCsvRows(file, csv, row);
  const levelOf = new Map<string, PlaceLevel>();
  const divisions: Division[] = [];
  for (const { line, value: r } of rows) {
    const fail = (field: string, reason: string) => new CityDataError(file, reason, line, field);
    if (r.code.length !== CODE_LENGTH[r.level]) {
      throw fail(
        'code',
        `a ${r.level} code has ${CODE_LENGTH[r.level]} digits, not ${r.code.length} ("${r.code}")`,
      );
    }
    if (!r.code.startsWith(cityCode)) throw fail('code', `"${r.code}" is not inside the city ${cityCode}`);
    if (levelOf.has(r.code)) throw fail('code', `"${r.code}" appears twice`);
    const parentLevel = PARENT_LEVEL[r.level];
    let parentCode: string | null = null;
    if (parentLevel === null) {
      if (r.code !== cityCode) throw fail('code', `the city row must have the city's code ${cityCode}`);
    } else {
      parentCode = r.parent_code;
      if (parentCode === null || levelOf.get(parentCode) !== parentLevel) {
        throw fail('parent_code', `"${r.parent_code ?? ''}" is not a ${parentLevel} listed above this row`);
      }
      if (!r.code.startsWith(parentCode))
        throw fail('code', `"${r.code}" does not start with its parent's code`);
    }
    levelOf.set(r.code, r.level);
    divisions.push({
      code: r.code,
      parentCode,
      level: r.level,
      name: r.name,
      unitType: r.unit_type,
      functionalZone: r.unit_type === FUNCTIONAL_ZONE_UNIT_TYPE,
    });
  }
  if (!levelOf.has(cityCode)) throw new CityDataError(file, `no city row with code ${cityCode}`);
  return divisions;
}
