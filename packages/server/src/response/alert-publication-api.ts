import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../access/route-access.js';
import { ApiError } from '../http/api-error.js';
import type { Platform } from '../http/app.js';
import {
  ALERT_COLUMNS,
  ALERT_FROM,
  alertView,
  toAlertView,
  type AlertRow,
} from '../alerts/store/alert-view.js';
import { COMMAND_ROLES, idParams, nowOf, reasonText, requireJurisdiction, userOf } from './api-common.js';
import { inTransaction } from './transaction.js';

/**
 * POST /api/v1/alerts/{id}/public: the commander or an analyst publishes an alert (the public CAP feed,
 * src/alerts/cap, carries open alerts with `public = true`) or withdraws it, with a reason kept in
 * `alert_publication`.
 */
export const alertPublicationApi =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    const { pool } = platform.db;
    const now = nowOf(platform);
    app.post(
      '/api/v1/alerts/:id/public',
      {
        config: access.roles(...COMMAND_ROLES),
        schema: {
          tags: ['alerts'],
          summary: 'Publish an alert to the public CAP feed (or withdraw it), with a reason',
          params: idParams,
          body: z.object({ public: z.boolean().default(true), reason: reasonText }),
          response: { 200: alertView },
        },
      },
      async (request) => {
        const user = userOf(request);
        const { id } = request.params;
        const row = await inTransaction(pool, async (client) => {
          const alert = (
            await client.query<{ place_code: string }>(
              'SELECT place_code FROM alert WHERE id = $1 FOR UPDATE',
              [id],
            )
          ).rows[0];
          if (!alert) throw new ApiError('not-found', 'alert.not-found', { id });
          requireJurisdiction(request, alert.place_code, `alert ${id}`);
          await client.query('UPDATE alert SET public = $2 WHERE id = $1', [id, request.body.public]);
          await client.query(
            'INSERT INTO alert_publication (alert_id, public, reason, set_by, set_at) VALUES ($1, $2, $3, $4, $5)',
            [id, request.body.public, request.body.reason, user.userId, now()],
          );
          return (
            await client.query<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} WHERE a.id = $1`, [id])
          ).rows[0] as AlertRow;
        });
        return toAlertView(row);
      },
    );
  };
