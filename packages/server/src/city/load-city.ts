import type pg from 'pg';
import type { CityModel } from './city-model.js';
import { parseCity, readCityFiles } from './read-city.js';
import { upsertFacilities } from './upsert-facilities.js';
import { upsertRows, type UpsertCount } from './upsert-rows.js';

/**
 * Loads the configured city (`data/cities/<id>/`) into the database at start, in one transaction.
 *
 * Idempotent and cheap when nothing changed: the files' fingerprint is compared with the one stored
 * with the city, and only a difference parses the files and upserts the rows, updating just the rows
 * whose values differ. Places and facilities that vanish from the files are kept, because records and
 * alerts refer to them (and a facility id is never reused); facilities other than the city data's own
 * (`source` 'simulated' or 'registered') are never touched. A file problem throws a CityDataError that
 * names the file, line and field, before anything is written.
 */

const LOCK_KEY = 7_415_261; // arbitrary, fixed: "the city loader", beside the migration lock 7_415_260

export interface CityLoad {
  readonly cityId: string;
  /** False when the stored fingerprint matched the files: nothing was parsed or written. */
  readonly changed: boolean;
  readonly places: UpsertCount;
  readonly neighbours: UpsertCount & { readonly removed: number };
  readonly facilities: UpsertCount;
  /** Rows of the data files left out (no place), for the start-up log. */
  readonly unplaced: readonly string[];
  readonly milliseconds: number;
}

const NOTHING: UpsertCount = { inserted: 0, updated: 0 };

export async function loadCity(pool: pg.Pool, folder: string): Promise<CityLoad> {
  const started = performance.now();
  const files = await readCityFiles(folder);
  const cityId = files.manifest.id;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    const stored = await client.query<{ data_hash: string | null }>(
      'SELECT data_hash FROM city WHERE id = $1',
      [cityId],
    );
    if (stored.rows[0]?.data_hash === files.dataHash) {
      await client.query('COMMIT');
      const unchanged = { places: NOTHING, facilities: NOTHING, neighbours: { ...NOTHING, removed: 0 } };
      return {
        cityId,
        changed: false,
        ...unchanged,
        unplaced: [],
        milliseconds: performance.now() - started,
      };
    }
    const { model, unplaced } = parseCity(files);
    const counts = await writeCity(client, model);
    await client.query('COMMIT');
    return { cityId, changed: true, ...counts, unplaced, milliseconds: performance.now() - started };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function writeCity(client: pg.ClientBase, model: CityModel) {
  const { city } = model;
  await upsertRows(client, {
    table: 'city',
    key: ['id'],
    columns: { id: 'text', code: 'text', name: 'text', name_en: 'text', time_zone: 'text' },
    rows: [{ id: city.id, code: city.code, name: city.name, name_en: city.nameEn, time_zone: city.timeZone }],
  });
  const places = await upsertRows(client, {
    table: 'place',
    key: ['code'],
    columns: {
      code: 'text',
      city_id: 'text',
      parent_code: 'text',
      level: 'text',
      name: 'text',
      name_en: 'text',
      unit_type: 'text',
      functional_zone: 'boolean',
      zone: 'text',
      population: 'integer',
      population_note: 'text',
      area_km2: 'double precision',
      lon: 'double precision',
      lat: 'double precision',
      boundary: 'jsonb',
    },
    rows: model.places.map((p) => ({
      code: p.code,
      city_id: city.id,
      parent_code: p.parentCode,
      level: p.level,
      name: p.name,
      name_en: p.nameEn,
      unit_type: p.unitType,
      functional_zone: p.functionalZone,
      zone: p.zone,
      population: p.population,
      population_note: p.populationNote,
      area_km2: p.areaKm2,
      lon: p.lon,
      lat: p.lat,
      boundary: p.boundary,
    })),
  });

  // Borders the polygons no longer show go; the rest are upserted.
  const removed = await client.query(
    `DELETE FROM place_neighbour n USING place p
      WHERE p.code = n.place_code AND p.city_id = $1
        AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS r(place_code text, neighbour_code text)
                         WHERE r.place_code = n.place_code AND r.neighbour_code = n.neighbour_code)`,
    [
      city.id,
      JSON.stringify(
        model.neighbours.map((n) => ({ place_code: n.placeCode, neighbour_code: n.neighbourCode })),
      ),
    ],
  );
  const neighbours = await upsertRows(client, {
    table: 'place_neighbour',
    key: ['place_code', 'neighbour_code'],
    columns: { place_code: 'text', neighbour_code: 'text', border_m: 'integer' },
    rows: model.neighbours.map((n) => ({
      place_code: n.placeCode,
      neighbour_code: n.neighbourCode,
      border_m: n.borderM,
    })),
  });

  const facilities = await upsertFacilities(client, city.id, model.facilities, 'city-data');

  await client.query('UPDATE city SET data_hash = $2, loaded_at = now() WHERE id = $1', [
    city.id,
    model.dataHash,
  ]);
  return { places, neighbours: { ...neighbours, removed: removed.rowCount ?? 0 }, facilities };
}

/** One line for the start-up log. */
export function describeCityLoad(load: CityLoad): string {
  const seconds = `${(load.milliseconds / 1000).toFixed(2)} s`;
  if (!load.changed) return `city ${load.cityId}: data unchanged (${seconds})`;
  const count = (what: string, c: UpsertCount) => `${what} ${c.inserted} new, ${c.updated} updated`;
  const left = load.unplaced.length ? `; left out (no place): ${load.unplaced.join(', ')}` : '';
  return (
    `city ${load.cityId}: loaded in ${seconds} — ${count('places', load.places)}, ` +
    `${count('borders', load.neighbours)}, ${count('facilities', load.facilities)}${left}`
  );
}
