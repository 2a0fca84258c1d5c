import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Platform } from '../http/app.js';
import { configApi } from './config-api.js';
import { runsApi } from './runs-api.js';
import { signalsApi } from './signals-api.js';

/** The detection API: configuration, runs, signals. */
export const detectionRoutes =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(configApi(platform));
    await app.register(runsApi(platform));
    await app.register(signalsApi(platform));
  };
