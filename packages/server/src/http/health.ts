import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from './app.js';
import { access } from '../access/route-access.js';

const health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ ok: z.boolean(), embedded: z.boolean(), version: z.string() }),
});

/** GET /api/health: the platform is up and its database answers. */
export const healthRoutes =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/health',
      {
        config: access.public(),
        schema: { tags: ['system'], summary: 'Liveness and database status', response: { 200: health } },
      },
      async () => {
        try {
          const row = await platform.db.pool.query<{ version: string }>(
            "SELECT current_setting('server_version') AS version",
          );
          const version = row.rows[0]?.version ?? '';
          return { status: 'ok' as const, database: { ok: true, embedded: platform.db.embedded, version } };
        } catch {
          return {
            status: 'degraded' as const,
            database: { ok: false, embedded: platform.db.embedded, version: '' },
          };
        }
      },
    );
  };
