import { EventEmitter } from 'node:events';
import type pg from 'pg';
import type { AlertView } from './store/alert-view.js';

/**
 * The in-process event of the alert store: after a firing's transaction committed, the live stream and the
 * webhook dispatcher hear the change. The durable record is `alert_event` (its `seq` is the stream's event
 * id): a listener that missed an event reads it back from there.
 */

export type AlertEventType = 'opened' | 'updated' | 'raised' | 'closed';

export interface AlertEvent {
  /** The database the alert is stored in. */
  readonly pool: pg.Pool;
  readonly seq: number;
  readonly type: AlertEventType;
  readonly alert: AlertView;
  /** `Date.now()` when the data behind the firing was committed, when known. */
  readonly dataCommittedAt?: number | undefined;
}

export type AlertListener = (event: AlertEvent) => void;

const emitter = new EventEmitter();
emitter.setMaxListeners(1000); // one per open stream
const EVENT = 'alert';

export function onAlertEvent(listener: AlertListener): () => void {
  emitter.on(EVENT, listener);
  return () => emitter.off(EVENT, listener);
}

export function emitAlertEvent(event: AlertEvent): void {
  for (const listener of emitter.listeners(EVENT) as AlertListener[]) {
    try {
      listener(event);
    } catch (error) {
      process.emitWarning(`an alert listener failed: ${String(error)}`);
    }
  }
}
