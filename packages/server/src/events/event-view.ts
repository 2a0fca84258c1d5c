import { z } from 'zod';
import { isoColumn } from '../response/clock.js';
import { RESPONSE_LEVELS } from './level-criteria.js';

/** An event as the API shows it. */

const level = z.enum(RESPONSE_LEVELS);

export const proposalView = z.object({
  asOf: z.string().optional().describe('the data day the cases were counted to'),
  level: level.nullable().describe('the highest level whose criterion is met; null: none (or not evaluable)'),
  met: z.array(z.object({ id: z.string(), level, text: z.object({ zh: z.string(), en: z.string() }) })),
  notEvaluable: z.array(z.string()).describe('criteria the data do not allow (no 5-year baseline)'),
  facts: z.array(
    z.object({
      windowDays: z.number().int(),
      districtMax: z.number().int(),
      cityTotal: z.number().int(),
      districts: z.number().int(),
      districtsAtRatio: z.record(z.string(), z.number().int()).optional(),
    }),
  ),
});

export const eventView = z.object({
  id: z.number().int(),
  type: z.string().describe('disease key, syndrome family or unknown-pneumonia'),
  title: z.string(),
  placeCode: z.string(),
  placeName: z.string().nullable(),
  ownerPlaceCode: z.string().describe('the level that owns the response'),
  ownerOrgId: z.string().nullable(),
  status: z.enum(['active', 'controlled', 'closed']),
  level: level.nullable().describe('set by the commander'),
  proposedLevel: level.nullable(),
  proposal: proposalView.partial(),
  alertIds: z.array(z.number().int()),
  cases: z.number().int().describe('report cards linked'),
  tasks: z
    .object({
      open: z.number().int(),
      inProgress: z.number().int(),
      done: z.number().int(),
      cancelled: z.number().int(),
    })
    .describe('its tasks by status'),
  openedAt: z.string(),
  controlledAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
});
export type EventView = z.output<typeof eventView>;

export const levelChangeView = z.object({
  level,
  previousLevel: level.nullable(),
  proposedLevel: level.nullable(),
  reason: z.string(),
  setBy: z.number().int(),
  setAt: z.string(),
});

export const EVENT_SELECT = `SELECT e.id, e.type, e.title, e.place_code, p.name AS place_name, e.owner_place_code,
    e.owner_org_id, e.status, e.level, e.proposed_level, e.proposal,
    ARRAY(SELECT l.alert_id FROM health_event_alert l WHERE l.event_id = e.id ORDER BY l.alert_id) AS alert_ids,
    (SELECT count(*)::int FROM health_event_case c WHERE c.event_id = e.id) AS cases,
    (SELECT json_build_object('open', count(*) FILTER (WHERE t.status = 'open'),
                              'inProgress', count(*) FILTER (WHERE t.status = 'in_progress'),
                              'done', count(*) FILTER (WHERE t.status = 'done'),
                              'cancelled', count(*) FILTER (WHERE t.status = 'cancelled'))
       FROM response_task t WHERE t.event_id = e.id) AS tasks,
    ${isoColumn('e.opened_at')} AS opened_at, ${isoColumn('e.controlled_at')} AS controlled_at,
    ${isoColumn('e.closed_at')} AS closed_at, e.version
  FROM health_event e LEFT JOIN place p ON p.code = e.place_code`;

export interface EventRow {
  id: number;
  type: string;
  title: string;
  place_code: string;
  place_name: string | null;
  owner_place_code: string;
  owner_org_id: string | null;
  status: EventView['status'];
  level: EventView['level'];
  proposed_level: EventView['level'];
  proposal: EventView['proposal'];
  alert_ids: (number | string)[];
  cases: number;
  tasks: EventView['tasks'];
  opened_at: string;
  controlled_at: string | null;
  closed_at: string | null;
  version: number;
}

export const toEventView = (r: EventRow): EventView => ({
  id: r.id,
  type: r.type,
  title: r.title,
  placeCode: r.place_code,
  placeName: r.place_name,
  ownerPlaceCode: r.owner_place_code,
  ownerOrgId: r.owner_org_id,
  status: r.status,
  level: r.level,
  proposedLevel: r.proposed_level,
  proposal: r.proposal,
  alertIds: r.alert_ids.map(Number), // int8[] arrives as text
  cases: r.cases,
  tasks: r.tasks,
  openedAt: r.opened_at,
  controlledAt: r.controlled_at,
  closedAt: r.closed_at,
  version: r.version,
});

export const timelineView = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: z.string(),
  actor: z.number().int().nullable().describe('user id; null for the scheduler'),
  taskId: z.number().int().nullable(),
  details: z.record(z.string(), z.unknown()),
});
