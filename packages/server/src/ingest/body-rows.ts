import { CsvReader } from './csv-reader.js';
import { JsonArrayReader } from './json-array-reader.js';
import { RowProblem } from './prepare-batch.js';

/**
 * A request body (or a file) as records, chunk by chunk: CSV with a header row, or a JSON array. Rows the
 * reader cannot use become RowProblems in their place, so that row numbers stay the records' positions.
 */

export type BodyFormat = 'csv' | 'json';

export class BodyTooLarge extends Error {
  override readonly name = 'BodyTooLarge';
  constructor(readonly limitBytes: number) {
    super(`body exceeds ${limitBytes} bytes`);
  }
}

/** 'visit_id', 'Visit ID', 'visitId' → 'visitId'; 'ICD10' → 'icd10'. */
export function normaliseHeader(header: string): string {
  const parts = header
    .trim()
    .split(/[_\s-]+/)
    .filter(Boolean);
  return parts
    .map((part, i) => {
      if (i === 0)
        return part === part.toUpperCase() ? part.toLowerCase() : part[0]?.toLowerCase() + part.slice(1);
      return (part[0]?.toUpperCase() ?? '') + part.slice(1).toLowerCase();
    })
    .join('');
}

class CsvRecords {
  private readonly reader = new CsvReader();
  private header: string[] | undefined;

  push(text: string): unknown[] {
    return this.records(this.reader.push(text));
  }

  end(): unknown[] {
    const { rows, unclosedQuote } = this.reader.end();
    const records = this.records(rows);
    if (unclosedQuote) {
      records.push(
        new RowProblem({
          field: 'record',
          key: 'ingest.csv-malformed',
          params: { detail: 'quote not closed (truncated?)' },
        }),
      );
    }
    return records;
  }

  private records(rows: string[][]): unknown[] {
    const out: unknown[] = [];
    for (const cells of rows) {
      if (!this.header) {
        this.header = cells.map(normaliseHeader);
        continue;
      }
      const header = this.header;
      if (cells.length !== header.length) {
        out.push(
          new RowProblem({
            field: 'record',
            key: 'ingest.csv-columns',
            params: { expected: header.length, got: cells.length },
          }),
        );
        continue;
      }
      const record: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) record[header[i] as string] = cells[i] as string;
      out.push(record);
    }
    return out;
  }
}

class JsonRecords {
  private readonly reader = new JsonArrayReader();
  push = (text: string): unknown[] => this.reader.push(text).map(toRecord);
  end = (): unknown[] => this.reader.end().map(toRecord);
}

const toRecord = (e: { value: unknown } | { error: string }): unknown =>
  'value' in e
    ? e.value
    : new RowProblem({ field: 'record', key: 'ingest.json-malformed', params: { detail: e.error } });

const STREAM = { stream: true } as const;

/**
 * The body's records, in arrays as they complete (one per chunk read). `onBytes` sees the running byte count;
 * past `maxBytes` the body is refused with BodyTooLarge.
 */
export async function* bodyRecords(
  body: AsyncIterable<Buffer | string>,
  format: BodyFormat,
  options: { maxBytes?: number; onBytes?: (bytes: number) => void } = {},
): AsyncGenerator<unknown[]> {
  // TextDecoder rather than StringDecoder: the same text (malformed bytes as U+FFFD, characters cut between
  // chunks carried over; the byte-order mark left to the CSV reader), decoded in about half the time.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const records = format === 'csv' ? new CsvRecords() : new JsonRecords();
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    if (options.maxBytes !== undefined && bytes > options.maxBytes) throw new BodyTooLarge(options.maxBytes);
    options.onBytes?.(bytes);
    const found = records.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, STREAM));
    if (found.length > 0) yield found;
  }
  const last = [...records.push(decoder.decode()), ...records.end()];
  if (last.length > 0) yield last;
}
