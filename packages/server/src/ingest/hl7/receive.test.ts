import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { receiveHl7 } from './receive.js';

/** What the sender is told when we fail: AR with 207, so that it sends again later. */

const sample = readFileSync(
  new URL('./samples/a04-minimal-admit-reason.hl7', import.meta.url),
  'utf8',
).replace(/\n/g, '\r');
// Nothing listens on port 1: every query fails as a database outage would.
const unreachable = new pg.Pool({
  connectionString: 'postgres://nobody@127.0.0.1:1/none',
  connectionTimeoutMillis: 2000,
});
afterAll(() => unreachable.end());

describe('receiving when the platform cannot store', () => {
  test.each([
    ['the facility check fails', async () => Promise.reject(new Error('down'))],
    ['the database is unreachable', async () => true],
  ])('%s: AR 207 and the reason', async (_name, allowFacility) => {
    const receipt = await receiveHl7(sample, { db: unreachable, allowFacility, language: 'en' });
    expect(receipt.outcome).toBe('failed');
    expect(receipt.ack).toContain(
      '\rMSA|AR|CHC-0099|the message could not be stored now; send it again later\r',
    );
    expect(receipt.ack).toContain('\rERR||MSH^1|207^Application internal error^HL70357|E|');
  });
});
