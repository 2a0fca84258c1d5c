import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import { CSRF_HEADER, parseCookies, SESSION_COOKIE } from './cookies.js';
import { isRole, type Credential, type Principal } from './roles.js';
import { API_TOKEN_PREFIX, matchesHash, secretHash } from './secrets.js';

/**
 * Who is calling: a Bearer token in `Authorization` (a session token, or an API token by its prefix), else
 * the session cookie. `none`: no credentials came along; `invalid`: they did, but they open nothing
 * (unknown, expired, revoked, disabled user).
 */
export type Authentication =
  | { readonly kind: 'none' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'ok'; readonly principal: Principal; readonly csrfOk: boolean };

interface SessionRow {
  session_id: string;
  csrf_hash: Buffer;
  user_id: string;
  username: string;
  role: string;
  organisation_id: string | null;
  jurisdiction_code: string;
  facility_id: string | null;
}

const BEARER = /^Bearer\s+([A-Za-z0-9_-]{10,200})$/i;

export async function authenticate(
  pool: pg.Pool,
  request: FastifyRequest,
  nowMs: number,
): Promise<Authentication> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const m = BEARER.exec(header.trim());
    if (!m?.[1]) return { kind: 'invalid' };
    return m[1].startsWith(API_TOKEN_PREFIX)
      ? apiToken(pool, m[1], nowMs)
      : session(pool, m[1], 'bearer', undefined, nowMs);
  }
  const cookie = parseCookies(request.headers.cookie).get(SESSION_COOKIE);
  if (cookie === undefined) return { kind: 'none' };
  const csrf = request.headers[CSRF_HEADER];
  return session(pool, cookie, 'cookie', typeof csrf === 'string' ? csrf : undefined, nowMs);
}

async function session(
  pool: pg.Pool,
  token: string,
  via: Credential,
  csrf: string | undefined,
  nowMs: number,
): Promise<Authentication> {
  if (token.length > 200) return { kind: 'invalid' };
  const rows = await pool.query<SessionRow>(
    `SELECT s.id AS session_id, s.csrf_hash, u.id AS user_id, u.username, u.role, u.organisation_id,
            u.jurisdiction_code, u.facility_id
       FROM user_session s JOIN app_user u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND NOT u.disabled`,
    [secretHash(token), new Date(nowMs)],
  );
  const row = rows.rows[0];
  if (!row || !isRole(row.role)) return { kind: 'invalid' };
  return {
    kind: 'ok',
    principal: {
      userId: Number(row.user_id),
      username: row.username,
      role: row.role,
      organisationId: row.organisation_id,
      jurisdiction: row.jurisdiction_code,
      facilityId: row.facility_id,
      via,
      tokenId: null,
      sessionId: Number(row.session_id),
    },
    // Bearer tokens are not sent by browsers on their own: only cookie sessions need the CSRF header.
    csrfOk: via !== 'cookie' || (csrf !== undefined && matchesHash(csrf, row.csrf_hash)),
  };
}

async function apiToken(pool: pg.Pool, token: string, nowMs: number): Promise<Authentication> {
  const rows = await pool.query<{ id: string; facility_id: string; place_code: string }>(
    `UPDATE api_token t SET last_used_at = $2 FROM facility f
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND f.id = t.facility_id
      RETURNING t.id, t.facility_id, f.place_code`,
    [secretHash(token), new Date(nowMs)],
  );
  const row = rows.rows[0];
  if (!row) return { kind: 'invalid' };
  return {
    kind: 'ok',
    principal: {
      userId: null,
      username: `token:${row.id}`,
      role: 'facility_reporter',
      organisationId: null,
      jurisdiction: row.place_code,
      facilityId: row.facility_id,
      via: 'api-token',
      tokenId: Number(row.id),
      sessionId: null,
    },
    csrfOk: true,
  };
}
