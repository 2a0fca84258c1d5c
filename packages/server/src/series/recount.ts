import type pg from 'pg';
import { CHANNEL_IDS } from '../channels/channel-id.js';
import { channels } from '../channels/channels.js';
import { RECORDS_SIGNAL } from './deltas.js';

/**
 * The series recomputed from the stored records alone (active records' signals, counts and denominators,
 * up the place tree, by day and ISO week), compared with the series the ingest kept incrementally. Used by
 * the tests and the crash test; an operator can run it too. Returns the rows that differ (none, always).
 */

export interface SeriesDifference {
  readonly table: 'series_count' | 'facility_series';
  readonly key: string;
  readonly kept: string | null;
  readonly recounted: string | null;
}

const contributions = CHANNEL_IDS.map(
  (id) => `SELECT '${id}'::text AS channel, r.event_date, r.place_code, r.facility_id, s.signal,
                  COALESCE(r.counts[s.i], 1) AS amount, COALESCE(r.denominator, 0) AS denominator
             FROM ${channels[id].table} r, unnest(r.signals) WITH ORDINALITY AS s(signal, i)
            WHERE r.active`,
).join('\nUNION ALL\n');

const records = CHANNEL_IDS.map(
  (id) =>
    `SELECT '${id}'::text AS channel, facility_id, event_date FROM ${channels[id].table} WHERE active AND facility_id IS NOT NULL`,
).join('\nUNION ALL\n');

const RECOUNT_SERIES = `
WITH RECURSIVE chain (code, ancestor) AS (
  SELECT code, code FROM place
  UNION ALL
  SELECT c.code, p.parent_code FROM chain c JOIN place p ON p.code = c.ancestor JOIN place up ON up.code = p.parent_code
),
contribution AS (${contributions}),
recount AS (
  SELECT channel, signal, ancestor AS place_code, period, period_start,
         sum(amount) AS count, count(*)::int AS records, sum(denominator) AS denominator
    FROM contribution c
    JOIN chain ON chain.code = c.place_code
    CROSS JOIN LATERAL (VALUES ('day', c.event_date), ('week', c.event_date - extract(isodow FROM c.event_date)::int + 1)) AS p(period, period_start)
   GROUP BY 1, 2, 3, 4, 5
)
SELECT concat_ws('|', coalesce(k.channel, r.channel), coalesce(k.signal, r.signal), coalesce(k.place_code, r.place_code),
                 coalesce(k.period, r.period), coalesce(k.period_start, r.period_start)) AS key,
       concat_ws('/', k.count, k.records, k.denominator) AS kept, concat_ws('/', r.count, r.records, r.denominator) AS recounted
  FROM series_count k
  FULL JOIN recount r USING (channel, signal, place_code, period, period_start)
 WHERE k.count IS DISTINCT FROM r.count OR k.records IS DISTINCT FROM r.records
    OR k.denominator IS DISTINCT FROM r.denominator
 LIMIT 100`;

const RECOUNT_FACILITY = `
WITH contribution AS (${contributions}),
recount AS (
  SELECT channel, facility_id, signal, event_date AS day, sum(amount) AS count, count(*)::int AS records,
         sum(denominator) AS denominator
    FROM contribution WHERE facility_id IS NOT NULL GROUP BY 1, 2, 3, 4
  UNION ALL
  SELECT channel, facility_id, '${RECORDS_SIGNAL}', event_date, count(*), count(*)::int, 0
    FROM (${records}) AS r GROUP BY 1, 2, 4
)
SELECT concat_ws('|', coalesce(k.channel, r.channel), coalesce(k.facility_id, r.facility_id), coalesce(k.signal, r.signal),
                 coalesce(k.day, r.day)) AS key,
       concat_ws('/', k.count, k.records, k.denominator) AS kept, concat_ws('/', r.count, r.records, r.denominator) AS recounted
  FROM facility_series k
  FULL JOIN recount r USING (channel, facility_id, signal, day)
 WHERE k.count IS DISTINCT FROM r.count OR k.records IS DISTINCT FROM r.records
    OR k.denominator IS DISTINCT FROM r.denominator
 LIMIT 100`;

export async function recountDifferences(pool: pg.Pool): Promise<SeriesDifference[]> {
  const [series, facility] = await Promise.all([
    pool.query<{ key: string; kept: string | null; recounted: string | null }>(RECOUNT_SERIES),
    pool.query<{ key: string; kept: string | null; recounted: string | null }>(RECOUNT_FACILITY),
  ]);
  return [
    ...series.rows.map((r) => ({ table: 'series_count' as const, ...r })),
    ...facility.rows.map((r) => ({ table: 'facility_series' as const, ...r })),
  ];
}
