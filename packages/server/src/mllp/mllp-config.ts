import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Language } from '../i18n/language.js';

/**
 * The MLLP listener's settings beyond its port (`SHAOBING_MLLP_PORT`, in config.ts; 0 turns the listener
 * off):
 * - SHAOBING_MLLP_FACILITIES: the sending facilities (MSH-4) allowed, comma-separated; unset: every facility
 *   in the `facility` table.
 * - SHAOBING_MLLP_TLS_CERT, SHAOBING_MLLP_TLS_KEY: PEM files; both set: MLLP over TLS.
 * - SHAOBING_MLLP_TLS_CA: PEM file; set: senders must present a client certificate it signed.
 * - SHAOBING_MLLP_LANGUAGE: zh-CN (default) or en, for the reasons in acknowledgements.
 */
const environment = z.object({
  SHAOBING_MLLP_FACILITIES: z.string().optional(),
  SHAOBING_MLLP_TLS_CERT: z.string().optional(),
  SHAOBING_MLLP_TLS_KEY: z.string().optional(),
  SHAOBING_MLLP_TLS_CA: z.string().optional(),
  SHAOBING_MLLP_LANGUAGE: z.enum(['zh-CN', 'en']).default('zh-CN'),
});

export interface MllpTls {
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly ca?: Buffer;
}

export interface MllpSettings {
  readonly facilities: readonly string[] | undefined;
  readonly tls: MllpTls | undefined;
  readonly language: Language;
}

export type MllpSettingsResult = { ok: true; settings: MllpSettings } | { ok: false; message: string };

export function loadMllpSettings(env: NodeJS.ProcessEnv = process.env): MllpSettingsResult {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      message: `${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'invalid'}`,
    };
  }
  const e = parsed.data;
  const facilities = e.SHAOBING_MLLP_FACILITIES?.split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  if ((e.SHAOBING_MLLP_TLS_CERT === undefined) !== (e.SHAOBING_MLLP_TLS_KEY === undefined)) {
    return { ok: false, message: 'SHAOBING_MLLP_TLS_CERT and SHAOBING_MLLP_TLS_KEY go together' };
  }
  let tls: MllpTls | undefined;
  try {
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
      facilities: facilities && facilities.length > 0 ? facilities : undefined,
      tls,
      language: e.SHAOBING_MLLP_LANGUAGE,
    },
  };
}
