import { api } from './http';

/** Login, the current user and logout (src/access on the server). */

export const ROLES = [
  'commander',
  'analyst',
  'duty_officer',
  'facility_reporter',
  'community_worker',
  'volunteer',
  'supply_officer',
  'ems_dispatcher',
  'hotline_operator',
  'public_viewer',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  readonly username: string;
  readonly displayName: string | null;
  readonly roles: Role[];
  /** The place code of the user's jurisdiction (the city for city-wide roles). */
  readonly jurisdiction: string | null;
  readonly organisation: string | null;
  readonly facilityId: string | null;
}

interface LoginAnswer {
  readonly token: string;
  readonly user?: unknown;
}

/** The user as the server describes it, read tolerantly: field names differ between endpoints. */
export function userFrom(raw: unknown, fallbackName: string): User {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const inner = (typeof o.user === 'object' && o.user !== null ? o.user : o) as Record<string, unknown>;
  const text = (...keys: string[]) => {
    for (const key of keys) {
      const value = inner[key];
      if (typeof value === 'string') return value;
      if (typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'string')
        return value.code;
    }
    return null;
  };
  const rawRoles = Array.isArray(inner.roles) ? inner.roles : inner.role !== undefined ? [inner.role] : [];
  return {
    username: text('username') ?? fallbackName,
    displayName: text('displayName', 'name'),
    roles: rawRoles.filter(
      (r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r),
    ),
    jurisdiction: text('jurisdiction', 'jurisdictionCode', 'placeCode'),
    organisation: text('organisationId', 'organisation', 'organization'),
    facilityId: text('facilityId', 'facility'),
  };
}

export async function login(username: string, password: string): Promise<{ token: string; user: User }> {
  const answer = await api<LoginAnswer>('/api/v1/auth/login', {
    method: 'POST',
    body: { username, password },
  });
  const user = answer.user === undefined ? await me(username) : userFrom(answer, username);
  return { token: answer.token, user };
}

export async function me(fallbackName = ''): Promise<User> {
  return userFrom(await api<unknown>('/api/v1/auth/me'), fallbackName);
}

export async function logout(): Promise<void> {
  await api<unknown>('/api/v1/auth/logout', { method: 'POST', body: {} });
}
