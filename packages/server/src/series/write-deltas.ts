import type pg from 'pg';
import type { Deltas } from './deltas.js';
import { amountText, isZero } from './exact-sum.js';

/**
 * Adds a batch's aggregated deltas to the series tables — one multi-row upsert per table, each series row
 * touched once — and deletes the rows left with no records (a withdrawal or a correction that moved a
 * record elsewhere), so that a stored row always means at least one record.
 */
export async function writeSeriesDeltas(
  client: pg.PoolClient,
  channel: string,
  deltas: Deltas,
): Promise<void> {
  const series = deltas.series.filter((d) => d.records !== 0 || !isZero(d.count) || d.denominator !== 0);
  if (series.length > 0) {
    await client.query(
      `INSERT INTO series_count AS s (channel, signal, place_code, period, period_start, count, records, denominator)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::date[], $6::numeric[], $7::int[], $8::numeric[])
       ON CONFLICT (channel, signal, place_code, period, period_start) DO UPDATE
         SET count = s.count + excluded.count, records = s.records + excluded.records,
             denominator = s.denominator + excluded.denominator`,
      [
        channel,
        series.map((d) => d.signal),
        series.map((d) => d.placeCode),
        series.map((d) => d.period),
        series.map((d) => d.periodStart),
        series.map((d) => amountText(d.count)),
        series.map((d) => d.records),
        series.map((d) => d.denominator),
      ],
    );
  }
  const facility = deltas.facility.filter((d) => d.records !== 0 || !isZero(d.count) || d.denominator !== 0);
  if (facility.length > 0) {
    await client.query(
      `INSERT INTO facility_series AS s (channel, facility_id, signal, day, count, records, denominator)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::date[], $5::numeric[], $6::int[], $7::numeric[])
       ON CONFLICT (channel, facility_id, signal, day) DO UPDATE
         SET count = s.count + excluded.count, records = s.records + excluded.records,
             denominator = s.denominator + excluded.denominator`,
      [
        channel,
        facility.map((d) => d.facilityId),
        facility.map((d) => d.signal),
        facility.map((d) => d.day),
        facility.map((d) => amountText(d.count)),
        facility.map((d) => d.records),
        facility.map((d) => d.denominator),
      ],
    );
  }
  if (!deltas.removals) return;
  const fallen = series.filter((d) => d.records < 0);
  if (fallen.length > 0) {
    await client.query(
      `DELETE FROM series_count s USING unnest($2::text[], $3::text[], $4::text[], $5::date[]) AS f(signal, place_code, period, period_start)
        WHERE s.channel = $1 AND s.records = 0 AND s.signal = f.signal AND s.place_code = f.place_code
          AND s.period = f.period AND s.period_start = f.period_start`,
      [
        channel,
        fallen.map((d) => d.signal),
        fallen.map((d) => d.placeCode),
        fallen.map((d) => d.period),
        fallen.map((d) => d.periodStart),
      ],
    );
  }
  const fallenFacility = facility.filter((d) => d.records < 0);
  if (fallenFacility.length > 0) {
    await client.query(
      `DELETE FROM facility_series s USING unnest($2::text[], $3::text[], $4::date[]) AS f(facility_id, signal, day)
        WHERE s.channel = $1 AND s.records = 0 AND s.facility_id = f.facility_id AND s.signal = f.signal AND s.day = f.day`,
      [
        channel,
        fallenFacility.map((d) => d.facilityId),
        fallenFacility.map((d) => d.signal),
        fallenFacility.map((d) => d.day),
      ],
    );
  }
}
