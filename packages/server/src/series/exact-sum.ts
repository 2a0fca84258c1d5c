/**
 * Sums of record amounts that stay exact, so that series kept incrementally equal a recount to the last
 * digit. Whole numbers (counts, units) add as doubles, exact below 2⁵³; a fractional amount (a wastewater
 * concentration) switches the sum to a scaled bigint over the amount's shortest decimal form, which is
 * also what the record table stores, so PostgreSQL's numeric sum of the records gives the same digits.
 */

export interface Decimal {
  readonly int: bigint;
  readonly scale: number;
}

export type Amount = number | Decimal;

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

export function toDecimal(x: number): Decimal {
  const m = DECIMAL.exec(String(x));
  if (!m) throw new RangeError(`not a finite number: ${x}`);
  const fraction = m[3] ?? '';
  let int = BigInt(`${m[1]}${m[2]}${fraction}`);
  let scale = fraction.length - Number(m[4] ?? 0);
  if (scale < 0) {
    int *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { int, scale };
}

const asDecimal = (a: Amount): Decimal => (typeof a === 'number' ? toDecimal(a) : a);

export function addAmount(a: Amount, b: Amount): Amount {
  if (typeof a === 'number' && typeof b === 'number' && Number.isInteger(a) && Number.isInteger(b))
    return a + b;
  const x = asDecimal(a);
  const y = asDecimal(b);
  const scale = Math.max(x.scale, y.scale);
  return {
    int: x.int * 10n ** BigInt(scale - x.scale) + y.int * 10n ** BigInt(scale - y.scale),
    scale,
  };
}

export const negate = (a: Amount): Amount => (typeof a === 'number' ? -a : { int: -a.int, scale: a.scale });

/** The amount as a decimal string for a numeric parameter. */
export function amountText(a: Amount): string {
  if (typeof a === 'number') return String(a);
  if (a.scale === 0) return a.int.toString();
  const negative = a.int < 0n;
  const digits = (negative ? -a.int : a.int).toString().padStart(a.scale + 1, '0');
  const point = digits.length - a.scale;
  return `${negative ? '-' : ''}${digits.slice(0, point)}.${digits.slice(point)}`;
}

export const isZero = (a: Amount): boolean => (typeof a === 'number' ? a === 0 : a.int === 0n);
