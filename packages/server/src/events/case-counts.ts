import type pg from 'pg';
import { notifiableDiseases } from '../channels/notifiable-diseases.js';
import { addDays } from '../series/periods.js';
import { cityOf } from '../response/organisations.js';
import type { CaseFacts } from './level-criteria.js';

/**
 * The counts the level criteria ask for, over a window of days ending on `asOf`, in the event's city:
 * notifiable diseases from the report cards (active cards, carriers left out: the plan counts 发病), other
 * types (unknown-pneumonia) from the cases the single-case rules matched (alert_case).
 */

type Queryable = pg.Pool | pg.PoolClient;

/** Years of the baseline (前5年同期), and weeks per year so the window keeps its weekdays. */
const BASELINE_YEARS = 5;
const DAYS_PER_BASELINE_YEAR = 364;
const RATIOS = [2, 3];

export async function caseFacts(
  db: Queryable,
  type: string,
  placeCode: string,
  asOf: string,
  windowDays: number,
): Promise<CaseFacts> {
  const city = cityOf(placeCode);
  const isDisease = notifiableDiseases().known(type);
  const count = async (from: string, to: string) =>
    (
      await db.query<{ district: string; n: number }>(
        isDisease
          ? `SELECT left(place_code, 6) AS district, count(*)::int AS n FROM report_card_record
              WHERE disease = $1 AND active AND card_type <> 'withdrawal'
                AND coalesce(classification, '') <> 'carrier'
                AND place_code LIKE $2 || '%' AND event_date BETWEEN $3 AND $4
              GROUP BY 1`
          : `SELECT left(place_code, 6) AS district, count(*)::int AS n FROM alert_case
              WHERE family = $1 AND place_code LIKE $2 || '%' AND event_date BETWEEN $3 AND $4
              GROUP BY 1`,
        [type, city, from, to],
      )
    ).rows.filter((r) => r.district.length === 6);
  const from = addDays(asOf, 1 - windowDays);
  const now = await count(from, asOf);
  const facts: CaseFacts = {
    windowDays,
    districtMax: Math.max(0, ...now.map((r) => r.n)),
    cityTotal: now.reduce((s, r) => s + r.n, 0),
    districts: now.filter((r) => r.n > 0).length,
  };
  if (!isDisease) return facts;
  const earliest = (
    await db.query<{ d: string | null }>(
      `SELECT min(event_date) AS d FROM report_card_record WHERE place_code LIKE $1 || '%'`,
      [city],
    )
  ).rows[0]?.d;
  const baselineStart = addDays(from, -BASELINE_YEARS * DAYS_PER_BASELINE_YEAR);
  // The data allow the baseline only when the stored cards reach back over all five years.
  if (!earliest || earliest > baselineStart) return facts;
  const mean = new Map<string, number>();
  for (let y = 1; y <= BASELINE_YEARS; y++) {
    const shift = -y * DAYS_PER_BASELINE_YEAR;
    for (const r of await count(addDays(from, shift), addDays(asOf, shift)))
      mean.set(r.district, (mean.get(r.district) ?? 0) + r.n / BASELINE_YEARS);
  }
  // A mean below one case is taken as one, so that a single case against an empty baseline is not "twice".
  const atRatio = (ratio: number) =>
    now.filter((r) => r.n >= ratio * Math.max(1, mean.get(r.district) ?? 0)).length;
  return { ...facts, districtsAtRatio: Object.fromEntries(RATIOS.map((k) => [String(k), atRatio(k)])) };
}
