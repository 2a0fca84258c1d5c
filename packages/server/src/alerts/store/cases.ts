import type pg from 'pg';
import type { CaseMatch } from '../rules/single-case.js';

/** Keeps the records single-case rules matched (alert_case), for cluster rules over them. */
export async function rememberCases(pool: pg.Pool, matches: readonly CaseMatch[]): Promise<void> {
  if (matches.length === 0) return;
  await pool.query(
    `INSERT INTO alert_case (rule_id, channel, record_key, family, facility_id, place_code, event_date)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[])
     ON CONFLICT (rule_id, channel, record_key) DO UPDATE
       SET family = EXCLUDED.family, facility_id = EXCLUDED.facility_id, place_code = EXCLUDED.place_code,
           event_date = EXCLUDED.event_date`,
    [
      matches.map((m) => m.rule.id),
      matches.map((m) => m.record.channel),
      matches.map((m) => m.record.recordKey),
      matches.map((m) => m.family),
      matches.map((m) => m.record.facilityId),
      matches.map((m) => m.record.placeCode),
      matches.map((m) => m.record.eventDate),
    ],
  );
}
