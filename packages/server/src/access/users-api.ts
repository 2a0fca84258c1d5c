import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badQuery, decodeCursor, pageOf, pageQuery, toPage } from '../city/page.js';
import { ApiError } from '../http/api-error.js';
import type { Platform } from '../http/app.js';
import { withAudit } from './audit/audit-log.js';
import { hashPassword } from './password.js';
import { ROLES } from './roles.js';
import { access, principalOf } from './route-access.js';
import { revokeUserSessions } from './sessions.js';
import { checkReferences, insertUser, readUser } from './users-store.js';
import { toUserView, USER_COLUMNS, userView, usernameSchema, type UserRow } from './user-view.js';

/**
 * Administrators manage users: list, create, change role, jurisdiction or organisation, disable, reset
 * the password. Every change is audited with the change itself (never the password), and a change of
 * role, jurisdiction, facility or status ends the user's open sessions.
 */

const placeCode = z
  .string()
  .regex(/^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$/, 'expected a place code (4, 6, 9 or 12 digits)');
const facilityId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ - only');
const organisationId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case key');
export const passwordSchema = z.string().min(10, 'at least 10 characters').max(200);

const createBody = z.object({
  username: usernameSchema,
  role: z.enum(ROLES),
  jurisdiction: placeCode,
  organisationId: organisationId.nullable().optional(),
  facilityId: facilityId.nullable().optional(),
  password: passwordSchema,
});

const changeBody = z
  .object({
    role: z.enum(ROLES).optional(),
    jurisdiction: placeCode.optional(),
    organisationId: organisationId.nullable().optional(),
    facilityId: facilityId.nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export const usersApi =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    const { db, config } = platform;
    const now = platform.clock ?? Date.now;
    const admin = access.roles('admin');

    app.get(
      '/api/v1/users',
      {
        config: admin,
        schema: {
          tags: ['access'],
          summary: 'Users, by id',
          querystring: z.object({ role: z.enum(ROLES).optional(), ...pageQuery }),
          response: { 200: pageOf(userView) },
        },
      },
      async (request) => {
        const q = request.query;
        const after = decodeCursor(request, q.cursor);
        if (after !== undefined && !/^\d+$/.test(after))
          throw badQuery(request, 'cursor', 'query.bad-cursor');
        const rows = await db.pool.query<UserRow>(
          `SELECT ${USER_COLUMNS} FROM app_user WHERE ($1::text IS NULL OR role = $1)
             AND ($2::bigint IS NULL OR id > $2) ORDER BY id LIMIT $3`,
          [q.role ?? null, after ?? null, q.limit + 1],
        );
        return toPage(rows.rows, q.limit, (r) => String(r.id), toUserView);
      },
    );

    app.post(
      '/api/v1/users',
      {
        config: admin,
        schema: { tags: ['access'], summary: 'Create a user', body: createBody, response: { 201: userView } },
      },
      async (request, reply) => {
        const b = request.body;
        await checkReferences(db.pool, b);
        const passwordHash = await hashPassword(b.password, config.access.scryptCost);
        const user = await withAudit(db.pool, principalOf(request), now(), async (client) => {
          const created = await insertUser(client, {
            username: b.username,
            role: b.role,
            jurisdiction: b.jurisdiction,
            organisationId: b.organisationId,
            facilityId: b.facilityId,
            passwordHash,
          });
          return {
            result: created,
            audit: [
              {
                action: 'user.create',
                target: `user/${created.id}`,
                detail: {
                  username: created.username,
                  role: created.role,
                  jurisdiction: created.jurisdiction,
                },
              },
            ],
          };
        });
        return reply.status(201).send(user);
      },
    );

    app.patch(
      '/api/v1/users/:id',
      {
        config: admin,
        schema: {
          tags: ['access'],
          summary: 'Change a user: role, jurisdiction, organisation, facility, disabled',
          params: idParams,
          body: changeBody,
          response: { 200: userView },
        },
      },
      async (request) => {
        const { id } = request.params;
        const b = request.body;
        const before = await readUser(db.pool, id);
        if (!before) throw new ApiError('not-found', 'access.user-not-found', { id });
        await checkReferences(db.pool, b);
        const role = b.role ?? before.role;
        const facility = b.facilityId === undefined ? before.facilityId : b.facilityId;
        if (role === 'facility_reporter' && !facility)
          throw new ApiError('invalid', 'access.reporter-facility');
        return withAudit(db.pool, principalOf(request), now(), async (client) => {
          const rows = await client.query<UserRow>(
            `UPDATE app_user SET role = $2, jurisdiction_code = $3, organisation_id = $4, facility_id = $5,
                    disabled = $6, updated_at = $7
              WHERE id = $1 RETURNING ${USER_COLUMNS}`,
            [
              id,
              role,
              b.jurisdiction ?? before.jurisdiction,
              b.organisationId === undefined ? before.organisationId : b.organisationId,
              facility,
              b.disabled ?? before.disabled,
              new Date(now()),
            ],
          );
          const after = toUserView(rows.rows[0] as UserRow);
          await revokeUserSessions(client, id, now());
          const changed = Object.fromEntries(
            (['role', 'jurisdiction', 'organisationId', 'facilityId', 'disabled'] as const)
              .filter((k) => before[k] !== after[k])
              .map((k) => [k, `${String(before[k])} → ${String(after[k])}`]),
          );
          return { result: after, audit: [{ action: 'user.change', target: `user/${id}`, detail: changed }] };
        });
      },
    );

    app.post(
      '/api/v1/users/:id/password',
      {
        config: admin,
        schema: {
          tags: ['access'],
          summary: "Reset a user's password (ends their sessions)",
          params: idParams,
          body: z.object({ password: passwordSchema }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        if (!(await readUser(db.pool, id))) throw new ApiError('not-found', 'access.user-not-found', { id });
        const hash = await hashPassword(request.body.password, config.access.scryptCost);
        await withAudit(db.pool, principalOf(request), now(), async (client) => {
          await client.query('UPDATE app_user SET password_hash = $2, updated_at = $3 WHERE id = $1', [
            id,
            hash,
            new Date(now()),
          ]);
          await revokeUserSessions(client, id, now());
          return { result: undefined, audit: [{ action: 'user.password-reset', target: `user/${id}` }] };
        });
        return reply.status(204).send(null);
      },
    );
  };
