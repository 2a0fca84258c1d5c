import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseCensusUnits, type CensusUnit } from './census-units.js';
import { cityManifest, type PopulationStep } from './city-manifest.js';
import { apportionPopulation } from './population-rule.js';
import { cityFolder } from './read-city.js';

const unit = (u: string, unitType: CensusUnit['unitType'], adminCode: string | null, population: number) => ({
  unit: u,
  unitEn: null,
  unitType,
  adminCode,
  population,
});

describe('apportionPopulation on a made-up city', () => {
  // Total 1,000: districts A (300), B (200, its zone sub-item), C (150) and a zone Z (550) that holds B
  // and people living in A and C.
  const units = [
    unit('total', 'city', null, 1000),
    unit('A', 'district', '000001', 300),
    unit('C', 'district', '000003', 150),
    unit('Z', 'functional_zone', null, 550),
    unit('of which B', 'functional_zone_subitem', '000002', 200),
  ];
  const codes = ['000001', '000002', '000003'];
  const share: PopulationStep = {
    move: ['Z'],
    less: ['of which B'],
    to: { '000001': 2, '000003': 1 },
    why: '…',
  };

  test('shares a zone by weight, by largest remainder, and sums to the total', () => {
    const result = apportionPopulation('census.csv', units, 'total', codes, [share]);
    expect(result.get('000001')?.population).toBe(300 + 233); // 350 × 2/3 = 233.3…
    expect(result.get('000002')?.population).toBe(200);
    expect(result.get('000003')?.population).toBe(150 + 117); // 116.7…: the larger remainder
    expect(result.get('000001')?.note).toContain('+ 233 of Z less of which B (rule 1, weight 2 of 3)');
  });

  test('a unit left unshared is an error naming the rule', () => {
    expect(() => apportionPopulation('census.csv', units, 'total', codes, [])).toThrow(
      /city\.json, field population\.rule: districts sum to 650, the census total "total" is 1,000/,
    );
  });

  test('a unit counted twice is an error', () => {
    expect(() => apportionPopulation('census.csv', units, 'total', codes, [share, share])).toThrow(
      /sum to 1,350/,
    );
  });

  test('an unknown unit or district is named', () => {
    expect(() =>
      apportionPopulation('census.csv', units, 'total', codes, [{ ...share, move: ['Y'] }]),
    ).toThrow(/field population\.rule\.0\.move: no census unit "Y" in census\.csv/);
    expect(() =>
      apportionPopulation('census.csv', units, 'total', codes, [{ ...share, to: { '000009': 1 } }]),
    ).toThrow(/field population\.rule\.0\.to: 000009 is not a district/);
  });

  test('moving people out of a district takes them from its figure', () => {
    const moveOut: PopulationStep = { move: ['C'], less: [], from: '000003', to: { '000001': 1 }, why: '…' };
    const result = apportionPopulation('census.csv', units, 'total', codes, [share, moveOut]);
    expect(result.get('000003')?.population).toBe(150 + 117 - 150);
    expect(result.get('000001')?.population).toBe(300 + 233 + 150);
  });
});

describe("Wuhan's rule (data/cities/wuhan/city.json)", () => {
  const folder = cityFolder('wuhan');
  const manifest = cityManifest.parse(JSON.parse(readFileSync(join(folder, 'city.json'), 'utf8')));
  const units = parseCensusUnits('census', readFileSync(join(folder, manifest.files.censusUnits), 'utf8'));
  const codes = units.filter((u) => u.adminCode !== null).map((u) => u.adminCode as string);
  const result = apportionPopulation(
    'census',
    units,
    manifest.population.total,
    codes,
    manifest.population.rule,
  );
  const population = (code: string) => result.get(code)?.population;

  test('the 13 administrative districts sum exactly to the census total 12,326,518', () => {
    expect(result.size).toBe(13);
    expect([...result.values()].reduce((a, d) => a + d.population, 0)).toBe(12_326_518);
  });

  test.each([
    ['420102', 965_260], // the eight districts the bulletin reports as administrative districts keep their figure
    ['420103', 647_932],
    ['420104', 666_661],
    ['420105', 837_263],
    ['420112', 845_782],
    ['420113', 145_103], // 汉南: the sub-item of 武汉经开
    ['420116', 1_151_644],
    ['420117', 860_377],
    ['420114', 554_383 + (481_338 - 145_103)], // 蔡甸 + 武汉经开 outside 汉南
    ['420107', 463_295 - 31_477], // 青山 without 武汉化工 = the county tabulation's 431,818
  ])('%s has %i', (code, expected) => {
    expect(population(code)).toBe(expected);
  });

  test('东湖高新 and 东湖风景 go to 武昌, 洪山 and 江夏 in proportion to the tabulation weights', () => {
    const pool = 935_146 + 121_161;
    const wuchang = (population('420106') ?? 0) - 1_092_750;
    const hongshan = (population('420111') ?? 0) - 1_728_811 - 31_477;
    const jiangxia = (population('420115') ?? 0) - 974_715;
    expect(wuchang + hongshan + jiangxia).toBe(pool);
    expect(Math.abs(wuchang - (pool * 9_438) / 1_137_307)).toBeLessThan(1);
    expect(Math.abs(hongshan - (pool * 794_115) / 1_137_307)).toBeLessThan(1);
    expect(Math.abs(jiangxia - (pool * 333_754) / 1_137_307)).toBeLessThan(1);
  });

  test('each note keeps the bulletin figure and names the adjustments', () => {
    expect(result.get('420102')?.note).toBe('2020 census bulletin 965,260 (江岸)');
    expect(result.get('420114')?.note).toMatch(
      /^2020 census bulletin 554,383 \(蔡甸\) \+ 336,235 of 武汉经开 less 其中:汉南 \(rule 1\) = 890,618/,
    );
  });
});
