import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The platform's configuration, read once from the environment (`SHAOBING_*` plus the conventional `PORT`
 * and `DATABASE_URL`) and validated; everything else receives the typed object.
 */

const flag = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1');

const environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  SHAOBING_DATA: z.string().default('.shaobing'),
  SHAOBING_MLLP_PORT: z.coerce.number().int().min(0).max(65535).default(2575),
  SHAOBING_DEMO: flag.default(true),
  SHAOBING_CITY: z.string().default('wuhan'),
  SHAOBING_BODY_LIMIT_MB: z.coerce.number().positive().default(50),
  SHAOBING_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  /** External PostgreSQL server; absent: the embedded server in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly mllpPort: number;
  readonly demo: boolean;
  readonly city: string;
  readonly bodyLimitBytes: number;
  readonly logLevel: string;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      message: `${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'invalid'}`,
    };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      databaseUrl: e.DATABASE_URL,
      dataDir: resolve(e.SHAOBING_DATA),
      mllpPort: e.SHAOBING_MLLP_PORT,
      demo: e.SHAOBING_DEMO,
      city: e.SHAOBING_CITY,
      bodyLimitBytes: Math.round(e.SHAOBING_BODY_LIMIT_MB * 1024 * 1024),
      logLevel: e.SHAOBING_LOG_LEVEL,
    },
  };
}
