import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import { ApiError } from '../../http/api-error.js';
import type { Platform } from '../../http/app.js';
import { translate } from '../../i18n/messages.js';
import type { AlertConfig } from '../config/schema.js';
import { Names } from '../names.js';
import { ALERT_COLUMNS, ALERT_FROM, toAlertView, type AlertRow } from '../store/alert-view.js';
import { capPolygons } from './area.js';
import {
  capHeadline,
  capIdentifier,
  capMessage,
  capTime,
  type CapArea,
  type CapInput,
} from './cap-message.js';
import { el, renderXml, XML_DECLARATION } from './xml.js';
import { access } from '../../access/route-access.js';

/**
 * The public feed, without login: GET /api/v1/public/cap is an Atom feed of the open alerts marked public,
 * each entry carrying its CAP 1.2 message inline (application/cap+xml) — the way alerting authorities
 * publish CAP — and GET /api/v1/public/cap/{id} is one alert's current CAP message on its own. An alert
 * withdrawn with its data (closed_reason 'retracted') is published as a Cancel.
 */

const MAX_ENTRIES = 200;
/** How long a Cancel stays in the feed for readers that poll it (a cancelled alert's own URL keeps it). */
const CANCEL_DAYS = 7;
const CURRENT_OR_CANCELLED = `a.status = 'open' OR (a.closed_reason = 'retracted' AND a.closed_at > now() - interval '${CANCEL_DAYS} days')`;

interface AreaRow {
  code: string;
  name: string;
  name_en: string | null;
  boundary: unknown;
}

async function capInputs(pool: pg.Pool, rows: readonly AlertRow[]): Promise<CapInput[]> {
  if (rows.length === 0) return [];
  // The public area is the alert's district (its code's first 6 digits), or the city itself.
  const areaCode = (place: string) => (place.length >= 6 ? place.slice(0, 6) : place);
  const areas = await pool.query<AreaRow>(
    'SELECT code, name, name_en, boundary FROM place WHERE code = ANY($1::text[])',
    [[...new Set(rows.map((r) => areaCode(r.place_code)))]],
  );
  const events = await pool.query<{ alert_id: number; version: number; at_ms: number }>(
    `SELECT alert_id, version, (extract(epoch FROM at) * 1000)::float8 AS at_ms FROM alert_event
      WHERE alert_id = ANY($1::bigint[])`,
    [rows.map((r) => r.id)],
  );
  const sentAt = (id: number, version: number) =>
    events.rows.find((e) => e.alert_id === id && e.version === version)?.at_ms;
  return rows.map((r) => {
    const code = areaCode(r.place_code);
    const a = areas.rows.find((x) => x.code === code);
    const area: CapArea = {
      code,
      name: { zh: a?.name ?? code, en: a?.name_en ?? a?.name ?? code },
      polygons: a ? capPolygons(a.boundary) : [],
    };
    return {
      alert: toAlertView(r),
      area,
      sentMs: sentAt(r.id, r.version) ?? Date.parse(r.last_fired_at),
      previousSentMs: sentAt(r.id, r.version - 1),
    };
  });
}

export const capFeed =
  ({ config: platformConfig, db }: Platform, config: AlertConfig): FastifyPluginAsyncZod =>
  async (app) => {
    const names = new Names(db.pool, config);

    app.get(
      '/api/v1/public/cap',
      {
        config: access.public(),
        schema: {
          tags: ['public'],
          summary: 'Public alerts as an Atom feed of CAP 1.2 messages (no login)',
          produces: ['application/atom+xml'],
        },
      },
      async (_request, reply) => {
        const rows = await db.pool.query<AlertRow>(
          `SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} WHERE a.public AND (${CURRENT_OR_CANCELLED})
            ORDER BY greatest(a.last_fired_at, a.closed_at) DESC, a.id DESC LIMIT ${MAX_ENTRIES}`,
        );
        const inputs = await capInputs(db.pool, rows.rows);
        const city = await db.pool.query<{ name: string; code: string }>(
          'SELECT name, code FROM city WHERE id = $1',
          [platformConfig.city],
        );
        const cityName = city.rows[0]?.name ?? platformConfig.city;
        const updated = inputs.reduce((latest, i) => Math.max(latest, i.sentMs), 0) || Date.now();
        const feed = el(
          'feed',
          [
            el('id', `urn:shaobing:${city.rows[0]?.code ?? platformConfig.city}:cap`),
            el('title', translate('cap.feed-title', 'zh-CN', { city: cityName })),
            el('updated', capTime(updated)),
            el('author', [el('name', config.cap.senderName.zh)]),
            el('link', [], { rel: 'self', href: '/api/v1/public/cap' }),
            ...inputs.map((input) => {
              const message = capMessage(config, names, input);
              const identifier = capIdentifier(config, input.alert.id, input.alert.version);
              return el('entry', [
                el('id', identifier),
                el('title', capHeadline(config, names, input, 'zh-CN')),
                el('updated', capTime(input.sentMs)),
                el('link', [], { href: `/api/v1/public/cap/${input.alert.id}`, type: 'application/cap+xml' }),
                el('content', [message], { type: 'application/cap+xml' }),
              ]);
            }),
          ],
          { xmlns: 'http://www.w3.org/2005/Atom' },
        );
        return reply.type('application/atom+xml; charset=utf-8').send(XML_DECLARATION + renderXml(feed));
      },
    );

    app.get(
      '/api/v1/public/cap/:id',
      {
        config: access.public(),
        schema: {
          tags: ['public'],
          summary: "One public alert's current CAP 1.2 message (no login)",
          params: z.object({ id: z.coerce.number().int().positive() }),
          produces: ['application/cap+xml'],
        },
      },
      async (request, reply) => {
        const rows = await db.pool.query<AlertRow>(
          `SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM}
            WHERE a.id = $1 AND a.public AND (a.status = 'open' OR a.closed_reason = 'retracted')`,
          [request.params.id],
        );
        const [input] = await capInputs(db.pool, rows.rows);
        if (!input) throw new ApiError('not-found', 'alert.cap-not-found', { id: request.params.id });
        return reply
          .type('application/cap+xml; charset=utf-8')
          .send(XML_DECLARATION + renderXml(capMessage(config, names, input)));
      },
    );
  };
