import { createHash } from 'node:crypto';

/**
 * A record's content as a signed 64-bit hash (the `hashes` bigint[] column), over its validated form: two
 * sends that differ only in spelling (`男` and `M`, a time with and without +08:00) are the same content.
 * Collisions within one natural key are beyond any plausible number of versions (2⁻⁶⁴ each).
 */
export function contentHash(validated: unknown, omit?: string): string {
  const json = JSON.stringify(
    validated,
    omit === undefined ? undefined : (k, v: unknown) => (k === omit ? undefined : v),
  );
  return createHash('md5').update(json).digest().readBigInt64BE(0).toString();
}
