import { ALERT_LEVELS, levelRank } from '@shaobing/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import type { Platform } from '../../http/app.js';
import { onAlertEvent, type AlertEvent, type AlertEventType } from '../events.js';
import { ALERT_COLUMNS, toAlertView, type AlertRow, type AlertView } from '../store/alert-view.js';
import { inJurisdiction } from '../../access/jurisdiction.js';
import { access, principalOf } from '../../access/route-access.js';
import { SURVEILLANCE_READERS } from '../../access/roles.js';

/**
 * GET /api/v1/alerts/stream: the dashboard's live feed of alert changes as Server-Sent Events. Each event's
 * id is its `alert_event.seq`; a client reconnecting with Last-Event-ID (the header browsers send, or the
 * `lastEventId` query parameter) first receives what it missed, from the table, then the live events. A
 * comment line every `heartbeatMs` keeps proxies from closing an idle connection.
 */

const query = z.object({
  lastEventId: z.coerce.number().int().min(0).optional().describe('resume after this event id'),
  minLevel: z.enum(ALERT_LEVELS).optional(),
  place: z
    .string()
    .regex(/^\d{4,12}$/)
    .optional()
    .describe('alerts in this place or below it'),
});

interface Streamed {
  readonly seq: number;
  readonly type: AlertEventType;
  readonly alert: AlertView;
}

const MAX_REPLAY = 1000;

async function missedSince(pool: pg.Pool, seq: number): Promise<Streamed[]> {
  const rows = await pool.query<AlertRow & { seq: number; type: AlertEventType }>(
    `SELECT e.seq, e.type, ${ALERT_COLUMNS}
       FROM alert_event e JOIN alert a ON a.id = e.alert_id LEFT JOIN place p ON p.code = a.place_code
      WHERE e.seq > $1 ORDER BY e.seq LIMIT ${MAX_REPLAY}`,
    [seq],
  );
  return rows.rows.map((r) => ({ seq: r.seq, type: r.type, alert: toAlertView(r) }));
}

export const frame = (e: Streamed) =>
  `id: ${e.seq}\nevent: alert.${e.type}\ndata: ${JSON.stringify({ seq: e.seq, type: e.type, alert: e.alert })}\n\n`;

export const alertStream =
  (platform: Platform, options: { heartbeatMs?: number } = {}): FastifyPluginAsyncZod =>
  async (app) => {
    const heartbeatMs = options.heartbeatMs ?? 15_000;
    const open = new Set<() => void>();
    app.addHook('onClose', async () => {
      for (const close of open) close();
    });
    app.get(
      '/api/v1/alerts/stream',
      {
        config: access.roles(...SURVEILLANCE_READERS),
        schema: {
          tags: ['alerts'],
          summary: 'Live alert changes (Server-Sent Events; Last-Event-ID resumes)',
          querystring: query,
          produces: ['text/event-stream'],
        },
      },
      async (request, reply) => {
        const header = request.headers['last-event-id'];
        const fromHeader = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : undefined;
        const resumeAfter = fromHeader ?? request.query.lastEventId;
        const { minLevel, place } = request.query;
        const caller = principalOf(request);
        const wanted = (alert: AlertView) =>
          inJurisdiction(caller, alert.placeCode) &&
          (minLevel === undefined || levelRank(alert.level) >= levelRank(minLevel)) &&
          (place === undefined || alert.placeCode.startsWith(place));

        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        raw.write('retry: 5000\n\n');

        let last = resumeAfter ?? 0;
        let live = false;
        const pending: Streamed[] = [];
        const send = (e: Streamed) => {
          if (e.seq <= last) return;
          last = e.seq;
          if (wanted(e.alert)) raw.write(frame(e));
        };
        const unsubscribe = onAlertEvent((event: AlertEvent) => {
          if (event.pool !== platform.db.pool) return;
          if (live) send(event);
          else pending.push(event);
        });
        const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), heartbeatMs);
        const close = () => {
          clearInterval(heartbeat);
          unsubscribe();
          open.delete(close);
          raw.end();
        };
        open.add(close);
        request.raw.on('close', close);

        // Subscribed first, then the missed events read: nothing falls between the two.
        if (resumeAfter !== undefined) {
          for (const e of await missedSince(platform.db.pool, resumeAfter)) send(e);
        } else {
          const latest = await platform.db.pool.query<{ seq: number | null }>(
            'SELECT max(seq) AS seq FROM alert_event',
          );
          last = Math.max(last, latest.rows[0]?.seq ?? 0);
        }
        for (const e of pending.sort((a, b) => a.seq - b.seq)) send(e);
        live = true;
        raw.write(`: ready after ${last}\n\n`);
      },
    );
  };
