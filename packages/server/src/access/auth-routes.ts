import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../http/api-error.js';
import type { Platform } from '../http/app.js';
import { clearedCookies, sessionCookies } from './cookies.js';
import { LoginLimiter } from './login-limiter.js';
import { verifyNobody, verifyPassword } from './password.js';
import { access, principalOf } from './route-access.js';
import { createSession, revokeSession } from './sessions.js';
import { toUserView, USER_COLUMNS, userView, type UserRow } from './user-view.js';

/**
 * POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me. A login answers with the session
 * token (for `Authorization: Bearer`) and sets the session and CSRF cookies for the browser.
 */

const loginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

const loginAnswer = z.object({
  token: z.string().describe('send as Authorization: Bearer <token>'),
  expiresAt: z.string(),
  csrfToken: z.string().describe('cookie sessions: send as X-CSRF-Token on POST, PUT, PATCH, DELETE'),
  user: userView,
});

export const authRoutes =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    const { config, db } = platform;
    const now = platform.clock ?? Date.now;
    const settings = config.access;
    const limiter = new LoginLimiter(settings.loginMaxFailures, settings.loginWindowMs, now);

    app.post(
      '/api/v1/auth/login',
      {
        config: access.public(),
        schema: {
          tags: ['access'],
          summary: 'Sign in with a username and password',
          body: loginBody,
          response: { 200: loginAnswer },
        },
      },
      async (request, reply) => {
        const username = request.body.username.toLowerCase();
        const keys = [`user:${username}`, `ip:${request.ip}`];
        if (limiter.blocked(keys)) throw new ApiError('rate-limited', 'error.rate-limited');
        const rows = await db.pool.query<UserRow & { password_hash: string | null }>(
          `SELECT ${USER_COLUMNS}, password_hash FROM app_user WHERE username = $1`,
          [username],
        );
        const user = rows.rows[0];
        const ok =
          user?.password_hash && !user.disabled
            ? await verifyPassword(request.body.password, user.password_hash)
            : await verifyNobody(request.body.password, settings.scryptCost);
        if (!ok || !user) {
          limiter.fail(keys);
          throw new ApiError('unauthorized', 'access.bad-login');
        }
        limiter.clear(keys[0] ?? '');
        const session = await createSession(db.pool, Number(user.id), now(), settings.sessionMs);
        // The user's sessions that ended a day ago or more are of no further use: dropped here, so none pile up.
        await db.pool.query(
          'DELETE FROM user_session WHERE user_id = $1 AND coalesce(revoked_at, expires_at) < $2',
          [user.id, new Date(now() - 86_400_000)],
        );
        void reply.header(
          'set-cookie',
          sessionCookies(session.token, session.csrfToken, settings.sessionMs / 1000, settings.cookieSecure),
        );
        return {
          token: session.token,
          expiresAt: session.expiresAt.toISOString(),
          csrfToken: session.csrfToken,
          user: toUserView(user),
        };
      },
    );

    app.post(
      '/api/v1/auth/logout',
      {
        config: access.signedIn(),
        schema: { tags: ['access'], summary: 'End this session', response: { 204: z.null() } },
      },
      async (request, reply) => {
        const { sessionId } = principalOf(request);
        if (sessionId !== null) await revokeSession(db.pool, sessionId, now());
        return reply.header('set-cookie', clearedCookies(settings.cookieSecure)).status(204).send(null);
      },
    );

    app.get(
      '/api/v1/auth/me',
      {
        config: access.signedIn(),
        schema: { tags: ['access'], summary: 'The signed-in user', response: { 200: userView } },
      },
      async (request) => {
        const { userId } = principalOf(request);
        const rows = await db.pool.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app_user WHERE id = $1`, [
          userId,
        ]);
        const row = rows.rows[0];
        if (!row) throw new ApiError('unauthorized', 'error.unauthorized');
        return toUserView(row);
      },
    );
  };
