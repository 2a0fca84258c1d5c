/**
 * A record's content as a 53-bit hash (stored in the `hashes` bigint[] column), over its stored columns as
 * formatted for COPY: two sends that differ only in spelling (`男` and `M`, 2024-01-05 09:30 and
 * 2024-01-05T09:30:00+08:00) store the same values and so are the same content. Versions under one natural
 * key are few; a collision among them (2⁻⁵³ each) is beyond concern, and the hash costs a fraction of a
 * microsecond where a cryptographic one cost several.
 *
 * cyrb53, by bryc (public domain): two 32-bit multiply-xorshift lanes mixed into 53 bits.
 */
export function contentHash(text: string): string {
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
