import type pg from 'pg';
import { ApiError } from '../http/api-error.js';
import { appendTimeline } from '../events/timeline.js';
import { readOrganisation } from '../response/organisations.js';
import { lockTask, type Actor } from './task-store.js';

/**
 * A recorded hand-over (首接负责: the owner keeps the task until another accepts it). The owning side — or
 * the command centre — asks; the receiving organisation accepts or declines. One pending hand-over at a time.
 */

export async function requestHandover(
  client: pg.PoolClient,
  taskId: number,
  toOrgId: string,
  reason: string,
  actor: Actor,
  now: Date,
): Promise<number> {
  const task = await lockTask(client, taskId);
  if (!actor.commands && actor.orgId !== task.owner_org_id)
    throw new ApiError('forbidden', 'task.not-owner', { id: taskId, owner: task.owner_org_id });
  if (task.status === 'done' || task.status === 'cancelled')
    throw new ApiError('conflict', 'task.bad-transition', { id: taskId, from: task.status, to: 'handover' });
  if (reason.trim() === '') throw new ApiError('invalid', 'response.reason-required', { field: 'reason' });
  const to = await readOrganisation(client, toOrgId);
  if (!to) throw new ApiError('invalid', 'organisation.not-found', { id: toOrgId });
  if (to.id === task.owner_org_id)
    throw new ApiError('conflict', 'task.handover-self', { id: taskId, owner: to.id });
  const pending = await client.query('SELECT 1 FROM task_handover WHERE task_id = $1 AND status = $2', [
    taskId,
    'pending',
  ]);
  if (pending.rowCount !== 0) throw new ApiError('conflict', 'task.handover-pending', { id: taskId });
  const inserted = await client.query<{ id: number }>(
    `INSERT INTO task_handover (task_id, from_org_id, to_org_id, to_place_code, reason, requested_by, requested_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [taskId, task.owner_org_id, to.id, to.jurisdictionCode, reason, actor.userId, now],
  );
  const id = inserted.rows[0]?.id as number;
  await appendTimeline(client, {
    eventId: task.event_id,
    at: now,
    kind: 'handover-requested',
    actor: actor.userId,
    taskId,
    details: { handoverId: id, from: task.owner_org_id, to: to.id, reason },
  });
  return id;
}

/** The receiving organisation answers; accepted, the task is theirs from now on. */
export async function answerHandover(
  client: pg.PoolClient,
  handoverId: number,
  accept: boolean,
  actor: Actor,
  now: Date,
): Promise<void> {
  const h = (
    await client.query<{
      task_id: number;
      to_org_id: string;
      to_place_code: string;
      from_org_id: string;
      status: string;
    }>(
      'SELECT task_id, to_org_id, to_place_code, from_org_id, status FROM task_handover WHERE id = $1 FOR UPDATE',
      [handoverId],
    )
  ).rows[0];
  if (!h) throw new ApiError('not-found', 'task.handover-not-found', { id: handoverId });
  if (actor.orgId !== h.to_org_id)
    throw new ApiError('forbidden', 'task.not-owner', { id: h.task_id, owner: h.to_org_id });
  if (h.status !== 'pending') throw new ApiError('conflict', 'task.handover-answered', { id: handoverId });
  const task = await lockTask(client, h.task_id);
  await client.query(
    `UPDATE task_handover SET status = $2, answered_by = $3, answered_at = $4 WHERE id = $1`,
    [handoverId, accept ? 'accepted' : 'declined', actor.userId, now],
  );
  if (accept)
    await client.query(
      `UPDATE response_task SET owner_org_id = $2, owner_place_code = $3, version = version + 1 WHERE id = $1`,
      [h.task_id, h.to_org_id, h.to_place_code],
    );
  await appendTimeline(client, {
    eventId: task.event_id,
    at: now,
    kind: accept ? 'handover-accepted' : 'handover-declined',
    actor: actor.userId,
    taskId: h.task_id,
    details: { handoverId, from: h.from_org_id, to: h.to_org_id },
  });
}
