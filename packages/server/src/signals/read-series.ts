import type pg from 'pg';
import { dateOfDayNumber } from '../channels/time.js';
import type { Period } from './rule.js';

/**
 * Batch reads of the place series (`series_week`: one row per signal, place and ISO week, with the week's
 * seven day slots) for a run: one query per interval for all the series, aggregated in SQL to one row per
 * series carrying only its non-zero periods, so that thousands of series cost a round trip and little parsing.
 */

export const pairKey = (signal: string, placeCode: string) => `${signal}\u0000${placeCode}`;

export interface ChannelSpan {
  /** Day numbers (days since 1970-01-01) of the first and the last day with any record of the channel. */
  readonly firstDay: number;
  readonly lastDay: number;
  /** Every signal the channel has stored. */
  readonly signals: readonly string[];
}

/**
 * The channel's signals and the days its data spans, from the city's own place (where every record counts):
 * an index skip over the signals, then the first and last week of each — a few dozen index probes.
 */
export async function channelSpan(
  db: pg.Pool | pg.ClientBase,
  channel: string,
  root: string,
): Promise<ChannelSpan | undefined> {
  const result = await db.query<{
    signals: string[] | null;
    first_day: number | null;
    last_day: number | null;
  }>(
    `WITH RECURSIVE s AS (
       (SELECT signal FROM series_week WHERE channel = $1 ORDER BY signal LIMIT 1)
       UNION ALL
       SELECT (SELECT w.signal FROM series_week w WHERE w.channel = $1 AND w.signal > s.signal ORDER BY w.signal LIMIT 1)
         FROM s WHERE s.signal IS NOT NULL
     ),
     edge AS (
       SELECT s.signal, f.week_start AS first_week, f.day_records AS first_records,
              l.week_start AS last_week, l.day_records AS last_records
         FROM s
         CROSS JOIN LATERAL (SELECT week_start, day_records FROM series_week
                              WHERE channel = $1 AND signal = s.signal AND place_code = $2
                              ORDER BY week_start LIMIT 1) f
         CROSS JOIN LATERAL (SELECT week_start, day_records FROM series_week
                              WHERE channel = $1 AND signal = s.signal AND place_code = $2
                              ORDER BY week_start DESC LIMIT 1) l
        WHERE s.signal IS NOT NULL
     )
     SELECT (SELECT array_agg(signal ORDER BY signal) FROM s WHERE signal IS NOT NULL) AS signals,
            (SELECT min(first_week + i - 1) - date '1970-01-01' FROM edge, unnest(first_records) WITH ORDINALITY d(r, n), LATERAL (SELECT n::int AS i) AS o WHERE r > 0) AS first_day,
            (SELECT max(last_week + i - 1) - date '1970-01-01' FROM edge, unnest(last_records) WITH ORDINALITY d(r, n), LATERAL (SELECT n::int AS i) AS o WHERE r > 0) AS last_day`,
    [channel, root],
  );
  const row = result.rows[0];
  if (!row || row.first_day === null || row.last_day === null) return undefined;
  return { firstDay: row.first_day, lastDay: row.last_day, signals: row.signals ?? [] };
}

/**
 * Days (day numbers) on which the channel received at least one record anywhere in the city, between
 * `fromDay` and `toDay`: a day outside this set is a day nothing was reported (a system outage, a school
 * holiday), which the run reads as missing rather than zero.
 */
export async function reportedDays(
  db: pg.Pool | pg.ClientBase,
  channel: string,
  root: string,
  signals: readonly string[],
  fromDay: number,
  toDay: number,
): Promise<Set<number>> {
  const result = await db.query<{ day: number }>(
    `SELECT DISTINCT week_start + i - 1 - date '1970-01-01' AS day
       FROM series_week, unnest(day_records) WITH ORDINALITY d(r, n), LATERAL (SELECT n::int AS i) AS o
      WHERE channel = $1 AND signal = ANY($2::text[]) AND place_code = $3 AND r > 0
        AND week_start BETWEEN $4::date - 6 AND $5::date`,
    [channel, signals, root, dateOfDayNumber(fromDay), dateOfDayNumber(toDay)],
  );
  return new Set(result.rows.map((r) => r.day));
}

/** The series to read of one channel, over its window. */
export interface ChannelRead {
  readonly channel: string;
  /** Day numbers of the first and last period start read (Mondays for weeks). */
  readonly fromDay: number;
  readonly toDay: number;
  readonly pairs: readonly { readonly signal: string; readonly placeCode: string }[];
  /** Weeks only: the Mondays to read, when the methods need only some (series-window.ts `pastWindowWeeks`). */
  readonly weeks?: readonly number[];
}

/** Non-zero counts per series: pair key → [period index, count, period index, count, …]. */
export type SparseCounts = Map<string, number[]>;

/**
 * Reads one interval of the given series, each by an index range scan on the table's key (channel, signal,
 * place, week), aggregated to one text row per series with only its non-zero periods. The series are split
 * over `parallel` connections: the server's per-row work (a few microseconds) is what a full run waits for.
 * A sequential scan with one big GROUP BY was slower: the planner cannot know the group count, sorts, and
 * spills to disk.
 */
export async function readCounts(
  db: pg.Pool,
  period: Period,
  reads: readonly ChannelRead[],
  parallel: number,
): Promise<Map<string, SparseCounts>> {
  const byChannel = new Map<string, SparseCounts>(reads.map((r) => [r.channel, new Map()]));
  // Reads of only some weeks go one by one (each has its own list); the others share a statement.
  const groups = [
    reads.filter((r) => r.weeks === undefined),
    ...reads.filter((r) => r.weeks !== undefined).map((r) => [r]),
  ];
  for (const group of groups) {
    const keys = group.flatMap((r) =>
      r.pairs.map((p) => [
        r.channel,
        p.signal,
        p.placeCode,
        dateOfDayNumber(r.fromDay),
        dateOfDayNumber(r.toDay),
      ]),
    );
    if (keys.length === 0) continue;
    const weeks = group[0]?.weeks?.map(dateOfDayNumber);
    const sql = countsSql(period, weeks !== undefined);
    const size = Math.ceil(keys.length / Math.max(1, parallel));
    const parts = Array.from({ length: Math.ceil(keys.length / size) }, (_, i) =>
      keys.slice(i * size, (i + 1) * size),
    );
    const results = await Promise.all(
      parts.map((part) =>
        db.query<{ channel: string; signal: string; place_code: string; counts: string }>(sql, [
          ...[0, 1, 2, 3, 4].map((c) => part.map((k) => k[c])),
          ...(weeks ? [weeks] : []),
        ]),
      ),
    );
    for (const result of results) {
      for (const row of result.rows) {
        const values: number[] = [];
        for (const entry of row.counts.split(',')) {
          const colon = entry.indexOf(':');
          values.push(Number(entry.slice(0, colon)), Number(entry.slice(colon + 1)));
        }
        byChannel.get(row.channel)?.set(pairKey(row.signal, row.place_code), values);
      }
    }
  }
  return byChannel;
}

function countsSql(period: Period, someWeeks: boolean): string {
  const aggregate =
    period === 'week'
      ? `SELECT string_agg(((s.week_start - k.first) / 7)::text || ':' || s.count::text, ',') AS counts
           FROM series_week s
          WHERE s.channel = k.channel AND s.signal = k.signal AND s.place_code = k.place_code
            AND ${someWeeks ? 's.week_start = ANY($6::date[])' : 's.week_start BETWEEN k.first AND k.last'}
            AND s.count <> 0`
      : `SELECT string_agg((s.week_start + o.i - 1 - k.first)::text || ':' || d.c::text, ',') AS counts
           FROM series_week s, unnest(s.day_counts) WITH ORDINALITY d(c, n), LATERAL (SELECT n::int AS i) AS o
          WHERE s.channel = k.channel AND s.signal = k.signal AND s.place_code = k.place_code
            AND s.week_start BETWEEN k.first - 6 AND k.last AND d.c <> 0
            AND s.week_start + o.i - 1 BETWEEN k.first AND k.last`;
  return `SELECT k.channel, k.signal, k.place_code, a.counts
            FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[])
              AS k(channel, signal, place_code, first, last)
            CROSS JOIN LATERAL (${aggregate}) AS a
           WHERE a.counts IS NOT NULL`;
}
