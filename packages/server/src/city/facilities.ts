import { z } from 'zod';
import type { Facility, FacilityType } from './city-model.js';
import { flag, optionalCount, optionalNumber, optionalText, parseCsvRows, text } from './csv-rows.js';

/**
 * Facilities from the city's data files: hospitals, shelter (fangcang) and field hospitals, community
 * health centres (`facilities.csv`) and the EMS stations known by name (`ems_stations_partial.csv`).
 *
 * Ids are written in the files (column `id`: `<prefix>-F001…` for facilities.csv in its original row
 * order, `<prefix>-E001…` for EMS stations), never derived at load time, so that a row added, removed or
 * re-sorted cannot change the id a reporter already uses in CSV files, HL7 MSH-4 and API tokens. A new
 * row takes the next free number; a number is never reused. `<prefix>-S…` is left to simulated ones.
 *
 * A hospital that runs a fever clinic is a `hospital` with the role `fever_clinic`, not a second
 * facility: in Wuhan fever clinics are departments of hospitals (the 61 of 2020-01-20 all are), and a
 * visit reported by the hospital's fever clinic names the hospital. The type `fever_clinic` remains for a
 * stand-alone clinic. Roles are the 2020 designations the data records.
 */

const TYPE: Readonly<Record<string, FacilityType>> = {
  hospital: 'hospital',
  fangcang_shelter_hospital: 'shelter_hospital',
  emergency_field_hospital: 'field_hospital',
  community_health_center: 'community_health_center',
};

const ROLE_FLAGS = {
  designated_treatment_2020: 'designated_treatment',
  fever_clinic_2020: 'fever_clinic',
  fever_clinic_designated_20200122: 'designated_fever_clinic',
  nat_testing_2020: 'nat_testing',
} as const;

const id = z.string().regex(/^[A-Z]{2,4}-[A-Z]\d{3,}$/, 'must look like WH-F001');
const districtCode = z.string().regex(/^\d{6}$/, 'must be a 6-digit district code');

const facilityRow = z.object({
  id,
  name: text,
  name_en: optionalText,
  type: z.string().refine((t) => t in TYPE, `must be one of ${Object.keys(TYPE).join(', ')}`),
  district_code: districtCode,
  lat_wgs84: optionalNumber.refine((v) => v === null || (v >= -90 && v <= 90), 'latitude out of range'),
  lon_wgs84: optionalNumber.refine((v) => v === null || (v >= -180 && v <= 180), 'longitude out of range'),
  lat_gcj02: optionalNumber,
  lon_gcj02: optionalNumber,
  beds: optionalCount,
  beds_source: optionalText,
  designated_treatment_2020: flag,
  fever_clinic_2020: flag,
  fever_clinic_designated_20200122: flag,
  fangcang_2020: flag,
  field_hospital_2020: flag,
  nat_testing_2020: flag,
  coord_datum_note: optionalText,
  source_coord_lat_lon: optionalText,
  source: optionalText,
  note: optionalText,
});

const EMS_ROLES: Readonly<Record<string, readonly string[]>> = {
  ems_station: [],
  ems_station_ground_and_air: ['air_ambulance'],
  district_ems_centre: ['ems_centre'],
};

const emsRow = z.object({
  id,
  name: text,
  type: z.string().refine((t) => t in EMS_ROLES, `must be one of ${Object.keys(EMS_ROLES).join(', ')}`),
  district_code: districtCode.or(z.literal('')),
  street_code: z.string().regex(/^(\d{9})?$/, 'must be a 9-digit street code or empty'),
  address: optionalText,
  operator: optionalText,
  opened: optionalText,
  lat_wgs84: optionalNumber,
  lon_wgs84: optionalNumber,
  source: optionalText,
  source_date: optionalText,
  note: optionalText,
});

/** A facility with the line it came from, so that a later check (its place exists) can name it. */
export interface FacilityLine {
  readonly file: string;
  readonly line: number;
  readonly facility: Facility;
}

function properties(values: Record<string, string | number | null>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null)) as Record<
    string,
    string | number
  >;
}

export function parseFacilities(file: string, csv: string): FacilityLine[] {
  return parseCsvRows(file, csv, facilityRow).map(({ line, value: r }) => ({
    file,
    line,
    facility: {
      id: r.id,
      name: r.name,
      nameEn: r.name_en,
      type: TYPE[r.type] ?? 'other',
      placeCode: r.district_code,
      lat: r.lat_wgs84,
      lon: r.lon_wgs84,
      beds: r.beds,
      roles: Object.entries(ROLE_FLAGS)
        .filter(([column]) => r[column as keyof typeof ROLE_FLAGS])
        .map(([, role]) => role),
      properties: properties({
        lat_gcj02: r.lat_gcj02,
        lon_gcj02: r.lon_gcj02,
        coord_datum_note: r.coord_datum_note,
        source_coord_lat_lon: r.source_coord_lat_lon,
        beds_source: r.beds_source,
        source: r.source,
        note: r.note,
      }),
    },
  }));
}

/**
 * EMS stations with a place (their street when the source names it, else their district). A station no
 * source places in a district is left out rather than guessed; the loader reports it.
 */
export function parseEmsStations(file: string, csv: string): { loaded: FacilityLine[]; unplaced: string[] } {
  const loaded: FacilityLine[] = [];
  const unplaced: string[] = [];
  for (const { line, value: r } of parseCsvRows(file, csv, emsRow)) {
    const placeCode = r.street_code || r.district_code;
    if (placeCode === '') {
      unplaced.push(`${r.id} ${r.name}`);
      continue;
    }
    loaded.push({
      file,
      line,
      facility: {
        id: r.id,
        name: r.name,
        nameEn: null,
        type: 'ems_station',
        placeCode,
        lat: r.lat_wgs84,
        lon: r.lon_wgs84,
        beds: null,
        roles: EMS_ROLES[r.type] ?? [],
        properties: properties({
          address: r.address,
          operator: r.operator,
          opened: r.opened,
          source: r.source,
          source_date: r.source_date,
          note: r.note,
        }),
      },
    });
  }
  return { loaded, unplaced };
}
