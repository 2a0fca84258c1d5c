import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { loadCity, type CityLoad } from './load-city.js';
import { cityFolder } from './read-city.js';

describe(`loading Wuhan on ${inject('databaseKind')}`, () => {
  let db: TestDatabase;
  let first: CityLoad;
  let copy: string;
  const scalar = async (sql: string, params: unknown[] = []) =>
    Object.values((await db.pool.query(sql, params)).rows[0] as Record<string, unknown>)[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    first = await loadCity(db.pool, cityFolder('wuhan'));
    copy = join(mkdtempSync(join(tmpdir(), 'shaobing-city-')), 'wuhan');
    cpSync(cityFolder('wuhan'), copy, { recursive: true });
  });
  afterAll(async () => {
    await db.drop();
    rmSync(join(copy, '..'), { recursive: true, force: true });
  });

  test('the first load writes the whole city in one go', () => {
    expect(first).toMatchObject({
      cityId: 'wuhan',
      changed: true,
      places: { inserted: 3702, updated: 0 },
      neighbours: { inserted: 60, updated: 0, removed: 0 },
      facilities: { inserted: 83, updated: 0 },
      unplaced: ['WH-E002 欢乐大道空地急救站'],
    });
    expect(first.milliseconds).toBeLessThan(10_000);
  });

  test('1 city, 13 districts, 193 streets and 3,495 communities, 31 of the streets functional zones', async () => {
    expect(await scalar('SELECT count(*) FROM city')).toBe(1);
    const levels = await db.pool.query<{ level: string; n: number }>(
      'SELECT level, count(*) AS n FROM place GROUP BY level ORDER BY level',
    );
    expect(Object.fromEntries(levels.rows.map((r) => [r.level, r.n]))).toEqual({
      city: 1,
      district: 13,
      street: 193,
      community: 3495,
    });
    expect(await scalar("SELECT count(*) FROM place WHERE functional_zone AND level = 'street'")).toBe(31);
  });

  test('district populations sum to the city total 12,326,518; streets and communities have none', async () => {
    expect(await scalar("SELECT sum(population)::integer FROM place WHERE level = 'district'")).toBe(
      12_326_518,
    );
    expect(await scalar("SELECT population FROM place WHERE level = 'city'")).toBe(12_326_518);
    expect(await scalar("SELECT count(population) FROM place WHERE level IN ('street', 'community')")).toBe(
      0,
    );
  });

  test('districts carry zone, area, label point and boundary', async () => {
    const row = await db.pool.query(
      "SELECT name, name_en, zone, area_km2, boundary->>'type' AS type FROM place WHERE code = '420102'",
    );
    expect(row.rows[0]).toEqual({
      name: '江岸区',
      name_en: "Jiang'an",
      zone: 'central',
      area_km2: 77.8,
      type: 'MultiPolygon',
    });
    expect(await scalar("SELECT count(*) FROM place WHERE level = 'district' AND zone = 'new_urban'")).toBe(
      6,
    );
  });

  test('facilities: types, roles and places', async () => {
    const types = await db.pool.query<{ type: string; n: number }>(
      'SELECT type, count(*) AS n FROM facility GROUP BY type ORDER BY type',
    );
    expect(Object.fromEntries(types.rows.map((r) => [r.type, r.n]))).toEqual({
      community_health_center: 1,
      ems_station: 2,
      field_hospital: 2,
      hospital: 62,
      shelter_hospital: 16,
    });
    expect(await scalar("SELECT count(*) FROM facility WHERE 'fever_clinic' = ANY (roles)")).toBe(61);
    expect(await scalar("SELECT count(*) FROM facility WHERE 'designated_treatment' = ANY (roles)")).toBe(9);
    const jinyintan = await db.pool.query("SELECT * FROM facility WHERE name = '武汉市金银潭医院'");
    expect(jinyintan.rows[0]).toMatchObject({
      id: 'WH-F025',
      type: 'hospital',
      place_code: '420112',
      source: 'city-data',
    });
    // An EMS station placed by its street.
    expect(await scalar("SELECT place_code FROM facility WHERE id = 'WH-E001'")).toBe('420106003');
  });

  test('a second start finds the same fingerprint and writes nothing', async () => {
    const again = await loadCity(db.pool, cityFolder('wuhan'));
    expect(again).toMatchObject({ changed: false, places: { inserted: 0, updated: 0 } });
  });

  test('a reload of the same data (fingerprint lost) updates no row', async () => {
    await db.pool.query('UPDATE city SET data_hash = NULL');
    const again = await loadCity(db.pool, cityFolder('wuhan'));
    expect(again).toMatchObject({
      changed: true,
      places: { inserted: 0, updated: 0 },
      neighbours: { inserted: 0, updated: 0, removed: 0 },
      facilities: { inserted: 0, updated: 0 },
    });
  });

  test('an updated data file updates its rows and leaves simulated facilities alone', async () => {
    await db.pool.query(
      `INSERT INTO facility (id, city_id, name, type, place_code, source)
       VALUES ('WH-S0001', 'wuhan', '模拟药店', 'pharmacy', '420102002', 'simulated')`,
    );
    const file = join(copy, 'facilities.csv');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('WH-F025,武汉市金银潭医院,', 'WH-F025,武汉市金银潭医院（新）,'),
    );
    const divisions = join(copy, 'divisions.csv');
    writeFileSync(divisions, readFileSync(divisions, 'utf8').replace(',大智街道,', ',大智街,'));
    const reload = await loadCity(db.pool, copy);
    expect(reload).toMatchObject({
      changed: true,
      places: { updated: 1 },
      facilities: { updated: 1, inserted: 0 },
    });
    expect(await scalar("SELECT name FROM facility WHERE id = 'WH-F025'")).toBe('武汉市金银潭医院（新）');
    expect(await scalar("SELECT name FROM place WHERE code = '420102002'")).toBe('大智街');
    expect(await scalar("SELECT source FROM facility WHERE id = 'WH-S0001'")).toBe('simulated');
  });

  test('a bad file stops the load with file, line and field, and writes nothing', async () => {
    const file = join(copy, 'facilities.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[4] = (lines[4] ?? '').replace(',0,0,0,1,0,0,', ',0,0,0,2,0,0,'); // fangcang_2020 on line 5
    writeFileSync(file, lines.join('\n'));
    await expect(loadCity(db.pool, copy)).rejects.toThrow(
      'facilities.csv, line 5, field fangcang_2020: must be 0 or 1 (value "2")',
    );
    expect(await scalar("SELECT name FROM facility WHERE id = 'WH-F025'")).toBe('武汉市金银潭医院（新）');
  });
});
