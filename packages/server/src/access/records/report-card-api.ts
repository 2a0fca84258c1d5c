import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badQuery, decodeCursor, likeLiteral, pageOf, pageQuery, toPage } from '../../city/page.js';
import { ApiError } from '../../http/api-error.js';
import type { Platform } from '../../http/app.js';
import { withAudit } from '../audit/audit-log.js';
import { inJurisdiction, scopedPlace } from '../jurisdiction.js';
import { maskFor, PERSON_READERS, type PersonReader } from '../masking.js';
import { access, principalOf } from '../route-access.js';
import {
  REPORT_CARD_COLUMNS,
  reportCardsCsv,
  reportCardView,
  toReportCardView,
  type ReportCardRow,
} from './report-card-view.js';

/**
 * The person-record API for report cards: one card, and a list (paginated, or all of it as CSV for a
 * bulk export, which needs a purpose). Only cards in the caller's jurisdiction; ID numbers and phones
 * masked by role (../masking.ts); every card returned is one audit entry with the stated purpose.
 */

const purpose = z
  .string()
  .trim()
  .min(4)
  .max(200)
  .describe('why the record is read (goes into the audit log)');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const placeCode = z
  .string()
  .regex(/^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$/, 'expected a place code (4, 6, 9 or 12 digits)');

/** The most cards one export returns. */
export const MAX_EXPORT = 100_000;

const isPersonReader = (role: string): role is PersonReader =>
  (PERSON_READERS as readonly string[]).includes(role);

export const reportCardApi =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = platform;
    const now = platform.clock ?? Date.now;
    const readers = access.roles(...PERSON_READERS);

    const reader = (request: Parameters<typeof principalOf>[0]) => {
      const caller = principalOf(request);
      if (!isPersonReader(caller.role)) throw new ApiError('forbidden', 'access.role', { role: caller.role });
      return { caller, role: caller.role };
    };

    app.get(
      '/api/v1/records/report-card/:cardId',
      {
        config: readers,
        schema: {
          tags: ['records'],
          summary: 'One report card (person record): masked by role, audited',
          params: z.object({ cardId: z.string().min(1).max(64) }),
          querystring: z.object({ purpose: purpose.optional() }),
          response: { 200: reportCardView },
        },
      },
      async (request) => {
        const { caller, role } = reader(request);
        const { cardId } = request.params;
        const rows = await db.pool.query<ReportCardRow>(
          `SELECT ${REPORT_CARD_COLUMNS} FROM report_card_record WHERE record_key = $1`,
          [cardId],
        );
        const row = rows.rows[0];
        if (!row) throw new ApiError('not-found', 'access.record-not-found', { id: cardId });
        if (!inJurisdiction(caller, row.place_code)) {
          throw new ApiError('forbidden', 'access.outside-jurisdiction', { what: `report card ${cardId}` });
        }
        const card = maskFor(role, request.query.purpose, toReportCardView(row));
        await withAudit(db.pool, caller, now(), async () => ({
          result: undefined,
          audit: [
            {
              action: 'record.read',
              target: `report-card/${cardId}`,
              purpose: request.query.purpose ?? null,
              detail: { masked: card.idNumber !== row.id_number || card.phone !== row.phone },
            },
          ],
        }));
        return card;
      },
    );

    app.get(
      '/api/v1/records/report-card',
      {
        config: readers,
        schema: {
          tags: ['records'],
          summary: 'Report cards in the jurisdiction (person records): masked by role, every card audited',
          description:
            'format=csv exports every matching card (at most 100,000) as CSV and requires a purpose.',
          querystring: z.object({
            place: placeCode
              .optional()
              .describe('cards counted at this place or below (default: your jurisdiction)'),
            from: day.optional().describe('event (onset) day on or after'),
            to: day.optional().describe('event (onset) day on or before'),
            purpose: purpose.optional(),
            format: z.enum(['json', 'csv']).default('json'),
            ...pageQuery,
          }),
          response: { 200: pageOf(reportCardView).or(z.string().describe('format=csv: text/csv')) },
        },
      },
      async (request, reply) => {
        const { caller, role } = reader(request);
        const q = request.query;
        const csv = q.format === 'csv';
        if (csv && q.purpose === undefined) {
          throw new ApiError('invalid', 'access.purpose-required', {}, [
            { field: 'querystring.purpose', reason: 'required for format=csv' },
          ]);
        }
        const place = scopedPlace(caller, q.place);
        if (place === undefined) {
          throw new ApiError('forbidden', 'access.outside-jurisdiction', { what: `place ${q.place ?? ''}` });
        }
        const after = csv ? undefined : decodeCursor(request, q.cursor);
        if (after !== undefined && after.length > 64) throw badQuery(request, 'cursor', 'query.bad-cursor');
        const limit = csv ? MAX_EXPORT : q.limit;
        const rows = await db.pool.query<ReportCardRow & { record_key: string }>(
          `SELECT record_key, ${REPORT_CARD_COLUMNS} FROM report_card_record
            WHERE place_code LIKE $1 || '%' AND ($2::date IS NULL OR event_date >= $2)
              AND ($3::date IS NULL OR event_date <= $3) AND ($4::text IS NULL OR record_key > $4)
            ORDER BY record_key LIMIT $5`,
          [likeLiteral(place), q.from ?? null, q.to ?? null, after ?? null, limit + 1],
        );
        const page = toPage(
          rows.rows,
          limit,
          (r) => r.record_key,
          (r) => maskFor(role, q.purpose, toReportCardView(r)),
        );
        await withAudit(db.pool, caller, now(), async () => ({
          result: undefined,
          audit: page.items.map((card) => ({
            action: csv ? 'record.export' : 'record.read',
            target: `report-card/${card.cardId}`,
            purpose: q.purpose ?? null,
          })),
        }));
        if (csv) {
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', 'attachment; filename="report-cards.csv"')
            .send(reportCardsCsv(page.items));
        }
        return page;
      },
    );
  };
