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
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;
  mix(text, text.length);
  return digest();
}

/**
 * contentHash of `${key}\t${facility}\t${columns.slice(0, end)}`, read from its parts in place rather
 * than from a string built for it.
 */
export function recordHash(key: string, facility: string, columns: string, end: number): string {
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;
  mix(key, key.length);
  mix('\t', 1);
  mix(facility, facility.length);
  mix('\t', 1);
  mix(columns, end);
  return digest();
}

/** The two lanes between the parts of one hash (every call runs to its end before another starts). */
let h1 = 0;
let h2 = 0;

function mix(text: string, end: number): void {
  let a = h1;
  let b = h2;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  h1 = a;
  h2 = b;
}

function digest(): string {
  let a = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  a ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  let b = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  b ^= Math.imul(a ^ (a >>> 13), 3266489909);
  const value = 4294967296 * (2097151 & b) + (a >>> 0);
  // In two parts below 10⁸ (small integers, which V8 turns into text on a fast path), rather than the
  // 53-bit double's general conversion: the same digits in half the time.
  const high = Math.floor(value / 1e8);
  if (high === 0) return String(value);
  const low = String(value - high * 1e8);
  return String(high) + ZEROS[8 - low.length] + low;
}

const ZEROS = ['', '0', '00', '000', '0000', '00000', '000000', '0000000'];
