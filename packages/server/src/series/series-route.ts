import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CHANNEL_IDS } from '../channels/channel-id.js';
import { parseDate, shanghaiDate } from '../channels/time.js';
import type { Platform } from '../http/app.js';
import { ApiError, invalid, notFound } from '../http/api-error.js';
import { addDays, periodLength, periodStart, periodsFrom } from './periods.js';
import { querySeries } from './query-series.js';
import { inJurisdiction } from '../access/jurisdiction.js';
import { access, principalOf } from '../access/route-access.js';
import { SURVEILLANCE_READERS } from '../access/roles.js';

const day = z.string().refine((v) => parseDate(v) !== undefined, 'expected a date YYYY-MM-DD');

const query = z.object({
  channel: z.enum(CHANNEL_IDS),
  signal: z.string().min(1).max(64),
  /** A place code (its series counts every record at or below it); default: the city. */
  place: z
    .string()
    .regex(/^\d{4,12}$/)
    .optional(),
  /** A facility's own series instead of a place's. */
  facility: z.string().min(1).max(64).optional(),
  interval: z.enum(['day', 'week']).default('day'),
  from: day.optional(),
  to: day.optional(),
  /** Periods per page. */
  limit: z.coerce.number().int().min(1).max(5000).default(366),
  /** The period to start this page at, from the previous page's `next`. */
  cursor: day.optional(),
});

const completeness = z.object({ reported: z.number(), expected: z.number(), ratio: z.number().nullable() });
const point = z.object({
  period: z.string(),
  count: z.number().nullable(),
  records: z.number().nullable(),
  denominator: z.number().nullable().optional(),
  mean: z.number().nullable().optional(),
  completeness: completeness.optional(),
});
const page = z.object({
  channel: z.string(),
  signal: z.string(),
  place: z.string().nullable(),
  facility: z.string().nullable(),
  interval: z.enum(['day', 'week']),
  from: z.string(),
  to: z.string(),
  points: z.array(point),
  /** Pass as `cursor` for the next page; null on the last. */
  next: z.string().nullable(),
});

/** GET /api/v1/series: one (channel, signal, place or facility) series by day or ISO week, a page at a time. */
export const seriesRoute =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/series',
      {
        config: access.roles(...SURVEILLANCE_READERS),
        schema: {
          tags: ['series'],
          summary: 'A count series of one channel and signal at a place (or a facility), by day or ISO week',
          description:
            'Every period from `from` to `to` is present: zero where no record counted; a facility series is null ' +
            'on days the facility did not report. Place series of channels with daily reporters carry completeness. ' +
            'Weeks are ISO weeks named by their Monday. Default range: the last 90 days (or 52 weeks).',
          querystring: query,
          response: { 200: page },
        },
      },
      async (request) => {
        const q = request.query;
        if (q.place !== undefined && q.facility !== undefined)
          throw invalid('give place or facility, not both');
        const pool = platform.db.pool;
        const caller = principalOf(request);
        const outside = (what: string) => new ApiError('forbidden', 'access.outside-jurisdiction', { what });
        let place = q.place;
        if (q.facility !== undefined) {
          const found = await pool.query<{ place_code: string }>(
            'SELECT place_code FROM facility WHERE id = $1',
            [q.facility],
          );
          const at = found.rows[0]?.place_code;
          if (at === undefined) throw notFound(`facility ${q.facility}`);
          if (!inJurisdiction(caller, at)) throw outside(`facility ${q.facility}`);
        } else if (place === undefined) {
          const root = await pool.query<{ code: string }>(
            "SELECT code FROM place WHERE level = 'city' ORDER BY code LIMIT 1",
          );
          place = root.rows[0]?.code;
          if (place === undefined) throw notFound('place');
          // Without a place: the city for city-wide callers, the caller's own jurisdiction otherwise.
          if (!inJurisdiction(caller, place)) place = caller.jurisdiction;
        } else {
          if (!inJurisdiction(caller, place)) throw outside(`place ${place}`);
          const found = await pool.query('SELECT 1 FROM place WHERE code = $1', [place]);
          if (found.rowCount === 0) throw notFound(`place ${place}`);
        }
        const to = periodStart(q.to ?? shanghaiDate(Date.now()), q.interval);
        const from = periodStart(q.from ?? addDays(to, -(q.interval === 'week' ? 51 * 7 : 89)), q.interval);
        if (from > to) throw new ApiError('invalid', 'error.invalid', { detail: 'from is after to' });
        const start = q.cursor === undefined ? from : periodStart(q.cursor, q.interval);
        const periods = periodsFrom(start < from ? from : start, to, q.interval, q.limit);
        const last = periods.at(-1);
        const following = last === undefined ? undefined : addDays(last, periodLength(q.interval));
        const points = await querySeries(pool, {
          channel: q.channel,
          signal: q.signal,
          place: q.facility === undefined ? place : undefined,
          facility: q.facility,
          interval: q.interval,
          periods,
        });
        return {
          channel: q.channel,
          signal: q.signal,
          place: q.facility === undefined ? (place ?? null) : null,
          facility: q.facility ?? null,
          interval: q.interval,
          from,
          to,
          points,
          next: following !== undefined && following <= to ? following : null,
        };
      },
    );
  };
