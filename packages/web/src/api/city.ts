import { allPages, api } from './http';

/** The city model: /api/v1/city (districts as GeoJSON, WGS-84), /api/v1/places, /api/v1/facilities. */

export type Position = [number, number];
export interface DistrictProperties {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly zone: 'central' | 'new_urban' | null;
  readonly population: number | null;
  readonly areaKm2: number | null;
  readonly label: Position | null;
}
export interface DistrictFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly properties: DistrictProperties;
  readonly geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] } | null;
}
export interface City {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly timeZone: string;
  readonly population: number | null;
  readonly districts: { readonly type: 'FeatureCollection'; readonly features: DistrictFeature[] };
}

export type PlaceLevel = 'city' | 'district' | 'street' | 'community';
export interface Place {
  readonly code: string;
  readonly level: PlaceLevel;
  readonly name: string;
  readonly nameEn: string | null;
  readonly parentCode: string | null;
  readonly population: number | null;
}

export interface Facility {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly type: string;
  readonly roles: string[];
  readonly placeCode: string;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly beds: number | null;
  readonly source: 'city-data' | 'simulated' | 'registered';
}

let cityOnce: Promise<City> | undefined;
/** The city changes only when it is reloaded: one request per page load. */
export function getCity(): Promise<City> {
  cityOnce ??= api<City>('/api/v1/city').catch((error: unknown) => {
    cityOnce = undefined;
    throw error;
  });
  return cityOnce;
}

export const listPlaces = (query: { level?: PlaceLevel; parent?: string; q?: string }) =>
  allPages<Place>('/api/v1/places', { ...query, limit: 1000 });

export const listFacilities = (query: { type?: string; role?: string; place?: string }) =>
  allPages<Facility>('/api/v1/facilities', { ...query, limit: 1000 });
