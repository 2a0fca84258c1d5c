import { z } from 'zod';
import { count, optionalText, parseCsvRows, text } from './csv-rows.js';

/**
 * The census bulletin's table as published (`census2020_bulletin_units.csv`): the city total, the units
 * it reports (administrative districts and functional zones) and the sub-items it names inside them.
 */

const row = z.object({
  unit_cn: text,
  unit_en: optionalText,
  unit_type: z.enum(['city', 'district', 'functional_zone', 'functional_zone_subitem']),
  admin_code: z
    .string()
    .trim()
    .regex(/^(\d{6})?$/, 'must be a 6-digit district code or empty')
    .transform((s) => (s === '' ? null : s)),
  resident_population_2020: count,
});

export interface CensusUnit {
  readonly unit: string;
  readonly unitEn: string | null;
  readonly unitType: z.output<typeof row>['unit_type'];
  /** The administrative district the unit is (or, for a sub-item, the district it names), if any. */
  readonly adminCode: string | null;
  readonly population: number;
}

export function parseCensusUnits(file: string, csv: string): CensusUnit[] {
  return parseCsvRows(file, csv, row).map(({ value: r }) => ({
    unit: r.unit_cn,
    unitEn: r.unit_en,
    unitType: r.unit_type,
    adminCode: r.admin_code,
    population: r.resident_population_2020,
  }));
}
