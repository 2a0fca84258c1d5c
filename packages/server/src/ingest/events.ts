import { EventEmitter } from 'node:events';
import type pg from 'pg';
import type { ChannelId } from '../channels/channel-id.js';
import type { Change, Plan } from './resolve-versions.js';

/**
 * The in-process event of the ingest: after a batch's transaction committed, listeners (the alert rules,
 * detection after ingest) hear which records it stored, corrected or withdrawn. Listeners run synchronously
 * in the ingest's call and must only queue their work: the caller is waiting for its acknowledgement.
 */

export interface BatchCommitted {
  /** The database the batch was committed to (a process may hold more than one, e.g. in tests). */
  readonly pool: pg.Pool;
  readonly channel: ChannelId;
  /** Natural keys of the records written: new, corrected and withdrawn (duplicates left out). */
  readonly keys: readonly string[];
  /** Their effect on the series: contributions entering (+1) or leaving (−1). */
  readonly changes: readonly Change[];
  /** `Date.now()` just after the commit. */
  readonly committedAt: number;
}

export type BatchListener = (event: BatchCommitted) => void;

const emitter = new EventEmitter();
emitter.setMaxListeners(50);
const EVENT = 'batch';

/** Subscribes to every committed batch that changed something; returns the unsubscribe function. */
export function onBatchCommitted(listener: BatchListener): () => void {
  emitter.on(EVENT, listener);
  return () => emitter.off(EVENT, listener);
}

/** Called once per committed batch. A listener that throws does not fail the ingest. */
export function emitBatchCommitted(pool: pg.Pool, channel: ChannelId, plan: Plan): void {
  if (plan.inserts.length === 0 && plan.withdrawals.length === 0) return;
  if (emitter.listenerCount(EVENT) === 0) return;
  const event: BatchCommitted = {
    pool,
    channel,
    keys: [...plan.inserts.map((i) => i.candidate.key), ...plan.withdrawals.map((w) => w.key)],
    changes: plan.changes,
    committedAt: Date.now(),
  };
  for (const listener of emitter.listeners(EVENT) as BatchListener[]) {
    try {
      listener(event);
    } catch (error) {
      process.emitWarning(`an ingest listener failed: ${String(error)}`);
    }
  }
}
