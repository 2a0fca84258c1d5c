import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../http/api-error.js';
import type { Platform } from '../http/app.js';
import { withAudit } from './audit/audit-log.js';
import { ORGANISATION_KINDS } from './roles.js';
import { access, principalOf } from './route-access.js';
import { checkReferences } from './users-store.js';

/** Organisations (city and district CDCs, command centre, hospitals, communities, …): administrators only. */

const organisation = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case key'),
  kind: z.enum(ORGANISATION_KINDS),
  name: z.string().trim().min(1).max(200),
  jurisdiction: z.string().regex(/^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$/, 'expected a place code'),
});

interface Row {
  id: string;
  kind: (typeof ORGANISATION_KINDS)[number];
  name: string;
  jurisdiction_code: string;
}
const viewOf = (r: Row) => ({ id: r.id, kind: r.kind, name: r.name, jurisdiction: r.jurisdiction_code });

export const organisationsApi =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = platform;
    const now = platform.clock ?? Date.now;

    app.get(
      '/api/v1/organisations',
      {
        config: access.roles('admin'),
        schema: { tags: ['access'], summary: 'Organisations', response: { 200: z.array(organisation) } },
      },
      async () =>
        (
          await db.pool.query<Row>('SELECT id, kind, name, jurisdiction_code FROM organisation ORDER BY id')
        ).rows.map(viewOf),
    );

    app.post(
      '/api/v1/organisations',
      {
        config: access.roles('admin'),
        schema: {
          tags: ['access'],
          summary: 'Create an organisation with its jurisdiction',
          body: organisation,
          response: { 201: organisation },
        },
      },
      async (request, reply) => {
        const b = request.body;
        await checkReferences(db.pool, { jurisdiction: b.jurisdiction });
        const created = await withAudit(db.pool, principalOf(request), now(), async (client) => {
          const rows = await client.query<Row>(
            `INSERT INTO organisation (id, kind, name, jurisdiction_code) VALUES ($1, $2, $3, $4)
             ON CONFLICT (id) DO NOTHING RETURNING id, kind, name, jurisdiction_code`,
            [b.id, b.kind, b.name, b.jurisdiction],
          );
          const row = rows.rows[0];
          if (!row)
            throw new ApiError('conflict', 'error.conflict', { detail: `organisation ${b.id} exists` });
          return {
            result: viewOf(row),
            audit: [
              { action: 'organisation.create', target: `organisation/${b.id}`, detail: { kind: b.kind } },
            ],
          };
        });
        return reply.status(201).send(created);
      },
    );
  };
