import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { createSession } from '../src/access/sessions.js';
import { API_TOKEN_PREFIX, newSecret, secretHash } from '../src/access/secrets.js';
import type { Role } from '../src/access/roles.js';

/**
 * Test credentials without the login route: a user of a role and jurisdiction written straight into the
 * database with a session, and the headers that carry it. `jurisdiction` defaults to the city (4201).
 */

export interface SignedIn {
  readonly userId: number;
  readonly username: string;
  readonly token: string;
  readonly csrfToken: string;
  /** `Authorization: Bearer …` */
  readonly headers: Readonly<Record<string, string>>;
  /** The browser's way: the session and CSRF cookies, and the CSRF header for unsafe methods. */
  readonly cookieHeaders: Readonly<Record<string, string>>;
}

export interface SignInOptions {
  readonly role: Role;
  readonly jurisdiction?: string;
  readonly facilityId?: string;
  readonly username?: string;
  /** The session's clock (ms) and lifetime, for expiry tests. */
  readonly nowMs?: number;
  readonly lifetimeMs?: number;
}

export async function signIn(pool: pg.Pool, options: SignInOptions): Promise<SignedIn> {
  const username = options.username ?? `${options.role.replace(/_/g, '-')}.${randomBytes(4).toString('hex')}`;
  const row = await pool.query<{ id: string }>(
    `INSERT INTO app_user (username, role, jurisdiction_code, facility_id) VALUES ($1, $2, $3, $4) RETURNING id`,
    [username, options.role, options.jurisdiction ?? '4201', options.facilityId ?? null],
  );
  const userId = Number(row.rows[0]?.id);
  const session = await createSession(
    pool,
    userId,
    options.nowMs ?? Date.now(),
    options.lifetimeMs ?? 3_600_000,
  );
  return {
    userId,
    username,
    token: session.token,
    csrfToken: session.csrfToken,
    headers: { authorization: `Bearer ${session.token}` },
    cookieHeaders: {
      cookie: `shaobing_session=${session.token}; shaobing_csrf=${session.csrfToken}`,
      'x-csrf-token': session.csrfToken,
    },
  };
}

/** An API token of scope ingest for one facility; returns the headers that carry it. */
export async function apiTokenHeaders(pool: pg.Pool, facilityId: string) {
  const token = newSecret(API_TOKEN_PREFIX);
  await pool.query(
    `INSERT INTO api_token (name, token_hash, scope, facility_id, created_at) VALUES ($1, $2, 'ingest', $3, now())`,
    [`test ${facilityId}`, secretHash(token), facilityId],
  );
  return { authorization: `Bearer ${token}` };
}
