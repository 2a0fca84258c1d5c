/**
 * A facility the simulation reports through. The first fields are the server's Facility
 * (packages/server/src/city/city-model.ts), so that the simulated ones can be stored as they are (with
 * `source` 'simulated'); the rest is what the simulator needs.
 */

/** Which channel a facility reports on. */
export type ReportingRole =
  'fever_clinic' | 'sentinel_hospital' | 'pharmacy' | 'school' | 'lab' | 'wastewater_site';

export type SchoolLevel = 'kindergarten' | 'primary' | 'middle';

export interface SimFacility {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string | null;
  /** The server's facility type (hospital, sentinel_hospital, pharmacy, school, lab, wastewater_site, …). */
  readonly type: string;
  /** Its street (simulated facilities) or its district (the city data's). */
  readonly placeCode: string;
  /** WGS-84. */
  readonly lat: number | null;
  readonly lon: number | null;
  readonly beds: number | null;
  readonly roles: readonly string[];
  readonly properties: Readonly<Record<string, string | number | boolean>>;
  /** 'city-data': loaded with the city already; 'simulated': to be stored before its records. */
  readonly source: 'city-data' | 'simulated';
  readonly reports: ReportingRole;
  readonly districtCode: string;
  /** Relative volume (mean about 1): its share of its district's patients, a store's turnover, a lab's samples. */
  readonly size: number;
  readonly school?: { readonly level: SchoolLevel; readonly enrolled: number };
  /** Labs and wastewater sites: the districts whose samples or sewage they take. */
  readonly catchment?: readonly string[];
}
