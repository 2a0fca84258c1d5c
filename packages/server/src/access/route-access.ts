import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/api-error.js';
import { ROLES, type Principal, type Role } from './roles.js';

/**
 * How a route declares who may call it, in its options: `config: { access: … }`. The guard (guard.ts)
 * refuses every route that declares nothing.
 *
 * - `{ public: true }`: anyone, signed in or not (`request.principal` is set when credentials came along).
 * - `{ roles: [...] }`: signed-in users of these roles; `apiToken: 'ingest'` also admits API tokens of
 *   that scope (they are refused everywhere else).
 */
export type RouteAccess =
  { readonly public: true } | { readonly roles: readonly Role[]; readonly apiToken?: 'ingest' };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The authenticated caller; null on a public route called anonymously. */
    principal: Principal | null;
  }
}

/** Shorthands for route options: `config: access.roles('analyst', 'admin')`. */
export const access = {
  public: () => ({ access: { public: true } as const satisfies RouteAccess }),
  roles: (...roles: Role[]) => ({ access: { roles } satisfies RouteAccess }),
  /** Every signed-in user, whatever the role (not API tokens). */
  signedIn: () => ({ access: { roles: ROLES } satisfies RouteAccess }),
};

/** The caller of a route that admits signed-in callers only (the guard has already checked it). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new ApiError('unauthorized', 'error.unauthorized');
  return request.principal;
}
