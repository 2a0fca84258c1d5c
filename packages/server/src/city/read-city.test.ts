import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cityFolder, readCity, readCityFiles } from './read-city.js';

describe('readCity on Wuhan', () => {
  test('the place tree, populations, facilities and borders', async () => {
    const { model, unplaced } = await readCity(cityFolder('wuhan'));
    expect(model.city).toEqual({
      id: 'wuhan',
      code: '4201',
      name: '武汉市',
      nameEn: 'Wuhan',
      timeZone: 'Asia/Shanghai',
    });
    expect(model.places).toHaveLength(3702);
    expect(model.places.filter((p) => p.functionalZone).map((p) => p.level)).toEqual(
      Array(31).fill('street'),
    );
    expect(model.places.find((p) => p.code === '420106490')).toMatchObject({
      name: '东湖风景区街道（武昌）',
      parentCode: '420106',
      unitType: '类似乡级单位',
      functionalZone: true,
      population: null,
    });
    expect(model.facilities).toHaveLength(83);
    expect(model.neighbours).toHaveLength(60);
    expect(unplaced).toEqual(['WH-E002 欢乐大道空地急救站']);
  });

  test('江夏大花山方舱医院 is placed by its name, without the known-wrong coordinates', async () => {
    const { model } = await readCity(cityFolder('wuhan'));
    expect(model.facilities.find((f) => f.id === 'WH-F013')).toMatchObject({
      name: '江夏大花山方舱医院',
      type: 'shelter_hospital',
      placeCode: '420115',
      lat: null,
      lon: null,
    });
  });

  test('the fingerprint follows the files', async () => {
    const a = await readCityFiles(cityFolder('wuhan'));
    const b = await readCityFiles(cityFolder('wuhan'));
    expect(a.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.dataHash).toBe(a.dataHash);
  });
});

describe('readCity refuses bad files, naming file, line and field', () => {
  let root: string;
  let folder: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'shaobing-city-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const edit = (file: string, change: (text: string) => string) => {
    folder = join(mkdtempSync(join(root, 'case-')), 'wuhan');
    cpSync(cityFolder('wuhan'), folder, { recursive: true });
    writeFileSync(join(folder, file), change(readFileSync(join(folder, file), 'utf8')));
  };

  test.each<[string, string, (text: string) => string, string]>([
    [
      'a code of the wrong length',
      'divisions.csv',
      (t) => t.replace('street,420102002,', 'street,42010200,'),
      'divisions.csv, line 16, field code: a street code has 9 digits, not 8 ("42010200")',
    ],
    [
      'a parent that is not listed',
      'divisions.csv',
      (t) => t.replace('street,420102002,大智街道,420102,', 'street,420102002,大智街道,420109,'),
      'divisions.csv, line 16, field parent_code: "420109" is not a district listed above this row',
    ],
    [
      'an unknown level',
      'divisions.csv',
      (t) => t.replace('street,420102002,', 'township,420102002,'),
      'divisions.csv, line 16, field level:',
    ],
    [
      'a missing column',
      'districts.csv',
      (t) => t.replace(',zone,', ',zone_x,'),
      'districts.csv, line 1, field zone: column missing',
    ],
    [
      'an unknown zone',
      'districts.csv',
      (t) => t.replace("420102,江岸区,Jiang'an,central,", "420102,江岸区,Jiang'an,centre,"),
      'districts.csv, line 2, field zone:',
    ],
    [
      'a population that is not a number',
      'census2020_bulletin_units.csv',
      (t) => t.replace(',12326518,', ',12.3M,'),
      'census2020_bulletin_units.csv, line 2, field resident_population_2020: must be a whole number (value "12.3M")',
    ],
    [
      'a census that no longer adds up',
      'census2020_bulletin_units.csv',
      (t) => t.replace(',965260,', ',965261,'),
      'city.json, field population.rule: districts sum to 12,326,519',
    ],
    [
      'a facility in an unknown district',
      'facilities.csv',
      (t) =>
        t.replace(
          'WH-F001,武昌洪山体育馆方舱医院,Wuchang Fangcang (Hongshan Gymnasium),fangcang_shelter_hospital,武昌区,420106,',
          'WH-F001,武昌洪山体育馆方舱医院,Wuchang Fangcang (Hongshan Gymnasium),fangcang_shelter_hospital,武昌区,420199,',
        ),
      'facilities.csv, line 2, field district_code: place 420199 is not in the city',
    ],
    [
      'a facility id used twice',
      'facilities.csv',
      (t) => t.replace('WH-F002,', 'WH-F001,'),
      'facilities.csv, line 3, field id: id "WH-F001" is already used at facilities.csv line 2',
    ],
    [
      'a facility id of another city',
      'facilities.csv',
      (t) => t.replace('WH-F002,', 'SZ-F002,'),
      'facilities.csv, line 3, field id: id "SZ-F002" must start with "WH-"',
    ],
    [
      'an unknown facility type',
      'facilities.csv',
      (t) => t.replace(',fangcang_shelter_hospital,武昌区,', ',tent,武昌区,'),
      'facilities.csv, line 2, field type: must be one of hospital',
    ],
    [
      'a latitude out of range',
      'facilities.csv',
      (t) => t.replace(',30.548343,114.329105,', ',130.548343,114.329105,'),
      'facilities.csv, line 2, field lat_wgs84: latitude out of range',
    ],
    [
      'a district without its boundary',
      'districts_wgs84.geojson',
      (t) => t.replace('"adcode": 420117', '"adcode": 420118'),
      'districts_wgs84.geojson: no feature with adcode 420117',
    ],
    [
      'a manifest with a bad code',
      'city.json',
      (t) => t.replace('"code": "4201"', '"code": "42"'),
      'city.json, field code: must be the 4-digit GB/T 2260 prefecture code',
    ],
    [
      'a manifest naming a missing file',
      'city.json',
      (t) => t.replace('"facilities": "facilities.csv"', '"facilities": "hospitals.csv"'),
      'hospitals.csv: cannot be read (ENOENT)',
    ],
    [
      'a rule naming an unknown census unit',
      'city.json',
      (t) => t.replace('"move": ["东湖高新", "东湖风景"]', '"move": ["东湖高新", "东湖"]'),
      'city.json, field population.rule.2.move: no census unit "东湖" in census2020_bulletin_units.csv',
    ],
  ])('%s', async (_, file, change, message) => {
    edit(file, change);
    await expect(readCity(folder)).rejects.toThrow(message);
  });

  test('a folder whose name is not the city id', async () => {
    edit('city.json', (t) => t.replace('"id": "wuhan"', '"id": "wuhan-2"'));
    await expect(readCity(folder)).rejects.toThrow(
      'city.json, field id: id "wuhan-2" is not the folder\'s name "wuhan"',
    );
  });
});
