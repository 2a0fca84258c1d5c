import { createReadStream } from 'node:fs';
import type { References } from '../channels/channel.js';
import { isIssue } from '../channels/checks.js';
import { visitChannel } from '../channels/visit.js';
import { bodyRecords } from '../ingest/body-rows.js';
import { contentHash } from '../ingest/content-hash.js';
import { copyValue } from '../ingest/copy-format.js';
import { cleanRecord, prepareBatch } from '../ingest/prepare-batch.js';
import { seriesDeltas } from '../series/deltas.js';

/**
 * The Node side of the ingest, step by step over the first rows of the benchmark file: microseconds per
 * record for reading the CSV, the schema, the checks and syndrome coding, the content hash, the COPY
 * formatting, and the series aggregation — what one core spends before PostgreSQL sees a byte.
 */
export async function nodeBreakdown(file: string, rows: number, references: References): Promise<void> {
  const time = <T>(work: () => T): [T, number] => {
    const started = performance.now();
    const result = work();
    return [result, performance.now() - started];
  };
  let started = performance.now();
  const records: unknown[] = [];
  for await (const chunk of bodyRecords(createReadStream(file, { highWaterMark: 1 << 16 }), 'csv')) {
    for (const r of chunk) if (records.length < rows) records.push(r);
  }
  const readMs = performance.now() - started;
  const numbers = new Set(visitChannel.numberFields);
  const booleans = new Set(visitChannel.booleanFields);
  const [parsed, parseMs] = time(() =>
    records.map((r) => visitChannel.schema.safeParse(cleanRecord(r as object, numbers, booleans, true)).data),
  );
  const [contributions, deriveMs] = time(() => parsed.map((r) => visitChannel.derive(r, references)));
  const columns = Object.values(visitChannel.columns);
  const [formatted, formatMs] = time(() =>
    parsed.map((r) => columns.map((c) => copyValue(c(r, references))).join('\t')),
  );
  const [, hashMs] = time(() => formatted.map((text) => contentHash(text)));
  const changes = contributions.flatMap((c) => (isIssue(c) ? [] : [{ contribution: c, sign: 1 as const }]));
  const [, deltaMs] = time(() => {
    for (let i = 0; i < changes.length; i += 10_000)
      seriesDeltas(changes.slice(i, i + 10_000), references.places);
  });
  started = performance.now();
  for (let i = 0; i < records.length; i += 10_000) {
    prepareBatch(visitChannel, records.slice(i, i + 10_000), references, { text: true, firstRow: i + 1 });
  }
  const prepareMs = performance.now() - started;
  const us = (ms: number) => ((ms * 1000) / records.length).toFixed(2).padStart(6);
  process.stdout.write(
    `\nNode side, µs per record (first ${records.length.toLocaleString('en-US')} rows, one core; the whole file ` +
      `reads in a streaming pass, so reading here includes the whole file):\n` +
      `  read CSV ${us(readMs)}   schema ${us(parseMs)}   checks + syndromes ${us(deriveMs)}   COPY format ${us(formatMs)}   ` +
      `hash ${us(hashMs)}   = prepare ${us(prepareMs)}\n` +
      `  series aggregation (in the commit) ${us(deltaMs)}\n`,
  );
}
