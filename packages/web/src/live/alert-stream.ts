import { useEffect, useState } from 'react';
import type { Alert } from '../api/alerts';

/**
 * The live alert feed (GET /api/v1/alerts/stream, Server-Sent Events). One EventSource for the whole page,
 * opened while some view listens; the browser reconnects by itself and sends Last-Event-ID, so the server
 * replays what was missed.
 */

export type AlertEventType = 'opened' | 'updated' | 'raised' | 'closed';
export interface AlertStreamEvent {
  readonly seq: number;
  readonly type: AlertEventType;
  readonly alert: Alert;
}

type Listener = (event: AlertStreamEvent) => void;
type StatusListener = (connected: boolean) => void;

const listeners = new Set<Listener>();
const statusListeners = new Set<StatusListener>();
let source: EventSource | undefined;
let connected = false;

function setConnected(value: boolean) {
  connected = value;
  for (const l of statusListeners) l(value);
}

function open() {
  source = new EventSource('/api/v1/alerts/stream', { withCredentials: true });
  source.onopen = () => setConnected(true);
  source.onerror = () => setConnected(false);
  for (const type of ['opened', 'updated', 'raised', 'closed'] as const) {
    source.addEventListener(`alert.${type}`, (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as AlertStreamEvent;
      for (const l of listeners) l(event);
    });
  }
}

export function subscribeAlerts(listener: Listener): () => void {
  listeners.add(listener);
  if (!source) open();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && source) {
      source.close();
      source = undefined;
      setConnected(false);
    }
  };
}

/** Calls `onEvent` for every alert change while the component is mounted. */
export function useAlertEvents(onEvent: Listener): void {
  useEffect(() => subscribeAlerts(onEvent), [onEvent]);
}

/** Whether the stream is connected now (for the header's live indicator). */
export function useStreamStatus(): boolean {
  const [value, setValue] = useState(connected);
  useEffect(() => {
    statusListeners.add(setValue);
    return () => void statusListeners.delete(setValue);
  }, []);
  return value;
}
