import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { charsetOf } from './charset.js';
import { frame, MllpDecoder } from './framing.js';

describe('MLLP framing', () => {
  test('frames come out whole however the bytes are cut', () => {
    const payload = fc
      .string({ unit: 'grapheme', maxLength: 60 })
      .map((s) => s.replaceAll('\x0b', '').replaceAll('\x1c', ''));
    fc.assert(
      fc.property(
        fc.array(payload, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (messages, cutsSeed) => {
          const bytes = Buffer.concat(messages.map((m) => frame(m)));
          const cuts = [...new Set(cutsSeed.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const decoder = new MllpDecoder(1 << 20);
          const out: string[] = [];
          let from = 0;
          for (const cut of [...cuts, bytes.length]) {
            for (const f of decoder.push(bytes.subarray(from, cut)).frames) out.push(f.toString('utf8'));
            from = cut;
          }
          expect(out).toEqual(messages);
        },
      ),
    );
  });

  test('noise outside frames is dropped; an end byte without CR does not end a frame', () => {
    const decoder = new MllpDecoder(1 << 20);
    const { frames } = decoder.push(Buffer.from('noise\x0bA\x1cB\x1c\r\r\n\x0bC\x1c\r'));
    expect(frames.map((f) => f.toString())).toEqual(['A\x1cB', 'C']);
  });

  test('an unfinished frame over the limit is an overflow', () => {
    const decoder = new MllpDecoder(10);
    expect(decoder.push(Buffer.from('\x0b0123456789')).overflow).toBe(false);
    expect(decoder.push(Buffer.from('abcdef')).overflow).toBe(true);
  });

  test.each([
    ['MSH|^~\\&|A|B|C|D|20240101||ADT^A04|1|P|2.5.1||||||GB 18030-2000', 'gb18030'],
    ['MSH|^~\\&|A|B|C|D|20240101||ADT^A04|1|P|2.5.1||||||UNICODE UTF-8', 'utf-8'],
    ['MSH|^~\\&|A|B|C|D|20240101||ADT^A04|1|P|2.5.1||||||8859/1', 'latin1'],
    ['MSH|^~\\&|A|B|C|D|20240101||ADT^A04|1|P|2.5.1', 'utf-8'],
    ['hello', 'utf-8'],
  ])('MSH-18 of %s is %s', (header, charset) => {
    expect(charsetOf(Buffer.from(`${header}\rPID|1`, 'latin1')).encoding).toBe(charset);
  });
});
