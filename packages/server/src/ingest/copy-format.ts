import type { CopyValue } from '../channels/channel.js';

/**
 * Values in PostgreSQL's COPY text format: tab-separated, `\N` for NULL, backslash escapes for the
 * characters that would break a row. Arrays are written as array literals and then escaped like any text.
 */

const SPECIAL = /[\\\t\n\r]/;

export function copyText(value: string): string {
  if (!SPECIAL.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

export function copyValue(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return copyText(value);
}

const PLAIN_ELEMENT = /^[^\s{}",\\]+$/;

/**
 * An array literal `{a,"b c"}`. Elements are text or numbers, never NULL. Sent as a query parameter in
 * place of a JavaScript array, it spares node-postgres building the same literal while a transaction waits.
 */
export function arrayLiteral(values: readonly (string | number)[]): string {
  const parts = values.map((v) => {
    const text = String(v);
    if (PLAIN_ELEMENT.test(text) && text.toUpperCase() !== 'NULL') return text;
    return `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  });
  return `{${parts.join(',')}}`;
}

/** An array literal, COPY-escaped. */
export function copyArray(values: readonly (string | number)[]): string {
  return copyText(arrayLiteral(values));
}
