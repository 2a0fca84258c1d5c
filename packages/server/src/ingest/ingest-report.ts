/**
 * What a batch of records came to. Every received record is counted exactly once:
 * `received = accepted + duplicates + corrected + rejected.length`.
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
});

/** Adds `part` into `total` (streams are ingested batch by batch; the caller sees one report). */
export function addReport(total: IngestReport, part: IngestReport): IngestReport {
  total.received += part.received;
  total.accepted += part.accepted;
  total.duplicates += part.duplicates;
  total.corrected += part.corrected;
  for (const r of part.rejected) total.rejected.push(r);
  return total;
}
