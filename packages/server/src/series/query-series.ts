import type pg from 'pg';
import type { ChannelId } from '../channels/channel-id.js';
import { channels } from '../channels/channels.js';
import { RECORDS_SIGNAL } from './deltas.js';
import { isoWeekStart } from '../channels/time.js';
import { addDays, periodLength, type Interval } from './periods.js';

/**
 * One page of a series, every period present: a place's series (zero where no record counted, with the
 * reporting completeness of the facilities standing in the place), or a facility's own series (missing —
 * null — on days it did not report).
 */

export interface Completeness {
  /** Facility-days reported, and expected: facilities in the place that had begun reporting on the channel. */
  readonly reported: number;
  readonly expected: number;
  /** reported / expected; null when no facility was expected. */
  readonly ratio: number | null;
}

export interface SeriesPoint {
  readonly period: string;
  /** The signal's sum (null: the facility did not report). */
  readonly count: number | null;
  readonly records: number | null;
  readonly denominator?: number | null;
  /** Measurements (wastewater): count / records; null without a sample. */
  readonly mean?: number | null;
  readonly completeness?: Completeness;
}

export interface SeriesRequest {
  readonly channel: ChannelId;
  readonly signal: string;
  readonly place?: string | undefined;
  readonly facility?: string | undefined;
  readonly interval: Interval;
  /** Period starts of this page, in order. */
  readonly periods: readonly string[];
}

interface Row {
  period_start: string;
  count: number;
  records: number;
  denominator: number;
}

const HAS_DENOMINATOR = new Set<ChannelId>(['school', 'lab']);

export async function querySeries(pool: pg.Pool, request: SeriesRequest): Promise<SeriesPoint[]> {
  const { channel, signal, interval, periods } = request;
  const first = periods[0];
  const lastStart = periods.at(-1);
  if (first === undefined || lastStart === undefined) return [];
  const last = addDays(lastStart, periodLength(interval) - 1);
  const definition = channels[channel];
  const shape = (period: string, row: Row | undefined): SeriesPoint => {
    const count = row?.count ?? 0;
    const records = row?.records ?? 0;
    return {
      period,
      count,
      records,
      ...(HAS_DENOMINATOR.has(channel) ? { denominator: row?.denominator ?? 0 } : {}),
      ...(definition.measurement ? { mean: records > 0 ? count / records : null } : {}),
    };
  };

  if (request.facility !== undefined) {
    const rows = await pool.query<Row & { signal: string; day: string }>(
      `SELECT CASE WHEN $5 = 'week' THEN day - extract(isodow FROM day)::int + 1 ELSE day END AS period_start,
              signal, sum(count)::float8 AS count, sum(records)::int AS records, sum(denominator)::float8 AS denominator
         FROM facility_series
        WHERE channel = $1 AND facility_id = $2 AND signal IN ($3, '${RECORDS_SIGNAL}') AND day BETWEEN $4 AND $6
          AND week_start BETWEEN $4::date - 6 AND $6
        GROUP BY 1, 2`,
      [channel, request.facility, signal, first, interval, last],
    );
    const reported = new Set(rows.rows.filter((r) => r.signal === RECORDS_SIGNAL).map((r) => r.period_start));
    const values = new Map(rows.rows.filter((r) => r.signal === signal).map((r) => [r.period_start, r]));
    return periods.map((period) =>
      reported.has(period) ? shape(period, values.get(period)) : { period, count: null, records: null },
    );
  }

  const place = request.place ?? '';
  const values = await placeValues(pool, channel, signal, place, interval, first, lastStart);
  const completeness = definition.completeness
    ? await completenessByPeriod(pool, channel, place, interval, first, last)
    : undefined;
  return periods.map((period) => {
    const point = shape(period, values.get(period));
    const c = completeness?.get(period);
    return completeness ? { ...point, completeness: c ?? { reported: 0, expected: 0, ratio: null } } : point;
  });
}

/** A place's stored values by period start: week rows as they are, or their day slots spread out. */
async function placeValues(
  pool: pg.Pool,
  channel: ChannelId,
  signal: string,
  place: string,
  interval: Interval,
  first: string,
  lastStart: string,
): Promise<Map<string, Row>> {
  const rows = await pool.query<{
    week_start: string;
    count: number;
    records: number;
    denominator: number;
    day_counts: number[];
    day_records: number[];
    day_denominators: number[];
  }>(
    `SELECT week_start, count::float8 AS count, records, denominator::float8 AS denominator,
            day_counts::float8[] AS day_counts, day_records, day_denominators::float8[] AS day_denominators
       FROM series_week
      WHERE channel = $1 AND signal = $2 AND place_code = $3 AND week_start BETWEEN $4 AND $5`,
    [channel, signal, place, isoWeekStart(first), lastStart],
  );
  const values = new Map<string, Row>();
  for (const r of rows.rows) {
    if (interval === 'week') {
      values.set(r.week_start, {
        period_start: r.week_start,
        count: r.count,
        records: r.records,
        denominator: r.denominator,
      });
      continue;
    }
    for (let slot = 0; slot < 7; slot++) {
      if ((r.day_records[slot] ?? 0) === 0) continue;
      const day = addDays(r.week_start, slot);
      values.set(day, {
        period_start: day,
        count: r.day_counts[slot] ?? 0,
        records: r.day_records[slot] ?? 0,
        denominator: r.day_denominators[slot] ?? 0,
      });
    }
  }
  return values;
}

/**
 * Reporting completeness of the facilities standing in `place` (by code prefix), per period: a facility is
 * expected from the first day it ever reported on the channel; a week sums its days.
 */
async function completenessByPeriod(
  pool: pg.Pool,
  channel: ChannelId,
  place: string,
  interval: Interval,
  from: string,
  to: string,
): Promise<Map<string, Completeness>> {
  const result = await pool.query<{ period_start: string; expected: number; reported: number }>(
    `WITH reporter AS (
       SELECT fs.facility_id, min(fs.day) AS first_day
         FROM facility_series fs JOIN facility f ON f.id = fs.facility_id
        WHERE fs.channel = $1 AND fs.signal = '${RECORDS_SIGNAL}' AND f.place_code LIKE $2 || '%'
        GROUP BY fs.facility_id
     ),
     day AS (SELECT d::date AS day FROM generate_series($3::date, $4::date, interval '1 day') AS d),
     expected AS (
       SELECT day.day, count(reporter.facility_id)::int AS expected
         FROM day LEFT JOIN reporter ON reporter.first_day <= day.day GROUP BY day.day
     ),
     reported AS (
       SELECT fs.day, count(*)::int AS reported
         FROM facility_series fs JOIN reporter USING (facility_id)
        WHERE fs.channel = $1 AND fs.signal = '${RECORDS_SIGNAL}' AND fs.day BETWEEN $3 AND $4
          AND fs.week_start BETWEEN $3::date - 6 AND $4
        GROUP BY fs.day
     )
     SELECT CASE WHEN $5 = 'week' THEN e.day - extract(isodow FROM e.day)::int + 1 ELSE e.day END AS period_start,
            sum(e.expected)::int AS expected, sum(coalesce(r.reported, 0))::int AS reported
       FROM expected e LEFT JOIN reported r USING (day)
      GROUP BY 1`,
    [channel, place, from, to, interval],
  );
  return new Map(
    result.rows.map((r) => [
      r.period_start,
      { reported: r.reported, expected: r.expected, ratio: r.expected > 0 ? r.reported / r.expected : null },
    ]),
  );
}
