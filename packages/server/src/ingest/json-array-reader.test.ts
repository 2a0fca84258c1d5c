import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { JsonArrayReader, NotAnArray, type JsonElement } from './json-array-reader.js';

function readAll(text: string, chunk = 5): JsonElement[] {
  const reader = new JsonArrayReader();
  const out: JsonElement[] = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...reader.push(text.slice(i, i + chunk)));
  return [...out, ...reader.end()];
}

describe('JsonArrayReader', () => {
  test('reads any JSON array element by element, whatever the chunk size', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.integer({ min: 1, max: 30 }), (values, chunk) => {
        const text = JSON.stringify(values, null, chunk % 3 === 0 ? 2 : undefined);
        expect(readAll(text, chunk)).toEqual(
          values.map((value) => ({ value: JSON.parse(JSON.stringify(value)) as unknown })),
        );
      }),
    );
  });

  test('strings of backslashes and quotes, cut anywhere', () => {
    const text = fc.string({ unit: fc.constantFrom('\\', '"', 'a', '发', ',', ']', '}') });
    fc.assert(
      fc.property(
        fc.array(fc.oneof(text, fc.dictionary(text, text, { maxKeys: 3 }), fc.array(text, { maxLength: 3 }))),
        fc.integer({ min: 1, max: 8 }),
        (values, chunk) => {
          expect(readAll(JSON.stringify(values), chunk)).toEqual(values.map((value) => ({ value })));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('a malformed element is reported alone and the next ones are read', () => {
    const out = readAll('[{"a":1}, {"a":tru}, {"a":3}]');
    expect(out[0]).toEqual({ value: { a: 1 } });
    expect(out[1]).toHaveProperty('error');
    expect(out[2]).toEqual({ value: { a: 3 } });
  });

  test('a truncated body reports its cut element', () => {
    const out = readAll('[{"a":1}, {"a":"cut');
    expect(out).toHaveLength(2);
    expect(out[1]).toHaveProperty('error');
    expect(readAll('[{"a":1}')).toEqual([
      { value: { a: 1 } },
      { error: 'the array is not closed (body truncated?)' },
    ]);
  });

  test('a body that is not an array is refused', () => {
    expect(() => readAll('{"a":1}')).toThrow(NotAnArray);
    expect(() => readAll('')).toThrow(NotAnArray);
  });
});
