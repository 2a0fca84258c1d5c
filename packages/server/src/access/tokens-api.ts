import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../http/api-error.js';
import type { Platform } from '../http/app.js';
import { withAudit } from './audit/audit-log.js';
import { access, principalOf } from './route-access.js';
import { API_TOKEN_PREFIX, newSecret, secretHash } from './secrets.js';
import { checkReferences } from './users-store.js';

/**
 * API tokens for machine reporters (a hospital's HIS, a lab system): scope `ingest`, one facility. The
 * token is shown once, when created; only its hash is stored. Revoked tokens stop at once.
 */

const tokenView = z.object({
  id: z.number().int(),
  name: z.string(),
  scope: z.literal('ingest'),
  facilityId: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});

interface TokenRow {
  id: string;
  name: string;
  facility_id: string;
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const COLUMNS = 'id, name, facility_id, created_at, revoked_at, last_used_at';

const viewOf = (r: TokenRow) => ({
  id: Number(r.id),
  name: r.name,
  scope: 'ingest' as const,
  facilityId: r.facility_id,
  createdAt: r.created_at.toISOString(),
  revokedAt: r.revoked_at?.toISOString() ?? null,
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
});

export const tokensApi =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = platform;
    const now = platform.clock ?? Date.now;
    const admin = access.roles('admin');

    app.get(
      '/api/v1/tokens',
      {
        config: admin,
        schema: {
          tags: ['access'],
          summary: 'API tokens (never their secret)',
          response: { 200: z.array(tokenView) },
        },
      },
      async () =>
        (await db.pool.query<TokenRow>(`SELECT ${COLUMNS} FROM api_token ORDER BY id`)).rows.map(viewOf),
    );

    app.post(
      '/api/v1/tokens',
      {
        config: admin,
        schema: {
          tags: ['access'],
          summary: 'Create an ingest token for one facility; the token is in this answer only',
          body: z.object({
            name: z.string().trim().min(1).max(200),
            facilityId: z.string().min(1).max(64),
          }),
          response: { 201: tokenView.extend({ token: z.string() }) },
        },
      },
      async (request, reply) => {
        const { name, facilityId } = request.body;
        await checkReferences(db.pool, { facilityId });
        const token = newSecret(API_TOKEN_PREFIX);
        const created = await withAudit(db.pool, principalOf(request), now(), async (client) => {
          const rows = await client.query<TokenRow>(
            `INSERT INTO api_token (name, token_hash, scope, facility_id, created_by, created_at)
             VALUES ($1, $2, 'ingest', $3, $4, $5) RETURNING ${COLUMNS}`,
            [name, secretHash(token), facilityId, principalOf(request).userId, new Date(now())],
          );
          const view = viewOf(rows.rows[0] as TokenRow);
          return {
            result: view,
            audit: [{ action: 'token.create', target: `api-token/${view.id}`, detail: { name, facilityId } }],
          };
        });
        return reply.status(201).send({ ...created, token });
      },
    );

    app.delete(
      '/api/v1/tokens/:id',
      {
        config: admin,
        schema: {
          tags: ['access'],
          summary: 'Revoke an API token',
          params: z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        await withAudit(db.pool, principalOf(request), now(), async (client) => {
          const done = await client.query(
            'UPDATE api_token SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id',
            [id, new Date(now())],
          );
          if (done.rowCount === 0) throw new ApiError('not-found', 'access.token-not-found', { id });
          return { result: undefined, audit: [{ action: 'token.revoke', target: `api-token/${id}` }] };
        });
        return reply.status(204).send(null);
      },
    );
  };
