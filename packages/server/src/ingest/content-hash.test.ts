import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { contentHash, recordHash } from './content-hash.js';

describe('content hash', () => {
  test('cyrb53 as published (bryc): fixed values stay fixed', () => {
    // Stored hashes must not change between versions: these were computed by the original cyrb53.
    expect(contentHash('')).toBe('3338908027751811');
    expect(contentHash('a')).toBe('7929297801672961');
    expect(contentHash('H1/V1\tH1\t发热、咳嗽')).toBe(contentHash('H1/V1\tH1\t发热、咳嗽'));
  });

  test('a record hashed from its parts equals the hash of the joined text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.nat(), (key, facility, columns, cut) => {
        const end = columns.length === 0 ? 0 : cut % (columns.length + 1);
        expect(recordHash(key, facility, columns, end)).toBe(
          contentHash(`${key}\t${facility}\t${columns.slice(0, end)}`),
        );
      }),
      { numRuns: 2000 },
    );
  });
});
