import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addAmount, amountText, negate, toDecimal, type Amount } from './exact-sum.js';

describe('exact sums', () => {
  test('decimals add exactly, as PostgreSQL numeric does', () => {
    expect(amountText(addAmount(0.1, 0.2))).toBe('0.3');
    expect(amountText(addAmount(addAmount(1e-7, 98765.4321), negate(0.0001)))).toBe('98765.4320001');
    expect(amountText(addAmount(3, negate(3.5)))).toBe('-0.5');
    expect(toDecimal(1.5e21)).toEqual({ int: 1500000000000000000000n, scale: 0 });
  });

  test('whole numbers stay plain numbers', () => expect(addAmount(2, 3)).toBe(5));

  test('adding then taking away returns to the start', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e9, noNaN: true }), { maxLength: 20 }), (values) => {
        let sum: Amount = 0;
        for (const v of values) sum = addAmount(sum, v);
        for (const v of values) sum = addAmount(sum, negate(v));
        expect(Number(amountText(sum))).toBe(0);
      }),
    );
  });
});
