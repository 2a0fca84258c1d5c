import type pg from 'pg';
import { dateOfDayNumber, dayNumberOf } from '../../channels/time.js';
import { mondayOf } from '../series-window.js';

/**
 * Adds daily counts to `series_week` as the ingest would (one record per unit counted), for tests and the
 * benchmark: `counts[i]` on day `firstDay + i`, at each of `places`. Negative counts take records away.
 */
export async function addDailyCounts(
  pool: pg.Pool,
  channel: string,
  signal: string,
  places: readonly string[],
  firstDay: string,
  counts: readonly number[],
): Promise<void> {
  const weeks = new Map<number, number[]>();
  const start = dayNumberOf(firstDay);
  counts.forEach((count, i) => {
    const day = start + i;
    const monday = mondayOf(day);
    let slots = weeks.get(monday);
    if (!slots) weeks.set(monday, (slots = [0, 0, 0, 0, 0, 0, 0]));
    slots[day - monday]! += count;
  });
  const rows = [...weeks].filter(([, slots]) => slots.some((c) => c !== 0));
  for (const place of places) {
    await pool.query(
      `INSERT INTO series_week AS s (channel, signal, place_code, week_start, count, records, denominator,
                                     day_counts, day_records, day_denominators)
       SELECT $1, $2, $3, w.week_start, w.total, w.total, 0, w.days::numeric[], w.days::int[], '{0,0,0,0,0,0,0}'
         FROM unnest($4::date[], $5::int[], $6::text[]) AS w(week_start, total, days)
       ON CONFLICT (channel, signal, place_code, week_start) DO UPDATE
          SET count = s.count + excluded.count, records = s.records + excluded.records,
              day_counts = ARRAY(SELECT a + b FROM unnest(s.day_counts, excluded.day_counts) AS x(a, b)),
              day_records = ARRAY(SELECT a + b FROM unnest(s.day_records, excluded.day_records) AS x(a, b))`,
      [
        channel,
        signal,
        place,
        rows.map(([monday]) => dateOfDayNumber(monday)),
        rows.map(([, slots]) => slots.reduce((a, b) => a + b, 0)),
        rows.map(([, slots]) => `{${slots.join(',')}}`),
      ],
    );
  }
}
