import type { SpringFestival } from '../calendar.js';

/**
 * The city as the simulator takes it: plain values that the server reads from `data/cities/<id>/` and the
 * calendar (the engine reads no files). The shapes are a structural subset of the server's CityModel
 * (packages/server/src/city/city-model.ts), so the server passes its model's places and facilities as
 * they are.
 */

export type PlaceLevel = 'city' | 'district' | 'street' | 'community';

type Position = readonly number[];
/** A GeoJSON Polygon or MultiPolygon in WGS-84, as the city's boundary file gives it. */
export type Boundary =
  | { readonly type: 'Polygon'; readonly coordinates: readonly (readonly Position[])[] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly (readonly Position[])[])[] };

export interface CityPlaceInput {
  readonly code: string;
  readonly parentCode: string | null;
  readonly level: PlaceLevel;
  readonly name: string;
  /** NBS unit type: 街道, 镇, 乡, 类似乡级单位, 居委会, 村委会, … */
  readonly unitType: string | null;
  /** 中心城区 'central' or 新城区 'new_urban' (districts). */
  readonly zone: 'central' | 'new_urban' | null;
  /** Residents; the simulator needs them for the districts. */
  readonly population: number | null;
  readonly areaKm2: number | null;
  /** WGS-84 label point (districts). */
  readonly lon: number | null;
  readonly lat: number | null;
  readonly boundary?: Boundary | null;
}

export interface CityFacilityInput {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  /** The facility's street, or its district. */
  readonly placeCode: string;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly roles: readonly string[];
}

export interface CityInput {
  /** The city's id, its folder's name (wuhan): a scenario names it. */
  readonly id: string;
  /** The city's place code (Wuhan 4201). */
  readonly code: string;
  readonly name: string;
  /** Facility ids start with it (Wuhan `WH`): simulated ones are `<prefix>-S…`. */
  readonly facilityIdPrefix: string;
  readonly places: readonly CityPlaceInput[];
  readonly facilities: readonly CityFacilityInput[];
  /** From data/calendar/spring_festival.csv. */
  readonly springFestivals: readonly SpringFestival[];
}
