import { z } from 'zod';
import type { MessageKey } from '../i18n/messages.js';
import { parseDate, parseTimestamp } from './time.js';

/**
 * Field types shared by the channel schemas. A failed check carries the catalogue key of its reason in
 * `params.key`, so a rejection reads in the caller's language (see record-issues.ts).
 */

const because = (key: MessageKey) => ({ params: { key } });

/** A code as reporters write it: facility id, visit number, card id, sample id. */
export const code = z.string().trim().min(1).max(64);

/** A place code at any level: 4-digit city, 6-digit district, 9-digit street, 12-digit community. */
export const placeCode = z
  .string()
  .trim()
  .refine((v) => /^\d{4}(?:\d{2}(?:\d{3}(?:\d{3})?)?)?$/.test(v), because('field.place-code'));

/** A lower-case key naming a pathogen, a wastewater target, a data source: `sars_cov_2`, `weibo`. */
export const slug = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => /^[a-z0-9][a-z0-9_.-]{0,63}$/.test(v), because('field.slug'));

/** An ISO 8601 timestamp; without an offset it is Asia/Shanghai local time. */
export const timestamp = z.string().transform((text, ctx) => {
  const instant = parseTimestamp(text.trim());
  if (instant) return instant;
  ctx.addIssue({ code: 'custom', params: { key: 'field.timestamp' } });
  return z.NEVER;
});

/** A calendar date 'YYYY-MM-DD'. */
export const date = z.string().refine((v) => parseDate(v) !== undefined, because('field.date'));

/** Age in years (decimals for infants: 0.5 is six months). */
export const age = z.number().min(0).max(150);

const SEX_WORDS: Readonly<Record<string, 'M' | 'F' | 'U'>> = {
  m: 'M',
  male: 'M',
  男: 'M',
  f: 'F',
  female: 'F',
  女: 'F',
  u: 'U',
  unknown: 'U',
  o: 'U',
  未知: 'U',
};

/** Sex: M, F or U (unknown); male/female and 男/女 are read too. */
export const sex = z
  .string()
  .transform((v) => SEX_WORDS[v.trim().toLowerCase()] ?? v)
  .pipe(z.enum(['M', 'F', 'U']));

/** A count: a whole number, zero or more. */
export const count = z.number().int().min(0).max(1e9);

/** Free text (a chief complaint, a message, a post). */
export const text = (max: number) => z.string().max(max);

/** A category label from the sender's own list (a hotline category): becomes a series signal. */
export const category = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((v) => !v.startsWith('_'), because('field.category'));

/** ICD-10 codes (China's clinical edition adds digits: J11.100, J06.900x001); several with ',' or ';'. */
export const icd10 = z
  .string()
  .trim()
  .toUpperCase()
  .refine(
    (v) => v.split(/[,;]\s*/).every((c) => /^[A-Z]\d{2}(?:\.[0-9A-Z]{1,8})?$/.test(c)),
    because('field.icd10'),
  );

/** GB 11643 citizen ID numbers are checked by their check digit; other documents (passports) pass as text. */
export const idNumber = z
  .string()
  .trim()
  .toUpperCase()
  .refine(
    (v) => (/^\d{17}[\dX]$/.test(v) ? citizenIdCheck(v) : /^[0-9A-Z-]{5,32}$/.test(v)),
    because('field.id-number'),
  );

export const phone = z
  .string()
  .trim()
  .refine((v) => /^\+?[\d\- ()]{5,24}$/.test(v), because('field.phone'));

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999: the 18th character is ISO 7064 MOD 11-2 over the first 17 digits. */
export function citizenIdCheck(id: string): boolean {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] === id[17];
}
