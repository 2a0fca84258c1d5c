import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { inJurisdiction } from '../access/jurisdiction.js';
import type { Principal, Role } from '../access/roles.js';
import { access, principalOf } from '../access/route-access.js';
import { decodeCursor, likeLiteral, pageOf, pageQuery, toPage } from '../city/page.js';
import { ApiError } from '../http/api-error.js';
import type { Platform } from '../http/app.js';
import { isoColumn } from '../response/clock.js';
import {
  RESPONDERS,
  TASK_DOERS,
  actorOf,
  created,
  idParams,
  nowOf,
  placeCode,
  reasonText,
  requireJurisdiction,
  timestamp,
} from '../response/api-common.js';
import { inTransaction } from '../response/transaction.js';
import { answerHandover, requestHandover } from './handover.js';
import { TASK_KINDS, createTask, pushToCommunities, reportProgress, setTaskStatus } from './task-store.js';
import {
  TASK_SELECT,
  TASK_STATUSES,
  handoverView,
  reportView,
  taskView,
  toTaskView,
  type TaskRow,
} from './task-view.js';

/**
 * The command board: tasks under events, one owning organisation each. Responders (commander, analyst, duty
 * officer) see the tasks at places in their jurisdiction; everyone sees the tasks their organisation owns
 * or is asked to take over (a community worker: his community's tasks).
 */

const ALL_TASK_ROLES = [...RESPONDERS, ...TASK_DOERS] as const satisfies Role[];
const isResponder = (p: Principal) => (RESPONDERS as readonly Role[]).includes(p.role);

const canSee = (p: Principal, t: TaskRow) =>
  (isResponder(p) && inJurisdiction(p, t.place_code)) ||
  (p.organisationId !== null && (p.organisationId === t.owner_org_id || p.organisationId === t.handover_to));

const newTask = z.object({
  kind: z.enum(TASK_KINDS),
  title: z.string().trim().min(1).max(200),
  details: z.string().max(4000).default(''),
  placeCode,
  dueAt: timestamp,
});
const count = z.number().int().min(0).max(1_000_000).default(0);

export const taskApi =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    const { pool } = platform.db;
    const now = nowOf(platform);
    const readOne = async (id: number) =>
      (await pool.query<TaskRow>(`${TASK_SELECT} WHERE t.id = $2`, [now(), id])).rows[0];
    const visible = async (request: FastifyRequest, id: number) => {
      const row = await readOne(id);
      if (!row) throw new ApiError('not-found', 'task.not-found', { id });
      if (!canSee(principalOf(request), row))
        throw new ApiError('forbidden', 'access.outside-jurisdiction', { what: `task ${id}` });
      return row;
    };
    const eventIn = async (request: FastifyRequest, id: number) => {
      const event = (
        await pool.query<{ place_code: string }>('SELECT place_code FROM health_event WHERE id = $1', [id])
      ).rows[0];
      if (!event) throw new ApiError('not-found', 'event.not-found', { id });
      requireJurisdiction(request, event.place_code, `event ${id}`);
    };

    app.get(
      '/api/v1/tasks',
      {
        config: access.roles(...ALL_TASK_ROLES),
        schema: {
          tags: ['response'],
          summary:
            'Tasks the caller may see (jurisdiction, or owned by the caller’s organisation), newest first',
          querystring: z.object({
            eventId: z.coerce.number().int().positive().optional(),
            status: z.enum(TASK_STATUSES).optional(),
            overdue: z.enum(['true', 'false']).optional(),
            place: placeCode.optional(),
            mine: z
              .enum(['true', 'false'])
              .optional()
              .describe("only the tasks the caller's organisation owns"),
            ...pageQuery,
          }),
          response: { 200: pageOf(taskView) },
        },
      },
      async (request) => {
        const q = request.query;
        const p = principalOf(request);
        const after = decodeCursor(request, q.cursor);
        const rows = await pool.query<TaskRow>(
          `${TASK_SELECT}
            WHERE ((NOT $9 AND $2::text IS NOT NULL AND t.place_code LIKE $2 || '%')
                   OR t.owner_org_id = $3 OR h.to_org_id = $3)
              AND ($4::bigint IS NULL OR t.event_id = $4) AND ($5::text IS NULL OR t.status = $5)
              AND ($6::boolean IS NULL OR (t.status IN ('open', 'in_progress') AND t.due_at <= $1) = $6)
              AND ($7::text IS NULL OR t.place_code LIKE $7 || '%') AND ($8::bigint IS NULL OR t.id < $8)
            ORDER BY t.id DESC LIMIT $10`,
          [
            now(),
            isResponder(p) ? likeLiteral(p.jurisdiction) : null,
            p.organisationId,
            q.eventId ?? null,
            q.status ?? null,
            q.overdue === undefined ? null : q.overdue === 'true',
            q.place === undefined ? null : likeLiteral(q.place),
            after === undefined ? null : Number(after),
            q.mine === 'true',
            q.limit + 1,
          ],
        );
        return toPage(rows.rows, q.limit, (r) => String(r.id), toTaskView);
      },
    );

    app.post(
      '/api/v1/events/:id/tasks',
      {
        config: access.roles(...RESPONDERS),
        schema: {
          tags: ['response'],
          summary: 'Give a task: owned by the named organisation, else the first to receive it at its place',
          params: idParams,
          body: newTask.extend({ ownerOrgId: z.string().min(1).max(64).optional() }),
          response: { 201: taskView },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await eventIn(request, request.params.id);
        const body = request.body;
        requireJurisdiction(request, body.placeCode, `place ${body.placeCode}`);
        const id = await inTransaction(pool, (client) =>
          createTask(client, request.params.id, { ...body, dueAt: new Date(body.dueAt) }, actor, now()),
        );
        return reply.code(201).send(toTaskView((await readOne(id)) as TaskRow));
      },
    );

    app.post(
      '/api/v1/events/:id/tasks/push',
      {
        config: access.roles(...RESPONDERS),
        schema: {
          tags: ['response'],
          summary: '群防群控: one task for every community under the place, each owned by its community',
          params: idParams,
          body: newTask,
          response: {
            201: z.object({
              pushId: z.number().int(),
              taskIds: z.array(z.number().int()),
              withoutOrganisation: z.array(z.string()).describe('communities with no organisation: no task'),
            }),
          },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await eventIn(request, request.params.id);
        const body = request.body;
        requireJurisdiction(request, body.placeCode, `place ${body.placeCode}`);
        const pushed = await inTransaction(pool, (client) =>
          pushToCommunities(
            client,
            request.params.id,
            { ...body, dueAt: new Date(body.dueAt) },
            actor,
            now(),
          ),
        );
        return reply.code(201).send({
          ...pushed,
          taskIds: [...pushed.taskIds],
          withoutOrganisation: [...pushed.withoutOrganisation],
        });
      },
    );

    app.get(
      '/api/v1/tasks/:id',
      {
        config: access.roles(...ALL_TASK_ROLES),
        schema: {
          tags: ['response'],
          summary: 'One task with its progress reports and hand-overs',
          params: idParams,
          response: {
            200: taskView.extend({ reports: z.array(reportView), handovers: z.array(handoverView) }),
          },
        },
      },
      async (request) => {
        const row = await visible(request, request.params.id);
        const reports = await pool.query(
          `SELECT id, ${isoColumn('reported_at')} AS "reportedAt", reported_by AS "reportedBy", org_id AS "orgId", note,
                  status_after AS "statusAfter", households_visited AS "householdsVisited", fever_found AS "feverFound",
                  referrals
             FROM task_report WHERE task_id = $1 ORDER BY id`,
          [row.id],
        );
        const handovers = await pool.query(
          `SELECT id, from_org_id AS "fromOrgId", to_org_id AS "toOrgId", reason, status,
                  ${isoColumn('requested_at')} AS "requestedAt", ${isoColumn('answered_at')} AS "answeredAt"
             FROM task_handover WHERE task_id = $1 ORDER BY id`,
          [row.id],
        );
        return {
          ...toTaskView(row),
          reports: reports.rows as z.output<typeof reportView>[],
          handovers: handovers.rows as z.output<typeof handoverView>[],
        };
      },
    );

    app.post(
      '/api/v1/tasks/:id/reports',
      {
        config: access.roles(...ALL_TASK_ROLES),
        schema: {
          tags: ['response'],
          summary: 'Report progress (the owning organisation): counts add up on the task',
          params: idParams,
          body: z.object({
            status: z.enum(['in_progress', 'done']).optional(),
            note: z.string().max(2000).default(''),
            householdsVisited: count,
            feverFound: count,
            referrals: count,
          }),
          response: { 200: taskView },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const row = await visible(request, request.params.id);
        await inTransaction(pool, (client) => reportProgress(client, row.id, request.body, actor, now()));
        return toTaskView((await readOne(row.id)) as TaskRow);
      },
    );

    app.post(
      '/api/v1/tasks/:id/status',
      {
        config: access.roles(...ALL_TASK_ROLES),
        schema: {
          tags: ['response'],
          summary:
            'Set the status (the owner, or the command side for a cancellation); cancelling needs a reason',
          params: idParams,
          body: z.object({ status: z.enum(TASK_STATUSES), reason: z.string().max(2000).default('') }),
          response: { 200: taskView },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const row = await visible(request, request.params.id);
        await inTransaction(pool, (client) =>
          setTaskStatus(client, row.id, request.body.status, request.body.reason, actor, now()),
        );
        return toTaskView((await readOne(row.id)) as TaskRow);
      },
    );

    app.post(
      '/api/v1/tasks/:id/handovers',
      {
        config: access.roles(...ALL_TASK_ROLES),
        schema: {
          tags: ['response'],
          summary: 'Ask another organisation to take the task over (the owner or the command side)',
          params: idParams,
          body: z.object({ toOrgId: z.string().min(1).max(64), reason: reasonText }),
          response: { 201: created },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const row = await visible(request, request.params.id);
        const id = await inTransaction(pool, (client) =>
          requestHandover(client, row.id, request.body.toOrgId, request.body.reason, actor, now()),
        );
        return reply.code(201).send({ id });
      },
    );

    for (const answer of ['accept', 'decline'] as const)
      app.post(
        `/api/v1/handovers/:id/${answer}`,
        {
          config: access.roles(...ALL_TASK_ROLES),
          schema: {
            tags: ['response'],
            summary:
              answer === 'accept'
                ? 'Accept a hand-over (the receiving organisation): the task is yours from now on'
                : 'Decline a hand-over (the receiving organisation): the task stays with its owner',
            params: idParams,
            response: { 200: taskView },
          },
        },
        async (request) => {
          const actor = actorOf(request);
          const taskId = (
            await pool.query<{ task_id: number }>('SELECT task_id FROM task_handover WHERE id = $1', [
              request.params.id,
            ])
          ).rows[0]?.task_id;
          if (taskId === undefined)
            throw new ApiError('not-found', 'task.handover-not-found', { id: request.params.id });
          await inTransaction(pool, (client) =>
            answerHandover(client, request.params.id, answer === 'accept', actor, now()),
          );
          return toTaskView((await readOne(taskId)) as TaskRow);
        },
      );
  };
