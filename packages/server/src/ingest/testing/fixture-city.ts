import type pg from 'pg';

/**
 * A small piece of Wuhan (real codes from data/cities/wuhan) with one facility of each kind that reports,
 * for the ingest's tests, the crash test and the benchmark. Inserted with ON CONFLICT DO NOTHING, so it
 * sits beside the full city when that is loaded.
 */

export const FIXTURE_PLACES = [
  { code: '4201', parent: null, level: 'city', name: '武汉市' },
  { code: '420102', parent: '4201', level: 'district', name: '江岸区' },
  { code: '420103', parent: '4201', level: 'district', name: '江汉区' },
  { code: '420102002', parent: '420102', level: 'street', name: '大智街道' },
  { code: '420102003', parent: '420102', level: 'street', name: '一元街道' },
  { code: '420103001', parent: '420103', level: 'street', name: '民族街街道' },
  { code: '420102002003', parent: '420102002', level: 'community', name: '保成社区' },
  { code: '420102002004', parent: '420102002', level: 'community', name: '泰宁社区' },
  { code: '420102003001', parent: '420102003', level: 'community', name: '岳飞社区' },
  { code: '420102003002', parent: '420102003', level: 'community', name: '同兴社区' },
] as const;

export const FIXTURE_FACILITIES = [
  { id: 'FX-H1', type: 'hospital', place: '420102002' },
  { id: 'FX-FC1', type: 'fever_clinic', place: '420103001' },
  { id: 'FX-P1', type: 'pharmacy', place: '420102003001' },
  { id: 'FX-S1', type: 'school', place: '420102002004' },
  { id: 'FX-L1', type: 'lab', place: '420103' },
  { id: 'FX-W1', type: 'wastewater_site', place: '420102' },
] as const;

export async function insertFixtureCity(pool: pg.Pool): Promise<void> {
  await pool.query(
    `INSERT INTO city (id, code, name, name_en) VALUES ('wuhan', '4201', '武汉市', 'Wuhan') ON CONFLICT DO NOTHING`,
  );
  for (const p of FIXTURE_PLACES) {
    await pool.query(
      `INSERT INTO place (code, city_id, parent_code, level, name) VALUES ($1, 'wuhan', $2, $3, $4) ON CONFLICT DO NOTHING`,
      [p.code, p.parent, p.level, p.name],
    );
  }
  for (const f of FIXTURE_FACILITIES) {
    await pool.query(
      `INSERT INTO facility (id, city_id, name, type, place_code) VALUES ($1, 'wuhan', $1, $2, $3) ON CONFLICT DO NOTHING`,
      [f.id, f.type, f.place],
    );
  }
}
