import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { appendTimeline } from '../events/timeline.js';
import { assignVerification, unassignedAlerts, type AssignContext } from '../verification/assign.js';
import { inTransaction } from './transaction.js';

/**
 * The response workflow's tick: whatever fell due by `now` is done once. The server calls it on an
 * interval; the workflow tests call it directly with their own clock.
 *   - open alerts still without a verification get one (alerts opened while nothing was listening);
 *   - due reminders of pending verifications are sent to the desk that holds them;
 *   - a pending verification past its deadline escalates to the city level;
 *   - an open or in-progress task past its deadline escalates to the level that owns its event.
 * Each notice is done in its own transaction under `FOR UPDATE SKIP LOCKED`: two ticks never send one twice.
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
    const done = await inTransaction(pool, async (client) => {
      const notice = (
        await client.query<NoticeRow>(
          `SELECT id, kind, label, verification_id, task_id, recipient_place_code, recipient_org_id
             FROM response_notice WHERE done_at IS NULL AND due_at <= $1
            ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [now],
        )
      ).rows[0];
      if (!notice) return false;
      const outcome =
        notice.verification_id !== null
          ? await verificationNotice(client, notice, now)
          : await taskNotice(client, notice, now);
      await client.query(
        `UPDATE response_notice SET done_at = $2, outcome = $3, recipient_place_code = coalesce($4, recipient_place_code) WHERE id = $1`,
        [notice.id, now, outcome.sent ? 'sent' : 'skipped', outcome.recipientPlaceCode ?? null],
      );
      if (!outcome.sent) counts.skipped++;
      else {
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
      return true;
    });
    if (!done) break;
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

/** An overdue task escalates to the level that owns its event (the district, or the city from level III up). */
async function taskNotice(client: pg.PoolClient, notice: NoticeRow, now: Date): Promise<Outcome> {
  const task = (
    await client.query<{
      status: string;
      event_id: number;
      owner_place_code: string;
      due_at: Date;
      event_owner: string;
    }>(
      `SELECT t.status, t.event_id, t.owner_place_code, t.due_at, e.owner_place_code AS event_owner
         FROM response_task t JOIN health_event e ON e.id = t.event_id WHERE t.id = $1 FOR UPDATE OF t`,
      [notice.task_id],
    )
  ).rows[0];
  if (!task || (task.status !== 'open' && task.status !== 'in_progress')) return { sent: false };
  await client.query(`UPDATE response_task SET escalated_at = $2, escalated_place_code = $3 WHERE id = $1`, [
    notice.task_id,
    now,
    task.event_owner,
  ]);
  await appendTimeline(client, {
    eventId: task.event_id,
    at: now,
    kind: 'task-escalated',
    actor: null,
    taskId: notice.task_id ?? undefined,
    details: { to: task.event_owner, dueAt: task.due_at.toISOString() },
  });
  return { sent: true, recipientPlaceCode: task.event_owner };
}
