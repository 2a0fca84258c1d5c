import type { FastifyInstance, HTTPMethods } from 'fastify';
import type pg from 'pg';
import { ApiError } from '../http/api-error.js';
import { authenticate } from './authenticate.js';
import type { RouteAccess } from './route-access.js';

/**
 * The access guard: one `onRequest` hook on the root instance authenticates every request (session cookie,
 * Bearer session token or API token) and enforces the route's declared access (route-access.ts) before
 * the body is read. A route that declares nothing is refused, so a forgotten declaration fails closed.
 * Install it before any route is registered.
 */

export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
  readonly access: RouteAccess | undefined;
}

/** The API documentation (swagger-ui's own routes, which take no route config) is public. */
const PUBLIC_PREFIXES = ['/api/docs'];

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const routesOf = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Every route registered on the app with its declared access: for the access-matrix test. */
export const registeredRoutes = (app: FastifyInstance): readonly RegisteredRoute[] => routesOf.get(app) ?? [];

export function installGuard(app: FastifyInstance, pool: pg.Pool, now: () => number): void {
  const routes: RegisteredRoute[] = [];
  routesOf.set(app, routes);
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (options) => {
    const config = (options.config ?? {}) as { access?: RouteAccess };
    if (config.access === undefined && PUBLIC_PREFIXES.some((p) => options.url.startsWith(p))) {
      options.config = { ...config, access: { public: true } };
    }
    const declared = (options.config as { access?: RouteAccess } | undefined)?.access;
    const methods: HTTPMethods[] = Array.isArray(options.method) ? options.method : [options.method];
    for (const method of methods) routes.push({ method, url: options.url, access: declared });
  });

  app.addHook('onRequest', async (request) => {
    // Unknown routes answer 404 from the not-found handler, which tells nothing about what exists.
    if (request.is404) return;
    const declared = request.routeOptions.config.access;
    if (declared === undefined) {
      request.log.error({ url: request.routeOptions.url }, 'route declares no access: refused');
      throw new ApiError('forbidden', 'access.undeclared');
    }
    const auth = await authenticate(pool, request, now());
    if ('public' in declared) {
      request.principal = auth.kind === 'ok' ? auth.principal : null;
      return;
    }
    if (auth.kind === 'none') throw new ApiError('unauthorized', 'error.unauthorized');
    if (auth.kind === 'invalid') throw new ApiError('unauthorized', 'access.invalid-credentials');
    const { principal } = auth;
    if (principal.via === 'api-token' && declared.apiToken === undefined) {
      throw new ApiError('forbidden', 'access.token-scope');
    }
    if (principal.via !== 'api-token' && !declared.roles.includes(principal.role)) {
      throw new ApiError('forbidden', 'access.role', { role: principal.role });
    }
    if (UNSAFE.has(request.method) && !auth.csrfOk) throw new ApiError('forbidden', 'access.csrf');
    request.principal = principal;
  });
}
