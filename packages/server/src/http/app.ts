import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { cityModelRoutes } from '../city/api.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { ApiError } from './api-error.js';
import { errorHandler, MAX_PARAM_LENGTH } from './error-handler.js';
import { healthRoutes } from './health.js';
import { webApp } from './web-app.js';
import { publicCityApi } from '../city/public-city-api.js';
import { surveillanceRoutes } from '../ingest/routes.js';
import { detectionRoutes } from '../signals/routes.js';
import { alertRoutes } from '../alerts/routes.js';
import { responseRoutes } from '../response/routes.js';
import { drillsApi } from '../drill/drills-api.js';
import { accessRoutes } from '../access/routes.js';
import { installGuard } from '../access/guard.js';

/** What the routes need from the running platform. */
export interface Platform {
  readonly config: Config;
  readonly db: Database;
  /** Milliseconds since the epoch; tests inject a clock (session expiry, login limits). */
  readonly clock?: () => number;
}

export type App = FastifyInstance;

/**
 * The HTTP API: routes declare their contracts as zod schemas (validated once at the boundary, and the
 * source of the OpenAPI document at /api/docs), and every error leaves through one handler.
 */
export async function buildApp(platform: Platform, options: { logger?: boolean } = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ? { level: platform.config.logLevel } : false,
    bodyLimit: platform.config.bodyLimitBytes,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Errors the router raises before any route (a bad URL, an overlong path parameter) leave in our shape too.
    frameworkErrors: (error, request, reply) => {
      errorHandler(error, request, reply);
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request) => {
    throw new ApiError('not-found', 'error.not-found', { what: `${request.method} ${request.url}` });
  });
  // Every route declares its access (src/access/README.md); the guard refuses those that do not.
  installGuard(app, platform.db.pool, platform.clock ?? Date.now);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Shaobing (哨兵) API',
        description: 'Public-health early warning and emergency response',
        version: '0.1.0',
      },
      // POST /api/v1/auth/login gives the token (or sets the cookie); see src/access/README.md.
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'session token from /api/v1/auth/login, or an API token',
          },
          session: { type: 'apiKey', in: 'cookie', name: 'shaobing_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(healthRoutes(platform));
  await app.register(accessRoutes(platform));
  await app.register(surveillanceRoutes(platform));
  await app.register(cityModelRoutes(platform));
  await app.register(detectionRoutes(platform));
  await app.register(alertRoutes(platform));
  await app.register(responseRoutes(platform));
  await app.register(drillsApi(platform));
  await app.register(publicCityApi(platform));
  await app.register(webApp());
  return app;
}
