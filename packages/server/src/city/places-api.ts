import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../http/api-error.js';
import type { Platform } from '../http/app.js';
import { PLACE_LEVELS } from './city-model.js';
import { badQuery, decodeCursor, likeLiteral, pageOf, pageQuery, toPage } from './page.js';
import { access } from '../access/route-access.js';

/** GET /api/v1/places (the place tree, filtered and paged) and GET /api/v1/places/{code}. */

export const placeCode = z
  .string()
  .regex(/^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$/, 'a place code has 4, 6, 9 or 12 digits');

const placeRef = z.object({
  code: z.string(),
  level: z.enum(PLACE_LEVELS),
  name: z.string().describe('zh-CN'),
  nameEn: z.string().nullable(),
});

const place = placeRef.extend({
  parentCode: z.string().nullable(),
  unitType: z.string().nullable().describe('NBS unit type: 街道, 镇, 乡, 类似乡级单位, 居委会, 村委会, …'),
  functionalZone: z.boolean().describe('development zone, farm or scenic area (类似乡级单位)'),
  zone: z.enum(['central', 'new_urban']).nullable().describe('districts: 中心城区 or 新城区'),
  population: z.number().int().nullable().describe('2020 census, administrative area; null below district'),
  populationNote: z.string().nullable(),
  areaKm2: z.number().nullable(),
});
export type PlaceView = z.output<typeof place>;

const placeDetail = place.extend({
  ancestors: z.array(placeRef).describe('from the city down to the parent'),
  childCount: z.number().int(),
  descendantCounts: z
    .partialRecord(z.enum(PLACE_LEVELS), z.number().int())
    .describe('places below, by level'),
  neighbours: z.array(placeRef.extend({ borderM: z.number().int() })).describe('districts sharing a border'),
  facilityCount: z.number().int().describe('facilities in the place and below'),
});
export type PlaceDetail = z.output<typeof placeDetail>;

const listQuery = z.object({
  level: z.enum(PLACE_LEVELS).optional(),
  parent: placeCode.optional().describe('direct children of this place'),
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('part of the name (zh-CN or English) or start of the code'),
  ...pageQuery,
});

const COLUMNS = `code, level, name, name_en, parent_code, unit_type, functional_zone, zone, population,
  population_note, area_km2`;

interface PlaceRow {
  code: string;
  level: PlaceView['level'];
  name: string;
  name_en: string | null;
  parent_code: string | null;
  unit_type: string | null;
  functional_zone: boolean;
  zone: PlaceView['zone'];
  population: number | null;
  population_note: string | null;
  area_km2: number | null;
}

const ref = (r: Pick<PlaceRow, 'code' | 'level' | 'name' | 'name_en'>) => ({
  code: r.code,
  level: r.level,
  name: r.name,
  nameEn: r.name_en,
});
const view = (r: PlaceRow): PlaceView => ({
  ...ref(r),
  parentCode: r.parent_code,
  unitType: r.unit_type,
  functionalZone: r.functional_zone,
  zone: r.zone,
  population: r.population,
  populationNote: r.population_note,
  areaKm2: r.area_km2,
});

export const placesApi =
  ({ config, db }: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/places',
      {
        config: access.signedIn(),
        schema: {
          tags: ['city'],
          summary: 'Places: city, districts, streets/towns, communities/villages (地区)',
          querystring: listQuery,
          response: { 200: pageOf(place) },
        },
      },
      async (request) => {
        const { level, parent, q, limit, cursor } = request.query;
        const after = decodeCursor(request, cursor);
        if (parent !== undefined) {
          const found = await db.pool.query('SELECT 1 FROM place WHERE code = $1 AND city_id = $2', [
            parent,
            config.city,
          ]);
          if (found.rowCount === 0)
            throw badQuery(request, 'parent', 'query.unknown-place', { code: parent });
        }
        const rows = await db.pool.query<PlaceRow>(
          `SELECT ${COLUMNS} FROM place
            WHERE city_id = $1
              AND ($2::text IS NULL OR level = $2)
              AND ($3::text IS NULL OR parent_code = $3)
              AND ($4::text IS NULL OR name ILIKE '%' || $4 || '%' OR name_en ILIKE '%' || $4 || '%' OR code LIKE $4 || '%')
              AND ($5::text IS NULL OR code > $5)
            ORDER BY code
            LIMIT $6`,
          [
            config.city,
            level ?? null,
            parent ?? null,
            q === undefined ? null : likeLiteral(q),
            after ?? null,
            limit + 1,
          ],
        );
        return toPage(rows.rows, limit, (r) => r.code, view);
      },
    );

    app.get(
      '/api/v1/places/:code',
      {
        config: access.signedIn(),
        schema: {
          tags: ['city'],
          summary: 'One place with its ancestors, the counts below it and its neighbours',
          params: z.object({ code: placeCode }),
          response: { 200: placeDetail },
        },
      },
      async (request) => {
        const { code } = request.params;
        const found = await db.pool.query<PlaceRow>(
          `SELECT ${COLUMNS} FROM place WHERE code = $1 AND city_id = $2`,
          [code, config.city],
        );
        const row = found.rows[0];
        if (!row) throw new ApiError('not-found', 'place.not-found', { code });
        // Codes nest by prefix (checked by the loader), so "below" is a prefix match.
        const [ancestors, below, neighbours, facilities] = await Promise.all([
          db.pool.query<PlaceRow & { depth: number }>(
            `WITH RECURSIVE up AS (
               SELECT code, level, name, name_en, parent_code, 0 AS depth FROM place WHERE code = $1
               UNION ALL
               SELECT p.code, p.level, p.name, p.name_en, p.parent_code, up.depth + 1
                 FROM place p JOIN up ON p.code = up.parent_code WHERE up.depth < 10)
             SELECT code, level, name, name_en, depth FROM up WHERE depth > 0 ORDER BY depth DESC`,
            [code],
          ),
          db.pool.query<{ level: PlaceView['level']; n: number; children: number }>(
            `SELECT level, count(*) AS n, count(*) FILTER (WHERE parent_code = $1) AS children
               FROM place WHERE code LIKE $2 || '%' AND code <> $1 GROUP BY level`,
            [code, likeLiteral(code)],
          ),
          db.pool.query<PlaceRow & { border_m: number }>(
            `SELECT p.code, p.level, p.name, p.name_en, n.border_m
               FROM place_neighbour n JOIN place p ON p.code = n.neighbour_code
              WHERE n.place_code = $1 ORDER BY p.code`,
            [code],
          ),
          db.pool.query<{ n: number }>(`SELECT count(*) AS n FROM facility WHERE place_code LIKE $1 || '%'`, [
            likeLiteral(code),
          ]),
        ]);
        return {
          ...view(row),
          ancestors: ancestors.rows.map(ref),
          childCount: below.rows.reduce((sum, r) => sum + r.children, 0),
          descendantCounts: Object.fromEntries(below.rows.map((r) => [r.level, r.n])),
          neighbours: neighbours.rows.map((r) => ({ ...ref(r), borderM: r.border_m })),
          facilityCount: facilities.rows[0]?.n ?? 0,
        };
      },
    );
  };
