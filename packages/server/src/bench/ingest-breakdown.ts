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
 * The Node side of the ingest, step by step over the first rows of the benchmark file, in batches of
 * 10,000 as the ingest takes them: microseconds per record for reading the CSV, the schema, the checks and
 * syndrome coding, the COPY formatting, the content hash, and the series aggregation — what one core
 * spends besides PostgreSQL.
 */
export async function nodeBreakdown(file: string, rows: number, references: References): Promise<void> {
  const spent = { read: 0, schema: 0, derive: 0, format: 0, hash: 0, prepare: 0, aggregate: 0 };
  const numbers = new Set(visitChannel.numberFields);
  const booleans = new Set(visitChannel.booleanFields);
  const columns = Object.values(visitChannel.columns);
  let seen = 0;
  const step = <T>(phase: keyof typeof spent, work: () => T): T => {
    const started = performance.now();
    const result = work();
    spent[phase] += performance.now() - started;
    return result;
  };
  const measure = (batch: unknown[]) => {
    const parsed = step('schema', () =>
      batch.map((r) => visitChannel.schema.safeParse(cleanRecord(r as object, numbers, booleans, true)).data),
    );
    const contributions = step('derive', () => parsed.map((r) => visitChannel.derive(r, references)));
    const formatted = step('format', () =>
      parsed.map((r) => columns.map((c) => copyValue(c(r, references))).join('\t')),
    );
    step('hash', () => formatted.map((text) => contentHash(text)));
    step('prepare', () => prepareBatch(visitChannel, batch, references, { text: true, firstRow: 1 }));
    const changes = contributions.flatMap((c) => (isIssue(c) ? [] : [{ contribution: c, sign: 1 as const }]));
    step('aggregate', () => seriesDeltas(changes, references.places));
  };
  let batch: unknown[] = [];
  let started = performance.now();
  for await (const chunk of bodyRecords(createReadStream(file, { highWaterMark: 1 << 16 }), 'csv')) {
    spent.read += performance.now() - started;
    for (const r of chunk) if (seen++ < rows) batch.push(r);
    if (batch.length >= 10_000) {
      measure(batch);
      batch = [];
    }
    if (seen >= rows) break;
    started = performance.now();
  }
  if (batch.length > 0) measure(batch);
  const n = Math.min(seen, rows);
  const us = (ms: number) => ((ms * 1000) / n).toFixed(2);
  process.stdout.write(
    `\nNode side, µs per record (first ${n.toLocaleString('en-US')} rows, batches of 10,000, one core):\n` +
      `  read CSV ${us(spent.read)}   schema ${us(spent.schema)}   checks + syndromes ${us(spent.derive)}   ` +
      `COPY format ${us(spent.format)}   hash ${us(spent.hash)}   = prepare ${us(spent.prepare)} (all of these but ` +
      `reading, in one pass)\n  series aggregation ${us(spent.aggregate)}\n`,
  );
}
