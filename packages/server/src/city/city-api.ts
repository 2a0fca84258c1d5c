import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../http/api-error.js';
import type { Platform } from '../http/app.js';
import { access } from '../access/route-access.js';

/** GET /api/v1/city: the configured city with its district polygons (GeoJSON, WGS-84) for the map. */

/** A district's boundary, GeoJSON in WGS-84. */
export const geometry = z.object({
  type: z.enum(['Polygon', 'MultiPolygon']),
  coordinates: z.array(z.unknown()).describe('GeoJSON positions [lon, lat], WGS-84'),
});

const district = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  properties: z.object({
    code: z.string(),
    name: z.string().describe('zh-CN'),
    nameEn: z.string().nullable(),
    zone: z.enum(['central', 'new_urban']).nullable().describe('中心城区 or 新城区'),
    population: z.number().int().nullable(),
    areaKm2: z.number().nullable(),
    label: z.tuple([z.number(), z.number()]).nullable().describe('label point [lon, lat]'),
  }),
  geometry: geometry.nullable(),
});

const city = z.object({
  id: z.string(),
  code: z.string().describe('GB/T 2260'),
  name: z.string().describe('zh-CN'),
  nameEn: z.string(),
  timeZone: z.string(),
  population: z.number().int().nullable().describe('2020 census'),
  districts: z.object({ type: z.literal('FeatureCollection'), features: z.array(district) }),
});
export type CityView = z.output<typeof city>;

interface DistrictRow {
  code: string;
  name: string;
  name_en: string | null;
  zone: 'central' | 'new_urban' | null;
  population: number | null;
  area_km2: number | null;
  lon: number | null;
  lat: number | null;
  boundary: z.output<typeof geometry> | null;
}

/** A place's label point as GeoJSON [lon, lat], when it has one. */
export const labelPoint = (row: { lon: number | null; lat: number | null }): [number, number] | null =>
  row.lon === null || row.lat === null ? null : [row.lon, row.lat];

export const cityApi =
  ({ config, db }: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/city',
      {
        config: access.signedIn(),
        schema: {
          tags: ['city'],
          summary: 'The city and its districts, as GeoJSON for the map',
          response: { 200: city },
        },
      },
      async () => {
        const found = await db.pool.query<{
          id: string;
          code: string;
          name: string;
          name_en: string;
          time_zone: string;
          population: number | null;
        }>(
          `SELECT c.id, c.code, c.name, c.name_en, c.time_zone, p.population
             FROM city c LEFT JOIN place p ON p.code = c.code
            WHERE c.id = $1`,
          [config.city],
        );
        const row = found.rows[0];
        if (!row) throw new ApiError('not-found', 'city.not-loaded', { city: config.city });
        const districts = await db.pool.query<DistrictRow>(
          `SELECT code, name, name_en, zone, population, area_km2, lon, lat, boundary
             FROM place WHERE city_id = $1 AND level = 'district' ORDER BY code`,
          [config.city],
        );
        return {
          id: row.id,
          code: row.code,
          name: row.name,
          nameEn: row.name_en,
          timeZone: row.time_zone,
          population: row.population,
          districts: {
            type: 'FeatureCollection' as const,
            features: districts.rows.map((d) => ({
              type: 'Feature' as const,
              id: d.code,
              properties: {
                code: d.code,
                name: d.name,
                nameEn: d.name_en,
                zone: d.zone,
                population: d.population,
                areaKm2: d.area_km2,
                label: labelPoint(d),
              },
              geometry: d.boundary,
            })),
          },
        };
      },
    );
  };
