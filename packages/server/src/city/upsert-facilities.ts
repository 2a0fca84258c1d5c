import type pg from 'pg';
import type { Facility } from './city-model.js';
import { upsertRows, type UpsertCount } from './upsert-rows.js';

/** Where a facility row came from: the city's data files, the simulator, or registration through the API. */
export type FacilitySource = 'city-data' | 'simulated' | 'registered';

/**
 * A facility as stored. The type is any string here: the simulator's facilities carry theirs as text, and the
 * table's CHECK constraint is the one place that holds the list.
 */
export type StoredFacility = Omit<Facility, 'type'> & { readonly type: string };

/** Inserts or updates facilities of one city and one source (the city loader and the demo loader share it). */
export function upsertFacilities(
  client: pg.ClientBase,
  cityId: string,
  facilities: readonly StoredFacility[],
  source: FacilitySource,
): Promise<UpsertCount> {
  return upsertRows(client, {
    table: 'facility',
    key: ['id'],
    columns: {
      id: 'text',
      city_id: 'text',
      name: 'text',
      name_en: 'text',
      type: 'text',
      place_code: 'text',
      lat: 'double precision',
      lon: 'double precision',
      beds: 'integer',
      roles: 'text[]',
      properties: 'jsonb',
      source: 'text',
    },
    rows: facilities.map((f) => ({
      id: f.id,
      city_id: cityId,
      name: f.name,
      name_en: f.nameEn,
      type: f.type,
      place_code: f.placeCode,
      lat: f.lat,
      lon: f.lon,
      beds: f.beds,
      roles: f.roles,
      properties: f.properties,
      source,
    })),
  });
}
