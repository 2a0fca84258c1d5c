import { ALERT_LEVELS, RULE_KINDS } from '@shaobing/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { shanghaiDate } from '../../channels/time.js';
import { decodeCursor, likeLiteral, pageOf, pageQuery, toPage } from '../../city/page.js';
import { ApiError } from '../../http/api-error.js';
import type { Platform } from '../../http/app.js';
import type { AlertConfig } from '../config/schema.js';
import { alertConfigSchema } from '../config/schema.js';
import { alertDetail, readAlertDetail } from '../store/alert-detail.js';
import { ALERT_COLUMNS, ALERT_FROM, alertView, toAlertView, type AlertRow } from '../store/alert-view.js';
import { inJurisdiction } from '../../access/jurisdiction.js';
import { access, principalOf } from '../../access/route-access.js';
import { SURVEILLANCE_READERS } from '../../access/roles.js';

/**
 * GET /api/v1/alerts (filtered, newest first, keyset pages), GET /api/v1/alerts/{id} (firings, evidence,
 * series around the time, series not evaluated) and GET /api/v1/alerts/rules (the trigger rules in force).
 */

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

const listQuery = z.object({
  status: z.enum(['open', 'closed']).optional(),
  minLevel: z.enum(ALERT_LEVELS).optional().describe('this level or higher'),
  kind: z.enum(RULE_KINDS).optional(),
  family: z.string().max(64).optional(),
  place: z
    .string()
    .regex(/^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$/, 'expected a place code (4, 6, 9 or 12 digits)')
    .optional()
    .describe('alerts in this place or below it'),
  public: z.enum(['true', 'false']).optional(),
  from: date.optional().describe('evidence (data time) ending on or after this day'),
  to: date.optional().describe('evidence (data time) starting on or before this day'),
  ...pageQuery,
});

export const alertsApi =
  (platform: Platform, config: AlertConfig): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = platform;
    app.get(
      '/api/v1/alerts',
      {
        config: access.roles(...SURVEILLANCE_READERS),
        schema: {
          tags: ['alerts'],
          summary: 'Alerts (预警), newest first',
          querystring: listQuery,
          response: { 200: pageOf(alertView) },
        },
      },
      async (request) => {
        const q = request.query;
        const scope = principalOf(request).jurisdiction;
        const after = decodeCursor(request, q.cursor);
        const rows = await db.pool.query<AlertRow>(
          `SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM}
            WHERE ($1::text IS NULL OR a.status = $1)
              AND ($2::int IS NULL OR array_position(ARRAY['blue', 'yellow', 'orange', 'red'], a.level) >= $2)
              AND ($3::text IS NULL OR a.kind = $3)
              AND ($4::text IS NULL OR a.family = $4)
              AND ($5::text IS NULL OR a.place_code LIKE $5 || '%')
              AND ($6::boolean IS NULL OR a.public = $6)
              AND ($7::date IS NULL OR a.period_end >= $7)
              AND ($8::date IS NULL OR a.period_start <= $8)
              AND ($9::bigint IS NULL OR a.id < $9)
              AND a.place_code LIKE $11 || '%'
            ORDER BY a.id DESC
            LIMIT $10`,
          [
            q.status ?? null,
            q.minLevel === undefined ? null : ALERT_LEVELS.indexOf(q.minLevel) + 1,
            q.kind ?? null,
            q.family ?? null,
            q.place === undefined ? null : likeLiteral(q.place),
            q.public === undefined ? null : q.public === 'true',
            q.from ?? null,
            q.to ?? null,
            after === undefined ? null : Number(after),
            q.limit + 1,
            likeLiteral(scope),
          ],
        );
        return toPage(rows.rows, q.limit, (r) => String(r.id), toAlertView);
      },
    );

    app.get(
      '/api/v1/alerts/rules',
      {
        config: access.roles(...SURVEILLANCE_READERS),
        schema: {
          tags: ['alerts'],
          summary: 'The trigger rules, syndrome families and colour levels in force',
          response: { 200: alertConfigSchema },
        },
      },
      async () => config,
    );

    app.get(
      '/api/v1/alerts/:id',
      {
        config: access.roles(...SURVEILLANCE_READERS),
        schema: {
          tags: ['alerts'],
          summary: 'One alert: why it fired, its evidence and the series around it',
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: { 200: alertDetail },
        },
      },
      async (request) => {
        const detail = await readAlertDetail(db.pool, request.params.id, shanghaiDate(Date.now()));
        if (!detail) throw new ApiError('not-found', 'alert.not-found', { id: request.params.id });
        if (!inJurisdiction(principalOf(request), detail.alert.placeCode)) {
          throw new ApiError('forbidden', 'access.outside-jurisdiction', {
            what: `alert ${request.params.id}`,
          });
        }
        return detail;
      },
    );
  };
