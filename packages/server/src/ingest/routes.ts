import type { FastifyPluginAsync } from 'fastify';
import type { Platform } from '../http/app.js';
import { seriesRoute } from '../series/series-route.js';
import { ingestRoute } from './ingest-route.js';

/** The surveillance data API: records in (ingest), series out. */
export const surveillanceRoutes =
  (platform: Platform): FastifyPluginAsync =>
  async (app) => {
    await app.register(ingestRoute(platform));
    await app.register(seriesRoute(platform));
  };
