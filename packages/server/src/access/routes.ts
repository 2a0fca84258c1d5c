import type { FastifyPluginAsync } from 'fastify';
import type { Platform } from '../http/app.js';
import { auditApi } from './audit/audit-api.js';
import { authRoutes } from './auth-routes.js';
import { organisationsApi } from './organisations-api.js';
import { reportCardApi } from './records/report-card-api.js';
import { tokensApi } from './tokens-api.js';
import { usersApi } from './users-api.js';

/** The access API: sign-in, users and tokens, person records, the audit log. */
export const accessRoutes =
  (platform: Platform): FastifyPluginAsync =>
  async (app) => {
    await app.register(authRoutes(platform));
    await app.register(usersApi(platform));
    await app.register(tokensApi(platform));
    await app.register(organisationsApi(platform));
    await app.register(auditApi(platform));
    await app.register(reportCardApi(platform));
  };
