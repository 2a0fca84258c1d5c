import type pg from 'pg';
import { isoWeekStart } from '../../channels/time.js';
import { addDays } from '../../series/periods.js';

/**
 * Daily counts for cluster rules, batched over many units: a facility's own series (facility_series), a
 * community's place series (series_week's day slots, migration 006), or the cases a single-case rule
 * matched (alert_case). Returns unit → date → count, summed over the signals asked for when `sum`, else
 * keyed by `unit|signal`.
 */

export type Counts = Map<string, Map<string, number>>;

function add(counts: Counts, key: string, date: string, count: number) {
  let byDate = counts.get(key);
  if (!byDate) counts.set(key, (byDate = new Map<string, number>()));
  byDate.set(date, (byDate.get(date) ?? 0) + count);
}

export async function seriesCounts(
  pool: pg.Pool,
  query: {
    readonly channel: string;
    readonly unit: 'facility' | 'community';
    readonly ids: readonly string[];
    readonly signals: readonly string[];
    readonly from: string;
    readonly to: string;
    readonly bySignal: boolean;
  },
): Promise<Counts> {
  const counts: Counts = new Map();
  const key = (unit: string, signal: string) => (query.bySignal ? `${unit}|${signal}` : unit);
  if (query.ids.length === 0) return counts;
  if (query.unit === 'facility') {
    const rows = await pool.query<{ unit: string; signal: string; day: string; count: number }>(
      `SELECT facility_id AS unit, signal, day, count::float8 AS count FROM facility_series
        WHERE channel = $1 AND facility_id = ANY($2::text[]) AND signal = ANY($3::text[]) AND day BETWEEN $4 AND $5
          AND week_start BETWEEN $4::date - 6 AND $5`,
      [query.channel, query.ids, query.signals, query.from, query.to],
    );
    for (const r of rows.rows) add(counts, key(r.unit, r.signal), r.day, r.count);
    return counts;
  }
  const rows = await pool.query<{ unit: string; signal: string; week_start: string; days: number[] }>(
    `SELECT place_code AS unit, signal, week_start, day_counts::float8[] AS days FROM series_week
      WHERE channel = $1 AND place_code = ANY($2::text[]) AND signal = ANY($3::text[])
        AND week_start BETWEEN $4 AND $5`,
    [query.channel, query.ids, query.signals, isoWeekStart(query.from), query.to],
  );
  for (const r of rows.rows) {
    r.days.forEach((count, i) => {
      const date = addDays(r.week_start, i);
      if (count !== 0 && date >= query.from && date <= query.to)
        add(counts, key(r.unit, r.signal), date, count);
    });
  }
  return counts;
}

export async function caseCounts(
  pool: pg.Pool,
  query: {
    readonly ruleId: string;
    readonly unit: 'facility' | 'community';
    readonly ids: readonly string[];
    readonly from: string;
    readonly to: string;
  },
): Promise<Counts> {
  const counts: Counts = new Map();
  if (query.ids.length === 0) return counts;
  const column = query.unit === 'facility' ? 'facility_id' : 'place_code';
  const rows = await pool.query<{ unit: string; family: string; day: string; count: number }>(
    `SELECT ${column} AS unit, family, event_date AS day, count(*)::int AS count FROM alert_case
      WHERE rule_id = $1 AND ${column} = ANY($2::text[]) AND event_date BETWEEN $3 AND $4
      GROUP BY 1, 2, 3`,
    [query.ruleId, query.ids, query.from, query.to],
  );
  for (const r of rows.rows) add(counts, `${r.unit}|${r.family}`, r.day, r.count);
  return counts;
}
