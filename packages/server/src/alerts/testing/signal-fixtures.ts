import type pg from 'pg';

/**
 * What the tests of the signal rules (statistical, concordance, retractions) start from, beside the fixture
 * city: its two districts (江岸区, 江汉区) as bordering neighbours, and daily district detection rules of
 * ESSENCE's EWMA on visits, pharmacy and school and of EARS C2 on visits, for signals to be stored under.
 */

export const FIXTURE_DETECTION_RULES = [
  { key: 'visit.essence-ewma', channel: 'visit', method: 'essence.ewma' },
  { key: 'pharmacy.essence-ewma', channel: 'pharmacy', method: 'essence.ewma' },
  { key: 'school.essence-ewma', channel: 'school', method: 'essence.ewma' },
  { key: 'visit.ears-c2', channel: 'visit', method: 'earsC' },
] as const;

/** One signal a test stores: under which fixture rule, on which series, place and day, with what p-value. */
export interface SignalSpec {
  readonly rule: (typeof FIXTURE_DETECTION_RULES)[number]['key'];
  readonly signal: string;
  readonly place: string;
  readonly day: string;
  readonly p: number | null;
  readonly observed?: number;
}

/** Inserts the neighbours and the rules; returns each rule's id by key. */
export async function insertSignalFixtures(pool: pg.Pool): Promise<Map<string, number>> {
  await pool.query(
    `INSERT INTO place_neighbour (place_code, neighbour_code, border_m)
     VALUES ('420102', '420103', 5000), ('420103', '420102', 5000)`,
  );
  const ids = new Map<string, number>();
  for (const { key, channel, method } of FIXTURE_DETECTION_RULES) {
    const row = await pool.query<{ id: number }>(
      `INSERT INTO detection_rule (key, revision, channel, place_levels, period, method, lookback)
       VALUES ($1, 1, $2, '{district}', 'day', $3, 14) RETURNING id`,
      [key, channel, method],
    );
    ids.set(key, row.rows[0]?.id as number);
  }
  return ids;
}
