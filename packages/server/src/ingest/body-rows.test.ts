import { describe, expect, test } from 'vitest';
import { bodyRecords, type BodyFormat } from './body-rows.js';

async function recordsOf(body: Iterable<Buffer | string>, format: BodyFormat = 'csv') {
  const out: unknown[] = [];
  for await (const records of bodyRecords(toAsync(body), format)) out.push(...records);
  return out;
}

async function* toAsync<T>(items: Iterable<T>): AsyncIterable<T> {
  for (const item of items) yield await Promise.resolve(item);
}

/** The bytes in chunks of `size`: multi-byte characters are cut between chunks. */
function chunks(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

describe('body bytes to records', () => {
  const csv = Buffer.from('\uFEFFvisit_id,chief_complaint\r\n1,发热、咳嗽 😷\n2,"头痛,乏力"\n', 'utf8');

  test('UTF-8 characters cut between chunks are joined; the byte-order mark is dropped', async () => {
    const expected = [
      { visitId: '1', chiefComplaint: '发热、咳嗽 😷' },
      { visitId: '2', chiefComplaint: '头痛,乏力' },
    ];
    for (const size of [1, 2, 3, 5, 1000]) expect(await recordsOf(chunks(csv, size))).toEqual(expected);
  });

  test('malformed bytes read as U+FFFD, wherever the chunks are cut', async () => {
    const bytes = Buffer.concat([
      Buffer.from('a,b\n1,x', 'utf8'),
      Buffer.from([0xe5, 0x8f]), // a character cut short
      Buffer.from('y', 'utf8'),
      Buffer.from([0xff, 0xc3]), // a byte never in UTF-8, and a lead byte without its tail
      Buffer.from('\n', 'utf8'),
    ]);
    for (const size of [1, 2, 3, 1000]) {
      expect(await recordsOf(chunks(bytes, size))).toEqual([{ a: '1', b: 'x\uFFFDy\uFFFD\uFFFD' }]);
    }
  });
});
