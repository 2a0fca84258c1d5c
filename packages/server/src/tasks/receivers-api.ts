import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ORGANISATION_KINDS } from '../access/roles.js';
import { access } from '../access/route-access.js';
import { likeLiteral, pageOf, pageQuery, toPage, decodeCursor } from '../city/page.js';
import type { Platform } from '../http/app.js';
import { RESPONDERS, TASK_DOERS, placeCode } from '../response/api-common.js';

/**
 * GET /api/v1/task-receivers: the organisations a task can be given or handed over to (no people, only the
 * organisation's id, kind, name and jurisdiction), for the pickers of the command board.
 */

const receiver = z.object({
  id: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  name: z.string(),
  jurisdictionCode: z.string(),
});

export const receiversApi =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    const { pool } = platform.db;
    app.get(
      '/api/v1/task-receivers',
      {
        config: access.roles(...RESPONDERS, ...TASK_DOERS),
        schema: {
          tags: ['response'],
          summary:
            'Organisations that can receive a task, by place (their jurisdiction at or below it) and kind',
          querystring: z.object({
            place: placeCode
              .optional()
              .describe('organisations whose jurisdiction lies at or below this place'),
            kind: z.enum(ORGANISATION_KINDS).optional(),
            ...pageQuery,
          }),
          response: { 200: pageOf(receiver) },
        },
      },
      async (request) => {
        const q = request.query;
        const after = decodeCursor(request, q.cursor);
        const rows = await pool.query<{
          id: string;
          kind: z.output<typeof receiver>['kind'];
          name: string;
          jurisdiction_code: string;
        }>(
          `SELECT id, kind, name, jurisdiction_code FROM organisation
            WHERE ($1::text IS NULL OR jurisdiction_code LIKE $1 || '%') AND ($2::text IS NULL OR kind = $2)
              AND ($3::text IS NULL OR id > $3)
            ORDER BY id LIMIT $4`,
          [q.place === undefined ? null : likeLiteral(q.place), q.kind ?? null, after ?? null, q.limit + 1],
        );
        return toPage(
          rows.rows,
          q.limit,
          (r) => r.id,
          (r) => ({
            id: r.id,
            kind: r.kind,
            name: r.name,
            jurisdictionCode: r.jurisdiction_code,
          }),
        );
      },
    );
  };
