import { z } from 'zod';
import type { UrbanZone } from './city-model.js';
import { optionalNumber, optionalText, parseCsvRows, text } from './csv-rows.js';

/** District attributes beyond the division list (`districts.csv`): English name, zone and area. */

const row = z.object({
  code: z.string().regex(/^\d{6}$/, 'must be a 6-digit district code'),
  name: text,
  name_en: optionalText,
  zone: z.enum(['central', 'new_urban']),
  area_km2_computed: optionalNumber.refine((a) => a === null || a > 0, 'must be positive'),
});

export interface DistrictAttributes {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly zone: UrbanZone;
  readonly areaKm2: number | null;
}

export function parseDistricts(file: string, csv: string): DistrictAttributes[] {
  return parseCsvRows(file, csv, row).map(({ value: r }) => ({
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    zone: r.zone,
    areaKm2: r.area_km2_computed,
  }));
}
