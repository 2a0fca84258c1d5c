import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { RecordIssue } from '../../channels/channel.js';
import type { BodyFormat } from '../body-rows.js';
import { CsvReader } from '../csv-reader.js';
import { JsonArrayReader } from '../json-array-reader.js';

/**
 * A file cut into request bodies under the server's limit, at record boundaries: CSV parts each with the
 * header, JSON parts each an array. Rows the reader cannot use are not sent but reported here, by their
 * row in the file; `rows` maps a part's records back to their rows in the file.
 */

export interface ApiPart {
  readonly body: string;
  /** File row (1-based record number) of each record in the part. */
  readonly rows: number[];
  /** Rows the reader refused, with why. */
  readonly problems: { row: number; issue: RecordIssue }[];
}

const csvCell = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
const csvLine = (cells: readonly string[]) => cells.map(csvCell).join(',');

export async function* apiParts(
  file: Readable,
  format: BodyFormat,
  partBytes: number,
  onBytes: (bytes: number) => void,
): AsyncGenerator<ApiPart> {
  const decoder = new StringDecoder('utf8');
  const csv = format === 'csv' ? new CsvReader() : undefined;
  const json = format === 'json' ? new JsonArrayReader() : undefined;
  let header: string[] | undefined;
  let lines: string[] = [];
  let rows: number[] = [];
  let problems: ApiPart['problems'] = [];
  let size = 0;
  let row = 0;
  let bytes = 0;

  const take = (items: ReturnType<typeof consume>) => {
    for (const item of items) {
      row += 1;
      if ('issue' in item) problems.push({ row, issue: item.issue });
      else {
        lines.push(item.text);
        rows.push(row);
        size += item.text.length * 3 + 1; // UTF-8: at most 3 bytes a character here
      }
    }
  };
  const part = (): ApiPart => {
    const body =
      format === 'csv' ? `${csvLine(header ?? [])}\n${lines.join('\n')}\n` : `[${lines.join(',\n')}]`;
    const out = { body, rows, problems };
    lines = [];
    rows = [];
    problems = [];
    size = 0;
    return out;
  };
  function consume(text: string, end: boolean): ({ text: string } | { issue: RecordIssue })[] {
    if (json) {
      const elements = [...json.push(text), ...(end ? json.end() : [])];
      return elements.map((e) =>
        'value' in e
          ? { text: JSON.stringify(e.value) }
          : { issue: { field: 'record', key: 'ingest.json-malformed', params: { detail: e.error } } },
      );
    }
    const reader = csv as CsvReader;
    const read = reader.push(text);
    let unclosed = false;
    if (end) {
      const last = reader.end();
      read.push(...last.rows);
      unclosed = last.unclosedQuote;
    }
    const out: ({ text: string } | { issue: RecordIssue })[] = [];
    for (const cells of read) {
      if (!header) {
        header = cells;
        continue;
      }
      out.push(
        cells.length === header.length
          ? { text: csvLine(cells) }
          : {
              issue: {
                field: 'record',
                key: 'ingest.csv-columns',
                params: { expected: header.length, got: cells.length },
              },
            },
      );
    }
    if (unclosed) {
      out.push({
        issue: {
          field: 'record',
          key: 'ingest.csv-malformed',
          params: { detail: 'quote not closed (truncated?)' },
        },
      });
    }
    return out;
  }

  for await (const chunk of file as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    onBytes(bytes);
    take(consume(decoder.write(chunk), false));
    if (size >= partBytes) yield part();
  }
  take(consume(decoder.end(), true));
  if (lines.length > 0 || problems.length > 0) yield part();
}
