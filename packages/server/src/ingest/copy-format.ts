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

function arrayElement(value: string | number): string {
  // A number's text never needs quotes (digits, '.', 'e', '-', 'NaN', 'Infinity'): no test for it.
  if (typeof value === 'number') return String(value);
  if (PLAIN_ELEMENT.test(value) && value.toUpperCase() !== 'NULL') return value;
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/**
 * An array literal `{a,"b c"}`. Elements are text or numbers, never NULL. Sent as a query parameter in
 * place of a JavaScript array, it spares node-postgres building the same literal while a transaction waits.
 */
export function arrayLiteral(values: readonly (string | number)[]): string {
  // One element (a record's hash list, a one-day series): no array mapped and joined for it.
  if (values.length === 1) return `{${arrayElement(values[0] as string | number)}}`;
  return `{${values.map(arrayElement).join(',')}}`;
}

/** Literals of frozen arrays, which cannot change: the visit channel shares one signal list per syndrome set. */
const frozenLiterals = new WeakMap<readonly (string | number)[], string>();

/** An array literal, COPY-escaped. */
export function copyArray(values: readonly (string | number)[]): string {
  if (!Object.isFrozen(values)) return copyText(arrayLiteral(values));
  let literal = frozenLiterals.get(values);
  if (literal === undefined) {
    literal = copyText(arrayLiteral(values));
    frozenLiterals.set(values, literal);
  }
  return literal;
}
