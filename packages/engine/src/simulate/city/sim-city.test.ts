import { describe, expect, test } from 'vitest';
import { wuhanInput } from '../testing/wuhan.js';
import type { Boundary } from './city-input.js';
import { DEFAULT_LAYOUT } from './layout.js';
import { insideBoundary } from './placement.js';
import { simulateCity } from './sim-city.js';

const input = wuhanInput();
const city = simulateCity(input);
const count = (reports: string) => city.facilities.filter((f) => f.reports === reports).length;

describe('the simulated city', () => {
  test('reports through the 61 real fever clinics and a sentinel-sized sample of simulated facilities', () => {
    expect(count('fever_clinic')).toBe(61);
    expect(count('sentinel_hospital')).toBe(7 * 3 + 6 * 2); // central districts 3, new ones 2
    expect(count('pharmacy')).toBe(13 * 6);
    expect(count('school')).toBe(13 * 8);
    expect(count('lab')).toBe(4);
    expect(count('wastewater_site')).toBe(6);
    expect(
      city.facilities.filter((f) => f.source === 'city-data').every((f) => /^WH-F\d{3}$/.test(f.id)),
    ).toBe(true);
  });

  test('simulated ids are unique, in blocks per kind, and stand in a street of their district', () => {
    const simulated = city.facilities.filter((f) => f.source === 'simulated');
    expect(new Set(simulated.map((f) => f.id)).size).toBe(simulated.length);
    const block = { sentinel_hospital: 1, pharmacy: 2, school: 3, lab: 4, wastewater_site: 5 } as Record<
      string,
      number
    >;
    for (const f of simulated) {
      expect(f.id).toMatch(new RegExp(`^WH-S${block[f.reports]}\\d{3}$`));
      expect(city.street.get(f.placeCode)?.districtCode).toBe(f.districtCode);
    }
  });

  test('simulated facilities lie inside their district (WGS-84)', () => {
    const boundary = new Map(
      input.places.filter((p) => p.level === 'district').map((p) => [p.code, p.boundary as Boundary]),
    );
    for (const f of city.facilities.filter((x) => x.source === 'simulated')) {
      expect(
        insideBoundary(boundary.get(f.districtCode) as Boundary, f.lon as number, f.lat as number),
        f.id,
      ).toBe(true);
    }
  });

  test('the layout is a function of the city data alone, and one kind can change without renumbering another', () => {
    const again = simulateCity(input);
    expect(again.facilities.map((f) => [f.id, f.name, f.lat, f.lon, f.size])).toEqual(
      city.facilities.map((f) => [f.id, f.name, f.lat, f.lon, f.size]),
    );
    const fewerStores = simulateCity(input, { ...DEFAULT_LAYOUT, pharmaciesPerDistrict: 3 });
    const schools = (c: typeof city) => c.facilities.filter((f) => f.reports === 'school').map((f) => f.id);
    expect(schools(fewerStores)).toEqual(schools(city));
  });

  test('streets share their district population, and schools have an enrolment for their level', () => {
    for (const d of city.districts) {
      const sum = d.streets.items.reduce((s, x) => s + x.population, 0);
      expect(sum).toBeCloseTo(d.population, 3);
    }
    for (const f of city.facilities.filter((x) => x.reports === 'school')) {
      expect(f.school?.enrolled).toBeGreaterThanOrEqual(150);
      expect(f.roles).toEqual([f.school?.level]);
    }
  });
});
