import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { alreadyNormal } from './normalise.js';

/** The normaliser skips NFKC and lower-casing for text they would leave as it is; these check that claim. */

const PLAIN = [
  ...Array.from({ length: 0x80 }, (_, c) => c).filter((c) => c < 65 || c > 90),
  ...Array.from({ length: 0x9fff - 0x4e00 + 1 }, (_, i) => 0x4e00 + i),
  0x3001,
  0x3002,
].map((c) => String.fromCharCode(c));

describe('normalising complaints: the fast path', () => {
  test('takes every such character, each its own NFKC and lower case', () => {
    for (const c of PLAIN) {
      expect(alreadyNormal(c)).toBe(true);
      expect(c.normalize('NFKC').toLowerCase()).toBe(c);
    }
  });

  test('text it takes is its own NFKC and lower case; text needing either is refused', () => {
    const unit = fc.oneof(
      fc.constantFrom(...PLAIN.slice(0, 128), '发', '热', '咳', '嗽', '、', '。'),
      fc.constantFrom('A', 'Ｆ', '３', '，', '℃', 'e\u0301', '\u3000', '發', 'Ⅳ', '\uD842\uDFB7'),
    );
    fc.assert(
      fc.property(fc.string({ unit }), (text) => {
        if (alreadyNormal(text)) expect(text.normalize('NFKC').toLowerCase()).toBe(text);
      }),
      { numRuns: 5000 },
    );
    for (const text of ['Fever', '发热，咳嗽', '３８℃', '\u3000发热', 'é'])
      expect(alreadyNormal(text)).toBe(false);
  });
});
