import { z } from 'zod';
import { isoColumn } from '../response/clock.js';
import { TASK_KINDS } from './task-store.js';

/** A task of the command board as the API shows it. */

export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;

const counts = z.object({
  householdsVisited: z.number().int(),
  feverFound: z.number().int(),
  referrals: z.number().int(),
});

export const taskView = z.object({
  id: z.number().int(),
  eventId: z.number().int(),
  kind: z.enum(TASK_KINDS),
  title: z.string(),
  details: z.string(),
  placeCode: z.string(),
  placeName: z.string().nullable(),
  ownerOrgId: z.string().describe('the one owning organisation'),
  ownerPlaceCode: z.string(),
  pushId: z.number().int().nullable().describe('the push (群防群控) that created it with its siblings'),
  status: z.enum(TASK_STATUSES),
  dueAt: z.string(),
  overdue: z.boolean(),
  createdAt: z.string(),
  escalatedAt: z.string().nullable(),
  escalatedPlaceCode: z.string().nullable(),
  counts: counts.describe('the sums of the progress reports'),
  pendingHandover: z
    .object({ id: z.number().int(), toOrgId: z.string(), reason: z.string(), requestedAt: z.string() })
    .nullable(),
});
export type TaskView = z.output<typeof taskView>;

export const reportView = counts.extend({
  id: z.number().int(),
  reportedAt: z.string(),
  reportedBy: z.number().int().nullable(),
  orgId: z.string(),
  note: z.string(),
  statusAfter: z.enum(TASK_STATUSES),
});

export const handoverView = z.object({
  id: z.number().int(),
  fromOrgId: z.string(),
  toOrgId: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'accepted', 'declined']),
  requestedAt: z.string(),
  answeredAt: z.string().nullable(),
});

export const TASK_SELECT = `SELECT t.id, t.event_id, t.kind, t.title, t.details, t.place_code, p.name AS place_name,
    t.owner_org_id, t.owner_place_code, t.push_id, t.status, ${isoColumn('t.due_at')} AS due_at,
    (t.status IN ('open', 'in_progress') AND t.due_at <= $1) AS overdue, ${isoColumn('t.created_at')} AS created_at,
    ${isoColumn('t.escalated_at')} AS escalated_at, t.escalated_place_code, t.households_visited, t.fever_found,
    t.referrals, h.id AS handover_id, h.to_org_id AS handover_to, h.reason AS handover_reason,
    ${isoColumn('h.requested_at')} AS handover_at
  FROM response_task t LEFT JOIN place p ON p.code = t.place_code
  LEFT JOIN task_handover h ON h.task_id = t.id AND h.status = 'pending'`;

export interface TaskRow {
  id: number;
  event_id: number;
  kind: TaskView['kind'];
  title: string;
  details: string;
  place_code: string;
  place_name: string | null;
  owner_org_id: string;
  owner_place_code: string;
  push_id: number | null;
  status: TaskView['status'];
  due_at: string;
  overdue: boolean;
  created_at: string;
  escalated_at: string | null;
  escalated_place_code: string | null;
  households_visited: number;
  fever_found: number;
  referrals: number;
  handover_id: number | null;
  handover_to: string | null;
  handover_reason: string | null;
  handover_at: string | null;
}

export const toTaskView = (r: TaskRow): TaskView => ({
  id: r.id,
  eventId: r.event_id,
  kind: r.kind,
  title: r.title,
  details: r.details,
  placeCode: r.place_code,
  placeName: r.place_name,
  ownerOrgId: r.owner_org_id,
  ownerPlaceCode: r.owner_place_code,
  pushId: r.push_id,
  status: r.status,
  dueAt: r.due_at,
  overdue: r.overdue,
  createdAt: r.created_at,
  escalatedAt: r.escalated_at,
  escalatedPlaceCode: r.escalated_place_code,
  counts: { householdsVisited: r.households_visited, feverFound: r.fever_found, referrals: r.referrals },
  pendingHandover:
    r.handover_id === null
      ? null
      : {
          id: r.handover_id,
          toOrgId: r.handover_to ?? '',
          reason: r.handover_reason ?? '',
          requestedAt: r.handover_at ?? '',
        },
});
