import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Bearer secrets (session tokens, CSRF tokens, API tokens): 32 random bytes, base64url, with a prefix that
 * tells what they are. Only their sha256 is stored, so a copy of the database opens nothing; a lookup by
 * hash needs no constant-time compare (the hash, not the secret, is what the index matches).
 */

export const SESSION_PREFIX = 'sbs_';
export const API_TOKEN_PREFIX = 'sbt_';

export const newSecret = (prefix = '') => prefix + randomBytes(32).toString('base64url');

export const secretHash = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

/** Constant-time comparison of a presented secret with a stored hash. */
export function matchesHash(secret: string, hash: Buffer): boolean {
  const presented = secretHash(secret);
  return presented.length === hash.length && timingSafeEqual(presented, hash);
}
