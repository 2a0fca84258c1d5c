import type { Geometry } from './boundaries.js';

/**
 * The city as the loader writes it: plain values read from `data/cities/<id>/`, before any database.
 * Places nest by code (NBS statistical division codes: 4-digit city, 6-digit district, 9-digit
 * street/town, 12-digit community/village).
 */

export const PLACE_LEVELS = ['city', 'district', 'street', 'community'] as const;
export type PlaceLevel = (typeof PLACE_LEVELS)[number];

/** 中心城区 (10-minute EMS circle) or 新城区 (12-minute circle). */
export type UrbanZone = 'central' | 'new_urban';

export interface Place {
  readonly code: string;
  readonly parentCode: string | null;
  readonly level: PlaceLevel;
  readonly name: string;
  readonly nameEn: string | null;
  /** NBS unit type: 街道, 镇, 乡, 类似乡级单位, 居委会, 村委会, … */
  readonly unitType: string | null;
  /** A development zone, farm or scenic area with a statistical code but no administrative status. */
  readonly functionalZone: boolean;
  readonly zone: UrbanZone | null;
  /** Residents (2020 census, administrative area); null where no census figure exists. */
  readonly population: number | null;
  readonly populationNote: string | null;
  readonly areaKm2: number | null;
  readonly lon: number | null;
  readonly lat: number | null;
  readonly boundary: Geometry | null;
}

export const FACILITY_TYPES = [
  'hospital',
  'fever_clinic',
  'sentinel_hospital',
  'shelter_hospital',
  'field_hospital',
  'community_health_center',
  'pharmacy',
  'school',
  'lab',
  'ems_station',
  'warehouse',
  'wastewater_site',
  'other',
] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];

export interface Facility {
  /** Stable id used by reporters (CSV files, HL7 MSH-4, API tokens); written in the data file. */
  readonly id: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly type: FacilityType;
  /** The facility's street when the data names it, else its district. */
  readonly placeCode: string;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly beds: number | null;
  readonly roles: readonly string[];
  readonly properties: Readonly<Record<string, string | number | boolean>>;
}

export interface Neighbour {
  readonly placeCode: string;
  readonly neighbourCode: string;
  readonly borderM: number;
}

export interface CityModel {
  readonly city: {
    readonly id: string;
    readonly code: string;
    readonly name: string;
    readonly nameEn: string;
    readonly timeZone: string;
  };
  readonly places: readonly Place[];
  /** Both directions of every shared district border. */
  readonly neighbours: readonly Neighbour[];
  readonly facilities: readonly Facility[];
  /** sha256 of the files read and the loader version. */
  readonly dataHash: string;
}
