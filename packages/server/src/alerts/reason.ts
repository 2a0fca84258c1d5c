import type { Language } from '../i18n/language.js';
import { translate, type MessageKey, type MessageParams } from '../i18n/messages.js';

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** A catalogue message in both languages, its parameters made per language (names differ, numbers not). */
export function bilingual(key: MessageKey, params: (language: Language) => MessageParams): Bilingual {
  return { zh: translate(key, 'zh-CN', params('zh-CN')), en: translate(key, 'en', params('en')) };
}

/** Numbers in reason texts: counts as they are, rates and expectations to two decimals, p-values in 3 digits. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(2);
}

export function formatP(p: number): string {
  if (p >= 0.001) return p.toPrecision(2);
  return p.toExponential(1);
}
