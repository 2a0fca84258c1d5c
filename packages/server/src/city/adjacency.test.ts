import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { districtNeighbours } from './adjacency.js';
import { parseBoundaries, type Boundary } from './boundaries.js';
import { cityFolder } from './read-city.js';

// A square of `size` degrees with its south-west corner at (lon, lat), near Wuhan.
const square = (code: string, lon: number, lat: number, size = 0.01): Boundary => ({
  code,
  label: null,
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
    ],
  },
});
const pairs = (boundaries: Boundary[], tolerance?: number) =>
  districtNeighbours(boundaries, tolerance)
    .filter((n) => n.placeCode < n.neighbourCode)
    .map((n) => `${n.placeCode}-${n.neighbourCode}`);

describe('districtNeighbours on squares', () => {
  test('a shared edge is a border, of its length', () => {
    const neighbours = districtNeighbours([square('A', 114, 30.5), square('B', 114.01, 30.5)]);
    expect(neighbours.map((n) => n.placeCode)).toEqual(['A', 'B']);
    expect(neighbours[0]?.borderM).toBeGreaterThan(1100); // 0.01° of latitude ≈ 1,112 m
    expect(neighbours[0]?.borderM).toBeLessThan(1120);
  });

  test('a touch at one corner is not a border', () => {
    expect(pairs([square('A', 114, 30.5), square('B', 114.01, 30.51)])).toEqual([]);
  });

  test('a gap narrower than the tolerance is a border, a wider one is not', () => {
    const gap5m = 5 / (111_195 * Math.cos((30.5 * Math.PI) / 180));
    expect(pairs([square('A', 114, 30.5), square('B', 114.01 + gap5m, 30.5)])).toEqual(['A-B']);
    expect(pairs([square('A', 114, 30.5), square('B', 114.01 + 10 * gap5m, 30.5)])).toEqual([]);
  });
});

describe('Wuhan district adjacency (districts_wgs84.geojson)', () => {
  const file = join(cityFolder('wuhan'), 'districts_wgs84.geojson');
  const boundaries = parseBoundaries('districts_wgs84.geojson', readFileSync(file, 'utf8'));
  const neighbours = districtNeighbours(boundaries);
  const of = (code: string) => neighbours.filter((n) => n.placeCode === code).map((n) => n.neighbourCode);

  test('30 bordering pairs, each stored both ways', () => {
    expect(neighbours).toHaveLength(60);
    for (const n of neighbours) {
      expect(neighbours).toContainEqual({
        placeCode: n.neighbourCode,
        neighbourCode: n.placeCode,
        borderM: n.borderM,
      });
    }
  });

  test.each([
    ['江岸 borders 江汉', '420102', '420103', true],
    ['江岸 borders 黄陂', '420102', '420116', true],
    ['江岸 borders 武昌 across the Yangtze', '420102', '420106', true],
    ['汉南 borders 蔡甸', '420113', '420114', true],
    ['洪山 borders 青山', '420111', '420107', true],
    ['新洲 does not border 汉南', '420117', '420113', false],
    ['江汉 does not border 青山', '420103', '420107', false],
    ['黄陂 does not border 江夏', '420116', '420115', false],
  ])('%s', (_, a, b, borders) => {
    expect(of(a).includes(b)).toBe(borders);
  });

  test('江岸 has exactly its six neighbours', () => {
    expect(of('420102')).toEqual(['420103', '420106', '420107', '420111', '420112', '420116']);
  });

  test('the same pairs for any tolerance from 0.5 m to 100 m', () => {
    const at = (tolerance: number) => pairs(boundaries, tolerance);
    expect(at(0.5)).toEqual(at(10));
    expect(at(100)).toEqual(at(10));
  });
});
