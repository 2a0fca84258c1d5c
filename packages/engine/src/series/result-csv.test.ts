import fc from 'fast-check';
import { expect, test } from 'vitest';
import { formatCell, resultHeader, resultLines } from './result-csv.js';

test('cells print as R prints them and numbers round-trip exactly', () => {
  expect([null, NaN, Infinity, -Infinity, 0, 1.5].map(formatCell)).toEqual([
    'NA',
    'NaN',
    'Inf',
    '-Inf',
    '0',
    '1.5',
  ]);
  // -0 prints as 0, which compares equal: no count or bound depends on the sign of zero.
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => Number(formatCell(x)) === x),
  );
});

test('writes the method columns in order, the input t and an optional series column', () => {
  const result = { t: [2, 3], upperbound: [4.5, null], alarm: [0, null], extra: { expected: [1, NaN] } };
  expect(resultHeader(result, true)).toBe('series,t,observed,upperbound,alarm,expected');
  const observed = Float64Array.from([1, 2, NaN]);
  expect(resultLines(result, observed, 100, 'a,b')).toBe('"a,b",102,2,4.5,0,1\n"a,b",103,NA,NA,NA,NaN\n');
  expect(resultLines(result, observed, 0)).toBe('2,2,4.5,0,1\n3,NA,NA,NA,NaN\n');
});
