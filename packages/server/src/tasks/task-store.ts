import type pg from 'pg';
import { ApiError } from '../http/api-error.js';
import { appendTimeline } from '../events/timeline.js';
import { firstReceiver, readOrganisation } from '../response/organisations.js';

/**
 * Tasks of the command board, under an event. Each has exactly one owning organisation: the first to receive
 * it (named at creation, else the organisation of its place — community, district CDC, city CDC), until a
 * hand-over is accepted (handover.ts). An overdue task escalates by the notice planned here at creation.
 */

export const TASK_KINDS = [
  'investigation',
  'sampling',
  'disinfection',
  'closed-management',
  'door-to-door-screening',
  'school-measures',
  'public-communication',
  'supply-request',
  'patient-transfer',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export type TaskStatus = 'open' | 'in_progress' | 'done' | 'cancelled';

/** Who acts: the user and their organisation; commanders and analysts act for the command centre. */
export interface Actor {
  readonly userId: number;
  readonly orgId: string | null;
  readonly commands: boolean;
}

export interface NewTask {
  readonly kind: TaskKind;
  readonly title: string;
  readonly details: string;
  readonly placeCode: string;
  readonly ownerOrgId?: string | undefined;
  readonly dueAt: Date;
}

async function openEventFor(client: pg.PoolClient, eventId: number) {
  const event = (
    await client.query<{ status: string; place_code: string }>(
      'SELECT status, place_code FROM health_event WHERE id = $1 FOR SHARE',
      [eventId],
    )
  ).rows[0];
  if (!event) throw new ApiError('not-found', 'event.not-found', { id: eventId });
  if (event.status === 'closed') throw new ApiError('conflict', 'event.closed', { id: eventId });
  return event;
}

async function insertTask(
  client: pg.PoolClient,
  eventId: number,
  task: NewTask,
  owner: { id: string; jurisdictionCode: string },
  actor: number,
  now: Date,
  pushId: number | null,
): Promise<number> {
  const inserted = await client.query<{ id: number }>(
    `INSERT INTO response_task (event_id, kind, title, details, place_code, owner_org_id, owner_place_code, push_id,
                                due_at, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      eventId,
      task.kind,
      task.title,
      task.details,
      task.placeCode,
      owner.id,
      owner.jurisdictionCode,
      pushId,
      task.dueAt,
      now,
      actor,
    ],
  );
  const id = inserted.rows[0]?.id as number;
  await client.query(
    `INSERT INTO response_notice (task_id, kind, label, due_at) VALUES ($1, 'escalation', 'overdue', $2)`,
    [id, task.dueAt],
  );
  return id;
}

export async function createTask(
  client: pg.PoolClient,
  eventId: number,
  task: NewTask,
  actor: Actor,
  now: Date,
): Promise<number> {
  await openEventFor(client, eventId);
  const place = await client.query('SELECT 1 FROM place WHERE code = $1', [task.placeCode]);
  if (place.rowCount === 0) throw new ApiError('invalid', 'place.not-found', { code: task.placeCode });
  const owner =
    task.ownerOrgId === undefined
      ? await firstReceiver(client, task.placeCode)
      : await readOrganisation(client, task.ownerOrgId);
  if (!owner)
    throw task.ownerOrgId === undefined
      ? new ApiError('invalid', 'task.no-owner', { code: task.placeCode })
      : new ApiError('invalid', 'organisation.not-found', { id: task.ownerOrgId });
  const id = await insertTask(client, eventId, task, owner, actor.userId, now, null);
  await appendTimeline(client, {
    eventId,
    at: now,
    kind: 'task-created',
    actor: actor.userId,
    taskId: id,
    details: {
      kind: task.kind,
      title: task.title,
      placeCode: task.placeCode,
      owner: owner.id,
      dueAt: task.dueAt.toISOString(),
    },
  });
  return id;
}

export interface Pushed {
  readonly pushId: number;
  readonly taskIds: readonly number[];
  /** Communities under the area with no community organisation to own the task: none was created there. */
  readonly withoutOrganisation: readonly string[];
}

/** 群防群控: one task per community under `task.placeCode`, each owned by that community's organisation. */
export async function pushToCommunities(
  client: pg.PoolClient,
  eventId: number,
  task: NewTask,
  actor: Actor,
  now: Date,
): Promise<Pushed> {
  await openEventFor(client, eventId);
  const communities = await client.query<{ code: string; org_id: string | null }>(
    `SELECT p.code, o.id AS org_id
       FROM place p
       LEFT JOIN (SELECT DISTINCT ON (jurisdiction_code) jurisdiction_code, id FROM organisation
                   WHERE kind = 'community' ORDER BY jurisdiction_code, id) o ON o.jurisdiction_code = p.code
      WHERE p.level = 'community' AND p.code LIKE $1 || '%' ORDER BY p.code`,
    [task.placeCode],
  );
  if (communities.rows.length === 0)
    throw new ApiError('invalid', 'task.no-communities', { code: task.placeCode });
  const pushId = (await client.query<{ id: number }>(`SELECT nextval('response_push_seq') AS id`)).rows[0]
    ?.id as number;
  const owned = communities.rows.filter((c) => c.org_id !== null);
  const withoutOrganisation = communities.rows.filter((c) => c.org_id === null).map((c) => c.code);
  // One statement for all the tasks and one for their escalation notices: a city-wide push is ~1,400 rows.
  const inserted = await client.query<{ id: number }>(
    `INSERT INTO response_task (event_id, kind, title, details, place_code, owner_org_id, owner_place_code, push_id,
                                due_at, created_at, created_by)
     SELECT $1, $2, $3, $4, c.code, c.org, c.code, $7, $8, $9, $10
       FROM unnest($5::text[], $6::text[]) WITH ORDINALITY AS c (code, org, n)
      ORDER BY c.n
     RETURNING id`,
    [
      eventId,
      task.kind,
      task.title,
      task.details,
      owned.map((c) => c.code),
      owned.map((c) => c.org_id),
      pushId,
      task.dueAt,
      now,
      actor.userId,
    ],
  );
  const taskIds = inserted.rows.map((r) => r.id).sort((a, b) => a - b);
  await client.query(
    `INSERT INTO response_notice (task_id, kind, label, due_at)
     SELECT id, 'escalation', 'overdue', $2 FROM unnest($1::bigint[]) AS id`,
    [taskIds, task.dueAt],
  );
  await appendTimeline(client, {
    eventId,
    at: now,
    kind: 'tasks-pushed',
    actor: actor.userId,
    details: {
      pushId,
      kind: task.kind,
      title: task.title,
      area: task.placeCode,
      tasks: taskIds.length,
      withoutOrganisation: withoutOrganisation.length,
      dueAt: task.dueAt.toISOString(),
    },
  });
  return { pushId, taskIds, withoutOrganisation };
}

interface TaskRow {
  event_id: number;
  status: TaskStatus;
  owner_org_id: string;
}

export async function lockTask(client: pg.PoolClient, taskId: number): Promise<TaskRow> {
  const task = (
    await client.query<TaskRow>(
      'SELECT event_id, status, owner_org_id FROM response_task WHERE id = $1 FOR UPDATE',
      [taskId],
    )
  ).rows[0];
  if (!task) throw new ApiError('not-found', 'task.not-found', { id: taskId });
  return task;
}

const NEXT: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  open: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: [],
  cancelled: [],
};

export interface Progress {
  readonly status?: 'in_progress' | 'done' | undefined;
  readonly note: string;
  readonly householdsVisited: number;
  readonly feverFound: number;
  readonly referrals: number;
}

/** A progress report by the owning organisation; the first report starts an open task. */
export async function reportProgress(
  client: pg.PoolClient,
  taskId: number,
  progress: Progress,
  actor: Actor,
  now: Date,
): Promise<void> {
  const task = await lockTask(client, taskId);
  if (actor.orgId !== task.owner_org_id)
    throw new ApiError('forbidden', 'task.not-owner', { id: taskId, owner: task.owner_org_id });
  const status = progress.status ?? (task.status === 'open' ? 'in_progress' : task.status);
  if (status !== task.status && !NEXT[task.status].includes(status))
    throw new ApiError('conflict', 'task.bad-transition', { id: taskId, from: task.status, to: status });
  if (task.status === 'done' || task.status === 'cancelled')
    throw new ApiError('conflict', 'task.bad-transition', { id: taskId, from: task.status, to: status });
  await client.query(
    `INSERT INTO task_report (task_id, reported_at, reported_by, org_id, note, status_after, households_visited,
                              fever_found, referrals)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      taskId,
      now,
      actor.userId,
      task.owner_org_id,
      progress.note,
      status,
      progress.householdsVisited,
      progress.feverFound,
      progress.referrals,
    ],
  );
  await client.query(
    `UPDATE response_task SET status = $2, households_visited = households_visited + $3,
        fever_found = fever_found + $4, referrals = referrals + $5, version = version + 1
      WHERE id = $1`,
    [taskId, status, progress.householdsVisited, progress.feverFound, progress.referrals],
  );
  await appendTimeline(client, {
    eventId: task.event_id,
    at: now,
    kind: 'task-progress',
    actor: actor.userId,
    taskId,
    details: {
      status,
      householdsVisited: progress.householdsVisited,
      feverFound: progress.feverFound,
      referrals: progress.referrals,
    },
  });
}

/** Cancelling (the command side) or closing a task without a report. */
export async function setTaskStatus(
  client: pg.PoolClient,
  taskId: number,
  status: TaskStatus,
  reason: string,
  actor: Actor,
  now: Date,
): Promise<void> {
  const task = await lockTask(client, taskId);
  if (!actor.commands && actor.orgId !== task.owner_org_id)
    throw new ApiError('forbidden', 'task.not-owner', { id: taskId, owner: task.owner_org_id });
  if (!NEXT[task.status].includes(status))
    throw new ApiError('conflict', 'task.bad-transition', { id: taskId, from: task.status, to: status });
  if (status === 'cancelled' && reason.trim() === '')
    throw new ApiError('invalid', 'response.reason-required', { field: 'reason' });
  await client.query('UPDATE response_task SET status = $2, version = version + 1 WHERE id = $1', [
    taskId,
    status,
  ]);
  await appendTimeline(client, {
    eventId: task.event_id,
    at: now,
    kind: 'task-status',
    actor: actor.userId,
    taskId,
    details: { from: task.status, to: status, reason },
  });
}
