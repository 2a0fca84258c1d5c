import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badQuery, decodeCursor, pageOf, pageQuery, toPage } from '../../city/page.js';
import type { Platform } from '../../http/app.js';
import { access } from '../route-access.js';
import { GENESIS, verifyChain, type AuditEntry, type DetailValue } from './audit-chain.js';

/** GET /api/v1/audit (administrators: the log, newest first) and GET /api/v1/audit/verify (the chain walked). */

const entryView = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorUsername: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  target: z.string(),
  purpose: z.string().nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  hash: z.string(),
});

interface EntryRow {
  seq: string;
  at: Date;
  actor_id: string | null;
  actor_username: string | null;
  actor_role: string | null;
  action: string;
  target: string;
  purpose: string | null;
  detail: Record<string, DetailValue>;
  prev_hash: string;
  hash: string;
}

const COLUMNS =
  'seq, at, actor_id, actor_username, actor_role, action, target, purpose, detail, prev_hash, hash';

const entryOf = (r: EntryRow): AuditEntry & { prevHash: string; hash: string } => ({
  seq: Number(r.seq),
  at: r.at.toISOString(),
  actorId: r.actor_id === null ? null : Number(r.actor_id),
  actorUsername: r.actor_username,
  actorRole: r.actor_role,
  action: r.action,
  target: r.target,
  purpose: r.purpose,
  detail: r.detail,
  prevHash: r.prev_hash,
  hash: r.hash,
});

const listQuery = z.object({
  actor: z.string().max(64).optional().describe('username'),
  action: z.string().max(64).optional(),
  target: z.string().max(200).optional().describe('exact target, e.g. report-card/C-1'),
  ...pageQuery,
});

const VERIFY_PAGE = 5000;

export const auditApi =
  ({ db }: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/audit',
      {
        config: access.roles('admin'),
        schema: {
          tags: ['access'],
          summary: 'The audit log (reads of person records, changes to users and tokens), newest first',
          querystring: listQuery,
          response: { 200: pageOf(entryView) },
        },
      },
      async (request) => {
        const q = request.query;
        const after = decodeCursor(request, q.cursor);
        if (after !== undefined && !/^\d+$/.test(after))
          throw badQuery(request, 'cursor', 'query.bad-cursor');
        const rows = await db.pool.query<EntryRow>(
          `SELECT ${COLUMNS} FROM audit_entry
            WHERE ($1::text IS NULL OR actor_username = $1) AND ($2::text IS NULL OR action = $2)
              AND ($3::text IS NULL OR target = $3) AND ($4::bigint IS NULL OR seq < $4)
            ORDER BY seq DESC LIMIT $5`,
          [q.actor ?? null, q.action ?? null, q.target ?? null, after ?? null, q.limit + 1],
        );
        return toPage(
          rows.rows,
          q.limit,
          (r) => String(r.seq),
          (r) => {
            const { prevHash: _prev, ...view } = entryOf(r);
            return view;
          },
        );
      },
    );

    app.get(
      '/api/v1/audit/verify',
      {
        config: access.roles('admin'),
        schema: {
          tags: ['access'],
          summary: 'Walk the hash chain of the audit log and report the first broken entry',
          response: {
            200: z.object({
              ok: z.boolean(),
              entries: z.number().int().describe('entries checked'),
              firstBroken: z
                .object({ seq: z.number().int(), reason: z.enum(['hash', 'link', 'gap']) })
                .nullable(),
            }),
          },
        },
      },
      async () => {
        let last = { seq: 0, hash: GENESIS };
        let entries = 0;
        for (;;) {
          const rows = await db.pool.query<EntryRow>(
            `SELECT ${COLUMNS} FROM audit_entry WHERE seq > $1 ORDER BY seq LIMIT ${VERIFY_PAGE}`,
            [last.seq],
          );
          const page = rows.rows.map(entryOf);
          const checked = verifyChain(page, last);
          if (checked.broken) {
            return { ok: false, entries: entries + checked.last.seq - last.seq, firstBroken: checked.broken };
          }
          entries += page.length;
          last = checked.last;
          if (page.length < VERIFY_PAGE) return { ok: true, entries, firstBroken: null };
        }
      },
    );
  };
