import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CsvReader } from './csv-reader.js';

function readAll(text: string, chunk = 7): { rows: string[][]; unclosedQuote: boolean } {
  const reader = new CsvReader();
  const rows: string[][] = [];
  for (let i = 0; i < text.length; i += chunk) rows.push(...reader.push(text.slice(i, i + chunk)));
  const end = reader.end();
  return { rows: [...rows, ...end.rows], unclosedQuote: end.unclosedQuote };
}

const write = (rows: string[][], eol = '\n') =>
  rows
    .map((r) => r.map((c) => (/[",\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
    .join(eol) + eol;

describe('CsvReader', () => {
  test('plain rows, CRLF, a byte-order mark, empty lines, no final line break', () => {
    expect(readAll('\uFEFFa,b\r\n1,2\r\n\r\n3,4').rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  test('quoted fields with commas, doubled quotes and line breaks', () => {
    expect(readAll('a,"b,c","say ""hi""","two\nlines"\n').rows).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\nlines'],
    ]);
  });

  test('a quoted field may end in a carriage return of its own', () => {
    expect(readAll('"a\r"\n"b"\r\n').rows).toEqual([['a\r'], ['b']]);
  });

  test('a body cut inside a quoted field says so', () => {
    expect(readAll('a,b\n1,"unfinished').unclosedQuote).toBe(true);
    expect(readAll('a,b\n1,"finished"').unclosedQuote).toBe(false);
  });

  test('reads back what a writer wrote, whatever the chunk size', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', '发', ',', '"', '\n', '\r\n', ' ', '1') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }),
        // small chunks, and the whole body in one (plain rows before and after quoted ones in a chunk)
        fc.oneof(fc.integer({ min: 1, max: 20 }), fc.constant(100_000)),
        fc.constantFrom('\n', '\r\n'),
        (rows, chunk, eol) => {
          expect(readAll(write(rows, eol), chunk).rows).toEqual(rows);
        },
      ),
    );
  });
});
