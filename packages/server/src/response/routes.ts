import type { FastifyPluginAsync } from 'fastify';
import type { Platform } from '../http/app.js';
import { eventApi } from '../events/event-api.js';
import { receiversApi } from '../tasks/receivers-api.js';
import { taskApi } from '../tasks/task-api.js';
import { verificationApi } from '../verification/verification-api.js';
import { alertPublicationApi } from './alert-publication-api.js';

/** The response API: verifications and the funnel, events, the command board, publishing alerts. */
export const responseRoutes =
  (platform: Platform): FastifyPluginAsync =>
  async (app) => {
    await app.register(verificationApi(platform));
    await app.register(eventApi(platform));
    await app.register(taskApi(platform));
    await app.register(receiversApi(platform));
    await app.register(alertPublicationApi(platform));
  };
