import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { assignVerification, unassignedAlerts, type AssignContext } from '../verification/assign.js';
import { inTransaction } from './transaction.js';

/**
 * The response workflow's tick: whatever fell due by `now` is done once. The server calls it on an
 * interval; the workflow tests call it directly with their own clock.
 *   - open alerts still without a verification get one (alerts opened while nothing was listening);
 *   - due reminders of pending verifications are sent to the desk that holds them;
 *   - a pending verification past its deadline escalates to the city level;
 *   - an open or in-progress task past its deadline escalates to the level that owns its event.
 * Notices are done in batches, each batch in one transaction under `FOR UPDATE SKIP LOCKED`: two ticks never
 * send one twice, and listeners hear only what was committed.
 */

export interface Notice {
  readonly kind: 'reminder' | 'escalation';
  readonly label: string;
  readonly verificationId: number | null;
  readonly taskId: number | null;
  readonly recipientPlaceCode: string | null;
  readonly recipientOrgId: string | null;
  readonly at: Date;
}

const emitter = new EventEmitter();
emitter.setMaxListeners(100);

/** Heard after each sent notice is committed (the delivery channels — SMS, the dashboard — listen here). */
export function onNotice(listener: (notice: Notice) => void): () => void {
  emitter.on('notice', listener);
  return () => emitter.off('notice', listener);
}

export interface DueWork {
  readonly assigned: number;
  readonly reminders: number;
  readonly escalations: number;
  readonly tasksEscalated: number;
  readonly skipped: number;
}

const BATCH = 500;
const NOTICE_BATCH = 200;

interface NoticeRow {
  id: number;
  kind: 'reminder' | 'escalation';
  label: string;
  verification_id: number | null;
  task_id: number | null;
  recipient_place_code: string | null;
  recipient_org_id: string | null;
}

export async function runDueWork(pool: pg.Pool, now: Date, context: AssignContext): Promise<DueWork> {
  let assigned = 0;
  for (const alertId of await unassignedAlerts(pool, BATCH))
    if ((await assignVerification(pool, alertId, now, context)) !== undefined) assigned++;
  const counts = { reminders: 0, escalations: 0, tasksEscalated: 0, skipped: 0 };
  const sent: Notice[] = [];
  for (;;) {
    // A batch per transaction: one commit per notice made a city-wide push's escalations take a minute.
    const batch = await inTransaction(pool, async (client) => {
      const due = await client.query<NoticeRow>(
        `SELECT id, kind, label, verification_id, task_id, recipient_place_code, recipient_org_id
           FROM response_notice WHERE done_at IS NULL AND due_at <= $1
          ORDER BY due_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, NOTICE_BATCH],
      );
      const tasks = await taskNotices(
        client,
        due.rows.flatMap((n) => (n.task_id === null ? [] : [n.id])),
        now,
      );
      const done: { notice: NoticeRow; outcome: Outcome }[] = [];
      for (const notice of due.rows)
        done.push({
          notice,
          outcome:
            notice.verification_id !== null
              ? await verificationNotice(client, notice, now)
              : (tasks.get(notice.id) ?? { sent: false }),
        });
      await client.query(
        `UPDATE response_notice n SET done_at = $1, outcome = u.outcome,
            recipient_place_code = coalesce(u.recipient, n.recipient_place_code)
           FROM unnest($2::bigint[], $3::text[], $4::text[]) AS u (id, outcome, recipient)
          WHERE n.id = u.id`,
        [
          now,
          done.map((d) => d.notice.id),
          done.map((d) => (d.outcome.sent ? 'sent' : 'skipped')),
          done.map((d) => d.outcome.recipientPlaceCode ?? null),
        ],
      );
      return done;
    });
    for (const { notice, outcome } of batch) {
      if (!outcome.sent) {
        counts.skipped++;
        continue;
      }
      if (notice.task_id !== null) counts.tasksEscalated++;
      else if (notice.kind === 'reminder') counts.reminders++;
      else counts.escalations++;
      sent.push({
        kind: notice.kind,
        label: notice.label,
        verificationId: notice.verification_id,
        taskId: notice.task_id,
        recipientPlaceCode: outcome.recipientPlaceCode ?? notice.recipient_place_code,
        recipientOrgId: notice.recipient_org_id,
        at: now,
      });
    }
    if (batch.length < NOTICE_BATCH) break;
  }
  for (const notice of sent) {
    for (const listener of emitter.listeners('notice') as ((n: Notice) => void)[]) {
      try {
        listener(notice);
      } catch (error) {
        process.emitWarning(`a notice listener failed: ${String(error)}`);
      }
    }
  }
  return { assigned, ...counts };
}

interface Outcome {
  readonly sent: boolean;
  readonly recipientPlaceCode?: string | undefined;
}

async function verificationNotice(client: pg.PoolClient, notice: NoticeRow, now: Date): Promise<Outcome> {
  const v = (
    await client.query<{ status: string; retracted: boolean }>(
      `SELECT v.status, a.closed_reason IS NOT DISTINCT FROM 'retracted' AS retracted
         FROM verification v JOIN alert a ON a.id = v.alert_id WHERE v.id = $1 FOR UPDATE OF v`,
      [notice.verification_id],
    )
  ).rows[0];
  // A settled verification, or an alert withdrawn because its evidence was (retracted), needs no reminder.
  if (v?.status !== 'pending' || v.retracted) return { sent: false };
  if (notice.kind === 'escalation')
    await client.query(
      `UPDATE verification SET escalated_at = $2, escalated_place_code = $3, escalated_org_id = $4 WHERE id = $1`,
      [notice.verification_id, now, notice.recipient_place_code, notice.recipient_org_id],
    );
  return { sent: true };
}

/**
 * Overdue tasks escalate to the level that owns their event (the district, or the city from level III up), in
 * three statements for the whole batch: a city-wide push falls due all at once.
 */
async function taskNotices(
  client: pg.PoolClient,
  noticeIds: readonly number[],
  now: Date,
): Promise<Map<number, Outcome>> {
  if (noticeIds.length === 0) return new Map();
  const rows = await client.query<{ notice_id: number; live: boolean; event_owner: string }>(
    `WITH due AS (
       SELECT n.id AS notice_id, t.id AS task_id, t.event_id, t.due_at, e.owner_place_code AS event_owner,
              t.status IN ('open', 'in_progress') AS live
         FROM response_notice n JOIN response_task t ON t.id = n.task_id JOIN health_event e ON e.id = t.event_id
        WHERE n.id = ANY($1::bigint[])
        FOR UPDATE OF t
     ), escalated AS (
       UPDATE response_task t SET escalated_at = $2, escalated_place_code = d.event_owner
         FROM due d WHERE t.id = d.task_id AND d.live
     ), logged AS (
       INSERT INTO health_event_timeline (event_id, at, kind, actor, task_id, details)
       SELECT event_id, $2, 'task-escalated', NULL, task_id,
              jsonb_build_object('to', event_owner,
                                 'dueAt', to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
         FROM due WHERE live ORDER BY due_at, task_id
     )
     SELECT notice_id, live, event_owner FROM due`,
    [noticeIds, now],
  );
  return new Map(
    rows.rows.map((r) => [
      r.notice_id,
      r.live ? { sent: true, recipientPlaceCode: r.event_owner } : { sent: false },
    ]),
  );
}
