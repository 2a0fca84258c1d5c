import { createReadStream } from 'node:fs';
import type pg from 'pg';
import type { ChannelId } from '../../channels/channel-id.js';
import type { Language } from '../../i18n/language.js';
import { bodyRecords, type BodyFormat } from '../body-rows.js';
import { addReport, emptyReport, type IngestReport } from '../ingest-report.js';
import { ingestStream } from '../ingest-stream.js';
import { reasonOf } from '../record-issues.js';
import { apiParts } from './api-parts.js';

/**
 * The two ways `shaobing import` delivers a file: to the running platform's API (so that one process owns
 * the data directory), or straight into the database when no platform runs. Both commit batch by batch and
 * report rows as positions in the file.
 */

export interface ImportProgress {
  (bytes: number, report: IngestReport): void;
}

/** Straight into the database (no platform running): the same streamed, batched ingest as the API. */
export async function importIntoDatabase(
  pool: pg.Pool,
  channel: ChannelId,
  file: string,
  format: BodyFormat,
  language: Language,
  progress: ImportProgress,
): Promise<IngestReport> {
  let bytes = 0;
  let committed = emptyReport();
  const records = bodyRecords(createReadStream(file, { highWaterMark: 1 << 16 }), format, {
    onBytes: (b) => {
      bytes = b;
      progress(bytes, committed);
    },
  });
  return ingestStream(pool, channel, records, {
    source: 'import',
    language,
    onCommit: (report) => {
      committed = report;
      progress(bytes, report);
    },
  });
}

export class ApiRefused extends Error {
  override readonly name = 'ApiRefused';
}

/** To the running platform: the file in parts under the body limit, each acknowledged before the next. */
export async function importThroughApi(
  baseUrl: string,
  channel: ChannelId,
  file: string,
  format: BodyFormat,
  language: Language,
  partBytes: number,
  progress: ImportProgress,
  /** A session or API token (the ingest route admits signed-in reporters and analysts only). */
  token?: string,
): Promise<IngestReport> {
  const total = emptyReport();
  let bytes = 0;
  const parts = apiParts(createReadStream(file, { highWaterMark: 1 << 16 }), format, partBytes, (b) => {
    bytes = b;
    progress(bytes, total);
  });
  for await (const part of parts) {
    total.received += part.problems.length;
    for (const { row, issue } of part.problems)
      total.rejected.push({ row, field: issue.field, reason: reasonOf(issue, language) });
    if (part.rows.length > 0) {
      const response = await fetch(`${baseUrl}/api/v1/ingest/${channel}`, {
        method: 'POST',
        headers: {
          'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
          'accept-language': language,
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
        body: part.body,
      });
      const body = (await response.json()) as IngestReport & { error?: { message: string } };
      if (!response.ok)
        throw new ApiRefused(`${response.status}: ${body.error?.message ?? response.statusText}`);
      addReport(total, {
        ...body,
        rejected: body.rejected.map((r) => ({ ...r, row: part.rows[r.row - 1] ?? r.row })),
      });
    }
    progress(bytes, total);
  }
  total.rejected.sort((a, b) => a.row - b.row);
  return total;
}
