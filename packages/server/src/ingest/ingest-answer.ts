import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Language } from '../i18n/language.js';
import { translate } from '../i18n/messages.js';
import { rejectedCount, type IngestReport } from './ingest-report.js';

/**
 * The HTTP answer to an ingest: the report with its lists cut to their first `LISTED` entries (a 50 MB body
 * of bad rows would otherwise be answered with a list larger than the body, held whole in memory), the
 * whole counts beside them, and a note saying so when a list was cut.
 */
export const LISTED = 1_000;

const listed = z.array(z.object({ row: z.number().int(), field: z.string(), reason: z.string() }));

export const ingestAnswerSchema = z.object({
  received: z.number().int(),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  corrected: z.number().int(),
  /** All rejected records, listed or not. */
  rejectedCount: z.number().int(),
  rejected: listed,
  /** Records kept and counted, with a note for the sender (a residence outside the city). */
  flaggedCount: z.number().int(),
  flagged: listed,
  /** Present when a list holds only the first LISTED of its records. */
  note: z.string().optional(),
});

export type IngestAnswer = z.infer<typeof ingestAnswerSchema>;

export function answerOf(report: IngestReport, language: Language): IngestAnswer {
  const rejected = rejectedCount(report);
  const notes = [
    ...(rejected > report.rejected.length ? [['rejected', rejected] as const] : []),
    ...(report.flaggedCount > report.flagged.length ? [['flagged', report.flaggedCount] as const] : []),
  ].map(
    ([list, total]) =>
      `${list}: ${translate('ingest.list-truncated', language, { total: total.toLocaleString('en-US'), shown: LISTED.toLocaleString('en-US') })}`,
  );
  return {
    received: report.received,
    accepted: report.accepted,
    duplicates: report.duplicates,
    corrected: report.corrected,
    rejectedCount: rejected,
    rejected: report.rejected,
    flaggedCount: report.flaggedCount,
    flagged: report.flagged,
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
  };
}

/**
 * Whether the client went away before its body ended (closed the connection, lost the network). There
 * is nobody to answer then, and nothing went wrong on our side: batches committed before stay (a re-send
 * is recognised record by record), the batch being read was never committed and is not acknowledged.
 */
export const clientGone = (request: FastifyRequest): boolean =>
  request.raw.aborted || (request.raw.socket.destroyed && !request.raw.complete);
