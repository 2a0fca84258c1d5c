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
  dateText,
  idParams,
  nowOf,
  placeCode,
  requireJurisdiction,
  userOf,
} from '../response/api-common.js';
import { decideVerification } from './decide.js';
import { funnel } from './funnel.js';
import {
  VERIFICATION_SELECT,
  noticeView,
  toVerificationView,
  verificationView,
  type VerificationRow,
} from './verification-view.js';

/**
 * The duty desk's inbox: GET /api/v1/verifications (the caller's jurisdiction), one verification with its
 * reminders, POST …/{id}/outcome (dismissed with a reason, monitoring, confirmed → an event), and the funnel.
 */

const listQuery = z.object({
  status: z.enum(['pending', 'dismissed', 'monitoring', 'confirmed']).optional(),
  overdue: z.enum(['true', 'false']).optional().describe('pending past the deadline'),
  escalated: z.enum(['true', 'false']).optional(),
  place: placeCode.optional().describe("alerts in this place or below it (within the caller's jurisdiction)"),
  ...pageQuery,
});

const outcomeBody = z
  .object({
    outcome: z.enum(['dismissed', 'monitoring', 'confirmed']),
    reason: z.string().max(2000).optional().describe('required to dismiss'),
    eventTitle: z.string().trim().min(1).max(200).optional().describe('confirmed: the title of the event'),
  })
  .refine((b) => b.outcome !== 'dismissed' || (b.reason ?? '').trim() !== '', {
    path: ['reason'],
    message: 'a reason is required to dismiss',
  });

const funnelView = z.object({
  from: z.string(),
  to: z.string(),
  place: z.string(),
  signals: z.number().int().describe('alarming detection signals stored in the period'),
  alerts: z.number().int().describe('alerts opened in the period'),
  verified: z.number().int().describe('of those, verified (any outcome)'),
  events: z.number().int().describe('of those, confirmed as events'),
  timeliness: z.object({
    medianHours: z.number().nullable(),
    p90Hours: z.number().nullable(),
    withinDeadline: z.number().nullable().describe('share decided by the deadline, of those decided or due'),
    pendingOverdue: z.number().int(),
  }),
});

export const verificationApi =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    const { pool } = platform.db;
    const now = nowOf(platform);
    const readOne = async (id: number) =>
      (await pool.query<VerificationRow>(`${VERIFICATION_SELECT} WHERE v.id = $2`, [now(), id])).rows[0];

    app.get(
      '/api/v1/verifications',
      {
        config: access.roles(...RESPONDERS),
        schema: {
          tags: ['response'],
          summary: 'Verifications (核实) of alerts in the caller’s jurisdiction, newest first',
          querystring: listQuery,
          response: { 200: pageOf(verificationView) },
        },
      },
      async (request) => {
        const q = request.query;
        const place = scopedPlace(principalOf(request), q.place);
        if (place === undefined) return { items: [], next: null };
        const after = decodeCursor(request, q.cursor);
        const rows = await pool.query<VerificationRow>(
          `${VERIFICATION_SELECT}
            WHERE a.place_code LIKE $2 || '%'
              AND ($3::text IS NULL OR v.status = $3)
              AND ($4::boolean IS NULL OR (v.status = 'pending' AND v.due_at <= $1) = $4)
              AND ($5::boolean IS NULL OR (v.escalated_at IS NOT NULL) = $5)
              AND ($6::bigint IS NULL OR v.id < $6)
            ORDER BY v.id DESC LIMIT $7`,
          [
            now(),
            likeLiteral(place),
            q.status ?? null,
            q.overdue === undefined ? null : q.overdue === 'true',
            q.escalated === undefined ? null : q.escalated === 'true',
            after === undefined ? null : Number(after),
            q.limit + 1,
          ],
        );
        return toPage(rows.rows, q.limit, (r) => String(r.id), toVerificationView);
      },
    );

    app.get(
      '/api/v1/verifications/:id',
      {
        config: access.roles(...RESPONDERS),
        schema: {
          tags: ['response'],
          summary: 'One verification, with its reminders and escalation',
          params: idParams,
          response: { 200: verificationView.extend({ notices: z.array(noticeView) }) },
        },
      },
      async (request) => {
        const row = await readOne(request.params.id);
        if (!row) throw new ApiError('not-found', 'verification.not-found', { id: request.params.id });
        requireJurisdiction(request, row.place_code, `verification ${row.id}`);
        const notices = await pool.query<{
          kind: 'reminder' | 'escalation';
          label: string;
          due_at: string;
          done_at: string | null;
          outcome: 'sent' | 'skipped' | null;
          recipient_place_code: string | null;
          recipient_org_id: string | null;
        }>(
          `SELECT kind, label, ${isoColumn('due_at')} AS due_at, ${isoColumn('done_at')} AS done_at, outcome,
                  recipient_place_code, recipient_org_id
             FROM response_notice WHERE verification_id = $1 ORDER BY due_at, id`,
          [row.id],
        );
        return {
          ...toVerificationView(row),
          notices: notices.rows.map((n) => ({
            kind: n.kind,
            label: n.label,
            dueAt: n.due_at,
            doneAt: n.done_at,
            outcome: n.outcome,
            recipientPlaceCode: n.recipient_place_code,
            recipientOrgId: n.recipient_org_id,
          })),
        };
      },
    );

    app.post(
      '/api/v1/verifications/:id/outcome',
      {
        config: access.roles(...RESPONDERS),
        schema: {
          tags: ['response'],
          summary: 'Record the outcome: dismissed (reason required), monitoring, or confirmed as an event',
          params: idParams,
          body: outcomeBody,
          response: { 200: verificationView },
        },
      },
      async (request) => {
        const user = userOf(request);
        const row = await readOne(request.params.id);
        if (!row) throw new ApiError('not-found', 'verification.not-found', { id: request.params.id });
        requireJurisdiction(request, row.place_code, `verification ${row.id}`);
        await decideVerification(pool, row.id, {
          outcome: request.body.outcome,
          reason: request.body.reason,
          eventTitle: request.body.eventTitle,
          actor: user.userId,
          now: now(),
        });
        return toVerificationView((await readOne(row.id)) as VerificationRow);
      },
    );

    app.get(
      '/api/v1/funnel',
      {
        config: access.roles(...RESPONDERS),
        schema: {
          tags: ['response'],
          summary: 'Signals → alerts → verified → events in a period, with the timeliness of verification',
          querystring: z.object({
            from: dateText.describe('first day (Asia/Shanghai)'),
            to: dateText.describe('last day, inclusive'),
            place: placeCode.optional(),
          }),
          response: { 200: funnelView },
        },
      },
      async (request) => {
        const { from, to } = request.query;
        if (from > to)
          throw new ApiError('invalid', 'error.invalid', { detail: 'querystring.from: after to' }, [
            { field: 'querystring.from', reason: 'after to' },
          ]);
        const place = scopedPlace(principalOf(request), request.query.place);
        if (place === undefined)
          throw new ApiError('forbidden', 'access.outside-jurisdiction', {
            what: `place ${request.query.place}`,
          });
        return funnel(pool, from, to, place, now());
      },
    );
  };
