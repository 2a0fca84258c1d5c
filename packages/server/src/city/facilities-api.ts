import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../http/api-error.js';
import type { Platform } from '../http/app.js';
import { FACILITY_TYPES } from './city-model.js';
import { badQuery, decodeCursor, likeLiteral, pageOf, pageQuery, toPage } from './page.js';
import { placeCode } from './places-api.js';
import { access } from '../access/route-access.js';

/** GET /api/v1/facilities (filtered by type, role and place, paged) and GET /api/v1/facilities/{id}. */

const facility = z.object({
  id: z.string().describe('stable id used by reporters: CSV files, HL7 MSH-4, API tokens'),
  name: z.string().describe('zh-CN'),
  nameEn: z.string().nullable(),
  type: z.enum(FACILITY_TYPES),
  roles: z.array(z.string()).describe('e.g. fever_clinic, designated_treatment, nat_testing'),
  placeCode: z.string().describe('its street when known, else its district'),
  lat: z.number().nullable().describe('WGS-84'),
  lon: z.number().nullable().describe('WGS-84'),
  beds: z.number().int().nullable(),
  source: z.enum(['city-data', 'simulated', 'registered']),
  properties: z.record(z.string(), z.unknown()).describe('source notes, GCJ-02 coordinates, …'),
});
export type FacilityView = z.output<typeof facility>;

const listQuery = z.object({
  type: z.enum(FACILITY_TYPES).optional(),
  role: z
    .string()
    .regex(/^[a-z_]{1,40}$/, 'a role is lower-case letters and _')
    .optional(),
  place: placeCode.optional().describe('facilities in this place or below it'),
  ...pageQuery,
});

interface FacilityRow {
  id: string;
  name: string;
  name_en: string | null;
  type: z.output<typeof facility>['type'];
  roles: string[];
  place_code: string;
  lat: number | null;
  lon: number | null;
  beds: number | null;
  source: z.output<typeof facility>['source'];
  properties: Record<string, unknown>;
}

const COLUMNS = 'id, name, name_en, type, roles, place_code, lat, lon, beds, source, properties';

const view = (r: FacilityRow) => ({
  id: r.id,
  name: r.name,
  nameEn: r.name_en,
  type: r.type,
  roles: r.roles,
  placeCode: r.place_code,
  lat: r.lat,
  lon: r.lon,
  beds: r.beds,
  source: r.source,
  properties: r.properties,
});

export const facilitiesApi =
  ({ config, db }: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/facilities',
      {
        config: access.signedIn(),
        schema: {
          tags: ['city'],
          summary: 'Facilities: hospitals, fever clinics, shelter hospitals, EMS stations, … (机构)',
          querystring: listQuery,
          response: { 200: pageOf(facility) },
        },
      },
      async (request) => {
        const { type, role, place, limit, cursor } = request.query;
        const after = decodeCursor(request, cursor);
        if (place !== undefined) {
          const found = await db.pool.query('SELECT 1 FROM place WHERE code = $1 AND city_id = $2', [
            place,
            config.city,
          ]);
          if (found.rowCount === 0) throw badQuery(request, 'place', 'query.unknown-place', { code: place });
        }
        const rows = await db.pool.query<FacilityRow>(
          `SELECT ${COLUMNS} FROM facility
            WHERE city_id = $1
              AND ($2::text IS NULL OR type = $2)
              AND ($3::text IS NULL OR $3 = ANY (roles))
              AND ($4::text IS NULL OR place_code LIKE $4 || '%')
              AND ($5::text IS NULL OR id > $5)
            ORDER BY id
            LIMIT $6`,
          [
            config.city,
            type ?? null,
            role ?? null,
            place === undefined ? null : likeLiteral(place),
            after ?? null,
            limit + 1,
          ],
        );
        return toPage(rows.rows, limit, (r) => r.id, view);
      },
    );

    app.get(
      '/api/v1/facilities/:id',
      {
        config: access.signedIn(),
        schema: {
          tags: ['city'],
          summary: 'One facility',
          params: z.object({ id: z.string().max(40) }),
          response: { 200: facility },
        },
      },
      async (request) => {
        const { id } = request.params;
        const found = await db.pool.query<FacilityRow>(
          `SELECT ${COLUMNS} FROM facility WHERE id = $1 AND city_id = $2`,
          [id, config.city],
        );
        const row = found.rows[0];
        if (!row) throw new ApiError('not-found', 'facility.not-found', { id });
        return view(row);
      },
    );
  };
