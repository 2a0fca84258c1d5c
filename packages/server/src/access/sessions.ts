import type pg from 'pg';
import { newSecret, SESSION_PREFIX, secretHash } from './secrets.js';

/** Login sessions: a random token (stored as its hash) with an expiry, and the session's CSRF token. */

export interface NewSession {
  readonly id: number;
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export async function createSession(
  pool: pg.Pool | pg.PoolClient,
  userId: number,
  nowMs: number,
  lifetimeMs: number,
): Promise<NewSession> {
  const token = newSecret(SESSION_PREFIX);
  const csrfToken = newSecret();
  const expiresAt = new Date(nowMs + lifetimeMs);
  const row = await pool.query<{ id: string }>(
    `INSERT INTO user_session (token_hash, csrf_hash, user_id, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [secretHash(token), secretHash(csrfToken), userId, new Date(nowMs), expiresAt],
  );
  return { id: Number(row.rows[0]?.id), token, csrfToken, expiresAt };
}

export async function revokeSession(pool: pg.Pool, sessionId: number, nowMs: number): Promise<void> {
  await pool.query('UPDATE user_session SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [
    sessionId,
    new Date(nowMs),
  ]);
}

/** Every open session of a user ends (disabled, password reset, role changed). */
export async function revokeUserSessions(pool: pg.Pool | pg.PoolClient, userId: number, nowMs: number) {
  await pool.query('UPDATE user_session SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [
    userId,
    new Date(nowMs),
  ]);
}
