import type pg from 'pg';
import type { ChannelId } from '../channels/channel-id.js';
import { commitRecords, prepareRecords, type IngestOptions } from './ingest-records.js';
import { addReport, emptyReport, type IngestReport } from './ingest-report.js';

/**
 * A stream of records (a CSV or JSON body, a file) ingested in batches, each its own transaction, so that
 * memory stays flat whatever the size. One batch is prepared (checked, formatted) while the one before it
 * commits, which keeps both the Node process and PostgreSQL busy; commits stay in stream order, so a
 * correction later in the stream always lands after the record it corrects.
 */

export interface StreamOptions extends IngestOptions {
  /** Records per transaction. */
  readonly batchSize?: number;
  /** List at most this many rejected (and flagged) records in the report; the counts stay whole. */
  readonly listLimit?: number;
  /** Build each batch's writes before its transaction (default true; false only to weigh it). */
  readonly prebuild?: boolean;
  /** Called after each commit with the running totals. */
  readonly onCommit?: (report: IngestReport) => void;
}

export const DEFAULT_BATCH_SIZE = 20_000;

export class StreamFailed extends Error {
  override readonly name = 'StreamFailed';
  constructor(
    readonly committed: IngestReport,
    cause: unknown,
  ) {
    super(`ingest stopped after ${committed.received} records: ${(cause as Error).message}`, { cause });
  }
}

export async function ingestStream(
  db: pg.Pool,
  channel: ChannelId,
  chunks: AsyncIterable<readonly unknown[]>,
  options: StreamOptions,
): Promise<IngestReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const total = emptyReport();
  let nextRow = options.firstRow ?? 1;
  let pending: unknown[] = [];
  let committing: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | undefined;

  const send = async (records: unknown[]) => {
    const ready = await prepareRecords(
      db,
      channel,
      records,
      { ...options, firstRow: nextRow },
      options.prebuild ?? true,
    );
    nextRow += records.length;
    await committing;
    if (failure) return;
    committing = commitRecords(db, ready).then(
      (report) => {
        addReport(total, report, options.listLimit);
        options.onCommit?.(total);
      },
      (error: unknown) => {
        failure = { error };
      },
    );
  };

  try {
    for await (const chunk of chunks) {
      for (const record of chunk) pending.push(record);
      while (pending.length >= batchSize && !failure) {
        const batch = pending.slice(0, batchSize);
        pending = pending.slice(batchSize);
        await send(batch);
      }
      if (failure) break;
    }
    if (pending.length > 0 && !failure) await send(pending);
  } finally {
    await committing;
  }
  if (failure) throw new StreamFailed(total, failure.error);
  return total;
}
