import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashes with scrypt (node:crypto), stored as `scrypt$<log2 N>$<r>$<p>$<salt>$<key>` so that a
 * hash keeps the cost it was made with when the configured cost changes. The default cost (N = 2^15,
 * r = 8, p = 1, 32 MB) follows OWASP's password storage guidance; tests lower it through configuration.
 */

const KEY_BYTES = 32;

const derive = (password: string, salt: Buffer, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );

const optionsFor = (cost: number, r: number, p: number): ScryptOptions => ({
  N: 2 ** cost,
  r,
  p,
  // scrypt needs 128 · N · r bytes; Node's default ceiling (32 MB) is just too small for N = 2^15.
  maxmem: 256 * 2 ** cost * r + 1024 * 1024,
});

export async function hashPassword(password: string, cost: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, optionsFor(cost, 8, 1));
  return `scrypt$${cost}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

const STORED = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = STORED.exec(stored);
  if (!m) return false;
  const [cost, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const expected = Buffer.from(m[5] ?? '', 'base64');
  if (cost < 10 || cost > 20 || r < 1 || r > 32 || p < 1 || p > 16 || expected.length !== KEY_BYTES)
    return false;
  const key = await derive(password, Buffer.from(m[4] ?? '', 'base64'), optionsFor(cost, r, p));
  return timingSafeEqual(key, expected);
}

/**
 * For a username that does not exist: spend the same time as a real check, so that the answer's timing does
 * not tell which usernames exist.
 */
let dummy: Promise<string> | undefined;
export async function verifyNobody(password: string, cost: number): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'), cost);
  await verifyPassword(password, await dummy);
  return false;
}
