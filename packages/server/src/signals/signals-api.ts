import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CHANNEL_IDS } from '../channels/channel-id.js';
import { badQuery, decodeCursor, likeLiteral, pageOf, pageQuery, toPage } from '../city/page.js';
import { placeCode } from '../city/places-api.js';
import type { Platform } from '../http/app.js';
import { PERIODS } from './rule.js';
import { SIGNAL_COLUMNS, signalOf, type SignalRow } from './signal-row.js';
import { access, principalOf } from '../access/route-access.js';
import { SURVEILLANCE_READERS } from '../access/roles.js';

/** GET /api/v1/signals: stored signals, newest time point first, filtered and paged. */

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

const signal = z.object({
  id: z.number().int(),
  channel: z.string(),
  signal: z.string(),
  placeCode: z.string(),
  period: z.enum(PERIODS),
  periodStart: z.string().describe('the day, or the ISO week’s Monday'),
  method: z.string(),
  ruleId: z.number().int(),
  ruleKey: z.string(),
  ruleRevision: z.number().int(),
  configVersion: z.number().int(),
  observed: z.number(),
  expected: z.number().nullable(),
  upperbound: z.number().nullable().describe('the threshold'),
  score: z.number().nullable(),
  pvalue: z.number().nullable(),
  level: z
    .union([z.literal(1), z.literal(2)])
    .nullable()
    .describe('ESSENCE: 1 yellow, 2 red'),
  alarm: z.boolean().describe('false: retracted by a later run on corrected data'),
  createdAt: z.string(),
  runId: z.number().int(),
  retractedAt: z.string().nullable().describe('when a later run on corrected data stopped raising it'),
  retractedReason: z.enum(['no-longer-alarms']).nullable(),
});

const query = z.object({
  channel: z.enum(CHANNEL_IDS).optional(),
  signal: z.string().max(100).optional(),
  place: placeCode.optional().describe('the place and every place inside it'),
  period: z.enum(PERIODS).optional(),
  method: z.string().max(100).optional(),
  from: date.optional().describe('first time point (inclusive)'),
  to: date.optional().describe('last time point (inclusive)'),
  retracted: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('include signals a later run retracted'),
  ...pageQuery,
});

export const signalsApi =
  ({ db }: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/signals',
      {
        config: access.roles(...SURVEILLANCE_READERS),
        schema: {
          tags: ['detection'],
          summary: 'Signals: alarms of the detection methods on the series (信号)',
          querystring: query,
          response: { 200: pageOf(signal) },
        },
      },
      async (request) => {
        const q = request.query;
        const after = decodeCursor(request, q.cursor);
        if (after !== undefined && !/^\d{4}-\d{2}-\d{2}\|\d+$/.test(after)) {
          throw badQuery(request, 'cursor', 'query.bad-cursor');
        }
        const [afterStart, afterId] = after === undefined ? [null, null] : after.split('|');
        const rows = await db.pool.query<SignalRow>(
          `SELECT ${SIGNAL_COLUMNS} FROM detection_signal
            WHERE ($1::text IS NULL OR channel = $1) AND ($2::text IS NULL OR signal = $2)
              AND ($3::text IS NULL OR place_code LIKE $3 || '%') AND ($4::text IS NULL OR period = $4)
              AND ($5::text IS NULL OR method = $5) AND ($6::date IS NULL OR period_start >= $6)
              AND ($7::date IS NULL OR period_start <= $7) AND ($8 OR alarm)
              AND ($9::date IS NULL OR (period_start, id) < ($9::date, $10::bigint))
              AND place_code LIKE $12 || '%'
            ORDER BY period_start DESC, id DESC LIMIT $11`,
          [
            q.channel ?? null,
            q.signal ?? null,
            q.place === undefined ? null : likeLiteral(q.place),
            q.period ?? null,
            q.method ?? null,
            q.from ?? null,
            q.to ?? null,
            q.retracted,
            afterStart ?? null,
            afterId ?? null,
            q.limit + 1,
            likeLiteral(principalOf(request).jurisdiction),
          ],
        );
        return toPage(rows.rows, q.limit, (r) => `${r.period_start}|${r.id}`, signalOf);
      },
    );
  };
