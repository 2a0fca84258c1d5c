import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { accessConfig, accessEnvironment, type AccessConfig } from './access/access-config.js';
import type { Language } from './i18n/language.js';

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
  /** Facility ids (MSH-4) allowed to send over MLLP, comma-separated; unset: every facility of the city. */
  SHAOBING_MLLP_ALLOW: z.string().optional(),
  /** PEM files; both set: MLLP over TLS. */
  SHAOBING_MLLP_TLS_CERT: z.string().optional(),
  SHAOBING_MLLP_TLS_KEY: z.string().optional(),
  /** PEM file; set: senders must present a client certificate it signed. */
  SHAOBING_MLLP_TLS_CA: z.string().optional(),
  /** The language of the reasons in HL7 acknowledgements (a sender has no Accept-Language). */
  SHAOBING_MLLP_LANGUAGE: z.enum(['zh-CN', 'en']).default('zh-CN'),
  SHAOBING_DEMO: flag.default(true),
  SHAOBING_CITY: z.string().default('wuhan'),
  SHAOBING_BODY_LIMIT_MB: z.coerce.number().positive().default(50),
  SHAOBING_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ...accessEnvironment,
});

export interface MllpTls {
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly ca?: Buffer;
}

export interface MllpSettings {
  /**
   * A further restriction of the sending facilities (MSH-4): only these ids. A sender must be a facility
   * of the city in any case.
   */
  readonly allow: readonly string[] | undefined;
  readonly tls: MllpTls | undefined;
  readonly language: Language;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  /** External PostgreSQL server; absent: the embedded server in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** 0: no MLLP listener. */
  readonly mllpPort: number;
  readonly mllp: MllpSettings;
  readonly demo: boolean;
  readonly city: string;
  readonly bodyLimitBytes: number;
  readonly logLevel: string;
  /** Sessions, login limits, password cost, demo password: src/access/access-config.ts. */
  readonly access: AccessConfig;
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
  const mllp = mllpSettings(e);
  if (!mllp.ok) return mllp;
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      databaseUrl: e.DATABASE_URL,
      dataDir: resolve(e.SHAOBING_DATA),
      mllpPort: e.SHAOBING_MLLP_PORT,
      mllp: mllp.settings,
      demo: e.SHAOBING_DEMO,
      city: e.SHAOBING_CITY,
      bodyLimitBytes: Math.round(e.SHAOBING_BODY_LIMIT_MB * 1024 * 1024),
      logLevel: e.SHAOBING_LOG_LEVEL,
      access: accessConfig(e),
    },
  };
}

function mllpSettings(
  e: z.infer<typeof environment>,
): { ok: true; settings: MllpSettings } | { ok: false; message: string } {
  const allow = e.SHAOBING_MLLP_ALLOW?.split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  if ((e.SHAOBING_MLLP_TLS_CERT === undefined) !== (e.SHAOBING_MLLP_TLS_KEY === undefined)) {
    return { ok: false, message: 'SHAOBING_MLLP_TLS_CERT and SHAOBING_MLLP_TLS_KEY go together' };
  }
  let tls: MllpTls | undefined;
  try {
    // Read here rather than when the listener starts, so that a wrong path stops the start with its name.
    if (e.SHAOBING_MLLP_TLS_CERT && e.SHAOBING_MLLP_TLS_KEY) {
      tls = {
        cert: readFileSync(e.SHAOBING_MLLP_TLS_CERT),
        key: readFileSync(e.SHAOBING_MLLP_TLS_KEY),
        ...(e.SHAOBING_MLLP_TLS_CA ? { ca: readFileSync(e.SHAOBING_MLLP_TLS_CA) } : {}),
      };
    }
  } catch (error) {
    return { ok: false, message: `MLLP TLS: ${(error as Error).message}` };
  }
  return {
    ok: true,
    settings: {
      allow: allow && allow.length > 0 ? allow : undefined,
      tls,
      language: e.SHAOBING_MLLP_LANGUAGE,
    },
  };
}
