import type pg from 'pg';

/**
 * An event's timeline: one row per thing that happened to the event or its tasks, written in the same
 * transaction as the change itself, so the timeline never claims what did not happen.
 */

export const TIMELINE_KINDS = [
  'opened',
  'verification-confirmed',
  'alert-linked',
  'cases-linked',
  'level-proposed',
  'level-set',
  'owner-changed',
  'status-changed',
  'task-created',
  'tasks-pushed',
  'task-status',
  'task-progress',
  'handover-requested',
  'handover-accepted',
  'handover-declined',
  'task-escalated',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  readonly eventId: number;
  readonly at: Date;
  readonly kind: TimelineKind;
  /** The user; null for the scheduler. */
  readonly actor: number | null;
  readonly taskId?: number | undefined;
  readonly details?: Readonly<Record<string, unknown>>;
}

export async function appendTimeline(client: pg.PoolClient | pg.Pool, entry: TimelineEntry): Promise<void> {
  await client.query(
    `INSERT INTO health_event_timeline (event_id, at, kind, actor, task_id, details) VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      entry.eventId,
      entry.at,
      entry.kind,
      entry.actor,
      entry.taskId ?? null,
      JSON.stringify(entry.details ?? {}),
    ],
  );
}
