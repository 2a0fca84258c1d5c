import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { contentHash, recordHash } from './content-hash.js';

/** cyrb53 as bryc published it (public domain), digits by String(): the reference for stored hashes. */
function cyrb53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return String(4294967296 * (2097151 & h2) + (h1 >>> 0));
}

describe('content hash', () => {
  test('equals the reference cyrb53, digits included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(contentHash(text)).toBe(cyrb53(text));
      }),
      { numRuns: 20_000 },
    );
  });

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
