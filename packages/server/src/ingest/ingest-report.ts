/**
 * What a batch of records came to. Every received record is counted exactly once:
 * `received = accepted + duplicates + corrected + (rejected records)`; the rejected records are all listed
 * unless a stream was asked to list only the first ones (the HTTP answer lists 1,000: a 50 MB body of bad
 * rows would otherwise answer with a list larger than itself), so their number is `rejectedCount(report)`.
 */
export interface IngestReport {
  /** Records in the batch. */
  received: number;
  /** Records whose natural key was new: stored, and counted in the series. */
  accepted: number;
  /** Re-sent records (same natural key, same content as a version already stored): counted once. */
  duplicates: number;
  /** Records that replaced the stored version of their key (a correction, or a report card's withdrawal). */
  corrected: number;
  /** One entry per rejected record: its 1-based row (or message) number, the field and the reason. */
  rejected: RejectedRecord[];
  /**
   * Records kept and counted but flagged for the sender (a residence outside the city, counted at the
   * facility's place): their row, field and the note. Listed like `rejected`; `flaggedCount` counts all.
   */
  flagged: RejectedRecord[];
  flaggedCount: number;
}

export interface RejectedRecord {
  readonly row: number;
  readonly field: string;
  readonly reason: string;
}

export const emptyReport = (): IngestReport => ({
  received: 0,
  accepted: 0,
  duplicates: 0,
  corrected: 0,
  rejected: [],
  flagged: [],
  flaggedCount: 0,
});

export const rejectedCount = (report: IngestReport): number =>
  report.received - report.accepted - report.duplicates - report.corrected;

/**
 * Adds `part` into `total` (streams are ingested batch by batch; the caller sees one report), listing at
 * most `listLimit` rejected and flagged records (the first ones; the counts stay whole).
 */
export function addReport(total: IngestReport, part: IngestReport, listLimit = Infinity): IngestReport {
  total.received += part.received;
  total.accepted += part.accepted;
  total.duplicates += part.duplicates;
  total.corrected += part.corrected;
  total.flaggedCount += part.flaggedCount;
  for (const r of part.rejected) {
    if (total.rejected.length >= listLimit) break;
    total.rejected.push(r);
  }
  for (const r of part.flagged) {
    if (total.flagged.length >= listLimit) break;
    total.flagged.push(r);
  }
  return total;
}
