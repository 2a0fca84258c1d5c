import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures: `X-Shaobing-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 * The timestamp inside the signed text lets a receiver refuse replays of an old delivery; the scheme is the
 * one Stripe documents, so receivers can reuse code they know.
 */

export const SIGNATURE_HEADER = 'x-shaobing-signature';

export function sign(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** For receivers (and tests): the header matches the body and is at most `toleranceSeconds` old. */
export function verify(
  secret: string,
  header: string,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  const given = parts.v1;
  if (!Number.isInteger(t) || given === undefined || Math.abs(nowSeconds - t) > toleranceSeconds)
    return false;
  const expected = Buffer.from(sign(secret, body, t).split('v1=')[1] as string, 'hex');
  const actual = Buffer.from(given, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
