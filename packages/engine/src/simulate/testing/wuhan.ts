import { readFileSync } from 'node:fs';
import type { CityInput, CityPlaceInput } from '../city/city-input.js';

/**
 * Tests and benchmarks only (not exported by the package): Wuhan as the simulator takes it, read from
 * data/cities/wuhan and data/calendar. The server builds the same input from its CityModel; here district
 * populations are the census bulletin's managed-area figures scaled to the city total, close to the
 * server's apportionment (city.json's rule) and good enough for a test.
 */

const root = new URL('../../../../../data/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

/** RFC 4180 lines: quoted fields may hold commas. */
function rows(text: string): Record<string, string>[] {
  const lines = text.trim().split('\n');
  const split = (line: string) => {
    const out: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i] as string;
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          field += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else field += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        out.push(field);
        field = '';
      } else field += ch;
    }
    out.push(field);
    return out;
  };
  const header = split(lines[0] as string);
  return lines.slice(1).map((line) => {
    const values = split(line);
    return Object.fromEntries(header.map((h, i) => [h, values[i] ?? '']));
  });
}

let cached: CityInput | undefined;

export function wuhanInput(): CityInput {
  if (cached) return cached;
  const districts = new Map(rows(read('cities/wuhan/districts.csv')).map((d) => [d.code as string, d]));
  const managed = [...districts.values()].reduce(
    (s, d) => s + Number(d.population_2020_census_managed_area),
    0,
  );
  const scale = 12_326_518 / managed;
  const geo = JSON.parse(read('cities/wuhan/districts_wgs84.geojson')) as {
    features: {
      properties: { adcode: number; center: [number, number] };
      geometry: CityPlaceInput['boundary'];
    }[];
  };
  const boundaries = new Map(geo.features.map((f) => [String(f.properties.adcode), f]));
  const places: CityPlaceInput[] = rows(read('cities/wuhan/divisions.csv')).map((r) => {
    const d = districts.get(r.code as string);
    const b = boundaries.get(r.code as string);
    return {
      code: r.code as string,
      parentCode: r.parent_code || null,
      level: r.level === 'village' ? 'community' : (r.level as CityPlaceInput['level']),
      name: r.name as string,
      unitType: r.unit_type || null,
      zone: d ? (d.zone as 'central' | 'new_urban') : null,
      population: d ? Math.round(Number(d.population_2020_census_managed_area) * scale) : null,
      areaKm2: d ? Number(d.area_km2_computed) : null,
      lon: b ? b.properties.center[0] : null,
      lat: b ? b.properties.center[1] : null,
      boundary: b?.geometry ?? null,
    };
  });
  const facilities = rows(read('cities/wuhan/facilities.csv')).map((f) => ({
    id: f.id as string,
    name: f.name as string,
    type: f.type as string,
    placeCode: f.district_code as string,
    lat: f.lat_wgs84 ? Number(f.lat_wgs84) : null,
    lon: f.lon_wgs84 ? Number(f.lon_wgs84) : null,
    roles: f.fever_clinic_2020 === '1' ? ['fever_clinic'] : [],
  }));
  const springFestivals = rows(read('calendar/spring_festival.csv')).map((r) => ({
    year: Number(r.year),
    date: r.spring_festival_date as string,
  }));
  cached = {
    id: 'wuhan',
    code: '4201',
    name: '武汉市',
    facilityIdPrefix: 'WH',
    places,
    facilities,
    springFestivals,
  };
  return cached;
}
