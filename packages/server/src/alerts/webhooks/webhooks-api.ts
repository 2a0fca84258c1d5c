import { randomBytes } from 'node:crypto';
import { ALERT_LEVELS } from '@shaobing/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../../http/api-error.js';
import type { Platform } from '../../http/app.js';
import { access } from '../../access/route-access.js';

/**
 * Webhook subscriptions: POST /api/v1/webhooks (the secret is shown once, in this answer), GET the list,
 * DELETE one, and GET /api/v1/webhooks/{id}/deliveries — the delivery log, every attempt with its HTTP
 * status or error. Receivers check X-Shaobing-Signature (signature.ts).
 */

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const url = z
  .string()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'expected an http or https URL');

const subscriptionInput = z.object({
  url,
  secret: z.string().min(16).max(200).optional().describe('the HMAC key; generated when absent'),
  minLevel: z.enum(ALERT_LEVELS).default('blue').describe('only alerts at this level or higher'),
  description: z.string().max(500).default(''),
});

const subscription = z.object({
  id: z.number().int(),
  url: z.string(),
  minLevel: z.enum(ALERT_LEVELS),
  active: z.boolean(),
  description: z.string(),
  createdAt: z.string(),
});

const delivery = z.object({
  id: z.number().int(),
  eventId: z.number().int(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.array(
    z.object({
      attempt: z.number().int(),
      at: z.string(),
      httpStatus: z.number().int().nullable(),
      error: z.string().nullable(),
      durationMs: z.number().int(),
    }),
  ),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});

interface SubscriptionRow {
  id: number;
  url: string;
  min_level: (typeof ALERT_LEVELS)[number];
  active: boolean;
  description: string;
  created_at: string;
}

const COLUMNS = `id, url, min_level, active, description, ${iso('created_at')} AS created_at`;
const view = (r: SubscriptionRow) => ({
  id: r.id,
  url: r.url,
  minLevel: r.min_level,
  active: r.active,
  description: r.description,
  createdAt: r.created_at,
});
const idParams = z.object({ id: z.coerce.number().int().positive() });

export const webhooksApi =
  ({ db }: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/webhooks',
      {
        config: access.roles('admin'),
        schema: {
          tags: ['alerts'],
          summary: 'Subscribe a URL to alert changes (signed POSTs, retried)',
          body: subscriptionInput,
          response: { 201: subscription.extend({ secret: z.string() }) },
        },
      },
      async (request, reply) => {
        const { url: target, minLevel, description } = request.body;
        const secret = request.body.secret ?? randomBytes(32).toString('base64url');
        const row = await db.pool.query<SubscriptionRow>(
          `INSERT INTO webhook_subscription (url, secret, min_level, description) VALUES ($1, $2, $3, $4)
           RETURNING ${COLUMNS}`,
          [target, secret, minLevel, description],
        );
        return reply.status(201).send({ ...view(row.rows[0] as SubscriptionRow), secret });
      },
    );

    app.get(
      '/api/v1/webhooks',
      {
        config: access.roles('admin'),
        schema: {
          tags: ['alerts'],
          summary: 'Webhook subscriptions',
          response: { 200: z.array(subscription) },
        },
      },
      async () =>
        (
          await db.pool.query<SubscriptionRow>(`SELECT ${COLUMNS} FROM webhook_subscription ORDER BY id`)
        ).rows.map(view),
    );

    app.delete(
      '/api/v1/webhooks/:id',
      {
        config: access.roles('admin'),
        schema: { tags: ['alerts'], summary: 'Unsubscribe', params: idParams, response: { 204: z.null() } },
      },
      async (request, reply) => {
        const deleted = await db.pool.query('DELETE FROM webhook_subscription WHERE id = $1', [
          request.params.id,
        ]);
        if (deleted.rowCount === 0)
          throw new ApiError('not-found', 'webhook.not-found', { id: request.params.id });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/webhooks/:id/deliveries',
      {
        config: access.roles('admin'),
        schema: {
          tags: ['alerts'],
          summary: 'The delivery log of a subscription, newest first (at most 200)',
          params: idParams,
          response: { 200: z.array(delivery) },
        },
      },
      async (request) => {
        const found = await db.pool.query('SELECT 1 FROM webhook_subscription WHERE id = $1', [
          request.params.id,
        ]);
        if (found.rowCount === 0)
          throw new ApiError('not-found', 'webhook.not-found', { id: request.params.id });
        const rows = await db.pool.query<{
          id: number;
          event_seq: number;
          status: 'pending' | 'delivered' | 'failed';
          next_attempt_at: string | null;
          delivered_at: string | null;
          attempts: {
            attempt: number;
            at: string;
            httpStatus: number | null;
            error: string | null;
            durationMs: number;
          }[];
        }>(
          `SELECT d.id, d.event_seq, d.status,
                  CASE WHEN d.status = 'pending' THEN ${iso('d.next_attempt_at')} END AS next_attempt_at,
                  ${iso('d.delivered_at')} AS delivered_at,
                  coalesce((SELECT json_agg(json_build_object('attempt', a.attempt, 'at', ${iso('a.at')},
                                   'httpStatus', a.http_status, 'error', a.error, 'durationMs', a.duration_ms)
                                   ORDER BY a.attempt)
                              FROM webhook_attempt a WHERE a.delivery_id = d.id), '[]') AS attempts
             FROM webhook_delivery d WHERE d.subscription_id = $1 ORDER BY d.id DESC LIMIT 200`,
          [request.params.id],
        );
        return rows.rows.map((r) => ({
          id: r.id,
          eventId: r.event_seq,
          status: r.status,
          attempts: r.attempts,
          nextAttemptAt: r.next_attempt_at,
          deliveredAt: r.delivered_at,
        }));
      },
    );
  };
