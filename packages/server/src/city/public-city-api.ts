import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { shanghaiDate } from '../channels/time.js';
import { ApiError } from '../http/api-error.js';
import type { Platform } from '../http/app.js';
import { addDays } from '../series/periods.js';
import { geometry, labelPoint } from './city-api.js';

/**
 * GET /api/v1/public/city (no login): what the public situation page shows — the district polygons
 * (WGS-84), and per district the notifiable-disease cases of the last 7 days and the open public alerts,
 * each count below 5 (but not 0) given as "<5", here on the server, so no small group can be singled
 * out from the answer whatever the client does with it.
 */

export const SMALL_COUNT = 5;

const suppressed = z.union([z.number().int(), z.literal('<5')]);
export const suppress = (n: number): number | '<5' => (n > 0 && n < SMALL_COUNT ? '<5' : n);

const district = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  properties: z.object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    label: z.tuple([z.number(), z.number()]).nullable(),
    cases7d: suppressed.describe('notifiable-disease cases by onset in the last 7 days'),
    publicAlerts: suppressed.describe('open public alerts in the district'),
  }),
  geometry: geometry.nullable(),
});

const answer = z.object({
  name: z.string(),
  nameEn: z.string(),
  from: z.string(),
  to: z.string(),
  districts: z.object({ type: z.literal('FeatureCollection'), features: z.array(district) }),
});

interface Row {
  code: string;
  name: string;
  name_en: string | null;
  lon: number | null;
  lat: number | null;
  boundary: z.output<typeof district>['geometry'];
  cases: number;
  alerts: number;
}

export const publicCityApi =
  ({ config, db }: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    const publicRoute = { access: { public: true as const } };
    app.get(
      '/api/v1/public/city',
      {
        config: publicRoute,
        schema: {
          tags: ['public'],
          summary: 'Districts with public counts (small counts as "<5") for the public page (no login)',
          response: { 200: answer },
        },
      },
      async () => {
        const city = await db.pool.query<{ name: string; name_en: string }>(
          'SELECT name, name_en FROM city WHERE id = $1',
          [config.city],
        );
        const found = city.rows[0];
        if (!found) throw new ApiError('not-found', 'city.not-loaded', { city: config.city });
        const to = shanghaiDate(Date.now());
        const from = addDays(to, -6);
        const rows = await db.pool.query<Row>(
          `SELECT p.code, p.name, p.name_en, p.lon, p.lat, p.boundary,
                  (SELECT count(*)::int FROM report_card_record r
                    WHERE r.active AND r.place_code LIKE p.code || '%'
                      AND r.event_date BETWEEN $2::date AND $3::date) AS cases,
                  (SELECT count(*)::int FROM alert a
                    WHERE a.public AND a.status = 'open' AND a.place_code LIKE p.code || '%') AS alerts
             FROM place p WHERE p.city_id = $1 AND p.level = 'district' ORDER BY p.code`,
          [config.city, from, to],
        );
        return {
          name: found.name,
          nameEn: found.name_en,
          from,
          to,
          districts: {
            type: 'FeatureCollection' as const,
            features: rows.rows.map((r) => ({
              type: 'Feature' as const,
              id: r.code,
              properties: {
                code: r.code,
                name: r.name,
                nameEn: r.name_en,
                label: labelPoint(r),
                cases7d: suppress(r.cases),
                publicAlerts: suppress(r.alerts),
              },
              geometry: r.boundary,
            })),
          },
        };
      },
    );
  };
