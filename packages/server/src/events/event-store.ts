import type pg from 'pg';
import { shanghaiDate } from '../channels/time.js';
import { notifiableDiseases } from '../channels/notifiable-diseases.js';
import { ApiError } from '../http/api-error.js';
import { cityDesk, dutyDesk, type Responsible } from '../response/organisations.js';
import { caseFacts } from './case-counts.js';
import {
  criteriaFor,
  proposeLevel,
  type CaseFacts,
  type LevelProposal,
  type ResponseLevel,
} from './level-criteria.js';
import { appendTimeline } from './timeline.js';

/**
 * Events (突发公共卫生事件): opened from a confirmed verification or by hand, with alerts and cases linked,
 * a response level proposed from the national plan's criteria and set by the commander with a reason, and a
 * status that runs active → controlled → closed (controlled may fall back to active; closed is final).
 */

export type EventStatus = 'active' | 'controlled' | 'closed';

export interface OpenEvent {
  readonly type: string;
  readonly title: string;
  readonly placeCode: string;
  readonly alertIds: readonly number[];
  readonly actor: number | null;
  readonly now: Date;
  /** Who owns the response; the place's district duty desk when not given. */
  readonly owner?: Responsible | undefined;
  readonly details?: Readonly<Record<string, unknown>>;
}

export async function openEvent(client: pg.PoolClient, input: OpenEvent): Promise<number> {
  const place = await client.query('SELECT 1 FROM place WHERE code = $1', [input.placeCode]);
  if (place.rowCount === 0) throw new ApiError('invalid', 'place.not-found', { code: input.placeCode });
  const owner = input.owner ?? (await dutyDesk(client, input.placeCode));
  const inserted = await client.query<{ id: number }>(
    `INSERT INTO health_event (type, title, place_code, owner_place_code, owner_org_id, opened_at, opened_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [input.type, input.title, input.placeCode, owner.placeCode, owner.orgId, input.now, input.actor],
  );
  const id = inserted.rows[0]?.id as number;
  await appendTimeline(client, {
    eventId: id,
    at: input.now,
    kind: 'opened',
    actor: input.actor,
    details: { type: input.type, placeCode: input.placeCode, owner, ...input.details },
  });
  if (input.alertIds.length > 0) await linkAlerts(client, id, input.alertIds, input.actor, input.now);
  else await refreshProposal(client, id, input.actor, input.now);
  return id;
}

/** Links alerts and the report cards their single-case rules matched; the proposal is evaluated again. */
export async function linkAlerts(
  client: pg.PoolClient,
  eventId: number,
  alertIds: readonly number[],
  actor: number | null,
  now: Date,
): Promise<void> {
  const known = await client.query<{ id: number }>('SELECT id FROM alert WHERE id = ANY($1::bigint[])', [
    alertIds,
  ]);
  const missing = alertIds.filter((id) => !known.rows.some((r) => r.id === id));
  if (missing.length > 0) throw new ApiError('not-found', 'alert.not-found', { id: missing.join(', ') });
  const linked = await client.query<{ alert_id: number }>(
    `INSERT INTO health_event_alert (event_id, alert_id, linked_at)
     SELECT $1, unnest($2::bigint[]), $3 ON CONFLICT DO NOTHING RETURNING alert_id`,
    [eventId, alertIds, now],
  );
  if (linked.rowCount === 0) return;
  await appendTimeline(client, {
    eventId,
    at: now,
    kind: 'alert-linked',
    actor,
    details: { alertIds: linked.rows.map((r) => r.alert_id) },
  });
  // The cards behind the alerts: what its single-case and cluster rules matched at its place and time.
  const cases = await client.query<{ record_key: string }>(
    `SELECT DISTINCT c.record_key FROM alert a
       JOIN alert_case c ON c.family = a.family AND c.channel = 'report-card'
        AND c.place_code LIKE a.place_code || '%' AND c.event_date BETWEEN a.period_start AND a.period_end
      WHERE a.id = ANY($1::bigint[])`,
    [linked.rows.map((r) => r.alert_id)],
  );
  await linkCases(
    client,
    eventId,
    cases.rows.map((r) => r.record_key),
    actor,
    now,
  );
}

export async function linkCases(
  client: pg.PoolClient,
  eventId: number,
  recordKeys: readonly string[],
  actor: number | null,
  now: Date,
): Promise<number> {
  const linked = await client.query(
    `INSERT INTO health_event_case (event_id, record_key, linked_at)
     SELECT $1, k, $3 FROM unnest($2::text[]) AS k ON CONFLICT DO NOTHING`,
    [eventId, recordKeys, now],
  );
  const count = linked.rowCount ?? 0;
  if (count > 0)
    await appendTimeline(client, { eventId, at: now, kind: 'cases-linked', actor, details: { count } });
  await refreshProposal(client, eventId, actor, now);
  return count;
}

/**
 * Evaluates the level criteria on the counts as of the linked alerts' latest data day (or today) and keeps
 * the proposal; a changed proposal goes on the timeline.
 */
export async function refreshProposal(
  client: pg.PoolClient,
  eventId: number,
  actor: number | null,
  now: Date,
): Promise<LevelProposal> {
  const event = (
    await client.query<{
      type: string;
      place_code: string;
      proposed_level: ResponseLevel | null;
      as_of: string | null;
    }>(
      `SELECT e.type, e.place_code, e.proposed_level,
              (SELECT max(a.period_end) FROM health_event_alert l JOIN alert a ON a.id = l.alert_id
                WHERE l.event_id = e.id) AS as_of
         FROM health_event e WHERE e.id = $1`,
      [eventId],
    )
  ).rows[0];
  if (!event) throw new ApiError('not-found', 'event.not-found', { id: eventId });
  const asOf = event.as_of ?? shanghaiDate(now.getTime());
  const kind = { type: event.type, diseaseClass: notifiableDiseases().on(event.type, asOf)?.class };
  const windows = [...new Set(criteriaFor(kind).map((c) => c.windowDays))];
  const facts = new Map<number, CaseFacts>();
  for (const days of windows)
    facts.set(days, await caseFacts(client, event.type, event.place_code, asOf, days));
  const proposal = proposeLevel(kind, (days) => facts.get(days) as CaseFacts);
  await client.query('UPDATE health_event SET proposed_level = $2, proposal = $3 WHERE id = $1', [
    eventId,
    proposal.level,
    JSON.stringify({ asOf, ...proposal }),
  ]);
  if (proposal.level !== event.proposed_level)
    await appendTimeline(client, {
      eventId,
      at: now,
      kind: 'level-proposed',
      actor,
      details: { level: proposal.level, met: proposal.met.map((m) => m.id), asOf },
    });
  return proposal;
}

/**
 * The commander sets the level with a reason. Who owns the response follows the plan's tiers (§4.1: 一般
 * IV by the county, 较大 III by the prefecture, II and I above it): level IV stays with the district, I–III
 * move to the city.
 */
export async function setLevel(
  client: pg.PoolClient,
  eventId: number,
  level: ResponseLevel,
  reason: string,
  actor: number,
  now: Date,
): Promise<void> {
  const event = (
    await client.query<{
      level: ResponseLevel | null;
      proposed_level: ResponseLevel | null;
      status: EventStatus;
      place_code: string;
      owner_place_code: string;
    }>(
      'SELECT level, proposed_level, status, place_code, owner_place_code FROM health_event WHERE id = $1 FOR UPDATE',
      [eventId],
    )
  ).rows[0];
  if (!event) throw new ApiError('not-found', 'event.not-found', { id: eventId });
  if (event.status === 'closed') throw new ApiError('conflict', 'event.closed', { id: eventId });
  if (reason.trim() === '') throw new ApiError('invalid', 'response.reason-required', { field: 'reason' });
  await client.query(
    `INSERT INTO health_event_level (event_id, level, previous_level, proposed_level, reason, set_by, set_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [eventId, level, event.level, event.proposed_level, reason, actor, now],
  );
  const owner =
    level === 'IV' ? await dutyDesk(client, event.place_code) : await cityDesk(client, event.place_code);
  await client.query(
    `UPDATE health_event SET level = $2, owner_place_code = $3, owner_org_id = $4, version = version + 1 WHERE id = $1`,
    [eventId, level, owner.placeCode, owner.orgId],
  );
  await appendTimeline(client, {
    eventId,
    at: now,
    kind: 'level-set',
    actor,
    details: { level, previous: event.level, proposed: event.proposed_level, reason },
  });
  if (owner.placeCode !== event.owner_place_code)
    await appendTimeline(client, { eventId, at: now, kind: 'owner-changed', actor, details: { owner } });
}

const NEXT: Readonly<Record<EventStatus, readonly EventStatus[]>> = {
  active: ['controlled'],
  controlled: ['active', 'closed'],
  closed: [],
};

export async function setStatus(
  client: pg.PoolClient,
  eventId: number,
  status: EventStatus,
  reason: string,
  actor: number,
  now: Date,
): Promise<void> {
  const event = (
    await client.query<{ status: EventStatus }>('SELECT status FROM health_event WHERE id = $1 FOR UPDATE', [
      eventId,
    ])
  ).rows[0];
  if (!event) throw new ApiError('not-found', 'event.not-found', { id: eventId });
  if (!NEXT[event.status].includes(status))
    throw new ApiError('conflict', 'event.bad-transition', { id: eventId, from: event.status, to: status });
  await client.query(
    `UPDATE health_event SET status = $2, version = version + 1,
        controlled_at = CASE WHEN $2 = 'controlled' THEN $3 ELSE controlled_at END,
        closed_at = CASE WHEN $2 = 'closed' THEN $3 ELSE closed_at END
      WHERE id = $1`,
    [eventId, status, now],
  );
  await appendTimeline(client, {
    eventId,
    at: now,
    kind: 'status-changed',
    actor,
    details: { from: event.status, to: status, reason },
  });
}
