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
  readonly table: 'series_week' | 'facility_week';
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

const slots = (expression: string) =>
  `ARRAY[${[1, 2, 3, 4, 5, 6, 7]
    .map((d) => `coalesce(sum(${expression}) FILTER (WHERE extract(isodow FROM day) = ${d}), 0)`)
    .join(', ')}]`;

/**
 * The day totals `byDay` (channel, signal, the unit, day, count, records, denominator) folded into ISO weeks
 * with day slots, and compared with the week table the ingest kept: the rows that differ.
 */
const compareWeeks = (
  table: 'series_week' | 'facility_week',
  unit: 'place_code' | 'facility_id',
  prelude: string,
  byDay: string,
) => `
WITH ${prelude}
by_day AS (${byDay}),
recount AS (
  SELECT channel, signal, ${unit}, day - extract(isodow FROM day)::int + 1 AS week_start,
         sum(count) AS count, sum(records)::int AS records, sum(denominator) AS denominator,
         ${slots('count')} AS day_counts, ${slots('records')}::int[] AS day_records,
         ${slots('denominator')} AS day_denominators
    FROM by_day GROUP BY 1, 2, 3, 4
)
SELECT concat_ws('|', coalesce(k.channel, r.channel), coalesce(k.signal, r.signal), coalesce(k.${unit}, r.${unit}),
                 coalesce(k.week_start, r.week_start)) AS key,
       concat_ws(' ', k.count, k.records, k.denominator, k.day_counts, k.day_records, k.day_denominators) AS kept,
       concat_ws(' ', r.count, r.records, r.denominator, r.day_counts, r.day_records, r.day_denominators) AS recounted
  FROM ${table} k
  FULL JOIN recount r USING (channel, signal, ${unit}, week_start)
 WHERE k.count IS DISTINCT FROM r.count OR k.records IS DISTINCT FROM r.records
    OR k.denominator IS DISTINCT FROM r.denominator OR k.day_counts IS DISTINCT FROM r.day_counts
    OR k.day_records IS DISTINCT FROM r.day_records OR k.day_denominators IS DISTINCT FROM r.day_denominators
 LIMIT 100`;

const RECOUNT_SERIES = compareWeeks(
  'series_week',
  'place_code',
  `RECURSIVE chain (code, ancestor) AS (
  SELECT code, code FROM place
  UNION ALL
  SELECT c.code, p.parent_code FROM chain c JOIN place p ON p.code = c.ancestor JOIN place up ON up.code = p.parent_code
),
contribution AS (${contributions}),`,
  `SELECT channel, signal, ancestor AS place_code, event_date AS day,
          sum(amount) AS count, count(*)::int AS records, sum(denominator) AS denominator
     FROM contribution c JOIN chain ON chain.code = c.place_code
    GROUP BY 1, 2, 3, 4`,
);

const RECOUNT_FACILITY = compareWeeks(
  'facility_week',
  'facility_id',
  `contribution AS (${contributions}),`,
  `SELECT channel, signal, facility_id, event_date AS day, sum(amount) AS count, count(*)::int AS records,
          sum(denominator) AS denominator
     FROM contribution WHERE facility_id IS NOT NULL GROUP BY 1, 2, 3, 4
   UNION ALL
   SELECT channel, '${RECORDS_SIGNAL}', facility_id, event_date, count(*), count(*)::int, 0
     FROM (${records}) AS r GROUP BY 1, 3, 4`,
);

export async function recountDifferences(pool: pg.Pool): Promise<SeriesDifference[]> {
  const [series, facility] = await Promise.all([
    pool.query<{ key: string; kept: string | null; recounted: string | null }>(RECOUNT_SERIES),
    pool.query<{ key: string; kept: string | null; recounted: string | null }>(RECOUNT_FACILITY),
  ]);
  return [
    ...series.rows.map((r) => ({ table: 'series_week' as const, ...r })),
    ...facility.rows.map((r) => ({ table: 'facility_week' as const, ...r })),
  ];
}
