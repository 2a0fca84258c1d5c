import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { inJurisdiction } from '../access/jurisdiction.js';
import type { Principal, Role } from '../access/roles.js';
import { principalOf } from '../access/route-access.js';
import { ApiError } from '../http/api-error.js';
import type { Platform } from '../http/app.js';
import type { Actor } from '../tasks/task-store.js';

/** Shared pieces of the verification, event and task routes. */

/** Verify alerts, open events and give tasks: within their jurisdiction. */
export const RESPONDERS = ['commander', 'analyst', 'duty_officer'] as const satisfies Role[];
/** Act for the command centre (hand tasks over, cancel them) wherever the jurisdiction reaches. */
export const COMMAND_ROLES = ['commander', 'analyst'] as const satisfies Role[];
/** Receive and carry out tasks for their organisation: they see the tasks it owns. */
export const TASK_DOERS = [
  'community_worker',
  'volunteer',
  'supply_officer',
  'ems_dispatcher',
  'hotline_operator',
] as const satisfies Role[];

export const nowOf = (platform: Platform) => () => new Date((platform.clock ?? Date.now)());

/** The signed-in user behind the request (API tokens are never admitted to these routes). */
export function userOf(request: FastifyRequest): Principal & { userId: number } {
  const principal = principalOf(request);
  if (principal.userId === null) throw new ApiError('forbidden', 'access.token-scope');
  return principal as Principal & { userId: number };
}

export function actorOf(request: FastifyRequest): Actor {
  const user = userOf(request);
  return {
    userId: user.userId,
    orgId: user.organisationId,
    commands: (COMMAND_ROLES as readonly Role[]).includes(user.role),
  };
}

/** 403 unless the place lies in the caller's jurisdiction. */
export function requireJurisdiction(request: FastifyRequest, placeCode: string, what: string): void {
  if (!inJurisdiction(principalOf(request), placeCode))
    throw new ApiError('forbidden', 'access.outside-jurisdiction', { what });
}

export const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export const placeCode = z
  .string()
  .regex(/^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$/, 'expected a place code (4, 6, 9 or 12 digits)');
export const reasonText = z.string().trim().min(1, 'a reason is required').max(2000);
export const timestamp = z.iso.datetime({ offset: true }).describe('ISO 8601 with an offset or Z');
export const dateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
export const created = z.object({ id: z.number().int() });
