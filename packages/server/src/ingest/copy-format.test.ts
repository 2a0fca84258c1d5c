import { describe, expect, test } from 'vitest';
import { arrayLiteral, copyArray, copyValue } from './copy-format.js';

describe('COPY text format', () => {
  test('values', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(undefined)).toBe('\\N');
    expect(copyValue(true)).toBe('t');
    expect(copyValue(38.5)).toBe('38.5');
    expect(copyValue('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
  });

  test('arrays: plain elements bare, others quoted, then escaped for COPY', () => {
    expect(copyArray(['all', 'ili'])).toBe('{all,ili}');
    expect(copyArray(['医疗 卫生', 'a,b', 'say "hi"', 'back\\slash', 'NULL', ''])).toBe(
      '{"医疗 卫生","a,b","say \\\\"hi\\\\"","back\\\\\\\\slash","NULL",""}',
    );
    expect(copyArray([1, 2.5])).toBe('{1,2.5}');
    // one element: the same rules
    expect(copyArray(['6173156500205575'])).toBe('{6173156500205575}');
    expect(copyArray(['NULL'])).toBe('{"NULL"}');
    expect(copyArray(['say "hi"'])).toBe('{"say \\\\"hi\\\\""}');
    expect(copyArray([7])).toBe('{7}');
  });

  test('numbers bare, whatever their text', () => {
    expect(arrayLiteral([0, -2, 1.5, 1e21, Number.NaN, Number.POSITIVE_INFINITY])).toBe(
      '{0,-2,1.5,1e+21,NaN,Infinity}',
    );
  });

  test('a frozen array is written as an unfrozen one with the same elements, every time', () => {
    for (const values of [['all', 'ili'], ['a b', 'NULL', 'tab\there'], [], [3, 'x']]) {
      const frozen = Object.freeze([...values]);
      expect(copyArray(frozen)).toBe(copyArray(values));
      expect(copyArray(frozen)).toBe(copyArray([...values]));
    }
  });
});
