import type pg from 'pg';
import type { ChannelId } from '../channels/channel-id.js';
import type { ChannelDefinition, RecordIssue, References } from '../channels/channel.js';
import { channels } from '../channels/channels.js';
import type { Language } from '../i18n/language.js';
import { commitBatch, freshWrite, type FreshWrite } from './commit-batch.js';
import { emitBatchCommitted } from './events.js';
import type { IngestReport } from './ingest-report.js';
import { ioTurn, TURN_SLICE } from './io-turn.js';
import { prepareBatch, type PreparedBatch, type PrepareOptions } from './prepare-batch.js';
import { reasonOf } from './record-issues.js';
import { referencesFor } from './references.js';
import type { Plan } from './resolve-versions.js';
import { lap } from './timings.js';

export type IngestSource = 'api' | 'csv' | 'hl7' | 'import';

export interface IngestOptions {
  readonly source: IngestSource;
  /** Language of the rejection reasons (default zh-CN). */
  readonly language?: Language;
  /** Number of the batch's first record in its stream (default 1): rows are reported as stream positions. */
  readonly firstRow?: number;
}

/**
 * Validates a batch of records of one channel, stores the good ones and updates their series, all in one
 * transaction: when the promise resolves, every accepted record is committed. Bad records are reported
 * (row, field, reason) and the rest of the batch is kept. A record whose natural key is already stored
 * with the same content is a duplicate (counted once); with other content it is a correction.
 *
 * `records` are plain objects: typed JSON values for 'api' and 'hl7', or CSV rows of strings for 'csv'
 * and 'import' (numbers and booleans are read from their text).
 */
export async function ingestRecords(
  db: pg.Pool,
  channel: ChannelId,
  records: readonly unknown[],
  options: IngestOptions,
): Promise<IngestReport> {
  const batch = await prepareRecords(db, channel, records, options);
  return commitRecords(db, batch);
}

/** A batch checked and ready to commit (see ingest-stream.ts: the next batch is prepared while one commits). */
export interface ReadyBatch {
  readonly channel: ChannelId;
  readonly prepared: PreparedBatch;
  readonly references: References;
  readonly options: IngestOptions;
  /** Its fast-path writes, built ahead when the batch may take that path ('build': in the transaction). */
  readonly fresh: FreshWrite | undefined | 'build';
}

const unknownCode = (b: PreparedBatch) =>
  b.rejected.some((r) => r.issue.key === 'ingest.unknown-facility' || r.issue.key === 'ingest.unknown-place');

export async function prepareRecords(
  db: pg.Pool,
  channel: ChannelId,
  records: readonly unknown[],
  options: IngestOptions,
  /** Build the fast path's writes now (false: in the transaction, as bench:ingest --inline-writes weighs). */
  prebuild = true,
): Promise<ReadyBatch> {
  const definition = channels[channel];
  const prepareOptions = {
    text: options.source === 'csv' || options.source === 'import',
    firstRow: options.firstRow ?? 1,
  };
  let references = await referencesFor(db);
  let prepared = await prepareInTurns(definition, records, references, prepareOptions);
  if (unknownCode(prepared)) {
    // A facility or place added since we last read the city: read again (at most once a second) and retry.
    const fresh = await referencesFor(db, true);
    if (fresh.facilities !== references.facilities) {
      references = fresh;
      prepared = await prepareInTurns(definition, records, references, prepareOptions);
    }
  }
  const fresh = prebuild
    ? await freshWrite(definition, prepared, options.source, references.places)
    : 'build';
  return { channel, prepared, references, options, fresh };
}

/** `prepareBatch` slice by slice, letting the commit of the batch before have its I/O between slices. */
async function prepareInTurns(
  definition: ChannelDefinition,
  records: readonly unknown[],
  references: References,
  options: PrepareOptions,
): Promise<PreparedBatch> {
  const whole: PreparedBatch = { received: 0, candidates: [], rejected: [], flagged: [] };
  for (let from = 0; from < records.length; from += TURN_SLICE) {
    if (from > 0) await ioTurn();
    const started = performance.now();
    const slice = records.slice(from, from + TURN_SLICE);
    const part = prepareBatch(definition, slice, references, {
      ...options,
      firstRow: options.firstRow + from,
    });
    lap('prepare', started);
    whole.candidates.push(...part.candidates);
    whole.rejected.push(...part.rejected);
    whole.flagged.push(...part.flagged);
  }
  return { ...whole, received: records.length };
}

export async function commitRecords(db: pg.Pool, batch: ReadyBatch): Promise<IngestReport> {
  const { prepared, options } = batch;
  const plan = await commitBatch(
    db,
    channels[batch.channel],
    prepared,
    options.source,
    batch.references.places,
    batch.fresh,
  );
  emitBatchCommitted(db, batch.channel, plan);
  return reportOf(prepared, plan, options.language ?? 'zh-CN');
}

function reportOf(prepared: PreparedBatch, plan: Plan, language: Language): IngestReport {
  const listed = ({ row, issue }: { row: number; issue: RecordIssue }) => ({
    row,
    field: issue.field,
    reason: reasonOf(issue, language),
  });
  const rejected = [...prepared.rejected, ...plan.rejected].sort((a, b) => a.row - b.row);
  const refused = new Set(plan.rejected.map((r) => r.row));
  const flagged = prepared.flagged.filter((f) => !refused.has(f.row));
  return {
    received: prepared.received,
    accepted: plan.accepted,
    duplicates: plan.duplicates,
    corrected: plan.corrected,
    rejected: rejected.map(listed),
    flagged: flagged.map(listed),
    flaggedCount: flagged.length,
  };
}
