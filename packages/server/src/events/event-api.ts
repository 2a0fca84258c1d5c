import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopedPlace } from '../access/jurisdiction.js';
import { access, principalOf } from '../access/route-access.js';
import { decodeCursor, likeLiteral, pageOf, pageQuery, toPage } from '../city/page.js';
import { ApiError } from '../http/api-error.js';
import type { Platform } from '../http/app.js';
import { isoColumn } from '../response/clock.js';
import {
  RESPONDERS,
  idParams,
  nowOf,
  placeCode,
  reasonText,
  requireJurisdiction,
  userOf,
} from '../response/api-common.js';
import { inTransaction } from '../response/transaction.js';
import { linkAlerts, linkCases, openEvent, refreshProposal, setLevel, setStatus } from './event-store.js';
import {
  EVENT_SELECT,
  eventView,
  levelChangeView,
  timelineView,
  toEventView,
  type EventRow,
} from './event-view.js';
import { RESPONSE_LEVELS } from './level-criteria.js';

/**
 * Events (突发公共卫生事件): list and open them, link alerts and cases, read the proposal and the level history,
 * set the level (the commander, with a reason) and the status, and read the timeline.
 */

const listQuery = z.object({
  status: z.enum(['active', 'controlled', 'closed']).optional(),
  level: z.enum(RESPONSE_LEVELS).optional(),
  place: placeCode.optional(),
  ...pageQuery,
});

const recordKey = z.string().min(1).max(200);

export const eventApi =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    const { pool } = platform.db;
    const now = nowOf(platform);
    const readOne = async (id: number) =>
      (await pool.query<EventRow>(`${EVENT_SELECT} WHERE e.id = $1`, [id])).rows[0];
    /** The event, or 404; 403 outside the caller's jurisdiction. */
    const visible = async (request: Parameters<typeof requireJurisdiction>[0], id: number) => {
      const row = await readOne(id);
      if (!row) throw new ApiError('not-found', 'event.not-found', { id });
      requireJurisdiction(request, row.place_code, `event ${id}`);
      return row;
    };

    app.get(
      '/api/v1/events',
      {
        config: access.roles(...RESPONDERS),
        schema: {
          tags: ['response'],
          summary: 'Public-health events (突发公共卫生事件) in the caller’s jurisdiction, newest first',
          querystring: listQuery,
          response: { 200: pageOf(eventView) },
        },
      },
      async (request) => {
        const q = request.query;
        const place = scopedPlace(principalOf(request), q.place);
        if (place === undefined) return { items: [], next: null };
        const after = decodeCursor(request, q.cursor);
        const rows = await pool.query<EventRow>(
          `${EVENT_SELECT}
            WHERE e.place_code LIKE $1 || '%' AND ($2::text IS NULL OR e.status = $2)
              AND ($3::text IS NULL OR e.level = $3) AND ($4::bigint IS NULL OR e.id < $4)
            ORDER BY e.id DESC LIMIT $5`,
          [
            likeLiteral(place),
            q.status ?? null,
            q.level ?? null,
            after === undefined ? null : Number(after),
            q.limit + 1,
          ],
        );
        return toPage(rows.rows, q.limit, (r) => String(r.id), toEventView);
      },
    );

    app.post(
      '/api/v1/events',
      {
        config: access.roles(...RESPONDERS),
        schema: {
          tags: ['response'],
          summary: 'Open an event by hand (a confirmed verification opens one by itself)',
          body: z.object({
            type: z
              .string()
              .trim()
              .min(1)
              .max(64)
              .regex(/^[a-z0-9][a-z0-9_:.-]*$/, 'expected a lower-case key'),
            title: z.string().trim().min(1).max(200),
            placeCode,
            alertIds: z.array(z.number().int().positive()).max(100).default([]),
          }),
          response: { 201: eventView },
        },
      },
      async (request, reply) => {
        const user = userOf(request);
        const body = request.body;
        requireJurisdiction(request, body.placeCode, `place ${body.placeCode}`);
        const id = await inTransaction(pool, async (client) => {
          const alerts = await client.query<{ id: number; place_code: string }>(
            'SELECT id, place_code FROM alert WHERE id = ANY($1::bigint[])',
            [body.alertIds],
          );
          for (const a of alerts.rows) requireJurisdiction(request, a.place_code, `alert ${a.id}`);
          return openEvent(client, { ...body, actor: user.userId, now: now() });
        });
        return reply.code(201).send(toEventView((await readOne(id)) as EventRow));
      },
    );

    app.get(
      '/api/v1/events/:id',
      {
        config: access.roles(...RESPONDERS),
        schema: {
          tags: ['response'],
          summary: 'One event, with its level proposal and level history',
          params: idParams,
          response: { 200: eventView.extend({ levels: z.array(levelChangeView) }) },
        },
      },
      async (request) => {
        const row = await visible(request, request.params.id);
        const levels = await pool.query<{
          level: (typeof RESPONSE_LEVELS)[number];
          previous_level: (typeof RESPONSE_LEVELS)[number] | null;
          proposed_level: (typeof RESPONSE_LEVELS)[number] | null;
          reason: string;
          set_by: number;
          set_at: string;
        }>(
          `SELECT level, previous_level, proposed_level, reason, set_by, ${isoColumn('set_at')} AS set_at
             FROM health_event_level WHERE event_id = $1 ORDER BY id`,
          [row.id],
        );
        return {
          ...toEventView(row),
          levels: levels.rows.map((l) => ({
            level: l.level,
            previousLevel: l.previous_level,
            proposedLevel: l.proposed_level,
            reason: l.reason,
            setBy: l.set_by,
            setAt: l.set_at,
          })),
        };
      },
    );

    app.get(
      '/api/v1/events/:id/timeline',
      {
        config: access.roles(...RESPONDERS),
        schema: {
          tags: ['response'],
          summary: 'Everything that happened to the event and its tasks, in order',
          params: idParams,
          querystring: z.object(pageQuery),
          response: { 200: pageOf(timelineView) },
        },
      },
      async (request) => {
        await visible(request, request.params.id);
        const after = decodeCursor(request, request.query.cursor);
        const rows = await pool.query<{
          seq: number;
          at: string;
          kind: string;
          actor: number | null;
          task_id: number | null;
          details: Record<string, unknown>;
        }>(
          `SELECT seq, ${isoColumn('at')} AS at, kind, actor, task_id, details FROM health_event_timeline
            WHERE event_id = $1 AND ($2::bigint IS NULL OR seq > $2) ORDER BY seq LIMIT $3`,
          [request.params.id, after === undefined ? null : Number(after), request.query.limit + 1],
        );
        return toPage(
          rows.rows,
          request.query.limit,
          (r) => String(r.seq),
          (r) => ({
            seq: r.seq,
            at: r.at,
            kind: r.kind,
            actor: r.actor,
            taskId: r.task_id,
            details: r.details,
          }),
        );
      },
    );

    app.post(
      '/api/v1/events/:id/level',
      {
        config: access.roles('commander'),
        schema: {
          tags: ['response'],
          summary:
            'Set the response level (I–IV) with a reason (the commander); the history keeps every change',
          params: idParams,
          body: z.object({ level: z.enum(RESPONSE_LEVELS), reason: reasonText }),
          response: { 200: eventView },
        },
      },
      async (request) => {
        const user = userOf(request);
        await visible(request, request.params.id);
        await inTransaction(pool, (client) =>
          setLevel(client, request.params.id, request.body.level, request.body.reason, user.userId, now()),
        );
        return toEventView((await readOne(request.params.id)) as EventRow);
      },
    );

    app.post(
      '/api/v1/events/:id/status',
      {
        config: access.roles('commander', 'duty_officer'),
        schema: {
          tags: ['response'],
          summary: 'active → controlled → closed (controlled may return to active; closed is final)',
          params: idParams,
          body: z.object({ status: z.enum(['active', 'controlled', 'closed']), reason: reasonText }),
          response: { 200: eventView },
        },
      },
      async (request) => {
        const user = userOf(request);
        const row = await visible(request, request.params.id);
        // A duty officer changes the status only of events his district owns (level IV or not yet set).
        requireJurisdiction(request, row.owner_place_code, `event ${row.id}`);
        await inTransaction(pool, (client) =>
          setStatus(client, row.id, request.body.status, request.body.reason, user.userId, now()),
        );
        return toEventView((await readOne(row.id)) as EventRow);
      },
    );

    app.post(
      '/api/v1/events/:id/links',
      {
        config: access.roles(...RESPONDERS),
        schema: {
          tags: ['response'],
          summary:
            'Link alerts and cases (report-card keys) to the event; the level proposal is evaluated again',
          params: idParams,
          body: z
            .object({
              alertIds: z.array(z.number().int().positive()).max(100).default([]),
              recordKeys: z.array(recordKey).max(1000).default([]),
            })
            .refine((b) => b.alertIds.length + b.recordKeys.length > 0, 'link at least one alert or case'),
          response: { 200: eventView },
        },
      },
      async (request) => {
        const user = userOf(request);
        const row = await visible(request, request.params.id);
        if (row.status === 'closed') throw new ApiError('conflict', 'event.closed', { id: row.id });
        await inTransaction(pool, async (client) => {
          const alerts = await client.query<{ id: number; place_code: string }>(
            'SELECT id, place_code FROM alert WHERE id = ANY($1::bigint[])',
            [request.body.alertIds],
          );
          for (const a of alerts.rows) requireJurisdiction(request, a.place_code, `alert ${a.id}`);
          if (request.body.alertIds.length > 0)
            await linkAlerts(client, row.id, request.body.alertIds, user.userId, now());
          if (request.body.recordKeys.length > 0)
            await linkCases(client, row.id, request.body.recordKeys, user.userId, now());
        });
        return toEventView((await readOne(row.id)) as EventRow);
      },
    );

    app.post(
      '/api/v1/events/:id/proposal',
      {
        config: access.roles(...RESPONDERS),
        schema: {
          tags: ['response'],
          summary: 'Evaluate the level criteria again on the current counts',
          params: idParams,
          response: { 200: eventView },
        },
      },
      async (request) => {
        const user = userOf(request);
        const row = await visible(request, request.params.id);
        await inTransaction(pool, (client) => refreshProposal(client, row.id, user.userId, now()));
        return toEventView((await readOne(row.id)) as EventRow);
      },
    );
  };
