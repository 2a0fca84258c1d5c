import { describe, expect, test } from 'vitest';
import { withCommunities } from './change-log.js';
import { pairKey } from './read-series.js';

describe('changed communities', () => {
  test('every community of a changed street changed with it, from the same day', () => {
    const places = new Map([
      ['420102002', 'street'],
      ['420102002003', 'community'],
      ['420102002004', 'community'],
      ['420102003001', 'community'],
    ]);
    const changes = new Map([
      [pairKey('ili', '420102002'), 19_700],
      [pairKey('ili', '420102'), 19_700],
    ]);
    expect([...withCommunities(changes, places)].sort()).toEqual(
      [
        [pairKey('ili', '420102'), 19_700],
        [pairKey('ili', '420102002'), 19_700],
        [pairKey('ili', '420102002003'), 19_700],
        [pairKey('ili', '420102002004'), 19_700],
      ].sort(),
    );
  });
});
