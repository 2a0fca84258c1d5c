import type { FastifyPluginAsync } from 'fastify';
import type { Platform } from '../http/app.js';
import { authRoutes } from './auth-routes.js';

/** The access API: sign-in, users and tokens, person records, the audit log. */
export const accessRoutes =
  (platform: Platform): FastifyPluginAsync =>
  async (app) => {
    await app.register(authRoutes(platform));
  };
