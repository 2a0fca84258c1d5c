import type pg from 'pg';
import type { ChannelId } from '../channels/channel-id.js';
import type { Language } from '../i18n/language.js';
import type { IngestReport } from './ingest-report.js';

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
  _db: pg.Pool,
  _channel: ChannelId,
  _records: readonly unknown[],
  _options: IngestOptions,
): Promise<IngestReport> {
  throw new Error('ingestRecords: not implemented yet');
}
