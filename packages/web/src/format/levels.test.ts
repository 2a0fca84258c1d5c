import { describe, expect, test } from 'vitest';
import { suppressSmall } from './levels';

describe('small-count suppression on the public page', () => {
  test.each([
    [0, '0'],
    [1, '<5'],
    [4, '<5'],
    [5, '5'],
    [123, '123'],
  ])('%i is shown as %s', (count, shown) => {
    expect(suppressSmall(count)).toBe(shown);
  });
});
