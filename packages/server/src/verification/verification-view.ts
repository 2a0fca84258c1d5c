import { ALERT_LEVELS } from '@shaobing/engine';
import { z } from 'zod';
import { isoColumn } from '../response/clock.js';

/** A verification as the API shows it: the alert it is about, who holds it, its deadline and outcome. */
export const verificationView = z.object({
  id: z.number().int(),
  alert: z.object({
    id: z.number().int(),
    family: z.string(),
    level: z.enum(ALERT_LEVELS),
    kind: z.string(),
    placeCode: z.string(),
    placeName: z.string().nullable(),
    status: z.enum(['open', 'closed']),
    closedReason: z
      .string()
      .nullable()
      .describe('retracted: its evidence was withdrawn; no reminders follow'),
    reason: z.object({ zh: z.string(), en: z.string() }),
  }),
  assignedPlaceCode: z.string().describe('the district (6 digits) or city (4) that verifies it'),
  assignedOrgId: z.string().nullable(),
  deadlineRule: z.string().describe('the row of the deadline table that set dueAt'),
  assignedAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean().describe('pending past its deadline'),
  status: z.enum(['pending', 'dismissed', 'monitoring', 'confirmed']),
  escalatedAt: z.string().nullable(),
  escalatedPlaceCode: z.string().nullable(),
  outcomeAt: z.string().nullable().describe('the first outcome'),
  decidedAt: z.string().nullable().describe('the latest outcome'),
  decidedBy: z.number().int().nullable(),
  reason: z.string().nullable(),
  eventId: z.number().int().nullable(),
});
export type VerificationView = z.output<typeof verificationView>;

export const noticeView = z.object({
  kind: z.enum(['reminder', 'escalation']),
  label: z.string(),
  dueAt: z.string(),
  doneAt: z.string().nullable(),
  outcome: z.enum(['sent', 'skipped']).nullable(),
  recipientPlaceCode: z.string().nullable(),
  recipientOrgId: z.string().nullable(),
});

export const VERIFICATION_SELECT = `SELECT v.id, v.alert_id, a.family, a.level, a.kind, a.place_code, p.name AS place_name,
    a.status AS alert_status, a.closed_reason,
    a.reason_zh, a.reason_en, v.assigned_place_code, v.assigned_org_id, v.deadline_rule,
    ${isoColumn('v.assigned_at')} AS assigned_at, ${isoColumn('v.due_at')} AS due_at,
    (v.status = 'pending' AND v.due_at <= $1) AS overdue, v.status,
    ${isoColumn('v.escalated_at')} AS escalated_at, v.escalated_place_code,
    ${isoColumn('v.outcome_at')} AS outcome_at, ${isoColumn('v.decided_at')} AS decided_at, v.decided_by,
    v.reason, v.event_id
  FROM verification v JOIN alert a ON a.id = v.alert_id LEFT JOIN place p ON p.code = a.place_code`;

export interface VerificationRow {
  id: number;
  alert_id: number;
  family: string;
  level: VerificationView['alert']['level'];
  kind: string;
  place_code: string;
  place_name: string | null;
  alert_status: 'open' | 'closed';
  closed_reason: string | null;
  reason_zh: string;
  reason_en: string;
  assigned_place_code: string;
  assigned_org_id: string | null;
  deadline_rule: string;
  assigned_at: string;
  due_at: string;
  overdue: boolean;
  status: VerificationView['status'];
  escalated_at: string | null;
  escalated_place_code: string | null;
  outcome_at: string | null;
  decided_at: string | null;
  decided_by: number | null;
  reason: string | null;
  event_id: number | null;
}

export const toVerificationView = (r: VerificationRow): VerificationView => ({
  id: r.id,
  alert: {
    id: r.alert_id,
    family: r.family,
    level: r.level,
    kind: r.kind,
    placeCode: r.place_code,
    placeName: r.place_name,
    status: r.alert_status,
    closedReason: r.closed_reason,
    reason: { zh: r.reason_zh, en: r.reason_en },
  },
  assignedPlaceCode: r.assigned_place_code,
  assignedOrgId: r.assigned_org_id,
  deadlineRule: r.deadline_rule,
  assignedAt: r.assigned_at,
  dueAt: r.due_at,
  overdue: r.overdue,
  status: r.status,
  escalatedAt: r.escalated_at,
  escalatedPlaceCode: r.escalated_place_code,
  outcomeAt: r.outcome_at,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
  reason: r.reason,
  eventId: r.event_id,
});
