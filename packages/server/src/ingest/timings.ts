/**
 * Where the ingest's time goes, summed over batches in milliseconds: the Node side (reading the body,
 * checking and formatting records) and each statement of the commit. The benchmark reads and resets it;
 * the cost is a few clock reads per batch.
 */
export const ingestTimings = {
  /** Checking, keying, hashing and formatting records (prepare-batch.ts). */
  prepare: 0,
  /** Waiting for the channel's lock (another batch of the channel committing). */
  lock: 0,
  /** Reading what is stored under the batch's keys. */
  read: 0,
  /** Writing the records (DELETE of replaced versions, COPY, UPDATE of withdrawals). */
  write: 0,
  /** Aggregating the series deltas in memory (Node). */
  aggregate: 0,
  /** Upserting them (one statement per series table). */
  series: 0,
  /** COMMIT (the WAL flush). */
  commit: 0,
  batches: 0,
};

export type IngestPhase = Exclude<keyof typeof ingestTimings, 'batches'>;

export function resetIngestTimings(): void {
  for (const key of Object.keys(ingestTimings) as (keyof typeof ingestTimings)[]) ingestTimings[key] = 0;
}

/** Adds the time since `since` to a phase and returns now, for the next phase. */
export function lap(phase: IngestPhase, since: number): number {
  const now = performance.now();
  ingestTimings[phase] += now - since;
  return now;
}
