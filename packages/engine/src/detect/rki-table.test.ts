import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { RKI_CI_TABLE, rkiTableUpper } from './rki-table.js';

const csv = readFileSync(new URL('../../test/reference/rki_CIdata.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',').map(Number));

describe('RKI_CI_TABLE', () => {
  test('is an exact copy of surveillance CIdata (rki_CIdata.csv)', () => {
    expect(RKI_CI_TABLE.map((r) => [r.mu, r.lower, r.upper])).toEqual(csv);
  });

  test.each([
    [0, 3.285],
    [0.99, 3.285],
    [7.5, 13.765],
    [20, 30.017],
  ])('rkiTableUpper(%d) = %d (row floor(mu))', (mu, upper) => {
    expect(rkiTableUpper(mu)).toBe(upper);
  });

  test('is NaN outside the table', () => {
    expect(rkiTableUpper(21)).toBeNaN();
    expect(rkiTableUpper(-1)).toBeNaN();
  });
});
