import type pg from 'pg';
import { onAlertEvent } from '../events.js';
import { ALERT_COLUMNS, ALERT_FROM, toAlertView, type AlertRow } from '../store/alert-view.js';
import { sign, SIGNATURE_HEADER } from './signature.js';

/**
 * Sends the webhook deliveries the alert store queued (webhook_delivery, one per subscription and event):
 * POST of the event as JSON, signed (signature.ts), retried with growing delays until the receiver answers
 * 2xx or the attempts run out. Every attempt is logged (webhook_attempt). A delivery is leased before it is
 * sent, so two dispatchers (two processes) never send it twice at once; a lease left by a crash expires.
 */

/** Delays before the 2nd, 3rd, … attempt: 10 s, 30 s, 2 min, 10 min, 30 min, 1 h, 3 h (about 5 h in all). */
export const DEFAULT_BACKOFF_MS = [10_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 10_800_000];
const LEASE_MS = 60_000;
const BATCH = 20;

export interface DispatcherOptions {
  readonly pool: pg.Pool;
  readonly backoffMs?: readonly number[];
  readonly timeoutMs?: number;
  /** How often due retries are looked for when no new event wakes the dispatcher. */
  readonly pollMs?: number;
  readonly log?: (line: string) => void;
}

export interface Dispatcher {
  /** Sends what is due now; resolves when done (tests). */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

interface Due {
  id: number;
  attempts: number;
  url: string;
  secret: string;
  seq: number;
  type: string;
  at: string;
  alert_id: number;
}

export function startWebhookDispatcher(options: DispatcherOptions): Dispatcher {
  const { pool } = options;
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = false;

  const claim = async (): Promise<Due[]> => {
    const rows = await pool.query<Due>(
      `WITH due AS (
         SELECT id FROM webhook_delivery
          WHERE status = 'pending' AND next_attempt_at <= now()
          ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED
       )
       UPDATE webhook_delivery d SET next_attempt_at = now() + interval '${LEASE_MS / 1000} seconds'
         FROM due, webhook_subscription s, alert_event e
        WHERE d.id = due.id AND s.id = d.subscription_id AND e.seq = d.event_seq
       RETURNING d.id, d.attempts, s.url, s.secret, e.seq, e.type,
                 to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, e.alert_id`,
    );
    return rows.rows.sort((a, b) => a.id - b.id);
  };

  const deliver = async (due: Due): Promise<void> => {
    const alert = await pool.query<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} WHERE a.id = $1`, [
      due.alert_id,
    ]);
    const body = JSON.stringify({
      id: due.seq,
      type: `alert.${due.type}`,
      createdAt: due.at,
      alert: alert.rows[0] ? toAlertView(alert.rows[0]) : null,
      links: { alert: `/api/v1/alerts/${due.alert_id}` },
    });
    const attempt = due.attempts + 1;
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(due.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Shaobing-Webhooks/1',
          [SIGNATURE_HEADER]: sign(due.secret, body, Math.floor(Date.now() / 1000)),
          'x-shaobing-event': `alert.${due.type}`,
          'x-shaobing-event-id': String(due.seq),
          'x-shaobing-delivery': String(due.id),
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (cause) {
      error = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    }
    const ok = status !== null && status >= 200 && status < 300;
    const delay = backoff[attempt - 1];
    const outcome = ok ? 'delivered' : delay === undefined ? 'failed' : 'pending';
    await pool.query(
      `WITH logged AS (
         INSERT INTO webhook_attempt (delivery_id, attempt, http_status, error, duration_ms) VALUES ($1, $2, $3, $4, $5)
       )
       UPDATE webhook_delivery SET attempts = $2, status = $6,
              delivered_at = CASE WHEN $6 = 'delivered' THEN now() END,
              next_attempt_at = now() + ($7::float8 * interval '1 millisecond')
        WHERE id = $1`,
      [due.id, attempt, status, error, Math.round(performance.now() - started), outcome, delay ?? 0],
    );
    if (outcome === 'failed')
      log(`webhooks: delivery ${due.id} to ${due.url} failed after ${attempt} attempts`);
  };

  const runOnce = async (): Promise<number> => {
    let sent = 0;
    for (;;) {
      const due = await claim();
      if (due.length === 0) return sent;
      // Receivers see one subscription's events in order within a batch; across retries, by event id.
      const byUrl = new Map<string, Due[]>();
      for (const d of due) byUrl.set(d.url, [...(byUrl.get(d.url) ?? []), d]);
      await Promise.all(
        [...byUrl.values()].map(async (list) => {
          for (const d of list) await deliver(d);
        }),
      );
      sent += due.length;
    }
  };

  const wake = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = runOnce()
      .catch((error: unknown) => {
        log(`webhooks: ${String(error)}`);
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          wake();
        }
      });
  };

  const unsubscribe = onAlertEvent((event) => {
    if (event.pool === pool) wake();
  });
  const timer = setInterval(wake, options.pollMs ?? 5_000);
  timer.unref();
  wake();

  return {
    runOnce: async () => {
      while (running) await running;
      return runOnce();
    },
    stop: async () => {
      stopped = true;
      unsubscribe();
      clearInterval(timer);
      while (running) await running;
    },
  };
}
