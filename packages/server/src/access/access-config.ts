import { z } from 'zod';

/**
 * The access settings, read with the rest of the configuration (src/config.ts) from `SHAOBING_*`
 * variables: session lifetime, the login rate limit, the password hash cost, and the demo password.
 */
export interface AccessConfig {
  /** How long a login session lasts. */
  readonly sessionMs: number;
  /** Failed logins per username, and per client address, within the window before 429. */
  readonly loginMaxFailures: number;
  readonly loginWindowMs: number;
  /** log2 of scrypt's N for new password hashes (stored hashes carry their own cost). */
  readonly scryptCost: number;
  /** The session cookie is sent over HTTPS only. */
  readonly cookieSecure: boolean;
  /** Demo mode only: the demo users' password; unset: one is generated at start. */
  readonly demoPassword: string | undefined;
}

const flag = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1');

export const accessEnvironment = {
  SHAOBING_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(12),
  SHAOBING_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  SHAOBING_LOGIN_WINDOW_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(15),
  SHAOBING_SCRYPT_COST: z.coerce.number().int().min(10).max(20).default(15),
  SHAOBING_COOKIE_SECURE: flag.default(false),
  SHAOBING_DEMO_PASSWORD: z.string().min(8).max(200).optional(),
};

type AccessEnvironment = z.output<ReturnType<typeof z.object<typeof accessEnvironment>>>;

export function accessConfig(e: AccessEnvironment): AccessConfig {
  return {
    sessionMs: Math.round(e.SHAOBING_SESSION_HOURS * 3_600_000),
    loginMaxFailures: e.SHAOBING_LOGIN_MAX_FAILURES,
    loginWindowMs: Math.round(e.SHAOBING_LOGIN_WINDOW_MINUTES * 60_000),
    scryptCost: e.SHAOBING_SCRYPT_COST,
    cookieSecure: e.SHAOBING_COOKIE_SECURE,
    demoPassword: e.SHAOBING_DEMO_PASSWORD,
  };
}
